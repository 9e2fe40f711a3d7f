/**
 * A trace's OTLP JSON (`ResourceSpans[]` inside an envelope such as Tempo's
 * `{"trace":{"resourceSpans":[…]}}`) as a byte stream over readTraceJson's units: bytes leave
 * as soon as the first batch of spans is read, and the client downloads while later batches
 * are read out of DuckDB. A trace read in one batch gets an exact length (Content-Length, for
 * the client's progress bar). The parsed result equals `encodeResourceSpans` of the same
 * spans (traceJsonStream.test.ts).
 */
import type { Hole, TraceJson } from '../../store/traceJson';
import { encodeEventsMember, encodeLinksMember, encodeResource, encodeScope, encodeAnyValue } from '../../../src/sources/otlp/encodeOtlpJson';
import type { JsonDialect } from '../../../src/sources/otlp/encodeOtlpJson';

export interface JsonEnvelope {
  /** Text before the ResourceSpans list, ending with `[`. */
  open: string;
  /** Text after it, starting with `]`. */
  close: string;
}

export interface TraceJsonBody {
  /** Known when the whole trace was read before the response started. */
  byteLength: number | undefined;
  stream: ReadableStream<Uint8Array>;
}

const encoder = new TextEncoder();

function holeText(hole: Hole, dialect: JsonDialect): string {
  switch (hole.type) {
    case 'events':
      return encodeEventsMember(hole.events);
    case 'links':
      return encodeLinksMember(hole.links, dialect);
    case 'value':
      return JSON.stringify(encodeAnyValue(hole.value));
  }
}

/** Hole bytes by name, encoded once per batch (units of one batch share the map). */
const encodedHoles = new WeakMap<ReadonlyMap<string, Hole>, Map<string, Uint8Array>>();

function holeBytes(holes: ReadonlyMap<string, Hole>, dialect: JsonDialect): Map<string, Uint8Array> {
  let out = encodedHoles.get(holes);
  if (out === undefined) {
    out = new Map([...holes].map(([name, hole]) => [name, encoder.encode(holeText(hole, dialect))]));
    encodedHoles.set(holes, out);
  }
  return out;
}

/** The chunks of one piece with each `\0<name>\0` hole filled in. */
function* fillHoles(bytes: Uint8Array, holes: ReadonlyMap<string, Uint8Array>): Generator<Uint8Array> {
  let from = 0;
  for (let open = bytes.indexOf(0); open >= 0; open = bytes.indexOf(0, from)) {
    const close = bytes.indexOf(0, open + 1);
    if (close < 0) throw new Error('trace JSON: unterminated hole');
    if (open > from) yield bytes.subarray(from, open);
    const name = String.fromCharCode(...bytes.subarray(open + 1, close));
    const filling = holes.get(name);
    if (filling === undefined) throw new Error(`trace JSON: nothing read for hole ${name}`);
    yield filling;
    from = close + 1;
  }
  if (from < bytes.length) yield bytes.subarray(from);
}

/** The body's chunks in order; framing text is sent with the next span bytes' turn. */
async function* chunksOf(trace: TraceJson, dialect: JsonDialect, envelope: JsonEnvelope): AsyncGenerator<Uint8Array> {
  let text = envelope.open;
  for (let r = 0; r < trace.resources.length; r++) {
    const { resource, scopes } = trace.resources[r]!;
    text += `${r === 0 ? '' : ','}{"resource":${JSON.stringify(encodeResource(resource))},"scopeSpans":[`;
    for (let s = 0; s < scopes.length; s++) {
      const { scope, units } = scopes[s]!;
      text += `${s === 0 ? '' : ','}{"scope":${JSON.stringify(encodeScope(scope))},"spans":[`;
      let first = true;
      for (const unit of units) {
        const { pieces, holes } = await unit.spans();
        for (const piece of pieces) {
          if (!first) text += ',';
          first = false;
          yield encoder.encode(text);
          text = '';
          if (piece.hasHoles) yield* fillHoles(piece.bytes(), holeBytes(holes, dialect));
          else yield piece.bytes();
        }
      }
      text += ']';
      if (scope.schemaUrl !== '') text += `,"schemaUrl":${JSON.stringify(scope.schemaUrl)}`;
      text += '}';
    }
    text += ']';
    if (resource.schemaUrl !== '') text += `,"schemaUrl":${JSON.stringify(resource.schemaUrl)}`;
    text += '}';
  }
  yield encoder.encode(text + envelope.close);
}

/**
 * The response body. A trace read in one batch (≤ MAX_BATCH_SPANS spans) is written out
 * first, so its length is exact; a bigger one streams as its batches are read.
 */
export async function traceJsonBody(trace: TraceJson, dialect: JsonDialect, envelope: JsonEnvelope): Promise<TraceJsonBody> {
  const chunks = chunksOf(trace, dialect, envelope);
  if (trace.batchCount === 1) {
    const all: Uint8Array[] = [];
    for await (const chunk of chunks) all.push(chunk);
    let index = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = all[index++];
        if (next === undefined) controller.close();
        else controller.enqueue(next);
      },
    });
    return { byteLength: all.reduce((n, chunk) => n + chunk.byteLength, 0), stream };
  }
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done === true) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return { byteLength: undefined, stream };
}
