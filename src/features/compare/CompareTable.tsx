import { Link } from 'react-router';
import type { CompareNode, CompareStatus } from '../../model/compareTraces';
import { formatDuration } from '../../model/format';
import { serviceColor } from '../../app/theme/serviceColor';

const LABEL: Record<CompareStatus, { text: string; icon: string }> = {
  added: { text: 'Only in B', icon: '+' },
  removed: { text: 'Only in A', icon: '−' },
  slower: { text: 'Slower', icon: '▲' },
  faster: { text: 'Faster', icon: '▼' },
  same: { text: 'Same', icon: '=' },
};

/** `+12 ms` / `−5 ms` (a real minus sign). */
function signed(ns: number): string {
  return ns > 0 ? `+${formatDuration(ns)}` : `−${formatDuration(-ns)}`;
}

function callsChange(delta: number): string {
  const n = Math.abs(delta);
  return `${n} ${delta > 0 ? 'more' : 'fewer'} call${n === 1 ? '' : 's'}`;
}

interface CompareTableProps {
  readonly nodes: readonly CompareNode[];
  /** Link to a span of trace A or B. */
  readonly spanLink: (side: 'a' | 'b', spanId: string) => string;
}

/** The merged call tree, one row per service:operation path, with what changed from A to B. */
export function CompareTable({ nodes, spanLink }: CompareTableProps) {
  return (
    <table className="data-table compare-table" aria-label="Span comparison">
      <thead>
        <tr>
          <th scope="col">Service: operation (call path)</th>
          <th scope="col">Change</th>
          <th scope="col" className="num">
            Spans A
          </th>
          <th scope="col" className="num">
            Time A
          </th>
          <th scope="col" className="num">
            Spans B
          </th>
          <th scope="col" className="num">
            Time B
          </th>
          <th scope="col" className="num">
            Difference
          </th>
          <th scope="col">Open</th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((node) => {
          const label = LABEL[node.status];
          const countChanged = node.a && node.b && node.a.count !== node.b.count;
          return (
            <tr key={node.key} className={`compare-${node.status}`} title={node.key}>
              <td className="compare-name" style={{ paddingLeft: `${node.depth * 16 + 4}px` }}>
                <span className="service-dot" style={{ background: serviceColor(node.service) }} aria-hidden="true" />
                {node.service}: {node.name}
                <span className="sr-only">, depth {node.depth}</span>
              </td>
              <td className="nowrap">
                <span className={`compare-badge ${node.status}`}>
                  <span aria-hidden="true">{label.icon} </span>
                  {label.text}
                </span>
                {countChanged && <span className="muted"> · {callsChange(node.b!.count - node.a!.count)}</span>}
              </td>
              <td className="num">{node.a?.count ?? '—'}</td>
              <td className="num" title={node.a ? `${node.a.totalNs} ns` : undefined}>
                {node.a ? formatDuration(node.a.totalNs) : '—'}
                {node.a && node.a.errorCount > 0 && <span className="error-text" title={`${node.a.errorCount} errors`}> ✕{node.a.errorCount}</span>}
              </td>
              <td className="num">{node.b?.count ?? '—'}</td>
              <td className="num" title={node.b ? `${node.b.totalNs} ns` : undefined}>
                {node.b ? formatDuration(node.b.totalNs) : '—'}
                {node.b && node.b.errorCount > 0 && <span className="error-text" title={`${node.b.errorCount} errors`}> ✕{node.b.errorCount}</span>}
              </td>
              <td className="num">
                {node.deltaNs === 0 ? '0' : signed(node.deltaNs)}
                {node.a && node.b && node.a.totalNs > 0 && node.deltaNs !== 0 && (
                  <span className="muted"> ({node.deltaNs > 0 ? '+' : ''}{Math.round((node.deltaNs / node.a.totalNs) * 100)} %)</span>
                )}
              </td>
              <td className="nowrap compare-open">
                {node.a && node.a.spanIds[0] && (
                  <Link to={spanLink('a', node.a.spanIds[0])} aria-label={`Open ${node.service}: ${node.name} in trace A`}>
                    A
                  </Link>
                )}
                {node.b && node.b.spanIds[0] && (
                  <Link to={spanLink('b', node.b.spanIds[0])} aria-label={`Open ${node.service}: ${node.name} in trace B`}>
                    B
                  </Link>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
