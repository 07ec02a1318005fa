/** Mobile Sync (#11) through the public API against the emulator, in process. */
import {
  createClient,
  getDevices,
  getSyncItems,
  getSyncLists,
  NotFoundError,
  removeDevice,
  removeSyncItem,
} from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { beforeEach, describe, expect, test } from 'vitest';

const DEMO_SERVER = 'a1b2c3d4e5f60718293a4b5c6d7e8f9000000001';
const IPHONE = '7E1B3C2A-4D5E-4F60-8A9B-0C1D2E3F4A5B';
const emulator = createEmulator();
const client = (token: string) =>
  createClient({ clientIdentifier: 'sync-tests', fetch: emulator.fetch.bind(emulator), token, retry: false });
const demo = () => client('demo-token');

beforeEach(() => emulator.control.reset());

describe('sync items against the emulator', () => {
  test("a sync target's items: from the owner's server, with status, settings, policy and location", async () => {
    const list = await getSyncItems(demo(), IPHONE);
    expect(list.clientIdentifier).toBe(IPHONE);
    expect(list.items.length).toBe(2);
    for (const item of list.items) {
      expect(item.machineIdentifier).toBe(DEMO_SERVER);
      expect(item.status?.itemsCount).toBeGreaterThan(0);
      expect(item.mediaSettings?.videoQuality).toBeTypeOf('number');
      expect(['all', 'count']).toContain(item.policy?.scope);
      expect(item.location).toMatch(/^library:\/\//);
      expect(item.extra).toEqual({});
    }
  });

  test('a device that provides no sync target has none; one that is not yours is not found', async () => {
    expect((await getSyncItems(demo(), 'emulatorplexwebdemo00001')).items).toEqual([]);
    await expect(getSyncItems(client('free-token'), IPHONE)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getSyncItems(demo(), 'no-such-device')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('removeSyncItem removes one item; twice, or from another device, is not found', async () => {
    const [first, second] = (await getSyncItems(demo(), IPHONE)).items;
    await removeSyncItem(demo(), IPHONE, first!.id);
    expect((await getSyncItems(demo(), IPHONE)).items.map((i) => i.id)).toEqual([second!.id]);
    await expect(removeSyncItem(demo(), IPHONE, first!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeSyncItem(demo(), 'emulatorplexwebdemo00001', second!.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(removeSyncItem(client('free-token'), IPHONE, second!.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  test("sync lists: every device syncing from one of your servers, with its user; others' servers not found", async () => {
    const lists = await getSyncLists(demo(), DEMO_SERVER);
    expect(lists.map((l) => l.clientIdentifier)).toEqual([IPHONE]);
    expect(lists[0]!.device).toMatchObject({ clientIdentifier: IPHONE, name: 'iPhone', userId: 10000001 });
    expect(lists[0]!.items.map((i) => i.machineIdentifier)).toEqual([DEMO_SERVER, DEMO_SERVER]);
    await expect(getSyncLists(client('free-token'), DEMO_SERVER)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('a removed device leaves the sync lists', async () => {
    const iphone = (await getDevices(demo())).find((d) => d.clientIdentifier === IPHONE)!;
    await removeDevice(demo(), iphone.id);
    expect(await getSyncLists(demo(), DEMO_SERVER)).toEqual([]);
  });
});
