/**
 * Where decoded issues go, and the position of the span being decoded, shared by the parts of
 * the protobuf decoder (decodeProtobuf.ts → decodeSpan.ts).
 */
import type { SpanData } from '../../src/model/types';
import type { TraceIdCache } from './hex';

/** Something wrong at one place of the request, e.g. `resourceSpans[0].scopeSpans[0].spans[2].spanId`. */
export interface OtlpIssue {
  readonly path: string;
  readonly message: string;
}

export interface ProtobufDecodeResult {
  readonly spans: SpanData[];
  /** One entry per span left out of `spans`. */
  readonly rejected: OtlpIssue[];
  /** Repairs in spans that were kept (a link dropped, an unknown kind); not rejections. */
  readonly warnings: OtlpIssue[];
}

/** Where the span being decoded sits; mutated in place so the loop allocates nothing for it. */
export interface Site {
  readonly out: ProtobufDecodeResult;
  /** The request, for IDs read by offset. */
  readonly buf: Buffer;
  /** The request's trace IDs as strings, each made once. */
  readonly traceIds: TraceIdCache;
  r: number;
  s: number;
  i: number;
}

export function spanPath(site: Site, relative: string): string {
  return `resourceSpans[${site.r}].scopeSpans[${site.s}].spans[${site.i}].${relative}`;
}

export function warn(site: Site, relative: string, message: string): void {
  site.out.warnings.push({ path: spanPath(site, relative), message });
}
