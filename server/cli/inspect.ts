/**
 * `tracescope inspect FILE... [--json]`: reads trace files of any supported format, merges their
 * spans (a trace split across files is one trace) and prints a summary of each trace.
 */
import { readFile } from 'node:fs/promises';
import { importBytes, importText } from '../../src/sources/detect';
import { ImportError } from '../../src/sources/importResult';
import type { FormatId } from '../../src/sources/importResult';
import type { SpanData, Trace } from '../../src/model/types';
import { buildTraces } from '../../src/model/buildTrace';
import { criticalPathSpans } from '../../src/model/criticalPath';
import { formatDuration } from '../../src/model/format';
import type { CliIO } from './io';

export const INSPECT_USAGE = `usage: tracescope inspect [--json] FILE...

Summarises the traces in FILEs (OTLP JSON, Tempo v1/v2, Jaeger v1/v3 or Zipkin v2 JSON; the
format is detected). '-' reads standard input. Spans of all files are merged, so a trace
split across files is shown as one trace.

options:
  --json      print {"traces":[...],"warnings":[...]} instead of text
  -h, --help  show this help

exit status: 0 on success, 1 when a file cannot be read or imported, 2 on a usage error.
`;

/** One trace of the `--json` output; keys in output order. */
export interface InspectTraceJson {
  readonly traceId: string;
  readonly spanCount: number;
  readonly services: string[];
  readonly rootService: string;
  readonly rootName: string;
  /** ISO 8601 UTC, millisecond precision. */
  readonly startTime: string;
  readonly durationMs: number;
  readonly errorCount: number;
  readonly orphanCount: number;
  readonly depth: number;
  /** Span IDs from the root down. */
  readonly criticalPath: string[];
}

export interface InspectJson {
  readonly traces: InspectTraceJson[];
  readonly warnings: string[];
}

/** A file that could not be read or imported: `reason` is one line. */
class InputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

const STDIN_NAME = '<stdin>';

/** Nanoseconds since the epoch as ISO 8601 UTC (Date keeps milliseconds; the rest is cut). */
export function nanosToIso(ns: bigint): string {
  let ms = ns / 1_000_000n;
  if (ns < 0n && ns % 1_000_000n !== 0n) ms -= 1n; // floor, not truncation, before the epoch
  const date = new Date(Number(ms));
  return Number.isNaN(date.getTime()) ? `${ns.toString()}ns` : date.toISOString();
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function describeReadError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ERR_STRING_TOO_LONG':
    case 'ERR_FS_FILE_TOO_LARGE':
      return 'file too large: over 2 GiB';
    default:
      // Node 20 throws a bare RangeError when the text exceeds V8's maximum string length.
      if (err instanceof RangeError && /string/i.test(err.message)) return 'file too large: over the ~512 MiB a JavaScript string can hold';
      return `cannot read: ${err instanceof Error ? err.message : String(err)}`;
  }
}

interface LoadedFile {
  readonly name: string;
  readonly format: FormatId;
  readonly spans: readonly SpanData[];
  readonly issues: readonly string[];
}

async function loadFile(file: string, readStdin: () => Promise<string>): Promise<LoadedFile> {
  const name = file === '-' ? STDIN_NAME : file;
  let input: string | Uint8Array;
  try {
    // Files are read as bytes: OTLP-shaped ones are decoded without ever becoming one string.
    input = file === '-' ? await readStdin() : new Uint8Array(await readFile(file));
  } catch (err) {
    throw new InputError(name, describeReadError(err));
  }
  try {
    const result = typeof input === 'string' ? importText(input) : importBytes(input, { records: true });
    const issues = result.issues.map((i) => (i.path ? `${name}: ${i.path}: ${i.message}` : `${name}: ${i.message}`));
    return { name, format: result.format, spans: result.spans, issues };
  } catch (err) {
    if (err instanceof ImportError) throw new InputError(name, oneLine(err.message));
    // Non-OTLP formats are still read as text, which V8 caps at ~512 MiB.
    if (err instanceof RangeError && /string/i.test(err.message)) throw new InputError(name, describeReadError(err));
    throw err;
  }
}

interface Inspection {
  readonly traces: readonly Trace[];
  /** Formats the spans of each trace came in, by trace ID. */
  readonly formats: ReadonlyMap<string, readonly FormatId[]>;
  readonly importIssues: readonly string[];
}

function inspectFiles(files: readonly LoadedFile[]): Inspection {
  const spans: SpanData[] = [];
  const formats = new Map<string, FormatId[]>();
  const importIssues: string[] = [];
  for (const file of files) {
    for (const span of file.spans) {
      spans.push(span);
      const seen = formats.get(span.traceId);
      if (!seen) formats.set(span.traceId, [file.format]);
      else if (!seen.includes(file.format)) seen.push(file.format);
    }
    for (const issue of file.issues) importIssues.push(issue);
  }
  return { traces: buildTraces(spans, { adopt: true }), formats, importIssues };
}

export function traceToJson(trace: Trace): InspectTraceJson {
  const s = trace.summary;
  return {
    traceId: s.traceId,
    spanCount: s.spanCount,
    services: [...s.services],
    rootService: s.rootService,
    rootName: s.rootName,
    startTime: nanosToIso(s.startTimeUnixNano),
    durationMs: s.duration / 1e6,
    errorCount: s.errorCount,
    orphanCount: s.orphanCount,
    depth: s.depth,
    criticalPath: criticalPathSpans(trace).map((i) => trace.spans[i]!.spanId),
  };
}

export function toJson(inspection: Inspection): InspectJson {
  const warnings = [...inspection.importIssues];
  for (const trace of inspection.traces) {
    for (const w of trace.warnings) warnings.push(`${trace.traceId}: ${w.message}`);
  }
  return { traces: inspection.traces.map(traceToJson), warnings };
}

const MAX_LISTED_SERVICES = 12;

function toText(inspection: Inspection): string {
  const out: string[] = [];
  const row = (label: string, value: string) => out.push(`  ${label.padEnd(9)} ${value}`);
  if (inspection.traces.length === 0) out.push('no spans found');
  for (const trace of inspection.traces) {
    const s = trace.summary;
    if (out.length > 0) out.push('');
    const formats = inspection.formats.get(trace.traceId) ?? [];
    out.push(`trace ${trace.traceId}  ${formats.join(', ')}`);
    row('root', `${s.rootService}: ${s.rootName}${s.hasRoot ? '' : '  (no root: earliest top-level span)'}`);
    row('start', nanosToIso(s.startTimeUnixNano));
    row('duration', formatDuration(s.duration));
    row('spans', `${s.spanCount}   errors ${s.errorCount}   orphans ${s.orphanCount}   depth ${s.depth}`);
    const listed = s.services.slice(0, MAX_LISTED_SERVICES).join(', ');
    const more = s.services.length > MAX_LISTED_SERVICES ? `, … ${s.services.length - MAX_LISTED_SERVICES} more` : '';
    row('services', `${s.services.length}: ${listed}${more}`);
    if (trace.warnings.length > 0) {
      row('warnings', String(trace.warnings.length));
      for (const w of trace.warnings) out.push(`    - ${w.message}`);
    }
  }
  if (inspection.importIssues.length > 0) {
    out.push('', `import issues (${inspection.importIssues.length}):`);
    for (const issue of inspection.importIssues) out.push(`  - ${issue}`);
  }
  return out.join('\n') + '\n';
}

/** Runs `inspect` with its arguments; returns the exit code. */
export async function runInspect(args: readonly string[], io: CliIO): Promise<number> {
  let json = false;
  const files: string[] = [];
  let optionsDone = false;
  for (const arg of args) {
    if (optionsDone || arg === '-' || !arg.startsWith('-')) files.push(arg);
    else if (arg === '--') optionsDone = true;
    else if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') {
      io.stdout.write(INSPECT_USAGE);
      return 0;
    } else {
      io.stderr.write(`tracescope inspect: unknown option '${arg}' (see 'tracescope inspect --help')\n`);
      return 2;
    }
  }
  if (files.length === 0) {
    io.stderr.write(INSPECT_USAGE);
    return 2;
  }

  // Standard input can be read once; '-' named twice reads the same text.
  let stdinText: Promise<string> | undefined;
  const readStdin = () => (stdinText ??= io.readStdin());
  const loaded: LoadedFile[] = [];
  try {
    for (const file of files) loaded.push(await loadFile(file, readStdin));
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    io.stderr.write(`tracescope inspect: ${err.file}: ${err.reason}\n`);
    return 1;
  }

  const inspection = inspectFiles(loaded);
  io.stdout.write(json ? JSON.stringify(toJson(inspection)) + '\n' : toText(inspection));
  return 0;
}
