import type { Hono } from 'hono';
import { ERRORS, PlexHttpError, SOCIAL_ERRORS } from '../state/errors.js';
import type { Account, Device } from '../state/model.js';
import type { SyncItemRecord } from '../state/model-sync.js';
import { syncItemsOf } from '../state/sync.js';
import { documentResponse } from '../wire/format.js';
import { syncItemsXml, syncListsXml } from '../wire/sync.js';
import { authenticate, type Runtime } from './runtime.js';

/**
 * Mobile Sync (XML only; **unverified**: no capture):
 * - GET /devices/{clientIdentifier}/sync_items: one of the account's devices' sync items.
 * - DELETE /devices/{clientIdentifier}/sync_items/{id}: 200 with an empty body; the item is gone.
 * - GET /servers/{machineIdentifier}/sync_lists: every device syncing from one of the account's servers.
 * A device or server that is not the account's, or an unknown item: 404.
 */
export function registerSyncRoutes(app: Hono, runtime: Runtime): void {
  const ownDevice = (account: Account, clientIdentifier: string): Device => {
    for (const d of runtime.state.devices.values()) {
      if (d.ownerId === account.id && d.clientIdentifier === clientIdentifier) return d;
    }
    throw new PlexHttpError(ERRORS.deviceNotFound);
  };
  const serverOf = (item: SyncItemRecord) => runtime.state.devices.get(item.serverId);
  const xml = (doc: () => ReturnType<typeof syncItemsXml>) =>
    documentResponse('xml', 200, { json: () => null, xml: doc });

  app.get('/devices/:clientIdentifier/sync_items', async (c) => {
    const { account } = await authenticate(c, runtime);
    const target = ownDevice(account, c.req.param('clientIdentifier'));
    return xml(() => syncItemsXml(target, syncItemsOf(runtime.state, target), serverOf));
  });

  app.delete('/devices/:clientIdentifier/sync_items/:id', async (c) => {
    const { account } = await authenticate(c, runtime);
    const target = ownDevice(account, c.req.param('clientIdentifier'));
    const item = runtime.state.syncItems.get(Number(c.req.param('id')));
    if (!item || item.deviceId !== target.id) throw new PlexHttpError(ERRORS.notFound);
    runtime.state.syncItems.delete(item.id);
    return c.body(null, 200);
  });

  app.get('/servers/:machineIdentifier/sync_lists', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { state } = runtime;
    const server = [...state.devices.values()].find(
      (d) => d.server && d.ownerId === account.id && d.clientIdentifier === c.req.param('machineIdentifier'),
    );
    if (!server) throw new PlexHttpError(SOCIAL_ERRORS.serverNotFound);
    const byTarget = new Map<number, SyncItemRecord[]>();
    for (const item of state.syncItems.values()) {
      if (item.serverId !== server.id) continue;
      byTarget.set(item.deviceId, [...(byTarget.get(item.deviceId) ?? []), item]);
    }
    // A removed device's items are no longer listed.
    const lists = [...byTarget].flatMap(([deviceId, items]) => {
      const target = state.devices.get(deviceId);
      return target ? [{ target, items }] : [];
    });
    return xml(() => syncListsXml(lists, serverOf));
  });
}
