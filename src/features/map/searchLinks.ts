/**
 * Links from the map to the search page (src/features/search): "Show traces" of a service, and
 * the traces that contain one call. TraceQL sources get the exact structural query
 * `{ resource.service.name = "a" } >> { resource.service.name = "b" }` (a span of b below a span
 * of a); other dialects cannot express "b called by a", so they search for b's spans within
 * traces of the window, and the panel says so.
 */
import { withSource } from '../../app/data/sourceInfo';

export interface LinkContext {
  readonly source: string | null;
  /** Window, unix seconds. */
  readonly startSec: number;
  readonly endSec: number;
}

/** A TraceQL string literal: quotes and backslashes escaped. */
export function traceqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function callTraceQl(parent: string, child: string): string {
  return `{ resource.service.name = ${traceqlString(parent)} } >> { resource.service.name = ${traceqlString(child)} }`;
}

/** The search page reads `start`/`end` as µs since the epoch (as Jaeger writes them). */
function range(ctx: LinkContext): Record<string, string> {
  return { start: String(Math.round(ctx.startSec * 1e6)), end: String(Math.round(ctx.endSec * 1e6)) };
}

export function serviceTracesLink(service: string, ctx: LinkContext): string {
  const params = new URLSearchParams({ service, ...range(ctx) });
  return withSource(`/search?${params.toString()}`, ctx.source);
}

export function callTracesLink(parent: string, child: string, traceql: boolean, ctx: LinkContext): string {
  const params = traceql
    ? new URLSearchParams({ q: callTraceQl(parent, child), ...range(ctx) })
    : new URLSearchParams({ service: child, ...range(ctx) });
  return withSource(`/search?${params.toString()}`, ctx.source);
}
