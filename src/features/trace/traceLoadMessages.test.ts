import { describe, expect, it } from 'vitest';
import { SourceError } from '../../sources/clients';
import { fromWireError, toWireError } from './traceLoadMessages';

const roundTrip = (err: unknown) => fromWireError(structuredClone(toWireError(err)));

describe('errors across the worker boundary', () => {
  it('keeps a SourceError a SourceError, with the same message and facts', () => {
    const original = new SourceError({ kind: 'unreachable', source: 'prod', url: 'http://x/api/v2/traces/ab', detail: 'Failed to fetch' });
    const back = roundTrip(original);
    expect(back).toBeInstanceOf(SourceError);
    expect(back.message).toBe(original.message);
    expect(back).toMatchObject({ kind: 'unreachable', source: 'prod', url: 'http://x/api/v2/traces/ab' });
  });

  it('keeps status and server message of a not-found', () => {
    const original = new SourceError({ kind: 'not-found', source: 'local', url: '/api/traces/ab', status: 404, serverMessage: 'trace not found' });
    const back = roundTrip(original) as SourceError;
    expect(back.message).toBe(original.message);
    expect(back.status).toBe(404);
    expect(back.serverMessage).toBe('trace not found');
  });

  it('turns anything else into a plain Error with its message', () => {
    const back = roundTrip(new RangeError('not a trace ID'));
    expect(back).not.toBeInstanceOf(SourceError);
    expect(back.message).toBe('not a trace ID');
  });
});
