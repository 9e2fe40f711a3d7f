/**
 * Reads a trace skeleton (format.ts) into span records, without span attributes (they are fetched
 * per span on demand). Columns are typed-array views over the bytes: no per-span JSON.
 * Resources, scopes, events and links travel as OTLP JSON in the header and go through the OTLP
 * JSON importer, so they are validated and decoded exactly like any OTLP payload.
 */
import type { SpanIdWords } from '../../model/spanIdIndex';
import type { PreparedInput } from '../../model/spanInputs';
import type { Resource, Scope, SpanData, SpanEvent, SpanKind, SpanLink, SpanStatus } from '../../model/types';
import { SPAN_KINDS, STATUS_CODES } from '../../model/types';
import type { ImportIssue } from '../importResult';
import { ImportError } from '../importResult';
import { decodeResource, decodeScope } from '../otlp/decodeResourceSpans';
import { importOtlpJson } from '../otlp/otlpJson';
import { NO_EVENTS, NO_LINKS, STATUS_BY_CODE } from '../otlp/sharedValues';
import type { SkeletonHeader } from './format';
import { BIT_HAS_PARENT, BIT_HAS_SPAN_ID, SKELETON_MAGIC, align8, columnOffsets } from './format';
import type { LazyColumns } from './skeletonSpan';
import { SkeletonSpan } from './skeletonSpan';

export interface DecodedSkeleton {
  readonly header: SkeletonHeader;
  /** Unbuilt span records (see skeletonSpan.ts), for `buildTrace(…, { adopt: true, ...prepared })`. */
  readonly spans: SpanData[];
  readonly issues: ImportIssue[];
  /** IDs (when every span has one) and times as numbers, for `buildTrace`. */
  readonly prepared: PreparedInput;
}

/** The u64 ID columns as 32-bit halves per row (little-endian: low word first). */
function idWords(buffer: ArrayBuffer, idAt: number, parentAt: number, n: number): SpanIdWords {
  const ids = new Uint32Array(buffer, idAt, 2 * n);
  const parents = new Uint32Array(buffer, parentAt, 2 * n);
  const idHi = new Uint32Array(n);
  const idLo = new Uint32Array(n);
  const parentHi = new Uint32Array(n);
  const parentLo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    idLo[i] = ids[2 * i]!;
    idHi[i] = ids[2 * i + 1]!;
    parentLo[i] = parents[2 * i]!;
    parentHi[i] = parents[2 * i + 1]!;
  }
  return { idHi, idLo, parentHi, parentLo };
}


function readHeader(buffer: ArrayBuffer): { header: SkeletonHeader; columnsAt: number } {
  if (buffer.byteLength < 8) throw new ImportError('', `not a trace skeleton: ${buffer.byteLength} bytes`);
  const magic = new TextDecoder().decode(new Uint8Array(buffer, 0, 4));
  if (magic !== SKELETON_MAGIC) throw new ImportError('', `not a trace skeleton: starts with "${magic}"`);
  const length = new DataView(buffer).getUint32(4, true);
  if (8 + length > buffer.byteLength) throw new ImportError('header', `claims ${length} bytes, the body has ${buffer.byteLength - 8}`);
  let header: SkeletonHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, length))) as SkeletonHeader;
  } catch (error) {
    throw new ImportError('header', `not JSON: ${(error as Error).message}`);
  }
  if (!Number.isInteger(header.spanCount) || header.spanCount < 0) throw new ImportError('header.spanCount', 'expected a count');
  if (!/^[0-9a-f]{32}$/.test(header.traceId)) throw new ImportError('header.traceId', 'expected 32 lowercase hex');
  if (!/^\d+$/.test(header.startTimeUnixNano)) throw new ImportError('header.startTimeUnixNano', 'expected an unsigned integer');
  return { header, columnsAt: align8(8 + length) };
}

/** Span events or links of the rows that have them, decoded by the OTLP JSON importer. */
function decodeExtras(header: SkeletonHeader, issues: ImportIssue[]): { events: Map<number, readonly SpanEvent[]>; links: Map<number, readonly SpanLink[]> } {
  const rows = new Map<number, { events?: readonly Record<string, unknown>[]; links?: readonly Record<string, unknown>[] }>();
  for (const [row, events] of header.events) rows.set(row, { ...rows.get(row), events });
  for (const [row, links] of header.links) rows.set(row, { ...rows.get(row), links });
  const events = new Map<number, readonly SpanEvent[]>();
  const links = new Map<number, readonly SpanLink[]>();
  if (rows.size === 0) return { events, links };
  // One stand-in span per row, its span ID the row number, so results map back even if one is rejected.
  const spans = [...rows].map(([row, extra]) => ({
    traceId: header.traceId,
    spanId: (row + 1).toString(16).padStart(16, '0'),
    name: '',
    startTimeUnixNano: '0',
    endTimeUnixNano: '0',
    ...extra,
  }));
  const imported = importOtlpJson({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
  for (const issue of imported.issues) issues.push({ path: `events/links ${issue.path}`, message: issue.message });
  for (const span of imported.spans) {
    const row = parseInt(span.spanId, 16) - 1;
    if (span.events.length > 0) events.set(row, span.events);
    if (span.links.length > 0) links.set(row, span.links);
  }
  return { events, links };
}

export function decodeSkeleton(buffer: ArrayBuffer): DecodedSkeleton {
  const { header, columnsAt } = readHeader(buffer);
  const n = header.spanCount;
  const { offsets, end } = columnOffsets(columnsAt, n);
  if (end > buffer.byteLength) throw new ImportError('columns', `${n} spans need ${end} bytes, the body has ${buffer.byteLength}`);
  const issues: ImportIssue[] = [];
  const bytes = new Uint8Array(buffer);
  const f64 = (name: 'start' | 'end') => new Float64Array(buffer, offsets[name], n);
  const u32 = (name: keyof typeof offsets) => new Uint32Array(buffer, offsets[name], n);
  const u8 = (name: keyof typeof offsets) => new Uint8Array(buffer, offsets[name], n);
  const start = f64('start');
  const endAt = f64('end');
  const nameIdx = u32('name');
  const messageIdx = u32('statusMessage');
  const stateIdx = u32('traceState');
  const resourceIdx = u32('resource');
  const scopeIdx = u32('scope');
  const flags = u32('flags');
  const droppedAttributes = u32('droppedAttributesCount');
  const droppedEvents = u32('droppedEventsCount');
  const droppedLinks = u32('droppedLinksCount');
  const kind = u8('kind');
  const statusCode = u8('statusCode');
  const bits = u8('bits');
  const { strings } = header;
  const resources: Resource[] = header.resources.map((r, i) => decodeResource({ resource: r, schemaUrl: r.schemaUrl ?? '' }, `resources[${i}]`, issues));
  const scopes: Scope[] = header.scopes.map((s, i) => decodeScope({ scope: s, schemaUrl: s.schemaUrl ?? '' }, `scopes[${i}]`, issues));
  const { events, links } = decodeExtras(header, issues);
  const traceStart = BigInt(header.startTimeUnixNano);
  const statuses = new Map<number, SpanStatus>();
  const statusOf = (code: number, message: number): SpanStatus => {
    const codeName = STATUS_CODES[code] ?? 'unset';
    const text = strings[message] ?? '';
    if (text === '') return STATUS_BY_CODE[codeName];
    const key = message * 4 + code;
    let status = statuses.get(key);
    if (status === undefined) statuses.set(key, (status = Object.freeze({ code: codeName, message: text })));
    return status;
  };

  const lazy: LazyColumns = { bytes, idAt: offsets.spanId, parentAt: offsets.parentSpanId, bits, traceStart, start, end: endAt };
  const spans: SkeletonSpan[] = new Array<SkeletonSpan>(n);
  const hasParent = new Uint8Array(n);
  let everyId = true;
  for (let i = 0; i < n; i++) {
    const resource = resources[resourceIdx[i]!];
    const scope = scopes[scopeIdx[i]!];
    const name = strings[nameIdx[i]!];
    if (resource === undefined || scope === undefined || name === undefined) throw new ImportError(`rows[${i}]`, 'resource, scope or name index out of range');
    const b = bits[i]!;
    if ((b & BIT_HAS_SPAN_ID) === 0) everyId = false;
    if (b & BIT_HAS_PARENT) hasParent[i] = 1;
    const time = start[i]!;
    if (!Number.isSafeInteger(time) || !Number.isSafeInteger(endAt[i]!)) throw new ImportError(`rows[${i}].start`, `expected integer ns offsets, got ${time} and ${endAt[i]}`);
    spans[i] = new SkeletonSpan(lazy, i, {
      traceId: header.traceId,
      traceState: strings[stateIdx[i]!] ?? '',
      name,
      kind: (SPAN_KINDS[kind[i]!] ?? 'unspecified') as SpanKind,
      droppedAttributesCount: droppedAttributes[i]!,
      events: events.get(i) ?? NO_EVENTS,
      droppedEventsCount: droppedEvents[i]!,
      links: links.get(i) ?? NO_LINKS,
      droppedLinksCount: droppedLinks[i]!,
      status: statusOf(statusCode[i]!, messageIdx[i]!),
      flags: flags[i]!,
      resource,
      scope,
    });
  }
  const prepared: PreparedInput = {
    times: { traceStart, start, end: endAt },
    ...(everyId ? { words: { ...idWords(buffer, offsets.spanId, offsets.parentSpanId, n), hasParent } } : {}),
  };
  return { header, spans, issues, prepared };
}
