/** The panel for the selected service or call: its figures and links to the matching traces. */
import { Link } from 'react-router';
import { serviceColor } from '../../app/theme/serviceColor';
import { formatDuration } from '../../model/format';
import type { GraphEdge, GraphService, ServiceGraphData } from '../../sources/clients/serviceGraph';
import { errorBand, formatCount, formatPerSecond, formatRate } from './edgeStyle';
import type { LinkContext } from './searchLinks';
import { callTraceQl, callTracesLink, serviceTracesLink } from './searchLinks';
import type { GraphModel } from './useServiceGraph';

const p99 = (ms: number | undefined) => (ms === undefined ? '—' : formatDuration(ms * 1e6));

interface PanelProps {
  readonly model: GraphModel;
  readonly links: LinkContext;
  readonly traceql: boolean;
  readonly onClose: () => void;
  readonly onSelectEdge: (edge: number) => void;
  readonly onSelectNode: (node: number) => void;
}

function Figures({ f, seconds, basis }: { f: { callCount?: number; errorCount?: number; p99Ms?: number }; seconds: number; basis: ServiceGraphData['basis'] }) {
  const band = errorBand(f.errorCount, f.callCount ?? 0);
  return (
    <dl className="map-figures">
      <dt>Requests</dt>
      <dd>
        {formatCount(f.callCount)} <span className="muted">({formatPerSecond(f.callCount, seconds)})</span>
      </dd>
      <dt>Errors</dt>
      <dd className={band === 'high' ? 'error-text' : undefined}>
        {f.errorCount === undefined ? <span className="muted">not reported by this source</span> : `${formatCount(f.errorCount)} (${formatRate(f.errorCount, f.callCount)})`}
      </dd>
      <dt>P99</dt>
      <dd title={f.p99Ms !== undefined ? `${f.p99Ms} ms` : undefined}>
        {f.p99Ms === undefined ? <span className="muted">not reported by this source</span> : p99(f.p99Ms)}
        {basis === 'prometheus' && f.p99Ms !== undefined && <span className="muted"> (histogram estimate)</span>}
      </dd>
    </dl>
  );
}

function nodeNote(f: GraphService, basis: ServiceGraphData['basis']): string {
  if (f.callCount === undefined) return 'Only calls out of this service were seen in the window.';
  if (basis === 'store') return 'Calls into this service and its root spans, in the window.';
  if (basis === 'sampled') return 'Calls into this service and its root spans, in the sampled traces.';
  return 'Calls into this service from other services, in the window.';
}

export function NodePanel({ model, node, links, onClose, onSelectEdge }: PanelProps & { node: number }) {
  const name = model.layout.nodes[node]!.name;
  const f: GraphService = model.nodeFigures[node]!;
  const seconds = model.data.endSec - model.data.startSec;
  const busiestFirst = (list: readonly number[]) => [...list].sort((a, b) => model.edgeFigures[b]!.callCount - model.edgeFigures[a]!.callCount);
  const out = busiestFirst(model.outgoing[node]!);
  const inn = busiestFirst(model.incoming[node]!);
  return (
    <section className="map-panel" aria-labelledby="map-panel-title">
      <header className="map-panel-head">
        <h2 id="map-panel-title">
          <span className="service-dot" style={{ background: serviceColor(name) }} aria-hidden="true" />
          {name}
        </h2>
        <button type="button" onClick={onClose} aria-label="Close panel">
          ×
        </button>
      </header>
      <p className="muted">{nodeNote(f, model.data.basis)}</p>
      <Figures f={f} seconds={seconds} basis={model.data.basis} />
      <Link className="map-action" to={serviceTracesLink(name, links)}>
        Show traces
      </Link>
      {f.operations && f.operations.length > 0 && (
        <>
          <h3>Top operations</h3>
          <table className="data-table map-table">
            <thead>
              <tr>
                <th>Operation</th>
                <th className="num">Calls</th>
                <th className="num">Errors</th>
                <th className="num">P99</th>
              </tr>
            </thead>
            <tbody>
              {f.operations.map((op) => (
                <tr key={op.name}>
                  <td className="map-ellipsis" title={op.name}>
                    {op.name}
                  </td>
                  <td className="num">{formatCount(op.callCount)}</td>
                  <td className={`num${errorBand(op.errorCount, op.callCount) === 'high' ? ' error-text' : ''}`}>{formatRate(op.errorCount, op.callCount)}</td>
                  <td className="num">{p99(op.p99Ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <EdgeList title="Calls" edges={out} model={model} side="to" onSelectEdge={onSelectEdge} />
      <EdgeList title="Called by" edges={inn} model={model} side="from" onSelectEdge={onSelectEdge} />
    </section>
  );
}

function EdgeList({ title, edges, model, side, onSelectEdge }: { title: string; edges: readonly number[]; model: GraphModel; side: 'from' | 'to'; onSelectEdge: (edge: number) => void }) {
  if (edges.length === 0) return null;
  return (
    <>
      <h3>
        {title} <span className="muted">({edges.length})</span>
      </h3>
      <table className="data-table map-table">
        <thead>
          <tr>
            <th>Service</th>
            <th className="num">Calls</th>
            <th className="num">Errors</th>
            <th className="num">P99</th>
          </tr>
        </thead>
        <tbody>
          {edges.slice(0, 50).map((i) => {
            const e = model.layout.edges[i]!;
            const f = model.edgeFigures[i]!;
            const other = model.layout.nodes[side === 'to' ? e.to : e.from]!.name;
            return (
              <tr key={i}>
                <td className="map-ellipsis">
                  <button type="button" className="link-button" onClick={() => onSelectEdge(i)} aria-label={`Call ${f.parent} → ${f.child}`} title={`${f.parent} → ${f.child}`}>
                    <span className="service-dot" style={{ background: serviceColor(other) }} aria-hidden="true" />
                    {other}
                  </button>
                </td>
                <td className="num">{formatCount(f.callCount)}</td>
                <td className={`num${errorBand(f.errorCount, f.callCount) === 'high' ? ' error-text' : ''}`}>{formatRate(f.errorCount, f.callCount)}</td>
                <td className="num">{p99(f.p99Ms)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {edges.length > 50 && <p className="muted">and {edges.length - 50} more</p>}
    </>
  );
}

export function EdgePanel({ model, edge, links, traceql, onClose, onSelectNode }: PanelProps & { edge: number }) {
  const e = model.layout.edges[edge]!;
  const f: GraphEdge = model.edgeFigures[edge]!;
  const seconds = model.data.endSec - model.data.startSec;
  return (
    <section className="map-panel" aria-labelledby="map-panel-title">
      <header className="map-panel-head">
        <h2 id="map-panel-title">
          {f.parent} → {f.child}
        </h2>
        <button type="button" onClick={onClose} aria-label="Close panel">
          ×
        </button>
      </header>
      <p className="muted">Calls from {f.parent} to {f.child} (spans of {f.child} whose parent span is in {f.parent}).</p>
      <Figures f={f} seconds={seconds} basis={model.data.basis} />
      <Link className="map-action" to={callTracesLink(f.parent, f.child, traceql, links)}>
        Show traces with this call
      </Link>
      {traceql ? (
        <p className="muted">
          TraceQL: <code>{callTraceQl(f.parent, f.child)}</code>
        </p>
      ) : (
        <p className="muted">This source has no structural queries: the search lists traces with spans of {f.child}.</p>
      )}
      <h3>Services</h3>
      <div className="map-panel-nodes">
        <button type="button" onClick={() => onSelectNode(e.from)} title={`Open ${f.parent}`}>
          <span className="service-dot" style={{ background: serviceColor(f.parent) }} aria-hidden="true" />
          {f.parent}
        </button>
        <button type="button" onClick={() => onSelectNode(e.to)} title={`Open ${f.child}`}>
          <span className="service-dot" style={{ background: serviceColor(f.child) }} aria-hidden="true" />
          {f.child}
        </button>
      </div>
    </section>
  );
}
