/**
 * `PlexResource`: a server, player or app linked to the account, with the addresses plex.tv knows for it.
 *
 * Three wire shapes decode to this one model: v2 JSON (`GET /api/v2/resources`, a bare array), v2 XML
 * (`<resources><resource><connections><connection/></connections></resource></resources>`) and v1 XML
 * (`GET /api/resources`: `<MediaContainer><Device><Connection/></Device></MediaContainer>`).
 */
import { toStrList } from '../wire/values.js';
import { extras, type Wire } from '../wire/wire.js';
import { bool, type DecodeContext, date, int, requireStr, str } from './read.js';

/** One address plex.tv advertises for a resource. */
export interface ResourceConnection {
  /** `http` or `https` (open: plex.tv may add others). */
  protocol?: 'http' | 'https' | (string & {});
  /** An IPv4 or IPv6 literal, or a host name. */
  address?: string;
  port?: number;
  /** The URL plex.tv advertises (usually `https://a-b-c-d.<hash>.plex.direct:32400`). */
  uri: string;
  /** On the resource's own network. */
  local?: boolean;
  /** Through Plex's relay (slow, bandwidth-capped). Absent on most v1 connections: treat as false. */
  relay?: boolean;
  /** `address` is an IPv6 address (plex.tv's `IPv6`; absent in v1 XML). */
  IPv6?: boolean;
  extra: Record<string, unknown>;
}

export interface PlexResource {
  name?: string;
  /** The resource's machine identifier: what a server's `/identity` answers. */
  clientIdentifier: string;
  product?: string;
  productVersion?: string;
  platform?: string;
  platformVersion?: string;
  /** Device model (`PC`, `Docker Container`, `iPhone`); may be empty for apps. */
  device?: string;
  createdAt?: Date;
  lastSeenAt?: Date;
  /** What it does: `server`, `client`, `player`, `controller`, `sync-target`, `pubsub-player`, … */
  provides: string[];
  /** The owner's account id, for resources shared with you (undefined for your own). */
  ownerId?: number;
  /** The owner's name, for resources shared with you. */
  sourceTitle?: string;
  publicAddress?: string;
  /**
   * The token to use **for this resource** (for a shared server it differs from your account token).
   * A secret: send it only as `X-Plex-Token`, never log it. Players often have none.
   */
  accessToken?: string;
  /** Yours (local connections of resources you do not own are not tried by `connect`). */
  owned?: boolean;
  /** Shared through your Plex Home. */
  home?: boolean;
  synced?: boolean;
  /** Relay connections are allowed. */
  relay?: boolean;
  /** Online according to plex.tv. */
  presence?: boolean;
  /** The server refuses plain http: `connect` then tries https only. */
  httpsRequired?: boolean;
  /** Your public address is the resource's: you are probably on its network. */
  publicAddressMatches?: boolean;
  dnsRebindingProtection?: boolean;
  natLoopbackSupported?: boolean;
  /** Its addresses, as plex.tv lists them (none for some devices). */
  connections: ResourceConnection[];
  extra: Record<string, unknown>;
}

const KNOWN = new Set<string>([
  'name',
  'clientIdentifier',
  'product',
  'productVersion',
  'platform',
  'platformVersion',
  'device',
  'sourceTitle',
  'publicAddress',
  'accessToken',
  'owned',
  'home',
  'synced',
  'relay',
  'presence',
  'httpsRequired',
  'publicAddressMatches',
  'dnsRebindingProtection',
  'natLoopbackSupported',
  'createdAt',
  'lastSeenAt',
  'provides',
  'ownerId',
  'connections',
  // v1 XML: connections are direct <Connection> children.
  'Connection',
]);

const CONNECTION_KEYS = new Set(['protocol', 'address', 'port', 'uri', 'local', 'relay', 'IPv6']);

/** Decode one resource. Only a missing `clientIdentifier` (or a connection's `uri`) is an error. */
export function decodeResource(w: Wire, ctx: DecodeContext = {}): PlexResource {
  return {
    name: str(w, 'name'),
    clientIdentifier: requireStr(w, ['clientIdentifier'], ctx),
    product: str(w, 'product'),
    productVersion: str(w, 'productVersion'),
    platform: str(w, 'platform'),
    platformVersion: str(w, 'platformVersion'),
    device: str(w, 'device'),
    createdAt: date(w, 'createdAt'),
    lastSeenAt: date(w, 'lastSeenAt'),
    provides: toStrList(w.plain('provides')),
    ownerId: int(w, 'ownerId'),
    sourceTitle: str(w, 'sourceTitle'),
    publicAddress: str(w, 'publicAddress'),
    accessToken: str(w, 'accessToken'),
    owned: bool(w, 'owned'),
    home: bool(w, 'home'),
    synced: bool(w, 'synced'),
    relay: bool(w, 'relay'),
    presence: bool(w, 'presence'),
    httpsRequired: bool(w, 'httpsRequired'),
    publicAddressMatches: bool(w, 'publicAddressMatches'),
    dnsRebindingProtection: bool(w, 'dnsRebindingProtection'),
    natLoopbackSupported: bool(w, 'natLoopbackSupported'),
    connections: connectionsOf(w).map((c) => decodeConnection(c, ctx)),
    extra: extras(w, KNOWN),
  };
}

function connectionsOf(w: Wire): Wire[] {
  const v1 = w.repeated('Connection');
  return v1.length > 0 ? v1 : w.objects('connections');
}

export function decodeConnection(w: Wire, ctx: DecodeContext = {}): ResourceConnection {
  return {
    protocol: str(w, 'protocol'),
    address: str(w, 'address'),
    port: int(w, 'port'),
    uri: requireStr(w, ['uri'], ctx),
    local: bool(w, 'local'),
    relay: bool(w, 'relay'),
    IPv6: bool(w, 'IPv6'),
    extra: extras(w, CONNECTION_KEYS),
  };
}

/**
 * The resource named `nameOrClientId`: an exact `clientIdentifier` match first, else the first whose name
 * matches case-insensitively. Undefined when none does.
 */
export function findResource(
  resources: readonly PlexResource[],
  nameOrClientId: string,
): PlexResource | undefined {
  return findByNameOrId(resources, nameOrClientId);
}

/** Shared by `findResource` and `findDevice`. */
export function findByNameOrId<T extends { name?: string | undefined; clientIdentifier: string }>(
  items: readonly T[],
  nameOrClientId: string,
): T | undefined {
  const byId = items.find((item) => item.clientIdentifier === nameOrClientId);
  if (byId) return byId;
  const wanted = nameOrClientId.toLowerCase();
  return items.find((item) => item.name !== undefined && item.name.toLowerCase() === wanted);
}
