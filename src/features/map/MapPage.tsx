/**
 * The service map (`/map`): services as nodes, calls as directed edges with their call count,
 * error rate and P99 over the window. URL state: `window=` (15m … 7d), `source=`, and the
 * selection (`node=` or `from=`+`to=`), so every view is a link.
 */
import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useCurrentSource } from '../../app/data/useSources';
import { ErrorState } from '../../app/states/ErrorState';
import { SkeletonRows } from '../../app/states/Skeleton';
import type { GraphControls, Emphasis } from './GraphView';
import { GraphView } from './GraphView';
import { MapLegend } from './MapLegend';
import { EdgePanel, NodePanel } from './MapSidePanel';
import { MapToolbar } from './MapToolbar';
import { EmptyMap } from './EmptyMap';
import type { MapSelection } from './mapWindow';
import { parseSelection, parseWindow, withSelection } from './mapWindow';
import type { GraphModel } from './useServiceGraph';
import { useGraphModel, useServiceGraph } from './useServiceGraph';
import './map.css';

export function MapPage() {
  const [params, setParams] = useSearchParams();
  const source = useCurrentSource();
  const windowId = parseWindow(params.get('window'));
  const selection = parseSelection(params);
  const query = useServiceGraph(source, windowId);
  const model = useGraphModel(query.data);
  const controls = useRef<GraphControls>(null);

  const select = useCallback((next: MapSelection) => setParams((prev) => withSelection(prev, next), { replace: false }), [setParams]);
  const setWindow = (id: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('window', id);
      return next;
    });

  let body: React.ReactNode;
  if (source.list.isError) {
    body = <ErrorState title="Could not load the sources" error={source.list.error} onRetry={() => void source.list.refetch()} />;
  } else if (source.unknown) {
    body = <ErrorState title={`Unknown source "${source.name ?? ''}"`} error={new Error('The server has no source of that name. Pick one in the source picker.')} />;
  } else if (query.isError) {
    body = <ErrorState title="Could not load the service map" error={query.error} onRetry={() => void query.refetch()} />;
  } else if (!model) {
    body = (
      <div className="map-loading">
        <SkeletonRows rows={10} label="Loading the service map" />
      </div>
    );
  } else if (model.layout.nodes.length === 0) {
    body = <EmptyMap source={source.info?.name ?? ''} local={source.info?.name === 'local'} window={windowId} onWindow={setWindow} />;
  } else {
    body = <MapBody model={model} selection={selection} select={select} controls={controls} traceql={source.info?.capabilities.traceql ?? false} sourceParam={params.get('source')} />;
  }

  return (
    <div className="map-page">
      <MapToolbar
        window={windowId}
        onWindow={setWindow}
        model={model}
        fetching={query.isFetching}
        onRefresh={() => void query.refetch()}
        controls={controls}
        onFocusService={(name) => {
          const node = model?.layout.index.get(name);
          if (node === undefined) return false;
          select({ kind: 'node', name });
          controls.current?.reveal(node);
          return true;
        }}
      />
      {body}
    </div>
  );
}

interface MapBodyProps {
  readonly model: GraphModel;
  readonly selection: MapSelection;
  readonly select: (selection: MapSelection) => void;
  readonly controls: React.RefObject<GraphControls | null>;
  readonly traceql: boolean;
  readonly sourceParam: string | null;
}

function MapBody({ model, selection, select, controls, traceql, sourceParam }: MapBodyProps) {
  const { layout } = model;
  const selectedNode = selection?.kind === 'node' ? (layout.index.get(selection.name) ?? -1) : -1;
  const selectedEdge = useMemo(() => {
    if (selection?.kind !== 'edge') return -1;
    const from = layout.index.get(selection.parent);
    const to = layout.index.get(selection.child);
    return layout.edges.findIndex((e) => e.from === from && e.to === to);
  }, [selection, layout]);

  const emphasis = useMemo((): Emphasis | null => {
    if (selectedNode >= 0) {
      const edges = new Set([...model.outgoing[selectedNode]!, ...model.incoming[selectedNode]!]);
      const nodes = new Set([selectedNode]);
      for (const i of edges) {
        nodes.add(layout.edges[i]!.from);
        nodes.add(layout.edges[i]!.to);
      }
      return { nodes, edges, selectedNode, selectedEdge: -1 };
    }
    if (selectedEdge >= 0) {
      const e = layout.edges[selectedEdge]!;
      return { nodes: new Set([e.from, e.to]), edges: new Set([selectedEdge]), selectedNode: -1, selectedEdge };
    }
    return null;
  }, [selectedNode, selectedEdge, model, layout]);

  const onSelectNode = useCallback((node: number) => select({ kind: 'node', name: layout.nodes[node]!.name }), [select, layout]);
  const onSelectEdge = useCallback(
    (edge: number) => {
      const e = layout.edges[edge]!;
      select({ kind: 'edge', parent: layout.nodes[e.from]!.name, child: layout.nodes[e.to]!.name });
    },
    [select, layout],
  );
  const onClear = useCallback(() => select(null), [select]);
  const links = { source: sourceParam, startSec: model.data.startSec, endSec: model.data.endSec };
  const panelProps = { model, links, traceql, onClose: onClear, onSelectEdge, onSelectNode };
  const missing = selection !== null && selectedNode < 0 && selectedEdge < 0;

  const label = `Service map: ${layout.nodes.length} services, ${layout.edges.length} calls. Arrow keys move between services, type a name to jump, Enter opens details.`;
  return (
    <div className="map-body">
      <div className="map-stage">
        <GraphView model={model} emphasis={emphasis} onSelectNode={onSelectNode} onSelectEdge={onSelectEdge} onClear={onClear} controls={controls} label={label} />
        <MapLegend errorsKnown={model.edgeFigures.some((e) => e.errorCount !== undefined)} />
      </div>
      {selectedNode >= 0 && <NodePanel {...panelProps} node={selectedNode} />}
      {selectedEdge >= 0 && <EdgePanel {...panelProps} edge={selectedEdge} />}
      {missing && (
        <section className="map-panel" role="status">
          <p>
            {selection.kind === 'node' ? `No service "${selection.name}"` : `No calls ${selection.parent} → ${selection.child}`} in this window.
          </p>
          <button type="button" onClick={onClear}>
            Clear selection
          </button>
        </section>
      )}
    </div>
  );
}
