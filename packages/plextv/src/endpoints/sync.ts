/**
 * Mobile Sync lists: `GET /devices/{clientIdentifier}/sync_items` (one sync target's items, python-plexapi's
 * `MyPlexAccount.syncItems`), `DELETE /devices/{clientIdentifier}/sync_items/{id}` (`SyncItem.delete`) and
 * `GET /servers/{machineIdentifier}/sync_lists` (every device syncing from one server: Tautulli's synced items).
 * **Unverified**: no capture of any of them; XML as python-plexapi and Tautulli read it.
 */
import type { PlexTvClient } from '../client.js';
import { decodeSyncList, type SyncList, syncListWire } from '../models/sync.js';
import type { CallOptions } from '../transport.js';
import { listBody, objectBody, parser } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

const SYNC_ITEMS = objectBody('syncList', (w, ctx) => decodeSyncList(syncListWire(w), ctx), 'a sync list');
const SYNC_LISTS = listBody(
  'syncLists',
  { xmlItems: ['SyncList'], jsonKeys: ['SyncList', 'syncLists'] },
  decodeSyncList,
  'a list of sync lists',
);

const CLIENT = "the sync target's client identifier (PlexDevice.clientIdentifier)";

const GET_SYNC_ITEMS = route('getSyncItems', 'GET /devices/{clientIdentifier}/sync_items', {
  params: { clientIdentifier: CLIENT },
  accept: 'xml',
  body: SYNC_ITEMS,
});

const REMOVE_SYNC_ITEM = route('removeSyncItem', 'DELETE /devices/{clientIdentifier}/sync_items/{id}', {
  params: { clientIdentifier: CLIENT, id: "the sync item's id (SyncItem.id)" },
  accept: 'xml',
  // Removing twice removes once: a retry after a lost answer is safe.
  idempotent: true,
});

const GET_SYNC_LISTS = route('getSyncLists', 'GET /servers/{machineIdentifier}/sync_lists', {
  params: { machineIdentifier: "the server's machine identifier (PlexResource.clientIdentifier)" },
  accept: 'xml',
  body: SYNC_LISTS,
});

/**
 * What one sync target (a device that `provides` `sync-target`) was asked to download
 * (`GET /devices/{clientIdentifier}/sync_items`). Unverified shape.
 */
export async function getSyncItems(
  client: PlexTvClient,
  clientIdentifier: string,
  options: CallOptions = {},
): Promise<SyncList> {
  return call(client, GET_SYNC_ITEMS, { params: { clientIdentifier } }, options);
}

/** Decode a `/devices/{clientIdentifier}/sync_items` body you already have. Unverified shape. */
export const parseSyncItems: (text: string, options?: { contentType?: string }) => Promise<SyncList> = parser(
  SYNC_ITEMS,
  'sync items',
);

/** Remove one sync item from a sync target (`DELETE /devices/{clientIdentifier}/sync_items/{id}`). Unverified answer. */
export async function removeSyncItem(
  client: PlexTvClient,
  clientIdentifier: string,
  syncItemId: number | string,
  options: CallOptions = {},
): Promise<void> {
  await call(client, REMOVE_SYNC_ITEM, { params: { clientIdentifier, id: syncItemId } }, options);
}

/**
 * Every device syncing from one of your servers, each with its `device` and items
 * (`GET /servers/{machineIdentifier}/sync_lists`). Unverified shape.
 */
export async function getSyncLists(
  client: PlexTvClient,
  machineIdentifier: string,
  options: CallOptions = {},
): Promise<SyncList[]> {
  return call(client, GET_SYNC_LISTS, { params: { machineIdentifier } }, options);
}

/** Decode a `/servers/{machineIdentifier}/sync_lists` body you already have. Unverified shape. */
export const parseSyncLists: (text: string, options?: { contentType?: string }) => Promise<SyncList[]> =
  parser(SYNC_LISTS, 'sync lists');
