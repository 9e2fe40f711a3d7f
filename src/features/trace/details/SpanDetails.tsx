/**
 * The span details panel: everything one span carries, as text, with copyable IDs, a filter over
 * its attribute tables, and links to the parent and to linked spans.
 */
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { formatDuration } from '../../../model/format';
import { selfTimes } from '../../../model/selfTime';
import type { Attribute, Span, Trace } from '../../../model/types';
import { serviceColor } from '../../../app/theme/serviceColor';
import type { SpanDetailsProps } from '../contracts';
import { AttributeTable } from './AttributeTable';
import { exactNs, filterAttributes, wallClock } from './attributeFormat';
import { CopyButton } from './CopyButton';
import type { SpanAttributes } from './useSpanAttributes';
import { useSpanAttributes } from './useSpanAttributes';
import './details.css';

export function SpanDetails({ trace, index, onClose, onSelect, linkHref, details }: SpanDetailsProps) {
  const span = trace.spans[index];
  const loaded = useSpanAttributes(span, details);
  const self = useMemo(() => selfTimes(trace), [trace]);
  const [filter, setFilter] = useState('');
  const headingId = useId();
  if (span === undefined) {
    return (
      <section aria-label="Span details" className="sd">
        <p className="muted">No span at position {index} in this trace.</p>
        <button type="button" onClick={onClose}>Close</button>
      </section>
    );
  }
  const parent = span.parent >= 0 ? trace.spans[span.parent] : undefined;

  return (
    <section aria-label="Span details" className="sd">
      <header className="sd-head">
        <h2 id={headingId} className="sd-title" title={span.name}>
          {span.isError && (
            <span className="sd-error-mark" role="img" aria-label="Error">
              !
            </span>
          )}
          {span.name || <span className="muted">(no name)</span>}
        </h2>
        <button type="button" className="sd-close" onClick={onClose} aria-label="Close span details" title="Close (Esc)">
          ×
        </button>
      </header>

      <dl className="sd-fields">
        <Field label="Service">
          <span className="sd-swatch" style={{ background: serviceColor(span.serviceName) }} aria-hidden="true" />
          {span.serviceName}
        </Field>
        <Field label="Kind">{span.kind}</Field>
        <Field label="Status">
          <span className={span.status.code === 'error' ? 'error-text' : undefined}>{span.status.code}</span>
          {span.status.message !== '' && <span className="sd-status-msg"> — {span.status.message}</span>}
        </Field>
        <Field label="Start">
          <span title={`${exactNs(span.start)} after the trace start; received start ${wallClock(span.startTimeUnixNano)}`}>{formatDuration(span.start)}</span>
        </Field>
        <Field label="Duration">
          <span title={exactNs(span.duration)}>{formatDuration(span.duration)}</span>
        </Field>
        <Field label="Self time">
          <span title={exactNs(self[span.index] ?? 0)}>{formatDuration(self[span.index] ?? 0)}</span>
          {span.duration > 0 && <span className="muted"> ({percent((self[span.index] ?? 0) / span.duration)})</span>}
        </Field>
        {span.skewShift !== 0 && (
          <Field label="Clock skew">
            <span title={exactNs(span.skewShift)} className="warn-text">
              shifted {span.skewShift > 0 ? '+' : ''}
              {formatDuration(span.skewShift)}
            </span>
          </Field>
        )}
        <Field label="Span ID">
          <span className="mono">{span.spanId}</span>
          <CopyButton text={span.spanId} label="Copy span ID" />
        </Field>
        <Field label="Parent ID">
          <ParentId span={span} parent={parent} onSelect={onSelect} />
        </Field>
        <Field label="Trace ID">
          <span className="mono sd-ellipsis" title={span.traceId}>
            {span.traceId}
          </span>
          <CopyButton text={span.traceId} label="Copy trace ID" />
        </Field>
        {span.traceState !== '' && (
          <Field label="Trace state">
            <span className="mono">{span.traceState}</span>
          </Field>
        )}
        <Problems span={span} />
      </dl>

      <div className="sd-filter">
        <input
          type="search"
          placeholder="Filter attributes"
          aria-label="Filter attributes"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            // Esc clears the filter first; a second Esc (empty box) closes the panel.
            if (e.key === 'Escape' && filter !== '') {
              e.preventDefault();
              setFilter('');
            }
          }}
        />
      </div>

      {loaded.state === 'ready' ? (
        <AttributeSection title="Attributes" attributes={loaded.attributes} dropped={span.droppedAttributesCount} filter={filter} open />
      ) : (
        <PendingAttributes loaded={loaded} />
      )}
      <EventsSection span={span} filter={filter} />
      <LinksSection trace={trace} span={span} filter={filter} linkHref={linkHref} />
      <AttributeSection
        title="Resource"
        summary={span.resource.serviceName}
        attributes={span.resource.attributes}
        dropped={span.resource.droppedAttributesCount}
        filter={filter}
        open={false}
        extra={span.resource.schemaUrl !== '' ? <p className="sd-meta muted">schema {span.resource.schemaUrl}</p> : null}
      />
      <AttributeSection
        title="Scope"
        attributes={span.scope.attributes}
        dropped={span.scope.droppedAttributesCount}
        filter={filter}
        open={false}
        summary={span.scope.name === '' ? '(unnamed)' : `${span.scope.name}${span.scope.version ? ` ${span.scope.version}` : ''}`}
        extra={span.scope.schemaUrl !== '' ? <p className="sd-meta muted">schema {span.scope.schemaUrl}</p> : null}
      />
    </section>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction >= 0.1 ? 0 : 1)}%`;
}

function ParentId({ span, parent, onSelect }: { span: Span; parent: Span | undefined; onSelect: (index: number) => void }) {
  if (span.parentSpanId === '') return <span className="muted">none (root span)</span>;
  return (
    <>
      {parent !== undefined ? (
        <button
          type="button"
          className="sd-linkish mono"
          onClick={() => onSelect(parent.index)}
          aria-label={`Go to parent span ${parent.name} (${span.parentSpanId})`}
          title={`${parent.serviceName}: ${parent.name}`}
        >
          {span.parentSpanId}
        </button>
      ) : (
        <span className="mono" title="The parent is not in this trace">
          {span.parentSpanId} <span className="warn-text">(missing)</span>
        </span>
      )}
      <CopyButton text={span.parentSpanId} label="Copy parent ID" />
    </>
  );
}

function Problems({ span }: { span: Span }) {
  const notes: string[] = [];
  if (span.isOrphan) notes.push('parent not in the trace');
  if (span.isDuplicate) notes.push('another span has the same ID');
  if (span.cycleBroken) notes.push('parent link cut to break a cycle');
  if (span.endTimeUnixNano < span.startTimeUnixNano) notes.push('ends before it starts (shown as 0 duration)');
  if (notes.length === 0) return null;
  return (
    <Field label="Warnings">
      <span className="warn-text">{notes.join('; ')}</span>
    </Field>
  );
}

/** The attributes section while they load, or when loading failed (with the reason and a retry). */
function PendingAttributes({ loaded }: { loaded: Exclude<SpanAttributes, { state: 'ready' }> }) {
  return (
    <details className="sd-section" open>
      <summary>
        <h3>Attributes</h3>
      </summary>
      {loaded.state === 'loading' ? (
        <p className="sd-meta muted" role="status">
          Loading attributes…
        </p>
      ) : (
        <div className="sd-meta" role="alert">
          <p className="error-text">Could not load the attributes: {loaded.error instanceof Error ? loaded.error.message : String(loaded.error)}</p>
          <button type="button" onClick={loaded.retry}>
            Retry
          </button>
        </div>
      )}
    </details>
  );
}

interface AttributeSectionProps {
  readonly title: string;
  readonly attributes: readonly Attribute[];
  readonly dropped: number;
  readonly filter: string;
  readonly open: boolean;
  readonly summary?: string;
  readonly extra?: React.ReactNode;
}

function AttributeSection({ title, attributes, dropped, filter, open, summary, extra }: AttributeSectionProps) {
  const shown = filterAttributes(attributes, filter);
  const filtering = shown !== attributes;
  return (
    // While filtering, sections with matches open so the matches are seen.
    <details className="sd-section" open={open || (filtering && shown.length > 0) || undefined}>
      <summary>
        <h3>{title}</h3>
        {summary !== undefined && <span className="sd-summary">{summary}</span>}
        <span className="sd-count muted">{filtering ? `${shown.length} of ${attributes.length}` : attributes.length}</span>
      </summary>
      {extra}
      <AttributeTable attributes={shown} label={`${title} attributes`} />
      {attributes.length === 0 && <p className="sd-meta muted">No attributes.</p>}
      {filtering && shown.length === 0 && attributes.length > 0 && <p className="sd-meta muted">No attribute matches “{filter.trim()}”.</p>}
      {dropped > 0 && <p className="sd-meta warn-text">{dropped} attributes dropped by the sender.</p>}
    </details>
  );
}

function EventsSection({ span, filter }: { span: Span; filter: string }) {
  if (span.events.length === 0 && span.droppedEventsCount === 0) return null;
  return (
    <details className="sd-section" open>
      <summary>
        <h3>Events</h3>
        <span className="sd-count muted">{span.events.length}</span>
      </summary>
      <ol className="sd-events">
        {span.events.map((event, i) => {
          // Offset within the span from the received times, placed at the span's display start
          // so events move with a clock-skew shift.
          const intoSpan = Number(event.timeUnixNano - span.startTimeUnixNano);
          const offset = span.start + intoSpan;
          const attributes = filterAttributes(event.attributes, filter);
          return (
            <li key={i}>
              <div className="sd-event-head">
                <span className="sd-event-time" title={`${exactNs(offset)} after the trace start; ${exactNs(intoSpan)} into the span`}>
                  {formatDuration(offset)}
                </span>
                <span className="sd-event-name">{event.name || <span className="muted">(no name)</span>}</span>
                <span className="muted sd-event-into">+{formatDuration(intoSpan)} in span</span>
              </div>
              <AttributeTable attributes={attributes} label={`Event ${event.name} attributes`} />
              {event.droppedAttributesCount > 0 && <p className="sd-meta warn-text">{event.droppedAttributesCount} attributes dropped.</p>}
            </li>
          );
        })}
      </ol>
      {span.droppedEventsCount > 0 && <p className="sd-meta warn-text">{span.droppedEventsCount} events dropped by the sender.</p>}
    </details>
  );
}

interface LinksSectionProps {
  readonly trace: Trace;
  readonly span: Span;
  readonly filter: string;
  readonly linkHref: (traceId: string, spanId: string) => string;
}

function LinksSection({ trace, span, filter, linkHref }: LinksSectionProps) {
  if (span.links.length === 0 && span.droppedLinksCount === 0) return null;
  return (
    <details className="sd-section" open>
      <summary>
        <h3>Links</h3>
        <span className="sd-count muted">{span.links.length}</span>
      </summary>
      <ul className="sd-links">
        {span.links.map((link, i) => {
          const sameTrace = link.traceId === trace.traceId;
          return (
            <li key={i}>
              <Link to={linkHref(link.traceId, link.spanId)} aria-label={`Open linked span ${link.spanId} in trace ${link.traceId}`} className="mono">
                {sameTrace ? 'this trace' : `${link.traceId.slice(0, 16)}…`} / {link.spanId}
              </Link>
              {link.refType !== undefined && <span className="muted"> ({link.refType === 'follows_from' ? 'follows from' : 'child of'})</span>}
              <AttributeTable attributes={filterAttributes(link.attributes, filter)} label={`Link ${i + 1} attributes`} />
            </li>
          );
        })}
      </ul>
      {span.droppedLinksCount > 0 && <p className="sd-meta warn-text">{span.droppedLinksCount} links dropped by the sender.</p>}
    </details>
  );
}
