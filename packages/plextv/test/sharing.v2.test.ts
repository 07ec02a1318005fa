/** The v2 share lists (#11, Wizarr's calls) and getServer, against the emulator. Unverified shapes. */
import {
  acceptShareInvite,
  createClient,
  getAcceptedShares,
  getPendingShareInvites,
  getServer,
  getSharingServer,
  shareServer,
  sharingSections,
} from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { beforeEach, describe, expect, test } from 'vitest';

const DEMO_SERVER = 'a1b2c3d4e5f60718293a4b5c6d7e8f9000000001';
const emulator = createEmulator();
const client = (token: string) =>
  createClient({
    clientIdentifier: 'sharing-v2-tests',
    baseUrl: 'https://plex.tv',
    fetch: emulator.fetch.bind(emulator),
    token,
  });

beforeEach(() => emulator.control.reset());

describe('share invitations', () => {
  test('a share offered to a stranger is pending for them; accepting it makes it an accepted share', async () => {
    const demo = client('demo-token');
    const carol = client('carol-token');
    const ids = (await sharingSections(demo, DEMO_SERVER)).map((s) => s.id);
    const acceptedBefore = await getAcceptedShares(demo);
    const share = await shareServer(demo, {
      machineIdentifier: DEMO_SERVER,
      invitedEmail: 'carol',
      librarySectionIds: ids.slice(0, 1),
    });

    const pending = await getPendingShareInvites(carol);
    const fromDemo = pending.find((p) => p.owner.username === 'demo');
    expect(fromDemo?.sharedServers.map((s) => s.id)).toEqual([share.id]);
    expect(fromDemo?.owner.id).toBeTypeOf('number');
    expect((await getAcceptedShares(demo)).map((s) => s.id)).not.toContain(share.id);

    await acceptShareInvite(carol, share.id);
    expect((await getPendingShareInvites(carol)).some((p) => p.owner.username === 'demo')).toBe(false);
    const accepted = await getAcceptedShares(demo);
    expect(accepted.map((s) => s.id)).toContain(share.id);
    expect(accepted.length).toBe(acceptedBefore.length + 1);
    expect(accepted.find((s) => s.id === share.id)?.machineIdentifier).toBe(DEMO_SERVER);
  });

  test("accepting someone else's share is refused (404)", async () => {
    const freeShare = (await getAcceptedShares(client('demo-token')))[0]!;
    await expect(acceptShareInvite(client('carol-token'), freeShare.id)).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('getServer', () => {
  test('v2 JSON decodes to the same server and sections as the v1 XML', async () => {
    const v2 = await getServer(client('demo-token'), DEMO_SERVER);
    const v1 = await getSharingServer(client('demo-token'), DEMO_SERVER);
    expect(v2.librarySections.map((s) => [s.id, s.title])).toEqual(
      v1.librarySections.map((s) => [s.id, s.title]),
    );
    expect(v2.machineIdentifier).toBe(DEMO_SERVER);
  });
});
