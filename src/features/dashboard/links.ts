/** Where the dashboard's figures lead: Jaeger-style search URLs over the same window. */
import type { DashboardRange } from './dashboardWindow';

/** A Go duration for a number of ms, floored to the µs ("303.202ms"), so the bound does not exceed the value. */
export function goDurationMs(ms: number): string {
  const us = Math.floor(ms * 1000);
  return `${us / 1000}ms`;
}

function windowParams(range: DashboardRange): [string, string][] {
  return [
    ['start', String(range.startMs * 1000)],
    ['end', String(range.endMs * 1000)],
  ];
}

/** Traces in the window at least as slow as the P99. */
export function slowTracesUrl(p99Ms: number, range: DashboardRange): string {
  return `/search?${new URLSearchParams([['minDuration', goDurationMs(p99Ms)], ...windowParams(range)]).toString()}`;
}

/** Traces in the window with a span of this service and operation. */
export function operationSearchUrl(service: string, operation: string, range: DashboardRange): string {
  return `/search?${new URLSearchParams([['service', service], ['operation', operation], ...windowParams(range)]).toString()}`;
}
