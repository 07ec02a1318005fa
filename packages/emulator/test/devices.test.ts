/** GET /devices.xml and DELETE /devices/{id}.xml. */
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import { attrs, children, get, resources, xmlError } from './helpers.js';
import { parseXml, type XmlNode } from './shapes.js';

describe('GET /devices.xml and DELETE /devices/{id}.xml', () => {
  async function deviceList(emu: Emulator, token = 'demo-token'): Promise<XmlNode> {
    const res = await get(emu, '/devices.xml', { token, json: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    return parseXml(await res.text());
  }

  it("lists the account's own devices (the controller-only app too) with ids, tokens and children", async () => {
    const root = await deviceList(createEmulator());
    // In process there is no socket: the caller is the documented fixed address.
    expect(attrs(root)).toEqual({ publicAddress: '203.0.113.10', size: '6' });
    const list = children(root, 'Device');
    expect(list.map((d) => attrs(d).name)).toEqual([
      'Demo Server',
      'Basement NAS',
      'Chrome',
      'iPhone',
      'Living Room HTPC',
      'Home Assistant',
    ]);
    expect(Object.keys(attrs(list[0]!))).toEqual([
      'name',
      'publicAddress',
      'product',
      'productVersion',
      'platform',
      'platformVersion',
      'device',
      'model',
      'vendor',
      'provides',
      'clientIdentifier',
      'version',
      'id',
      'token',
      'createdAt',
      'lastSeenAt',
      'screenResolution',
      'screenDensity',
    ]);
    expect(attrs(list[0]!)).toMatchObject({
      id: '30000001',
      token: 'demo-server-device-token',
      createdAt: '1556994130',
    });
    // Server connections: its own addresses (plex.direct names as http://address:port), no relay.
    expect(children(list[0]!, 'Connection').map((c) => attrs(c).uri)).toEqual([
      'http://192.168.1.10:32400',
      'http://192.168.1.10:32400',
      'http://203.0.113.10:32400',
      'http://203.0.113.10:32400',
      'http://[2001:db8::10]:32400',
    ]);
    const iphone = list[3]!;
    expect(iphone.children.map((c) => c.name)).toEqual(['SyncList', 'Connection']);
    expect(attrs(iphone.children[0]!)).toEqual({
      itemsCompleteCount: '42',
      totalSize: '12884901888',
      version: '2',
    });
    expect(Number(attrs(iphone.children[0]!).totalSize)).toBeGreaterThan(2 ** 32);
    expect(attrs(list[4]!).device).toBe('');
    expect(attrs(list[2]!)).toMatchObject({ vendor: '', screenDensity: '' });
  });

  it('per account: freeuser has its browser only; Kids has none', async () => {
    const emu = createEmulator();
    expect(children(await deviceList(emu, 'free-token'), 'Device').map((d) => attrs(d).name)).toEqual([
      'Firefox',
    ]);
    const kids = await deviceList(emu, 'kids-token');
    expect(attrs(kids).size).toBe('0');
    expect(kids.children).toEqual([]);
  });

  it('a device token works against plex.tv as its owner', async () => {
    const res = await get(createEmulator(), '/api/v2/user', { token: 'demo-web-device-token', json: true });
    expect(res.status).toBe(200);
    expect((await res.json()).username).toBe('demo');
  });

  it('DELETE signs the device out: 200 empty, token revoked, gone from devices and resources', async () => {
    const emu = createEmulator();
    const del = await emu.fetch('https://plex.tv/devices/30000003.xml', {
      method: 'DELETE',
      headers: { 'X-Plex-Client-Identifier': 'c', 'X-Plex-Token': 'demo-token' },
    });
    expect(del.status).toBe(200);
    expect(await del.text()).toBe('');
    expect((await get(emu, '/api/v2/user', { token: 'demo-web-device-token' })).status).toBe(401);
    expect(children(await deviceList(emu), 'Device').map((d) => attrs(d).name)).not.toContain('Chrome');
    expect((await resources(emu, 'demo-token')).map((r) => r.name)).not.toContain('Chrome');
    // Deleting a server removes its shares too.
    await emu.fetch('https://plex.tv/devices/30000001.xml', {
      method: 'DELETE',
      headers: { 'X-Plex-Client-Identifier': 'c', 'X-Plex-Token': 'demo-token' },
    });
    expect((await resources(emu, 'free-token')).map((r) => r.name)).toEqual(['Firefox']);
    // reset() brings them back.
    emu.control.reset();
    expect((await resources(emu, 'demo-token')).map((r) => r.name)).toContain('Chrome');
  });

  it('DELETE of an unknown id, or of another account’s device, is 404', async () => {
    const emu = createEmulator();
    const del = (id: string, token: string) =>
      emu.fetch(`https://plex.tv/devices/${id}.xml`, {
        method: 'DELETE',
        headers: { 'X-Plex-Client-Identifier': 'c', 'X-Plex-Token': token, Accept: 'application/json' },
      });
    const unknown = await del('99', 'demo-token');
    expect(unknown.status).toBe(404);
    // The .xml suffix decides the format, as for the document itself.
    expect(await unknown.text()).toBe(xmlError(1000, 'Device not found', 404));
    expect((await del('30000007', 'demo-token')).status).toBe(404);
    expect((await del('30000007', 'free-token')).status).toBe(200);
    expect((await del('30000001', 'nope')).status).toBe(401);
  });

  it('DELETE also drops tokens signed in with that client identifier', async () => {
    const emu = createEmulator();
    const signin = await emu.fetch('https://plex.tv/api/v2/users/signin', {
      method: 'POST',
      headers: {
        'X-Plex-Client-Identifier': 'emulatorplexwebfree00001',
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'login=freeuser&password=free-password',
    });
    const { authToken } = await signin.json();
    expect((await get(emu, '/api/v2/user', { token: authToken })).status).toBe(200);
    await emu.fetch('https://plex.tv/devices/30000007.xml', {
      method: 'DELETE',
      headers: { 'X-Plex-Client-Identifier': 'c', 'X-Plex-Token': 'free-token' },
    });
    expect((await get(emu, '/api/v2/user', { token: authToken })).status).toBe(401);
    expect((await get(emu, '/api/v2/user', { token: 'free-token' })).status).toBe(200);
  });
});
