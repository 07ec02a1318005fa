/**
 * `PlexDevice`: a device that signed in to the account (`GET /devices.xml`): apps, servers, scripts. Each
 * holds its own token; removing the device revokes it.
 */
import { toStrList } from '../wire/values.js';
import { extras, type Wire } from '../wire/wire.js';
import { type DecodeContext, date, int, requireStr, str } from './read.js';
import { findByNameOrId } from './resource.js';

/** A sync target's state (`<SyncList>`). */
export interface DeviceSyncList {
  itemsCompleteCount?: number;
  /** Bytes. Can exceed 2^32 (seen: 227001669489); exact up to 2^53. */
  totalSize?: number;
  version?: number;
  extra: Record<string, unknown>;
}

export interface PlexDevice {
  /** plex.tv's id for the device: what `removeDevice` takes. A string (it is only ever an identifier). */
  id: string;
  /** The device's own client identifier (`X-Plex-Client-Identifier`). */
  clientIdentifier: string;
  name?: string;
  /** The address it was last seen from. */
  publicAddress?: string;
  product?: string;
  productVersion?: string;
  platform?: string;
  platformVersion?: string;
  device?: string;
  model?: string;
  vendor?: string;
  version?: string;
  /** `server`, `client`, `player`, `controller`, `sync-target`, …; often empty. */
  provides: string[];
  /** The device's own token. A secret: never log it. */
  token?: string;
  createdAt?: Date;
  lastSeenAt?: Date;
  /** Screen sizes it reported (`1440x772,1440x900` → two entries). */
  screenResolution: string[];
  screenDensity?: string;
  /** Its addresses (`<Connection uri/>`), as plex.tv lists them. */
  connections: string[];
  /** Present on sync targets. */
  syncList?: DeviceSyncList;
  extra: Record<string, unknown>;
}

const KNOWN = new Set<string>([
  'id',
  'clientIdentifier',
  'name',
  'publicAddress',
  'product',
  'productVersion',
  'platform',
  'platformVersion',
  'device',
  'model',
  'vendor',
  'version',
  'token',
  'screenDensity',
  'provides',
  'createdAt',
  'lastSeenAt',
  'screenResolution',
  'Connection',
  'connections',
  'SyncList',
  'syncList',
]);

const SYNC_KEYS = new Set(['itemsCompleteCount', 'totalSize', 'version']);

/** Decode one device. Only a missing `id` or `clientIdentifier` is an error. */
export function decodeDevice(w: Wire, ctx: DecodeContext = {}): PlexDevice {
  const sync = w.object('SyncList') ?? w.object('syncList');
  return {
    id: requireStr(w, ['id'], ctx),
    clientIdentifier: requireStr(w, ['clientIdentifier'], ctx),
    name: str(w, 'name'),
    publicAddress: str(w, 'publicAddress'),
    product: str(w, 'product'),
    productVersion: str(w, 'productVersion'),
    platform: str(w, 'platform'),
    platformVersion: str(w, 'platformVersion'),
    device: str(w, 'device'),
    model: str(w, 'model'),
    vendor: str(w, 'vendor'),
    version: str(w, 'version'),
    provides: toStrList(w.plain('provides')),
    token: str(w, 'token'),
    createdAt: date(w, 'createdAt'),
    lastSeenAt: date(w, 'lastSeenAt'),
    screenResolution: toStrList(w.plain('screenResolution')),
    screenDensity: str(w, 'screenDensity'),
    connections: connectionUris(w),
    syncList: sync
      ? {
          itemsCompleteCount: int(sync, 'itemsCompleteCount'),
          totalSize: int(sync, 'totalSize'),
          version: int(sync, 'version'),
          extra: extras(sync, SYNC_KEYS),
        }
      : undefined,
    extra: extras(w, KNOWN),
  };
}

function connectionUris(w: Wire): string[] {
  const items =
    w.format === 'xml' ? w.repeated('Connection') : [...w.objects('Connection'), ...w.objects('connections')];
  return items.map((c) => str(c, 'uri')).filter((uri): uri is string => uri !== undefined);
}

/**
 * The device named `nameOrClientId`: an exact `clientIdentifier` match first, else the first whose name matches
 * case-insensitively. Undefined when none does.
 */
export function findDevice(devices: readonly PlexDevice[], nameOrClientId: string): PlexDevice | undefined {
  return findByNameOrId(devices, nameOrClientId);
}
