/**
 * `PreparedInput` for spans whose importer kept IDs and times in `SpanColumns` (`ColumnSpan`):
 * tree building then reads numbers, not ID strings and BigInts (see spanInputs.ts).
 *
 * The usual input — one file of one trace — is the columns' rows in order, taken as they are.
 * Anything else (several traces, files merged, spans the importer read the generic way) is
 * gathered row by row, plain spans' IDs parsed from their hex. One span whose ID is not
 * 16 hex digits sends the whole trace down the string path, which handles any ID.
 */
import { ColumnSpan } from './columnSpan';
import type { PreparedInput } from './spanInputs';
import { SpanColumns } from './spanColumns';
import type { SpanData } from './types';

const NS_PER_SECOND = 1_000_000_000;

export function preparedFromSpans(spans: readonly SpanData[]): PreparedInput {
  const n = spans.length;
  const first = spans[0];
  if (!(first instanceof ColumnSpan)) return {};
  const columns = isWholeColumns(spans, first.columns) ? first.columns : gather(spans);
  if (columns === null) return {};
  const { idHi, idLo, parentHi, parentLo, hasParent, startSec, startNs, endSec, endNs } = columns;
  let sec0 = startSec[0]!;
  let ns0 = startNs[0]!;
  for (let i = 1; i < n; i++) {
    const s = startSec[i]!;
    if (s < sec0 || (s === sec0 && startNs[i]! < ns0)) {
      sec0 = s;
      ns0 = startNs[i]!;
    }
  }
  // Exact below 2^53 ns (104 days) from the trace start, as the BigInt path's Number() is.
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    start[i] = (startSec[i]! - sec0) * NS_PER_SECOND + (startNs[i]! - ns0);
    end[i] = (endSec[i]! - sec0) * NS_PER_SECOND + (endNs[i]! - ns0);
  }
  return {
    words: {
      idHi: idHi.subarray(0, n),
      idLo: idLo.subarray(0, n),
      parentHi: parentHi.subarray(0, n),
      parentLo: parentLo.subarray(0, n),
      hasParent: hasParent.subarray(0, n),
    },
    times: { traceStart: BigInt(sec0) * 1_000_000_000n + BigInt(ns0), start, end },
  };
}

/** Whether span i is row i of `columns` for every i. */
function isWholeColumns(spans: readonly SpanData[], columns: SpanColumns): boolean {
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    if (!(span instanceof ColumnSpan) || span.columns !== columns || span.row !== i) return false;
  }
  return true;
}

/** The spans' rows copied in input order; null when a plain span's ID is not 16 hex. */
function gather(spans: readonly SpanData[]): SpanColumns | null {
  const out = new SpanColumns(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    const row = out.commit();
    if (span instanceof ColumnSpan) {
      copyRow(span.columns, span.row, out, row);
      continue;
    }
    if (!setIdWords(span.spanId, out.idHi, out.idLo, row)) return null;
    out.hasParent[row] = span.parentSpanId === '' ? 0 : 1;
    if (span.parentSpanId !== '' && !setIdWords(span.parentSpanId, out.parentHi, out.parentLo, row)) return null;
    out.setTimes(row, span.startTimeUnixNano, span.endTimeUnixNano);
  }
  return out;
}

function copyRow(from: SpanColumns, at: number, to: SpanColumns, row: number): void {
  to.idHi[row] = from.idHi[at]!;
  to.idLo[row] = from.idLo[at]!;
  to.parentHi[row] = from.parentHi[at]!;
  to.parentLo[row] = from.parentLo[at]!;
  to.hasParent[row] = from.hasParent[at]!;
  to.startSec[row] = from.startSec[at]!;
  to.startNs[row] = from.startNs[at]!;
  to.endSec[row] = from.endSec[at]!;
  to.endNs[row] = from.endNs[at]!;
}

const HEX16 = /^[0-9a-f]{16}$/;

function setIdWords(id: string, hi: Uint32Array, lo: Uint32Array, row: number): boolean {
  if (!HEX16.test(id)) return false;
  hi[row] = Number.parseInt(id.slice(0, 8), 16);
  lo[row] = Number.parseInt(id.slice(8), 16);
  return true;
}
