/**
 * Find in trace: which spans match the find text and the filter pills.
 *
 * The text is split on whitespace; a span matches when every term occurs (case-insensitive) in
 * its name, service, span ID, status message, an event name, or an attribute of the span or of
 * its resource, written `key=value` (so `http.route=/checkout`, `status_code=5` and `gold` all
 * work). Values of every type are matched as text.
 *
 * Speed: each span's lowercase search text is built once per trace on first use and cached;
 * resource text is built once per resource (shared by a batch's spans). Later keystrokes are a
 * plain `includes` scan, about 100 ms per million spans.
 */
import type { AttributeValue, Attribute, Resource, Trace } from '../../model/types';
import type { TraceFilters } from './urlState';
import { hasFilters } from './urlState';

/** An attribute value as the text a person would type to find it. */
export function attributeValueText(value: AttributeValue): string {
  switch (value.type) {
    case 'string':
      return value.value;
    case 'bool':
    case 'int':
    case 'double':
      return String(value.value);
    case 'bytes':
      return Array.from(value.value, (b) => b.toString(16).padStart(2, '0')).join('');
    case 'array':
      return `[${value.value.map(attributeValueText).join(', ')}]`;
    case 'kvlist':
      return `{${value.value.map((a) => `${a.key}=${attributeValueText(a.value)}`).join(', ')}}`;
    case 'empty':
      return '';
  }
}

/** Fields are joined with a newline: terms hold no whitespace, so no match spans two fields. */
function attributesText(attributes: readonly Attribute[]): string {
  let text = '';
  for (const a of attributes) text += `\n${a.key}=${attributeValueText(a.value)}`;
  return text;
}

const spanTexts = new WeakMap<Trace, (string | undefined)[]>();
const resourceTexts = new WeakMap<Resource, string>();

function resourceText(resource: Resource): string {
  let text = resourceTexts.get(resource);
  if (text === undefined) {
    text = attributesText(resource.attributes).toLowerCase();
    resourceTexts.set(resource, text);
  }
  return text;
}

/** The lowercase text find searches for span `index` (its resource's text is separate). */
export function spanSearchText(trace: Trace, index: number): string {
  let cache = spanTexts.get(trace);
  if (cache === undefined) {
    cache = new Array<string | undefined>(trace.spans.length);
    spanTexts.set(trace, cache);
  }
  let text = cache[index];
  if (text === undefined) {
    const span = trace.spans[index]!;
    text = `${span.name}\n${span.serviceName}\n${span.spanId}`;
    if (span.status.message) text += `\n${span.status.message}`;
    text += attributesText(span.attributes);
    for (const event of span.events) text += `\n${event.name}${attributesText(event.attributes)}`;
    text = text.toLowerCase();
    cache[index] = text;
  }
  return text;
}

/** The find text as lowercase terms (empty when there is nothing to find). */
export function findTerms(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter((t) => t !== '');
}

export interface FindInput {
  readonly text: string;
  readonly filters: TraceFilters;
  /** The critical-path spans; needed when `filters.criticalOnly` is on. */
  readonly critical: ReadonlySet<number> | null;
  /**
   * For a trace loaded without span attributes: per term, the IDs of spans whose attributes
   * contain it (from the backend); an absent term matches no attribute (yet).
   */
  readonly attributeHits?: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Indices of the matching spans in display order, or null when neither text nor any filter
 * is set (nothing is being searched, so nothing should be highlighted).
 */
export function findMatches(trace: Trace, input: FindInput): number[] | null {
  const terms = findTerms(input.text);
  const { filters } = input;
  if (terms.length === 0 && !hasFilters(filters)) return null;
  const slowerNs = filters.slowerThanMs === null ? -1 : filters.slowerThanMs * 1e6;
  const services = filters.services.length > 0 ? new Set(filters.services) : null;
  const critical = filters.criticalOnly ? (input.critical ?? new Set<number>()) : null;
  const out: number[] = [];
  const spans = trace.spans;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    if (filters.errorsOnly && !span.isError) continue;
    if (slowerNs >= 0 && !(span.duration > slowerNs)) continue;
    if (services !== null && !services.has(span.serviceName)) continue;
    if (critical !== null && !critical.has(i)) continue;
    if (terms.length > 0) {
      const own = spanSearchText(trace, i);
      let all = true;
      for (const term of terms) {
        if (!own.includes(term) && !resourceText(span.resource).includes(term) && !(input.attributeHits?.get(term)?.has(span.spanId) ?? false)) {
          all = false;
          break;
        }
      }
      if (!all) continue;
    }
    out.push(i);
  }
  return out;
}

/** The match to go to from `current` (an index into `matches`), wrapping around. */
export function stepMatch(count: number, current: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/**
 * A starting threshold for the "slow spans" pill: the 90th percentile of span durations in ms,
 * rounded to 2 significant digits (so about the slowest tenth of spans shows).
 */
export function suggestSlowThresholdMs(trace: Trace): number {
  const n = trace.spans.length;
  if (n === 0) return 100;
  const durations = new Float64Array(n);
  for (let i = 0; i < n; i++) durations[i] = trace.spans[i]!.duration;
  const ms = kthSmallest(durations, Math.min(n - 1, Math.floor(n * 0.9))) / 1e6;
  return ms <= 0 ? 0 : Number(ms.toPrecision(2));
}

/**
 * The k-th smallest value (0-based), reordering `values` in place: Hoare's quickselect, O(n)
 * on average. Sorting a million durations to read one of them took ~250 ms of the first paint.
 */
export function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
}
