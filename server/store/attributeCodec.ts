/**
 * Exact, compact JSON encoding of attributes, events and links for the VARCHAR columns of the
 * span store. JSON alone would lose int64 precision, bytes, NaN/±Infinity and -0, so every value
 * is tagged:
 *
 *   attribute  = [key, tag, payload?]
 *   tag 's' string  payload: the string
 *   tag 'b' bool    payload: true | false
 *   tag 'i' int64   payload: decimal string (exact beyond 2^53)
 *   tag 'd' double  payload: number, or "NaN" | "Infinity" | "-Infinity" | "-0"
 *   tag 'y' bytes   payload: base64
 *   tag 'a' array   payload: [[tag, payload?], …]
 *   tag 'k' kvlist  payload: [attribute, …]
 *   tag 'e' empty   (no payload)
 *
 * Positional arrays instead of objects keep the stored text small (no repeated field names).
 */
import type { Attribute, AttributeValue, SpanEvent, SpanLink } from '../../src/model/types';

type Json = string | number | boolean | null | Json[];

/** An encoded value: [tag] or [tag, payload]. */
type EncodedValue = Json[];

function encodeDouble(value: number): number | string {
  if (Number.isFinite(value)) return Object.is(value, -0) ? '-0' : value;
  return String(value); // 'NaN' | 'Infinity' | '-Infinity'
}

function decodeDouble(payload: Json | undefined): number {
  if (typeof payload === 'number') return payload;
  if (payload === '-0') return -0;
  if (payload === 'NaN' || payload === 'Infinity' || payload === '-Infinity') return Number(payload);
  throw new Error(`attributeCodec: bad double payload ${JSON.stringify(payload)}`);
}

function encodeBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function decodeBytes(base64: string): Uint8Array {
  // Copy into a plain Uint8Array: a Buffer would be a different class (and share a pool).
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** Appends the tag and payload of `value` to `out` (so attributes need no nested array). */
function pushValue(out: Json[], value: AttributeValue): void {
  switch (value.type) {
    case 'string':
      out.push('s', value.value);
      return;
    case 'bool':
      out.push('b', value.value);
      return;
    case 'int':
      out.push('i', value.value.toString());
      return;
    case 'double':
      out.push('d', encodeDouble(value.value));
      return;
    case 'bytes':
      out.push('y', encodeBytes(value.value));
      return;
    case 'array':
      out.push(
        'a',
        value.value.map((v) => {
          const item: EncodedValue = [];
          pushValue(item, v);
          return item;
        }),
      );
      return;
    case 'kvlist':
      out.push('k', encodeAttributeList(value.value));
      return;
    case 'empty':
      out.push('e');
      return;
  }
}

function readValue(tag: Json | undefined, payload: Json | undefined): AttributeValue {
  switch (tag) {
    case 's':
      if (typeof payload !== 'string') break;
      return { type: 'string', value: payload };
    case 'b':
      if (typeof payload !== 'boolean') break;
      return { type: 'bool', value: payload };
    case 'i':
      if (typeof payload !== 'string') break;
      return { type: 'int', value: BigInt(payload) };
    case 'd':
      return { type: 'double', value: decodeDouble(payload) };
    case 'y':
      if (typeof payload !== 'string') break;
      return { type: 'bytes', value: decodeBytes(payload) };
    case 'a':
      if (!Array.isArray(payload)) break;
      return {
        type: 'array',
        value: payload.map((item) => {
          if (!Array.isArray(item)) throw new Error('attributeCodec: bad array item');
          return readValue(item[0], item[1]);
        }),
      };
    case 'k':
      if (!Array.isArray(payload)) break;
      return { type: 'kvlist', value: decodeAttributeList(payload) };
    case 'e':
      return { type: 'empty' };
  }
  throw new Error(`attributeCodec: bad value [${JSON.stringify(tag)}, ${JSON.stringify(payload)}]`);
}

/** Attributes → JSON-ready array (nest it in larger structures, then stringify once). */
export function encodeAttributeList(attributes: readonly Attribute[]): Json[] {
  const out: Json[] = new Array<Json>(attributes.length);
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes[i] as Attribute;
    const entry: Json[] = [attribute.key];
    pushValue(entry, attribute.value);
    out[i] = entry;
  }
  return out;
}

export function decodeAttributeList(encoded: readonly Json[]): Attribute[] {
  return encoded.map((entry) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') {
      throw new Error('attributeCodec: bad attribute entry');
    }
    return { key: entry[0], value: readValue(entry[1], entry[2]) };
  });
}

function parseArray(text: string, what: string): Json[] {
  const parsed = JSON.parse(text) as Json;
  if (!Array.isArray(parsed)) throw new Error(`attributeCodec: ${what} is not a JSON array`);
  return parsed;
}

/**
 * The JSON text of one value's tag and payload, e.g. `"s","GET"`. Written by hand for the
 * scalar types (the ingest hot path: no intermediate arrays to allocate); identical to what
 * JSON.stringify produces for the array form.
 */
function valueText(value: AttributeValue): string {
  switch (value.type) {
    case 'string':
      return '"s",' + JSON.stringify(value.value);
    case 'bool':
      return value.value ? '"b",true' : '"b",false';
    case 'int':
      return '"i","' + value.value.toString() + '"';
    case 'double': {
      const encoded = encodeDouble(value.value);
      return typeof encoded === 'number' ? '"d",' + String(encoded) : '"d","' + encoded + '"';
    }
    default: {
      const parts: Json[] = [];
      pushValue(parts, value);
      const text = JSON.stringify(parts);
      return text.slice(1, -1);
    }
  }
}

/** One value as JSON text `[tag, payload]` (the array-item form). */
export function encodeValue(value: AttributeValue): string {
  return '[' + valueText(value) + ']';
}

export function decodeValue(text: string): AttributeValue {
  const parsed = JSON.parse(text) as Json;
  if (!Array.isArray(parsed)) throw new Error('attributeCodec: value is not a JSON array');
  return readValue(parsed[0], parsed[1]);
}

export function encodeAttributes(attributes: readonly Attribute[]): string {
  if (attributes.length === 0) return '[]';
  let text = '[';
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes[i] as Attribute;
    text += (i === 0 ? '[' : ',[') + JSON.stringify(attribute.key) + ',' + valueText(attribute.value) + ']';
  }
  return text + ']';
}

export function decodeAttributes(text: string): Attribute[] {
  return text === '[]' ? [] : decodeAttributeList(parseArray(text, 'attributes'));
}

/** Events: [[timeUnixNano (decimal string), name, attributes, droppedAttributesCount], …]. '' when none. */
export function encodeEvents(events: readonly SpanEvent[]): string {
  if (events.length === 0) return '';
  return JSON.stringify(
    events.map((e) => [e.timeUnixNano.toString(), e.name, encodeAttributeList(e.attributes), e.droppedAttributesCount]),
  );
}

export function decodeEvents(text: string): SpanEvent[] {
  if (text === '') return [];
  return parseArray(text, 'events').map((entry) => {
    if (!Array.isArray(entry)) throw new Error('attributeCodec: bad event');
    const [time, name, attributes, dropped] = entry;
    if (typeof time !== 'string' || typeof name !== 'string' || !Array.isArray(attributes) || typeof dropped !== 'number') {
      throw new Error('attributeCodec: bad event');
    }
    return { timeUnixNano: BigInt(time), name, attributes: decodeAttributeList(attributes), droppedAttributesCount: dropped };
  });
}

/**
 * Links: [[traceId, spanId, traceState, attributes, droppedAttributesCount, flags, refType?], …].
 * refType is omitted when the link has none, so the decoded object has no `refType` key either.
 */
export function encodeLinks(links: readonly SpanLink[]): string {
  if (links.length === 0) return '';
  return JSON.stringify(
    links.map((l) => {
      const entry: Json[] = [l.traceId, l.spanId, l.traceState, encodeAttributeList(l.attributes), l.droppedAttributesCount, l.flags];
      if (l.refType !== undefined) entry.push(l.refType);
      return entry;
    }),
  );
}

export function decodeLinks(text: string): SpanLink[] {
  if (text === '') return [];
  return parseArray(text, 'links').map((entry) => {
    if (!Array.isArray(entry)) throw new Error('attributeCodec: bad link');
    const [traceId, spanId, traceState, attributes, dropped, flags, refType] = entry;
    if (
      typeof traceId !== 'string' ||
      typeof spanId !== 'string' ||
      typeof traceState !== 'string' ||
      !Array.isArray(attributes) ||
      typeof dropped !== 'number' ||
      typeof flags !== 'number'
    ) {
      throw new Error('attributeCodec: bad link');
    }
    const link: SpanLink = { traceId, spanId, traceState, attributes: decodeAttributeList(attributes), droppedAttributesCount: dropped, flags };
    if (refType === 'child_of' || refType === 'follows_from') return { ...link, refType };
    return link;
  });
}

/** A row of an *_attributes table: key plus at most one typed value (all null: not searchable). */
export interface AttributeRow {
  key: string;
  str: string | null;
  int: bigint | null;
  dbl: number | null;
  bool: boolean | null;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function pushScalarRow(rows: AttributeRow[], key: string, value: AttributeValue): boolean {
  switch (value.type) {
    case 'string':
      rows.push({ key, str: value.value, int: null, dbl: null, bool: null });
      return true;
    case 'bool':
      rows.push({ key, str: null, int: null, dbl: null, bool: value.value });
      return true;
    case 'int': {
      const inRange = value.value >= INT64_MIN && value.value <= INT64_MAX;
      rows.push({ key, str: null, int: inRange ? value.value : null, dbl: null, bool: null });
      return true;
    }
    case 'double':
      rows.push({ key, str: null, int: null, dbl: value.value, bool: null });
      return true;
    default:
      return false;
  }
}

/**
 * The searchable rows of an attribute list (see schema.ts): scalars as one typed row, arrays of
 * scalars as one row per element, anything else as one row with no value (the key still exists).
 */
export function attributeRows(attributes: readonly Attribute[], rows: AttributeRow[] = []): AttributeRow[] {
  for (const { key, value } of attributes) {
    if (pushScalarRow(rows, key, value)) continue;
    let pushed = false;
    if (value.type === 'array') {
      for (const element of value.value) {
        if (pushScalarRow(rows, key, element)) pushed = true;
      }
    }
    if (!pushed) rows.push({ key, str: null, int: null, dbl: null, bool: null });
  }
  return rows;
}
