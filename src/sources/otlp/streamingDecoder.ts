/**
 * OTLP JSON straight from bytes to `SpanData`: the same result as `JSON.parse` followed by
 * `decodeResourceSpans`, without the whole text as a string or the generic JSON tree.
 *
 * Why: at 1M spans (~500 MB) `JSON.parse` alone takes seconds and needs the text plus a
 * ~0.9 KB/span object tree; past ~1.07M spans the text no longer fits in a V8 string at all.
 *
 * How: the envelope (ResourceSpans → ScopeSpans → spans) is walked token by token. Each span is
 * first read by a fast path that understands only the common, well-formed shape (lowercase hex
 * IDs, integer enums, int64 strings, scalar attributes), over a window of the buffer that holds
 * the whole span (64 KiB are made available first), so it never refills or rewinds. On anything
 * else — base64 IDs, enum names, nulls, links, unknown keys, bad values, a longer span — the
 * span's bytes are `JSON.parse`d for the same code `decodeResourceSpans` runs, so odd and bad
 * input behaves exactly as it does there (issues, paths and all). Resources and scopes (a few
 * per file) always take that route.
 *
 * Memory: repeated strings (keys, names, short values) are interned, one trace-ID string is
 * shared by all spans of a trace, and attributes and values that repeat (`http.method=GET`)
 * are one frozen object shared by every span that has them. Span records (`records: true`)
 * go further: their attributes are packed as bytes in the span columns and decoded when read
 * (src/model/packedAttributes.ts).
 */
import type { DecodedSpans } from './decodeResourceSpans';
import { StreamingDecoder } from './envelopeWalker';
import { JsonByteReader } from './jsonByteReader';

/**
 * Decodes an OTLP-shaped JSON body — `{"resourceSpans"}` (OTLP/JSON, Tempo trace body),
 * `{"batches"}` (Tempo v1), `{"trace":{"resourceSpans"}}` (Tempo v2), `{"result":{"resourceSpans"}}`
 * (Jaeger v3) — from its bytes. Issue paths are those of the matching importer (e.g.
 * `batches[0].scopeSpans[1].spans[3]`), under `prefixPath` when given.
 *
 * Throws `ImportError` for bytes that are not JSON (with the byte offset), a body of another
 * shape, or a container that is not an array; a bad span is left out with an issue.
 */
export function decodeOtlpJsonBytes(bytes: Uint8Array | Iterable<Uint8Array>, prefixPath = '', options: DecodeOptions = {}): DecodedBody {
  return new StreamingDecoder(new JsonByteReader(bytes), options.records === true).body(prefixPath);
}

export interface DecodeOptions {
  /**
   * Spans as unbuilt records (src/model/unbuiltSpan.ts) for `buildTraces(…, { adopt: true })`,
   * which then completes them in place instead of copying: for callers that build at once.
   */
  readonly records?: boolean;
}

/** Which member held the resource spans: tells OTLP/JSON, Tempo v1, Tempo v2 and Jaeger v3 apart. */
export type BodyContainer = 'resourceSpans' | 'batches' | 'trace' | 'result';

export interface DecodedBody extends DecodedSpans {
  readonly container: BodyContainer;
  /** The body's top-level `status` and `message`, when present (Tempo v2's partial-trace flag). */
  readonly envelope: Readonly<Record<string, unknown>>;
}
