/**
 * Downloads, decodes and builds one trace off the main thread, so a trace of a million spans
 * does not freeze the page while it loads. Reports progress; the page terminates it to cancel.
 */
import { createSource } from '../../sources/clients';
import type { LoadMessage, LoadRequest } from './traceLoadMessages';
import { toWireError } from './traceLoadMessages';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LoadRequest>) => void) | null;
  postMessage: (message: LoadMessage) => void;
};

scope.onmessage = (event) => {
  const { name, kind, traceId, origin } = event.data;
  const client = createSource({ name, kind, baseUrl: origin });
  client
    .getTrace(traceId, { onProgress: (progress) => scope.postMessage({ type: 'progress', progress }) })
    .then(
      (result) => scope.postMessage({ type: 'done', result }),
      (err: unknown) => scope.postMessage({ type: 'error', error: toWireError(err) }),
    );
};
