/**
 * The sub-views' own link state (flame zoom, statistics grouping, table sorts) as URL
 * parameters, so what a person sees in any view is a link. Parsing is plain TS (tested); the
 * hook reads and writes the current URL, replacing the history entry (these are fine-grained
 * changes, not navigation).
 */
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { SortState } from './tableSort';

/** `total.desc` ⇄ { key: 'total', direction: 'descending' }; unknown keys fall back. */
export function parseSort<K extends string>(raw: string | null, keys: readonly K[], fallback: SortState<K>): SortState<K> {
  if (!raw) return fallback;
  const dot = raw.lastIndexOf('.');
  const key = (dot < 0 ? raw : raw.slice(0, dot)) as K;
  const dir = dot < 0 ? '' : raw.slice(dot + 1);
  if (!keys.includes(key)) return fallback;
  return { key, direction: dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : fallback.direction };
}

export function formatSort<K extends string>(sort: SortState<K>): string {
  return `${sort.key}.${sort.direction === 'ascending' ? 'asc' : 'desc'}`;
}

/**
 * One URL parameter as state: `null` (or '') removes it from the URL. The value lives in React
 * state (read from the URL once, on mount) and is mirrored into the URL a tick later. Why not
 * write the URL at once: the page navigates in the same click (`span=` on select), and a second
 * navigation started while that one is pending would cancel it. The mirror reads the live URL,
 * so it keeps whatever the page wrote, and re-adds this parameter if a later page write drops it.
 */
export function useViewParam(name: string): [string | null, (value: string | null) => void] {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [value, setValue] = useState<string | null>(() => params.get(name));
  const inUrl = params.get(name);
  useEffect(() => {
    if ((inUrl ?? '') === (value ?? '')) return;
    const timer = setTimeout(() => {
      const live = new URLSearchParams(window.location.search);
      if ((live.get(name) ?? '') === (value ?? '')) return;
      if (value === null) live.delete(name);
      else live.set(name, value);
      navigate({ pathname: window.location.pathname, search: `?${live.toString()}`, hash: window.location.hash }, { replace: true });
    }, 0);
    return () => clearTimeout(timer);
  }, [name, value, inUrl, navigate]);
  const set = useCallback((next: string | null) => setValue(next === '' ? null : next), []);
  return [value, set];
}
