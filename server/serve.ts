/**
 * The composition root of `tracescope serve`: the store, the OTLP receivers in front of it and
 * the query server (Tempo API + the app) behind it. Everything here is wiring; each part lives
 * in its own folder (otlp → store → api).
 */
import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import { SpanStore } from './store/spanStore';
import { BoundedIngest } from './otlp/ingestQueue';
import { startOtlpHttpServer } from './otlp/httpReceiver';
import { startOtlpGrpcServer } from './otlp/grpcReceiver';
import { hostPort, listenError } from './otlp/listen';
import type { RunningServer } from './otlp/listen';
import { createApp } from './api/app';
import type { ServeOptions } from './cli/serveOptions';
import { describeSources } from './upstream/config';

export interface RunningTracescope {
  readonly store: SpanStore;
  readonly ports: { readonly query: number; readonly otlpGrpc: number; readonly otlpHttp: number };
  close(): Promise<void>;
}

export async function startTracescope(
  options: ServeOptions,
  { staticDir, log = (line: string) => console.log(line) }: { staticDir: string | null; log?: (line: string) => void },
): Promise<RunningTracescope> {
  const store = await SpanStore.open(options.dataDir, { retentionMs: options.retentionMs, maxDiskBytes: options.maxDiskBytes });
  const started: RunningServer[] = [];
  try {
    const sink = new BoundedIngest(store);
    const query = await listenQuery(createApp({ store, staticDir, sources: options.sources }), options.host, options.port);
    started.push(query);
    log(`query API and app  http://${hostPort(options.host, query.port)}/`);
    const grpc = await startOtlpGrpcServer({ host: options.host, port: options.otlpGrpcPort, sink });
    started.push(grpc);
    log(`OTLP gRPC receiver ${hostPort(options.host, grpc.port)}`);
    const http = await startOtlpHttpServer({ host: options.host, port: options.otlpHttpPort, sink, corsOrigins: [...options.corsOrigins] });
    started.push(http);
    log(`OTLP HTTP receiver http://${hostPort(options.host, http.port)}/v1/traces`);
    log(`data               ${store.path}`);
    log(`sources            ${describeSources(options.sources)}`);
    return {
      store,
      ports: { query: query.port, otlpGrpc: grpc.port, otlpHttp: http.port },
      close: async () => {
        // Receivers first, so nothing new arrives while the store flushes and closes.
        await Promise.all(started.reverse().map((server) => server.close()));
        await store.close();
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((server) => server.close()));
    await store.close();
    throw error;
  }
}

function listenQuery(app: ReturnType<typeof createApp>, host: string, port: number): Promise<RunningServer> {
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  return new Promise((resolvePromise, reject) => {
    server.once('error', (error) => reject(listenError('query API', host, port, error)));
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolvePromise({
        port: actual,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeIdleConnections?.();
          }),
      });
    });
  });
}
