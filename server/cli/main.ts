/**
 * The `tracescope` command: subcommand dispatch. Each subcommand is one row of `COMMANDS`;
 * adding one (`serve`, `demo`) is adding a row.
 */
import { INSPECT_USAGE, runInspect } from './inspect';
import { SERVE_USAGE, runServe } from './serve';

/** Where a command writes and reads; injected so tests run commands in-process. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Reads all of standard input (for the file name `-`). */
  readonly readStdin: () => Promise<string>;
}

async function readAll(stream: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The process's own streams. */
export function defaultIO(): CliIO {
  // `tracescope inspect … | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () => readAll(process.stdin),
  };
}

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
