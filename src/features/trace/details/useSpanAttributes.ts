/**
 * A span's attributes: in the span itself when the trace was loaded whole, else fetched once
 * from the trace's detail source (the embedded backend's skeleton leaves them out) and cached
 * by react-query per trace and span ID.
 */
import { useQuery } from '@tanstack/react-query';
import type { Attribute, Span } from '../../../model/types';
import type { TraceDetailSource } from '../../../sources/clients';

export type SpanAttributes =
  | { readonly state: 'ready'; readonly attributes: readonly Attribute[] }
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: unknown; readonly retry: () => void };

export function useSpanAttributes(span: Span | undefined, details: TraceDetailSource | undefined): SpanAttributes {
  const deferred = details !== undefined && span !== undefined;
  const query = useQuery({
    queryKey: ['tracescope', 'span-attributes', details?.jsonUrl ?? '', span?.spanId ?? ''],
    enabled: deferred,
    staleTime: Infinity,
    retry: false,
    queryFn: async ({ signal }) => {
      const found = await details!.spans(span!.spanId, signal);
      return found;
    },
  });
  if (!deferred) return { state: 'ready', attributes: span?.attributes ?? [] };
  if (query.data !== undefined) {
    // Duplicate span IDs: the one received with this span's start and name.
    const same = query.data.find((s) => s.startTimeUnixNano === span.startTimeUnixNano && s.name === span.name) ?? query.data[0];
    return { state: 'ready', attributes: same?.attributes ?? [] };
  }
  if (query.isError) return { state: 'error', error: query.error, retry: () => void query.refetch() };
  return { state: 'loading' };
}
