/**
 * A Jaeger v1 span's tags: the special ones mapped onto span fields the way Jaeger's own OTLP
 * translator maps them (kind, error, status, trace state, scope), the rest as attributes.
 */
import type { Attribute, Scope, SpanKind, SpanStatus, StatusCode } from '../../model/types';
import type { IssueSink } from './jaegerV1Tags';
import { readKeyValue } from './jaegerV1Tags';
import type { AttributePool, ScopeCache } from './json';
import { EMPTY_SCOPE, NO_ATTRIBUTES, STATUS_UNSET, describeValue, isObject, makeStatus } from './json';

/** What the special tags of a span map onto. */
export interface SpanTags {
  readonly attributes: readonly Attribute[];
  readonly kind: SpanKind;
  readonly status: SpanStatus;
  readonly traceState: string;
  readonly scope: Scope;
}

const NO_SPECIAL_TAGS: SpanTags = Object.freeze({
  attributes: NO_ATTRIBUTES,
  kind: 'unspecified',
  status: STATUS_UNSET,
  traceState: '',
  scope: EMPTY_SCOPE,
});

const KINDS: ReadonlyMap<string, SpanKind> = new Map<string, SpanKind>([
  ['server', 'server'],
  ['client', 'client'],
  ['producer', 'producer'],
  ['consumer', 'consumer'],
  ['internal', 'internal'],
]);

const STATUS_CODES: ReadonlyMap<string, StatusCode> = new Map<string, StatusCode>([
  ['OK', 'ok'],
  ['ERROR', 'error'],
  ['UNSET', 'unset'],
]);

/** Exact match first (what Jaeger writes), then any case. */
function lookup<T>(map: ReadonlyMap<string, T>, value: unknown, fold: (s: string) => string): T | undefined {
  if (typeof value !== 'string') return undefined;
  return map.get(value) ?? map.get(fold(value));
}

const lower = (s: string): string => s.toLowerCase();
const upper = (s: string): string => s.toUpperCase();

/** Jaeger clients write `error` as a bool; some write the string "true" (the UI accepts both). */
function isTrueTag(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/**
 * Tags to attributes, except the ones Jaeger's OTLP translator maps onto span fields (and
 * removes): `span.kind`, `error`=true, `otel.status_code`, `otel.status_description`,
 * `w3c.tracestate`, `otel.scope.*` (and the older `otel.library.*`). A special tag whose value
 * does not make sense (`span.kind`="weird", `error`=false) stays an attribute. Without scope
 * tags the span has its process's scope.
 */
export function readSpanTags(raw: unknown, processScope: Scope, sink: IssueSink, pool: AttributePool, scopes: ScopeCache): SpanTags {
  if (!Array.isArray(raw) || raw.length === 0) {
    if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
      sink.issue('.tags', `expected an array of {key, type, value}, got ${describeValue(raw)}`);
    }
    if (processScope === EMPTY_SCOPE) return NO_SPECIAL_TAGS;
    return {
      attributes: NO_ATTRIBUTES,
      kind: 'unspecified',
      status: STATUS_UNSET,
      traceState: '',
      scope: processScope,
    };
  }
  const attributes: Attribute[] = [];
  let kind: SpanKind = 'unspecified';
  let errorTag = false;
  let code: StatusCode = 'unset';
  let message = '';
  let traceState = '';
  let scopeName: string | undefined;
  let scopeVersion: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const tag: unknown = raw[i];
    if (isObject(tag)) {
      const value = tag.value;
      switch (tag.key) {
        case 'span.kind': {
          const mapped = lookup(KINDS, value, lower);
          if (mapped === undefined) break;
          kind = mapped;
          continue;
        }
        case 'error':
          if (!isTrueTag(value)) break;
          errorTag = true;
          continue;
        case 'otel.status_code': {
          const mapped = lookup(STATUS_CODES, value, upper);
          if (mapped === undefined) break;
          code = mapped;
          continue;
        }
        case 'otel.status_description':
          if (typeof value !== 'string') break;
          message = value;
          continue;
        case 'w3c.tracestate':
          if (typeof value !== 'string') break;
          traceState = value;
          continue;
        case 'otel.scope.name':
        case 'otel.library.name':
          if (typeof value !== 'string') break;
          scopeName = value;
          continue;
        case 'otel.scope.version':
        case 'otel.library.version':
          if (typeof value !== 'string') break;
          scopeVersion = value;
          continue;
      }
    }
    const attribute = readKeyValue(tag, sink, '.tags', i, pool);
    if (attribute !== undefined) attributes.push(attribute);
  }
  return {
    attributes: attributes.length > 0 ? attributes : NO_ATTRIBUTES,
    kind,
    // As in Jaeger's translator, `error`=true is the final word over `otel.status_code`.
    status: makeStatus(errorTag ? 'error' : code, message),
    traceState,
    scope:
      scopeName === undefined && scopeVersion === undefined
        ? processScope
        : scopes.get(scopeName ?? '', scopeVersion ?? ''),
  };
}
