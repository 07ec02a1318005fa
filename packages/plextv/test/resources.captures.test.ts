/**
 * Every resources and devices capture in fixtures/realworld/plextv decodes, with values checked: v1 XML
 * (`/api/resources`), v2 XML and v2 JSON (`/api/v2/resources`), and `/devices.xml`.
 */
import { DecodeError, type PlexResource, parseDevices, parseResources } from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';

const epoch = (s: number) => new Date(s * 1000);
const iso = (s: string) => new Date(s);

describe('v1 /api/resources XML', () => {
  test('Home Assistant base: 6 devices although size="5"; template presence → undefined; players without token', async () => {
    const r = await parseResources(capture('home-assistant-core/plextv_resources_base.xml'));
    expect(r).toHaveLength(6);
    expect(r[0]).toEqual({
      name: 'Plex Server 1',
      clientIdentifier: 'unique_id_123',
      product: 'Plex Media Server',
      productVersion: '1.20.4.3517-ab5e1197c',
      platform: 'Linux',
      platformVersion: '20.04.1 LTS (Focal Fossa)',
      device: 'PC',
      createdAt: epoch(1429510140),
      lastSeenAt: epoch(1605500006),
      provides: ['server'],
      ownerId: undefined,
      sourceTitle: undefined,
      publicAddress: '10.20.30.40',
      accessToken: 'faketoken',
      owned: true,
      home: undefined,
      synced: false,
      relay: false,
      // "{first_server_enabled}" is a Python template placeholder, not a flag.
      presence: undefined,
      httpsRequired: false,
      publicAddressMatches: true,
      dnsRebindingProtection: false,
      natLoopbackSupported: true,
      connections: [
        {
          protocol: 'https',
          address: '1.2.3.4',
          port: 32400,
          uri: 'https://1-2-3-4.123456789001234567890.plex.direct:32400',
          local: true,
          relay: undefined,
          IPv6: undefined,
          extra: {},
        },
      ],
      extra: {},
    } satisfies PlexResource);
    const chrome = r[2]!;
    expect(chrome).toMatchObject({
      name: 'Chrome',
      provides: ['client', 'player', 'pubsub-player'],
      accessToken: 'faketoken',
      presence: true,
      httpsRequired: undefined,
      dnsRebindingProtection: undefined,
    });
    expect(chrome.connections.map((c) => [c.port, c.local])).toEqual([
      [32400, true],
      [35872, false],
    ]);
    const appleTv = r[3]!;
    expect(appleTv.accessToken).toBeUndefined();
    expect(appleTv.provides).toEqual(['client', 'player', 'pubsub-player', 'provider-playback']);
    expect(appleTv.connections[0]).toMatchObject({
      protocol: 'http',
      uri: 'http://1.2.3.6:32500',
      port: 32500,
    });
    expect(r[5]!.clientIdentifier).toBe('2f2a5ae50a45837c-com-plexapp-android');
  });

  test('Home Assistant one server / two servers: attribute order varies, same model', async () => {
    const one = await parseResources(capture('home-assistant-core/plextv_resources_one_server.xml'));
    expect(one.map((d) => d.name)).toEqual([
      'Plex Server 1',
      'Chrome',
      'AppleTV',
      'jPhone',
      'SHIELD Android TV',
    ]);
    expect(one[1]!.accessToken).toBe('faketoken');
    const two = await parseResources(capture('home-assistant-core/plextv_resources_two_servers.xml'));
    expect(two).toHaveLength(6);
    expect(two.filter((d) => d.provides.includes('server')).map((d) => d.clientIdentifier)).toEqual([
      'unique_id_123',
      'unique_id_456',
    ]);
    expect(two[0]!.presence).toBe(true);
  });

  test('jjlawren fork: device="" is no value; HTPC provides client,player', async () => {
    const r = await parseResources(capture('jjlawren-home-assistant/plextv_resources_two_servers.xml'));
    const htpc = r.find((d) => d.clientIdentifier === 'plex_htpc')!;
    expect(htpc).toMatchObject({
      name: 'Plex HTPC',
      product: 'Plex HTPC for Mac',
      device: undefined,
      provides: ['client', 'player'],
      createdAt: epoch(1695782188),
      platform: 'osx',
    });
  });

  test('node-plex-api-credentials (managed user): a shared Home server, ownerId, sourceTitle, non-ASCII name', async () => {
    const [server] = await parseResources(capture('node-plex-api-credentials/fetch_access_token.xml'));
    expect(server).toMatchObject({
      name: 'Phillip’s MacBook Pro',
      clientIdentifier: '3bc1590a752185f8de143',
      owned: false,
      ownerId: 1234,
      home: true,
      sourceTitle: 'phillipj',
      accessToken: 'pretend-to-be-managed-token',
      relay: true,
      publicAddress: undefined,
      createdAt: epoch(1465075711),
    });
    expect(server!.connections).toHaveLength(1);
  });

  test('plex-api.rs /api/resources: clientIdentifier "3", connections with and without relay', async () => {
    const [box] = await parseResources(capture('plex-api.rs/api/resources.xml'));
    expect(box).toMatchObject({
      name: 'Box',
      clientIdentifier: '3',
      relay: true,
      publicAddressMatches: false,
    });
    expect(box!.connections.map((c) => [c.protocol, c.address, c.port, c.local])).toEqual([
      ['http', '172.1.0.1', 32400, true],
      ['https', 'example.com', 443, false],
      ['http', '1.0.0.2', 443, false],
    ]);
  });

  test('plex-api.rs legacy 2019 XML (leading newline): relay="1" on the relay connection only, duplicates kept', async () => {
    const r = await parseResources(
      capture('plex-api.rs/legacy-2021-src-tests/resources.rs.decode_resources.xml'),
    );
    expect(r).toHaveLength(5);
    const led = r[0]!;
    expect(led.dnsRebindingProtection).toBeUndefined();
    expect(led.natLoopbackSupported).toBeUndefined();
    expect(led.connections.map((c) => c.relay)).toEqual([undefined, undefined, true]);
    expect(r[1]!.connections).toHaveLength(3);
    expect(r[1]!.platformVersion).toBe('4.9.125-linuxkit (#1 SMP Fri Sep 7 08:20:28 UTC 2018)');
    expect(r[3]!.accessToken).toBeUndefined();
  });
});

describe('v2 /api/v2/resources', () => {
  test('plex-api.rs JSON: null ownerId/sourceTitle, JSON booleans, int ports, IPv6 flag, host-name address', async () => {
    const [box] = await parseResources(capture('plex-api.rs/api/v2/resources.json'));
    expect(box).toMatchObject({
      name: 'Box',
      clientIdentifier: 'client_id2',
      createdAt: iso('2021-01-01T12:12:24Z'),
      lastSeenAt: iso('2022-01-01T13:43:34Z'),
      ownerId: undefined,
      sourceTitle: undefined,
      accessToken: 'auth_token',
      owned: true,
      home: false,
      relay: true,
      presence: true,
      httpsRequired: false,
      dnsRebindingProtection: false,
      natLoopbackSupported: false,
      extra: {},
    });
    expect(box!.connections).toHaveLength(4);
    expect(box!.connections[1]).toEqual({
      protocol: 'https',
      address: 'example.org',
      port: 443,
      uri: 'https://example.org:443',
      local: false,
      relay: false,
      IPv6: false,
      extra: {},
    });
    expect(box!.connections[3]).toMatchObject({ relay: true, port: 8443 });
  });

  test('PlexKit JSON: owned and shared servers, a player with accessToken null, keys varying per device', async () => {
    const r = await parseResources(capture('PlexKit/resources.json'));
    expect(r).toHaveLength(6);
    const shared = r.find((d) => d.name === 'itunes-server')!;
    expect(shared).toMatchObject({ owned: false, home: true, ownerId: 10834098, sourceTitle: 'sourceTitle' });
    const iphone = r.find((d) => d.name === 'iPhone')!;
    expect(iphone.accessToken).toBeUndefined();
    expect(iphone.provides).toContain('sync-target');
    expect(r.filter((d) => d.natLoopbackSupported !== undefined)).toHaveLength(1);
    expect(r.filter((d) => d.dnsRebindingProtection !== undefined)).toHaveLength(2);
    expect(r[0]!.connections[0]).toEqual({
      protocol: 'http',
      address: 'address',
      port: 32400,
      uri: 'uri',
      local: false,
      relay: false,
      IPv6: false,
      extra: {},
    });
  });

  test('PlexKit: a resource with no connections key at all', async () => {
    const [r] = await parseResources(capture('PlexKit/resources_no_connections.json'));
    expect(r!.connections).toEqual([]);
    expect(r!.name).toBe('name');
  });

  test('StreamMusic v2 XML: <resources><resource><connections>, ISO dates, ownerId="" → undefined', async () => {
    const [r] = await parseResources(capture('StreamMusic/plex.md.v2-resources.xml'));
    expect(r).toMatchObject({
      name: 'xxx',
      createdAt: iso('2024-03-17T11:34:53Z'),
      lastSeenAt: iso('2024-04-19T19:09:52Z'),
      ownerId: undefined,
      sourceTitle: undefined,
      owned: true,
      home: false,
      relay: true,
      natLoopbackSupported: false,
      extra: {},
    });
    expect(r!.connections).toEqual([
      {
        protocol: 'https',
        address: '192.168.22.22',
        port: 32400,
        uri: 'https://192-168-22-22.xxx.plex.direct:32400',
        local: true,
        relay: false,
        IPv6: false,
        extra: {},
      },
      {
        protocol: 'https',
        address: '139.162.22.22',
        port: 8443,
        uri: 'https://139-162-22-22.xxx.plex.direct:8443',
        local: false,
        relay: true,
        IPv6: false,
        extra: {},
      },
    ]);
  });

  test('a resource without clientIdentifier is a DecodeError naming the field; unknown fields go to extra', async () => {
    const err = await parseResources('[{"name":"x","clientIdentifier":""}]').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).field).toBe('resources[0].clientIdentifier');
    const noUri = await parseResources(
      '[{"clientIdentifier":"a","connections":[{"address":"1.2.3.4"}]}]',
    ).catch((e: unknown) => e);
    expect((noUri as DecodeError).field).toBe('resources[0].connections[0].uri');
    const [r] = await parseResources('[{"clientIdentifier":"a","newThing":{"x":1},"provides":""}]');
    expect(r).toMatchObject({ extra: { newThing: { x: 1 } }, provides: [], connections: [] });
    await expect(parseResources('not a list')).rejects.toBeInstanceOf(DecodeError);
    await expect(parseResources('<resources')).rejects.toBeInstanceOf(DecodeError);
  });
});

describe('/devices.xml', () => {
  test('plex-api.rs: 26 devices although size="2"; "" attributes; Connection uris; SyncList', async () => {
    const d = await parseDevices(capture('plex-api.rs/devices.xml'));
    expect(d).toHaveLength(26);
    expect(d[0]).toEqual({
      id: '123456',
      clientIdentifier: '1',
      name: 'Safari',
      publicAddress: '1.0.0.1',
      product: 'Plex Web',
      productVersion: '4.72.0',
      platform: 'Safari',
      platformVersion: '15.2',
      device: 'OSX',
      model: 'hosted',
      vendor: undefined,
      version: '4.72.0',
      provides: [],
      token: 'auth_token',
      createdAt: epoch(1628211599),
      lastSeenAt: epoch(1628211599),
      screenResolution: ['1440x772', '1440x900'],
      screenDensity: undefined,
      connections: [],
      syncList: undefined,
      extra: {},
    });
    const box = d.find((x) => x.name === 'Box')!;
    expect(box.provides).toEqual(['server']);
    expect(box.connections).toEqual([
      'http://172.1.0.1:32400',
      'https://example.com:443',
      'http://1.0.0.2:443',
    ]);
    const iphone = d.find((x) => x.clientIdentifier === '9')!;
    expect(iphone.syncList).toEqual({ itemsCompleteCount: 0, totalSize: 0, version: 2, extra: {} });
    expect(iphone.connections).toEqual(['http://192.168.1.1:32500']);
    expect(iphone.screenDensity).toBe('3');
    expect(d.find((x) => x.name === 'Home Assistant')!.provides).toEqual(['controller']);
  });

  test('plex-api.rs legacy 2019: SyncList totalSize above 2^32; non-ASCII names; duplicate uris as listed', async () => {
    const d = await parseDevices(capture('plex-api.rs/legacy-2021-src-tests/devices.rs.decode_devices.xml'));
    expect(d).toHaveLength(16);
    const passport = d.find((x) => x.name === 'MyPassport Wireless Pro')!;
    expect(passport.syncList?.totalSize).toBe(227001669489);
    expect(passport.syncList?.itemsCompleteCount).toBe(98);
    expect(passport.provides).toEqual(['sync-target']);
    expect(passport.model).toBe('8,4');
    expect(d.find((x) => x.clientIdentifier === '359D75642EB2A')!.connections).toEqual([
      'http://127.0.0.1:32400',
      'http://127.0.0.1:32400',
      'http://127.0.0.1:32400',
    ]);
    expect(d.find((x) => x.name === 'Гостиная')!.device).toBe('Apple TV');
    expect(d.at(-1)).toMatchObject({ name: 'MacBook-Pro.local', publicAddress: undefined, id: '7434502' });
  });

  test('node-plex-api: root without size, whitespace-only bodies, tokens', async () => {
    const d = await parseDevices(capture('node-plex-api/devices.xml'));
    expect(d.map((x) => [x.id, x.clientIdentifier, x.token, x.model, x.provides])).toEqual([
      ['33847205', '758b6938-907052f04d99', 'kiYsW', undefined, ['controller']],
      ['33847195', '2d404e6b-4286-da65748a1ed4', 'ofaq', undefined, ['controller']],
    ]);
    expect(d[0]!.createdAt).toEqual(epoch(1440669823));
    expect(d[0]!.connections).toEqual([]);
  });

  test('a device without id is a DecodeError naming the field', async () => {
    const err = await parseDevices(
      '<MediaContainer><Device clientIdentifier="x" id=""/></MediaContainer>',
    ).catch((e: unknown) => e);
    expect((err as DecodeError).field).toBe('devices[0].id');
  });
});
