import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanStore } from '../store/spanStore';
import { createApp } from './app';

let dir: string;
let store: SpanStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tracescope-app-'));
  const dist = join(dir, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>Tracescope</title>');
  await writeFile(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'not for the web');
  store = await SpanStore.open(join(dir, 'data'), { retentionIntervalMs: 0 });
  app = createApp({ store, staticDir: dist });
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('serving the built app', () => {
  it('serves files with their type, fingerprinted assets cached for good', async () => {
    const js = await app.request('/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
  });

  it('falls back to index.html for client-side routes, never cached', async () => {
    for (const path of ['/', '/trace/5b8efff798038103d269b633813fc60c?span=1', '/search?service=cart']) {
      const page = await app.request(path);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Tracescope</title>');
      expect(page.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('never serves files outside the app folder', async () => {
    const escaped = await app.request('/..%2Fsecret.txt');
    expect(await escaped.text()).not.toContain('not for the web');
  });

  it('answers unknown API paths with 404, not the app', async () => {
    const missing = await app.request('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('unknown API path /api/nothing-here');
  });
});
