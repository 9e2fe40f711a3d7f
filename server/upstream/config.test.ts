import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS, SourceConfigError, describeSources, loadSources, parseSourceFlag, parseSourcesFile } from './config';

const fileOf = (json: unknown) => () => JSON.stringify(json);

function load(json: unknown, env: Record<string, string> = {}, extra: { sourceFlags?: string[]; defaultSource?: string } = {}) {
  return loadSources({ configPath: 'sources.json', readFile: fileOf(json), env, ...extra });
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceConfigError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('--source NAME=KIND:URL', () => {
  it('parses each kind', () => {
    expect(parseSourceFlag('prod=tempo:https://tempo.prod')).toEqual({ name: 'prod', kind: 'tempo', url: 'https://tempo.prod' });
    expect(parseSourceFlag('j=JAEGER:http://jaeger:16686/base')).toEqual({ name: 'j', kind: 'jaeger', url: 'http://jaeger:16686/base' });
    expect(parseSourceFlag('z_1=zipkin:http://127.0.0.1:9411')).toMatchObject({ kind: 'zipkin' });
  });

  it('names what is wrong', () => {
    expect(errorOf(() => parseSourceFlag('prod'))).toMatch(/^--source: expected NAME=KIND:URL/);
    expect(errorOf(() => parseSourceFlag('prod=loki:http://x'))).toBe('--source "prod": kind: expected one of tempo, jaeger, zipkin, got "loki"');
    expect(errorOf(() => parseSourceFlag('prod=tempo:ftp://x'))).toBe('--source "prod": url: expected http(s) URL');
    expect(errorOf(() => parseSourceFlag('prod=tempo:not a url'))).toBe('--source "prod": url: expected http(s) URL');
    expect(errorOf(() => parseSourceFlag('a b=tempo:http://x'))).toMatch(/name: expected letters, digits/);
  });

  it('reserves local and rejects duplicates', () => {
    expect(errorOf(() => loadSources({ sourceFlags: ['local=tempo:http://x'], env: {} }))).toBe(
      '--source[0].name: "local" is reserved for the embedded store',
    );
    expect(errorOf(() => loadSources({ sourceFlags: ['a=tempo:http://x', 'A=jaeger:http://y'], env: {} }))).toBe(
      '--source[1].name: duplicate source name "A"',
    );
  });

  it('moves credentials out of the URL into basic auth', () => {
    const [source] = loadSources({ sourceFlags: ['prod=tempo:https://user:p%40ss@tempo.prod/base/'], env: {} }).upstreams;
    expect(source?.url.href).toBe('https://tempo.prod/base/');
    expect(source?.displayUrl).toBe('https://tempo.prod/base');
    expect(source?.authHeaders()).toEqual({ Authorization: `Basic ${Buffer.from('user:p@ss').toString('base64')}` });
  });

  it('falls back to TRACESCOPE_SOURCES, and flags win over it', () => {
    const env = { TRACESCOPE_SOURCES: 'a=tempo:http://a, b=zipkin:http://b' };
    expect(loadSources({ env }).upstreams.map((s) => s.name)).toEqual(['a', 'b']);
    expect(loadSources({ env, sourceFlags: ['c=jaeger:http://c'] }).upstreams.map((s) => s.name)).toEqual(['c']);
  });
});

describe('the config file', () => {
  it('resolves auth headers, timeouts and the default', () => {
    const config = load(
      {
        sources: [
          { name: 'prod', kind: 'tempo', url: 'https://tempo.prod', auth: { bearerTokenEnv: 'TEMPO_TOKEN', orgId: 'team-a' }, prometheusUrl: 'https://prom.prod', timeoutMs: 5000 },
          { name: 'jae', kind: 'jaeger', url: 'http://jaeger:16686', auth: { basic: { username: 'u', passwordEnv: 'JAEGER_PASSWORD' }, headers: { 'X-Api-Key': 'k1' } } },
          { name: 'zip', kind: 'zipkin', url: 'http://zipkin:9411', auth: { bearerToken: 'inline' } },
        ],
        default: 'jae',
      },
      { TEMPO_TOKEN: 'secret-token', JAEGER_PASSWORD: 'pw' },
    );
    expect(config.defaultSource).toBe('jae');
    const [prod, jae, zip] = config.upstreams;
    expect(prod?.authHeaders()).toEqual({ Authorization: 'Bearer secret-token', 'X-Scope-OrgID': 'team-a' });
    expect(prod?.timeoutMs).toBe(5000);
    expect(prod?.prometheus?.url.href).toBe('https://prom.prod/');
    expect(prod?.prometheus?.authHeaders()).toEqual({}); // Tempo's token stays with Tempo
    expect(jae?.authHeaders()).toEqual({ Authorization: `Basic ${Buffer.from('u:pw').toString('base64')}`, 'X-Api-Key': 'k1' });
    expect(jae?.timeoutMs).toBe(DEFAULT_TIMEOUT_MS);
    expect(zip?.authHeaders()).toEqual({ Authorization: 'Bearer inline' });
  });

  it('never prints secrets when the config is logged or serialised', () => {
    const config = load({ sources: [{ name: 'prod', kind: 'tempo', url: 'https://u:urlpass@tempo.prod', auth: { bearerToken: 'tok-123', headers: { 'X-Key': 'hdr-456' } } }] });
    const printed = JSON.stringify(config);
    for (const secret of ['tok-123', 'hdr-456', 'urlpass']) expect(printed).not.toContain(secret);
    const line = describeSources(config);
    expect(line).toBe('local (default), prod tempo https://tempo.prod');
  });

  it('is local by default', () => {
    expect(load({ sources: [] }).defaultSource).toBe('local');
    expect(loadSources({ env: {} })).toEqual({ upstreams: [], defaultSource: 'local' });
    expect(load({ sources: [{ name: 'p', kind: 'tempo', url: 'http://p' }], default: 'local' }).defaultSource).toBe('local');
  });

  it('names the offending field', () => {
    const ok = { name: 'a', kind: 'tempo', url: 'http://a' };
    const cases: [unknown, string][] = [
      [{ sources: [ok, { ...ok, name: 'b', url: 'tempo.prod' }] }, 'sources[1].url: expected http(s) URL'],
      [{ sources: [{ ...ok, url: 'http://a/?token=x' }] }, 'sources[0].url: expected http(s) URL without query or fragment'],
      [{ sources: [{ ...ok, kind: 'loki' }] }, 'sources[0].kind: expected one of tempo, jaeger, zipkin, got "loki"'],
      [{ sources: [{ ...ok, name: '' }] }, 'sources[0].name: expected a non-empty string'],
      [{ sources: [{ ...ok, name: 'local' }] }, 'sources[0].name: "local" is reserved for the embedded store'],
      [{ sources: [ok, ok] }, 'sources[1].name: duplicate source name "a"'],
      [{ sources: [{ ...ok, timeoutMs: -1 }] }, 'sources[0].timeoutMs: expected an integer from 1 to 600000'],
      [{ sources: [{ ...ok, auth: { bearerTokn: 'x' } }] }, 'sources[0].auth.bearerTokn: unknown field (expected bearerToken, bearerTokenEnv, basic, headers, orgId)'],
      [{ sources: [{ ...ok, auth: { bearerToken: 'x', bearerTokenEnv: 'Y' } }] }, 'sources[0].auth.bearerTokenEnv: give either bearerToken or bearerTokenEnv, not both'],
      [{ sources: [{ ...ok, auth: { basic: { username: 'u' } } }] }, 'sources[0].auth.basic: expected exactly one of password or passwordEnv'],
      [{ sources: [{ ...ok, auth: { bearerToken: 't', basic: { username: 'u', password: 'p' } } }] }, 'sources[0].auth.basic: give either a bearer token or basic auth, not both'],
      [{ sources: [{ ...ok, auth: { headers: { Host: 'evil' } } }] }, 'sources[0].auth.headers.Host: set by the proxy, cannot be configured'],
      [{ sources: [{ ...ok, auth: { headers: { 'X-A': 'a\r\nInjected: 1' } } }] }, 'sources[0].auth.headers.X-A: must not contain line breaks'],
      [{ sources: [{ ...ok, auth: { bearerToken: 't', headers: { authorization: 'x' } } }] }, 'sources[0].auth.headers.authorization: conflicts with the bearer/basic auth of this source'],
      [{ sources: [{ ...ok, kind: 'jaeger', prometheusUrl: 'http://p' }] }, 'sources[0].prometheusUrl: only for kind tempo'],
      [{ sources: [ok], default: 'nope' }, 'default: unknown source "nope" (known: local, a)'],
      [{ source: [] }, 'source: unknown field (expected sources, default)'],
      [{}, 'sources: expected an array'],
    ];
    for (const [json, message] of cases) {
      const text = errorOf(() => load(json));
      expect(text.replace(/^--config sources\.json: /, '')).toBe(message);
    }
  });

  it('requires the environment variables it names', () => {
    const json = { sources: [{ name: 'prod', kind: 'tempo', url: 'http://p', auth: { bearerTokenEnv: 'TEMPO_TOKEN' } }] };
    expect(errorOf(() => load(json, {}))).toBe('--config sources.json: sources[0].auth.bearerTokenEnv: environment variable TEMPO_TOKEN is not set');
    expect(load(json, { TEMPO_TOKEN: ' t0k \n' }).upstreams[0]?.authHeaders()).toEqual({ Authorization: 'Bearer t0k' });
  });

  it('reports unreadable and invalid files', () => {
    const missing = () =>
      loadSources({
        configPath: 'nope.json',
        env: {},
        readFile: () => {
          throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
        },
      });
    expect(errorOf(missing)).toBe('--config nope.json: cannot read: ENOENT');
    expect(errorOf(() => loadSources({ configPath: 'bad.json', env: {}, readFile: () => '{"sources": [' }))).toMatch(/^--config bad\.json: invalid JSON: /);
  });

  it('combines the file with --source flags, TRACESCOPE_CONFIG and a default given apart', () => {
    const json = { sources: [{ name: 'a', kind: 'tempo', url: 'http://a' }], default: 'a' };
    const config = loadSources({ env: { TRACESCOPE_CONFIG: 'from-env.json' }, readFile: fileOf(json), sourceFlags: ['b=zipkin:http://b'], defaultSource: 'b' });
    expect(config.upstreams.map((s) => `${s.name}:${s.kind}`)).toEqual(['a:tempo', 'b:zipkin']);
    expect(config.defaultSource).toBe('b');
  });

  it('parseSourcesFile keeps the declared shape', () => {
    const parsed = parseSourcesFile({ sources: [{ name: 'a', kind: 'tempo', url: 'http://a', auth: { orgId: 'o' } }] });
    expect(parsed).toEqual({ sources: [{ name: 'a', kind: 'tempo', url: 'http://a', auth: { orgId: 'o' } }] });
  });
});
