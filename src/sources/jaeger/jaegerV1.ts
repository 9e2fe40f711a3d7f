/**
 * Jaeger v1 JSON (the query service's `/api/traces` responses and the UI's trace files) to the
 * model. Special tags are mapped the way Jaeger's own OTLP translator maps them, so a trace
 * reads the same whether it came through Jaeger v1 or OTLP.
 */
import type {
  Attribute,
  Resource,
  Scope,
  SpanData,
  SpanLink,
} from '../../model/types';
import { isZeroId, normalizeHexId } from '../ids';
import type { ImportIssue, Importer } from '../importResult';
import { ImportError } from '../importResult';
import type { IssueSink } from './jaegerV1Tags';
import { readKeyValues } from './jaegerV1Tags';
import { readLogs } from './jaegerV1Logs';
import { readSpanTags } from './jaegerV1SpanTags';
import type { JsonObject } from './json';
import {
  AttributePool,
  EMPTY_SCOPE,
  NO_ATTRIBUTES,
  NO_LINKS,
  ScopeCache,
  describeValue,
  isAbsent,
  isObject,
  makeResource,
  requireMicros,
} from './json';

/**
 * Reads a Jaeger v1 API response `{"data":[trace…],"errors":…}` (several traces possible) or a
 * bare trace `{"traceID","spans","processes"}`. An error response with no data throws.
 */
export const importJaegerV1: Importer = (json) => {
  if (!isObject(json)) {
    const expected = 'a Jaeger v1 object {"data":[…]} or {"traceID","spans":[…]}';
    throw new ImportError('', `expected ${expected}, got ${describeValue(json)}`);
  }
  const reader = new JaegerV1Reader();
  if ('data' in json || 'errors' in json) reader.readEnvelope(json);
  else if ('spans' in json) reader.readTrace(json, '');
  else throw notJaegerV1(json);
  return { format: 'jaeger-v1', spans: reader.spans, issues: reader.issues };
};

function notJaegerV1(json: JsonObject): ImportError {
  const keys = Object.keys(json);
  const shown = keys.length === 0 ? 'no keys' : `keys ${keys.slice(0, 6).map((k) => JSON.stringify(k)).join(', ')}`;
  // The formats a user is most likely to have picked by mistake.
  const hint =
    'resourceSpans' in json || 'batches' in json || 'result' in json || 'trace' in json
      ? ' (this looks like OTLP/Tempo or Jaeger v3, not Jaeger v1)'
      : '';
  const expected = 'a Jaeger v1 response {"data":[…]} or trace {"traceID","spans":[…]}';
  return new ImportError('', `expected ${expected}, got an object with ${shown}${hint}`);
}

/**
 * A process: its Resource, and the scope its tags name. Jaeger's v1 API puts an OTLP span's
 * scope (`otel.library.name`/`otel.library.version`) on the process, as the observatorium
 * capture shows; the same trace through /api/v3 has it as the scope.
 */
interface Process {
  readonly resource: Resource;
  readonly scope: Scope;
}

/** What a trace's spans share. */
interface TraceContext {
  readonly processes: ReadonlyMap<string, Process>;
  /** The trace-level `traceID`, for spans that omit their own. */
  readonly traceId: unknown;
}

interface References {
  readonly parent: string;
  readonly links: readonly SpanLink[];
}

function readRefType(raw: unknown): SpanLink['refType'] {
  if (raw === 'CHILD_OF') return 'child_of';
  if (raw === 'FOLLOWS_FROM') return 'follows_from';
  if (typeof raw !== 'string') return undefined;
  const upperCased = raw.toUpperCase();
  if (upperCased === 'CHILD_OF') return 'child_of';
  if (upperCased === 'FOLLOWS_FROM') return 'follows_from';
  return undefined;
}

/** A required ID; the path is relative to the span (see `JaegerV1Reader.readSpans`). */
function requireId(raw: unknown, hexLength: 16 | 32, field: string): string {
  const id = normalizeHexId(raw, hexLength, field);
  if (id === '') throw new ImportError(field, 'missing ID');
  return id;
}

class JaegerV1Reader implements IssueSink {
  readonly spans: SpanData[] = [];
  readonly issues: ImportIssue[] = [];
  /** One Resource per distinct process across the whole payload. */
  private readonly processes = new Map<string, Process>();
  private readonly scopes = new ScopeCache();
  private readonly pool = new AttributePool();
  private unknownService: Process | undefined;
  /** Where the span being read is: `${spansPath}[${spanIndex}]`, built only for issues. */
  private spansPath = 'spans';
  private spanIndex = 0;
  /** Every span of a trace repeats its trace ID: normalise it once. */
  private lastRawTraceId: unknown = undefined;
  private lastTraceId = '';

  /** IssueSink for the span being read. */
  issue(suffix: string, message: string): void {
    this.issues.push({ path: `${this.spansPath}[${this.spanIndex}]${suffix}`, message });
  }

  readEnvelope(json: JsonObject): void {
    const errors = this.readErrors(json.errors);
    const data = json.data;
    if (data === undefined || data === null || (Array.isArray(data) && data.length === 0)) {
      // An error response: `{"data":null,"errors":[{"code":404,"msg":"trace not found"}]}`.
      const first = errors[0];
      if (first !== undefined) throw new ImportError('errors[0]', first);
      return;
    }
    if (!Array.isArray(data)) throw new ImportError('data', `expected an array of traces, got ${describeValue(data)}`);
    // Errors next to data are partial failures (some of several trace IDs not found).
    errors.forEach((message, i) => this.issues.push({ path: `errors[${i}]`, message }));
    for (let i = 0; i < data.length; i++) {
      const trace: unknown = data[i];
      if (!isObject(trace)) {
        throw new ImportError(`data[${i}]`, `expected a trace {"traceID","spans":[…]}, got ${describeValue(trace)}`);
      }
      this.readTrace(trace, `data[${i}]`);
    }
  }

  /** Messages of the envelope's `errors`, as `<msg> (code 404)`. */
  private readErrors(raw: unknown): string[] {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) {
      this.issues.push({ path: 'errors', message: `expected an array of {code, msg}, got ${describeValue(raw)}` });
      return [];
    }
    return raw.map((entry: unknown) => {
      if (!isObject(entry)) return `error ${describeValue(entry)}`;
      const msg = typeof entry.msg === 'string' && entry.msg !== '' ? entry.msg : 'unknown error';
      const details: string[] = [];
      if (typeof entry.code === 'number') details.push(`code ${entry.code}`);
      if (typeof entry.traceID === 'string' && entry.traceID !== '') details.push(`traceID ${entry.traceID}`);
      return details.length > 0 ? `${msg} (${details.join(', ')})` : msg;
    });
  }

  /** One trace; `path` is '' for a bare trace, else like `data[0]`. */
  readTrace(trace: JsonObject, path: string): void {
    const base = path === '' ? '' : `${path}.`;
    const spans = trace.spans;
    if (!Array.isArray(spans)) {
      throw new ImportError(`${base}spans`, `expected an array of spans, got ${describeValue(spans)}`);
    }
    const processes = this.readProcesses(trace.processes, `${base}processes`);
    const context: TraceContext = { processes, traceId: trace.traceID };
    // The server's notes about the trace (clock skew, invalid parents): keep them visible.
    this.readWarnings(trace.warnings, `${base}warnings`);
    this.spansPath = `${base}spans`;
    this.readSpans(spans, context);
  }

  private readSpans(spans: readonly unknown[], context: TraceContext): void {
    for (let i = 0; i < spans.length; i++) {
      this.spanIndex = i;
      try {
        this.spans.push(this.readSpan(spans[i], context));
      } catch (error) {
        // One bad span is left out and reported; its ImportError path is relative to the span.
        if (!(error instanceof ImportError)) throw error;
        this.issue(error.path, error.reason);
      }
    }
  }

  private readWarnings(raw: unknown, path: string): void {
    if (raw === undefined || raw === null) return;
    if (!Array.isArray(raw)) {
      this.issues.push({ path, message: `expected an array of strings, got ${describeValue(raw)}` });
      return;
    }
    for (const warning of raw) {
      this.issues.push({ path, message: typeof warning === 'string' ? warning : describeValue(warning) });
    }
  }

  private readProcesses(raw: unknown, path: string): ReadonlyMap<string, Process> {
    const out = new Map<string, Process>();
    if (raw === undefined || raw === null) return out;
    if (!isObject(raw)) {
      throw new ImportError(path, `expected an object {"p1":{serviceName, tags}}, got ${describeValue(raw)}`);
    }
    for (const pid of Object.keys(raw)) {
      const process = raw[pid];
      const at = `${path}.${pid}`;
      if (isObject(process)) out.set(pid, this.processOf(process, at));
      else {
        this.issues.push({ path: at, message: `expected a process {serviceName, tags}, got ${describeValue(process)}` });
      }
    }
    return out;
  }

  /** The shared Resource of a process: the same content gives the same object, even across traces. */
  private processOf(raw: JsonObject, path: string): Process {
    const key = JSON.stringify([raw.serviceName, raw.tags]);
    let process = this.processes.get(key);
    if (process === undefined) {
      process = this.makeProcess(raw, path);
      this.processes.set(key, process);
    }
    return process;
  }

  private makeProcess(raw: JsonObject, path: string): Process {
    const sink: IssueSink = { issue: (suffix, message) => this.issues.push({ path: path + suffix, message }) };
    const serviceName = typeof raw.serviceName === 'string' ? raw.serviceName : undefined;
    if (serviceName === undefined) {
      const got = describeValue(raw.serviceName);
      sink.issue('.serviceName', `expected a string, got ${got}; service set to unknown_service`);
    }
    const attributes: Attribute[] = [];
    let scopeName = '';
    let scopeVersion = '';
    for (const attribute of readKeyValues(raw.tags, sink, '.tags')) {
      const { key, value } = attribute;
      if (value.type === 'string' && (key === 'otel.scope.name' || key === 'otel.library.name')) {
        scopeName = value.value;
      } else if (value.type === 'string' && (key === 'otel.scope.version' || key === 'otel.library.version')) {
        scopeVersion = value.value;
      } else {
        attributes.push(attribute);
      }
    }
    return { resource: makeResource(serviceName, attributes), scope: this.scopes.get(scopeName, scopeVersion) };
  }

  private readSpan(raw: unknown, context: TraceContext): SpanData {
    if (!isObject(raw)) throw new ImportError('', `expected a span object, got ${describeValue(raw)}`);
    // Everything that can reject the span comes first, so a rejected span leaves one issue.
    const traceId = this.readTraceId(raw, context);
    const spanId = requireId(raw.spanID, 16, '.spanID');
    const start = requireMicros(raw.startTime, '.startTime');
    const duration = this.readDuration(raw.duration);
    // The deprecated field, from clients older than `references`.
    const legacyParent = normalizeHexId(raw.parentSpanID, 16, '.parentSpanID');
    const process = this.spanProcess(raw, context.processes);

    const refs = this.readReferences(raw.references, raw.traceID, traceId, isZeroId(legacyParent) ? '' : legacyParent);
    const tags = readSpanTags(raw.tags, process.scope, this, this.pool, this.scopes);
    const span: SpanData = {
      traceId,
      spanId,
      parentSpanId: refs.parent,
      traceState: tags.traceState,
      name: this.readName(raw.operationName),
      kind: tags.kind,
      startTimeUnixNano: start,
      endTimeUnixNano: start + duration,
      attributes: tags.attributes,
      droppedAttributesCount: 0,
      events: readLogs(raw.logs, this),
      droppedEventsCount: 0,
      links: refs.links,
      droppedLinksCount: 0,
      status: tags.status,
      flags: this.readFlags(raw.flags),
      resource: process.resource,
      scope: tags.scope,
    };
    // Jaeger's own notes on the span (invalid parent, clock skew): kept visible as issues.
    if (!isAbsent(raw.warnings)) this.readWarnings(raw.warnings, `${this.spansPath}[${this.spanIndex}].warnings`);
    return span;
  }

  private readTraceId(raw: JsonObject, context: TraceContext): string {
    let rawId = raw.traceID;
    if (rawId === undefined || rawId === null || rawId === '') rawId = context.traceId;
    if (rawId !== this.lastRawTraceId || this.lastTraceId === '') {
      this.lastTraceId = requireId(rawId, 32, '.traceID');
      this.lastRawTraceId = rawId;
    }
    return this.lastTraceId;
  }

  private readDuration(raw: unknown): bigint {
    if (raw === undefined || raw === null) {
      this.issue('.duration', 'missing; span kept with zero duration');
      return 0n;
    }
    return requireMicros(raw, '.duration');
  }

  private readName(raw: unknown): string {
    if (typeof raw === 'string') return raw;
    if (raw !== undefined && raw !== null) this.issue('.operationName', `expected a string, got ${describeValue(raw)}`);
    return '';
  }

  private readFlags(raw: unknown): number {
    if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) return raw;
    if (!isAbsent(raw)) this.issue('.flags', `expected a non-negative integer, got ${describeValue(raw)}; set to 0`);
    return 0;
  }

  /** `processID` into the trace's `processes`, else an inline `process` (older Jaeger). */
  private spanProcess(span: JsonObject, processes: ReadonlyMap<string, Process>): Process {
    const pid = span.processID;
    const inline = span.process;
    if (typeof pid === 'string' && pid !== '') {
      const process = processes.get(pid);
      if (process !== undefined) return process;
      if (!isObject(inline)) throw new ImportError('.processID', `unknown processID ${describeValue(pid)}`);
    } else if (pid !== undefined && pid !== null && pid !== '') {
      throw new ImportError('.processID', `expected a string, got ${describeValue(pid)}`);
    }
    if (isObject(inline)) return this.processOf(inline, `${this.spansPath}[${this.spanIndex}].process`);
    this.issue('.processID', 'missing (no processID or process); service set to unknown_service');
    this.unknownService ??= { resource: makeResource(undefined, []), scope: EMPTY_SCOPE };
    return this.unknownService;
  }

  /**
   * Parent and links. The parent is the first `CHILD_OF` in the span's own trace (Jaeger's
   * `Span.ParentSpanID()`; a `CHILD_OF` another trace cannot be a parent here), or the
   * deprecated `parentSpanID` when given (Jaeger puts it first). Every other reference becomes
   * a link with its `refType`, so nothing is lost.
   */
  private readReferences(raw: unknown, rawTraceId: unknown, traceId: string, legacyParent: string): References {
    if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
      return legacyParent === '' ? { parent: '', links: NO_LINKS } : { parent: legacyParent, links: NO_LINKS };
    }
    if (!Array.isArray(raw)) {
      this.issue('.references', `expected an array of references, got ${describeValue(raw)}`);
      return { parent: legacyParent, links: NO_LINKS };
    }
    let parent = legacyParent;
    let parentFound = false;
    let links: SpanLink[] | undefined;
    for (let i = 0; i < raw.length; i++) {
      const ref: unknown = raw[i];
      if (!isObject(ref)) {
        this.issue(`.references[${i}]`, `expected {refType, traceID, spanID}, got ${describeValue(ref)}; left out`);
        continue;
      }
      const refType = readRefType(ref.refType);
      let spanId: string;
      let refTraceId: string;
      try {
        spanId = requireId(ref.spanID, 16, `.references[${i}].spanID`);
        // Usually the span's own trace, written the same way: skip normalising it again.
        refTraceId =
          ref.traceID === rawTraceId ? traceId : normalizeHexId(ref.traceID, 32, `.references[${i}].traceID`) || traceId;
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        this.issue(error.path, `${error.reason}; reference left out`);
        continue;
      }
      const sameAsLegacy = legacyParent === '' || spanId === legacyParent;
      if (!parentFound && refType === 'child_of' && refTraceId === traceId && sameAsLegacy) {
        parentFound = true;
        parent = spanId;
        continue;
      }
      if (refType === undefined) {
        this.issue(`.references[${i}].refType`, `unknown refType ${describeValue(ref.refType)}; kept as a link`);
      }
      links ??= [];
      links.push({
        traceId: refTraceId,
        spanId,
        traceState: '',
        attributes: NO_ATTRIBUTES,
        droppedAttributesCount: 0,
        flags: 0,
        refType,
      });
    }
    return { parent, links: links ?? NO_LINKS };
  }
}
