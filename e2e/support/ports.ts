/** Ports of the embedded backend the browser tests run against (`tracescope serve`). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4391);
export const E2E_OTLP_HTTP_PORT = E2E_PORT + 1;
export const E2E_OTLP_GRPC_PORT = E2E_PORT + 2;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
