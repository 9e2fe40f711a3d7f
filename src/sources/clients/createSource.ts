/** Picks the client for a source from the sources list (`GET /api/tracescope/sources`). */
import { JaegerClient } from './jaegerClient';
import { TempoClient } from './tempoClient';
import type { FetchFn, SourceKind, TraceSource } from './types';
import { ZipkinClient } from './zipkinClient';

/** The embedded store's source name: served directly, not through the proxy. */
export const LOCAL_SOURCE = 'local';

export interface CreateSourceOptions {
  readonly name: string;
  readonly kind: SourceKind;
  /**
   * Origin of the Tracescope server: '' (default) for same-origin requests from the app,
   * or e.g. `http://localhost:3000` from Node.
   */
  readonly baseUrl?: string;
  readonly fetch?: FetchFn;
  /** Clock for default search windows (ms since the epoch). */
  readonly now?: () => number;
}

/**
 * The URL prefix the dialect's paths (`/api/...`) hang off:
 * - `local`, kind tempo → `{baseUrl}` (Tempo API at `/api/...`);
 * - `local`, kind jaeger → `{baseUrl}/jaeger` (Jaeger API at `/jaeger/api/...`);
 * - any other source → `{baseUrl}/api/tracescope/sources/{name}/proxy`.
 */
export function sourceRoot(name: string, kind: SourceKind, baseUrl = ''): string {
  const origin = baseUrl.replace(/\/+$/, '');
  if (name === LOCAL_SOURCE) return kind === 'jaeger' ? `${origin}/jaeger` : origin;
  return `${origin}/api/tracescope/sources/${encodeURIComponent(name)}/proxy`;
}

export function createSource(options: CreateSourceOptions): TraceSource {
  const config = {
    name: options.name,
    root: sourceRoot(options.name, options.kind, options.baseUrl),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  switch (options.kind) {
    case 'tempo':
      return new TempoClient(config);
    case 'jaeger':
      return new JaegerClient(config);
    case 'zipkin':
      return new ZipkinClient(config);
  }
}
