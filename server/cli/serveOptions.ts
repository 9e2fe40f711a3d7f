import { SourceConfigError, loadSources } from '../upstream/config';
import type { SourcesConfig } from '../upstream/config';

/** Options of `tracescope serve`, from flags first, then environment variables, then defaults. */
export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  readonly otlpGrpcPort: number;
  readonly otlpHttpPort: number;
  readonly dataDir: string;
  readonly retentionMs: number;
  readonly maxDiskBytes: number;
  readonly corsOrigins: readonly string[];
  /** Upstream sources (--source, --config, --default-source); `local` is implied. */
  readonly sources: SourcesConfig;
}

interface OptionSpec {
  readonly flag: string;
  readonly env: string;
  readonly fallback: string;
  readonly help: string;
}

export const SERVE_OPTIONS = {
  host: { flag: '--host', env: 'TRACESCOPE_HOST', fallback: '127.0.0.1', help: 'address to listen on (0.0.0.0 exposes it to the network)' },
  port: { flag: '--port', env: 'TRACESCOPE_PORT', fallback: '3200', help: 'app and query API (Tempo, Jaeger) port' },
  otlpGrpcPort: { flag: '--otlp-grpc-port', env: 'TRACESCOPE_OTLP_GRPC_PORT', fallback: '4317', help: 'OTLP gRPC receiver port' },
  otlpHttpPort: { flag: '--otlp-http-port', env: 'TRACESCOPE_OTLP_HTTP_PORT', fallback: '4318', help: 'OTLP HTTP receiver port' },
  dataDir: { flag: '--data', env: 'TRACESCOPE_DATA', fallback: './.tracescope', help: 'data directory (DuckDB file)' },
  retention: { flag: '--retention', env: 'TRACESCOPE_RETENTION', fallback: '7d', help: 'drop spans older than this (e.g. 12h, 7d)' },
  maxDisk: { flag: '--max-disk', env: 'TRACESCOPE_MAX_DISK', fallback: '2GB', help: 'drop the oldest spans beyond this size (e.g. 500MB, 2GB)' },
  corsOrigins: { flag: '--cors-origins', env: 'TRACESCOPE_CORS_ORIGINS', fallback: '*', help: 'comma-separated origins allowed to send OTLP/HTTP from a browser' },
} as const satisfies Record<string, OptionSpec>;

export class OptionError extends Error {}

/** Parses `--flag value` and `--flag=value` pairs; unknown flags are errors. */
export function parseServeOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ServeOptions {
  const given = new Map<string, string>();
  const specs = Object.values(SERVE_OPTIONS) as OptionSpec[];
  const sourceFlags: string[] = [];
  let configPath: string | undefined;
  let defaultSource: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--source' || flag === '--config' || flag === '--default-source') {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new OptionError(`${flag} needs a value`);
      if (flag === '--source') sourceFlags.push(value); // repeatable
      else if (flag === '--config') configPath = value;
      else defaultSource = value;
      continue;
    }
    if (!specs.some((spec) => spec.flag === flag)) throw new OptionError(`unknown option ${flag}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new OptionError(`${flag} needs a value`);
    given.set(flag, value);
  }
  const read = (spec: OptionSpec): string => given.get(spec.flag) ?? env[spec.env] ?? spec.fallback;
  return {
    host: read(SERVE_OPTIONS.host),
    port: parsePort(read(SERVE_OPTIONS.port), SERVE_OPTIONS.port.flag),
    otlpGrpcPort: parsePort(read(SERVE_OPTIONS.otlpGrpcPort), SERVE_OPTIONS.otlpGrpcPort.flag),
    otlpHttpPort: parsePort(read(SERVE_OPTIONS.otlpHttpPort), SERVE_OPTIONS.otlpHttpPort.flag),
    dataDir: read(SERVE_OPTIONS.dataDir),
    retentionMs: parseDuration(read(SERVE_OPTIONS.retention), SERVE_OPTIONS.retention.flag),
    maxDiskBytes: parseSize(read(SERVE_OPTIONS.maxDisk), SERVE_OPTIONS.maxDisk.flag),
    corsOrigins: read(SERVE_OPTIONS.corsOrigins).split(',').map((o) => o.trim()).filter(Boolean),
    sources: readSources({ sourceFlags, configPath, defaultSource, env }),
  };
}

function readSources(input: Parameters<typeof loadSources>[0]): SourcesConfig {
  try {
    return loadSources(input);
  } catch (error) {
    if (error instanceof SourceConfigError) throw new OptionError(error.message);
    throw error;
  }
}

function parsePort(text: string, flag: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new OptionError(`${flag}: expected a port number 0-65535, got "${text}"`);
  return port;
}

const DURATION_UNITS: Record<string, number> = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/.exec(text.trim());
  const unit = match?.[2];
  if (!match || !unit) throw new OptionError(`${flag}: expected a duration like 12h or 7d, got "${text}"`);
  return Number(match[1]) * (DURATION_UNITS[unit] ?? 0);
}

const SIZE_UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3 };

export function parseSize(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]+)?$/i.exec(text.trim());
  const unit = (match?.[2] ?? 'B').toUpperCase();
  const factor = SIZE_UNITS[unit];
  if (!match || factor === undefined) throw new OptionError(`${flag}: expected a size like 500MB or 2GB, got "${text}"`);
  return Math.round(Number(match[1]) * factor);
}

export function serveUsage(): string {
  const rows = Object.values(SERVE_OPTIONS as Record<string, OptionSpec>).map(
    (spec) => `  ${`${spec.flag} <value>`.padEnd(26)} ${spec.help} (default ${spec.fallback}; env ${spec.env})`,
  );
  const sources = [
    `  ${'--source NAME=KIND:URL'.padEnd(26)} an upstream to query (KIND tempo, jaeger or zipkin); repeatable (env TRACESCOPE_SOURCES, comma-separated)`,
    `  ${'--config <file>'.padEnd(26)} JSON file of sources with auth (env TRACESCOPE_CONFIG)`,
    `  ${'--default-source <name>'.padEnd(26)} source the app opens on (default local, the embedded store; env TRACESCOPE_DEFAULT_SOURCE)`,
  ];
  return ['usage: tracescope serve [options]', '', ...rows, ...sources].join('\n');
}
