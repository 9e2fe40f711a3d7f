/** auth-service: verifies session tokens, with a token cache in front of the (slow) signature check. */
import { TracedCache } from './cache.ts';
import { inSpan, maybeFail, work } from './runtime.ts';
import type { Routes } from './runtime.ts';

const sessions = new TracedCache<string>('sessions', 300_000);

export const routes: Routes = {
  'POST /verify': async ({ body }) => {
    const user = String(body.user ?? 'anonymous');
    const token = String(body.token ?? '');
    const cached = await sessions.get(`session:${token}`);
    if (cached) {
      await work(1);
      return { user: cached };
    }
    await inSpan('jwt.verify', { 'auth.algorithm': 'ES256', 'enduser.id': user }, async () => {
      await work(4);
      maybeFail(0.01, 'key set refresh failed: upstream JWKS unreachable');
    });
    await sessions.set(`session:${token}`, user);
    return { user };
  },
};
