/**
 * A loaded trace: header, minimap, the selected view, and the span details docked right.
 * All state lives in the URL (useTraceUrlState); the composed components get what they draw.
 */
import { useCallback, useDeferredValue, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { adjustClockSkew } from '../../model/clockSkew';
import { criticalPathSpans } from '../../model/criticalPath';
import { spanById } from '../../model/traceTree';
import type { Trace } from '../../model/types';
import type { TraceResult } from '../../sources/clients';
import { withSource } from '../../app/data/sourceInfo';
import { useSourceParam } from '../../app/data/useSources';
import type { RowKey, TraceViewId, ViewRange } from './contracts';
import { collapsedFromTokens, tokensFromCollapsed } from './collapsedUrl';
import { CopyLinkButton } from './CopyLinkButton';
import { DetailsDock } from './DetailsDock';
import { FindBar } from './FindBar';
import { findMatches, stepMatch, suggestSlowThresholdMs } from './find';
import { useAttributeHits } from './useAttributeHits';
import { serviceLegend } from './headerFigures';
import { TraceHeader } from './TraceHeader';
import type { TraceFilters } from './urlState';
import { useTraceUrlState } from './useTraceUrlState';
import { Waterfall } from './timeline/Waterfall';
import { Minimap } from './timeline/Minimap';
import { ancestorsOf } from './timeline/rows';
import { SpanDetails } from './details/SpanDetails';
import { FlameGraph } from './views/FlameGraph';
import { StatisticsView } from './views/StatisticsView';
import { SpanTable } from './views/SpanTable';
import { JsonView } from './views/JsonView';

interface TraceViewProps {
  /** The trace as loaded (clock-skew adjustment is applied here when switched on). */
  readonly trace: Trace;
  readonly fromFile: boolean;
  readonly result: TraceResult | null;
  readonly sourceName: string | null;
}

export function TraceView({ trace: loaded, fromFile, result, sourceName }: TraceViewProps) {
  const [state, update] = useTraceUrlState();
  const sourceParam = useSourceParam();
  const findInput = useRef<HTMLInputElement>(null);

  const trace = useMemo(() => (state.skew ? adjustClockSkew(loaded) : loaded), [loaded, state.skew]);
  const needCritical = state.criticalPath || state.filters.criticalOnly;
  const critical = useMemo(() => (needCritical ? new Set(criticalPathSpans(trace)) : null), [needCritical, trace]);

  // Find runs on a deferred copy of the text so typing stays responsive on huge traces.
  const findText = useDeferredValue(state.find);
  const filtersKey = JSON.stringify(state.filters);
  const filters = useMemo(() => JSON.parse(filtersKey) as TraceFilters, [filtersKey]);
  const details = result?.details;
  const attributeHits = useAttributeHits(details, findText);
  const hits = attributeHits.hits;
  const matchList = useMemo(
    () => findMatches(trace, { text: findText, filters, critical, ...(hits ? { attributeHits: hits } : {}) }),
    [trace, findText, filters, critical, hits],
  );
  const matches = useMemo(() => (matchList === null ? null : new Set(matchList)), [matchList]);

  // The current match: reset to the first whenever the search changes.
  const searchKey = `${findText}\u0000${filtersKey}\u0000${state.skew}`;
  const [cursor, setCursor] = useState({ key: searchKey, position: 0 });
  const position = matchList === null || matchList.length === 0 ? -1 : cursor.key === searchKey ? Math.min(cursor.position, matchList.length - 1) : 0;
  const currentMatch = position >= 0 ? (matchList?.[position] ?? null) : null;
  const step = (direction: 1 | -1) => {
    if (matchList === null) return;
    const next = stepMatch(matchList.length, position, direction);
    setCursor({ key: searchKey, position: next });
    // Only the timeline highlights matches; elsewhere stepping shows the match in the details.
    const index = matchList[next];
    if (state.view !== 'timeline' && index !== undefined) openDetails(index);
  };

  const collapsedTokens = state.collapsed.join(',');
  const collapsed = useMemo(() => collapsedFromTokens(trace, collapsedTokens === '' ? [] : collapsedTokens.split(',')), [trace, collapsedTokens]);
  const setCollapsed = useCallback(
    (next: ReadonlySet<RowKey>) => update({ collapsed: tokensFromCollapsed(trace, next) }),
    [trace, update],
  );
  const toggleCollapsed = useCallback(
    (key: RowKey) => {
      const next = new Set(collapsed);
      if (!next.delete(key)) next.add(key);
      setCollapsed(next);
    },
    [collapsed, setCollapsed],
  );

  const selected = state.span === null ? null : (spanById(trace, state.span)?.index ?? null);
  const detailsOpen = selected !== null && state.detailsOpen;

  // Reveal the current match by expanding its collapsed ancestors (the waterfall then scrolls
  // to it), only when the match changes: a row collapsed afterwards stays collapsed. On arrival
  // the selected span is revealed too (a link may select a span in a collapsed subtree).
  // One update for both: URL updates in the same tick do not compose.
  const revealedTrace = useRef<Trace | null>(null);
  const reveal = useEffectEvent(() => {
    const arriving = revealedTrace.current !== trace;
    revealedTrace.current = trace;
    const targets = [currentMatch, arriving ? selected : null].filter((i): i is number => i !== null);
    const keys = targets.flatMap((i) => ancestorsOf(trace, i)).filter((key) => collapsed.has(key));
    if (keys.length === 0) return;
    const next = new Set(collapsed);
    for (const key of keys) next.delete(key);
    setCollapsed(next);
  });
  useEffect(() => reveal(), [currentMatch, trace]);
  // A click on a row opens the panel; moving the selection with the arrow keys keeps it as the
  // user left it (closed stays closed until Enter). The waterfall reports both as onSelect, so
  // a pointer press just before tells them apart.
  const lastPointerDown = useRef(Number.NEGATIVE_INFINITY); // not 0: performance.now() starts at 0 on page load
  const select = useCallback(
    (index: number | null) => {
      const span = index === null ? null : (trace.spans[index]?.spanId ?? null);
      const clicked = performance.now() - lastPointerDown.current < 1000;
      update(clicked && span !== null ? { span, detailsOpen: true } : { span });
    },
    [trace, update],
  );
  const openDetails = useCallback(
    (index: number) => update({ span: trace.spans[index]?.spanId ?? null, detailsOpen: true }),
    [trace, update],
  );
  const closeDetails = useCallback(() => update({ detailsOpen: false }), [update]);
  const linkHref = useCallback((traceId: string, spanId: string) => withSource(`/trace/${traceId}?span=${spanId}`, sourceParam), [sourceParam]);
  const [viewRange, onViewRange] = useDraftRange(state.range, update);

  // Keys: `/` focuses find (before the shell's Trace ID box, which skips a handled event);
  // Esc closes the details panel (Esc inside find clears find instead, see FindBar).
  useEffect(() => {
    const onSlash = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      findInput.current?.focus();
      findInput.current?.select();
    };
    window.addEventListener('keydown', onSlash, { capture: true });
    return () => window.removeEventListener('keydown', onSlash, { capture: true });
  }, []);
  useEffect(() => {
    if (!detailsOpen) return;
    const onEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      closeDetails();
    };
    window.addEventListener('keydown', onEscape);
    return () => window.removeEventListener('keydown', onEscape);
  }, [detailsOpen, closeDetails]);

  useEffect(() => {
    const previous = document.title;
    document.title = `${trace.summary.rootService}: ${trace.summary.rootName} · ${trace.traceId.slice(0, 8)} · Tracescope`;
    return () => {
      document.title = previous;
    };
  }, [trace]);

  const services = useMemo(() => serviceLegend(trace).map((s) => s.name), [trace]);
  const suggestedSlowMs = useMemo(() => suggestSlowThresholdMs(trace), [trace]);
  const subViewProps = { trace, selected, onSelect: openDetails, ...(details ? { details } : {}) };

  return (
    <div className="tp-page">
      <TraceHeader
        trace={trace}
        fromFile={fromFile}
        result={result}
        sourceName={sourceName}
        utc={state.utc}
        onUtc={(utc) => update({ utc })}
        criticalPath={state.criticalPath}
        onCriticalPath={(criticalPath) => update({ criticalPath })}
        skew={state.skew}
        onSkew={(skew) => update({ skew })}
        view={state.view}
        onView={(view: TraceViewId) => update({ view }, { push: true })}
        errorsOnly={state.filters.errorsOnly}
        onErrorsOnly={(errorsOnly) => update({ filters: { ...state.filters, errorsOnly } })}
        actions={<CopyLinkButton unshareable={fromFile} />}
      >
        <FindBar
          inputRef={findInput}
          text={state.find}
          onText={(find) => update({ find })}
          filters={state.filters}
          onFilters={(next) => update({ filters: next })}
          count={matchList === null ? null : matchList.length}
          position={position}
          onStep={step}
          services={services}
          suggestedSlowMs={suggestedSlowMs}
          searching={attributeHits.pending}
          searchError={attributeHits.error?.message ?? null}
        />
      </TraceHeader>
      {state.span !== null && selected === null && (
        <p className="tp-notice" role="status">
          The link selects span <span className="mono">{state.span}</span>, which is not in this trace.
        </p>
      )}
      <div className="tp-body">
        <div
          className={state.view === 'timeline' ? 'tp-main tp-main-timeline' : 'tp-main'}
          onPointerDownCapture={() => {
            lastPointerDown.current = performance.now();
          }}
        >
          {state.view === 'timeline' && (
            <>
              <Minimap trace={trace} viewRange={viewRange} onViewRange={onViewRange} criticalPath={state.criticalPath ? critical : null} matches={matches} />
              <Waterfall
                trace={trace}
                collapsed={collapsed}
                onToggleCollapsed={toggleCollapsed}
                onSetCollapsed={setCollapsed}
                selected={selected}
                onSelect={select}
                onOpenDetails={openDetails}
                criticalPath={state.criticalPath ? critical : null}
                matches={matches}
                currentMatch={currentMatch}
                viewRange={viewRange}
                onViewRange={onViewRange}
              />
            </>
          )}
          {state.view === 'flame' && <FlameGraph {...subViewProps} />}
          {state.view === 'stats' && <StatisticsView {...subViewProps} />}
          {state.view === 'spans' && <SpanTable {...subViewProps} />}
          {state.view === 'json' && <JsonView {...subViewProps} />}
        </div>
        {detailsOpen && (
          <DetailsDock>
            <SpanDetails trace={trace} index={selected} onClose={closeDetails} onSelect={openDetails} linkHref={linkHref} {...(details ? { details } : {})} />
          </DetailsDock>
        )}
      </div>
    </div>
  );
}

/**
 * The zoom range: drawn from local state while it changes (a minimap drag fires every frame)
 * and written to the URL once it rests, because browsers throttle history updates.
 */
function useDraftRange(urlRange: ViewRange, update: (patch: { range: ViewRange }) => void): [ViewRange, (range: ViewRange) => void] {
  const [draft, setDraft] = useState<ViewRange | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onViewRange = useCallback(
    (range: ViewRange) => {
      setDraft(range);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        update({ range });
        setDraft(null);
      }, 200);
    },
    [update],
  );
  return [draft ?? urlRange, onViewRange];
}
