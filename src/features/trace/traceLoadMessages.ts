/**
 * Messages between the trace page and its loading worker (traceLoad.worker.ts), and the
 * SourceError ↔ plain-object mapping (class instances do not survive `postMessage`).
 */
import type { SourceKind, TraceProgress, TraceResult } from '../../sources/clients';
import { SourceError } from '../../sources/clients';
import type { SourceErrorKind } from '../../sources/clients';

export interface LoadRequest {
  readonly name: string;
  readonly kind: SourceKind;
  readonly traceId: string;
  /** The app's origin: the worker's requests need absolute URLs. */
  readonly origin: string;
}

export interface WireError {
  readonly sourceError?: {
    readonly kind: SourceErrorKind;
    readonly source: string;
    readonly url: string;
    readonly status?: number;
    readonly serverMessage?: string;
  };
  readonly message: string;
}

export type LoadMessage =
  | { readonly type: 'progress'; readonly progress: TraceProgress }
  | { readonly type: 'done'; readonly result: TraceResult }
  | { readonly type: 'error'; readonly error: WireError };

export function toWireError(err: unknown): WireError {
  if (err instanceof SourceError) {
    return {
      message: err.message,
      sourceError: {
        kind: err.kind,
        source: err.source,
        url: err.url,
        ...(err.status !== undefined ? { status: err.status } : {}),
        ...(err.serverMessage !== undefined ? { serverMessage: err.serverMessage } : {}),
      },
    };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}

/** The error as thrown in the worker: a SourceError again when it was one (same message). */
export function fromWireError(wire: WireError): Error {
  const s = wire.sourceError;
  if (s === undefined) return new Error(wire.message);
  // The free-text detail (e.g. "Failed to fetch") is the part after the first " — ".
  const detail = s.kind === 'unreachable' || s.kind === 'bad-response' ? wire.message.split(' — ').slice(1).join(' — ') : '';
  return new SourceError({ ...s, ...(detail ? { detail } : {}) });
}
