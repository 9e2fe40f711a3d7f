import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { SearchHit } from '../../sources/clients';
import { formatDuration } from '../../model/format';
import { brushToRange, crossPath, layoutScatter, startMs } from './scatter';
import { clockTime } from './timeInput';
import { useNow } from './useNow';

interface ResultsScatterProps {
  readonly hits: readonly SearchHit[];
  /** The searched window, ms: the x axis spans it. */
  readonly windowMs: readonly [number, number];
  readonly utc: boolean;
  readonly traceLink: (traceId: string) => string;
  /** A brushed time window (the page puts it in the URL). */
  readonly onBrush: (range: { startMs: number; endMs: number }) => void;
}

const HEIGHT = 170;

/**
 * Duration over start time, one mark per trace: circles, and red crosses for traces with
 * errors (shape and colour). Each mark is a link to the trace; dragging across the plot
 * narrows the time range.
 */
export function ResultsScatter({ hits, windowMs, utc, traceLink, onBrush }: ResultsScatterProps) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  const [brush, setBrush] = useState<{ x0: number; x1: number } | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(200, Math.floor(entry.contentRect.width)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const layout = useMemo(() => layoutScatter(hits, { width, height: HEIGHT }, windowMs, utc), [hits, width, windowMs, utc]);
  const now = useNow();
  const errors = hits.filter((h) => (h.errorCount ?? 0) > 0).length;

  const localX = (event: React.PointerEvent) => event.clientX - (event.currentTarget as SVGElement).getBoundingClientRect().left;

  return (
    <figure className="scatter" ref={box}>
      <figcaption className="sr-only">
        Trace duration over start time: {hits.length} traces, {errors} with errors. Drag across the plot to narrow the time range.
      </figcaption>
      <svg
        width={width}
        height={HEIGHT}
        role="group"
        aria-label="Duration over time"
        onPointerDown={(event) => {
          if (event.button !== 0 || (event.target as Element).closest('a')) return;
          (event.currentTarget as SVGSVGElement).setPointerCapture(event.pointerId);
          const x = localX(event);
          setBrush({ x0: x, x1: x });
        }}
        onPointerMove={(event) => {
          if (brush) setBrush({ ...brush, x1: localX(event) });
        }}
        onPointerUp={() => {
          if (!brush) return;
          const range = brushToRange(brush.x0, brush.x1, layout);
          setBrush(null);
          if (range) onBrush(range);
        }}
        onPointerCancel={() => setBrush(null)}
      >
        <g className="scatter-grid" aria-hidden="true">
          {layout.yTicks.map((t) => (
            <g key={t.at}>
              <line x1={layout.plot.left} x2={layout.plot.right} y1={t.at} y2={t.at} />
              <text x={layout.plot.left - 6} y={t.at} dy="0.32em" textAnchor="end">
                {t.label}
              </text>
            </g>
          ))}
          {layout.xTicks.map((t) => (
            <text key={t.at} x={t.at} y={HEIGHT - 6} textAnchor="middle">
              {t.label}
            </text>
          ))}
          <line className="scatter-axis" x1={layout.plot.left} x2={layout.plot.right} y1={layout.plot.bottom} y2={layout.plot.bottom} />
        </g>
        {brush && (
          <rect
            className="scatter-brush"
            x={Math.min(brush.x0, brush.x1)}
            width={Math.abs(brush.x1 - brush.x0)}
            y={layout.plot.top}
            height={layout.plot.bottom - layout.plot.top}
          />
        )}
        {layout.points.map((p) => {
          const label = `${p.hit.rootService || 'unknown service'}: ${p.hit.rootName || 'unknown'}, ${formatDuration(p.hit.durationMs * 1e6)}, ${clockTime(startMs(p.hit), now, utc)}${p.error ? `, ${p.hit.errorCount} errors` : ''}`;
          return (
            <Link key={p.traceId} to={traceLink(p.traceId)} aria-label={label} className={p.error ? 'scatter-dot error' : 'scatter-dot'}>
              <title>{label}</title>
              {p.error ? <path d={crossPath(p.x, p.y, 4)} /> : <circle cx={p.x} cy={p.y} r={3.5} />}
            </Link>
          );
        })}
      </svg>
      <div className="scatter-legend muted" aria-hidden="true">
        <svg width={10} height={10}>
          <circle cx={5} cy={5} r={3.5} className="legend-ok" />
        </svg>
        trace
        <svg width={10} height={10}>
          <path d={crossPath(5, 5, 4)} className="legend-error" />
        </svg>
        with errors · drag to zoom the time range
      </div>
    </figure>
  );
}
