/**
 * A tiny HTTP server for contract tests: serves recorded bodies at exact paths, so the clients
 * run unchanged over the real global `fetch`. Test-only (imported by `*.test.ts`).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  readonly status?: number;
  readonly body?: string;
  readonly contentType?: string;
  /** Wait this long before answering (for abort tests). */
  readonly delayMs?: number;
}

export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Request targets (path + query) in arrival order. */
  readonly requests: string[];
  /** Sets (or replaces) the answer for a path (query ignored). */
  route(path: string, route: Route): void;
  close(): Promise<void>;
}

const FIXTURES = new URL('../../__fixtures__/', import.meta.url);

export function fixture(relativePath: string): string {
  return readFileSync(new URL(relativePath, FIXTURES), 'utf8');
}

export function json(relativePath: string, status = 200): Route {
  return { status, body: fixture(relativePath), contentType: 'application/json' };
}

export async function startFixtureServer(routes: Record<string, Route> = {}): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const target = req.url ?? '/';
    requests.push(target);
    const path = decodeURIComponent(target.split('?')[0] ?? '/');
    const route = table.get(path) ?? { status: 404, body: '404 page not found\n', contentType: 'text/plain' };
    const send = (): void => {
      res.writeHead(route.status ?? 200, { 'Content-Type': route.contentType ?? 'application/json' });
      res.end(route.body ?? '');
    };
    if (route.delayMs) setTimeout(send, route.delayMs).unref();
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    route: (path, route) => void table.set(path, route),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An origin nobody listens on: a port that was just freed. */
export async function closedOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
