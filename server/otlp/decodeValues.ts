/**
 * KeyValue and AnyValue of the protobuf decoder: every OTLP value type, nesting bounded by
 * MAX_VALUE_DEPTH (deeper is hostile input, not telemetry).
 */
import type protobuf from 'protobufjs';
import type { Attribute, AttributeValue } from '../../src/model/types';
import { MAX_VALUE_DEPTH, Tag } from './wireTags';
import { WireError, enterMessage, readInt64, readString, skipField } from './wireReader';

type Reader = protobuf.Reader;

/** Shared, frozen: most events, links and scopes have no attributes. */
export const NO_ATTRIBUTES: readonly Attribute[] = Object.freeze([]);
const EMPTY_VALUE: AttributeValue = Object.freeze({ type: 'empty' });
const TRUE_VALUE: AttributeValue = Object.freeze({ type: 'bool', value: true });
const FALSE_VALUE: AttributeValue = Object.freeze({ type: 'bool', value: false });

/** Reads one KeyValue and appends it, replacing the shared empty list on the first one. */
export function appendKeyValue(r: Reader, list: readonly Attribute[], depth: number): readonly Attribute[] {
  const attribute = readKeyValue(r, depth);
  if (list === NO_ATTRIBUTES) return [attribute];
  (list as Attribute[]).push(attribute);
  return list;
}

function readKeyValue(r: Reader, depth: number): Attribute {
  const outer = enterMessage(r);
  let key = '';
  let value = EMPTY_VALUE;
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag === Tag.KeyValue.key) key = readString(r);
    else if (tag === Tag.KeyValue.value) value = readAnyValue(r, depth);
    else skipField(r, tag);
  }
  r.len = outer;
  return { key, value };
}

/** A oneof: the last member on the wire wins, as protobuf merges; none set is the empty value. */
function readAnyValue(r: Reader, depth: number): AttributeValue {
  const outer = enterMessage(r);
  let value = EMPTY_VALUE;
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag) {
      case Tag.AnyValue.stringValue:
        value = { type: 'string', value: readString(r) };
        break;
      case Tag.AnyValue.boolValue:
        value = r.bool() ? TRUE_VALUE : FALSE_VALUE;
        break;
      case Tag.AnyValue.intValue:
        value = { type: 'int', value: readInt64(r) };
        break;
      case Tag.AnyValue.doubleValue:
        value = { type: 'double', value: r.double() };
        break;
      case Tag.AnyValue.arrayValue:
        value = { type: 'array', value: readNested(r, depth, Tag.ArrayValue.values, readAnyValue) };
        break;
      case Tag.AnyValue.kvlistValue:
        value = { type: 'kvlist', value: readNested(r, depth, Tag.KeyValueList.values, readKeyValue) };
        break;
      case Tag.AnyValue.bytesValue:
        // A copy: `bytes()` is a view into the request buffer, which a value must not keep alive.
        value = { type: 'bytes', value: new Uint8Array(r.bytes()) };
        break;
      default:
        skipField(r, tag);
    }
  }
  r.len = outer;
  return value;
}

/** ArrayValue / KeyValueList: a message with one repeated field. */
function readNested<T>(r: Reader, depth: number, itemTag: number, readItem: (r: Reader, depth: number) => T): T[] {
  if (depth >= MAX_VALUE_DEPTH) throw new WireError(`attribute values nested deeper than ${MAX_VALUE_DEPTH}`);
  const outer = enterMessage(r);
  const items: T[] = [];
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag === itemTag) items.push(readItem(r, depth + 1));
    else skipField(r, tag);
  }
  r.len = outer;
  return items;
}
