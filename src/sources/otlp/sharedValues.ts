/**
 * Immutable values shared by every span that has them. At 1M spans one object per span for an
 * empty list, an unset status or a boolean adds up, and the model never mutates them. Both
 * OTLP decoders (parsed JSON and streaming bytes) use these, so their output shares them too.
 */
import type { Attribute, AttributeValue, Scope, SpanEvent, SpanLink, SpanStatus, StatusCode } from '../../model/types';

export const NO_ATTRIBUTES: readonly Attribute[] = Object.freeze([]);
export const NO_EVENTS: readonly SpanEvent[] = Object.freeze([]);
export const NO_LINKS: readonly SpanLink[] = Object.freeze([]);
export const EMPTY_VALUE: AttributeValue = Object.freeze({ type: 'empty' });
export const TRUE_VALUE: AttributeValue = Object.freeze({ type: 'bool', value: true });
export const FALSE_VALUE: AttributeValue = Object.freeze({ type: 'bool', value: false });
export const STATUS_BY_CODE: Readonly<Record<StatusCode, SpanStatus>> = {
  unset: Object.freeze({ code: 'unset', message: '' }),
  ok: Object.freeze({ code: 'ok', message: '' }),
  error: Object.freeze({ code: 'error', message: '' }),
};
export const EMPTY_SCOPE: Scope = Object.freeze({
  name: '',
  version: '',
  attributes: NO_ATTRIBUTES,
  droppedAttributesCount: 0,
  schemaUrl: '',
});
/** How some converters write "no parent". */
export const ZERO_SPAN_ID = '0000000000000000';
