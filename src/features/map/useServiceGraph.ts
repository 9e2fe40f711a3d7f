/** The selected source's service graph for a window (react-query), and its layout. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { CurrentSource } from '../../app/data/useSources';
import { loadServiceGraph } from '../../sources/clients/serviceGraphSource';
import type { ServiceGraphData } from '../../sources/clients/serviceGraph';
import type { GraphLayout } from './layout';
import { layoutGraph } from './layout';
import type { WindowId } from './mapWindow';
import { windowRange } from './mapWindow';

export function useServiceGraph(source: CurrentSource, window: WindowId) {
  const { info, client } = source;
  return useQuery({
    queryKey: ['service-graph', info?.name, info?.kind, window],
    enabled: info !== undefined && client !== undefined,
    staleTime: 30_000,
    queryFn: ({ signal }): Promise<ServiceGraphData> => {
      if (!info || !client) throw new Error('no source selected');
      return loadServiceGraph({ name: info.name, kind: info.kind, dependencies: info.capabilities.dependencies }, client, windowRange(window, Date.now()), { signal });
    },
  });
}

export interface GraphModel {
  readonly data: ServiceGraphData;
  readonly layout: GraphLayout;
  /** Figures per layout edge index (same order as `layout.edges`). */
  readonly edgeFigures: readonly ServiceGraphData['edges'][number][];
  /** Service figures per layout node index. */
  readonly nodeFigures: readonly ServiceGraphData['services'][number][];
  readonly maxCalls: number;
  /** Layout edge indices leaving / entering each node. */
  readonly outgoing: readonly (readonly number[])[];
  readonly incoming: readonly (readonly number[])[];
}

/** Lays the graph out once per answer (the layout is the heavy part: keep it memoised). */
export function useGraphModel(data: ServiceGraphData | undefined): GraphModel | undefined {
  return useMemo(() => (data ? buildGraphModel(data) : undefined), [data]);
}

export function buildGraphModel(data: ServiceGraphData): GraphModel {
  const layout = layoutGraph(
    data.services.map((s) => s.name),
    data.edges,
  );
  const byPair = new Map(data.edges.map((e) => [`${e.parent}\u0000${e.child}`, e]));
  const byName = new Map(data.services.map((s) => [s.name, s]));
  const edgeFigures = layout.edges.map((e) => {
    const parent = layout.nodes[e.from]!.name;
    const child = layout.nodes[e.to]!.name;
    return byPair.get(`${parent}\u0000${child}`) ?? { parent, child, callCount: 0 };
  });
  const outgoing: number[][] = layout.nodes.map(() => []);
  const incoming: number[][] = layout.nodes.map(() => []);
  layout.edges.forEach((e, i) => {
    outgoing[e.from]!.push(i);
    incoming[e.to]!.push(i);
  });
  return {
    data,
    layout,
    edgeFigures,
    nodeFigures: layout.nodes.map((n) => byName.get(n.name) ?? { name: n.name }),
    maxCalls: Math.max(1, ...edgeFigures.map((e) => e.callCount)),
    outgoing,
    incoming,
  };
}
