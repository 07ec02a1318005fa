/** A Mobile Sync item's record (state/sync.ts seeds and reads them). */

/** One sync item (`<SyncItem>` in `/devices/{id}/sync_items` and `/servers/{m}/sync_lists`). */
export interface SyncItemRecord {
  id: number;
  /** The sync target's `/devices.xml` id. */
  deviceId: number;
  /** The server's `/devices.xml` id. */
  serverId: number;
  version: number;
  rootTitle: string;
  title: string;
  metadataType: string;
  contentType: string;
  state: 'pending' | 'processed' | 'completed';
  itemsCount: number;
  itemsCompleteCount: number;
  totalSize: number;
  /** `all`, or `count` (then `value` items). */
  scope: 'all' | 'count';
  value: number;
  unwatched: boolean;
  videoQuality: number;
  maxVideoBitrate: number;
  videoResolution: string;
  /** `library://{section uuid}/directory/…`: what the item takes. */
  locationUri: string;
}
