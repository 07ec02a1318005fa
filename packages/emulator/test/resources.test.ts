/** GET /api/v2/resources and GET /api/resources (v1). */
import { describe, expect, it } from 'vitest';
import { BASEMENT_NAS_ID, createEmulator, DEMO_SERVER_ID } from '../src/index.js';
import { ALL, attr, attrs, children, get, jsonError, resources, XML_DECL, xmlError } from './helpers.js';
import { parseXml, type XmlNode } from './shapes.js';

describe('GET /api/v2/resources', () => {
  it("lists demo's servers, clients and players (not its controller-only app), owned", async () => {
    const list = await resources(createEmulator(), 'demo-token');
    expect(list.map((r) => r.name)).toEqual([
      'Demo Server',
      'Basement NAS',
      'Chrome',
      'iPhone',
      'Living Room HTPC',
    ]);
    const server = list[0]!;
    expect(server).toMatchObject({
      clientIdentifier: DEMO_SERVER_ID,
      provides: 'server',
      owned: true,
      ownerId: null,
      sourceTitle: null,
      home: false,
      accessToken: 'demo-server-access-token',
      createdAt: '2019-05-04T18:22:10Z',
      dnsRebindingProtection: false,
      natLoopbackSupported: false,
    });
    expect(server.clientIdentifier).toMatch(/^[0-9a-f]{40}$/);
    expect(list[1]).toMatchObject({
      clientIdentifier: BASEMENT_NAS_ID,
      httpsRequired: true,
      presence: false,
    });
    // Clients: no server-only keys; the iPhone's token is null; the HTPC's device is "".
    for (const client of list.slice(2)) {
      expect(client).not.toHaveProperty('dnsRebindingProtection');
      expect(client).not.toHaveProperty('natLoopbackSupported');
      expect(client).toMatchObject({ synced: false, relay: false, httpsRequired: false });
    }
    expect(list.find((r) => r.name === 'iPhone')!.accessToken).toBeNull();
    expect(list.find((r) => r.name === 'Living Room HTPC')!.device).toBe('');
    expect(list.find((r) => r.name === 'Chrome')).not.toHaveProperty('connections');
  });

  it('Demo Server has local https (plex.direct) + local http + remote + relay + IPv6 connections', async () => {
    const [server] = await resources(createEmulator(), 'demo-token');
    expect(server!.connections).toEqual([
      {
        protocol: 'https',
        address: '192.168.1.10',
        port: 32400,
        uri: 'https://192-168-1-10.d3e4f5a6b7c8d9e0f1a2b3c4d5e6f701.plex.direct:32400',
        local: true,
        relay: false,
        IPv6: false,
      },
      {
        protocol: 'http',
        address: '192.168.1.10',
        port: 32400,
        uri: 'http://192.168.1.10:32400',
        local: true,
        relay: false,
        IPv6: false,
      },
      {
        protocol: 'https',
        address: '203.0.113.10',
        port: 32400,
        uri: 'https://203-0-113-10.d3e4f5a6b7c8d9e0f1a2b3c4d5e6f701.plex.direct:32400',
        local: false,
        relay: false,
        IPv6: false,
      },
      {
        protocol: 'http',
        address: '203.0.113.10',
        port: 32400,
        uri: 'http://203.0.113.10:32400',
        local: false,
        relay: false,
        IPv6: false,
      },
      {
        protocol: 'https',
        address: '198.51.100.20',
        port: 8443,
        uri: 'https://198-51-100-20.d3e4f5a6b7c8d9e0f1a2b3c4d5e6f701.plex.direct:8443',
        local: false,
        relay: true,
        IPv6: false,
      },
      {
        protocol: 'http',
        address: '2001:db8::10',
        port: 32400,
        uri: 'http://[2001:db8::10]:32400',
        local: false,
        relay: false,
        IPv6: true,
      },
    ]);
  });

  it.each([
    ['', [1, 3]],
    ['?includeHttps=1', [0, 1, 2, 3]],
    ['?includeRelay=1', [1, 3]],
    ['?includeHttps=1&includeRelay=1', [0, 1, 2, 3, 4]],
    ['?includeIPv6=1', [1, 3, 5]],
    ['?includeHttps=0&includeRelay=0&includeIPv6=0', [1, 3]],
    ['?includeHttps=true&includeRelay=true&includeIPv6=true', [0, 1, 2, 3, 4, 5]],
  ])('filters connections: %s', async (query, indexes) => {
    const emu = createEmulator();
    const [all] = await resources(emu, 'demo-token', ALL);
    const [filtered] = await resources(emu, 'demo-token', query);
    expect(filtered!.connections).toEqual(indexes.map((i) => all!.connections![i]));
  });

  it('freeuser sees Demo Server shared by demo (owned 0, ownerId, sourceTitle, its own token), plus its browser', async () => {
    const list = await resources(createEmulator(), 'free-token');
    expect(list.map((r) => r.name)).toEqual(['Demo Server', 'Firefox']);
    expect(list[0]).toMatchObject({
      clientIdentifier: DEMO_SERVER_ID,
      owned: false,
      ownerId: 10000001,
      sourceTitle: 'demo',
      home: false,
      accessToken: 'free-demo-server-token',
      publicAddressMatches: false,
    });
    expect(list[0]).not.toHaveProperty('dnsRebindingProtection');
    // Same connections as the owner sees.
    const [owner] = await resources(createEmulator(), 'demo-token');
    expect(list[0]!.connections).toEqual(owner!.connections);
  });

  it('Kids (managed) sees Demo Server as a Home share; Guest sees nothing', async () => {
    const kids = await resources(createEmulator(), 'kids-token');
    expect(kids).toHaveLength(1);
    expect(kids[0]).toMatchObject({
      owned: false,
      home: true,
      accessToken: 'kids-demo-server-token',
      sourceTitle: 'demo',
    });
    expect(await resources(createEmulator(), 'guest-token')).toEqual([]);
  });

  it('XML: <resources><resource …><connections><connection …/></connections></resource>', async () => {
    const res = await get(createEmulator(), `/api/v2/resources${ALL}`, { token: 'demo-token' });
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const text = await res.text();
    expect(text.startsWith(XML_DECL)).toBe(true);
    const root = parseXml(text);
    expect(root.name).toBe('resources');
    const items = children(root, 'resource');
    expect(items.map((r) => attrs(r).name)).toEqual([
      'Demo Server',
      'Basement NAS',
      'Chrome',
      'iPhone',
      'Living Room HTPC',
    ]);
    expect(attrs(items[0]!)).toMatchObject({
      owned: '1',
      home: '0',
      ownerId: '',
      sourceTitle: '',
      createdAt: '2019-05-04T18:22:10Z',
      dnsRebindingProtection: '0',
    });
    const conns = children(children(items[0]!, 'connections')[0]!, 'connection').map(attrs);
    expect(conns).toHaveLength(6);
    expect(conns[5]).toEqual({
      protocol: 'http',
      address: '2001:db8::10',
      port: '32400',
      uri: 'http://[2001:db8::10]:32400',
      local: '0',
      relay: '0',
      IPv6: '1',
    });
    expect(attrs(items[3]!).accessToken).toBe('');
    // No connections at all: no <connections> element.
    expect(items[2]!.children).toEqual([]);
  });

  it('a shared server in XML: owned 0, ownerId and sourceTitle filled', async () => {
    const text = await (await get(createEmulator(), '/api/v2/resources', { token: 'free-token' })).text();
    expect(attr(text, 'resource', 'owned')).toBe('0');
    expect(attr(text, 'resource', 'ownerId')).toBe('10000001');
    expect(attr(text, 'resource', 'sourceTitle')).toBe('demo');
    expect(attr(text, 'resource', 'accessToken')).toBe('free-demo-server-token');
  });

  it('needs a token and a client identifier', async () => {
    const emu = createEmulator();
    const noToken = await get(emu, '/api/v2/resources', { json: true });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual(jsonError(1001, 'User could not be authenticated', 401));
    const noClient = await emu.fetch('https://plex.tv/api/v2/resources', {
      headers: { 'X-Plex-Token': 'demo-token' },
    });
    expect(noClient.status).toBe(400);
    expect(await noClient.text()).toBe(xmlError(1000, 'X-Plex-Client-Identifier is missing', 400));
  });
});

describe('GET /api/resources (v1)', () => {
  async function devices(token: string, query = '?includeHttps=1'): Promise<XmlNode> {
    const res = await get(createEmulator(), `/api/resources${query}`, { token, json: true });
    expect(res.status).toBe(200);
    // XML whatever Accept says.
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    return parseXml(await res.text());
  }

  it('MediaContainer size, epoch dates, per-kind attributes', async () => {
    const root = await devices('demo-token');
    expect(root.name).toBe('MediaContainer');
    const list = children(root, 'Device');
    expect(attrs(root).size).toBe(String(list.length));
    const server = attrs(list[0]!);
    expect(server).toMatchObject({
      owned: '1',
      createdAt: '1556994130',
      accessToken: 'demo-server-access-token',
    });
    expect(Object.keys(server)).toEqual([
      'name',
      'product',
      'productVersion',
      'platform',
      'platformVersion',
      'device',
      'clientIdentifier',
      'createdAt',
      'lastSeenAt',
      'provides',
      'owned',
      'accessToken',
      'publicAddress',
      'httpsRequired',
      'synced',
      'relay',
      'dnsRebindingProtection',
      'natLoopbackSupported',
      'publicAddressMatches',
      'presence',
    ]);
    const iphone = attrs(list.find((d) => attrs(d).name === 'iPhone')!);
    for (const key of [
      'httpsRequired',
      'synced',
      'relay',
      'dnsRebindingProtection',
      'natLoopbackSupported',
      'accessToken',
    ]) {
      expect(iphone).not.toHaveProperty(key);
    }
    const chrome = attrs(list.find((d) => attrs(d).name === 'Chrome')!);
    expect(Object.keys(chrome).at(-1)).toBe('accessToken');
  });

  it('connections: protocol address port uri local, relay="1" on relay ones only', async () => {
    const root = await devices('demo-token', ALL);
    const conns = children(children(root, 'Device')[0]!, 'Connection').map(attrs);
    expect(conns).toHaveLength(6);
    expect(conns[4]).toEqual({
      protocol: 'https',
      address: '198.51.100.20',
      port: '8443',
      uri: 'https://198-51-100-20.d3e4f5a6b7c8d9e0f1a2b3c4d5e6f701.plex.direct:8443',
      local: '0',
      relay: '1',
    });
    expect(conns.filter((c) => 'relay' in c)).toHaveLength(1);
  });

  it('a shared server: ownerId, home, sourceTitle; no publicAddress', async () => {
    const root = await devices('free-token');
    const shared = attrs(children(root, 'Device')[0]!);
    expect(shared).toMatchObject({
      owned: '0',
      ownerId: '10000001',
      home: '0',
      sourceTitle: 'demo',
      accessToken: 'free-demo-server-token',
    });
    expect(shared).not.toHaveProperty('publicAddress');
  });
});
