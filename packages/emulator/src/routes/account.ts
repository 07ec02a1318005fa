import type { Hono } from 'hono';
import { userContext, userJson, userXml } from '../wire/account.js';
import { documentResponse } from '../wire/format.js';
import { legacyUserXml } from '../wire/legacy-user.js';
import { authenticate, format, type Runtime } from './runtime.js';

/**
 * The signed-in account:
 * - GET /api/v2/user and GET /api/v2/home/user: the token's account (identical shapes, per Plexopedia).
 * - GET /users/account (legacy XML `<user>`, as captured in python-plexapi's legacy ACCOUNT_XML) and
 *   GET /users/account.json (`{"user": …}`, the v2 user wrapped as sign_in.json wraps it: unverified).
 * - GET /api/v2/ping: plex.tv's authenticated keep-alive. No capture exists, so the bodies are our
 *   choice (unverified): XML `<pong>true</pong>`, JSON `{"pong":true}`.
 */
export function registerAccountRoutes(app: Hono, runtime: Runtime): void {
  for (const path of ['/api/v2/user', '/api/v2/home/user']) {
    app.get(path, async (c) => {
      const { account, token } = await authenticate(c, runtime);
      const ctx = userContext(runtime.state, account, token);
      return documentResponse(format(c), 200, { json: () => userJson(ctx), xml: () => userXml(ctx) });
    });
  }

  app.get('/users/account', async (c) => {
    const { account, token } = await authenticate(c, runtime);
    const ctx = userContext(runtime.state, account, token);
    return documentResponse('xml', 200, { json: () => null, xml: () => legacyUserXml(ctx) });
  });
  app.get('/users/account.json', async (c) => {
    const { account, token } = await authenticate(c, runtime);
    const ctx = userContext(runtime.state, account, token);
    return documentResponse('json', 200, { json: () => ({ user: userJson(ctx) }), xml: () => userXml(ctx) });
  });

  app.get('/api/v2/ping', async (c) => {
    await authenticate(c, runtime);
    return documentResponse(format(c), 200, {
      json: () => ({ pong: true }),
      xml: () => ({ name: 'pong', text: 'true' }),
    });
  });
}
