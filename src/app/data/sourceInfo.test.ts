import { describe, expect, it } from 'vitest';
import { SourceError } from '../../sources/clients';
import { fetchSources, parseSources, pickSource, withSource } from './sourceInfo';

const LIST = JSON.stringify({
  sources: [
    { name: 'local', kind: 'tempo', default: false, capabilities: { search: true, traceql: true, metrics: true, dependencies: true } },
    { name: 'prod', kind: 'jaeger', default: true, capabilities: { search: true, traceql: false, metrics: true, dependencies: true } },
    { name: 'bad', kind: 'elastic' },
  ],
});

describe('sources list', () => {
  it('parses the server list and drops unknown kinds', () => {
    const sources = parseSources(LIST);
    expect(sources.map((s) => `${s.name}:${s.kind}:${s.default}:${s.capabilities.traceql}`)).toEqual(['local:tempo:false:true', 'prod:jaeger:true:false']);
  });

  it('picks the requested source, else the default, and reports an unknown name as undefined', () => {
    const sources = parseSources(LIST);
    expect(pickSource(sources, null)?.name).toBe('prod');
    expect(pickSource(sources, 'local')?.name).toBe('local');
    expect(pickSource(sources, 'nope')).toBeUndefined();
  });

  it('keeps source= on links and leaves links alone without a choice', () => {
    expect(withSource('/search?service=a', 'prod')).toBe('/search?service=a&source=prod');
    expect(withSource('/map', 'prod')).toBe('/map?source=prod');
    expect(withSource('/map', null)).toBe('/map');
  });

  it('names the URL and status when the server answers with an error', async () => {
    const fetchFn = async () => new Response('nope', { status: 502 });
    await expect(fetchSources(fetchFn)).rejects.toThrow(SourceError);
    await expect(fetchSources(fetchFn)).rejects.toThrow('/api/tracescope/sources');
    await expect(fetchSources(fetchFn)).rejects.toThrow('HTTP 502');
  });

  it('explains a non-JSON answer (a static server without the backend)', async () => {
    const fetchFn = async () => new Response('<!doctype html>', { status: 200 });
    await expect(fetchSources(fetchFn)).rejects.toThrow('not JSON');
  });
});
