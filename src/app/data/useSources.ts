/** React access to the sources: the list (react-query) and the one the URL selects. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TraceSource } from '../../sources/clients';
import { createSource } from '../../sources/clients';
import type { SourceInfo } from './sourceInfo';
import { fetchSources, pickSource, withSource } from './sourceInfo';

export const SOURCES_QUERY_KEY = ['tracescope', 'sources'] as const;

export function useSources() {
  return useQuery({
    queryKey: SOURCES_QUERY_KEY,
    queryFn: ({ signal }) => fetchSources(undefined, signal),
    staleTime: 60_000,
    retry: 1,
  });
}

/** The `source=` URL parameter: null when the user has not chosen (the server default applies). */
export function useSourceParam(): string | null {
  const [params] = useSearchParams();
  return params.get('source');
}

export interface CurrentSource {
  /** The name in the URL, or the default's name once the list is known. */
  readonly name: string | null;
  readonly info: SourceInfo | undefined;
  /** The client for it; undefined while the list loads or when the name is unknown. */
  readonly client: TraceSource | undefined;
  /** The sources list query (loading / error / refetch). */
  readonly list: ReturnType<typeof useSources>;
  /** The URL named a source the server does not have. */
  readonly unknown: boolean;
}

/** The selected source and its client. Query keys should include `name` so switching refetches. */
export function useCurrentSource(): CurrentSource {
  const list = useSources();
  const requested = useSourceParam();
  const info = list.data ? pickSource(list.data, requested) : undefined;
  const client = useMemo(() => (info ? createSource({ name: info.name, kind: info.kind }) : undefined), [info]);
  return {
    name: info?.name ?? requested,
    info,
    client,
    list,
    unknown: list.data !== undefined && info === undefined,
  };
}

/** `path` with the current `source=` carried over (for links and navigate()). */
export function useSourceLink(): (path: string) => string {
  const source = useSourceParam();
  return (path: string) => withSource(path, source);
}
