/** No calls in the window: say so, offer a wider window, and on the embedded store how to send traces. */
import type { WindowId } from './mapWindow';
import { WINDOW_LABELS, WINDOWS } from './mapWindow';

export function EmptyMap({ source, local, window, onWindow }: { source: string; local: boolean; window: WindowId; onWindow: (id: WindowId) => void }) {
  const wider = WINDOWS[WINDOWS.indexOf(window) + 1];
  const origin = globalThis.location?.hostname || 'localhost';
  return (
    <div className="map-empty" role="status">
      <h2>No services in {WINDOW_LABELS[window].toLowerCase()}</h2>
      <p>
        Source <strong>{source}</strong> has no traces in this window.
        {wider && (
          <>
            {' '}
            <button type="button" onClick={() => onWindow(wider)}>
              Show {WINDOW_LABELS[wider].toLowerCase()}
            </button>
          </>
        )}
      </p>
      {local && (
        <>
          <p>The embedded store receives OpenTelemetry traces on the OTLP endpoints:</p>
          <ul>
            <li>
              OTLP/HTTP <code>http://{origin}:4318/v1/traces</code>
            </li>
            <li>
              OTLP/gRPC <code>{origin}:4317</code>
            </li>
          </ul>
          <p>
            e.g. <code>OTEL_EXPORTER_OTLP_ENDPOINT=http://{origin}:4318 node --require @opentelemetry/auto-instrumentations-node/register app.js</code>
          </p>
          <p>
            Or run the demo, which sends traces of a 12-service shop: <code>npx tracescope demo</code>
          </p>
        </>
      )}
    </div>
  );
}
