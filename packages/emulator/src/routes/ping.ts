import type { Hono } from 'hono';
import { documentResponse } from '../wire/format.js';
import { authenticate, format, type Runtime } from './runtime.js';

/**
 * GET /api/v2/ping: plex.tv's authenticated keep-alive. No capture exists, so the bodies are our
 * choice (unverified): XML `<pong>true</pong>`, JSON `{"pong":true}`.
 */
export function registerPingRoutes(app: Hono, runtime: Runtime): void {
  app.get('/api/v2/ping', async (c) => {
    await authenticate(c, runtime);
    return documentResponse(format(c), 200, {
      json: () => ({ pong: true }),
      xml: () => ({ name: 'pong', text: 'true' }),
    });
  });
}
