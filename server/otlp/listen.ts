/** What the HTTP and gRPC receivers share about listening: the handle, and errors in words. */

export interface RunningServer {
  /** The port listened on (the chosen one when 0 was asked for). */
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

/** `host:port`, with brackets for IPv6 literals. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** An Error naming the port, e.g. "port 4317 is already in use (127.0.0.1:4317)". */
export function listenError(what: string, host: string, port: number, cause: unknown): Error {
  const text = cause instanceof Error ? cause.message : String(cause);
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  const where = hostPort(host, port);
  if (code === 'EADDRINUSE' || text.includes('EADDRINUSE')) {
    return new Error(`${what}: port ${port} is already in use (${where})`, { cause });
  }
  if (code === 'EACCES' || text.includes('EACCES')) {
    return new Error(`${what}: no permission to listen on port ${port} (${where})`, { cause });
  }
  return new Error(`${what}: cannot listen on ${where}: ${text}`, { cause });
}
