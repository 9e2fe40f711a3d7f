/**
 * Find in a trace loaded without span attributes: the backend says which spans' attributes
 * contain each find term (everything else find matches is in the model). Cached per term set;
 * while a new set loads, the previous answer is kept so highlights do not flicker.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TraceDetailSource } from '../../sources/clients';
import { findTerms } from './find';

export interface AttributeHits {
  readonly hits: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  /** The backend is still answering for the current terms. */
  readonly pending: boolean;
  readonly error: Error | null;
}

export function useAttributeHits(details: TraceDetailSource | undefined, text: string): AttributeHits {
  const terms = findTerms(text);
  const enabled = details !== undefined && terms.length > 0;
  const query = useQuery({
    queryKey: ['tracescope', 'find-attributes', details?.jsonUrl ?? '', terms.join(' ')],
    enabled,
    staleTime: Infinity,
    retry: false,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => details!.findAttributes(terms, signal),
  });
  if (!enabled) return { hits: undefined, pending: false, error: null };
  return { hits: query.data, pending: query.isPlaceholderData || query.isPending, error: query.error };
}
