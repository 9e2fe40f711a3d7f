// Preloaded into every demo service with `node --import demo/otel/register.mjs`:
// 1. registers OpenTelemetry's ESM hook (import-in-the-middle) so `node:http` imported by the
//    service is patched by HttpInstrumentation; 2. registers tsx so the services run as
//    TypeScript; 3. starts the SDK, before the service's own modules load.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
registerTsx();
await import('./sdk.ts');
