import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectFormat, importBytes, importText } from './detect';

const root = fileURLToPath(new URL('./__fixtures__', import.meta.url));
const fixtures = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? fixtures(path) : name.endsWith('.json') ? [path] : [];
  });

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (err) {
    return { threw: (err as Error).message };
  }
}

describe('detectFormat', () => {
  it('tells every trace format apart by shape', () => {
    const format = (file: string) => detectFormat(JSON.parse(readFileSync(join(root, file), 'utf8')));
    expect(format('otlp/examples-trace.json')).toBe('otlp-json');
    expect(format('tempo/trace-v1-response-observatorium-e2e.json')).toBe('tempo-v1');
    expect(format('tempo/trace-v2-response-docs-push-spans.json')).toBe('tempo-v2');
    expect(format('jaeger/v1-trace-response-observatorium-e2e.json')).toBe('jaeger-v1');
    expect(format('jaeger/v1-trace-bare-genai-57spans.json')).toBe('jaeger-v1');
    expect(format('jaeger/v3-trace-response-observatorium-e2e.json')).toBe('jaeger-v3');
    expect(format('zipkin/v2-traces-search.CONSTRUCTED.json')).toBe('zipkin-v2');
    expect(detectFormat({ hello: 'world' })).toBeNull();
  });
});

describe('importBytes', () => {
  const files = fixtures(root);
  it('has fixtures to compare', () => expect(files.length).toBeGreaterThan(30));

  it.each(files.map((f) => [f.slice(root.length + 1), f]))('gives what importText gives for %s', (_name, file) => {
    const bytes = readFileSync(file);
    expect(outcome(() => importBytes(new Uint8Array(bytes)))).toStrictEqual(outcome(() => importText(bytes.toString('utf8'))));
  });

  it('keeps Tempo v2 partial-trace notes and reads byte-order marks', () => {
    const body = '\ufeff {"trace":{"resourceSpans":[]},"status":"PARTIAL","message":"limit reached"}';
    expect(importBytes(new TextEncoder().encode(body))).toEqual({ format: 'tempo-v2', spans: [], issues: [{ path: 'status', message: 'limit reached' }] });
  });

  it('reports bad JSON with where it broke', () => {
    expect(() => importBytes(new TextEncoder().encode('{"resourceSpans": [ {'))).toThrow(/truncated|end of input|byte/i);
  });
});
