// The bodies both libraries decode: two real captured account bodies, and generated large lists in the
// shapes plex.tv sends (v2 resources JSON, v1 /api/resources XML, v1 /api/users XML).
import { readFileSync } from 'node:fs';

const fixture = (path) =>
  readFileSync(new URL(`../../fixtures/realworld/plextv/${path}`, import.meta.url), 'utf8');

const hex = (n, width) => n.toString(16).padStart(width, '0');
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const attrs = (o) =>
  Object.entries(o)
    .map(([k, v]) => `${k}="${esc(typeof v === 'boolean' ? (v ? '1' : '0') : (v ?? ''))}"`)
    .join(' ');

/** `servers` Plex Media Server resources with `perServer` connections each (v2 JSON field set). */
export function resourceList(servers = 50, perServer = 8) {
  const list = [];
  for (let s = 0; s < servers; s++) {
    const id = `${hex(s, 8)}${'ab12cd34'.repeat(4)}`;
    const publicIp = `203.0.${s % 256}.${(s * 7) % 250}`;
    const connections = [];
    for (let c = 0; c < perServer; c++) {
      const local = c < perServer / 2;
      const relay = c === perServer - 1;
      const ipv6 = c % 4 === 3 && !relay;
      const address = ipv6
        ? `2001:db8::${hex(s, 2)}:${c}`
        : local
          ? `192.168.${s % 256}.${10 + c}`
          : publicIp;
      const port = relay ? 8443 : 32400 + (local ? 0 : c);
      const https = c % 2 === 0;
      const host = ipv6 ? `[${address}]` : address;
      const plexDirect = `${address.replace(/[.:]/g, '-')}.${id}.plex.direct`;
      connections.push({
        protocol: https ? 'https' : 'http',
        address,
        port,
        uri: https ? `https://${plexDirect}:${port}` : `http://${host}:${port}`,
        local,
        relay,
        IPv6: ipv6,
      });
    }
    list.push({
      name: `Server ${s}`,
      product: 'Plex Media Server',
      productVersion: '1.41.3.9314-a0bfb8370',
      platform: 'Linux',
      platformVersion: '6.1.0-28-amd64',
      device: 'PC',
      clientIdentifier: id,
      createdAt: new Date(Date.UTC(2020, 0, 1) + s * 86_400_000).toISOString().replace('.000', ''),
      lastSeenAt: new Date(Date.UTC(2025, 0, 1) + s * 60_000).toISOString().replace('.000', ''),
      provides: 'server',
      ownerId: s % 3 === 0 ? null : 1000 + s,
      sourceTitle: s % 3 === 0 ? null : `friend${s}`,
      publicAddress: publicIp,
      accessToken: `token${hex(s * 7919, 12)}`,
      owned: s % 3 === 0,
      home: false,
      synced: false,
      relay: true,
      presence: s % 5 !== 0,
      httpsRequired: s % 4 === 0,
      publicAddressMatches: false,
      dnsRebindingProtection: false,
      natLoopbackSupported: false,
      connections,
    });
  }
  return list;
}

/** The same resources as v1 `/api/resources` XML (`<Device>` with `<Connection>` children, flags as 0/1). */
export function resourcesV1Xml(list) {
  const devices = list.map((r) => {
    const { connections, createdAt, lastSeenAt, ...rest } = r;
    const epoch = (iso) => Math.floor(Date.parse(iso) / 1000);
    const device = attrs({ ...rest, createdAt: epoch(createdAt), lastSeenAt: epoch(lastSeenAt) });
    const conns = connections
      .map(
        (c) =>
          `    <Connection ${attrs({ protocol: c.protocol, address: c.address, port: c.port, uri: c.uri, local: c.local })}/>`,
      )
      .join('\n');
    return `  <Device ${device}>\n${conns}\n  </Device>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="${list.length}">\n${devices.join('\n')}\n</MediaContainer>\n`;
}

/** `count` friends of v1 `/api/users`, each with `shares` shared servers (`<Server>` children). */
export function usersV1Xml(count = 500, shares = 2) {
  const users = [];
  for (let u = 0; u < count; u++) {
    const id = 100_000 + u;
    const managed = u % 10 === 9;
    const user = attrs({
      id,
      title: managed ? `Kid ${u}` : `friend${u}`,
      username: managed ? '' : `friend${u}`,
      email: managed ? '' : `friend${u}@example.com`,
      recommendationsPlaylistId: '',
      thumb: `https://plex.tv/users/${hex(id * 2654435761, 16).slice(-16)}/avatar?c=1614072646`,
      protected: u % 7 === 0,
      home: managed || u % 25 === 0,
      allowTuners: 0,
      allowSync: u % 2 === 0,
      allowCameraUpload: false,
      allowChannels: false,
      allowSubtitleAdmin: false,
      filterAll: '',
      filterMovies: u % 6 === 0 ? 'contentRating=PG-13' : '',
      filterMusic: '',
      filterPhotos: '',
      filterTelevision: '',
      restricted: managed,
    });
    const servers = [];
    for (let s = 0; s < shares; s++) {
      servers.push(
        `    <Server ${attrs({
          id: 7_000_000 + u * shares + s,
          serverId: String(1 + s).padStart(6, '0'),
          machineIdentifier: `${hex(s, 8)}${'ab12cd34'.repeat(4)}`,
          name: `Server ${s}`,
          lastSeenAt: 1_735_689_600 + u,
          numLibraries: 3 + ((u + s) % 5),
          allLibraries: (u + s) % 3 === 0,
          owned: true,
          pending: u % 50 === 0,
        })}/>`,
      );
    }
    users.push(`  <User ${user}>\n${servers.join('\n')}\n  </User>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer friendlyName="myPlex" identifier="com.plexapp.plugins.myplex" machineIdentifier="${'ab12cd34'.repeat(5)}" totalSize="${count}" size="${count}">\n${users.join('\n')}\n</MediaContainer>\n`;
}

const resources = resourceList(50, 8);

/** name → { text, format, items }: the bodies of the decode benchmark. */
export const BODIES = {
  accountJson: {
    label: 'account, JSON (/api/v2/user)',
    text: fixture('plex-api.rs/api/v2/user/user_info_plexpass.json'),
    items: 1,
  },
  accountXml: {
    label: 'account, XML (/api/v2/user)',
    text: fixture('home-assistant-core/plextv_account.xml'),
    items: 1,
  },
  resourcesJson: {
    label: 'resources, 50 × 8 connections, v2 JSON',
    text: JSON.stringify(resources),
    items: 50,
  },
  resourcesXml: {
    label: 'resources, 50 × 8 connections, v1 XML',
    text: resourcesV1Xml(resources),
    items: 50,
  },
  usersXml: {
    label: 'users, 500 friends × 2 shares, v1 XML (/api/users)',
    text: usersV1Xml(500, 2),
    items: 500,
  },
};
