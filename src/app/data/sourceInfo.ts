/**
 * The sources the server offers (`GET /api/tracescope/sources`): names, dialects and what each
 * can do. Plain TS so it is unit-testable; the React hooks live in useSources.ts.
 */
import type { FetchFn, SourceInfo, SourceKind } from '../../sources/clients';
import { SourceError } from '../../sources/clients';

export type { SourceCapabilities, SourceInfo } from '../../sources/clients';

export const SOURCES_URL = '/api/tracescope/sources';

const KINDS: readonly SourceKind[] = ['tempo', 'jaeger', 'zipkin'];

/** Reads the list; a server that does not answer is a `SourceError` naming the URL and status. */
export async function fetchSources(fetchFn: FetchFn = (input, init) => globalThis.fetch(input, init), signal?: AbortSignal): Promise<SourceInfo[]> {
  let response: Response;
  try {
    response = await fetchFn(SOURCES_URL, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    const aborted = signal?.aborted === true;
    throw new SourceError({
      kind: aborted ? 'aborted' : 'unreachable',
      source: 'Tracescope server',
      url: SOURCES_URL,
      detail: err instanceof Error ? err.message : String(err),
      cause: err,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new SourceError({ kind: 'http', source: 'Tracescope server', url: SOURCES_URL, status: response.status, serverMessage: text.slice(0, 300) });
  }
  return parseSources(text);
}

export function parseSources(text: string): SourceInfo[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SourceError({ kind: 'bad-response', source: 'Tracescope server', url: SOURCES_URL, detail: 'the sources list is not JSON (is this a Tracescope server?)' });
  }
  const list = (json as { sources?: unknown }).sources;
  if (!Array.isArray(list)) {
    throw new SourceError({ kind: 'bad-response', source: 'Tracescope server', url: SOURCES_URL, detail: 'no "sources" array' });
  }
  return list.flatMap((entry: unknown): SourceInfo[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const e = entry as Record<string, unknown>;
    if (typeof e.name !== 'string' || !KINDS.includes(e.kind as SourceKind)) return [];
    const caps = (typeof e.capabilities === 'object' && e.capabilities !== null ? e.capabilities : {}) as Record<string, unknown>;
    return [
      {
        name: e.name,
        kind: e.kind as SourceKind,
        default: e.default === true,
        capabilities: {
          search: caps.search === true,
          traceql: caps.traceql === true,
          metrics: caps.metrics === true,
          dependencies: caps.dependencies === true,
        },
      },
    ];
  });
}

/** The source a page uses: the one named in the URL, else the server's default, else the first. */
export function pickSource(sources: readonly SourceInfo[], requested: string | null): SourceInfo | undefined {
  if (requested) return sources.find((s) => s.name === requested);
  return sources.find((s) => s.default) ?? sources[0];
}

/**
 * `path` with the `source=` parameter carried over, so navigation keeps the chosen source.
 * The parameter is left out when no source was chosen explicitly (the server default applies).
 */
export function withSource(path: string, source: string | null): string {
  if (!source) return path;
  const [base = '', hash] = path.split('#', 2);
  const [pathname = '', query = ''] = base.split('?', 2);
  const params = new URLSearchParams(query);
  params.set('source', source);
  return `${pathname}?${params.toString()}${hash !== undefined ? `#${hash}` : ''}`;
}
