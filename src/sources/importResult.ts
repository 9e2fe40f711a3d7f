import type { SpanData } from '../model/types';

/** Wire formats Tracescope reads. */
export type FormatId =
  | 'otlp-json'
  | 'tempo-v1'
  | 'tempo-v2'
  | 'jaeger-v1'
  | 'jaeger-v3'
  | 'zipkin-v2';

/** Something wrong at one place of the payload; `path` is like `spans[3].startTimeUnixNano`. */
export interface ImportIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * What an importer returns. Spans that could not be read are left out and reported in
 * `issues` (one bad span never loses the rest of the batch).
 */
export interface ImportResult {
  readonly format: FormatId;
  readonly spans: SpanData[];
  readonly issues: ImportIssue[];
}

/** Thrown when a payload as a whole cannot be read: wrong shape, not JSON, nothing usable. */
export class ImportError extends Error {
  readonly path: string;
  readonly reason: string;
  constructor(path: string, reason: string) {
    super(path ? `${path}: ${reason}` : reason);
    this.name = 'ImportError';
    this.path = path;
    this.reason = reason;
  }
}

/** An importer: raw parsed JSON in, spans out. Pure: no I/O, no globals. */
export type Importer = (json: unknown) => ImportResult;
