/**
 * A TCP proxy in front of a gRPC server that reads the client's HTTP/2 frames and records, per
 * request stream, the gRPC message's compressed-flag byte: proof that a client really sent a
 * gzip-compressed message (grpc-js strips `grpc-encoding` from the metadata a handler sees).
 *
 * HTTP/2 (RFC 9113): a 24-byte preface, then frames of a 9-byte header (24-bit length, type,
 * flags, 31-bit stream id). A DATA frame (type 0) may be padded (flag 0x8: first byte is the pad
 * length). gRPC's length-prefixed message starts with the compressed flag (gRPC over HTTP/2 spec).
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

const PREFACE_LENGTH = 24;
const DATA = 0;
const PADDED = 0x8;

export interface GrpcSniffer {
  readonly port: number;
  /** Compressed flag (0 or 1) of the first message on each client stream, in stream order. */
  readonly compressedFlags: number[];
  close(): Promise<void>;
}

export function startGrpcSniffer(targetPort: number): Promise<GrpcSniffer> {
  const compressedFlags: number[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    let prefaceSeen = false;
    const seenStreams = new Set<number>();
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      if (!prefaceSeen) {
        if (pending.length < PREFACE_LENGTH) return;
        pending = pending.subarray(PREFACE_LENGTH);
        prefaceSeen = true;
      }
      while (pending.length >= 9) {
        const length = pending.readUIntBE(0, 3);
        if (pending.length < 9 + length) break;
        const type = pending[3]!;
        const flags = pending[4]!;
        const stream = pending.readUInt32BE(5) & 0x7fffffff;
        const payload = pending.subarray(9, 9 + length);
        const body = flags & PADDED ? payload.subarray(1) : payload;
        if (type === DATA && body.length > 0 && !seenStreams.has(stream)) {
          seenStreams.add(stream);
          compressedFlags.push(body[0]!);
        }
        pending = pending.subarray(9 + length);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        compressedFlags,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
