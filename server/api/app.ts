import { Hono } from 'hono';
import type { Context } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { SpanStore } from '../store/spanStore';
import { tempoRoutes } from './tempo/routes';
import { jaegerRoutes } from './jaeger/routes';
import { sourcesRoutes } from '../upstream/routes';
import { localOnlySources } from '../upstream/config';
import type { SourcesConfig } from '../upstream/config';
import { metricsRoutes } from './tempo/metrics';
import { serviceGraphRoutes } from './serviceGraphRoutes';
import { traceDetailRoutes } from './traceDetailRoutes';

export interface AppOptions {
  store: SpanStore;
  /** Folder of the built app (dist/); null serves the API alone. */
  staticDir: string | null;
  /** Upstream sources; default: the embedded store alone. */
  sources?: SourcesConfig;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** The query server on --port: Tempo's API, Jaeger's API under /jaeger, and the built app. */
export function createApp({ store, staticDir, sources = localOnlySources() }: AppOptions): Hono {
  const app = new Hono();
  // Before the /api/* fallback; `local` calls this same app in-process (the proxy refuses
  // /api/tracescope/ for local, so it cannot loop).
  app.route('/', sourcesRoutes(sources, { localFetch: (request) => app.fetch(request) }));
  app.route('/', tempoRoutes(store));
  app.route('/', metricsRoutes(store));
  app.route('/', jaegerRoutes(store));
  app.route('/', serviceGraphRoutes(store));
  app.route('/', traceDetailRoutes(store));
  app.all('/api/*', (c) => c.text(`unknown API path ${c.req.path}`, 404));
  app.onError((error, c) => {
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
    return c.text(`internal error: ${error.message}`, 500);
  });
  if (staticDir) app.get('*', staticFiles(staticDir));
  return app;
}

/**
 * Serves files of the built app; any other GET falls back to index.html so that client-side
 * routes (/trace/…, /search?…) work when opened or reloaded directly.
 */
function staticFiles(dir: string) {
  const root = resolve(dir);
  const indexHtml = readFileSync(join(root, 'index.html'));
  return async (c: Context) => {
    const path = normalize(decodeURIComponent(c.req.path)).replace(/^([/\\])+/, '');
    const file = resolve(root, path);
    if (file.startsWith(root + sep) && existsSync(file) && !file.endsWith(sep)) {
      const ext = file.slice(file.lastIndexOf('.'));
      const body = await readFile(file).catch(() => null);
      if (body) {
        // Vite fingerprints assets, so they can be cached for good; index.html never is.
        const cache = path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
        return c.body(body, 200, { 'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream', 'Cache-Control': cache });
      }
    }
    return c.body(indexHtml, 200, { 'Content-Type': CONTENT_TYPES['.html'] ?? 'text/html', 'Cache-Control': 'no-cache' });
  };
}
