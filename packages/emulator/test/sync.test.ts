/** Mobile Sync: GET/DELETE /devices/{id}/sync_items and GET /servers/{m}/sync_lists (XML only, unverified). */
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';
import { attr, call, get } from './helpers.js';

const DEMO_SERVER = 'a1b2c3d4e5f60718293a4b5c6d7e8f9000000001';
const IPHONE = '7E1B3C2A-4D5E-4F60-8A9B-0C1D2E3F4A5B';
const ids = (xml: string) => [...xml.matchAll(/<SyncItem id="(\d+)"/g)].map((m) => Number(m[1]));

describe('sync items', () => {
  it("lists a sync target's items as python-plexapi reads them, XML even when JSON is asked", async () => {
    const emu = createEmulator();
    const res = await get(emu, `/devices/${IPHONE}/sync_items`, { token: 'demo-token', json: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    expect(attr(xml, 'SyncList', 'clientIdentifier')).toBe(IPHONE);
    expect(ids(xml)).toHaveLength(2);
    for (const element of ['SyncItems', 'Server', 'Status', 'MediaSettings', 'Policy', 'Location']) {
      expect(xml).toContain(`<${element}`);
    }
    expect(attr(xml, 'Server', 'machineIdentifier')).toBe(DEMO_SERVER);
    expect(attr(xml, 'Location', 'uri')).toMatch(/^library:\/\//);
  });

  it("needs a token; someone else's or an unknown device is 404", async () => {
    const emu = createEmulator();
    expect((await get(emu, `/devices/${IPHONE}/sync_items`)).status).toBe(401);
    expect((await get(emu, `/devices/${IPHONE}/sync_items`, { token: 'free-token' })).status).toBe(404);
    expect((await get(emu, '/devices/nope/sync_items', { token: 'demo-token' })).status).toBe(404);
  });

  it('DELETE removes one item (200, empty); again, or through another device, is 404', async () => {
    const emu = createEmulator();
    const [first, second] = ids(
      await (await get(emu, `/devices/${IPHONE}/sync_items`, { token: 'demo-token' })).text(),
    );
    const del = await call(emu, 'DELETE', `/devices/${IPHONE}/sync_items/${first}`, { token: 'demo-token' });
    expect(del.status).toBe(200);
    expect(await del.text()).toBe('');
    expect(
      ids(await (await get(emu, `/devices/${IPHONE}/sync_items`, { token: 'demo-token' })).text()),
    ).toEqual([second]);
    expect(
      (await call(emu, 'DELETE', `/devices/${IPHONE}/sync_items/${first}`, { token: 'demo-token' })).status,
    ).toBe(404);
    const other = await call(emu, 'DELETE', `/devices/emulatorplexwebdemo00001/sync_items/${second}`, {
      token: 'demo-token',
    });
    expect(other.status).toBe(404);
    expect(
      (await call(emu, 'DELETE', `/devices/${IPHONE}/sync_items/${second}`, { token: 'free-token' })).status,
    ).toBe(404);
  });

  it('a reset brings the seeded items back', async () => {
    const emu = createEmulator();
    const [first] = ids(
      await (await get(emu, `/devices/${IPHONE}/sync_items`, { token: 'demo-token' })).text(),
    );
    await call(emu, 'DELETE', `/devices/${IPHONE}/sync_items/${first}`, { token: 'demo-token' });
    emu.control.reset();
    expect(
      ids(await (await get(emu, `/devices/${IPHONE}/sync_items`, { token: 'demo-token' })).text()),
    ).toHaveLength(2);
  });
});

describe('sync lists', () => {
  it("lists each device syncing from the owner's server, with its <Device> as Tautulli reads it", async () => {
    const emu = createEmulator();
    const res = await get(emu, `/servers/${DEMO_SERVER}/sync_lists`, { token: 'demo-token' });
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(attr(xml, 'MediaContainer', 'size')).toBe('1');
    expect(attr(xml, 'SyncList', 'clientIdentifier')).toBe(IPHONE);
    expect(attr(xml, 'Device', 'userID')).toBe('10000001');
    expect(attr(xml, 'Device', 'name')).toBe('iPhone');
    expect(ids(xml)).toHaveLength(2);
  });

  it("a server that is not the caller's is 404", async () => {
    const emu = createEmulator();
    expect((await get(emu, `/servers/${DEMO_SERVER}/sync_lists`, { token: 'free-token' })).status).toBe(404);
    expect((await get(emu, '/servers/unknown/sync_lists', { token: 'demo-token' })).status).toBe(404);
  });
});
