/**
 * Devices, resources, connect, webhooks, claim, geo and privacy against the emulator; `connect` over the
 * emulator's fake Plex Media Servers (real loopback sockets).
 */
import {
  addWebhook,
  ConnectionFailedError,
  connect,
  createClient,
  ForbiddenError,
  findResource,
  getClaimToken,
  getDevices,
  getGeoIp,
  getOnlineMediaSources,
  getPrivacy,
  getPublicIp,
  getResources,
  getViewStateSync,
  getWebhooks,
  MyPlexAccount,
  NotFoundError,
  parseResources,
  removeDevice,
  removeWebhook,
  setPrivacy,
  setViewStateSync,
  setWebhooks,
} from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

const emulator = createEmulator();
const client = (token: string) =>
  createClient({
    clientIdentifier: 'devices-tests',
    baseUrl: 'https://plex.tv',
    fetch: emulator.fetch.bind(emulator),
    token,
  });

beforeEach(() => emulator.control.reset());

describe('devices and resources', () => {
  test('devices.xml: servers, apps, a >2^32 sync size, empty strings as no value; remove one', async () => {
    const demo = client('demo-token');
    const devices = await getDevices(demo);
    const names = devices.map((d) => d.name);
    expect(names).toEqual(
      expect.arrayContaining(['Demo Server', 'Basement NAS', 'iPhone', 'Living Room HTPC', 'Home Assistant']),
    );
    const iphone = devices.find((d) => d.name === 'iPhone')!;
    expect(iphone.syncList?.totalSize).toBe(12884901888);
    expect(devices.find((d) => d.name === 'Living Room HTPC')!.device).toBeUndefined();
    await removeDevice(demo, iphone.id);
    expect((await getDevices(demo)).map((d) => d.name)).not.toContain('iPhone');
    await expect(removeDevice(demo, iphone.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('v2 JSON, v2 XML and v1 XML resources describe the same servers', async () => {
    const demo = client('demo-token');
    const fromJson = await getResources(demo);
    const server = findResource(fromJson, 'demo server')!;
    expect(server).toMatchObject({
      owned: true,
      provides: ['server'],
      accessToken: 'demo-server-access-token',
    });
    expect(server.connections.length).toBeGreaterThanOrEqual(5);
    expect(findResource(fromJson, 'iPhone')!.accessToken).toBeUndefined();
    expect(findResource(fromJson, 'Chrome (Plex Web)')?.connections ?? []).toEqual([]);

    const headers = { 'X-Plex-Client-Identifier': 'devices-tests', 'X-Plex-Token': 'demo-token' };
    const xml = await emulator.fetch(
      'https://plex.tv/api/v2/resources?includeHttps=1&includeRelay=1&includeIPv6=1',
      { headers },
    );
    const fromXml = await parseResources(await xml.text());
    expect(fromXml.map((r) => r.clientIdentifier)).toEqual(fromJson.map((r) => r.clientIdentifier));
    const v1 = await emulator.fetch(
      'https://plex.tv/api/resources?includeHttps=1&includeRelay=1&includeIPv6=1',
      { headers },
    );
    const fromV1 = findResource(await parseResources(await v1.text()), server.clientIdentifier)!;
    expect(fromV1.connections.map((c) => c.uri)).toEqual(server.connections.map((c) => c.uri));
    expect(fromV1.owned).toBe(true);
  });

  test('a shared server: owned false, the owner named, its own access token', async () => {
    const shared = findResource(await getResources(client('free-token')), 'Demo Server')!;
    expect(shared).toMatchObject({
      owned: false,
      ownerId: 10000001,
      sourceTitle: 'demo',
      accessToken: 'free-demo-server-token',
    });
  });
});

describe('connect over the emulator’s fake servers', () => {
  beforeAll(async () => {
    await emulator.servers.start();
  });
  afterAll(async () => {
    await emulator.servers.stop();
  });

  const demoServer = async (token = 'demo-token') =>
    findResource(await getResources(client(token)), 'Demo Server')!;

  test('the best working connection: local https is refused (no TLS here), so local http wins', async () => {
    const result = await connect(await demoServer(), { timeout: 2_000 });
    expect(result.identity.machineIdentifier).toBe('a1b2c3d4e5f60718293a4b5c6d7e8f9000000001');
    expect(result.candidate.location).toBe('local');
    expect(result.uri.startsWith('http://127.0.0.1:')).toBe(true);
    expect(result.attempts[0]).toMatchObject({ outcome: 'refused' });
  });

  test('a black-holed local address costs the per-attempt timeout, then remote wins; wrong identity is rejected', async () => {
    await emulator.control.setConnectionBehaviour('Demo Server', 1, 'black-hole');
    await emulator.control.setConnectionBehaviour('Demo Server', 3, 'wrong-identity');
    const started = Date.now();
    // patience: Infinity is the pre-#12 default (wait for the better candidate to time out).
    const result = await connect(await demoServer(), { timeout: 500, patience: Number.POSITIVE_INFINITY });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(result.candidate.location).not.toBe('local');
    const outcomes = Object.fromEntries(result.attempts.map((a) => [a.uri, a.outcome]));
    expect(Object.values(outcomes)).toContain('timeout');
    expect(Object.values(outcomes)).toContain('wrong-identity');
  });

  test('a friend connecting to a shared server skips its local addresses', async () => {
    const result = await connect(await demoServer('free-token'), { timeout: 2_000 });
    expect(result.candidate.location).not.toBe('local');
  });

  test('every connection down: one ConnectionFailedError with every reason, no token in it', async () => {
    for (const i of [1, 3, 5]) await emulator.control.setConnectionBehaviour('Demo Server', i, 'refused');
    const error = (await connect(await demoServer(), { timeout: 500 }).catch(
      (e: unknown) => e,
    )) as ConnectionFailedError;
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect(error.attempts.length).toBeGreaterThanOrEqual(4);
    expect(error.attempts.every((a) => a.outcome !== 'ok')).toBe(true);
    expect(`${error.message}${JSON.stringify(error)}`).not.toContain('demo-server-access-token');
  });
});

describe('account settings', () => {
  test('webhooks: add and remove read first and keep the others; set replaces; free accounts are refused', async () => {
    const demo = client('demo-token');
    expect(await getWebhooks(demo)).toEqual(['https://hooks.example.test/plex']);
    await addWebhook(demo, 'https://tautulli.example.test/hook');
    expect(await getWebhooks(demo)).toEqual([
      'https://hooks.example.test/plex',
      'https://tautulli.example.test/hook',
    ]);
    await removeWebhook(demo, 'https://hooks.example.test/plex');
    expect(await getWebhooks(demo)).toEqual(['https://tautulli.example.test/hook']);
    await setWebhooks(demo, []);
    expect(await getWebhooks(demo)).toEqual([]);
    await expect(addWebhook(demo, 'ftp://nope')).rejects.toBeInstanceOf(TypeError);
    const error = await getWebhooks(client('free-token')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ status: 403, code: 1043 });
  });

  test('claim token, public IP, geoip', async () => {
    const demo = client('demo-token');
    expect(await getClaimToken(demo)).toMatch(/^claim-/);
    expect(await getPublicIp(demo)).toBe('203.0.113.10');
    expect(await getGeoIp(demo, '192.0.2.7')).toMatchObject({ city: 'Berlin', europeanUnionMember: true });
    const unknown = await getGeoIp(demo, '10.0.0.1');
    expect(unknown.city).toBeUndefined();
    expect(unknown.europeanUnionMember).toBeUndefined();
  });

  test('privacy, online media sources and view-state sync round-trip', async () => {
    const demo = client('demo-token');
    await setPrivacy(demo, { optOutPlayback: true });
    expect(await getPrivacy(demo)).toMatchObject({
      optOutPlayback: true,
      optOutLibraryStats: false,
      domain: 'analytics.plex.tv',
    });
    const sources = await getOnlineMediaSources(demo, 'a1b2c3d4e5f60001');
    expect(sources.map((s) => s.key)).toContain('tv.plex.provider.vod');
    await setViewStateSync(demo, false);
    expect((await getViewStateSync(demo)).consent).toBe(false);
  });

  test('MyPlexAccount: resources, devices, claim token, webhooks as @ctrl/plex users expect', async () => {
    const account = await new MyPlexAccount({
      token: 'demo-token',
      client: {
        clientIdentifier: 'compat',
        baseUrl: 'https://plex.tv',
        fetch: emulator.fetch.bind(emulator),
      },
    }).connect();
    expect((await account.resource('Demo Server')).owned).toBe(true);
    expect((await account.devices()).length).toBeGreaterThan(3);
    expect(await account.claimToken()).toMatch(/^claim-/);
    await account.addWebhook('https://new.example.test/x');
    expect(await account.webhooks()).toContain('https://new.example.test/x');
    await account.deleteWebhook('https://new.example.test/x');
    expect(await account.webhooks()).not.toContain('https://new.example.test/x');
  });
});
