/**
 * Friends (endpoints/friends.ts): every endpoint against a scripted fetch, asserting method, URL, headers (the
 * token only in X-Plex-Token) and body.
 */
import {
  acceptInvite,
  cancelInvite,
  getFriends,
  getPendingInvites,
  getSharedUsers,
  inviteFriend,
  removeFriend,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import { BASE, empty, jsonText, request, setup, tokenOnlyInHeader, xmlText } from './endpoint-kit.js';
import { json } from './fake-fetch.js';

describe('friends', () => {
  test('getSharedUsers: GET /api/users asking for XML; decodes the capture', async () => {
    const { client, calls } = setup([xmlText(capture('home-assistant-core/plextv_shared_users.xml'))]);
    const users = await getSharedUsers(client);
    expect(request(calls[0]!)).toEqual({ method: 'GET', origin: BASE, path: '/api/users', query: {} });
    expect(calls[0]!.headers.get('accept')).toBe('application/xml');
    tokenOnlyInHeader(calls[0]!);
    expect(users.map((u) => u.servers[0]?.serverId)).toEqual(['000001', '000001']);
  });

  test('getFriends: GET /api/v2/friends with the include flags', async () => {
    const { client, calls } = setup([jsonText(capture('plex-api.rs/api/v2/friends_accepted_mixed.json'))]);
    const friends = await getFriends(client);
    expect(request(calls[0]!)).toEqual({
      method: 'GET',
      origin: BASE,
      path: '/api/v2/friends',
      query: { includeSharedServers: 'true', includeSharedSources: 'true', includeSharingSettings: 'true' },
    });
    expect(calls[0]!.headers.get('accept')).toBe('application/json');
    tokenOnlyInHeader(calls[0]!);
    expect(friends.map((f) => f.id)).toEqual([5, 6]);
  });

  test('getFriends({ status }): sends status and drops items in another state', async () => {
    const mixed = JSON.parse(capture('plex-api.rs/api/v2/friends_accepted_mixed.json')) as object[];
    const pending = JSON.parse(
      capture('plex-api.rs/api/v2/friends_pending_received_one_external.json'),
    ) as object[];
    const { client, calls } = setup([json([...mixed, ...pending])]);
    const friends = await getFriends(client, { status: 'pending_received' });
    expect(request(calls[0]!).query.status).toBe('pending_received');
    expect(friends.map((f) => [f.id, f.status])).toEqual([[5, 'pending_received']]);
  });

  test('getPendingInvites: sent then received, status filled from the list; includeSent: false asks once', async () => {
    const invitee = JSON.parse(capture('plex-api.rs/api/v2/friends/invite_create.json')) as Record<
      string,
      unknown
    >;
    const { status: _status, ...withoutStatus } = invitee;
    const { client, calls } = setup([
      json([withoutStatus]),
      json([{ ...invitee, id: 9, status: 'pending_received' }]),
      json([]),
    ]);
    const invites = await getPendingInvites(client);
    expect(calls.map(request)).toEqual([
      { method: 'GET', origin: BASE, path: '/api/v2/friends/invites/sent/pending', query: {} },
      { method: 'GET', origin: BASE, path: '/api/v2/friends/invites/received/pending', query: {} },
    ]);
    expect(invites.map((i) => [i.id, i.status])).toEqual([
      [1, 'pending_sent'],
      [9, 'pending_received'],
    ]);
    expect(await getPendingInvites(client, { includeSent: false })).toEqual([]);
    expect(request(calls[2]!).path).toBe('/api/v2/friends/invites/received/pending');
  });

  test('inviteFriend: POST /api/v2/friends/invite?identifier=…; resolves with the invitee', async () => {
    const { client, calls } = setup([jsonText(capture('plex-api.rs/api/v2/friends/invite_create.json'))]);
    const friend = await inviteFriend(client, 'someone@example.com');
    expect(request(calls[0]!)).toEqual({
      method: 'POST',
      origin: BASE,
      path: '/api/v2/friends/invite',
      query: { identifier: 'someone@example.com' },
    });
    expect(calls[0]!.body).toBeUndefined();
    tokenOnlyInHeader(calls[0]!);
    expect(friend).toMatchObject({
      id: 1,
      uuid: 'deadbeef',
      username: 'username',
      status: 'pending',
      home: false,
    });
    expect(friend.sharingSettings).toBeUndefined();
    expect(friend.sharedServers).toEqual([]);
    await expect(inviteFriend(client, ' ')).rejects.toBeInstanceOf(TypeError);
  });

  test('acceptInvite: POST /api/v2/friends/{id}/accept; friendshipCreatedAt decoded', async () => {
    const { client, calls } = setup([jsonText(capture('plex-api.rs/api/v2/friends/accept.json'))]);
    const friend = await acceptInvite(client, 1);
    expect(request(calls[0]!)).toEqual({
      method: 'POST',
      origin: BASE,
      path: '/api/v2/friends/1/accept',
      query: {},
    });
    tokenOnlyInHeader(calls[0]!);
    expect(friend).toMatchObject({
      id: 1,
      status: 'accepted',
      email: 'example@example.com',
      friendshipCreatedAt: new Date('2021-02-10T10:10:19Z'),
    });
  });

  test('cancelInvite: DELETE /api/v2/friends/invite?identifier=…', async () => {
    const { client, calls } = setup([empty()]);
    await cancelInvite(client, 'someone@example.com');
    expect(request(calls[0]!)).toEqual({
      method: 'DELETE',
      origin: BASE,
      path: '/api/v2/friends/invite',
      query: { identifier: 'someone@example.com' },
    });
    tokenOnlyInHeader(calls[0]!);
  });

  test('removeFriend: DELETE /api/v2/sharings/{id}', async () => {
    const { client, calls } = setup([empty(), empty()]);
    await removeFriend(client, 6);
    expect(request(calls[0]!)).toEqual({
      method: 'DELETE',
      origin: BASE,
      path: '/api/v2/sharings/6',
      query: {},
    });
    tokenOnlyInHeader(calls[0]!);
    await removeFriend(client, '6?x=1');
    expect(calls[1]!.url).toBe(`${BASE}/api/v2/sharings/6%3Fx%3D1`);
  });
});
