/** Request plumbing shared by the clients: URLs, fetch, error classification. */
import type { ClientConfig, FetchFn, TraceProgress } from './types';
import { SourceError } from './types';

export type QueryParams = Readonly<Record<string, string | number | undefined>>;

export interface RawResponse {
  readonly url: string;
  readonly status: number;
  readonly text: string;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  readonly json: unknown;
}

const MAX_MESSAGE = 300;

export class Http {
  readonly name: string;
  private readonly root: string;
  private readonly fetchFn: FetchFn;

  constructor(config: ClientConfig) {
    this.name = config.name;
    this.root = config.root.replace(/\/+$/, '');
    // Late-bound so a test (or polyfill) replacing globalThis.fetch is honoured.
    this.fetchFn = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  url(path: string, params?: QueryParams): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params ?? {})) {
      if (value !== undefined) search.append(key, String(value));
    }
    const query = search.toString();
    return `${this.root}${path}${query ? `?${query}` : ''}`;
  }

  /** Any HTTP answer; throws only when there is none (`unreachable`, `aborted`). */
  async raw(
    path: string,
    params: QueryParams | undefined,
    signal: AbortSignal | undefined,
    onProgress?: (progress: TraceProgress) => void,
  ): Promise<RawResponse> {
    const url = this.url(path, params);
    let status: number;
    let text: string;
    try {
      const response = await this.fetchFn(url, { signal, headers: { Accept: 'application/json' } });
      status = response.status;
      text = onProgress && response.body ? await readWithProgress(response, onProgress) : await response.text();
    } catch (err) {
      throw this.transportError(url, err, signal);
    }
    return { url, status, text, json: parseJson(text) };
  }

  /** A 2xx JSON body; everything else becomes a `SourceError`. */
  async getJson(
    path: string,
    params: QueryParams | undefined,
    signal: AbortSignal | undefined,
    onProgress?: (progress: TraceProgress) => void,
  ): Promise<RawResponse> {
    const response = await this.raw(path, params, signal, onProgress);
    this.check(response);
    return response;
  }

  /** Throws the `SourceError` a non-2xx or non-JSON response means. */
  check(response: RawResponse): void {
    if (response.status < 200 || response.status > 299 || isNotFoundEnvelope(response.json)) {
      throw this.httpError(response);
    }
    if (response.json === undefined) {
      throw this.badResponse(response, `expected JSON, got ${preview(response.text) || 'an empty body'}`);
    }
  }

  httpError(response: RawResponse): SourceError {
    const serverMessage = serverMessageOf(response);
    const notFound = response.status === 404 || isNotFoundEnvelope(response.json);
    return new SourceError({
      kind: notFound ? 'not-found' : 'http',
      source: this.name,
      url: response.url,
      status: response.status,
      ...(serverMessage ? { serverMessage } : {}),
    });
  }

  badResponse(response: RawResponse, detail: string, cause?: unknown): SourceError {
    return new SourceError({
      kind: 'bad-response',
      source: this.name,
      url: response.url,
      status: response.status,
      detail,
      cause,
    });
  }

  notFound(response: RawResponse, serverMessage?: string): SourceError {
    return new SourceError({
      kind: 'not-found',
      source: this.name,
      url: response.url,
      status: response.status,
      ...(serverMessage ? { serverMessage } : {}),
    });
  }

  /** The `SourceError` for a non-2xx answer read by other means than `raw` (e.g. as bytes). */
  responseError(url: string, status: number, text: string): SourceError {
    return this.httpError({ url, status, text, json: parseJson(text) });
  }

  /** The `SourceError` for a request that got no answer (or whose body broke off). */
  transportError(url: string, err: unknown, signal: AbortSignal | undefined): SourceError {
    if (signal?.aborted || (err instanceof Error && err.name === 'AbortError')) {
      return new SourceError({ kind: 'aborted', source: this.name, url, cause: err });
    }
    return new SourceError({ kind: 'unreachable', source: this.name, url, detail: causeText(err), cause: err });
  }
}

/**
 * Reads the body chunk by chunk, reporting the bytes received after each (big traces take a
 * while); `onChunk` gets every chunk in order.
 */
export async function readChunks(response: Response, onProgress: (progress: TraceProgress) => void, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  const length = Number(response.headers.get('content-length'));
  const totalBytes = Number.isFinite(length) && length > 0 ? length : undefined;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    onChunk(value);
    onProgress(totalBytes === undefined ? { phase: 'receiving', bytes } : { phase: 'receiving', bytes, totalBytes });
  }
}

/** The body as text, with progress (see readChunks). */
async function readWithProgress(response: Response, onProgress: (progress: TraceProgress) => void): Promise<string> {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  await readChunks(response, onProgress, (chunk) => parts.push(decoder.decode(chunk, { stream: true })));
  parts.push(decoder.decode());
  return parts.join('');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Jaeger v1 `{"errors":[{"code":404}]}` or v3 `{"error":{"httpCode":404}}`. */
function isNotFoundEnvelope(json: unknown): boolean {
  if (!isRecord(json)) return false;
  if (isRecord(json.error) && json.error.httpCode === 404) return true;
  return Array.isArray(json.errors) && json.errors.some((e) => isRecord(e) && e.code === 404) && !hasData(json);
}

function hasData(json: Record<string, unknown>): boolean {
  return Array.isArray(json.data) && json.data.length > 0;
}

/** The message a server put in its error body: Jaeger v1/v3 envelopes, google.rpc.Status, or text. */
function serverMessageOf(response: RawResponse): string {
  const json = response.json;
  if (isRecord(json)) {
    if (Array.isArray(json.errors)) {
      const msgs = json.errors.flatMap((e) => (isRecord(e) && typeof e.msg === 'string' ? [e.msg] : []));
      if (msgs.length > 0) return clip(msgs.join('; '));
    }
    if (isRecord(json.error) && typeof json.error.message === 'string') return clip(json.error.message);
    if (typeof json.error === 'string') return clip(json.error);
    if (typeof json.message === 'string') return clip(json.message);
  }
  return preview(response.text);
}

function preview(text: string): string {
  return clip(text.replace(/\s+/g, ' ').trim());
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

function causeText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${err.message} (${code})` : `${err.message}: ${cause.message}`;
  }
  return err.message;
}

/** Validates a trace ID for a request path: 1–32 hex characters, lowercased. */
export function checkTraceId(traceId: string): string {
  const id = traceId.trim().toLowerCase();
  if (!/^[0-9a-f]{1,32}$/.test(id)) throw new RangeError(`not a trace ID (1–32 hex characters): ${JSON.stringify(traceId)}`);
  return id;
}

/** `ms` as a Go duration string (`1500ms`, `0.5ms`). */
export function goDuration(ms: number): string {
  return `${ms}ms`;
}

/** Unix seconds as RFC 3339 (UTC, millisecond precision). */
export function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** Sorted, de-duplicated, empty strings dropped. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].filter((v) => v !== '').sort((a, b) => a.localeCompare(b));
}

export function stringArray(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string');
}
