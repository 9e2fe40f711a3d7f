import { describe, expect, it } from 'vitest';
import { encodeExportResponse, encodeRetryStatus, encodeRpcStatus, partialSuccessOf } from './responses';
import { ExportTraceServiceResponseType, RetryInfoType, RpcStatusType } from './schema';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('encodeExportResponse', () => {
  it('leaves partial_success unset on full success', () => {
    expect(encodeExportResponse(undefined, 'protobuf')).toHaveLength(0);
    expect(text(encodeExportResponse(undefined, 'json'))).toBe('{}');
  });

  it('encodes a partial success in either format (int64 as a string in JSON)', () => {
    const partial = { rejectedSpans: 3, errorMessage: '3 spans rejected' };
    const pb = ExportTraceServiceResponseType.toObject(ExportTraceServiceResponseType.decode(encodeExportResponse(partial, 'protobuf')), { longs: Number });
    expect(pb).toEqual({ partialSuccess: { rejectedSpans: 3, errorMessage: '3 spans rejected' } });
    expect(JSON.parse(text(encodeExportResponse(partial, 'json')))).toEqual({ partialSuccess: { rejectedSpans: '3', errorMessage: '3 spans rejected' } });
  });
});

describe('google.rpc.Status bodies', () => {
  it('encodes code and message in either format', () => {
    expect(RpcStatusType.toObject(RpcStatusType.decode(encodeRpcStatus(3, 'bad', 'protobuf')))).toEqual({ code: 3, message: 'bad' });
    expect(JSON.parse(text(encodeRpcStatus(3, 'bad', 'json')))).toEqual({ code: 3, message: 'bad' });
  });

  it('carries a RetryInfo detail for gRPC throttling', () => {
    const status = RpcStatusType.toObject(RpcStatusType.decode(encodeRetryStatus(8, 'busy', 2.5)), { longs: Number });
    expect(status.code).toBe(8);
    expect(status.details[0].type_url).toBe('type.googleapis.com/google.rpc.RetryInfo');
    expect(RetryInfoType.toObject(RetryInfoType.decode(status.details[0].value), { longs: Number })).toEqual({ retryDelay: { seconds: 3 } });
  });
});

describe('partialSuccessOf', () => {
  it('is undefined when nothing was rejected or repaired', () => {
    expect(partialSuccessOf(0, [])).toBeUndefined();
  });

  it('counts rejections and quotes the first issues', () => {
    const issues = Array.from({ length: 7 }, (_, i) => ({ path: `spans[${i}].spanId`, message: 'expected 8 bytes, got 3' }));
    const partial = partialSuccessOf(7, issues)!;
    expect(partial.rejectedSpans).toBe(7);
    expect(partial.errorMessage).toBe(
      `7 spans rejected: ${issues
        .slice(0, 5)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ')}; and 2 more`,
    );
  });

  it('makes a warning-only response for repairs', () => {
    expect(partialSuccessOf(0, [{ path: 'p', message: 'm' }])).toEqual({ rejectedSpans: 0, errorMessage: 'spans accepted with warnings: p: m' });
  });
});
