/**
 * The sources routes wired the way serve wires them: in front of the real app (Tempo + Jaeger
 * routes over a real store), served over HTTP by @hono/node-server, with `local` going to the
 * app in-process and an upstream that is itself a Tracescope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { SpanStore } from '../store/spanStore';
import { createApp } from '../api/app';
import { loadSources } from './config';
import { sourcesRoutes } from './routes';

let dir: string;
let store: SpanStore;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tracescope-upstream-'));
  store = await SpanStore.open(join(dir, 'data'), { retentionIntervalMs: 0 });
  const local = createApp({ store, staticDir: null });
  // The upstream is this very server's own Tempo API (a Tracescope is a valid Tempo upstream),
  // so the routes are built once the port is known.
  let routes: Hono | null = null;
  server = createAdaptorServer({ fetch: (request: Request) => (routes ? routes.fetch(request) : new Response('starting', { status: 503 })) }) as Server;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sources = loadSources({ sourceFlags: [`self=tempo:${base}`], env: {}, defaultSource: 'self' });
  // What serve does: the sources routes first (before the app's /api/* 404), local in-process.
  routes = new Hono();
  routes.route('/', sourcesRoutes(sources, { localFetch: (request) => local.fetch(request) }));
  routes.route('/', local);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('wired in front of the app', () => {
  it('lists the sources', async () => {
    const res = await fetch(`${base}/api/tracescope/sources`);
    const body = (await res.json()) as { sources: { name: string; default: boolean }[] };
    expect(body.sources.map((s) => [s.name, s.default])).toEqual([
      ['local', false],
      ['self', true],
    ]);
  });

  it('serves local through the real Tempo and Jaeger routes', async () => {
    const build = await fetch(`${base}/api/tracescope/sources/local/proxy/api/status/buildinfo`);
    expect(build.status).toBe(200);
    expect(((await build.json()) as { version: string }).version).toContain('tracescope');
    const services = await fetch(`${base}/api/tracescope/sources/local/proxy/jaeger/api/services`);
    expect(services.status).toBe(200);
    expect(await services.json()).toMatchObject({ data: [] });
    const missing = await fetch(`${base}/api/tracescope/sources/local/proxy/api/v2/traces/0123456789abcdef0123456789abcdef`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-tracescope-upstream')).toBe('local');
  });

  it('proxies over HTTP to an upstream and passes its errors through', async () => {
    const echo = await fetch(`${base}/api/tracescope/sources/self/proxy/api/echo`);
    expect(echo.status).toBe(200);
    expect(await echo.text()).toBe('echo');
    const bad = await fetch(`${base}/api/tracescope/sources/self/proxy/api/v2/traces/not-hex`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-tracescope-upstream')).toBe('self');
    expect(await bad.text()).toMatch(/invalid trace ID/);
  });

  it('leaves the rest of the app untouched', async () => {
    expect((await fetch(`${base}/api/echo`)).status).toBe(200);
    expect((await fetch(`${base}/api/nothing-here`)).status).toBe(404);
  });
});
