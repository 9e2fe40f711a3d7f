/**
 * The sources API the app talks to:
 *
 *   GET /api/tracescope/sources                          the sources, without URLs or secrets
 *   GET /api/tracescope/sources/NAME/proxy/PATH?QUERY    PATH on the source's API, auth added
 *   GET /api/tracescope/sources/NAME/prometheus/PATH     a Tempo source's Prometheus (/api/v1/…)
 *
 * `local` (the embedded store) goes to the local routes in-process through `localFetch`.
 */
import { Hono } from 'hono';
import type { SourceCapabilities, SourceInfo } from '../../src/sources/clients/types';
import type { SourcesConfig, UpstreamSource } from './config';
import { LOCAL_SOURCE } from './config';
import { KIND_PATHS, PROMETHEUS_PATHS, proxyError, proxyToLocal, proxyToUpstream } from './proxy';
import type { FetchLike } from './proxy';

export const SOURCES_PATH = '/api/tracescope/sources';

// The list's shape is the app's contract (src/sources/clients/types.ts), so both sides share it.
export type { SourceCapabilities, SourceInfo } from '../../src/sources/clients/types';

export interface SourcesRoutesOptions {
  /** The local app (Tempo routes + Jaeger routes under /jaeger), called in-process for `local`. */
  readonly localFetch: (request: Request) => Response | Promise<Response>;
  /** For tests; defaults to the global fetch. */
  readonly fetch?: FetchLike;
}

/** The embedded store: Tempo's API with TraceQL search and TraceQL metrics (/api/metrics/*), Jaeger's dependencies. */
export const LOCAL_CAPABILITIES: SourceCapabilities = { search: true, traceql: true, metrics: true, dependencies: true };

/**
 * What the app may offer for an upstream. Tempo: TraceQL search and TraceQL metrics; its service
 * graph needs a Prometheus (`prometheusUrl`). Jaeger: search, SPM metrics and dependencies.
 * Zipkin: search and dependencies.
 */
export function capabilitiesOf(source: Pick<UpstreamSource, 'kind' | 'prometheus'>): SourceCapabilities {
  switch (source.kind) {
    case 'tempo':
      return { search: true, traceql: true, metrics: true, dependencies: source.prometheus !== null };
    case 'jaeger':
      return { search: true, traceql: false, metrics: true, dependencies: true };
    case 'zipkin':
      return { search: true, traceql: false, metrics: false, dependencies: true };
  }
}

/** The browser-facing list: names, kinds, the default flag and capabilities, nothing else. */
export function listSources(config: SourcesConfig): SourceInfo[] {
  const local: SourceInfo = { name: LOCAL_SOURCE, kind: 'tempo', default: config.defaultSource === LOCAL_SOURCE, capabilities: LOCAL_CAPABILITIES };
  return [
    local,
    ...config.upstreams.map((source) => ({
      name: source.name,
      kind: source.kind,
      default: config.defaultSource === source.name,
      capabilities: capabilitiesOf(source),
    })),
  ];
}

const PROXY_PATH = /^\/api\/tracescope\/sources\/([^/]+)\/(proxy|prometheus)(\/.*)?$/;

/** Mount before the app's `/api/*` 404 fallback: `app.route('/', sourcesRoutes(config, { localFetch }))`. */
export function sourcesRoutes(config: SourcesConfig, options: SourcesRoutesOptions): Hono {
  const app = new Hono();
  const upstreams = new Map(config.upstreams.map((source) => [source.name, source]));
  const list = listSources(config);

  app.get(SOURCES_PATH, (c) => c.json({ sources: list }, 200, { 'Cache-Control': 'no-store' }));

  const handle = (request: Request): Promise<Response> | Response => {
    const url = new URL(request.url);
    // The raw (still percent-encoded) path, so that what is checked is what is sent.
    const match = PROXY_PATH.exec(url.pathname);
    if (!match) return proxyError(404, `unknown sources path ${url.pathname}`, '');
    const [, name = '', via = 'proxy', rest = '/'] = match;
    if (name === LOCAL_SOURCE) {
      if (via === 'prometheus') return proxyError(404, `source ${LOCAL_SOURCE} has no Prometheus`, name);
      return proxyToLocal(name, request, rest, url.search, options.localFetch);
    }
    const source = upstreams.get(name);
    if (!source) return proxyError(404, `unknown source "${decodeSafe(name)}"`, '');
    if (via === 'prometheus') {
      if (!source.prometheus) return proxyError(404, `source ${name} has no prometheusUrl`, name);
      const target = { name, endpoint: source.prometheus, timeoutMs: source.timeoutMs, paths: PROMETHEUS_PATHS };
      return proxyToUpstream(target, request, rest, url.search, options.fetch);
    }
    const target = { name, endpoint: source, timeoutMs: source.timeoutMs, paths: KIND_PATHS[source.kind] };
    return proxyToUpstream(target, request, rest, url.search, options.fetch);
  };

  for (const via of ['proxy', 'prometheus']) {
    app.all(`${SOURCES_PATH}/:name/${via}`, (c) => handle(c.req.raw));
    app.all(`${SOURCES_PATH}/:name/${via}/*`, (c) => handle(c.req.raw));
  }
  return app;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
