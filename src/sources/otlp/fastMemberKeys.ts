/** Member names the fast paths of `streamingDecoder` recognise, and their byte-hash lookup table. */
// Member names the fast paths know, as small integers for a `switch`.
export const K_TRACE_ID = 1;
export const K_SPAN_ID = 2;
export const K_PARENT = 3;
export const K_TRACE_STATE = 4;
export const K_NAME = 5;
export const K_KIND = 6;
export const K_START = 7;
export const K_END = 8;
export const K_ATTRIBUTES = 9;
export const K_DROPPED_ATTRIBUTES = 10;
export const K_EVENTS = 11;
export const K_DROPPED_EVENTS = 12;
export const K_LINKS = 13;
export const K_DROPPED_LINKS = 14;
export const K_STATUS = 15;
export const K_FLAGS = 16;
export const K_TIME = 17;
export const K_KEY = 18;
export const K_VALUE = 19;
export const K_CODE = 20;
export const K_MESSAGE = 21;
export const K_STRING_VALUE = 22;
export const K_INT_VALUE = 23;
export const K_DOUBLE_VALUE = 24;
export const K_BOOL_VALUE = 25;

const KEYS: ReadonlyMap<string, number> = new Map([
  ['traceId', K_TRACE_ID],
  ['spanId', K_SPAN_ID],
  ['parentSpanId', K_PARENT],
  ['traceState', K_TRACE_STATE],
  ['name', K_NAME],
  ['kind', K_KIND],
  ['startTimeUnixNano', K_START],
  ['endTimeUnixNano', K_END],
  ['attributes', K_ATTRIBUTES],
  ['droppedAttributesCount', K_DROPPED_ATTRIBUTES],
  ['events', K_EVENTS],
  ['droppedEventsCount', K_DROPPED_EVENTS],
  ['links', K_LINKS],
  ['droppedLinksCount', K_DROPPED_LINKS],
  ['status', K_STATUS],
  ['flags', K_FLAGS],
  ['timeUnixNano', K_TIME],
  ['key', K_KEY],
  ['value', K_VALUE],
  ['code', K_CODE],
  ['message', K_MESSAGE],
  ['stringValue', K_STRING_VALUE],
  ['intValue', K_INT_VALUE],
  ['doubleValue', K_DOUBLE_VALUE],
  ['boolValue', K_BOOL_VALUE],
]);

/**
 * Known member names by a hash of their shape (length, first, middle and last byte), open
 * addressing: no string is made, and unlike a hash of every byte it needs no per-byte chain.
 * Names that share a shape just probe on; a candidate is always compared byte for byte.
 */
export const KEY_SLOTS = 256;
/** The highest K_ constant. */
export const KEY_COUNT = KEYS.size;
export const KEY_SLOT_IDS = new Uint8Array(KEY_SLOTS);
/** The names' bytes, back to back: name `id` is `KEY_BYTES[KEY_FROM[id] .. KEY_TO[id])`. */
const KEY_BYTES = new Uint8Array(Array.from(KEYS.keys()).join('').length);
const KEY_FROM = new Int32Array(KEYS.size + 1);
const KEY_TO = new Int32Array(KEYS.size + 1);

/**
 * Whether `b[at..]` holds the bytes of name `id`: byte against byte, no string access in the
 * loop that runs for every member of every span.
 */
export function isKey(id: number, b: Uint8Array, at: number): boolean {
  const from = KEY_FROM[id] as number;
  const to = KEY_TO[id] as number;
  for (let k = from; k < to; k++) if (b[at + k - from] !== KEY_BYTES[k]) return false;
  return true;
}

/** The length of name `id`. */
export function keyLength(id: number): number {
  return (KEY_TO[id] as number) - (KEY_FROM[id] as number);
}

/** The slot hash of a member name of `length` ≥ 1 bytes given its first, middle and last byte. */
export function keyShape(length: number, first: number, middle: number, last: number): number {
  return (Math.imul(length, 131) + Math.imul(first, 31) + Math.imul(middle, 11) + last) & (KEY_SLOTS - 1);
}

let keyBytesAt = 0;
for (const [name, id] of KEYS) {
  const n = name.length;
  KEY_FROM[id] = keyBytesAt;
  for (let k = 0; k < n; k++) KEY_BYTES[keyBytesAt++] = name.charCodeAt(k);
  KEY_TO[id] = keyBytesAt;
  let slot = keyShape(n, name.charCodeAt(0), name.charCodeAt(n >> 1), name.charCodeAt(n - 1));
  while (KEY_SLOT_IDS[slot] !== 0) slot = (slot + 1) & (KEY_SLOTS - 1);
  KEY_SLOT_IDS[slot] = id;
}
