import type { Context, Hono } from 'hono';
import { removeDevice } from '../state/devices.js';
import { PlexHttpError, SOCIAL_ERRORS } from '../state/errors.js';
import { type ConnectionFilter, resourcesFor } from '../state/resources.js';
import { documentResponse } from '../wire/format.js';
import { resourcesJson, resourcesV1Xml, resourcesXml } from '../wire/resources.js';
import { truthy } from './body.js';
import { authenticate, format, type Runtime } from './runtime.js';

/** `includeHttps`, `includeRelay`, `includeIPv6`: "1"/"true" includes them; absent or "0" leaves them out. */
function connectionFilter(c: Context): ConnectionFilter {
  return {
    https: truthy(c.req.query('includeHttps')),
    relay: truthy(c.req.query('includeRelay')),
    ipv6: truthy(c.req.query('includeIPv6')),
  };
}

/**
 * Resources (what an account can connect to: its own servers, clients and players, and servers
 * shared with it):
 * - GET /api/v2/resources: JSON bare array or XML `<resources>` (see wire/resources.ts).
 * - GET /api/resources: v1 XML `<MediaContainer><Device><Connection/>`, whatever Accept says (no
 *   JSON capture of v1 exists; our choice).
 * - DELETE /api/servers/{machineIdentifier}: the owner removes a server from the account (it stops being
 *   listed, its shares go, its token stops working). 200, empty. **Unverified**: @ctrl/plex's path (`MyPlexResource.delete()`), no capture.
 */
export function registerResourceRoutes(app: Hono, runtime: Runtime): void {
  app.get('/api/v2/resources', async (c) => {
    const { account } = await authenticate(c, runtime);
    const views = resourcesFor(runtime.state, account, runtime.pms, connectionFilter(c));
    return documentResponse(format(c), 200, {
      json: () => resourcesJson(views),
      xml: () => resourcesXml(views),
    });
  });

  app.get('/api/resources', async (c) => {
    const { account } = await authenticate(c, runtime);
    const views = resourcesFor(runtime.state, account, runtime.pms, connectionFilter(c));
    return documentResponse('xml', 200, { json: () => null, xml: () => resourcesV1Xml(views) });
  });

  app.delete('/api/servers/:machineIdentifier', async (c) => {
    const { account } = await authenticate(c, runtime);
    const machineIdentifier = c.req.param('machineIdentifier');
    const server = [...runtime.state.devices.values()].find(
      (d) => d.server && d.clientIdentifier === machineIdentifier && d.ownerId === account.id,
    );
    if (!server) throw new PlexHttpError(SOCIAL_ERRORS.serverNotFound);
    removeDevice(runtime.state, server);
    return c.body(null, 200);
  });
}
