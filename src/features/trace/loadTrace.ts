/**
 * Loads a trace. From the embedded backend (`local`): its skeleton (binary columns, attributes
 * on demand), decoded and built on this thread — handing a built million-span Trace from a
 * worker costs seconds of structured cloning, more than the build itself. From any other
 * source: the full trace in a Web Worker (traceLoad.worker.ts) when the browser has them, else
 * on the main thread through the same client. Abort terminates the worker.
 */
import type { SourceKind, TraceProgress, TraceResult, TraceSource } from '../../sources/clients';
import { LOCAL_SOURCE, SkeletonClient, SourceError } from '../../sources/clients';
import type { FetchedSkeleton } from '../../sources/clients/skeletonClient';
import type { LoadMessage, LoadRequest } from './traceLoadMessages';
import { fromWireError } from './traceLoadMessages';
import { BUILD_EARLY_MAX, buildMeasured, takePrefetchedSkeleton } from './skeletonPrefetch';

export interface LoadTraceOptions {
  readonly source: { readonly name: string; readonly kind: SourceKind };
  /** The main-thread client, used where workers are unavailable. */
  readonly client: TraceSource;
  readonly traceId: string;
  readonly signal: AbortSignal;
  readonly onProgress: (progress: TraceProgress) => void;
}

/** Two animation frames: the progress set before a long synchronous step gets painted first. */
const nextPaint = (): Promise<void> =>
  typeof requestAnimationFrame === 'undefined' ? Promise.resolve() : new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));

async function loadSkeleton(options: LoadTraceOptions): Promise<TraceResult> {
  const { traceId, signal, onProgress } = options;
  const client = new SkeletonClient({ name: options.source.name, baseUrl: '' });
  const early = takePrefetchedSkeleton(traceId);
  let skeleton: FetchedSkeleton;
  if (early !== null) {
    early.listen(onProgress);
    const abortEarly = () => early.controller.abort();
    signal.addEventListener('abort', abortEarly);
    const { skeleton: decoded, built } = await early.ready.finally(() => signal.removeEventListener('abort', abortEarly));
    if (built !== null) return built;
    skeleton = decoded;
  } else {
    skeleton = await client.fetchSkeleton(traceId, { signal, onProgress });
  }
  onProgress({ phase: 'building', spans: skeleton.spanCount });
  // Worth two frames only when the build takes long enough for "building" to be read.
  if (skeleton.spanCount > BUILD_EARLY_MAX) await nextPaint();
  if (signal.aborted) throw new SourceError({ kind: 'aborted', source: options.source.name, url: skeleton.url });
  return buildMeasured(client, skeleton);
}

export function loadTrace(options: LoadTraceOptions): Promise<TraceResult> {
  const { client, traceId, signal, onProgress } = options;
  if (options.source.name === LOCAL_SOURCE && options.source.kind === 'tempo') return loadSkeleton(options);
  takePrefetchedSkeleton(traceId)?.controller.abort();
  if (typeof Worker === 'undefined') return client.getTrace(traceId, { signal, onProgress });
  let worker: Worker;
  try {
    worker = new Worker(new URL('./traceLoad.worker.ts', import.meta.url), { type: 'module', name: 'trace-load' });
  } catch {
    return client.getTrace(traceId, { signal, onProgress });
  }
  return new Promise<TraceResult>((resolve, reject) => {
    const finish = () => {
      worker.terminate();
      signal.removeEventListener('abort', abort);
    };
    const abort = () => {
      finish();
      reject(new SourceError({ kind: 'aborted', source: options.source.name, url: `trace ${traceId}` }));
    };
    if (signal.aborted) {
      abort();
      return;
    }
    signal.addEventListener('abort', abort);
    worker.onmessage = (event: MessageEvent<LoadMessage>) => {
      const message = event.data;
      if (message.type === 'progress') {
        onProgress(message.progress);
        return;
      }
      finish();
      if (message.type === 'done') resolve(message.result);
      else reject(fromWireError(message.error));
    };
    // The worker script itself failed (blocked, or a syntax error): fall back to this thread.
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      client.getTrace(traceId, { signal, onProgress }).then(resolve, reject);
    };
    const request: LoadRequest = { name: options.source.name, kind: options.source.kind, traceId, origin: window.location.origin };
    worker.postMessage(request);
  });
}
