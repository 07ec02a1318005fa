/**
 * Mobile Sync bodies, XML only. **Unverified**: no capture; the shape python-plexapi's `sync.py` reads for
 * `/devices/{id}/sync_items` (a `<SyncList clientIdentifier>` root holding `<SyncItems>`) and Tautulli reads for
 * `/servers/{m}/sync_lists` (`<SyncList id clientIdentifier>` elements, each with its `<Device>`).
 */
import type { Device } from '../state/model.js';
import type { SyncItemRecord } from '../state/model-sync.js';
import type { XmlElement } from './xml.js';

function syncItemXml(item: SyncItemRecord, server: Device | undefined): XmlElement {
  return {
    name: 'SyncItem',
    attrs: [
      ['id', item.id],
      ['version', item.version],
      ['rootTitle', item.rootTitle],
      ['title', item.title],
      ['metadataType', item.metadataType],
      ['contentType', item.contentType],
    ],
    children: [
      { name: 'Server', attrs: [['machineIdentifier', server?.clientIdentifier ?? '']] },
      {
        name: 'Status',
        attrs: [
          ['failureCode', ''],
          ['failure', ''],
          ['state', item.state],
          ['itemsCount', item.itemsCount],
          ['itemsCompleteCount', item.itemsCompleteCount],
          ['itemsDownloadedCount', item.itemsCompleteCount],
          ['itemsReadyCount', item.itemsCompleteCount],
          ['itemsSuccessfulCount', item.itemsCompleteCount],
          ['totalSize', item.totalSize],
        ],
      },
      {
        name: 'MediaSettings',
        attrs: [
          ['audioBoost', 100],
          ['maxVideoBitrate', item.maxVideoBitrate],
          ['musicBitrate', 192],
          ['photoQuality', 74],
          ['photoResolution', '1920x1080'],
          ['videoQuality', item.videoQuality],
          ['videoResolution', item.videoResolution],
          ['subtitleSize', 100],
        ],
      },
      {
        name: 'Policy',
        attrs: [
          ['scope', item.scope],
          ['unwatched', item.unwatched],
          ['value', item.value],
        ],
      },
      { name: 'Location', attrs: [['uri', item.locationUri]] },
    ],
  };
}

type ServerOf = (item: SyncItemRecord) => Device | undefined;

const itemsXml = (items: SyncItemRecord[], serverOf: ServerOf): XmlElement => ({
  name: 'SyncItems',
  children: items.map((item) => syncItemXml(item, serverOf(item))),
});

/** `GET /devices/{clientIdentifier}/sync_items`: one sync target's items. */
export function syncItemsXml(target: Device, items: SyncItemRecord[], serverOf: ServerOf): XmlElement {
  return {
    name: 'SyncList',
    attrs: [
      ['clientIdentifier', target.clientIdentifier],
      ['version', target.syncList?.version ?? 1],
    ],
    children: [itemsXml(items, serverOf)],
  };
}

/** `GET /servers/{machineIdentifier}/sync_lists`: every sync target's items from one server. */
export function syncListsXml(
  lists: Array<{ target: Device; items: SyncItemRecord[] }>,
  serverOf: ServerOf,
): XmlElement {
  return {
    name: 'MediaContainer',
    attrs: [['size', lists.length]],
    children: lists.map(({ target, items }) => ({
      name: 'SyncList',
      attrs: [
        ['id', target.id],
        ['clientIdentifier', target.clientIdentifier],
        ['version', target.syncList?.version ?? 1],
      ],
      children: [
        {
          name: 'Device',
          attrs: [
            ['clientIdentifier', target.clientIdentifier],
            ['userID', target.ownerId],
            ['name', target.name],
            ['product', target.product],
            ['productVersion', target.productVersion],
            ['platform', target.platform],
            ['platformVersion', target.platformVersion],
            ['device', target.device],
            ['model', target.model],
            ['lastSeenAt', target.lastSeenAt],
          ],
        },
        itemsXml(items, serverOf),
      ],
    })),
  };
}
