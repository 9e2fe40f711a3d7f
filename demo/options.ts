/** Command-line options of `tracescope demo`. */
import { parseDuration } from '../server/cli/serveOptions.ts';
import { DEMO_DEFAULTS } from './run.ts';

export class DemoOptionError extends Error {}

export interface DemoCliOptions {
  /** OTLP/HTTP endpoint of an external backend; null: start the embedded one. */
  readonly endpoint: string | null;
  /** OTLP/gRPC endpoint (default: the --endpoint host on port 4317). */
  readonly grpcEndpoint: string | null;
  readonly rate: number;
  readonly durationMs: number;
  readonly port: number;
  readonly otlpGrpcPort: number;
  readonly otlpHttpPort: number;
  readonly dataDir: string;
  readonly servicesPort: number;
}

export const DEMO_USAGE = `usage: tracescope demo [options]

Twelve Node services instrumented with the OpenTelemetry JS SDK (half OTLP gRPC, half
OTLP HTTP/protobuf), each its own process, calling each other under a realistic load.
Without --endpoint they send to an embedded backend (as 'tracescope serve') and the app opens
on --port.

options:
  --endpoint URL        OTLP/HTTP endpoint of another backend (e.g. http://127.0.0.1:4318);
                        the embedded backend is not started
  --grpc-endpoint URL   OTLP/gRPC endpoint for the gRPC half (default: --endpoint's host, port 4317)
  --rate N              requests per second on the edge gateway (default ${DEMO_DEFAULTS.rate}, about 2.4M traces/day)
  --duration D          stop after D seconds (or 90s, 10m, 2h); 0 runs until Ctrl-C (default 0)
  --port N              app and query API port of the embedded backend (default 3200)
  --otlp-grpc-port N    embedded OTLP gRPC port (default 4317)
  --otlp-http-port N    embedded OTLP HTTP port (default 4318)
  --data DIR            embedded backend's data directory (default ./.tracescope-demo)
  --services-port N     first of 12 consecutive service ports (default 0: free ports)
`;

const FLAGS = ['--endpoint', '--grpc-endpoint', '--rate', '--duration', '--port', '--otlp-grpc-port', '--otlp-http-port', '--data', '--services-port'];

function number(text: string, flag: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max) throw new DemoOptionError(`${flag}: expected a number ${min}-${max}, got "${text}"`);
  return n;
}

function duration(text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  try {
    return parseDuration(text, '--duration');
  } catch (error) {
    throw new DemoOptionError((error as Error).message);
  }
}

function grpcFrom(httpEndpoint: string): string {
  const url = new URL(httpEndpoint);
  url.port = '4317';
  url.pathname = '';
  return url.origin;
}

export function parseDemoOptions(argv: readonly string[]): DemoCliOptions {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!FLAGS.includes(flag)) throw new DemoOptionError(`unknown option ${flag}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new DemoOptionError(`${flag} needs a value`);
    given.set(flag, value);
  }
  const endpoint = given.get('--endpoint') ?? null;
  if (endpoint !== null && !/^https?:\/\//.test(endpoint)) throw new DemoOptionError(`--endpoint: expected an http(s) URL, got "${endpoint}"`);
  return {
    endpoint,
    grpcEndpoint: given.get('--grpc-endpoint') ?? (endpoint ? grpcFrom(endpoint) : null),
    rate: number(given.get('--rate') ?? String(DEMO_DEFAULTS.rate), '--rate', 0.1, 5000),
    durationMs: duration(given.get('--duration') ?? '0'),
    port: number(given.get('--port') ?? '3200', '--port', 0, 65535),
    otlpGrpcPort: number(given.get('--otlp-grpc-port') ?? '4317', '--otlp-grpc-port', 0, 65535),
    otlpHttpPort: number(given.get('--otlp-http-port') ?? '4318', '--otlp-http-port', 0, 65535),
    dataDir: given.get('--data') ?? './.tracescope-demo',
    servicesPort: number(given.get('--services-port') ?? '0', '--services-port', 0, 65523),
  };
}
