/**
 * Seed devices: what `/devices.xml` lists and, for servers, clients and players, what
 * `/api/v2/resources` and `/api/resources` list. Servers may be shared with other accounts.
 */

import { parseBehaviour } from '../pms/behaviour.js';
import { DEVICE_DESCRIPTION_KEYS, isServerProvides } from '../state/devices.js';
import { checkDate, fail, isObj, type Obj, optBool, optString, type SeedDate, SeedError } from './check.js';
import {
  type SeedLibrarySection,
  type SeedSharingSettings,
  validateLibrarySections,
  validateSharingSettings,
} from './friends.js';

/** One way to reach a device, as plex.tv lists it. */
export interface SeedConnection {
  protocol: 'http' | 'https';
  /** An IPv4 or IPv6 address, or a host name. */
  address: string;
  port: number;
  /** Default `<protocol>://<address>:<port>` (IPv6 in brackets). plex.tv lists plex.direct names here. */
  uri?: string;
  /** Default false. */
  local?: boolean;
  /** A relay connection (plex.tv's relay service). Default false. */
  relay?: boolean;
  /** Default: true when `address` contains ":". */
  IPv6?: boolean;
  /**
   * How the fake server for this connection behaves once `emulator.servers.start()` runs:
   * "up", "refused", "wrong-identity", "black-hole" or "status:<code>". Default "up" for http,
   * "refused" for https (the fake servers speak no TLS).
   */
  behaviour?: string;
}

/** `<SyncList>` of a sync target in `/devices.xml`. */
export interface SeedSyncList {
  itemsCompleteCount: number;
  /** Bytes; may exceed 2^32 (a capture has 227001669489). */
  totalSize: number;
  /** Default 2. */
  version?: number;
}

/** A server shared with another account (or with a Home member). */
export interface SeedShare {
  /** The account that sees the server: id, username or e-mail (managed users: id). */
  account: number | string;
  /** The token that account uses for this server (`accessToken` in its resources). */
  accessToken: string;
  /** Shared within a Plex Home (`home: true`) rather than as a friend. Default false. */
  home?: boolean;
  /** Default false. */
  publicAddressMatches?: boolean;
  /** The shared server id (`/api/v2/shared_servers/{id}`). Default: 60000001, … in seed order. Unique. */
  id?: number;
  /** plex.tv section ids (the server's `librarySections[].id`) to share. Omitted: all libraries. */
  librarySectionIds?: number[];
  /** Sharing settings of this share (over the defaults). */
  settings?: SeedSharingSettings;
  /** When it was shared. Default: the seed clock. */
  sharedAt?: SeedDate;
}

/** A device (player, app or server) of a seed account, with its connections when it is a server. */
export interface SeedDevice {
  /** `/devices.xml` id (and `DELETE /devices/{id}.xml`). */
  id: number;
  /** The owning account: id, username or e-mail. */
  owner: number | string;
  name: string;
  product: string;
  /** Default "" (servers: "1.41.0.0000"). */
  productVersion?: string;
  platform?: string;
  platformVersion?: string;
  /** May be "" (an HTPC client does that). Default "". */
  device?: string;
  model?: string;
  vendor?: string;
  /** CSV, e.g. "server" or "client,player,pubsub-player". "" and "controller" devices are not resources. */
  provides: string;
  /** A server's machine identifier. Unique across devices. */
  clientIdentifier: string;
  /** `/devices.xml` version. Default: productVersion. */
  version?: string;
  /** The device's own plex.tv token (`/devices.xml` token): a working token of the owner. */
  token: string;
  /**
   * The owner's `accessToken` in resources. Servers: required (the fake server accepts it). Other
   * devices: default the device token; `null` lists it as null (JSON) or leaves it out (v1 XML).
   */
  accessToken?: string | null;
  createdAt: SeedDate;
  lastSeenAt: SeedDate;
  /** Default "". */
  publicAddress?: string;
  screenResolution?: string;
  screenDensity?: string;
  /** Default true. */
  presence?: boolean;
  /** Default true. */
  publicAddressMatches?: boolean;
  /** Servers only. Defaults: false, false, true, false, false. */
  httpsRequired?: boolean;
  synced?: boolean;
  relay?: boolean;
  dnsRebindingProtection?: boolean;
  natLoopbackSupported?: boolean;
  /** Omitted: the device has no connections (the JSON `connections` key is then absent). */
  connections?: SeedConnection[];
  syncList?: SeedSyncList;
  /** Servers only: its library sections (what `/api/v2/servers/{id}` lists and shares pick from). */
  librarySections?: SeedLibrarySection[];
  /**
   * Servers only: who else sees it. A share with an account that is neither in the owner's Home nor
   * a friend makes the two friends (accepted), unless `seed.friends` has a pending invitation between
   * them: then the share is pending too, and the server is not in that account's resources yet.
   */
  sharedWith?: SeedShare[];
}

// The device fields by how validateDevices checks them; the known keys are their union, so a field
// is named once and cannot be accepted without being checked.
const REQUIRED_STRINGS = ['name', 'product', 'provides', 'clientIdentifier', 'token'];
const OPTIONAL_STRINGS = [
  'productVersion',
  ...DEVICE_DESCRIPTION_KEYS,
  'version',
  'publicAddress',
  'screenResolution',
  'screenDensity',
];
const SERVER_ONLY = ['httpsRequired', 'synced', 'relay', 'dnsRebindingProtection', 'natLoopbackSupported'];
const OPTIONAL_BOOLS = ['presence', 'publicAddressMatches', ...SERVER_ONLY];
const KNOWN_DEVICE_KEYS = new Set([
  'id',
  'owner',
  ...REQUIRED_STRINGS,
  ...OPTIONAL_STRINGS,
  'accessToken',
  'createdAt',
  'lastSeenAt',
  ...OPTIONAL_BOOLS,
  'connections',
  'syncList',
  'librarySections',
  'sharedWith',
]);

const SHARE_KEYS = [
  'account',
  'accessToken',
  'home',
  'publicAddressMatches',
  'id',
  'librarySectionIds',
  'settings',
  'sharedAt',
];

function isNonNegInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function validateConnection(c: unknown, path: string): void {
  if (!isObj(c)) fail(path, 'a connection object', c);
  for (const key of Object.keys(c)) {
    if (!['protocol', 'address', 'port', 'uri', 'local', 'relay', 'IPv6', 'behaviour'].includes(key))
      throw new SeedError(`${path}.${key}: unknown connection field`);
  }
  if (c.protocol !== 'http' && c.protocol !== 'https')
    fail(`${path}.protocol`, '"http" or "https"', c.protocol);
  if (typeof c.address !== 'string' || c.address === '') fail(`${path}.address`, 'an address', c.address);
  if (!Number.isInteger(c.port) || (c.port as number) < 1 || (c.port as number) > 65535)
    fail(`${path}.port`, 'a port 1-65535', c.port);
  optString(c, 'uri', path);
  if (typeof c.uri === 'string' && !/^https?:\/\/\S+$/.test(c.uri))
    fail(`${path}.uri`, 'an http(s) URI', c.uri);
  for (const key of ['local', 'relay', 'IPv6']) optBool(c, key, path);
  if (c.behaviour !== undefined) {
    if (typeof c.behaviour !== 'string') fail(`${path}.behaviour`, 'a behaviour string', c.behaviour);
    const parsed = parseBehaviour(c.behaviour);
    if (typeof parsed === 'string') throw new SeedError(`${path}.behaviour: ${parsed}`);
    if (c.protocol === 'https' && parsed.kind !== 'refused' && parsed.kind !== 'black-hole') {
      throw new SeedError(
        `${path}.behaviour: an https connection can only be "refused" or "black-hole" (the fake servers speak no TLS)`,
      );
    }
  }
}

/**
 * Validate `seed.devices`. `resolve` maps an account reference to its id (null: unknown);
 * `claim(kind, value, path)` enforces uniqueness across the whole seed (tokens, ids).
 */
export function validateDevices(
  devices: unknown,
  resolve: (ref: number | string) => number | null,
  claim: (kind: string, value: string, path: string) => void,
): void {
  if (!Array.isArray(devices)) fail('seed.devices', 'an array of devices', devices);
  devices.forEach((d: unknown, i: number) => {
    const path = `seed.devices[${i}]`;
    if (!isObj(d)) fail(path, 'a device object', d);
    for (const key of Object.keys(d)) {
      if (!KNOWN_DEVICE_KEYS.has(key)) throw new SeedError(`${path}.${key}: unknown device field`);
    }
    if (!isNonNegInt(d.id) || d.id === 0) fail(`${path}.id`, 'a positive integer', d.id);
    claim('device id', String(d.id), `${path}.id`);
    const ownerRef = d.owner;
    if (typeof ownerRef !== 'number' && typeof ownerRef !== 'string')
      fail(`${path}.owner`, 'an account id, username or email', ownerRef);
    const ownerId = resolve(ownerRef);
    if (ownerId === null) throw new SeedError(`${path}.owner: no seeded account ${JSON.stringify(ownerRef)}`);
    for (const key of REQUIRED_STRINGS) {
      if (typeof d[key] !== 'string') fail(`${path}.${key}`, 'a string', d[key]);
    }
    for (const key of ['clientIdentifier', 'token', 'name']) {
      if (d[key] === '') fail(`${path}.${key}`, 'a non-empty string', d[key]);
    }
    claim('client identifier', d.clientIdentifier as string, `${path}.clientIdentifier`);
    claim('token', d.token as string, `${path}.token`);
    for (const key of OPTIONAL_STRINGS) {
      optString(d, key, path);
    }
    optString(d, 'accessToken', path, true);
    for (const key of OPTIONAL_BOOLS) optBool(d, key, path);
    checkDate(d, 'createdAt', path, true);
    checkDate(d, 'lastSeenAt', path, true);

    const server = isServerProvides(d.provides as string);
    if (server) {
      if (typeof d.accessToken !== 'string' || d.accessToken === '')
        fail(
          `${path}.accessToken`,
          "the owner's access token for this server (a non-empty string)",
          d.accessToken,
        );
    } else {
      for (const key of [...SERVER_ONLY, 'sharedWith', 'librarySections']) {
        if (d[key] !== undefined)
          throw new SeedError(`${path}.${key}: only servers (provides "server") have ${key}`);
      }
    }
    if (typeof d.accessToken === 'string') claim('token', d.accessToken, `${path}.accessToken`);

    if (d.connections !== undefined) {
      if (!Array.isArray(d.connections))
        fail(`${path}.connections`, 'an array of connections', d.connections);
      d.connections.forEach((c: unknown, j: number) => {
        validateConnection(c, `${path}.connections[${j}]`);
      });
    }

    if (d.syncList !== undefined) {
      const sp = `${path}.syncList`;
      const s = d.syncList as Obj;
      if (!isObj(s)) fail(sp, 'an object { itemsCompleteCount, totalSize, version? }', s);
      for (const key of ['itemsCompleteCount', 'totalSize']) {
        if (!isNonNegInt(s[key])) fail(`${sp}.${key}`, 'a non-negative integer', s[key]);
      }
      if (s.version !== undefined && !isNonNegInt(s.version))
        fail(`${sp}.version`, 'a non-negative integer', s.version);
    }

    if (d.librarySections !== undefined) {
      validateLibrarySections(d.librarySections, `${path}.librarySections`, claim);
    }
    const sectionIds = new Set(
      Array.isArray(d.librarySections) ? (d.librarySections as Obj[]).map((s) => s.id as number) : [],
    );

    if (d.sharedWith !== undefined) {
      if (!Array.isArray(d.sharedWith)) fail(`${path}.sharedWith`, 'an array of shares', d.sharedWith);
      const seen = new Set<number>();
      d.sharedWith.forEach((s: unknown, j: number) => {
        const sp = `${path}.sharedWith[${j}]`;
        if (!isObj(s)) fail(sp, 'a share object { account, accessToken, home? }', s);
        for (const key of Object.keys(s)) {
          if (!SHARE_KEYS.includes(key)) throw new SeedError(`${sp}.${key}: unknown share field`);
        }
        if (typeof s.account !== 'number' && typeof s.account !== 'string')
          fail(`${sp}.account`, 'an account id, username or email', s.account);
        const id = resolve(s.account);
        if (id === null) throw new SeedError(`${sp}.account: no seeded account ${JSON.stringify(s.account)}`);
        if (id === ownerId) throw new SeedError(`${sp}.account: the owner already sees its own server`);
        if (seen.has(id)) throw new SeedError(`${sp}.account: shared with account ${id} twice`);
        seen.add(id);
        if (typeof s.accessToken !== 'string' || s.accessToken === '')
          fail(`${sp}.accessToken`, 'a non-empty token', s.accessToken);
        claim('token', s.accessToken, `${sp}.accessToken`);
        optBool(s, 'home', sp);
        optBool(s, 'publicAddressMatches', sp);
        if (s.id !== undefined) {
          if (!isNonNegInt(s.id) || s.id === 0) fail(`${sp}.id`, 'a positive integer', s.id);
          claim('shared server id', String(s.id), `${sp}.id`);
        }
        if (s.librarySectionIds !== undefined) {
          const ids = s.librarySectionIds;
          if (!Array.isArray(ids))
            fail(`${sp}.librarySectionIds`, "an array of the server's section ids", ids);
          ids.forEach((id: unknown, k: number) => {
            if (typeof id !== 'number' || !sectionIds.has(id))
              fail(`${sp}.librarySectionIds[${k}]`, "one of this server's librarySections ids", id);
          });
          if (new Set(ids).size !== ids.length)
            throw new SeedError(`${sp}.librarySectionIds: a section is listed twice`);
        }
        if (s.settings !== undefined) validateSharingSettings(s.settings, `${sp}.settings`);
        checkDate(s, 'sharedAt', sp, false);
      });
    }
  });
}
