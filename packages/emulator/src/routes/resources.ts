import type { Context, Hono } from 'hono';
import { type ConnectionFilter, devicesOf, listedConnections, resourcesFor } from '../state/resources.js';
import { devicesXml } from '../wire/devices.js';
import { ERRORS, PlexHttpError } from '../wire/errors.js';
import { documentResponse } from '../wire/format.js';
import { resourcesJson, resourcesV1Xml, resourcesXml } from '../wire/resources.js';
import { truthy } from './body.js';
import { authenticate, callerIp, format, type Runtime } from './runtime.js';

/** `includeHttps`, `includeRelay`, `includeIPv6`: "1"/"true" includes them; absent or "0" leaves them out. */
function connectionFilter(c: Context): ConnectionFilter {
  return {
    https: truthy(c.req.query('includeHttps')),
    relay: truthy(c.req.query('includeRelay')),
    ipv6: truthy(c.req.query('includeIPv6')),
  };
}

/**
 * Devices and resources:
 * - GET /api/v2/resources: JSON bare array or XML `<resources>` (see wire/resources.ts).
 * - GET /api/resources: v1 XML `<MediaContainer><Device><Connection/>`, whatever Accept says (no
 *   JSON capture of v1 exists; our choice).
 * - GET /devices.xml: the account's own devices (XML only).
 * - DELETE /devices/{id}.xml: 200 with an empty body; the device's token (and every token or JWT
 *   key signed in with its client identifier for that account) stops working, and it leaves the
 *   resources. Unknown or someone else's id: 404.
 */
export function registerDeviceRoutes(app: Hono, runtime: Runtime): void {
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

  app.get('/devices.xml', async (c) => {
    const { account } = await authenticate(c, runtime);
    const devices = devicesOf(runtime.state, account).map((device) => ({
      device,
      connections: listedConnections(device, runtime.pms),
    }));
    return documentResponse('xml', 200, { json: () => null, xml: () => devicesXml(devices, callerIp(c)) });
  });

  app.delete('/devices/:file', async (c) => {
    const m = /^(\d+)\.xml$/.exec(c.req.param('file'));
    if (!m) throw new PlexHttpError(ERRORS.notFound);
    const { account } = await authenticate(c, runtime);
    const { state } = runtime;
    const device = state.devices.get(Number(m[1]));
    if (!device || device.ownerId !== account.id) throw new PlexHttpError(ERRORS.deviceNotFound);
    state.devices.delete(device.id);
    // Removing a device signs it out.
    state.tokens.delete(device.token);
    for (const [value, token] of state.tokens) {
      if (token.accountId === account.id && token.clientIdentifier === device.clientIdentifier)
        state.tokens.delete(value);
    }
    for (const [id, key] of state.deviceKeys) {
      if (key.accountId === account.id && key.clientIdentifier === device.clientIdentifier)
        state.deviceKeys.delete(id);
    }
    return c.body(null, 200);
  });
}
