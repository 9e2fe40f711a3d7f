import { describe, expect, it } from 'vitest';
import type { SpanData } from '../../src/model/types';
import { SPAN_KINDS, STATUS_CODES } from '../../src/model/types';
import { BIT_HAS_PARENT, BIT_HAS_SPAN_ID, COLUMNS, SKELETON_MAGIC, align8, columnOffsets } from '../../src/sources/skeleton/format';
import type { ColumnName, SkeletonHeader } from '../../src/sources/skeleton/format';
import { encodeEventsMember, encodeLinksMember, encodeResource, encodeScope } from '../../src/sources/otlp/encodeOtlpJson';
import { skeletonChunks } from '../api/encode/skeletonBytes';
import type { SpanStore } from './spanStore';
import { useTempStores } from './testing/tempStore';
import { BASE_TIME_NS, RICH_RESOURCE, RICH_SCOPE, makeSpan, richSpan } from './testing/richSpans';
import { LIST_LOOKUP_MAX, storeTraceSkeleton } from './traceSkeleton';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const OTHER = '11111111111111111111111111111111';
const openStore = useTempStores();

type Column = bigint[] | number[];

/** An independent reader of the format.ts layout (not the browser's decoder). */
function readSkeleton(chunks: Uint8Array[]): { header: SkeletonHeader; columns: Record<ColumnName, Column> } {
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  const view = new DataView(bytes.buffer);
  expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe(SKELETON_MAGIC);
  const length = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as SkeletonHeader;
  const base = align8(8 + length);
  const { offsets, end } = columnOffsets(base, header.spanCount);
  expect(bytes.byteLength).toBe(end);
  // Padding between header and columns is zero.
  expect([...bytes.subarray(8 + length, base)].every((b) => b === 0)).toBe(true);
  const columns = {} as Record<ColumnName, Column>;
  for (const [name, type] of COLUMNS) {
    const o = offsets[name];
    columns[name] = Array.from({ length: header.spanCount }, (_, r) => {
      switch (type) {
        case 'u64':
          return view.getBigUint64(o + r * 8, true);
        case 'f64':
          return view.getFloat64(o + r * 8, true);
        case 'u32':
          return view.getUint32(o + r * 4, true);
        case 'u8':
          return view.getUint8(o + r);
      }
    }) as Column;
  }
  return { header, columns };
}

const resourceJson = (span: SpanData) => ({
  attributes: [],
  ...encodeResource(span.resource),
  ...(span.resource.schemaUrl ? { schemaUrl: span.resource.schemaUrl } : {}),
});
const scopeJson = (span: SpanData) => ({ ...encodeScope(span.scope), ...(span.scope.schemaUrl ? { schemaUrl: span.scope.schemaUrl } : {}) });

/** Checks every column and header entry against the spans (in arrival order). */
function expectSkeleton(chunks: Uint8Array[], traceId: string, spans: readonly SpanData[]): SkeletonHeader {
  const { header, columns } = readSkeleton(chunks);
  const start = spans.reduce((m, s) => (s.startTimeUnixNano < m ? s.startTimeUnixNano : m), spans[0]!.startTimeUnixNano);
  expect(header.traceId).toBe(traceId);
  expect(header.spanCount).toBe(spans.length);
  expect(header.startTimeUnixNano).toBe(start.toString());
  const expectedEvents: [number, unknown][] = [];
  const expectedLinks: [number, unknown][] = [];
  spans.forEach((span, r) => {
    const at = `row ${r} (${span.spanId})`;
    expect(columns.spanId[r], at).toBe(span.spanId === '' ? 0n : BigInt(`0x${span.spanId}`));
    expect(columns.parentSpanId[r], at).toBe(span.parentSpanId === '' ? 0n : BigInt(`0x${span.parentSpanId}`));
    expect(columns.start[r], at).toBe(Number(span.startTimeUnixNano - start));
    expect(columns.end[r], at).toBe(Number(span.endTimeUnixNano - start));
    expect(header.strings[columns.name[r] as number], at).toBe(span.name);
    expect(header.strings[columns.statusMessage[r] as number], at).toBe(span.status.message);
    expect(header.strings[columns.traceState[r] as number], at).toBe(span.traceState);
    expect(header.resources[columns.resource[r] as number], at).toEqual(resourceJson(span));
    expect(header.scopes[columns.scope[r] as number], at).toEqual(scopeJson(span));
    expect(columns.flags[r], at).toBe(span.flags);
    expect(columns.droppedAttributesCount[r], at).toBe(span.droppedAttributesCount);
    expect(columns.droppedEventsCount[r], at).toBe(span.droppedEventsCount);
    expect(columns.droppedLinksCount[r], at).toBe(span.droppedLinksCount);
    expect(columns.kind[r], at).toBe(SPAN_KINDS.indexOf(span.kind));
    expect(columns.statusCode[r], at).toBe(STATUS_CODES.indexOf(span.status.code));
    expect(columns.bits[r], at).toBe((span.spanId === '' ? 0 : BIT_HAS_SPAN_ID) | (span.parentSpanId === '' ? 0 : BIT_HAS_PARENT));
    if (span.events.length > 0) expectedEvents.push([r, JSON.parse(encodeEventsMember(span.events).slice(',"events":'.length))]);
    if (span.links.length > 0) expectedLinks.push([r, JSON.parse(encodeLinksMember(span.links, 'otlp').slice(',"links":'.length))]);
  });
  expect(header.events).toEqual(expectedEvents);
  expect(header.links).toEqual(expectedLinks);
  // Tables hold what the spans use, once each.
  expect(new Set(header.strings).size).toBe(header.strings.length);
  expect(new Set(header.strings)).toEqual(new Set(spans.flatMap((s) => [s.name, s.status.message, s.traceState])));
  expect(header.resources.length).toBe(new Set(spans.map((s) => s.resource)).size);
  return header;
}

async function skeletonOf(store: SpanStore, traceId: string): Promise<Uint8Array[]> {
  const skeleton = await storeTraceSkeleton(store, traceId);
  expect(skeleton).not.toBeNull();
  return skeletonChunks(skeleton!);
}

describe('trace skeleton', () => {
  it('holds every field of every span, in arrival order', async () => {
    const store = await openStore();
    const rich = richSpan(TRACE, 'b7ad6b7169203331'); // root with events, links, every field
    const child: SpanData = {
      ...makeSpan({ traceId: TRACE, spanId: 'ffffffffffffffff', parentSpanId: 'b7ad6b7169203331', start: 2, duration: 3, service: 'cart' }),
      name: 'naïve 名前 🚀 "quoted"\n',
      kind: 'client',
      status: { code: 'ok', message: 'fertig – ✓' },
      traceState: 'congo=t61rcWkgMzE',
      flags: 0xffffffff,
      droppedAttributesCount: 7,
    };
    const orphan: SpanData = {
      ...makeSpan({ traceId: TRACE, spanId: '0000000000000001', parentSpanId: 'deadbeefdeadbeef', start: -1, duration: -0.5, service: 'cart' }),
      kind: 'consumer',
      links: [{ traceId: OTHER, spanId: '00000000000000cc', traceState: '', attributes: [], droppedAttributesCount: 0, flags: 1 }],
    };
    const noId: SpanData = { ...makeSpan({ traceId: TRACE, spanId: '', parentSpanId: 'ffffffffffffffff', start: 1, service: 'cart' }), kind: 'producer' };
    const other = makeSpan({ traceId: OTHER, spanId: '2222222222222222', name: 'other trace' });
    // Two commits, interleaved with another trace's spans.
    await store.write([rich, other, child]);
    await store.write([{ ...other, spanId: '3333333333333333' }, orphan, noId]);
    const spans = [rich, child, orphan, noId];
    const header = expectSkeleton(await skeletonOf(store, TRACE), TRACE, spans);
    expect(header.resources).toHaveLength(2);
    expect(header.resources[0]).toMatchObject({ schemaUrl: RICH_RESOURCE.schemaUrl, droppedAttributesCount: 2 });
    expect(header.scopes[0]).toMatchObject({ name: RICH_SCOPE.name, schemaUrl: RICH_SCOPE.schemaUrl });
    // The orphan starts 1 ms before the trace's other spans: it is the trace start.
    expect(header.startTimeUnixNano).toBe((BASE_TIME_NS - 1_000_000n).toString());
    expect(header.events.map(([row]) => row)).toEqual([0]);
    expect(header.links.map(([row]) => row)).toEqual([0, 2]);
  });

  it('copies across many chunks, with constant and with long string tables', async () => {
    const store = await openStore();
    // > 2048 rows (DuckDB's chunk size) and more distinct names than list_position is used for.
    const count = 5000;
    expect(count).toBeGreaterThan(LIST_LOOKUP_MAX);
    const spans: SpanData[] = Array.from({ length: count }, (_, i) => ({
      ...makeSpan({
        traceId: TRACE,
        spanId: (i + 1).toString(16).padStart(16, '0'),
        parentSpanId: i === 0 ? '' : Math.floor((i + 1) / 2).toString(16).padStart(16, '0'),
        start: i / 1000,
        duration: 1 + (i % 7),
        service: `svc-${i % 3}`,
        status: i % 11 === 0 ? { code: 'error', message: `failure ${i % 5}` } : 'unset',
      }),
      name: `operation ${i} ü`,
    }));
    for (let i = 0; i < count; i += 1000) await store.write(spans.slice(i, i + 1000));
    const header = expectSkeleton(await skeletonOf(store, TRACE), TRACE, spans);
    expect(header.strings.length).toBeGreaterThan(LIST_LOOKUP_MAX);

    // Same trace shape with few names: the list_position path.
    const few = spans.map((s, i) => ({ ...s, traceId: OTHER, name: `op ${i % 9}` }));
    await store.write(few);
    expectSkeleton(await skeletonOf(store, OTHER), OTHER, few);
  });

  it('puts rows in sid order when the table is not', async () => {
    const store = await openStore();
    const spans = [richSpan(TRACE, 'b7ad6b7169203331'), makeSpan({ traceId: TRACE, spanId: '00f067aa0ba902b7', parentSpanId: 'b7ad6b7169203331' })];
    await store.write(spans);
    // A row appended last with the lowest sid (the store never writes this; the reader must cope).
    await store.read(async (c) => {
      await c.run(`INSERT INTO spans SELECT * REPLACE (sid - 1000 AS sid, 'cccccccccccccccc' AS span_id) FROM spans WHERE span_id = '00f067aa0ba902b7'`);
      await c.run(`UPDATE traces SET first_sid = first_sid - 1000, span_count = span_count + 1 WHERE trace_id = '${TRACE}'`);
    });
    expectSkeleton(await skeletonOf(store, TRACE), TRACE, [{ ...spans[1]!, spanId: 'cccccccccccccccc' }, ...spans]);
  });

  it('is null for an unknown trace', async () => {
    const store = await openStore();
    await store.write([makeSpan({ traceId: TRACE, spanId: 'aaaaaaaaaaaaaaaa' })]);
    expect(await storeTraceSkeleton(store, OTHER)).toBeNull();
  });
});
