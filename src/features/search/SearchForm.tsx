import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { TraceSource } from '../../sources/clients';
import { TraceQLEditor } from './TraceQLEditor';
import { localQueryError, type QueryError } from './queryError';
import {
  DEFAULT_LIMIT,
  LOOKBACK_PRESETS,
  MAX_LIMIT,
  formatAttrs,
  parseJaegerTags,
  resolveRange,
  validateSearch,
  type FieldErrors,
  type SearchState,
} from './searchUrl';
import { fromDateTimeInput, toDateTimeInput } from './timeInput';

interface SearchFormProps {
  /** The search in the URL: the form starts from it (remount the form when it changes). */
  readonly initial: SearchState;
  readonly onSubmit: (state: SearchState) => void;
  /** The time zone is a display setting: it applies at once, without running the search. */
  readonly onUtcChange: (utc: boolean) => void;
  readonly client: TraceSource | undefined;
  readonly sourceName: string | null;
  readonly traceqlAvailable: boolean;
  /** The source cannot search without a service (Jaeger). */
  readonly requireService: boolean;
  /** An error the source returned for the TraceQL query in the URL (shown at its position). */
  readonly serverError: QueryError | null;
}

/** The filters column: a structured form and, for TraceQL sources, a TraceQL tab. */
export function SearchForm({ initial, onSubmit, onUtcChange, client, sourceName, traceqlAvailable, requireService, serverError }: SearchFormProps) {
  const [draft, setDraft] = useState<SearchState>(initial);
  const [attrText, setAttrText] = useState(formatAttrs(initial.attributes));
  const [from, setFrom] = useState(() => toDateTimeInput(resolveRange(initial.range, Date.now()).startMs, initial.utc));
  const [to, setTo] = useState(() => toDateTimeInput(resolveRange(initial.range, Date.now()).endMs, initial.utc));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [queryError, setQueryError] = useState<QueryError | null>(() => (initial.tab === 'traceql' ? localQueryError(initial.traceql) : null));
  const id = useId();
  const tab = traceqlAvailable ? draft.tab : 'form';

  const services = useQuery({
    queryKey: ['tracescope', 'services', sourceName],
    queryFn: ({ signal }) => client!.services({ signal }),
    enabled: client !== undefined,
    staleTime: 60_000,
  });
  const operations = useQuery({
    queryKey: ['tracescope', 'operations', sourceName, draft.service],
    queryFn: ({ signal }) => client!.operations(draft.service, { signal }),
    enabled: client !== undefined && draft.service !== '',
    staleTime: 60_000,
  });

  const set = (patch: Partial<SearchState>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (event?: React.FormEvent) => {
    event?.preventDefault();
    const attributes = parseJaegerTags(attrText);
    let next: SearchState = { ...draft, tab, attributes: attributes ?? [] };
    const found: FieldErrors = {};
    if (attributes === null) found.attributes = 'Write attributes as key=value pairs separated by spaces; quote values with spaces: http.route="/a b"';
    if (draft.range.kind === 'absolute') {
      const startMs = fromDateTimeInput(from, draft.utc);
      const endMs = fromDateTimeInput(to, draft.utc);
      if (Number.isNaN(startMs) || Number.isNaN(endMs)) found.range = 'Enter both dates and times of the range';
      else next = { ...next, range: { kind: 'absolute', startMs, endMs } };
    }
    Object.assign(found, validateSearch(next, { requireService }), found);
    const localError = tab === 'traceql' ? localQueryError(next.traceql) : null;
    setQueryError(localError);
    setErrors(found);
    if (Object.keys(found).length > 0 || localError) return;
    onSubmit(next);
  };

  const serviceOptions = [...new Set([...(services.data ?? []), ...(draft.service ? [draft.service] : [])])].sort();
  const operationOptions = [...new Set([...(operations.data ?? []), ...(draft.operation ? [draft.operation] : [])])].sort();
  const shownQueryError = queryError ?? (draft.traceql === initial.traceql ? serverError : null);

  return (
    <form className="search-form" onSubmit={submit} aria-label="Search traces" noValidate>
      {traceqlAvailable && (
        <div role="tablist" aria-label="Search mode" className="search-tabs">
          {(['form', 'traceql'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              id={`${id}-tab-${t}`}
              aria-selected={tab === t}
              aria-controls={`${id}-panel`}
              className={tab === t ? 'active' : undefined}
              onClick={() => set({ tab: t })}
              onKeyDown={(event) => {
                if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
                  const other = t === 'form' ? 'traceql' : 'form';
                  set({ tab: other });
                  document.getElementById(`${id}-tab-${other}`)?.focus();
                }
              }}
              tabIndex={tab === t ? 0 : -1}
            >
              {t === 'form' ? 'Filters' : 'TraceQL'}
            </button>
          ))}
        </div>
      )}
      <div id={`${id}-panel`} role={traceqlAvailable ? 'tabpanel' : undefined} aria-labelledby={traceqlAvailable ? `${id}-tab-${tab}` : undefined} className="search-fields">
        {tab === 'traceql' ? (
          <TraceQLEditor
            value={draft.traceql}
            onChange={(traceql) => {
              set({ traceql });
              if (queryError) setQueryError(null);
            }}
            onRun={() => submit()}
            error={shownQueryError}
            client={client}
            sourceName={sourceName}
          />
        ) : (
          <>
            <Field label="Service" htmlFor={`${id}-service`} error={errors.service} errorId={`${id}-service-error`}>
              <select
                id={`${id}-service`}
                value={draft.service}
                aria-invalid={errors.service !== undefined}
                aria-describedby={errors.service ? `${id}-service-error` : undefined}
                onChange={(e) => set({ service: e.target.value, operation: '' })}
              >
                <option value="">{requireService ? 'Pick a service' : 'All services'}</option>
                {serviceOptions.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
              {services.isError && <p className="warn-text field-help">Could not list services: {(services.error as Error).message}</p>}
            </Field>
            <Field label="Operation" htmlFor={`${id}-operation`}>
              <select id={`${id}-operation`} value={draft.operation} onChange={(e) => set({ operation: e.target.value })} disabled={draft.service === ''}>
                <option value="">{draft.service === '' ? 'Pick a service first' : 'All operations'}</option>
                {operationOptions.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Attributes" htmlFor={`${id}-attrs`} error={errors.attributes} errorId={`${id}-attrs-error`}>
              <input
                id={`${id}-attrs`}
                type="text"
                className="mono"
                placeholder="http.response.status_code=500 user.tier=gold"
                value={attrText}
                spellCheck={false}
                aria-invalid={errors.attributes !== undefined}
                aria-describedby={errors.attributes ? `${id}-attrs-help ${id}-attrs-error` : `${id}-attrs-help`}
                onChange={(e) => setAttrText(e.target.value)}
              />
              <p id={`${id}-attrs-help`} className="muted field-help">key=value pairs, space-separated; quote values with spaces</p>
            </Field>
            <div className="field-pair">
              <Field label="Min duration" htmlFor={`${id}-min`} error={errors.minDuration} errorId={`${id}-min-error`}>
                <input
                  id={`${id}-min`}
                  type="text"
                  placeholder="100ms"
                  value={draft.minDuration}
                  aria-invalid={errors.minDuration !== undefined}
                  aria-describedby={errors.minDuration ? `${id}-min-error` : undefined}
                  onChange={(e) => set({ minDuration: e.target.value })}
                />
              </Field>
              <Field label="Max duration" htmlFor={`${id}-max`} error={errors.maxDuration} errorId={`${id}-max-error`}>
                <input
                  id={`${id}-max`}
                  type="text"
                  placeholder="1.5s"
                  value={draft.maxDuration}
                  aria-invalid={errors.maxDuration !== undefined}
                  aria-describedby={errors.maxDuration ? `${id}-max-error` : undefined}
                  onChange={(e) => set({ maxDuration: e.target.value })}
                />
              </Field>
            </div>
          </>
        )}
        <Field label="Time range" htmlFor={`${id}-range`} error={errors.range} errorId={`${id}-range-error`}>
          <select
            id={`${id}-range`}
            value={draft.range.kind === 'lookback' ? draft.range.lookback : 'custom'}
            onChange={(e) => {
              const v = e.target.value;
              if (v !== 'custom') set({ range: { kind: 'lookback', lookback: v } });
              else {
                const r = resolveRange(draft.range, Date.now());
                setFrom(toDateTimeInput(r.startMs, draft.utc));
                setTo(toDateTimeInput(r.endMs, draft.utc));
                set({ range: { kind: 'absolute', ...r } });
              }
            }}
          >
            {[...new Set([...LOOKBACK_PRESETS, ...(draft.range.kind === 'lookback' ? [draft.range.lookback] : [])])].map((p) => (
              <option key={p} value={p}>
                Last {p}
              </option>
            ))}
            <option value="custom">Custom range…</option>
          </select>
        </Field>
        {draft.range.kind === 'absolute' && (
          <div className="field-pair">
            <Field label={`From (${draft.utc ? 'UTC' : 'local'})`} htmlFor={`${id}-from`}>
              <input id={`${id}-from`} type="datetime-local" step={1} value={from} onChange={(e) => setFrom(e.target.value)} aria-describedby={errors.range ? `${id}-range-error` : undefined} />
            </Field>
            <Field label={`To (${draft.utc ? 'UTC' : 'local'})`} htmlFor={`${id}-to`}>
              <input id={`${id}-to`} type="datetime-local" step={1} value={to} onChange={(e) => setTo(e.target.value)} aria-describedby={errors.range ? `${id}-range-error` : undefined} />
            </Field>
          </div>
        )}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.utc}
            onChange={(e) => {
              const utc = e.target.checked;
              // Keep the same instants: re-express the absolute inputs in the new zone.
              const a = fromDateTimeInput(from, draft.utc);
              const b = fromDateTimeInput(to, draft.utc);
              if (!Number.isNaN(a)) setFrom(toDateTimeInput(a, utc));
              if (!Number.isNaN(b)) setTo(toDateTimeInput(b, utc));
              set({ utc });
              onUtcChange(utc);
            }}
          />
          Times in UTC
        </label>
        <Field label="Limit" htmlFor={`${id}-limit`}>
          <input
            id={`${id}-limit`}
            type="number"
            min={1}
            max={MAX_LIMIT}
            value={draft.limit}
            onChange={(e) => set({ limit: Math.min(MAX_LIMIT, Math.max(1, Math.floor(Number(e.target.value)) || DEFAULT_LIMIT)) })}
          />
        </Field>
        <button type="submit" className="primary">
          {tab === 'traceql' ? 'Run query' : 'Find traces'}
        </button>
      </div>
    </form>
  );
}

function Field({ label, htmlFor, error, errorId, children }: { label: string; htmlFor: string; error?: string | undefined; errorId?: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={htmlFor} className="field-label">
        {label}
      </label>
      {children}
      {error && (
        <p id={errorId} className="error-text field-help" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
