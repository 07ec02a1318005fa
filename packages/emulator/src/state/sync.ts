/**
 * Mobile Sync items: what a sync target (a device providing `sync-target`) was asked to download from a server.
 * Seeded from the devices (every seeded sync target gets two items from its owner's first server); clients only
 * read and remove them here (creating them is a Plex app's job, done through the server).
 */
import type { Device, EmulatorState } from './model.js';
import type { SyncItemRecord } from './model-sync.js';

export type { SyncItemRecord } from './model-sync.js';

/** Sync item ids start here (plex.tv's are large integers). */
export const FIRST_SYNC_ITEM_ID = 3_000_001;

const isSyncTarget = (d: Device) => d.provides.split(',').includes('sync-target');

/** Two items per seeded sync target, from its owner's first server with library sections. */
export function seedSyncItems(state: EmulatorState): Map<number, SyncItemRecord> {
  const items = new Map<number, SyncItemRecord>();
  let id = FIRST_SYNC_ITEM_ID;
  const devices = [...state.devices.values()];
  for (const target of devices.filter(isSyncTarget)) {
    const server = devices.find(
      (d) => d.server && d.ownerId === target.ownerId && d.librarySections.length > 0,
    );
    if (!server) continue;
    for (const [i, section] of server.librarySections.slice(0, 2).entries()) {
      const movie = section.type === 'movie';
      items.set(id, {
        id,
        deviceId: target.id,
        serverId: server.id,
        version: 1 + i,
        rootTitle: section.title,
        title: movie ? section.title : `${section.title}: unwatched`,
        metadataType: movie ? 'movie' : 'episode',
        contentType: section.type === 'artist' ? 'audio' : section.type === 'photo' ? 'photo' : 'video',
        state: i === 0 ? 'completed' : 'pending',
        itemsCount: 10,
        itemsCompleteCount: i === 0 ? 10 : 3,
        totalSize: i === 0 ? 8_589_934_592 : 1_073_741_824,
        scope: i === 0 ? 'all' : 'count',
        value: i === 0 ? 0 : 10,
        unwatched: i !== 0,
        videoQuality: 75,
        maxVideoBitrate: 3000,
        videoResolution: '1280x720',
        locationUri: `library://${server.clientIdentifier}/directory/%2Flibrary%2Fsections%2F${section.key}%2Fall`,
      });
      id++;
    }
  }
  return items;
}

/** The items of one sync target, in id order. */
export function syncItemsOf(state: EmulatorState, device: Device): SyncItemRecord[] {
  return [...state.syncItems.values()].filter((item) => item.deviceId === device.id);
}
