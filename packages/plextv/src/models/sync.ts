/**
 * Mobile Sync on plex.tv: what a sync target (a phone, a tablet) was asked to download, as
 * `GET /devices/{clientIdentifier}/sync_items` (one device) and `GET /servers/{m}/sync_lists` (one server, every
 * device) list it. **Unverified**: no capture; the element names and attributes are the ones python-plexapi's
 * `sync.py` and Tautulli's `get_synced_items` read (`<SyncList><SyncItems><SyncItem><Server/><Status/>
 * <MediaSettings/><Policy/><Location uri/></SyncItem></SyncItems></SyncList>`).
 */
import { FieldTable } from '../wire/table.js';
import type { Wire } from '../wire/wire.js';
import { DESCRIPTION, type DeviceDescription } from './device.js';
import { type DecodeContext, missing, str } from './read.js';

/** How far a sync item got (`<Status>`). python-plexapi: `state` is `completed`, `pending`, empty, …. */
export interface SyncStatus {
  state?: string;
  itemsCount?: number;
  itemsCompleteCount?: number;
  itemsDownloadedCount?: number;
  itemsReadyCount?: number;
  itemsSuccessfulCount?: number;
  /** Bytes of the complete items. */
  totalSize?: number;
  failureCode?: string;
  failure?: string;
  extra: Record<string, unknown>;
}

/** The transcoding settings of a sync item (`<MediaSettings>`); bitrates in kbps, qualities 0–100. */
export interface SyncMediaSettings {
  audioBoost?: number;
  maxVideoBitrate?: number;
  musicBitrate?: number;
  photoQuality?: number;
  photoResolution?: string;
  videoQuality?: number;
  videoResolution?: string;
  subtitleSize?: number;
  extra: Record<string, unknown>;
}

/** Which media a sync item takes (`<Policy>`): `scope` `all` or `count` (then `value` items), unwatched only. */
export interface SyncPolicy {
  scope?: string;
  value?: number;
  unwatched?: boolean;
  extra: Record<string, unknown>;
}

/** One thing a device was asked to sync: a movie, a season, a whole library. */
export interface SyncItem {
  /** plex.tv's id for the item: what `removeSyncItem` takes. */
  id: number;
  /** Bumped each time the item is changed. */
  version?: number;
  /** The library or show the item was made from (`Season 3`, `My Movies`). */
  rootTitle?: string;
  title?: string;
  /** `movie`, `episode`, `track`, …. */
  metadataType?: string;
  /** `video`, `audio` or `photo`. */
  contentType?: string;
  /** The server that holds the media (`<Server machineIdentifier>`). */
  machineIdentifier?: string;
  status?: SyncStatus;
  mediaSettings?: SyncMediaSettings;
  policy?: SyncPolicy;
  /** The library URI with its filters (`<Location uri>`, `library://…`). */
  location?: string;
  extra: Record<string, unknown>;
}

/** The sync target a sync list belongs to (`<Device>` in `/servers/{m}/sync_lists`; Tautulli reads these). */
export interface SyncDevice extends DeviceDescription {
  clientIdentifier?: string;
  /** The account id of the device's user. */
  userId?: number;
  name?: string;
  lastSeenAt?: Date;
  extra: Record<string, unknown>;
}

/** One device's sync items (python-plexapi's `SyncList`). */
export interface SyncList {
  /** plex.tv's id for the list (sync_lists only). */
  id?: number;
  /** The sync target's client identifier. */
  clientIdentifier?: string;
  /** The sync target (sync_lists only). */
  device?: SyncDevice;
  items: SyncItem[];
  extra: Record<string, unknown>;
}

const STATUS = new FieldTable([
  ['state', 'str'],
  ['itemsCount', 'int'],
  ['itemsCompleteCount', 'int'],
  ['itemsDownloadedCount', 'int'],
  ['itemsReadyCount', 'int'],
  ['itemsSuccessfulCount', 'int'],
  ['totalSize', 'int'],
  ['failureCode', 'str'],
  ['failure', 'str'],
]);

const SETTINGS = new FieldTable([
  ['audioBoost', 'int'],
  ['maxVideoBitrate', 'int'],
  ['musicBitrate', 'int'],
  ['photoQuality', 'int'],
  ['photoResolution', 'str'],
  ['videoQuality', 'int'],
  ['videoResolution', 'str'],
  ['subtitleSize', 'int'],
]);

const POLICY = new FieldTable([
  ['scope', 'str'],
  ['value', 'int'],
  ['unwatched', 'bool'],
]);

const ITEM = new FieldTable(
  [
    ['id', 'int'],
    ['version', 'int'],
    ['rootTitle', 'str'],
    ['title', 'str'],
    ['metadataType', 'str'],
    ['contentType', 'str'],
  ],
  [
    ...['Server', 'Status', 'MediaSettings', 'Policy', 'Location'],
    ...['server', 'status', 'mediaSettings', 'policy', 'location', 'machineIdentifier'],
  ],
);

const DEVICE = new FieldTable([
  ['clientIdentifier', 'str'],
  ['userId', 'int', 'userID', 'userId'],
  ['name', 'str'],
  ...DESCRIPTION,
  ['lastSeenAt', 'date'],
]);

const LIST = new FieldTable(
  [
    ['id', 'int'],
    ['clientIdentifier', 'str'],
  ],
  ['Device', 'device', 'SyncItems', 'SyncItem', 'syncItems'],
);

/** A nested element (`<Status/>`) or object (`"Status": {…}`), under its XML name or a camelCase JSON one. */
const nested = (w: Wire, name: string): Wire | undefined =>
  w.object(name) ?? w.object(name.charAt(0).toLowerCase() + name.slice(1));

function decodeStatus(w: Wire): SyncStatus {
  return STATUS.record(w);
}

function decodeSettings(w: Wire): SyncMediaSettings {
  return SETTINGS.record(w);
}

function decodePolicy(w: Wire): SyncPolicy {
  return POLICY.record(w);
}

function decodeSyncDevice(w: Wire): SyncDevice {
  return DEVICE.record(w);
}

/** Decode one `<SyncItem>`. A missing `id` is an error naming it (it is what `removeSyncItem` takes). */
export function decodeSyncItem(w: Wire, ctx: DecodeContext = {}): SyncItem {
  const v = ITEM.read(w);
  if (v[0] === undefined) throw missing(w, 'id', w.get('id'), 'an integer', ctx);
  const server = nested(w, 'Server');
  const status = nested(w, 'Status');
  const settings = nested(w, 'MediaSettings');
  const policy = nested(w, 'Policy');
  const location = nested(w, 'Location');
  return {
    id: v[0],
    version: v[1],
    rootTitle: v[2],
    title: v[3],
    metadataType: v[4],
    contentType: v[5],
    machineIdentifier: (server && str(server, 'machineIdentifier')) ?? str(w, 'machineIdentifier'),
    status: status && decodeStatus(status),
    mediaSettings: settings && decodeSettings(settings),
    policy: policy && decodePolicy(policy),
    location: (location && str(location, 'uri')) ?? str(w, 'location'),
    extra: v[6],
  };
}

/**
 * The items of a list: XML `<SyncItems><SyncItem/>…</SyncItems>` (or `<SyncItem>` straight under the list);
 * JSON `"SyncItems": [...]`, `"SyncItems": {"SyncItem": [...]}`, `"SyncItem": [...]` or `"syncItems": [...]`.
 */
function syncItemWires(w: Wire): Wire[] {
  if (w.format === 'xml') {
    const wrapped = w.object('SyncItems')?.repeated('SyncItem') ?? [];
    return [...wrapped, ...w.repeated('SyncItem')];
  }
  const inner = w.object('SyncItems');
  if (inner) return inner.objects('SyncItem');
  return [...w.objects('SyncItems'), ...w.objects('SyncItem'), ...w.objects('syncItems')];
}

/** Decode one device's sync list (`<SyncList>`, or the `/devices/{id}/sync_items` root). */
export function decodeSyncList(w: Wire, ctx: DecodeContext = {}): SyncList {
  const v = LIST.read(w);
  const device = nested(w, 'Device');
  return {
    id: v[0],
    clientIdentifier: v[1] ?? (device && str(device, 'clientIdentifier')),
    device: device && decodeSyncDevice(device),
    items: syncItemWires(w).map((item) => decodeSyncItem(item, ctx)),
    extra: v[2],
  };
}

/**
 * The `/devices/{id}/sync_items` root as one list: python-plexapi reads a `<SyncList>` root; a
 * `<MediaContainer>` holding one `<SyncList>` (as `/servers/{m}/sync_lists` sends them) is read the same.
 */
export function syncListWire(w: Wire): Wire {
  if (w.format === 'xml') return w.repeated('SyncList')[0] ?? w;
  const container = w.object('MediaContainer') ?? w;
  return container.object('SyncList') ?? container.objects('SyncList')[0] ?? container;
}
