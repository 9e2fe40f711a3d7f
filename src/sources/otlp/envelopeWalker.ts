/**
 * The envelope walk of `streamingDecoder`: body → container → ResourceSpans → ScopeSpans → spans,
 * token by token. Resources and scopes (a few per file) are decoded generically, into the
 * objects their spans already point at (`pendingResource`, `pendingScope`).
 */
import type { JsonByteReader } from './jsonByteReader';
import { ImportError } from '../importResult';
import type { DecodedSpans } from './decodeResourceSpans';
import { decodeResource, decodeResourceSpans, decodeScope } from './decodeResourceSpans';
import type { Decoded, Mutable } from './decodedMember';
import { isAbsent, isEmptyList, take } from './decodedMember';
import { describe, joinPath } from './json';
import { pendingResource, pendingScope } from './fastSpanReader';
import { SpanFallbackReader } from './spanFallback';
import type { BodyContainer, DecodedBody } from './streamingDecoder';

type Container = DecodedSpans | ImportError | undefined;

export class StreamingDecoder extends SpanFallbackReader {
  constructor(reader: JsonByteReader, records = false) {
    super(reader);
    this.records = records;
    this.packing = records;
  }

  // -------------------------------------------------------------------------------------------
  // Envelope. Containers are picked as `detectFormat` picks them when a body has several.

  body(prefix: string): DecodedBody {
    const r = this.r;
    r.skipByteOrderMark();
    if (r.peek() !== 123 /* { */) {
      if (r.peek() === -1) throw r.truncated();
      throw new ImportError('', 'expected a JSON object holding OTLP resource spans');
    }
    r.pos++;
    let otlp: Container;
    let tempo: Container;
    let nested: Container;
    let result: Container;
    // Tempo v2 reports a partial trace beside it: kept so the importer can say so.
    const envelope: Record<string, unknown> = {};
    for (let first = true; r.nextMember(first); first = false) {
      const key = r.readKey();
      if (key === 'resourceSpans') otlp = this.container(joinPath(prefix, 'resourceSpans'));
      else if (key === 'batches') tempo = this.container(joinPath(prefix, 'batches'));
      else if (key === 'trace') nested = this.nestedContainer(joinPath(prefix, 'trace'));
      else if (key === 'result') result = this.nestedContainer(joinPath(prefix, 'result'));
      else if (key === 'status' || key === 'message') envelope[key] = r.captureValue();
      else r.skipValue();
    }
    r.expectEnd();
    const chosen = otlp ?? tempo ?? nested ?? result;
    if (chosen === undefined) {
      throw new ImportError(
        '',
        'not an OTLP-shaped trace: expected {"resourceSpans":[…]}, {"batches":[…]}, {"trace":{"resourceSpans":[…]}} or {"result":{"resourceSpans":[…]}}',
      );
    }
    if (chosen instanceof ImportError) throw chosen;
    const container: BodyContainer =
      chosen === otlp ? 'resourceSpans' : chosen === tempo ? 'batches' : chosen === nested ? 'trace' : 'result';
    return { spans: chosen.spans, issues: chosen.issues, container, envelope };
  }

  /** `{"resourceSpans":[…]}` inside `trace` or `result`; undefined when it is not there. */
  private nestedContainer(path: string): Container {
    const r = this.r;
    if (r.peek() !== 123) {
      r.skipValue();
      return undefined;
    }
    r.pos++;
    let found: Container;
    for (let first = true; r.nextMember(first); first = false) {
      if (r.readKey() === 'resourceSpans') found = this.container(joinPath(path, 'resourceSpans'));
      else r.skipValue();
    }
    return found;
  }

  /** A `ResourceSpans[]`; a value of another kind gives the error `decodeResourceSpans` throws. */
  private container(path: string): Container {
    const r = this.r;
    if (r.peek() !== 91 /* [ */) {
      const raw = r.captureValue();
      try {
        return decodeResourceSpans(raw, path);
      } catch (error) {
        if (error instanceof ImportError) return error;
        throw error;
      }
    }
    r.pos++;
    const out: DecodedSpans = { spans: [], issues: [] };
    for (let b = 0; r.nextElement(b === 0); b++) this.batch(`${path}[${b}]`, out);
    return out;
  }

  /** One ResourceSpans, with `decodeBatch`'s choice between `scopeSpans` and the legacy name. */
  private batch(path: string, out: DecodedSpans): void {
    const r = this.r;
    if (r.peek() !== 123) {
      const raw = r.captureValue();
      out.issues.push({ path, message: `expected ResourceSpans object, got ${describe(raw)}` });
      return;
    }
    r.pos++;
    const envelope: Record<string, unknown> = {};
    const resource = pendingResource();
    this.resource = resource;
    let current: Decoded | undefined;
    let legacy: Decoded | undefined;
    for (let first = true; r.nextMember(first); first = false) {
      const key = r.readKey();
      if (key === 'resource' || key === 'schemaUrl') envelope[key] = r.captureValue();
      else if (key === 'scopeSpans') current = this.list(`${path}.scopeSpans`, (p, into) => this.scopeSpans(p, into));
      else if (key === 'instrumentationLibrarySpans') legacy = this.list(`${path}.instrumentationLibrarySpans`, (p, into) => this.scopeSpans(p, into));
      else r.skipValue();
    }
    Object.assign(resource, decodeResource(envelope, path, out.issues));
    const useLegacy = isEmptyList(current) && !isAbsent(legacy);
    const chosen = useLegacy ? legacy : current;
    const spans = take(chosen, `${path}.${useLegacy ? 'instrumentationLibrarySpans' : 'scopeSpans'}`, out.issues);
    for (const span of spans) out.spans.push(span);
  }

  /** An array whose entries `entry` decodes into one `Decoded`, or the odd value in its place. */
  private list(path: string, entry: (path: string, into: Mutable<Decoded>) => void): Decoded {
    const r = this.r;
    if (r.peek() !== 91) return { isArray: false, raw: r.captureValue(), length: 0, spans: [], issues: [] };
    r.pos++;
    const into: Mutable<Decoded> = { isArray: true, raw: undefined, length: 0, spans: [], issues: [] };
    for (; r.nextElement(into.length === 0); into.length++) entry(`${path}[${into.length}]`, into);
    return into;
  }

  /** One ScopeSpans: its scope (generically, it is one per group) and its spans (streamed). */
  private scopeSpans(path: string, into: Mutable<Decoded>): void {
    const r = this.r;
    if (r.peek() !== 123) {
      const raw = r.captureValue();
      into.issues.push({ path, message: `expected ScopeSpans object, got ${describe(raw)}` });
      return;
    }
    r.pos++;
    const envelope: Record<string, unknown> = {};
    const scope = pendingScope();
    this.scope = scope;
    let spans: Decoded | undefined;
    for (let first = true; r.nextMember(first); first = false) {
      const key = r.readKey();
      if (key === 'scope' || key === 'instrumentationLibrary' || key === 'schemaUrl') envelope[key] = r.captureValue();
      else if (key === 'spans') spans = this.spanList(`${path}.spans`);
      else r.skipValue();
    }
    Object.assign(scope, decodeScope(envelope, path, into.issues));
    for (const span of take(spans, `${path}.spans`, into.issues)) into.spans.push(span);
  }

  private spanList(path: string): Decoded {
    const r = this.r;
    if (r.peek() !== 91) return { isArray: false, raw: r.captureValue(), length: 0, spans: [], issues: [] };
    r.pos++;
    const into: Mutable<Decoded> = { isArray: true, raw: undefined, length: 0, spans: [], issues: [] };
    for (; r.nextElement(into.length === 0); into.length++) this.span(path, into.length, into);
    return into;
  }
}
