import type { Hono } from 'hono';
import { downloadsJson } from '../wire/downloads.js';
import { documentResponse, JSON_CONTENT_TYPE } from '../wire/format.js';
import { authenticate, format, type Runtime } from './runtime.js';

/**
 * Plex Media Server downloads and the cloud server (**unverified**: no capture of either):
 * - GET /api/downloads/{n}.json: public (no token, no client identifier: update scripts curl it bare); JSON
 *   whatever Accept says. `?channel=plexpass` lists a newer (beta) build.
 * - GET /api/v2/cloud_server: the account has no cloud server (Plex Cloud closed in 2018): `running` false and
 *   no servers, in JSON or XML (`<info running="0"/>`, the element Tautulli reads).
 */
export function registerDownloadRoutes(app: Hono, runtime: Runtime): void {
  app.get('/api/downloads/:file', (c) => {
    if (!/^\d+\.json$/.test(c.req.param('file'))) return c.notFound();
    return new Response(JSON.stringify(downloadsJson(c.req.query('channel'))), {
      headers: { 'Content-Type': JSON_CONTENT_TYPE },
    });
  });

  app.get('/api/v2/cloud_server', async (c) => {
    await authenticate(c, runtime);
    return documentResponse(format(c), 200, {
      json: () => ({ running: false, servers: [] }),
      xml: () => ({ name: 'info', attrs: [['running', false]] }),
    });
  });
}
