import { describe, expect, it } from 'vitest';
import { OptionError, parseServeOptions } from './serveOptions';

describe('parseServeOptions', () => {
  it('has the documented defaults', () => {
    expect(parseServeOptions([], {})).toEqual({
      host: '127.0.0.1',
      port: 3200,
      otlpGrpcPort: 4317,
      otlpHttpPort: 4318,
      dataDir: './.tracescope',
      retentionMs: 7 * 86_400_000,
      maxDiskBytes: 2_000_000_000,
      corsOrigins: ['*'],
      sources: { upstreams: [], defaultSource: 'local' },
    });
  });
  it('prefers flags over environment variables', () => {
    const options = parseServeOptions(['--port', '9000', '--data=/tmp/x', '--retention', '12h', '--max-disk', '500MB'], {
      TRACESCOPE_PORT: '1234',
      TRACESCOPE_OTLP_HTTP_PORT: '5318',
      TRACESCOPE_HOST: '0.0.0.0',
    });
    expect(options).toMatchObject({ port: 9000, otlpHttpPort: 5318, host: '0.0.0.0', dataDir: '/tmp/x', retentionMs: 12 * 3_600_000, maxDiskBytes: 500_000_000 });
  });
  it('rejects what it cannot read, naming the flag', () => {
    expect(() => parseServeOptions(['--port', 'http'], {})).toThrow(new OptionError('--port: expected a port number 0-65535, got "http"'));
    expect(() => parseServeOptions(['--retention', '7 days'], {})).toThrow('--retention: expected a duration like 12h or 7d, got "7 days"');
    expect(() => parseServeOptions(['--verbose'], {})).toThrow('unknown option --verbose');
    expect(() => parseServeOptions(['--port'], {})).toThrow('--port needs a value');
  });
});
