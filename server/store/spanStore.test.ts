import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { Resource, SpanData } from '../../src/model/types';
import { DATABASE_FILE, SpanStore } from './spanStore';
import { BASE_TIME_NS, makeSpan, RICH_RESOURCE, RICH_SCOPE, richSpan, tempDir } from './testing/richSpans';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const cleanups: (() => Promise<void> | void)[] = [];

async function openStore(dir?: string): Promise<{ store: SpanStore; dir: string }> {
  let path = dir;
  if (path === undefined) {
    const temp = tempDir();
    cleanups.push(temp.cleanup);
    path = temp.dir;
  }
  const store = await SpanStore.open(path, { retentionIntervalMs: 0 });
  cleanups.push(() => store.close());
  return { store, dir: path };
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function sortById(spans: readonly SpanData[]): SpanData[] {
  return [...spans].sort((a, b) => (a.spanId < b.spanId ? -1 : 1));
}

describe('SpanStore round trip', () => {
  it('gives back exactly the SpanData it received', async () => {
    const { store } = await openStore();
    const root = richSpan(TRACE, 'b7ad6b7169203331');
    const child: SpanData = { ...richSpan(TRACE, '00f067aa0ba902b7', 'b7ad6b7169203331'), kind: 'client', status: { code: 'ok', message: '' } };
    await store.write([root, child]);
    const got = await store.getTrace(TRACE);
    expect(got).toEqual([root, child]);
    // Edge values toEqual would not tell apart.
    const negZero = got?.[0]?.attributes.find((a) => a.key === 'double.negzero')?.value;
    expect(negZero?.type === 'double' && Object.is(negZero.value, -0)).toBe(true);
    const bytes = got?.[0]?.attributes.find((a) => a.key === 'bytes')?.value;
    expect(bytes?.type === 'bytes' && bytes.value.constructor).toBe(Uint8Array);
  });

  it('shares one Resource/Scope object among spans with equal resource/scope', async () => {
    const { store } = await openStore();
    const sameContent: Resource = { ...RICH_RESOURCE, attributes: RICH_RESOURCE.attributes.map((a) => ({ ...a })) };
    const otherResource: Resource = { ...RICH_RESOURCE, serviceName: 'cart' };
    const spans = [
      richSpan(TRACE, 'a000000000000001'),
      { ...richSpan(TRACE, 'a000000000000002', 'a000000000000001'), resource: sameContent, scope: { ...RICH_SCOPE } },
      { ...richSpan(TRACE, 'a000000000000003', 'a000000000000001'), resource: otherResource },
    ];
    await store.write(spans.slice(0, 1));
    await store.write(spans.slice(1));
    const got = (await store.getTrace(TRACE)) ?? [];
    expect(got).toEqual(spans);
    expect(got[0]?.resource).toBe(got[1]?.resource);
    expect(got[0]?.scope).toBe(got[1]?.scope);
    expect(got[2]?.resource).not.toBe(got[0]?.resource);
    expect(got[2]?.scope).toBe(got[0]?.scope);
  });

  it('keeps odd values exact: times beyond 2^63, NUL and non-ASCII strings, 12/13-byte strings', async () => {
    const { store } = await openStore();
    const huge = (1n << 64n) - 5n;
    const spans: SpanData[] = [
      { ...makeSpan({ spanId: 'x1', traceId: 'odd' }), startTimeUnixNano: huge - 10n, endTimeUnixNano: huge, name: 'nul\0inside' },
      { ...makeSpan({ spanId: 'x2', traceId: 'odd' }), startTimeUnixNano: 0n, endTimeUnixNano: 0n, name: 'twelve bytes' },
      { ...makeSpan({ spanId: 'x3', traceId: 'odd' }), name: 'thirteen char', traceState: 'é', status: { code: 'error', message: 'ü' } },
      { ...makeSpan({ spanId: 'x4', traceId: 'odd', duration: -2 }), flags: 0xffffffff, kind: 'consumer' },
    ];
    await store.write(spans);
    expect(sortById((await store.getTrace('odd')) ?? [])).toEqual(sortById(spans));
  });

  it('returns null for an unknown trace and for a range that misses the trace', async () => {
    const { store } = await openStore();
    await store.write([makeSpan({ spanId: 'r1', traceId: 't-range', start: 0, duration: 10 })]);
    expect(await store.getTrace('nope')).toBeNull();
    expect(await store.getTrace('t-range', { startNs: BASE_TIME_NS + 20_000_000n })).toBeNull();
    expect(await store.getTrace('t-range', { endNs: BASE_TIME_NS - 1n })).toBeNull();
    expect(await store.getTrace('t-range', { startNs: BASE_TIME_NS + 5_000_000n, endNs: BASE_TIME_NS + 6_000_000n })).toHaveLength(1);
  });
});

describe('SpanStore trace key collisions', () => {
  it('still finds a trace whose traces row is owned by another ID (64-bit key collision)', async () => {
    const { store } = await openStore();
    await store.write([makeSpan({ traceId: 'victim', spanId: 'v1' }), makeSpan({ traceId: 'victim', spanId: 'v2', parentSpanId: 'v1' })]);
    // Simulate the collision: the row for victim's key now names another trace.
    await store.read(async (c) => void (await c.run("UPDATE traces SET trace_id = 'intruder' WHERE trace_id = 'victim'")));
    expect((await store.getTrace('victim'))?.map((s) => s.spanId)).toEqual(['v1', 'v2']);
    expect(await store.traceSummary('victim')).toBeNull();
  });
});

describe('SpanStore trace summaries', () => {
  it('merges a trace whose spans arrive in separate writes, far apart in the file', async () => {
    const { store } = await openStore();
    const traceId = 'split-trace';
    await store.write([
      makeSpan({ traceId, spanId: 'c1', parentSpanId: 'root', start: 10, duration: 5, service: 'db' }),
      makeSpan({ traceId, spanId: 'c2', parentSpanId: 'root', start: 20, duration: 30, service: 'db', status: 'error' }),
    ]);
    expect(await store.traceSummary(traceId)).toMatchObject({ spanCount: 2, errorCount: 1, rootServiceName: null, rootSpanName: null });
    // Push the next write into another row group: >122 880 unrelated, later spans in between.
    const filler: SpanData[] = [];
    for (let i = 0; i < 130_000; i++) filler.push(makeSpan({ traceId: `filler-${i % 5000}`, spanId: `f${i}`, start: 1000 + i }));
    await store.write(filler);
    await store.write([makeSpan({ traceId, spanId: 'root', start: 0, duration: 100, service: 'frontend', name: 'GET /' })]);
    expect(await store.traceSummary(traceId)).toEqual({
      traceId,
      startTimeUnixNano: BASE_TIME_NS,
      endTimeUnixNano: BASE_TIME_NS + 100_000_000n,
      durationNs: 100_000_000n,
      spanCount: 3,
      errorCount: 1,
      rootServiceName: 'frontend',
      rootSpanName: 'GET /',
    });
    const spans = (await store.getTrace(traceId)) ?? [];
    expect(spans.map((s) => s.spanId)).toEqual(['c1', 'c2', 'root']);
  });

  it("gives each span exactly its attributes when the trace's sid range holds other traces' spans", async () => {
    const { store } = await openStore();
    const span = (traceId: string, spanId: string, i: number): SpanData => ({
      ...richSpan(traceId, spanId),
      attributes: [
        { key: 'owner', value: { type: 'string', value: `${traceId}/${spanId}` } },
        { key: 'list', value: { type: 'array', value: [{ type: 'int', value: BigInt(i) }, { type: 'bool', value: i % 2 === 0 }] } },
        { key: `only.${spanId}`, value: { type: 'double', value: i + 0.5 } },
      ],
    });
    const a = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const b = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    // Short range (read by sid range alone): a's spans with b's between them.
    const interleaved = [span(a, 'a000000000000001', 1), span(b, 'b000000000000001', 2), span(a, 'a000000000000002', 3), span(b, 'b000000000000002', 4), span(a, 'a000000000000003', 5)];
    await store.write(interleaved);
    // Long range (read through the trace's span sids): a later part of b after more than
    // ATTRIBUTE_RANGE_SIDS (1024) others, starting at the same time (the window cuts none).
    const others: SpanData[] = [];
    for (let i = 0; i < 1100; i++) others.push(span(`c${String(i).padStart(31, '0')}`, `c${String(i).padStart(15, '0')}`, 10 + i));
    await store.write(others);
    const late = span(b, 'b000000000000003', 99);
    await store.write([late]);
    expect(await store.getTrace(a)).toEqual(interleaved.filter((s) => s.traceId === a));
    expect(await store.getTrace(b)).toEqual([...interleaved.filter((s) => s.traceId === b), late]);
  });

  it('merges summaries carrying quotes and NUL, and many known traces at once', async () => {
    const { store } = await openStore();
    const odd = ["it's 'quoted'", 'nul\u0000inside', "both ' and \u0000"];
    await store.write(odd.map((_, i) => makeSpan({ traceId: `odd-${i}`, spanId: `c${i}`, parentSpanId: 'r', start: 5 })));
    await store.write(odd.map((name, i) => makeSpan({ traceId: `odd-${i}`, spanId: `r${i}`, start: 1, name, service: name })));
    for (const [i, name] of odd.entries()) {
      expect(await store.traceSummary(`odd-${i}`)).toMatchObject({ spanCount: 2, rootSpanName: name, rootServiceName: name });
    }
    // More known traces than go into one statement as literals: merged through trace_stage.
    const ids = Array.from({ length: 150 }, (_, i) => `many-${i}`);
    await store.write(ids.map((traceId) => makeSpan({ traceId, spanId: 'a', parentSpanId: 'r', start: 2, duration: 1 })));
    await store.write(ids.map((traceId) => makeSpan({ traceId, spanId: 'r', start: 0, duration: 10, name: `root ${traceId}` })));
    for (const traceId of [ids[0]!, ids[77]!, ids[149]!]) {
      expect(await store.traceSummary(traceId)).toMatchObject({ spanCount: 2, rootSpanName: `root ${traceId}`, durationNs: 10_000_000n });
    }
    expect(await store.read(async (c) => (await c.runAndReadAll("SELECT count(*) FROM traces WHERE trace_id LIKE 'many-%'")).getRowsJS())).toEqual([[150n]]);
  });

  it('keeps the earliest root when several roots arrive', async () => {
    const { store } = await openStore();
    await store.write([makeSpan({ traceId: 'two-roots', spanId: 'late', start: 5, name: 'late root' })]);
    await store.write([makeSpan({ traceId: 'two-roots', spanId: 'early', start: 1, name: 'early root', service: 'edge' })]);
    await store.write([makeSpan({ traceId: 'two-roots', spanId: 'later', start: 9, name: 'later root' })]);
    expect(await store.traceSummary('two-roots')).toMatchObject({ rootSpanName: 'early root', rootServiceName: 'edge', spanCount: 3 });
  });
});

describe('SpanStore group commit', () => {
  it('commits concurrent writes in fewer transactions than writes', async () => {
    const { store } = await openStore();
    const writes = Array.from({ length: 40 }, (_, w) =>
      Array.from({ length: 50 }, (_, i) => makeSpan({ traceId: `gc-${w}`, spanId: `s${i}`, parentSpanId: i === 0 ? '' : 's0' })),
    );
    await Promise.all(writes.map((spans) => store.write(spans)));
    expect(store.stats.writes).toBe(40);
    expect(store.stats.spans).toBe(2000);
    expect(store.stats.commits).toBeLessThan(40);
    for (let w = 0; w < 40; w++) expect(await store.traceSummary(`gc-${w}`)).toMatchObject({ spanCount: 50, rootSpanName: 'op-s0' });
  });

  it('merges a new trace whose spans come in several writes of one group commit', async () => {
    const { store } = await openStore();
    // The first write stages 'shared' as a new trace (plain insert), the later ones as one
    // `traces` may hold (upsert): both in the same transaction.
    const writes = Array.from({ length: 6 }, (_, w) => [
      makeSpan({ traceId: 'shared', spanId: `s${w}`, parentSpanId: w === 0 ? '' : 's0', start: w }),
      makeSpan({ traceId: `own-${w}`, spanId: `o${w}` }),
    ]);
    await Promise.all(writes.map((spans) => store.write(spans)));
    expect(store.stats.commits).toBeLessThan(6);
    expect(await store.traceSummary('shared')).toMatchObject({ spanCount: 6, rootSpanName: 'op-s0' });
    for (let w = 0; w < 6; w++) expect(await store.traceSummary(`own-${w}`)).toMatchObject({ spanCount: 1 });
    // A trace seen before takes the upsert path alone.
    await store.write([makeSpan({ traceId: 'own-3', spanId: 'again', start: 9 })]);
    expect(await store.traceSummary('own-3')).toMatchObject({ spanCount: 2 });
  });

  it('rejects a bad write without failing the writes committed with it', async () => {
    const { store } = await openStore();
    const bad = { ...makeSpan({ spanId: 'bad', traceId: 'bad' }), startTimeUnixNano: 'not a bigint' } as unknown as SpanData;
    const results = await Promise.allSettled([
      store.write([makeSpan({ spanId: 'g1', traceId: 'good-1' })]),
      store.write([bad]),
      store.write([makeSpan({ spanId: 'g2', traceId: 'good-2' })]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.getTrace('good-1')).toHaveLength(1);
    expect(await store.getTrace('good-2')).toHaveLength(1);
    expect(await store.getTrace('bad')).toBeNull();
  });
});

describe('SpanStore persistence', () => {
  it('keeps data across close and reopen, and keeps appending after it', async () => {
    const { store, dir } = await openStore();
    const first = [richSpan(TRACE, '1111111111111111'), makeSpan({ spanId: 'p1', traceId: 'persist' })];
    await store.write(first);
    await store.close();
    const reopened = await SpanStore.open(dir, { retentionIntervalMs: 0 });
    cleanups.push(() => reopened.close());
    expect(await reopened.getTrace(TRACE)).toEqual([first[0]]);
    await reopened.write([makeSpan({ spanId: 'p2', traceId: 'persist', start: 1 })]);
    expect((await reopened.getTrace('persist'))?.map((s) => s.spanId)).toEqual(['p1', 'p2']);
    expect(await reopened.traceSummary('persist')).toMatchObject({ spanCount: 2 });
  });

  it('upgrades a version 2 store (traces with a PRIMARY KEY) in place', async () => {
    const { store, dir } = await openStore();
    await store.write([makeSpan({ spanId: 'm1', traceId: 'migrated' }), makeSpan({ spanId: 'o1', traceId: 'other' })]);
    await store.close();
    // Turn it back into what version 2 wrote.
    const instance = await DuckDBInstance.create(join(dir, DATABASE_FILE));
    const connection = await instance.connect();
    const ddl = (await connection.runAndReadAll("SELECT sql FROM duckdb_tables() WHERE table_name = 'traces'")).getRowsJS()[0]?.[0] as string;
    await connection.run(`ALTER TABLE traces RENAME TO traces_v3;
      ${ddl.replace('trace_key BIGINT NOT NULL', 'trace_key BIGINT NOT NULL PRIMARY KEY').replace(/;\s*$/, '')};
      INSERT INTO traces SELECT * FROM traces_v3; DROP TABLE traces_v3;
      UPDATE store_meta SET value = '2' WHERE key = 'schema_version'`);
    connection.closeSync();
    instance.closeSync();

    const reopened = await SpanStore.open(dir, { retentionIntervalMs: 0 });
    cleanups.push(() => reopened.close());
    await reopened.write([makeSpan({ spanId: 'm2', traceId: 'migrated', start: 1 })]);
    expect((await reopened.getTrace('migrated'))?.map((s) => s.spanId)).toEqual(['m1', 'm2']);
    expect(await reopened.traceSummary('other')).toMatchObject({ spanCount: 1 });
    const meta = await reopened.read(async (c) =>
      (
        await c.runAndReadAll(`SELECT (SELECT value FROM store_meta WHERE key = 'schema_version'),
          (SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'traces' AND constraint_type = 'PRIMARY KEY')`)
      ).getRowsJS(),
    );
    expect(meta).toEqual([['3', 0n]]);
  });

  it('fails with a clear error naming a data directory it cannot create', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const bad = join(file, 'data');
    await expect(SpanStore.open(bad)).rejects.toThrow(`data directory ${bad} is not writable`);
  });

  it('refuses writes after close', async () => {
    const { store } = await openStore();
    await store.close();
    await expect(store.write([makeSpan({ spanId: 'late' })])).rejects.toThrow(/closed/);
  });
});
