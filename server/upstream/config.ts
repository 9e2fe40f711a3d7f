/**
 * Upstream data sources of `tracescope serve`: Tempo, Jaeger and Zipkin servers that the app
 * queries through the server's proxy, so that their credentials stay on the server.
 *
 * Declared with `--source NAME=KIND:URL` (repeatable) and/or a JSON file (`--config FILE`):
 *
 *   { "sources": [{ "name": "prod", "kind": "tempo", "url": "https://tempo.prod",
 *                   "auth": { "bearerTokenEnv": "TEMPO_TOKEN", "orgId": "team-a" },
 *                   "prometheusUrl": "https://prom.prod", "timeoutMs": 10000 }],
 *     "default": "prod" }
 *
 * The embedded store is the source `local` (kind tempo, also serving Jaeger's API); it is always
 * present and is the default unless the configuration names another one.
 */
import { readFileSync } from 'node:fs';

export type SourceKind = 'tempo' | 'jaeger' | 'zipkin';
export const SOURCE_KINDS: readonly SourceKind[] = ['tempo', 'jaeger', 'zipkin'];
export const LOCAL_SOURCE = 'local';
export const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMEOUT_MS = 10 * 60_000;

/** Auth as declared (config file); secrets may be given inline or by environment variable name. */
export interface SourceAuthConfig {
  readonly bearerToken?: string;
  readonly bearerTokenEnv?: string;
  readonly basic?: { readonly username: string; readonly password?: string; readonly passwordEnv?: string };
  readonly headers?: Readonly<Record<string, string>>;
  /** Tempo multi-tenancy: sent as X-Scope-OrgID. */
  readonly orgId?: string;
}

/** One upstream as declared, before secrets are resolved. */
export interface SourceConfig {
  readonly name: string;
  readonly kind: SourceKind;
  readonly url: string;
  readonly auth?: SourceAuthConfig;
  /** Tempo only: the Prometheus holding its service-graph metrics. */
  readonly prometheusUrl?: string;
  readonly timeoutMs?: number;
}

/** The JSON config file. */
export interface SourcesFile {
  readonly sources: readonly SourceConfig[];
  readonly default?: string;
}

/** A reachable endpoint with its secrets resolved. The secrets sit behind a function, so that
 *  JSON.stringify or console.log of a config never prints them. */
export interface UpstreamEndpoint {
  /** Base URL without credentials, query or fragment. */
  readonly url: URL;
  /** For messages: origin + path, no credentials. */
  readonly displayUrl: string;
  readonly authHeaders: () => Readonly<Record<string, string>>;
}

export interface UpstreamSource extends UpstreamEndpoint {
  readonly name: string;
  readonly kind: SourceKind;
  readonly timeoutMs: number;
  /** Tempo's service-graph metrics, proxied under /api/tracescope/sources/NAME/prometheus/… */
  readonly prometheus: UpstreamEndpoint | null;
}

/** What the server runs with: the upstreams (never `local`) and the default source's name. */
export interface SourcesConfig {
  readonly upstreams: readonly UpstreamSource[];
  readonly defaultSource: string;
}

/** A bad `--source`, `--config` file or environment variable; the message names the field.
 *  (Not an OptionError subclass: serveOptions imports this module, so the reverse import would
 *  be a cycle. parseServeOptions rethrows it as an OptionError.) */
export class SourceConfigError extends Error {
  override name = 'SourceConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the proxy itself controls; a config may not set them. */
const RESERVED_HEADERS = new Set([
  'host', 'content-length', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade',
  'proxy-authorization', 'proxy-authenticate', 'accept-encoding',
]);

/** Only the embedded store: what serve runs with when no source is configured. */
export function localOnlySources(): SourcesConfig {
  return { upstreams: [], defaultSource: LOCAL_SOURCE };
}

/** One line for serve's startup log: names, kinds and URLs without credentials. */
export function describeSources(config: SourcesConfig): string {
  const mark = (name: string) => (name === config.defaultSource ? ' (default)' : '');
  return [`${LOCAL_SOURCE}${mark(LOCAL_SOURCE)}`, ...config.upstreams.map((s) => `${s.name}${mark(s.name)} ${s.kind} ${s.displayUrl}`)].join(', ');
}

/** Parses one `--source NAME=KIND:URL` flag value. */
export function parseSourceFlag(text: string): SourceConfig {
  const at = `--source ${JSON.stringify(text.split('=')[0] ?? '')}`;
  const match = /^([^=]+)=([a-z]+):(.+)$/i.exec(text.trim());
  if (!match) throw new SourceConfigError(`--source: expected NAME=KIND:URL (KIND one of ${SOURCE_KINDS.join(', ')}), e.g. prod=tempo:https://tempo.example`);
  const [, name = '', kind = '', url = ''] = match;
  checkName(name, `${at}: name`);
  const lowerKind = kind.toLowerCase();
  if (!isKind(lowerKind)) throw new SourceConfigError(`${at}: kind: expected one of ${SOURCE_KINDS.join(', ')}, got "${kind}"`);
  checkUrl(url, `${at}: url`);
  return { name, kind: lowerKind, url };
}

/** Parses `TRACESCOPE_SOURCES`: `NAME=KIND:URL` entries separated by commas or whitespace. */
export function parseSourcesEnv(text: string): SourceConfig[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => parseSourceFlag(entry));
}

/** Validates a parsed JSON config; errors name the field, e.g. `sources[1].url: expected http(s) URL`. */
export function parseSourcesFile(json: unknown): SourcesFile {
  const root = record(json, '(config)');
  onlyKeys(root, ['sources', 'default'], '');
  if (!Array.isArray(root.sources)) throw new SourceConfigError('sources: expected an array');
  const sources = root.sources.map((item: unknown, index) => parseSourceEntry(item, `sources[${index}]`));
  const result: { sources: SourceConfig[]; default?: string } = { sources };
  if (root.default !== undefined) result.default = string(root.default, 'default');
  return result;
}

function parseSourceEntry(json: unknown, at: string): SourceConfig {
  const entry = record(json, at);
  onlyKeys(entry, ['name', 'kind', 'url', 'auth', 'prometheusUrl', 'timeoutMs'], at);
  const name = string(entry.name, `${at}.name`);
  checkName(name, `${at}.name`);
  const kind = string(entry.kind, `${at}.kind`);
  if (!isKind(kind)) throw new SourceConfigError(`${at}.kind: expected one of ${SOURCE_KINDS.join(', ')}, got "${kind}"`);
  const url = string(entry.url, `${at}.url`);
  checkUrl(url, `${at}.url`);
  const source: { -readonly [K in keyof SourceConfig]: SourceConfig[K] } = { name, kind, url };
  if (entry.auth !== undefined) source.auth = parseAuth(entry.auth, `${at}.auth`);
  if (entry.prometheusUrl !== undefined) {
    if (kind !== 'tempo') throw new SourceConfigError(`${at}.prometheusUrl: only for kind tempo`);
    source.prometheusUrl = string(entry.prometheusUrl, `${at}.prometheusUrl`);
    checkUrl(source.prometheusUrl, `${at}.prometheusUrl`);
  }
  if (entry.timeoutMs !== undefined) {
    const timeout = entry.timeoutMs;
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_MS) {
      throw new SourceConfigError(`${at}.timeoutMs: expected an integer from 1 to ${MAX_TIMEOUT_MS}`);
    }
    source.timeoutMs = timeout;
  }
  return source;
}

function parseAuth(json: unknown, at: string): SourceAuthConfig {
  const auth = record(json, at);
  onlyKeys(auth, ['bearerToken', 'bearerTokenEnv', 'basic', 'headers', 'orgId'], at);
  const out: { -readonly [K in keyof SourceAuthConfig]: SourceAuthConfig[K] } = {};
  if (auth.bearerToken !== undefined) out.bearerToken = headerValue(auth.bearerToken, `${at}.bearerToken`);
  if (auth.bearerTokenEnv !== undefined) out.bearerTokenEnv = string(auth.bearerTokenEnv, `${at}.bearerTokenEnv`);
  if (out.bearerToken !== undefined && out.bearerTokenEnv !== undefined) {
    throw new SourceConfigError(`${at}.bearerTokenEnv: give either bearerToken or bearerTokenEnv, not both`);
  }
  if (auth.basic !== undefined) {
    const basicAt = `${at}.basic`;
    const basic = record(auth.basic, basicAt);
    onlyKeys(basic, ['username', 'password', 'passwordEnv'], basicAt);
    const username = string(basic.username, `${basicAt}.username`);
    if (username.includes(':')) throw new SourceConfigError(`${basicAt}.username: must not contain ":"`);
    const password = basic.password === undefined ? undefined : string(basic.password, `${basicAt}.password`);
    const passwordEnv = basic.passwordEnv === undefined ? undefined : string(basic.passwordEnv, `${basicAt}.passwordEnv`);
    if ((password === undefined) === (passwordEnv === undefined)) {
      throw new SourceConfigError(`${basicAt}: expected exactly one of password or passwordEnv`);
    }
    if (out.bearerToken !== undefined || out.bearerTokenEnv !== undefined) {
      throw new SourceConfigError(`${basicAt}: give either a bearer token or basic auth, not both`);
    }
    out.basic = passwordEnv === undefined ? { username, password } : { username, passwordEnv };
  }
  if (auth.headers !== undefined) {
    const headersAt = `${at}.headers`;
    const headers = record(auth.headers, headersAt);
    const parsed: Record<string, string> = {};
    for (const [key, value] of Object.entries(headers)) {
      const lower = key.toLowerCase();
      if (!HEADER_NAME.test(key)) throw new SourceConfigError(`${headersAt}.${key}: not a valid header name`);
      if (RESERVED_HEADERS.has(lower)) throw new SourceConfigError(`${headersAt}.${key}: set by the proxy, cannot be configured`);
      if (lower === 'authorization' && (out.bearerToken !== undefined || out.bearerTokenEnv !== undefined || out.basic)) {
        throw new SourceConfigError(`${headersAt}.${key}: conflicts with the bearer/basic auth of this source`);
      }
      parsed[key] = headerValue(value, `${headersAt}.${key}`);
    }
    out.headers = parsed;
  }
  if (auth.orgId !== undefined) {
    out.orgId = headerValue(auth.orgId, `${at}.orgId`);
    if (out.headers && Object.keys(out.headers).some((key) => key.toLowerCase() === 'x-scope-orgid')) {
      throw new SourceConfigError(`${at}.orgId: conflicts with headers.X-Scope-OrgID`);
    }
  }
  return out;
}

export interface LoadSourcesInput {
  /** Values of every `--source` flag, in order. */
  readonly sourceFlags?: readonly string[];
  /** Path of `--config`. */
  readonly configPath?: string;
  /** Name of the default source (e.g. a `--default-source` flag); wins over the file's `default`. */
  readonly defaultSource?: string;
  /** Environment: secrets (`bearerTokenEnv`, `passwordEnv`), and the fallbacks
   *  TRACESCOPE_SOURCES (when no --source), TRACESCOPE_CONFIG (when no --config),
   *  TRACESCOPE_DEFAULT_SOURCE. */
  readonly env: Env;
  /** For tests. */
  readonly readFile?: (path: string) => string;
}

/**
 * Everything serve needs: reads the config file, adds the `--source` flags, resolves the secrets
 * from the environment and checks names. Flags first, then environment variables (as in
 * serveOptions). Throws SourceConfigError with the offending field.
 */
export function loadSources(input: LoadSourcesInput): SourcesConfig {
  const { env } = input;
  const declared: { source: SourceConfig; at: string }[] = [];
  let fileDefault: string | undefined;
  const configPath = input.configPath ?? nonEmpty(env.TRACESCOPE_CONFIG);
  if (configPath !== undefined) {
    const file = readConfigFile(configPath, input.readFile ?? ((path) => readFileSync(path, 'utf8')));
    file.sources.forEach((source, index) => declared.push({ source, at: `--config ${configPath}: sources[${index}]` }));
    fileDefault = file.default;
  }
  const flags = input.sourceFlags && input.sourceFlags.length > 0 ? input.sourceFlags : undefined;
  const flagSources = flags ? flags.map((flag) => parseSourceFlag(flag)) : parseSourcesEnv(env.TRACESCOPE_SOURCES ?? '');
  const flagOrigin = flags ? '--source' : 'TRACESCOPE_SOURCES';
  flagSources.forEach((source, index) => declared.push({ source, at: `${flagOrigin}[${index}]` }));
  return resolveSources(declared, input.defaultSource ?? nonEmpty(env.TRACESCOPE_DEFAULT_SOURCE) ?? fileDefault, env);
}

/** Resolves declared sources (secrets from `env`) into what the proxy runs with. */
export function resolveSources(
  declared: readonly { readonly source: SourceConfig; readonly at: string }[],
  defaultSource: string | undefined,
  env: Env,
): SourcesConfig {
  const seen = new Set<string>();
  const upstreams = declared.map(({ source, at }) => {
    const name = source.name;
    if (name.toLowerCase() === LOCAL_SOURCE) throw new SourceConfigError(`${at}.name: "${LOCAL_SOURCE}" is reserved for the embedded store`);
    if (seen.has(name.toLowerCase())) throw new SourceConfigError(`${at}.name: duplicate source name "${name}"`);
    seen.add(name.toLowerCase());
    return resolveSource(source, at, env);
  });
  const chosen = defaultSource ?? LOCAL_SOURCE;
  if (chosen !== LOCAL_SOURCE && !upstreams.some((u) => u.name === chosen)) {
    throw new SourceConfigError(`default: unknown source "${chosen}" (known: ${[LOCAL_SOURCE, ...upstreams.map((u) => u.name)].join(', ')})`);
  }
  return { upstreams, defaultSource: chosen };
}

function resolveSource(source: SourceConfig, at: string, env: Env): UpstreamSource {
  const headers: Record<string, string> = {};
  const endpoint = endpointFrom(source.url, `${at}.url`, headers);
  const auth = source.auth;
  if (auth) {
    if (auth.bearerToken !== undefined || auth.bearerTokenEnv !== undefined) {
      const token = auth.bearerToken ?? secretFromEnv(env, auth.bearerTokenEnv ?? '', `${at}.auth.bearerTokenEnv`);
      headers.Authorization = `Bearer ${token}`;
    }
    if (auth.basic) {
      const password = auth.basic.password ?? secretFromEnv(env, auth.basic.passwordEnv ?? '', `${at}.auth.basic.passwordEnv`);
      headers.Authorization = basicHeader(auth.basic.username, password);
    }
    for (const [key, value] of Object.entries(auth.headers ?? {})) headers[key] = value;
    if (auth.orgId !== undefined) headers['X-Scope-OrgID'] = auth.orgId;
  }
  const frozen = Object.freeze({ ...headers });
  let prometheus: UpstreamEndpoint | null = null;
  if (source.prometheusUrl !== undefined) {
    // Tempo's credentials are not sent to another host; credentials in the URL itself are.
    const promHeaders: Record<string, string> = {};
    const prom = endpointFrom(source.prometheusUrl, `${at}.prometheusUrl`, promHeaders);
    const promFrozen = Object.freeze(promHeaders);
    prometheus = { ...prom, authHeaders: () => promFrozen };
  }
  return {
    name: source.name,
    kind: source.kind,
    ...endpoint,
    authHeaders: () => frozen,
    timeoutMs: source.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    prometheus,
  };
}

/** Splits credentials out of a URL (`https://user:pass@host` → basic auth). */
function endpointFrom(text: string, at: string, headers: Record<string, string>): { url: URL; displayUrl: string } {
  const url = checkUrl(text, at);
  if (url.username || url.password) {
    headers.Authorization = basicHeader(decodeURIComponent(url.username), decodeURIComponent(url.password));
    url.username = '';
    url.password = '';
  }
  const displayUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return { url, displayUrl };
}

function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

function secretFromEnv(env: Env, name: string, at: string): string {
  const value = env[name]?.trim();
  if (value === undefined || value === '') throw new SourceConfigError(`${at}: environment variable ${name} is not set`);
  if (/[\r\n\0]/.test(value)) throw new SourceConfigError(`${at}: environment variable ${name} contains a line break`);
  return value;
}

function readConfigFile(path: string, read: (path: string) => string): SourcesFile {
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    throw new SourceConfigError(`--config ${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SourceConfigError(`--config ${path}: invalid JSON: ${(error as Error).message}`);
  }
  try {
    return parseSourcesFile(json);
  } catch (error) {
    if (error instanceof SourceConfigError) throw new SourceConfigError(`--config ${path}: ${error.message}`);
    throw error;
  }
}

function checkUrl(text: string, at: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SourceConfigError(`${at}: expected http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SourceConfigError(`${at}: expected http(s) URL`);
  if (url.search || url.hash) throw new SourceConfigError(`${at}: expected http(s) URL without query or fragment`);
  return url;
}

function checkName(name: string, at: string): void {
  if (!NAME_PATTERN.test(name)) throw new SourceConfigError(`${at}: expected letters, digits, "-" or "_" (at most 64), got ${JSON.stringify(name)}`);
}

function isKind(kind: string): kind is SourceKind {
  return (SOURCE_KINDS as readonly string[]).includes(kind);
}

function record(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SourceConfigError(`${at}: expected an object`);
  return value as Record<string, unknown>;
}

function string(value: unknown, at: string): string {
  if (typeof value !== 'string' || value === '') throw new SourceConfigError(`${at}: expected a non-empty string`);
  return value;
}

function headerValue(value: unknown, at: string): string {
  const text = string(value, at);
  if (/[\r\n\0]/.test(text)) throw new SourceConfigError(`${at}: must not contain line breaks`);
  return text;
}

function onlyKeys(value: Record<string, unknown>, keys: readonly string[], at: string): void {
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) throw new SourceConfigError(`${at ? `${at}.` : ''}${key}: unknown field (expected ${keys.join(', ')})`);
  }
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}
