/** The map's time window (`window=` in the URL, as on the dashboard) and its URL state. */

export const WINDOWS = ['15m', '1h', '6h', '24h', '7d'] as const;
export type WindowId = (typeof WINDOWS)[number];
export const DEFAULT_WINDOW: WindowId = '1h';

const SECONDS: Record<WindowId, number> = { '15m': 900, '1h': 3600, '6h': 21_600, '24h': 86_400, '7d': 604_800 };

export const WINDOW_LABELS: Record<WindowId, string> = {
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
  '6h': 'Last 6 hours',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
};

export function parseWindow(value: string | null): WindowId {
  return (WINDOWS as readonly string[]).includes(value ?? '') ? (value as WindowId) : DEFAULT_WINDOW;
}

export function windowSeconds(id: WindowId): number {
  return SECONDS[id];
}

/** The window ending at `nowMs`, in whole unix seconds (so query keys stay stable for a second). */
export function windowRange(id: WindowId, nowMs: number): { startSec: number; endSec: number } {
  const endSec = Math.ceil(nowMs / 1000);
  return { startSec: endSec - SECONDS[id], endSec };
}

/** What is selected on the map: a service (`node=`) or a call (`from=` + `to=`). */
export type MapSelection = { readonly kind: 'node'; readonly name: string } | { readonly kind: 'edge'; readonly parent: string; readonly child: string } | null;

export function parseSelection(params: URLSearchParams): MapSelection {
  const node = params.get('node');
  if (node) return { kind: 'node', name: node };
  const from = params.get('from');
  const to = params.get('to');
  if (from && to) return { kind: 'edge', parent: from, child: to };
  return null;
}

/** `params` with the selection written in (other parameters kept). */
export function withSelection(params: URLSearchParams, selection: MapSelection): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of ['node', 'from', 'to']) next.delete(key);
  if (selection?.kind === 'node') next.set('node', selection.name);
  if (selection?.kind === 'edge') {
    next.set('from', selection.parent);
    next.set('to', selection.child);
  }
  return next;
}
