/**
 * `PlexResource`: a server, player or app linked to the account, with the addresses plex.tv knows for it.
 *
 * Three wire shapes decode to this one model: v2 JSON (`GET /api/v2/resources`, a bare array), v2 XML
 * (`<resources><resource><connections><connection/></connections></resource></resources>`) and v1 XML
 * (`GET /api/resources`: `<MediaContainer><Device><Connection/></Device></MediaContainer>`).
 */

import { FieldTable } from '../wire/table.js';
import { toStrList } from '../wire/values.js';
import type { Wire } from '../wire/wire.js';
import { type DecodeContext, missing } from './read.js';

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

/** A server, player or app the account can use (`/api/v2/resources`), with its connections. */
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

/** The resource's scalar fields (in model order) and the keys its decoder reads itself. */
const RESOURCE = new FieldTable(
  [
    ['name', 'str'],
    ['clientIdentifier', 'str'],
    ['product', 'str'],
    ['productVersion', 'str'],
    ['platform', 'str'],
    ['platformVersion', 'str'],
    ['device', 'str'],
    ['createdAt', 'date'],
    ['lastSeenAt', 'date'],
    ['ownerId', 'int'],
    ['sourceTitle', 'str'],
    ['publicAddress', 'str'],
    ['accessToken', 'str'],
    ['owned', 'bool'],
    ['home', 'bool'],
    ['synced', 'bool'],
    ['relay', 'bool'],
    ['presence', 'bool'],
    ['httpsRequired', 'bool'],
    ['publicAddressMatches', 'bool'],
    ['dnsRebindingProtection', 'bool'],
    ['natLoopbackSupported', 'bool'],
  ],
  // v1 XML: connections are direct <Connection> children.
  ['provides', 'connections', 'Connection'],
);

const CONNECTION = new FieldTable([
  ['protocol', 'str'],
  ['address', 'str'],
  ['port', 'int'],
  ['uri', 'str'],
  ['local', 'bool'],
  ['relay', 'bool'],
  ['IPv6', 'bool'],
]);

/** Decode one resource. Only a missing `clientIdentifier` (or a connection's `uri`) is an error. */
export function decodeResource(w: Wire, ctx: DecodeContext = {}): PlexResource {
  const v = RESOURCE.read(w);
  if (v[1] === undefined) {
    throw missing(w, 'clientIdentifier', w.get('clientIdentifier'), 'a non-empty string', ctx);
  }
  const wires = connectionsOf(w);
  const connections: ResourceConnection[] = [];
  for (let i = 0; i < wires.length; i++) connections.push(decodeConnection(wires[i]!, ctx));
  return {
    name: v[0],
    clientIdentifier: v[1],
    product: v[2],
    productVersion: v[3],
    platform: v[4],
    platformVersion: v[5],
    device: v[6],
    createdAt: v[7],
    lastSeenAt: v[8],
    provides: toStrList(w.plain('provides')),
    ownerId: v[9],
    sourceTitle: v[10],
    publicAddress: v[11],
    accessToken: v[12],
    owned: v[13],
    home: v[14],
    synced: v[15],
    relay: v[16],
    presence: v[17],
    httpsRequired: v[18],
    publicAddressMatches: v[19],
    dnsRebindingProtection: v[20],
    natLoopbackSupported: v[21],
    connections,
    extra: v[22],
  };
}

function connectionsOf(w: Wire): Wire[] {
  const v1 = w.repeated('Connection');
  return v1.length > 0 ? v1 : w.objects('connections');
}

export function decodeConnection(w: Wire, ctx: DecodeContext = {}): ResourceConnection {
  const v = CONNECTION.read(w);
  if (v[3] === undefined) throw missing(w, 'uri', w.get('uri'), 'a non-empty string', ctx);
  return {
    protocol: v[0],
    address: v[1],
    port: v[2],
    uri: v[3],
    local: v[4],
    relay: v[5],
    IPv6: v[6],
    extra: v[7],
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
