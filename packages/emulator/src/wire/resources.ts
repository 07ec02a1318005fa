/**
 * Resources, three ways:
 * - v2 JSON (`/api/v2/resources`): a bare array; key order of PlexKit resources.json and
 *   plex-api.rs api/v2/resources.json; ISO dates, real booleans, `ownerId`/`sourceTitle` null when
 *   owned; `dnsRebindingProtection`/`natLoopbackSupported` on owned servers only (the shared server
 *   in PlexKit's capture has neither, nor do clients); no `connections` key for a device without any.
 * - v2 XML: `<resources><resource …><connections><connection …/></connections></resource></resources>`
 *   (StreamMusic): the same fields as attributes, 0/1 flags, "" for null, ISO dates.
 * - v1 XML (`/api/resources`): `<MediaContainer size><Device …><Connection …/></Device>` (Home
 *   Assistant, plex-api.rs, node-plex-api-credentials): epoch dates, per-kind attribute sets and
 *   orders, `relay="1"` only on relay connections, no accessToken attribute when there is none.
 */

import type { DeviceConnection } from '../state/model.js';
import type { ResourceView } from '../state/resources.js';
import { isoDate } from './account.js';
import type { XmlAttrValue, XmlElement } from './xml.js';

type Pairs = Array<[string, XmlAttrValue]>;

/** What a resource says it is: the same first attributes in v1 and v2. */
function identityPairs(d: ResourceView['device']): Pairs {
  return [
    ['name', d.name],
    ['product', d.product],
    ['productVersion', d.productVersion],
    ['platform', d.platform],
    ['platformVersion', d.platformVersion],
    ['device', d.device],
    ['clientIdentifier', d.clientIdentifier],
  ];
}

function v2Pairs(r: ResourceView): Pairs {
  const d = r.device;
  const pairs: Pairs = [
    ...identityPairs(d),
    ['createdAt', isoDate(d.createdAt)],
    ['lastSeenAt', isoDate(d.lastSeenAt)],
    ['provides', d.provides],
    ['ownerId', r.ownerId],
    ['sourceTitle', r.sourceTitle],
    ['publicAddress', d.publicAddress],
    ['accessToken', r.accessToken],
    ['owned', r.owned],
    ['home', r.home],
    ['synced', d.server && d.synced],
    ['relay', d.server && d.relay],
    ['presence', d.presence],
    ['httpsRequired', d.server && d.httpsRequired],
    ['publicAddressMatches', r.publicAddressMatches],
  ];
  if (d.server && r.owned) {
    pairs.push(['dnsRebindingProtection', d.dnsRebindingProtection]);
    pairs.push(['natLoopbackSupported', d.natLoopbackSupported]);
  }
  return pairs;
}

function v2ConnectionPairs(c: DeviceConnection): Pairs {
  return [
    ['protocol', c.protocol],
    ['address', c.address],
    ['port', c.port],
    ['uri', c.uri],
    ['local', c.local],
    ['relay', c.relay],
    ['IPv6', c.IPv6],
  ];
}

export function resourcesJson(views: ResourceView[]): unknown[] {
  return views.map((r) => {
    const out: Record<string, unknown> = Object.fromEntries(v2Pairs(r));
    if (r.connections !== null)
      out.connections = r.connections.map((c) => Object.fromEntries(v2ConnectionPairs(c)));
    return out;
  });
}

export function resourcesXml(views: ResourceView[]): XmlElement {
  return {
    name: 'resources',
    children: views.map(
      (r): XmlElement => ({
        name: 'resource',
        attrs: v2Pairs(r),
        ...(r.connections !== null
          ? {
              children: [
                {
                  name: 'connections',
                  children: r.connections.map(
                    (c): XmlElement => ({ name: 'connection', attrs: v2ConnectionPairs(c) }),
                  ),
                },
              ],
            }
          : {}),
      }),
    ),
  };
}

function v1Pairs(r: ResourceView): Pairs {
  const d = r.device;
  const head: Pairs = [
    ...identityPairs(d),
    ['createdAt', d.createdAt],
    ['lastSeenAt', d.lastSeenAt],
    ['provides', d.provides],
    ['owned', r.owned],
  ];
  const token: Pairs = r.accessToken !== null ? [['accessToken', r.accessToken]] : [];
  if (d.server && r.owned) {
    // Home Assistant's owned servers.
    return [
      ...head,
      ...token,
      ['publicAddress', d.publicAddress],
      ['httpsRequired', d.httpsRequired],
      ['synced', d.synced],
      ['relay', d.relay],
      ['dnsRebindingProtection', d.dnsRebindingProtection],
      ['natLoopbackSupported', d.natLoopbackSupported],
      ['publicAddressMatches', r.publicAddressMatches],
      ['presence', d.presence],
    ];
  }
  if (d.server) {
    // node-plex-api-credentials' shared (Home) server: no publicAddress, ownerId/home/sourceTitle.
    return [
      ...head,
      ['httpsRequired', d.httpsRequired],
      ['ownerId', r.ownerId],
      ['home', r.home],
      ...token,
      ['sourceTitle', r.sourceTitle],
      ['synced', d.synced],
      ['relay', d.relay],
      ['publicAddressMatches', r.publicAddressMatches],
      ['presence', d.presence],
    ];
  }
  // Clients and players (Home Assistant): no server flags; accessToken last, when there is one.
  return [
    ...head,
    ['publicAddress', d.publicAddress],
    ['publicAddressMatches', r.publicAddressMatches],
    ['presence', d.presence],
    ...token,
  ];
}

export function resourcesV1Xml(views: ResourceView[]): XmlElement {
  return {
    name: 'MediaContainer',
    attrs: [['size', views.length]],
    children: views.map(
      (r): XmlElement => ({
        name: 'Device',
        attrs: v1Pairs(r),
        children: (r.connections ?? []).map(
          (c): XmlElement => ({
            name: 'Connection',
            attrs: [
              ['protocol', c.protocol],
              ['address', c.address],
              ['port', c.port],
              ['uri', c.uri],
              ['local', c.local],
              ...(c.relay ? [['relay', true] as [string, XmlAttrValue]] : []),
            ],
          }),
        ),
      }),
    ),
  };
}
