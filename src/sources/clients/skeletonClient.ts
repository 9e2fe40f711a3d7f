/**
 * The embedded backend's fast path for the trace view: the trace skeleton (binary columns, no
 * span attributes; src/sources/skeleton/format.ts) and, on demand, one span's attributes and
 * the spans whose attributes match find terms. Only the `local` source has these endpoints.
 */
import { buildTrace } from '../../model/buildTrace';
import type { PreparedInput } from '../../model/spanInputs';
import type { SpanData } from '../../model/types';
import type { ImportIssue } from '../importResult';
import { ImportError } from '../importResult';
import { importOtlpJson } from '../otlp/otlpJson';
import { decodeSkeleton } from '../skeleton/decodeSkeleton';
import type { FindResponse } from '../skeleton/format';
import { findPath, skeletonPath, spanPath } from '../skeleton/format';
import { Http, readChunks } from './http';
import type { FetchFn, TraceDetailSource, TraceProgress, TraceResult } from './types';
import { SourceError } from './types';

export interface SkeletonClientConfig {
  readonly name: string;
  /** Origin of the Tracescope server ('' for same-origin). */
  readonly baseUrl: string;
  readonly fetch?: FetchFn;
}

export interface SkeletonRequestOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: TraceProgress) => void;
  /** The response of a request for this skeleton already started (a prefetch), used instead of fetching. */
  readonly response?: Promise<Response>;
}

export interface FetchedSkeleton {
  readonly traceId: string;
  readonly url: string;
  readonly spans: readonly SpanData[];
  readonly issues: ImportIssue[];
  readonly spanCount: number;
  readonly prepared: PreparedInput;
}

export class SkeletonClient {
  private readonly http: Http;
  private readonly fetchFn: FetchFn;

  constructor(private readonly config: SkeletonClientConfig) {
    this.http = new Http({ name: config.name, root: config.baseUrl, ...(config.fetch ? { fetch: config.fetch } : {}) });
    this.fetchFn = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /**
   * Step one of reading a trace: the skeleton's bytes, decoded into spans (attributes left out;
   * `details` of the built result fetches them). Apart from `build` so a caller can show
   * progress before the synchronous build.
   */
  async fetchSkeleton(traceId: string, options: SkeletonRequestOptions = {}): Promise<FetchedSkeleton> {
    const id = traceId.toLowerCase().padStart(32, '0');
    const url = this.http.url(skeletonPath(id));
    const buffer = await this.bytes(url, options);
    let decoded;
    try {
      decoded = decodeSkeleton(buffer);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      throw new SourceError({ kind: 'bad-response', source: this.config.name, url, status: 200, detail: error.message, cause: error });
    }
    if (decoded.spans.length === 0) throw new SourceError({ kind: 'not-found', source: this.config.name, url, status: 200, serverMessage: 'the trace has no spans' });
    return { traceId: id, url, spans: decoded.spans, issues: decoded.issues, spanCount: decoded.spans.length, prepared: decoded.prepared };
  }

  /** Step two: the tree, and where the attributes come from. */
  build(skeleton: FetchedSkeleton): TraceResult {
    return {
      // The decoded records are ours alone: completed in place (see unbuiltSpan.ts).
      trace: buildTrace(skeleton.spans, { ...skeleton.prepared, adopt: true }),
      format: 'tracescope-skeleton',
      issues: skeleton.issues,
      partial: false,
      url: skeleton.url,
      details: this.details(skeleton.traceId),
    };
  }

  private details(traceId: string): TraceDetailSource {
    return {
      // Jaeger v3 trace by ID: OTLP JSON (hex IDs, int enums) inside a `result` envelope.
      jsonUrl: this.http.url(`/jaeger/api/v3/traces/${traceId}`),
      spans: (spanId, signal) => this.spans(traceId, spanId, signal),
      findAttributes: (terms, signal) => this.findAttributes(traceId, terms, signal),
    };
  }

  private async spans(traceId: string, spanId: string, signal?: AbortSignal): Promise<readonly SpanData[]> {
    const response = await this.http.getJson(spanPath(traceId, spanId), undefined, signal);
    try {
      return importOtlpJson(response.json).spans;
    } catch (error) {
      if (error instanceof ImportError) throw this.http.badResponse(response, error.message, error);
      throw error;
    }
  }

  private async findAttributes(traceId: string, terms: readonly string[], signal?: AbortSignal): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
    // `term` repeats, which QueryParams cannot say: the query goes in the path.
    const query = terms.map((t) => `term=${encodeURIComponent(t)}`).join('&');
    const response = await this.http.getJson(`${findPath(traceId)}?${query}`, undefined, signal);
    const body = response.json as FindResponse;
    if (!Array.isArray(body.terms)) throw this.http.badResponse(response, 'expected {"terms": [...]}');
    return new Map(body.terms.map((t) => [t.term, new Set(t.spanIds)]));
  }

  /** The body as bytes, reporting progress per chunk; HTTP errors become `SourceError`s. */
  private async bytes(url: string, { signal, onProgress, response: started }: SkeletonRequestOptions): Promise<ArrayBuffer> {
    try {
      const response = await (started ?? this.fetchFn(url, { signal: signal ?? null }));
      if (!response.ok) throw this.http.responseError(url, response.status, await response.text().catch(() => ''));
      return await readBytes(response, onProgress);
    } catch (error) {
      if (error instanceof SourceError) throw error;
      throw this.http.transportError(url, error, signal);
    }
  }
}

async function readBytes(response: Response, onProgress?: (progress: TraceProgress) => void): Promise<ArrayBuffer> {
  if (onProgress === undefined || response.body === null) return response.arrayBuffer();
  const chunks: Uint8Array[] = [];
  await readChunks(response, onProgress, (chunk) => chunks.push(chunk));
  // One contiguous, 8-byte aligned buffer: the columns are typed-array views into it.
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out.buffer;
}
