/**
 * Helpers shared by the Jaeger v1 and Zipkin v2 importers: narrowing untyped JSON (`unknown`),
 * integer-microsecond times, and the shared immutable values and pools that keep a million-span
 * import small.
 */
import type { Attribute, AttributeValue, Resource, Scope, SpanStatus } from '../../model/types';
import { ImportError } from '../importResult';

export type JsonObject = { readonly [key: string]: unknown };

/** `undefined` or `null`: a field left out (JSON writers differ on which). */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, quoted rendering of a JSON value for messages: `"abc"`, `1.5`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return String(value);
}

const INTEGER = /^[+-]?\d+$/;

/**
 * Integer microseconds (a JSON number, or a decimal string as some proxies write int64) to exact
 * nanoseconds. Returns undefined when the value is not an integer, so the caller can name the
 * path without building it on the hot path.
 */
export function microsToNanos(raw: unknown): bigint | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) ? BigInt(raw) * 1000n : undefined;
  if (typeof raw === 'string' && INTEGER.test(raw)) return BigInt(raw) * 1000n;
  return undefined;
}

/** `microsToNanos` that throws the message every importer uses for a bad time. */
export function requireMicros(raw: unknown, path: string): bigint {
  const ns = microsToNanos(raw);
  if (ns === undefined) throw new ImportError(path, `expected integer µs, got ${describeValue(raw)}`);
  return ns;
}

/** Whether a string holds a decimal integer (int64 tags are strings beyond 2^53). */
export function isIntegerText(text: string): boolean {
  return INTEGER.test(text);
}

// Shared immutable values: at 1M spans, one object per span for an empty list or an unset
// status adds up, and the model never mutates them.
export const NO_ATTRIBUTES: readonly Attribute[] = Object.freeze([]);
export const NO_EVENTS: readonly never[] = Object.freeze([]);
export const NO_LINKS: readonly never[] = Object.freeze([]);
export const TRUE_VALUE: AttributeValue = Object.freeze({ type: 'bool', value: true });
export const FALSE_VALUE: AttributeValue = Object.freeze({ type: 'bool', value: false });
export const STATUS_UNSET: SpanStatus = Object.freeze({ code: 'unset', message: '' });
const STATUS_OK: SpanStatus = Object.freeze({ code: 'ok', message: '' });
const STATUS_ERROR: SpanStatus = Object.freeze({ code: 'error', message: '' });
export const EMPTY_SCOPE: Scope = Object.freeze({
  name: '',
  version: '',
  attributes: NO_ATTRIBUTES,
  droppedAttributesCount: 0,
  schemaUrl: '',
});

/** A status, reusing the shared objects when there is no message. */
export function makeStatus(code: SpanStatus['code'], message: string): SpanStatus {
  if (message === '') return code === 'error' ? STATUS_ERROR : code === 'ok' ? STATUS_OK : STATUS_UNSET;
  return { code, message };
}

/** One Scope object per distinct name+version across an import. */
export class ScopeCache {
  private readonly byKey = new Map<string, Scope>();

  get(name: string, version: string): Scope {
    if (name === '' && version === '') return EMPTY_SCOPE;
    const key = `${name}\u0000${version}`;
    let scope = this.byKey.get(key);
    if (scope === undefined) {
      scope = { name, version, attributes: NO_ATTRIBUTES, droppedAttributesCount: 0, schemaUrl: '' };
      this.byKey.set(key, scope);
    }
    return scope;
  }
}

/** Longest string value shared between spans, and how many distinct pairs at most. */
const MAX_SHARED_LENGTH = 64;
const MAX_SHARED_PAIRS = 100_000;

/**
 * Shares one immutable Attribute per repeated key=value pair of a short string or a safe
 * integer (`http.method=GET`, `http.status_code=200`). At a million spans the attribute objects
 * are most of the model's memory and, since they all survive, most of the garbage collector's
 * copying; sharing the repeated ones cuts both by about a third on the genai fixture. Long
 * values (URLs, statements) are not kept, and the pool stops growing at MAX_SHARED_PAIRS.
 */
export class AttributePool {
  private readonly strings = new Map<string, Map<string, Attribute>>();
  private readonly ints = new Map<string, Map<number, Attribute>>();
  private size = 0;

  string(key: string, value: string): Attribute {
    if (value.length > MAX_SHARED_LENGTH) return { key, value: { type: 'string', value } };
    return this.shared(this.strings, key, value) ?? this.keep(this.strings, key, value, { type: 'string', value });
  }

  /** `value` must be a safe integer. */
  int(key: string, value: number): Attribute {
    return (
      this.shared(this.ints, key, value) ?? this.keep(this.ints, key, value, { type: 'int', value: BigInt(value) })
    );
  }

  private shared<V>(pool: Map<string, Map<V, Attribute>>, key: string, value: V): Attribute | undefined {
    return pool.get(key)?.get(value);
  }

  private keep<V>(
    pool: Map<string, Map<V, Attribute>>,
    key: string,
    value: V,
    attributeValue: AttributeValue,
  ): Attribute {
    const attribute: Attribute = { key, value: attributeValue };
    if (this.size >= MAX_SHARED_PAIRS) return attribute;
    let values = pool.get(key);
    if (values === undefined) {
      values = new Map();
      pool.set(key, values);
    }
    values.set(value, attribute);
    this.size++;
    return attribute;
  }
}

/**
 * A Resource for a service: `service.name` first (when the payload names one), then
 * `attributes`, which it takes over.
 */
export function makeResource(serviceName: string | undefined, attributes: Attribute[]): Resource {
  if (serviceName !== undefined && serviceName !== '') {
    attributes.unshift({ key: 'service.name', value: { type: 'string', value: serviceName } });
  }
  return {
    serviceName: serviceName || 'unknown_service',
    attributes,
    droppedAttributesCount: 0,
    schemaUrl: '',
  };
}
