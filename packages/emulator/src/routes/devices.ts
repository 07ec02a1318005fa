import type { Hono } from 'hono';
import { removeDevice } from '../state/devices.js';
import { ERRORS, PlexHttpError } from '../state/errors.js';
import { devicesOf, listedConnections } from '../state/resources.js';
import { devicesXml } from '../wire/devices.js';
import { documentResponse } from '../wire/format.js';
import { authenticate, callerIp, type Runtime } from './runtime.js';

/**
 * The account's devices:
 * - GET /devices.xml: the account's own devices (XML only).
 * - DELETE /devices/{id}.xml: 200 with an empty body; the device's token (and every token or JWT
 *   key signed in with its client identifier for that account) stops working, and it leaves the
 *   resources. Unknown or someone else's id: 404.
 */
export function registerDeviceRoutes(app: Hono, runtime: Runtime): void {
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
    const device = runtime.state.devices.get(Number(m[1]));
    if (!device || device.ownerId !== account.id) throw new PlexHttpError(ERRORS.deviceNotFound);
    removeDevice(runtime.state, device);
    return c.body(null, 200);
  });
}
