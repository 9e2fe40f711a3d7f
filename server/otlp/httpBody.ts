/**
 * Reads an OTLP/HTTP request body, decompressing `Content-Encoding: gzip | deflate` as it
 * streams, and stops as soon as the decompressed size passes the limit: a gzip bomb (1 MiB that
 * inflates to 1 GiB) is cut off at the limit, never held in memory.
 */
import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';

/** The decompressed body is larger than the limit (HTTP 413). */
export class BodyTooLargeError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`request body exceeds the limit of ${limit} bytes (after decompression)`);
    this.name = 'BodyTooLargeError';
    this.limit = limit;
  }
}

/** A Content-Encoding this receiver does not speak (HTTP 415, as RFC 9110 §15.5.16 says). */
export class UnsupportedEncodingError extends Error {
  constructor(encoding: string) {
    super(`unsupported Content-Encoding ${JSON.stringify(encoding)}; use gzip, deflate or identity`);
    this.name = 'UnsupportedEncodingError';
  }
}

/** The body claims an encoding but does not decompress (HTTP 400). */
export class BadBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadBodyError';
  }
}

/** The client went away before the body was complete: there is no one to answer. */
export class BodyAbortedError extends Error {
  constructor() {
    super('request aborted before the body was complete');
    this.name = 'BodyAbortedError';
  }
}

type Decompressor = zlib.Gunzip | zlib.Inflate;

/** The decompressor for a Content-Encoding header, null for identity; throws when unsupported. */
function decompressorFor(header: string | undefined): Decompressor | null {
  // A list ("gzip, identity") names the encodings in the order they were applied.
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) return null;
  if (codings.length > 1) throw new UnsupportedEncodingError(header ?? '');
  const coding = codings[0];
  if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip();
  // HTTP "deflate" is the zlib format (RFC 9110 §8.4.1.2).
  if (coding === 'deflate') return zlib.createInflate();
  throw new UnsupportedEncodingError(coding ?? '');
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    let decompressor: Decompressor | null;
    try {
      decompressor = decompressorFor(req.headers['content-encoding']);
    } catch (error) {
      reject(error);
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (decompressor === null && declared > limit) {
      reject(new BodyTooLargeError(limit));
      return;
    }

    const chunks: Buffer[] = [];
    let size = 0;
    let received = 0;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      decompressor?.destroy();
      // Drop what is still coming; the response (sent with Connection: close) ends the socket.
      req.removeListener('data', onRaw);
      req.resume();
      reject(error);
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onDecoded = (chunk: Buffer): void => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) fail(new BodyTooLargeError(limit));
      else chunks.push(chunk);
    };
    const onRaw = (chunk: Buffer): void => {
      if (decompressor === null) {
        onDecoded(chunk);
        return;
      }
      // A compressed body larger than the limit cannot inflate to less: stop early.
      received += chunk.length;
      if (received > limit) {
        fail(new BodyTooLargeError(limit));
        return;
      }
      // Backpressure: the inflater may produce far more than it takes in.
      if (!decompressor.write(chunk)) {
        req.pause();
        decompressor.once('drain', () => req.resume());
      }
    };

    req.on('data', onRaw);
    req.on('error', () => fail(new BodyAbortedError()));
    req.on('close', () => {
      if (!req.complete) fail(new BodyAbortedError());
    });
    if (decompressor === null) {
      req.on('end', finish);
    } else {
      const d = decompressor;
      d.on('data', onDecoded);
      d.on('end', finish);
      d.on('error', (error) => fail(new BadBodyError(`invalid ${req.headers['content-encoding']} body: ${error.message}`)));
      req.on('end', () => d.end());
    }
  });
}
