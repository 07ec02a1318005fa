import type { Hono } from 'hono';
import { userContext, userJson, userXml } from '../wire/account.js';
import { documentResponse } from '../wire/format.js';
import { authenticate, format, type Runtime } from './runtime.js';

/** GET /api/v2/user and GET /api/v2/home/user: the token's account (identical shapes, per Plexopedia). */
export function registerUserRoutes(app: Hono, runtime: Runtime): void {
  for (const path of ['/api/v2/user', '/api/v2/home/user']) {
    app.get(path, async (c) => {
      const { account, token } = await authenticate(c, runtime);
      const ctx = userContext(runtime.state, account, token);
      return documentResponse(format(c), 200, { json: () => userJson(ctx), xml: () => userXml(ctx) });
    });
  }
}
