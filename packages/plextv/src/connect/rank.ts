/**
 * Which URLs to try for a resource, best first.
 *
 * Each `ResourceConnection` gives up to two candidates: the URL plex.tv advertises (usually an https
 * `*.plex.direct` name) and, for https local connections on a private address (10/8, 172.16/12, 192.168/16,
 * 100.64/10, loopback, link-local, IPv6 ULA), plain `http://address:port`: the fallback Plex clients use on a LAN
 * when the plex.direct name does not resolve (DNS-rebinding protection). Remote addresses get no derived http
 * URL (their plex.direct name resolves; http would carry the token in clear across the internet) unless
 * `httpFallback: true`. Candidates are ordered by
 * location (local → remote → relay), then scheme (https → http), then IP version (IPv4 → IPv6), then plex.tv's
 * order; every part of that is configurable. Local connections of resources you do not own are skipped (their
 * addresses are on someone else's network), and a resource that requires https gets no http candidate.
 */
import type { PlexResource, ResourceConnection } from '../models/resource.js';

/** Where a connection leads: the server's LAN, its public address, or Plex's relay. */
export type ConnectionLocation = 'local' | 'remote' | 'relay';
/** A connection's protocol. */
export type ConnectionScheme = 'https' | 'http';
/** A connection's IP version. */
export type IpVersion = 'ipv4' | 'ipv6';
/** A ranking dimension. */
export type RankKey = 'location' | 'scheme' | 'ipVersion';

/** How candidates are ranked and which are skipped (orders, `httpFallback`, what a shared server may use). */
export interface RankOptions {
  /** Locations to try, best first. Leave one out to never try it. Default `['local', 'remote', 'relay']`. */
  locations?: readonly ConnectionLocation[];
  /** Schemes to try, best first. Default `['https', 'http']`. */
  schemes?: readonly ConnectionScheme[];
  /** IP versions to try, best first (host names count as IPv4). Default `['ipv4', 'ipv6']`. */
  ipVersions?: readonly IpVersion[];
  /** Which dimension decides first. Default `['location', 'scheme', 'ipVersion']`. */
  priority?: readonly RankKey[];
  /**
   * Local before remote (true, default); remote before local (false); or `'auto'`: local first unless plex.tv
   * says your public address is not the resource's (`publicAddressMatches: false`), i.e. you are elsewhere.
   */
  preferLocal?: boolean | 'auto';
  /**
   * Also try `http://address:port` for https connections: `'local'` (default) for local connections on a
   * private address only, where Plex clients use it; `true` for every connection that is not a relay (the
   * token then travels in clear to remote addresses); `false` never.
   */
  httpFallback?: boolean | 'local';
  /** Try local connections of resources you do not own too. Default false. */
  unownedLocal?: boolean;
  /** Offer http even when the resource says `httpsRequired`. Default false. */
  ignoreHttpsRequired?: boolean;
}

/** One URL to try, with why it sits where it does. */
export interface ConnectionCandidate {
  /** Base URL, without a trailing slash (`https://10-0-0-5.abc.plex.direct:32400`, `http://[fd00::5]:32400`). */
  uri: string;
  location: ConnectionLocation;
  scheme: ConnectionScheme;
  ipVersion: IpVersion;
  /** `advertised`: plex.tv's `uri`; `direct`: `http://address:port` built from the connection. */
  source: 'advertised' | 'direct';
  /** 0 is the best. */
  rank: number;
  /** Why it is ranked here, in words. */
  reason: string;
  /** The connection it comes from. */
  connection: ResourceConnection;
}

/** A connection (or one of its URLs) that will not be tried, and why. */
export interface SkippedConnection {
  uri: string;
  reason: string;
  connection: ResourceConnection;
}

/** What `planConnections` decided: the ranked candidates, and what was skipped and why. */
export interface ConnectionPlan {
  candidates: ConnectionCandidate[];
  skipped: SkippedConnection[];
}

export const DEFAULT_LOCATIONS: readonly ConnectionLocation[] = ['local', 'remote', 'relay'];
export const DEFAULT_SCHEMES: readonly ConnectionScheme[] = ['https', 'http'];
export const DEFAULT_IP_VERSIONS: readonly IpVersion[] = ['ipv4', 'ipv6'];
export const DEFAULT_PRIORITY: readonly RankKey[] = ['location', 'scheme', 'ipVersion'];

interface Draft {
  uri: string;
  location: ConnectionLocation;
  scheme: ConnectionScheme;
  ipVersion: IpVersion;
  source: 'advertised' | 'direct';
  connection: ResourceConnection;
  order: number;
}

/** The candidates for `resource`, best first (see the module notes), plus what was left out and why. */
export function planConnections(resource: PlexResource, options: RankOptions = {}): ConnectionPlan {
  const skipped: SkippedConnection[] = [];
  const preferLocal =
    options.preferLocal === 'auto' ? resource.publicAddressMatches !== false : options.preferLocal !== false;
  const locations = unique(options.locations ?? DEFAULT_LOCATIONS);
  if (!preferLocal) moveAfter(locations, 'local', 'remote');
  const httpsOnly = resource.httpsRequired === true && options.ignoreHttpsRequired !== true;
  const schemes = unique(options.schemes ?? DEFAULT_SCHEMES).filter((s) => !(httpsOnly && s === 'http'));
  const ipVersions = unique(options.ipVersions ?? DEFAULT_IP_VERSIONS);
  const priority = unique([...(options.priority ?? DEFAULT_PRIORITY), ...DEFAULT_PRIORITY]);

  const drafts: Draft[] = [];
  resource.connections.forEach((connection, index) => {
    const location: ConnectionLocation = connection.relay ? 'relay' : connection.local ? 'local' : 'remote';
    if (location === 'local' && resource.owned === false && options.unownedLocal !== true) {
      skipped.push({
        uri: connection.uri,
        connection,
        reason: 'local address of a resource you do not own: it is on the owner’s network, not yours',
      });
      return;
    }
    if (!locations.includes(location)) {
      skipped.push({
        uri: connection.uri,
        connection,
        reason: `${location} connections are not wanted (locations)`,
      });
      return;
    }
    const ipVersion = ipVersionOf(connection);
    const urls: Array<{ uri: string; scheme: ConnectionScheme; source: 'advertised' | 'direct' }> = [];
    const advertised = advertisedUrl(connection);
    // plex.tv's uri may be unusable (e.g. an unbracketed IPv6 literal): then build it from the parts.
    const first = advertised
      ? { ...advertised, source: 'advertised' as const }
      : withSource(directUrl(connection, connection.protocol), 'direct');
    if (!first) {
      skipped.push({
        uri: connection.uri,
        connection,
        reason: 'neither its uri nor its address and port make an http(s) URL',
      });
      return;
    }
    urls.push(first);
    const fallback = options.httpFallback ?? 'local';
    const fallbackWanted =
      fallback === true
        ? location !== 'relay'
        : fallback === 'local' && location === 'local' && isPrivateAddress(connection.address);
    if (fallbackWanted && urls.some((u) => u.scheme === 'https')) {
      const http = directUrl(connection, 'http');
      if (http) urls.push({ ...http, source: 'direct' });
    }
    for (const url of urls) {
      if (!schemes.includes(url.scheme)) {
        const why =
          url.scheme === 'http' && httpsOnly
            ? 'the resource requires https'
            : `${url.scheme} is not wanted (schemes)`;
        skipped.push({ uri: url.uri, connection, reason: why });
      } else if (!ipVersions.includes(ipVersion)) {
        skipped.push({ uri: url.uri, connection, reason: `${label(ipVersion)} is not wanted (ipVersions)` });
      } else {
        drafts.push({
          ...url,
          location,
          ipVersion,
          connection,
          order: index * 2 + (url.source === 'direct' ? 1 : 0),
        });
      }
    }
  });

  const orders: Record<RankKey, readonly string[]> = {
    location: locations,
    scheme: schemes,
    ipVersion: ipVersions,
  };
  const field = (d: Draft, key: RankKey): string => d[key];
  drafts.sort((a, b) => {
    for (const key of priority) {
      const diff = orders[key].indexOf(field(a, key)) - orders[key].indexOf(field(b, key));
      if (diff !== 0) return diff;
    }
    return a.order - b.order;
  });

  const candidates: ConnectionCandidate[] = [];
  const seen = new Map<string, number>();
  for (const d of drafts) {
    const key = d.uri.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      skipped.push({ uri: d.uri, connection: d.connection, reason: `same URL as candidate #${earlier + 1}` });
      continue;
    }
    const rank = candidates.length;
    seen.set(key, rank);
    candidates.push({
      uri: d.uri,
      location: d.location,
      scheme: d.scheme,
      ipVersion: d.ipVersion,
      source: d.source,
      rank,
      reason: explain(d, rank, priority, orders, preferLocal),
      connection: d.connection,
    });
  }
  return { candidates, skipped };
}

/** The URLs to try for `resource`, best first (`planConnections(…).candidates`). */
export function rankConnections(resource: PlexResource, options: RankOptions = {}): ConnectionCandidate[] {
  return planConnections(resource, options).candidates;
}

function explain(
  d: Draft,
  rank: number,
  priority: readonly RankKey[],
  orders: Record<RankKey, readonly string[]>,
  preferLocal: boolean,
): string {
  const part = (key: RankKey): string => {
    const order = orders[key];
    const value = d[key];
    const shown = key === 'ipVersion' ? label(value as IpVersion) : value;
    const list = key === 'ipVersion' ? order.map((v) => label(v as IpVersion)) : order;
    return `${shown} (${ordinal(order.indexOf(value) + 1)} of ${list.join(' > ')})`;
  };
  const source =
    d.source === 'advertised'
      ? 'the URL plex.tv advertises'
      : d.scheme === 'http' && d.connection.protocol === 'https'
        ? 'plain http to the connection’s address (fallback when the plex.direct name does not resolve)'
        : 'built from the connection’s address and port';
  const demoted = !preferLocal && d.location === 'local' ? '; local demoted after remote (preferLocal)' : '';
  return `#${rank + 1}: ${priority.map(part).join(', ')}, then plex.tv's order; ${source}${demoted}`;
}

const ordinal = (n: number) => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;
const label = (v: IpVersion) => (v === 'ipv6' ? 'IPv6' : 'IPv4');

function withSource<T extends object>(
  value: T | undefined,
  source: 'advertised' | 'direct',
): (T & { source: 'advertised' | 'direct' }) | undefined {
  return value ? { ...value, source } : undefined;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function moveAfter<T>(list: T[], item: T, after: T): void {
  const i = list.indexOf(item);
  const j = list.indexOf(after);
  if (i === -1 || j === -1 || i > j) return;
  list.splice(i, 1);
  list.splice(list.indexOf(after) + 1, 0, item);
}

function ipVersionOf(c: ResourceConnection): IpVersion {
  if (c.IPv6 !== undefined) return c.IPv6 ? 'ipv6' : 'ipv4';
  return c.address !== undefined && isIpv6Literal(c.address) ? 'ipv6' : 'ipv4';
}

/** A LAN address: RFC 1918, CGNAT 100.64/10, loopback, link-local, IPv6 unique-local (an IP literal only). */
export function isPrivateAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const a = address.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (v4) {
    const [x, y] = [Number(v4[1]), Number(v4[2])];
    return (
      x === 10 ||
      x === 127 ||
      (x === 172 && y >= 16 && y <= 31) ||
      (x === 192 && y === 168) ||
      (x === 169 && y === 254) ||
      (x === 100 && y >= 64 && y <= 127)
    );
  }
  if (!a.includes(':')) return false;
  return a === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(a) || /^fe[89ab][0-9a-f]?:/.test(a);
}

function isIpv6Literal(address: string): boolean {
  return address.includes(':');
}

/** plex.tv's uri as a base URL, or undefined when it is not an absolute http(s) URL. */
function advertisedUrl(c: ResourceConnection): { uri: string; scheme: ConnectionScheme } | undefined {
  let url: URL;
  try {
    url = new URL(c.uri);
  } catch {
    return undefined;
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return { uri: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, scheme };
}

/** `scheme://address:port`, the address bracketed when it is an IPv6 literal. */
function directUrl(
  c: ResourceConnection,
  scheme: string | undefined,
): { uri: string; scheme: ConnectionScheme } | undefined {
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  if (c.address === undefined || c.port === undefined || c.port < 1 || c.port > 65535) return undefined;
  const raw = c.address.replace(/^\[(.*)\]$/, '$1');
  const host = isIpv6Literal(raw) ? `[${raw}]` : raw;
  let url: URL;
  try {
    url = new URL(`${scheme}://${host}:${c.port}`);
  } catch {
    return undefined;
  }
  return { uri: url.origin, scheme };
}
