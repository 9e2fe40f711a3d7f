/**
 * What the trace page shows, as URL query parameters, so that every state is a link:
 *
 *   span=<spanId>        selected span (also set by the Trace ID box for a traceparent)
 *   details=0            the details panel is closed (it is open whenever a span is selected)
 *   view=flame|stats|spans|json   (timeline is the default and left out)
 *   from=0.25&to=0.5     zoom, fractions of the trace duration
 *   find=<text>          find text (Jaeger's `uiFind=` is read too)
 *   errors=1  cp=1  slow=<ms>  svc=<name> (repeated)   filter pills
 *   collapsed=<id>,<id>  collapsed rows: span IDs and `mp:<parentSpanId>` placeholders, or
 *                        `all,-<id>,…` (everything but these; see collapsedUrl.ts)
 *   critical=1  skew=1  tz=utc   overlays and display options
 *
 * Parameters this page does not own (`source=` and anything else) are kept as they are.
 * Defaults are left out so links stay short. Plain TS: unit-tested in urlState.test.ts.
 */
import type { TraceViewId, ViewRange } from './contracts';

export const TRACE_VIEWS: readonly TraceViewId[] = ['timeline', 'flame', 'stats', 'spans', 'json'];

export interface TraceFilters {
  readonly errorsOnly: boolean;
  readonly criticalOnly: boolean;
  /** Only spans longer than this many milliseconds; null when the pill is off. */
  readonly slowerThanMs: number | null;
  /** Only spans of these services; empty when the pill is off. */
  readonly services: readonly string[];
}

export interface TraceUrlState {
  readonly span: string | null;
  readonly detailsOpen: boolean;
  readonly view: TraceViewId;
  readonly range: ViewRange;
  readonly find: string;
  readonly filters: TraceFilters;
  /** Tokens: span IDs (16 hex), `mp:<parentSpanId>`, `all` and `-<id>` exceptions (collapsedUrl.ts). */
  readonly collapsed: readonly string[];
  readonly criticalPath: boolean;
  readonly skew: boolean;
  readonly utc: boolean;
}

export const NO_FILTERS: TraceFilters = { errorsOnly: false, criticalOnly: false, slowerThanMs: null, services: [] };

export const DEFAULT_STATE: TraceUrlState = {
  span: null,
  detailsOpen: true,
  view: 'timeline',
  range: [0, 1],
  find: '',
  filters: NO_FILTERS,
  collapsed: [],
  criticalPath: false,
  skew: false,
  utc: false,
};

/** Every parameter this page owns (the rest of the query is left alone). */
const OWN = ['span', 'details', 'view', 'from', 'to', 'find', 'uiFind', 'errors', 'cp', 'slow', 'svc', 'collapsed', 'critical', 'skew', 'tz'];

const SPAN_ID = /^[0-9a-f]{16}$/;
const COLLAPSED_KEY = /^(?:all|-?(?:mp:)?[0-9a-f]{16})$/;

function fraction(text: string | null, fallback: number): number {
  if (text === null || text.trim() === '') return fallback;
  const value = Number(text);
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : fallback;
}

/** A zoom range from `from`/`to`; anything unusable (reversed, empty, not numbers) is the whole trace. */
function readRange(params: URLSearchParams): ViewRange {
  const start = fraction(params.get('from'), 0);
  const end = fraction(params.get('to'), 1);
  return start < end ? [start, end] : [0, 1];
}

function flag(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  return value === '1' || value === 'true';
}

export function parseTraceUrl(params: URLSearchParams): TraceUrlState {
  const spanParam = params.get('span')?.trim().toLowerCase() ?? '';
  const view = params.get('view');
  const slow = Number(params.get('slow'));
  const collapsed = (params.get('collapsed') ?? '')
    .split(',')
    .map((key) => key.trim().toLowerCase())
    .filter((key) => COLLAPSED_KEY.test(key));
  return {
    span: SPAN_ID.test(spanParam) ? spanParam : null,
    detailsOpen: params.get('details') !== '0',
    view: TRACE_VIEWS.includes(view as TraceViewId) ? (view as TraceViewId) : 'timeline',
    range: readRange(params),
    find: params.get('find') ?? params.get('uiFind') ?? '',
    filters: {
      errorsOnly: flag(params, 'errors'),
      criticalOnly: flag(params, 'cp'),
      slowerThanMs: params.has('slow') && Number.isFinite(slow) && slow >= 0 ? slow : null,
      services: [...new Set(params.getAll('svc').filter((s) => s !== ''))],
    },
    collapsed: [...new Set(collapsed)],
    criticalPath: flag(params, 'critical'),
    skew: flag(params, 'skew'),
    utc: params.get('tz') === 'utc',
  };
}

/** Fractions to 6 decimals: precise to a µs on a 1 s trace, short in a link. */
function fractionText(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

/**
 * The query for `state`, starting from `base` (whose parameters this page does not own are
 * kept, in their order). Parameters at their default are left out.
 */
export function writeTraceUrl(state: TraceUrlState, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of base) if (!OWN.includes(key)) out.append(key, value);
  if (state.span) out.set('span', state.span);
  if (state.span && !state.detailsOpen) out.set('details', '0');
  if (state.view !== 'timeline') out.set('view', state.view);
  const [start, end] = state.range;
  if (start > 0 || end < 1) {
    out.set('from', fractionText(start));
    out.set('to', fractionText(end));
  }
  if (state.find !== '') out.set('find', state.find);
  if (state.filters.errorsOnly) out.set('errors', '1');
  if (state.filters.criticalOnly) out.set('cp', '1');
  if (state.filters.slowerThanMs !== null) out.set('slow', String(state.filters.slowerThanMs));
  for (const service of state.filters.services) out.append('svc', service);
  if (state.collapsed.length > 0) out.set('collapsed', state.collapsed.join(','));
  if (state.criticalPath) out.set('critical', '1');
  if (state.skew) out.set('skew', '1');
  if (state.utc) out.set('tz', 'utc');
  return out;
}

/** Whether any filter pill is on. */
export function hasFilters(filters: TraceFilters): boolean {
  return filters.errorsOnly || filters.criticalOnly || filters.slowerThanMs !== null || filters.services.length > 0;
}
