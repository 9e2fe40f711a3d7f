/**
 * Zipkin v2 JSON (`GET /api/v2/trace/{id}` → `[span]`, `GET /api/v2/traces` → `[[span]]`) to
 * the model. Tags are mapped the way the OpenTelemetry Zipkin exporter writes them, so a span
 * that went OTel → Zipkin comes back with its status and scope.
 */
import type {
  Attribute,
  Resource,
  Scope,
  SpanData,
  SpanEvent,
  SpanKind,
  SpanStatus,
  StatusCode,
} from '../../model/types';
import { isZeroId, normalizeHexId } from '../ids';
import type { ImportIssue, Importer } from '../importResult';
import { ImportError } from '../importResult';
import type { JsonObject } from '../jaeger/json';
import {
  AttributePool,
  EMPTY_SCOPE,
  NO_ATTRIBUTES,
  NO_EVENTS,
  NO_LINKS,
  ScopeCache,
  TRUE_VALUE,
  describeValue,
  isAbsent,
  isObject,
  makeResource,
  makeStatus,
  microsToNanos,
  requireMicros,
} from '../jaeger/json';

/**
 * Reads one trace (an array of spans) or search results (an array of traces). Spans whose
 * `localEndpoint` is the same share one Resource.
 */
export const importZipkinV2: Importer = (json) => {
  if (!Array.isArray(json)) throw notZipkinV2(json);
  const reader = new ZipkinV2Reader();
  for (let i = 0; i < json.length; i++) {
    const item: unknown = json[i];
    // Each element is a trace (search results) or a span (one trace); tolerate a mix.
    if (Array.isArray(item)) reader.readSpans(item, `[${i}]`);
    else reader.readSpanAt(item, '', i);
  }
  return { format: 'zipkin-v2', spans: reader.spans, issues: reader.issues };
};

function notZipkinV2(json: unknown): ImportError {
  const hint = isObject(json) && ('data' in json || 'resourceSpans' in json || 'batches' in json)
    ? ' (this looks like Jaeger or OTLP JSON, not Zipkin)'
    : '';
  const expected = 'a Zipkin v2 array of spans [{…}] or of traces [[{…}]]';
  return new ImportError('', `expected ${expected}, got ${describeValue(json)}${hint}`);
}

interface Endpoint {
  readonly serviceName: string | undefined;
  readonly ipv4: string | undefined;
  readonly ipv6: string | undefined;
  readonly port: number | undefined;
}

const KINDS: ReadonlyMap<string, SpanKind> = new Map<string, SpanKind>([
  ['CLIENT', 'client'],
  ['SERVER', 'server'],
  ['PRODUCER', 'producer'],
  ['CONSUMER', 'consumer'],
]);

const STATUS_CODES: ReadonlyMap<string, StatusCode> = new Map<string, StatusCode>([
  ['OK', 'ok'],
  ['ERROR', 'error'],
  ['UNSET', 'unset'],
]);

const SHARED_ATTRIBUTE: Attribute = Object.freeze({ key: 'zipkin.shared', value: TRUE_VALUE });
const DEBUG_ATTRIBUTE: Attribute = Object.freeze({ key: 'zipkin.debug', value: TRUE_VALUE });

/** A required ID; the path is relative to the span (see `ZipkinV2Reader.readSpanAt`). */
function requireId(raw: unknown, hexLength: 16 | 32, field: string): string {
  const id = normalizeHexId(raw, hexLength, field);
  if (id === '') throw new ImportError(field, 'missing ID');
  return id;
}

/** What the tags of a span map onto, besides attributes. */
interface TagFields {
  status: SpanStatus;
  scope: Scope;
}

class ZipkinV2Reader {
  readonly spans: SpanData[] = [];
  readonly issues: ImportIssue[] = [];
  /** Resources by local endpoint: serviceName → ipv4 → ipv6 → port. */
  private readonly resources: ByKey<ByKey<ByKey<Map<number, Resource>>>> = new Map();
  private readonly scopes = new ScopeCache();
  private readonly pool = new AttributePool();
  /** Where the span being read is: `${spansPath}[${spanIndex}]`, built only for issues. */
  private spansPath = '';
  private spanIndex = 0;

  /** An issue at a path relative to the span being read. */
  private issue(suffix: string, message: string): void {
    this.issues.push({ path: `${this.spansPath}[${this.spanIndex}]${suffix}`, message });
  }

  readSpans(spans: readonly unknown[], path: string): void {
    for (let i = 0; i < spans.length; i++) this.readSpanAt(spans[i], path, i);
  }

  /** Reads one span; a bad one is left out and reported (its ImportError path is relative). */
  readSpanAt(raw: unknown, spansPath: string, index: number): void {
    this.spansPath = spansPath;
    this.spanIndex = index;
    try {
      this.spans.push(this.readSpan(raw));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      this.issue(error.path, error.reason);
    }
  }

  private readSpan(raw: unknown): SpanData {
    if (!isObject(raw)) throw new ImportError('', `expected a span object, got ${describeValue(raw)}`);
    // What can reject the span comes first, so a rejected span mostly leaves one issue.
    const traceId = requireId(raw.traceId, 32, '.traceId');
    const spanId = requireId(raw.id, 16, '.id');
    const parentId = normalizeHexId(raw.parentId, 16, '.parentId');
    // Zipkin leaves `duration` out when it is unknown (an instant or unfinished span).
    const duration = isAbsent(raw.duration) ? 0n : requireMicros(raw.duration, '.duration');
    // Annotations first: a span without `timestamp` starts at its earliest one.
    const events = this.readAnnotations(raw.annotations);
    const start = this.readStart(raw.timestamp, events);

    const attributes: Attribute[] = [];
    const fields = this.readTags(raw.tags, attributes);
    this.addRemoteEndpoint(raw.remoteEndpoint, attributes);
    if (raw.shared === true) attributes.push(SHARED_ATTRIBUTE);
    if (raw.debug === true) attributes.push(DEBUG_ATTRIBUTE);
    return {
      traceId,
      spanId,
      parentSpanId: isZeroId(parentId) ? '' : parentId,
      traceState: '',
      name: this.readName(raw.name),
      kind: this.readKind(raw.kind),
      startTimeUnixNano: start,
      endTimeUnixNano: start + duration,
      attributes: attributes.length > 0 ? attributes : NO_ATTRIBUTES,
      droppedAttributesCount: 0,
      events,
      droppedEventsCount: 0,
      links: NO_LINKS,
      droppedLinksCount: 0,
      status: fields.status,
      flags: 0,
      resource: this.localResource(raw.localEndpoint),
      scope: fields.scope,
    };
  }

  /** `timestamp`, or (reported) the first annotation's when a late-reported span has none. */
  private readStart(raw: unknown, events: readonly SpanEvent[]): bigint {
    if (raw !== undefined && raw !== null) return requireMicros(raw, '.timestamp');
    const first = events[0];
    if (first === undefined) throw new ImportError('.timestamp', 'expected integer µs, got nothing');
    let start = first.timeUnixNano;
    for (const event of events) if (event.timeUnixNano < start) start = event.timeUnixNano;
    this.issue('.timestamp', 'missing; start taken from the earliest annotation');
    return start;
  }

  private readName(raw: unknown): string {
    if (typeof raw === 'string') return raw;
    if (raw !== undefined && raw !== null) this.issue('.name', `expected a string, got ${describeValue(raw)}`);
    return '';
  }

  /** Zipkin leaves `kind` out for a local span: OTel's INTERNAL. */
  private readKind(raw: unknown): SpanKind {
    if (raw === undefined || raw === null) return 'internal';
    const kind = typeof raw === 'string' ? (KINDS.get(raw) ?? KINDS.get(raw.toUpperCase())) : undefined;
    if (kind !== undefined) return kind;
    this.issue('.kind', `expected CLIENT, SERVER, PRODUCER or CONSUMER, got ${describeValue(raw)}`);
    return 'unspecified';
  }

  private readAnnotations(raw: unknown): readonly SpanEvent[] {
    if (!Array.isArray(raw) || raw.length === 0) {
      if (!isAbsent(raw) && !Array.isArray(raw)) {
        this.issue('.annotations', `expected an array, got ${describeValue(raw)}`);
      }
      return NO_EVENTS;
    }
    const events: SpanEvent[] = [];
    for (let i = 0; i < raw.length; i++) {
      const annotation: unknown = raw[i];
      if (!isObject(annotation)) {
        this.issue(`.annotations[${i}]`, `expected {timestamp, value}, got ${describeValue(annotation)}; left out`);
        continue;
      }
      const time = microsToNanos(annotation.timestamp);
      if (time === undefined) {
        const got = describeValue(annotation.timestamp);
        this.issue(`.annotations[${i}].timestamp`, `expected integer µs, got ${got}; annotation left out`);
        continue;
      }
      const name = this.annotationName(annotation.value, i);
      events.push({ timeUnixNano: time, name, attributes: NO_ATTRIBUTES, droppedAttributesCount: 0 });
    }
    return events.length > 0 ? events : NO_EVENTS;
  }

  private annotationName(value: unknown, index: number): string {
    if (typeof value === 'string') return value;
    this.issue(`.annotations[${index}].value`, `expected a string, got ${describeValue(value)}`);
    return describeValue(value);
  }

  /**
   * Tags (all strings in Zipkin) to string attributes, in order. `error` makes the status an
   * error with the tag's value as message, and stays an attribute (it is what Zipkin users
   * search for). The OTel exporter's `otel.status_code`, `otel.status_description` and
   * `otel.scope.*` (older `otel.library.*`) tags go to the status and scope instead.
   */
  private readTags(raw: unknown, attributes: Attribute[]): TagFields {
    if (raw === undefined || raw === null) return { status: makeStatus('unset', ''), scope: EMPTY_SCOPE };
    if (!isObject(raw)) {
      this.issue('.tags', `expected an object {"key":"value"}, got ${describeValue(raw)}`);
      return { status: makeStatus('unset', ''), scope: EMPTY_SCOPE };
    }
    let error: string | undefined;
    let code: StatusCode = 'unset';
    let description = '';
    let scopeName: string | undefined;
    let scopeVersion: string | undefined;
    for (const key in raw) {
      const value = this.tagValue(key, raw[key]);
      switch (key) {
        case 'error':
          error = value;
          break;
        case 'otel.status_code': {
          const mapped = STATUS_CODES.get(value) ?? STATUS_CODES.get(value.toUpperCase());
          if (mapped === undefined) break;
          code = mapped;
          continue;
        }
        case 'otel.status_description':
          description = value;
          continue;
        case 'otel.scope.name':
        case 'otel.library.name':
          scopeName = value;
          continue;
        case 'otel.scope.version':
        case 'otel.library.version':
          scopeVersion = value;
          continue;
      }
      attributes.push(this.pool.string(key, value));
    }
    const status =
      error !== undefined ? makeStatus('error', error === '' ? description : error) : makeStatus(code, description);
    const scope =
      scopeName === undefined && scopeVersion === undefined
        ? EMPTY_SCOPE
        : this.scopes.get(scopeName ?? '', scopeVersion ?? '');
    return { status, scope };
  }

  /** A tag value as text; a number or bool is converted as is, anything else reported. */
  private tagValue(key: string, value: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    this.issue(`.tags[${JSON.stringify(key)}]`, `expected a string, got ${describeValue(value)}; kept as JSON text`);
    return JSON.stringify(value);
  }

  private addRemoteEndpoint(raw: unknown, attributes: Attribute[]): void {
    const endpoint = this.readEndpoint(raw, '.remoteEndpoint');
    if (endpoint === undefined) return;
    if (endpoint.serviceName !== undefined) attributes.push(this.pool.string('net.peer.name', endpoint.serviceName));
    addAddress(attributes, PEER_KEYS, endpoint, this.pool);
  }

  /** One shared Resource per distinct local endpoint (service, addresses, port). */
  private localResource(raw: unknown): Resource {
    const endpoint = this.readEndpoint(raw, '.localEndpoint');
    // Nested by field so that a lookup, done for every span, builds no key string.
    const byIpv4 = child(this.resources, endpoint?.serviceName ?? '');
    const byIpv6 = child(byIpv4, endpoint?.ipv4 ?? '');
    const byPort = child(byIpv6, endpoint?.ipv6 ?? '');
    const port = endpoint?.port ?? 0;
    let resource = byPort.get(port);
    if (resource === undefined) {
      const attributes: Attribute[] = [];
      if (endpoint !== undefined) addAddress(attributes, HOST_KEYS, endpoint, this.pool);
      resource = makeResource(endpoint?.serviceName, attributes);
      byPort.set(port, resource);
    }
    return resource;
  }

  private readEndpoint(raw: unknown, suffix: string): Endpoint | undefined {
    if (raw === undefined || raw === null) return undefined;
    if (!isObject(raw)) {
      this.issue(suffix, `expected an endpoint {serviceName, ipv4, ipv6, port}, got ${describeValue(raw)}`);
      return undefined;
    }
    return {
      serviceName: this.endpointText(raw, 'serviceName', suffix),
      ipv4: this.endpointText(raw, 'ipv4', suffix),
      ipv6: this.endpointText(raw, 'ipv6', suffix),
      port: this.endpointPort(raw.port, suffix),
    };
  }

  private endpointText(endpoint: JsonObject, field: string, suffix: string): string | undefined {
    const value = endpoint[field];
    if (typeof value === 'string') return value === '' ? undefined : value;
    if (!isAbsent(value)) this.issue(`${suffix}.${field}`, `expected a string, got ${describeValue(value)}`);
    return undefined;
  }

  private endpointPort(value: unknown, suffix: string): number | undefined {
    if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 65535) return value;
    // Zipkin writes 0 or leaves the port out when unknown.
    if (!isAbsent(value) && value !== 0) {
      this.issue(`${suffix}.port`, `expected a port 1–65535, got ${describeValue(value)}`);
    }
    return undefined;
  }
}

type ByKey<T> = Map<string, T>;

/** The map under `key`, created when missing. */
function child<T extends Map<unknown, unknown>>(map: ByKey<T>, key: string): T {
  let next = map.get(key);
  if (next === undefined) {
    next = new Map() as T;
    map.set(key, next);
  }
  return next;
}

interface AddressKeys {
  readonly ip: string;
  readonly ipv6: string;
  readonly port: string;
}

const HOST_KEYS: AddressKeys = { ip: 'net.host.ip', ipv6: 'net.host.ipv6', port: 'net.host.port' };
const PEER_KEYS: AddressKeys = { ip: 'net.peer.ip', ipv6: 'net.peer.ipv6', port: 'net.peer.port' };

/**
 * `*.ip` and `*.port`, as the OTel Zipkin mapping reads them: `ip` is the IPv4 address, or the
 * IPv6 one when there is no IPv4; with both, IPv6 goes to `*.ipv6` so nothing is lost.
 */
function addAddress(attributes: Attribute[], keys: AddressKeys, endpoint: Endpoint, pool: AttributePool): void {
  const ip = endpoint.ipv4 ?? endpoint.ipv6;
  if (ip !== undefined) attributes.push(pool.string(keys.ip, ip));
  if (endpoint.ipv4 !== undefined && endpoint.ipv6 !== undefined) {
    attributes.push(pool.string(keys.ipv6, endpoint.ipv6));
  }
  if (endpoint.port !== undefined) attributes.push(pool.int(keys.port, endpoint.port));
}
