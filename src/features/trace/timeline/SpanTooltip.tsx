/**
 * The hover card for a span: name, duration, self time. Kept in its own component with its own
 * state so mouse moves re-render only the card, not the waterfall.
 */
import { useImperativeHandle, useState, type Ref } from 'react';
import { formatDuration } from '../../../model/format';
import type { Trace } from '../../../model/types';

export interface TooltipHandle {
  show(index: number, clientX: number, clientY: number): void;
  hide(): void;
}

interface Props {
  readonly trace: Trace;
  readonly selfTimeOf: (index: number) => number;
  readonly ref: Ref<TooltipHandle>;
}

export function SpanTooltip({ trace, selfTimeOf, ref }: Props) {
  const [state, setState] = useState<{ index: number; x: number; y: number } | null>(null);
  useImperativeHandle(ref, () => ({
    show: (index, x, y) => setState((prev) => (prev?.index === index && prev.x === x && prev.y === y ? prev : { index, x, y })),
    hide: () => setState(null),
  }));
  if (state === null) return null;
  const span = trace.spans[state.index];
  if (span === undefined) return null;
  const left = Math.min(state.x + 14, window.innerWidth - 320);
  const top = state.y + 18 + 90 > window.innerHeight ? state.y - 96 : state.y + 18;
  return (
    <div className="ts-wf-tooltip" role="tooltip" style={{ left, top }}>
      <div className="ts-wf-tooltip-title">
        <span className="ts-wf-service">{span.serviceName}</span> {span.name}
      </div>
      <dl>
        <dt>Duration</dt>
        <dd>{formatDuration(span.duration)}</dd>
        <dt>Self time</dt>
        <dd>{formatDuration(selfTimeOf(state.index))}</dd>
        <dt>Start</dt>
        <dd>{formatDuration(span.start)}</dd>
        {span.isError && (
          <>
            <dt>Status</dt>
            <dd className="ts-wf-tooltip-error">Error{span.status.message ? `: ${span.status.message}` : ''}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
