#!/usr/bin/env node
// Browser tests use the system Chromium, never a downloaded one. When none is found and we
// run as root (CI, a fresh Debian machine), install Debian's package; otherwise say what to do.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromiumPath } from './chromium-path.mjs';

if (chromiumPath()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error('No Chromium found: install Debian\'s "chromium" package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.');
  process.exit(1);
}
console.log('No Chromium found: installing Debian\'s chromium with apt-get…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
if (!chromiumPath()) {
  console.error('apt-get installed chromium but /usr/bin/chromium is still missing.');
  process.exit(1);
}
