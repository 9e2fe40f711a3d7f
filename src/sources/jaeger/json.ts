/**
 * Helpers shared by the Jaeger v1 and Zipkin v2 importers: narrowing untyped JSON (`unknown`),
 * integer-microsecond times, and the shared immutable values and pools that keep a million-span
 * import small.
 */
import type { Attribute, AttributeValue, Resource, Scope, SpanStatus } from '../../model/types';
import { ImportError } from '../importResult';
import { EMPTY_SCOPE, NO_ATTRIBUTES, STATUS_BY_CODE } from '../otlp/sharedValues';
import { describe as describeValue } from '../otlp/json';

// The JSON guards and message rendering are the OTLP decoder's: one definition for every importer.
export { isAbsent, isObject, describe as describeValue } from '../otlp/json';
export type { JsonObject } from '../otlp/json';

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

// Shared immutable values (one set for every importer, so their output shares them too).
export { NO_ATTRIBUTES, NO_EVENTS, NO_LINKS, TRUE_VALUE, FALSE_VALUE, EMPTY_SCOPE } from '../otlp/sharedValues';
export const STATUS_UNSET: SpanStatus = STATUS_BY_CODE.unset;

/** A status, reusing the shared objects when there is no message. */
export function makeStatus(code: SpanStatus['code'], message: string): SpanStatus {
  if (message === '') return STATUS_BY_CODE[code];
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
