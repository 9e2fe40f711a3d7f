/** Picks how to get a source's service graph: the store, a dependency API, Prometheus or a sample. */
import { LOCAL_SOURCE } from './createSource';
import type { GraphRequestOptions, GraphSourceRef, GraphWindow, ServiceGraphData } from './serviceGraph';
import { fetchDependencies, fetchStoreGraph } from './serviceGraph';
import { fetchPrometheusGraph } from './serviceGraphPrometheus';
import { sampleServiceGraph } from './serviceGraphSample';
import type { TraceSource } from './types';

export interface GraphSource extends GraphSourceRef {
  /** The server's `capabilities.dependencies`: false → derive from sampled traces. */
  readonly dependencies: boolean;
}

export function loadServiceGraph(source: GraphSource, client: TraceSource, window: GraphWindow, options: GraphRequestOptions & { sample?: number } = {}): Promise<ServiceGraphData> {
  if (source.name === LOCAL_SOURCE) return fetchStoreGraph(window, options);
  if (!source.dependencies) {
    return sampleServiceGraph(client, window, { ...(options.sample !== undefined ? { limit: options.sample } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  }
  if (source.kind === 'tempo') return fetchPrometheusGraph(source.name, window, options);
  return fetchDependencies(source, window, options);
}
