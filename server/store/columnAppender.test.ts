import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ChunkBuilder, appendChunks } from './columnAppender';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** Appends `values` (row i gets n = i) and reads them back in order. */
async function roundTrip(table: string, values: readonly (string | null)[], rowsHint?: number, uniqueStrings?: number[]): Promise<(string | null)[]> {
  await connection.run(`CREATE TABLE ${table} (n BIGINT, s VARCHAR, t VARCHAR)`);
  const w = new ChunkBuilder(['bigint', 'varchar', 'varchar'], rowsHint, uniqueStrings);
  values.forEach((value, i) => {
    w.bigint(0, BigInt(i));
    w.varchar(1, value);
    // A second column with other strings: each column has its own pool.
    w.varchar(2, `t-${i % 7}-0123456789abcdef`);
    w.endRow();
  });
  await appendChunks(connection, table, w.finish());
  const reader = await connection.runAndReadAll(`SELECT s, t FROM ${table} ORDER BY n`);
  const rows = reader.getRows();
  rows.forEach((row, i) => expect(row[1]).toBe(`t-${i % 7}-0123456789abcdef`));
  return rows.map((row) => row[0] as string | null);
}

describe('ChunkBuilder VARCHAR columns', () => {
  it('round-trips inline, pooled, repeated, non-ASCII and NUL-holding strings exactly', async () => {
    const samples = [
      '',
      'GET',
      'twelve_chars', // 12: the longest inline string
      'thirteen_char', // 13: the shortest pooled one
      '4bf92f3577b34da6a3ce929d0e0e4736',
      'é', // 2 UTF-8 bytes: inline although not ASCII
      'éééééé', // 12 UTF-8 bytes: still inline
      'ééééééé', // 14 UTF-8 bytes: pooled
      'naïve café 日本語のテキスト',
      '😀 emoji 🚀 pairs',
      'a\0b',
      'long with a NUL \0 in the middle',
      null,
      'x'.repeat(5000),
    ];
    const values: (string | null)[] = [];
    // 5000 rows: three chunks, every sample in each, long strings repeated within a chunk.
    for (let i = 0; i < 5000; i++) values.push(samples[i % samples.length] ?? null);
    // A hint of 1 row: the builder grows its arrays 64 → 2048 rows on the way.
    expect(await roundTrip('strings_mixed', values, 1)).toEqual(values);
  });

  it('keeps a column whose strings are all long and distinct', async () => {
    const values = Array.from({ length: 3000 }, (_, i) => `span-${i.toString(16).padStart(12, '0')}-${'z'.repeat(i % 50)}`);
    expect(await roundTrip('strings_distinct', values)).toEqual(values);
  });

  it('keeps a column declared unique exactly, repeats and non-ASCII included', async () => {
    const values = Array.from({ length: 3000 }, (_, i) => (i % 11 === 0 ? null : i % 5 === 0 ? 'repeated-value-ü-0123' : `${i.toString(16).padStart(16, '0')}`));
    expect(await roundTrip('strings_unique', values, undefined, [1])).toEqual(values);
  });

  it('keeps a column of nulls and short strings only', async () => {
    const values = Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? null : `v${i}`));
    expect(await roundTrip('strings_short', values)).toEqual(values);
  });
});
