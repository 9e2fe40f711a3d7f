/** The embedded store has no traces in the window: how to send some, and how to start the demo. */
export function DemoHint({ windowLabel, wider }: { windowLabel: string; wider: { label: string; go: () => void } | undefined }) {
  const host = globalThis.location?.hostname || 'localhost';
  return (
    <section className="dash-demo" role="region" aria-label="No traces yet">
      <h2>No traces in the last {windowLabel}</h2>
      <p>
        The embedded store receives OpenTelemetry traces on the OTLP endpoints: gRPC <code>{host}:4317</code> and HTTP{' '}
        <code>http://{host}:4318/v1/traces</code> (the default ports; <code>tracescope serve --otlp-grpc-port / --otlp-http-port</code> change
        them).
        {wider && (
          <>
            {' '}
            <button type="button" onClick={wider.go}>
              Show the last {wider.label}
            </button>
          </>
        )}
      </p>
      <p>
        Point an instrumented app at it, e.g.{' '}
        <code>OTEL_EXPORTER_OTLP_ENDPOINT=http://{host}:4318 node --require @opentelemetry/auto-instrumentations-node/register app.js</code>
      </p>
      <p>
        Or start the demo, which sends traces of a 12-service shop: <code>npm run demo</code>
      </p>
    </section>
  );
}
