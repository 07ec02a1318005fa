/**
 * `PlexDevice`: a device that signed in to the account (`GET /devices.xml`): apps, servers, scripts. Each
 * holds its own token; removing the device revokes it.
 */

import { FieldTable, type ScalarField } from '../wire/table.js';
import { toStrList } from '../wire/values.js';
import type { Wire } from '../wire/wire.js';
import { type DecodeContext, missing, str } from './read.js';
import { findByNameOrId } from './resource.js';

/** A sync target's state (`<SyncList>`). */
export interface DeviceSyncList {
  itemsCompleteCount?: number;
  /** Bytes. Can exceed 2^32 (seen: 227001669489); exact up to 2^53. */
  totalSize?: number;
  version?: number;
  extra: Record<string, unknown>;
}

/** What a client says of itself in its `X-Plex-*` headers, as plex.tv lists it for a device. */
export interface DeviceDescription {
  product?: string;
  productVersion?: string;
  platform?: string;
  platformVersion?: string;
  device?: string;
  model?: string;
}

/** A device signed in to the account (`/devices.xml`): apps, players and servers, with their token. */
export interface PlexDevice extends DeviceDescription {
  /** plex.tv's id for the device: what `removeDevice` takes. A string (it is only ever an identifier). */
  id: string;
  /** The device's own client identifier (`X-Plex-Client-Identifier`). */
  clientIdentifier: string;
  name?: string;
  /** The address it was last seen from. */
  publicAddress?: string;
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

/** The table rows of `DeviceDescription`, in its order (every model that extends it reads them alike). */
export const DESCRIPTION: readonly ScalarField[] = [
  ['product', 'str'],
  ['productVersion', 'str'],
  ['platform', 'str'],
  ['platformVersion', 'str'],
  ['device', 'str'],
  ['model', 'str'],
];

const DEVICE = new FieldTable(
  [
    ['id', 'str'],
    ['clientIdentifier', 'str'],
    ['name', 'str'],
    ['publicAddress', 'str'],
    ...DESCRIPTION,
    ['vendor', 'str'],
    ['version', 'str'],
    ['token', 'str'],
    ['createdAt', 'date'],
    ['lastSeenAt', 'date'],
    ['screenDensity', 'str'],
  ],
  ['provides', 'screenResolution', 'Connection', 'connections', 'SyncList', 'syncList'],
);

const SYNC = new FieldTable([
  ['itemsCompleteCount', 'int'],
  ['totalSize', 'int'],
  ['version', 'int'],
]);

export function decodeDevice(w: Wire, ctx: DecodeContext = {}): PlexDevice {
  const sync = w.object('SyncList') ?? w.object('syncList');
  const v = DEVICE.read(w);
  if (v[0] === undefined) throw missing(w, 'id', w.get('id'), 'a non-empty string', ctx);
  if (v[1] === undefined) {
    throw missing(w, 'clientIdentifier', w.get('clientIdentifier'), 'a non-empty string', ctx);
  }
  const s = sync && SYNC.read(sync);
  return {
    id: v[0],
    clientIdentifier: v[1],
    name: v[2],
    publicAddress: v[3],
    product: v[4],
    productVersion: v[5],
    platform: v[6],
    platformVersion: v[7],
    device: v[8],
    model: v[9],
    vendor: v[10],
    version: v[11],
    provides: toStrList(w.plain('provides')),
    token: v[12],
    createdAt: v[13],
    lastSeenAt: v[14],
    screenResolution: toStrList(w.plain('screenResolution')),
    screenDensity: v[15],
    connections: connectionUris(w),
    syncList: s ? { itemsCompleteCount: s[0], totalSize: s[1], version: s[2], extra: s[3] } : undefined,
    extra: v[16],
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
