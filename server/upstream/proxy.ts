/**
 * The read-only proxy in front of upstream Tempo/Jaeger/Zipkin servers: the browser asks
 * Tracescope, Tracescope adds the source's credentials and streams the answer back. The
 * browser's own cookies and Authorization never reach an upstream, and upstream cookies or
 * auth challenges never reach the browser.
 */
import type { SourceKind, UpstreamEndpoint } from './config';

export const UPSTREAM_HEADER = 'X-Tracescope-Upstream';
export const ALLOWED_METHODS = ['GET', 'HEAD'] as const;

/** Where a proxied request may go: paths under one of `allowed`, none under `blocked`. */
export interface PathRule {
  readonly allowed: readonly string[];
  readonly blocked?: readonly string[];
}

/** The API prefix of each dialect: nothing outside it is proxied (no open proxy). */
export const KIND_PATHS: Readonly<Record<SourceKind, PathRule>> = {
  tempo: { allowed: ['/api/'] },
  jaeger: { allowed: ['/api/'] },
  zipkin: { allowed: ['/api/v2/'] },
};
/** The embedded store serves Tempo under /api/ and Jaeger under /jaeger/api/; the sources API
 *  itself is excluded so that the local proxy cannot call itself. */
export const LOCAL_PATHS: PathRule = { allowed: ['/api/', '/jaeger/api/'], blocked: ['/api/tracescope/'] };
/** Prometheus' query API, for Tempo's service-graph metrics. */
export const PROMETHEUS_PATHS: PathRule = { allowed: ['/api/v1/'] };

export interface ProxyTarget {
  /** The source's name, for messages and the X-Tracescope-Upstream header. */
  readonly name: string;
  readonly endpoint: UpstreamEndpoint;
  readonly timeoutMs: number;
  readonly paths: PathRule;
}

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const HOP_BY_HOP = [
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade',
];
/** Browser headers that must not reach an upstream: credentials meant for Tracescope, the
 *  tenant (only the config chooses it), and headers that describe this hop. */
const DROP_REQUEST = new Set([
  ...HOP_BY_HOP, 'host', 'cookie', 'authorization', 'x-scope-orgid', 'content-length', 'content-type', 'expect',
  // fetch negotiates and decodes compression itself
  'accept-encoding',
  'origin', 'referer', 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip',
]);
/** Upstream headers that must not reach the browser. */
const DROP_RESPONSE = new Set([
  ...HOP_BY_HOP,
  // fetch has already decoded the body, so these would be wrong
  'content-encoding', 'content-length',
  // upstream cookies and auth challenges are not for the browser (a 401 would pop a login box)
  'set-cookie', 'set-cookie2', 'www-authenticate',
  'strict-transport-security', 'alt-svc', 'clear-site-data',
]);

/** Returns why a path may not be proxied, or null when it may. `rawPath` is still percent-encoded. */
export function pathProblem(rawPath: string, rule: PathRule): string | null {
  if (!rawPath.startsWith('/')) return 'expected an absolute path';
  for (const segment of rawPath.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return 'invalid percent-encoding';
    }
    if (decoded === '.' || decoded === '..' || decoded.includes('/') || decoded.includes('\\') || decoded.includes('\0')) {
      return 'dot segments and encoded slashes are not allowed';
    }
  }
  if (rule.blocked?.some((prefix) => rawPath.startsWith(prefix))) return `${rule.blocked.join(', ')} cannot be proxied`;
  if (!rule.allowed.some((prefix) => rawPath.startsWith(prefix))) return `only paths under ${rule.allowed.join(' or ')} are proxied`;
  return null;
}

/** A JSON error body `{"error": …}` naming the upstream. */
export function proxyError(status: number, message: string, upstream: string, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: message }), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...(upstream ? { [UPSTREAM_HEADER]: upstream } : {}), ...extra },
  });
}

/** Checks the method and path; returns the refusal, or null when the request may go on. */
export function refuse(request: Request, rawPath: string, rule: PathRule, upstream: string): Response | null {
  if (!(ALLOWED_METHODS as readonly string[]).includes(request.method)) {
    return proxyError(405, `method ${request.method} not allowed: sources are read-only (${ALLOWED_METHODS.join(', ')})`, upstream, {
      Allow: ALLOWED_METHODS.join(', '),
    });
  }
  const problem = pathProblem(rawPath, rule);
  if (problem) return proxyError(403, `path ${rawPath} refused for source ${upstream}: ${problem}`, upstream);
  return null;
}

/** The browser's headers minus credentials, hop-by-hop headers and anything `auth` sets. */
export function forwardedRequestHeaders(incoming: Headers, auth: Readonly<Record<string, string>>): Headers {
  const out = new Headers();
  const connectionListed = listedInConnection(incoming);
  const authNames = new Set(Object.keys(auth).map((key) => key.toLowerCase()));
  incoming.forEach((value, key) => {
    const lower = key.toLowerCase();
    if (DROP_REQUEST.has(lower) || connectionListed.has(lower) || authNames.has(lower) || lower.startsWith('proxy-')) return;
    out.set(key, value);
  });
  for (const [key, value] of Object.entries(auth)) out.set(key, value);
  return out;
}

/** The upstream's headers minus hop-by-hop, cookies and auth challenges, plus X-Tracescope-Upstream. */
export function returnedResponseHeaders(upstream: Headers, name: string): Headers {
  const out = new Headers();
  const connectionListed = listedInConnection(upstream);
  upstream.forEach((value, key) => {
    const lower = key.toLowerCase();
    if (DROP_RESPONSE.has(lower) || connectionListed.has(lower) || lower.startsWith('access-control-')) return;
    out.append(key, value);
  });
  out.set(UPSTREAM_HEADER, name);
  return out;
}

function listedInConnection(headers: Headers): Set<string> {
  return new Set(
    (headers.get('connection') ?? '')
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** Joins the upstream base URL (which may have a path, e.g. behind a gateway) with the rest. */
export function upstreamUrl(base: URL, rawPath: string, search: string): string {
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${rawPath}${search}`;
}

/**
 * Forwards one GET/HEAD to an upstream, streaming the answer back with its status and type.
 * Times out after `timeoutMs` without response headers (504), or without body data (the stream
 * is cut). Network failures are 502. Every answer carries X-Tracescope-Upstream.
 */
export async function proxyToUpstream(
  target: ProxyTarget,
  request: Request,
  rawPath: string,
  search: string,
  fetchImpl: FetchLike = fetch,
): Promise<Response> {
  const refused = refuse(request, rawPath, target.paths, target.name);
  if (refused) return refused;
  const { name, endpoint, timeoutMs } = target;
  const where = `upstream ${name} (${endpoint.displayUrl})`;

  const controller = new AbortController();
  let timedOut = false;
  let timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onClientGone = () => controller.abort();
  request.signal.addEventListener('abort', onClientGone, { once: true });
  const done = () => {
    clearTimeout(timer);
    request.signal.removeEventListener('abort', onClientGone);
  };

  let upstream: Response;
  try {
    upstream = await fetchImpl(upstreamUrl(endpoint.url, rawPath, search), {
      method: request.method,
      headers: forwardedRequestHeaders(request.headers, endpoint.authHeaders()),
      signal: controller.signal,
      // A redirect could take the credentials to another host: never followed.
      redirect: 'manual',
    });
  } catch (error) {
    done();
    if (timedOut) return proxyError(504, `${where} timed out after ${timeoutMs} ms`, name);
    if (request.signal.aborted) return proxyError(499, `request to ${where} cancelled by the client`, name);
    return proxyError(502, `${where} unreachable: ${errorCode(error)}`, name);
  }
  clearTimeout(timer);

  if ([301, 302, 303, 307, 308].includes(upstream.status)) {
    done();
    await upstream.body?.cancel().catch(() => undefined);
    const location = safeLocation(upstream.headers.get('location'), endpoint.url);
    return proxyError(502, `${where} redirected (${upstream.status}) to ${location}; configure the source with the final URL`, name);
  }

  const headers = returnedResponseHeaders(upstream.headers, name);
  if (!upstream.body) {
    done();
    return new Response(null, { status: upstream.status, statusText: upstream.statusText, headers });
  }
  // Body phase: cut the stream when the upstream stalls for timeoutMs.
  const armIdle = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`${where} stalled for ${timeoutMs} ms`)), timeoutMs);
  };
  armIdle();
  const body = upstream.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, stream) {
        armIdle();
        stream.enqueue(chunk);
      },
      flush() {
        done();
      },
    }),
  );
  return new Response(body, { status: upstream.status, statusText: upstream.statusText, headers });
}

/** Calls the embedded store's routes in-process, with the same method, path and header rules. */
export async function proxyToLocal(
  name: string,
  request: Request,
  rawPath: string,
  search: string,
  localFetch: (request: Request) => Response | Promise<Response>,
): Promise<Response> {
  const refused = refuse(request, rawPath, LOCAL_PATHS, name);
  if (refused) return refused;
  const local = await localFetch(
    new Request(`http://tracescope.local${rawPath}${search}`, {
      method: request.method,
      headers: forwardedRequestHeaders(request.headers, {}),
      signal: request.signal,
    }),
  );
  const headers = new Headers(local.headers);
  headers.set(UPSTREAM_HEADER, name);
  return new Response(local.body, { status: local.status, statusText: local.statusText, headers });
}

/** `ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`…: the most specific code in an error's causes;
 *  without one, the innermost message (fetch's own is just "fetch failed"). */
export function errorCode(error: unknown): string {
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
    if (current instanceof Error && current.message) message = current.message;
    const inner = current instanceof AggregateError ? (current.errors[0] as unknown) : undefined;
    current = (current as { cause?: unknown }).cause ?? inner;
  }
  return message;
}

/** A redirect target for a message: origin + path only (a query may carry tokens). */
function safeLocation(location: string | null, base: URL): string {
  if (!location) return '(no Location)';
  try {
    const url = new URL(location, base);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(invalid Location)';
  }
}
