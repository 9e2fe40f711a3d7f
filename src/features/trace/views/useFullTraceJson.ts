/**
 * The whole trace as OTLP JSON text from the backend, for a trace loaded without attributes
 * (its model cannot write them). `details.jsonUrl` answers `{"result":{"resourceSpans":…}}`
 * (Jaeger v3 trace by ID); the OTLP JSON document is the inside of that envelope.
 */
import { useQuery } from '@tanstack/react-query';
import type { TraceDetailSource } from '../../../sources/clients';
import type { JsonPreview } from './jsonText';
import { PREVIEW_BYTES } from './jsonText';

const ENVELOPE_OPEN = '{"result":';
/** Up to this size the preview is pretty-printed (parsing a bigger body here would stall the page). */
const PRETTY_MAX_BYTES = 10_000_000;

export interface FullTraceJson {
  /** The OTLP JSON document, compact. */
  readonly blob: Blob;
  readonly preview: JsonPreview;
}

async function fetchFullJson(url: string, signal: AbortSignal): Promise<FullTraceJson> {
  const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
  const body = await response.blob();
  const head = await body.slice(0, ENVELOPE_OPEN.length).text();
  const blob = head === ENVELOPE_OPEN ? body.slice(ENVELOPE_OPEN.length, body.size - 1, 'application/json') : body;
  if (blob.size <= PRETTY_MAX_BYTES) {
    const pretty = JSON.stringify(JSON.parse(await blob.text()), null, 2);
    if (pretty.length <= PREVIEW_BYTES) return { blob, preview: { text: pretty, truncated: false } };
    const cut = pretty.lastIndexOf('\n', PREVIEW_BYTES);
    return { blob, preview: { text: pretty.slice(0, cut > 0 ? cut : PREVIEW_BYTES), truncated: true } };
  }
  return { blob, preview: { text: await blob.slice(0, PREVIEW_BYTES).text(), truncated: true } };
}

export function useFullTraceJson(details: TraceDetailSource | undefined) {
  return useQuery({
    queryKey: ['tracescope', 'trace-json', details?.jsonUrl ?? ''],
    enabled: details !== undefined,
    staleTime: 60_000,
    retry: false,
    queryFn: ({ signal }) => fetchFullJson(details!.jsonUrl, signal),
  });
}
