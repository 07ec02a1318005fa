/** Devices and resources through the library against the emulator. */
import {
  createClient,
  findResource,
  getDevices,
  getResources,
  NotFoundError,
  parseResources,
  removeDevice,
} from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { beforeEach, describe, expect, test } from 'vitest';

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
