#!/usr/bin/env node
// Entry point of the `tracescope` command. The CLI is TypeScript; tsx's loader runs it
// directly so that `npx tracescope ...` works right after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
