/**
 * The time axis above the bars: round ticks with units; drag across it to zoom into a range.
 */
import { useRef, useState, type PointerEvent } from 'react';
import type { ViewRange } from '../contracts';
import { isZoomed, rangeFromDrag, rulerTicks } from './timeScale';

interface Props {
  readonly duration: number;
  readonly viewRange: ViewRange;
  readonly width: number;
  readonly minWidth: number;
  readonly onViewRange: (range: ViewRange) => void;
}

export function Ruler({ duration, viewRange, width, minWidth, onViewRange }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  const ticks = rulerTicks(duration, viewRange, width);
  const xOf = (e: PointerEvent<HTMLDivElement>): number => e.clientX - (ref.current?.getBoundingClientRect().left ?? 0);

  return (
    <div
      ref={ref}
      className="ts-wf-ruler"
      data-testid="ruler"
      title="Drag to zoom into a time range"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        const x = xOf(e);
        setDrag({ x0: x, x1: x });
      }}
      onPointerMove={(e) => {
        if (drag !== null) setDrag({ x0: drag.x0, x1: xOf(e) });
      }}
      onPointerUp={(e) => {
        if (drag === null) return;
        e.currentTarget.releasePointerCapture(e.pointerId);
        const x1 = xOf(e);
        setDrag(null);
        if (Math.abs(x1 - drag.x0) >= 3) onViewRange(rangeFromDrag(drag.x0, x1, width, viewRange, minWidth));
      }}
      onPointerCancel={() => setDrag(null)}
    >
      {ticks.filter((tick) => tick.x <= width - (isZoomed(viewRange) ? 116 : 44)).map((tick) => (
        <span key={tick.label} className="ts-wf-tick" style={{ left: tick.x }}>
          {tick.label}
        </span>
      ))}
      {drag !== null && (
        <div
          className="ts-wf-ruler-selection"
          style={{ left: Math.max(0, Math.min(drag.x0, drag.x1)), width: Math.min(width, Math.abs(drag.x1 - drag.x0)) }}
        />
      )}
    </div>
  );
}
