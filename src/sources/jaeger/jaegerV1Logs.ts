/**
 * A Jaeger v1 span's logs as span events: the first non-empty `event` field names the event
 * ('log' without one), the other fields are its attributes.
 */
import type { Attribute, SpanEvent } from '../../model/types';
import type { IssueSink } from './jaegerV1Tags';
import { readKeyValue } from './jaegerV1Tags';
import { NO_ATTRIBUTES, NO_EVENTS, describeValue, isAbsent, isObject, microsToNanos } from './json';

/** Logs to events: the `event` field names the event ('log' without one), the rest are attributes. */
export function readLogs(raw: unknown, sink: IssueSink): readonly SpanEvent[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    if (!isAbsent(raw) && !Array.isArray(raw)) {
      sink.issue('.logs', `expected an array of logs, got ${describeValue(raw)}`);
    }
    return NO_EVENTS;
  }
  const events: SpanEvent[] = [];
  for (let i = 0; i < raw.length; i++) {
    const log: unknown = raw[i];
    if (!isObject(log)) {
      sink.issue(`.logs[${i}]`, `expected {timestamp, fields}, got ${describeValue(log)}; left out`);
      continue;
    }
    const time = microsToNanos(log.timestamp);
    if (time === undefined) {
      sink.issue(`.logs[${i}].timestamp`, `expected integer µs, got ${describeValue(log.timestamp)}; log left out`);
      continue;
    }
    events.push(readLogFields(log.fields, time, `.logs[${i}].fields`, sink));
  }
  return events.length > 0 ? events : NO_EVENTS;
}

function readLogFields(raw: unknown, time: bigint, list: string, sink: IssueSink): SpanEvent {
  let name = '';
  const attributes: Attribute[] = [];
  if (Array.isArray(raw)) {
    for (let i = 0; i < raw.length; i++) {
      const field: unknown = raw[i];
      // The first non-empty `event` names the event (as Jaeger's OTLP translator does).
      if (name === '' && isObject(field) && field.key === 'event' && typeof field.value === 'string') {
        name = field.value;
        if (name !== '') continue;
      }
      const attribute = readKeyValue(field, sink, list, i);
      if (attribute !== undefined) attributes.push(attribute);
    }
  } else if (raw !== undefined && raw !== null) {
    sink.issue(list, `expected an array of {key, type, value}, got ${describeValue(raw)}`);
  }
  return {
    timeUnixNano: time,
    name: name === '' ? 'log' : name,
    attributes: attributes.length > 0 ? attributes : NO_ATTRIBUTES,
    droppedAttributesCount: 0,
  };
}
