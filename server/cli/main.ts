/**
 * The `tracescope` command: subcommand dispatch. Each subcommand is one row of `COMMANDS`;
 * adding one (`serve`, `demo`) is adding a row.
 */
import { defaultIO } from './io';
import type { CliIO } from './io';
import { INSPECT_USAGE, runInspect } from './inspect';
import { SERVE_USAGE, runServe } from './serve';
import { DEMO_USAGE, runDemo } from '../../demo/cli.ts';

interface Command {
  /** One line for the command list in the usage text. */
  readonly summary: string;
  /** Full usage of the subcommand, printed by `tracescope help CMD`. */
  readonly usage: string;
  readonly run: (args: string[], io: CliIO) => Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  inspect: {
    summary: 'summarise trace files (OTLP JSON, Tempo, Jaeger, Zipkin)',
    usage: INSPECT_USAGE,
    run: runInspect,
  },
  serve: {
    summary: 'receive OTLP, store spans in DuckDB, serve the Tempo API and the app',
    usage: SERVE_USAGE,
    run: runServe,
  },
  demo: {
    summary: 'twelve OpenTelemetry-instrumented services under load, sending to an embedded backend',
    usage: DEMO_USAGE,
    run: runDemo,
  },
};

function usage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  const lines = names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`);
  return [
    'usage: tracescope <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    "Run 'tracescope <command> --help' for a command's options.",
    '',
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(usage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic !== undefined && Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic] : undefined;
    io.stdout.write(command ? command.usage : usage());
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    io.stderr.write(`tracescope: unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(', ')}; see 'tracescope --help')\n`);
    return 2;
  }
  return COMMANDS[name]!.run(rest, io);
}
