/**
 * Friends and sharing through the library against the emulator's one consistent state: the multi-step scenarios
 * of the issue, plus the removed endpoints.
 */
import {
  acceptInvite,
  createClient,
  EndpointRemovedError,
  findResource,
  getFriends,
  getPendingInvites,
  getResources,
  getSharedUsers,
  inviteFriend,
  removeFriend,
  removeShare,
  shareServer,
  sharingSections,
  updateShare,
  updateSharingSettings,
} from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { beforeEach, describe, expect, test } from 'vitest';

const DEMO_SERVER = 'a1b2c3d4e5f60718293a4b5c6d7e8f9000000001';
const emulator = createEmulator();
const client = (token: string) =>
  createClient({
    clientIdentifier: 'home-tests',
    baseUrl: 'https://plex.tv',
    fetch: emulator.fetch.bind(emulator),
    token,
  });
const demo = () => client('demo-token');

beforeEach(() => emulator.control.reset());

describe('friends and sharing', () => {
  test('invite → accept → share two libraries → update → unshare → remove', async () => {
    const carol = client('carol-token');
    const invite = await inviteFriend(demo(), 'carol');
    expect(invite.status).toMatch(/pending/);
    // Pending for both accounts until accepted.
    const sent = await getPendingInvites(demo(), { includeReceived: false });
    expect(sent.map((f) => f.username)).toContain('carol');
    const received = await getPendingInvites(carol, { includeSent: false });
    const fromDemo = received.find((f) => f.username === 'demo')!;
    expect(fromDemo).toBeTruthy();

    const accepted = await acceptInvite(carol, fromDemo.id);
    expect(accepted.status).toBe('accepted');
    const friend = (await getFriends(demo())).find((f) => f.username === 'carol')!;
    expect(friend.status).toBe('accepted');

    const sections = await sharingSections(demo(), DEMO_SERVER);
    expect(sections.map((s) => s.title)).toEqual(['Movies', 'TV Shows', 'Music', 'Photos']);
    const share = await shareServer(demo(), {
      machineIdentifier: DEMO_SERVER,
      invitedId: friend.id,
      librarySectionIds: sections.slice(0, 2).map((s) => s.id),
      settings: { allowSync: true, allowTuners: 2 },
    });
    expect(share.libraries.map((l) => l.title)).toEqual(['Movies', 'TV Shows']);

    // The share is visible everywhere it should be: v1 users (with <Server>), v2 friends, carol's resources.
    const v1 = (await getSharedUsers(demo())).find((u) => u.username === 'carol')!;
    expect(v1.servers.map((s) => s.machineIdentifier)).toContain(DEMO_SERVER);
    expect(v1.servers[0]!.numLibraries).toBe(2);
    const carolsServer = findResource(await getResources(carol), DEMO_SERVER);
    expect(carolsServer).toMatchObject({ owned: false, sourceTitle: 'demo' });

    await updateShare(demo(), share.id, { librarySectionIds: sections.slice(0, 3).map((s) => s.id) });
    await updateSharingSettings(demo(), friend.id, { allowSync: false, allowTuners: 1 });
    const updated = (await getFriends(demo())).find((f) => f.username === 'carol')!;
    expect(updated.sharedServers[0]!.libraries).toHaveLength(3);
    expect(updated.sharingSettings).toMatchObject({ allowSync: false, allowTuners: 1 });

    await removeShare(demo(), share.id);
    expect(findResource(await getResources(carol), DEMO_SERVER)).toBeUndefined();
    expect((await getFriends(demo())).find((f) => f.username === 'carol')!.sharedServers).toEqual([]);

    await removeFriend(demo(), friend.id);
    expect((await getFriends(demo())).map((f) => f.username)).not.toContain('carol');
  });

  test('removing a friend removes their shares', async () => {
    const free = (await getFriends(demo())).find((f) => f.username === 'freeuser')!;
    expect(findResource(await getResources(client('free-token')), DEMO_SERVER)).toBeTruthy();
    await removeFriend(demo(), free.id);
    expect(findResource(await getResources(client('free-token')), DEMO_SERVER)).toBeUndefined();
    expect((await getSharedUsers(demo())).map((u) => u.username)).not.toContain('freeuser');
  });

  test('an e-mail invitee without an account is a pending invite keyed by the address', async () => {
    const invite = await inviteFriend(demo(), 'someone.new@example.test');
    expect(invite.status).toMatch(/pending/);
    const sent = await getPendingInvites(demo(), { includeReceived: false });
    expect(
      sent.some((f) => f.email === 'someone.new@example.test' || f.title === 'someone.new@example.test'),
    ).toBe(true);
  });

  test('removed endpoints: the emulator answers 410 like plex.tv', async () => {
    const gone = await demo()
      .request({ method: 'GET', path: '/api/invites/requested', accept: 'xml' })
      .catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(EndpointRemovedError);
    expect((gone as EndpointRemovedError).status).toBe(410);
  });
});
