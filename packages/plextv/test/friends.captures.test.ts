/**
 * Friends and invitations: every real capture decodes, values checked, including the awkward ones (an
 * `Invite@id` that is an e-mail address, `serverId="000001"`, `allowTuners="2"`).
 */
import { formatSharingFilter, parseFriends, parseInvites, parseSharedUsers, readSharingFilter } from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';

const rs = (path: string) => capture(`plex-api.rs/api/v2/${path}`);

describe('GET /api/users (v1, with shares)', () => {
  test('Home Assistant plextv_shared_users.xml: serverId keeps its zeros, spencer lands in extra', async () => {
    const users = await parseSharedUsers(capture('home-assistant-core/plextv_shared_users.xml'));
    // totalSize="3" size="3" but two <User>.
    expect(users.map((u) => u.id)).toEqual([1000, 1001]);
    const first = users[0]!;
    expect(first).toMatchObject({
      title: 'User 1000',
      username: 'User 1000',
      email: 'user_1000@email.com',
      thumb: 'https://plex.tv/users/0000000000000000/avatar?c=1467656888',
      protected: false,
      restricted: false,
      recommendationsPlaylistId: undefined,
    });
    expect(first.extra).toEqual({ spencer: '0' });
    expect(first.sharingSettings).toEqual({
      allowSync: false,
      allowCameraUpload: false,
      allowChannels: false,
      allowSubtitleAdmin: false,
      allowTuners: 0,
      filterMovies: undefined,
      filterMusic: undefined,
      filterTelevision: undefined,
      filterPhotos: undefined,
      filterAll: undefined,
    });
    expect(first.servers).toEqual([
      {
        id: 7654321,
        serverId: '000001',
        machineIdentifier: 'unique_id_123',
        name: 'plex',
        lastSeenAt: new Date(1614072646 * 1000),
        numLibraries: 4,
        allLibraries: false,
        owned: true,
        pending: false,
        extra: {},
      },
    ]);
    expect(users[1]!.servers[0]).toMatchObject({ id: 1234567, serverId: '000001', numLibraries: 5 });
  });

  test('plex-api.rs legacy users.rs: leading newline, allowTuners 0/1/2, filters, a user with no server', async () => {
    const users = await parseSharedUsers(
      capture('plex-api.rs/legacy-2021-src-tests/users.rs.decode_users.xml'),
    );
    // totalSize="2" size="2" with three users.
    expect(users).toHaveLength(3);
    expect(users.map((u) => u.sharingSettings.allowTuners)).toEqual([0, 1, 2]);
    expect(users[0]!.sharingSettings.filterMovies).toBe('contentRating=G');
    expect(users[0]!.sharingSettings.filterTelevision).toBe('contentRating=TV-14');
    expect(readSharingFilter(users[0]!.sharingSettings.filterTelevision).contentRating).toEqual(['TV-14']);
    expect(users.every((u) => u.home === true && u.restricted === true)).toBe(true);
    expect(users.every((u) => u.username === undefined && u.email === undefined)).toBe(true);
    expect(users[0]!.servers[0]).toMatchObject({
      id: 5558593,
      serverId: '8035121',
      machineIdentifier: '271663AA23AC6',
      name: 'LED-Kremen-286',
      numLibraries: 2,
      allLibraries: true,
      owned: true,
      pending: false,
    });
    expect(users[2]!.servers).toEqual([]);
  });
});

describe('GET /api/v2/friends', () => {
  test('empty', async () => {
    expect(await parseFriends(rs('friends_empty.json'))).toEqual([]);
  });

  test('one external friend: allowTuners is an int, filters "" and null are both "no filter"', async () => {
    const [friend] = await parseFriends(rs('friends_accepted_one_external.json'));
    expect(friend).toMatchObject({
      id: 6,
      uuid: 'deadbeed3',
      title: 'username',
      username: 'username',
      email: 'exampl@example.com',
      friendlyName: undefined,
      restricted: false,
      home: false,
      status: 'accepted',
      restrictionProfile: undefined,
      sharedSources: [],
    });
    expect(friend!.sharingSettings).toEqual({
      allowChannels: false,
      allowSubtitleAdmin: false,
      allowSync: true,
      allowCameraUpload: false,
      allowTuners: 0,
      filterMovies: undefined,
      filterMusic: undefined,
      filterTelevision: undefined,
      filterPhotos: undefined,
      filterAll: undefined,
    });
    expect(friend!.sharedServers).toHaveLength(1);
    const share = friend!.sharedServers[0]!;
    expect(share).toMatchObject({
      id: 1,
      name: 'Server',
      invitedId: 2,
      invitedEmail: undefined,
      serverId: '3',
      accepted: true,
      acceptedAt: new Date('2020-01-01T02:03:04Z'),
      deletedAt: undefined,
      leftAt: undefined,
      machineIdentifier: 'deadb33f',
      lastSeenAt: new Date('2023-01-01T00:13:21Z'),
      inviteToken: 'invite_token',
      ownerId: 4,
      owned: true,
      numLibraries: 4,
      allLibraries: true,
      extra: {},
    });
    expect(share.sharingSettings?.allowTuners).toBe(2);
    expect(share.libraries).toEqual([
      { id: '100', key: 1, title: 'Movies', type: 'movie', shared: undefined, extra: {} },
      { id: '103', key: 2, title: 'TV Shows', type: 'show', shared: undefined, extra: {} },
    ]);
    expect(friend!.extra).toEqual({});
  });

  test('one managed user: null username and e-mail', async () => {
    const [friend] = await parseFriends(rs('friends_accepted_one_restricted.json'));
    expect(friend).toMatchObject({
      id: 5,
      title: 'Guest',
      friendlyName: 'Guest',
      restricted: true,
      home: true,
    });
    expect(friend!.username).toBeUndefined();
    expect(friend!.email).toBeUndefined();
    expect(friend!.sharingSettings?.allowTuners).toBe(2);
  });

  test('four managed users: restriction profiles and URL-encoded filters kept raw', async () => {
    const friends = await parseFriends(rs('friends_accepted_four_restricted.json'));
    expect(friends.map((f) => [f.title, f.restrictionProfile])).toEqual([
      ['Adult', undefined],
      ['Older kid', 'older_kid'],
      ['Teen', 'teen'],
      ['Younger kid', 'little_kid'],
    ]);
    expect(friends.every((f) => f.sharedServers.length === 0 && f.username === undefined)).toBe(true);
    const adult = friends[0]!.sharingSettings!;
    expect(adult.allowTuners).toBe(1);
    expect(adult.filterMovies).toBe(
      'contentRating=12|label=BAFTA%2C1001%20Movies%20You%20Must%20See%20Before%20You%20Die&contentRating!=Approved',
    );
    expect(readSharingFilter(adult.filterMovies)).toEqual({
      contentRating: ['12'],
      excludeContentRating: ['Approved'],
      label: ['BAFTA', '1001 Movies You Must See Before You Die'],
      excludeLabel: [],
      other: {},
    });
    expect(friends[0]!.sharingSettings!.filterTelevision).toBeUndefined();
    const kid = readSharingFilter(friends[3]!.sharingSettings!.filterMovies);
    expect(kid.contentRating.slice(0, 6)).toEqual(['G', 'TV-G', 'TV-Y', 'gb/Uc', 'gb/U', 'UK: Uc']);
    expect(kid.contentRating).toContain('Ab 0 Jahren');
    expect(kid.contentRating.at(-1)).toBe('US/TV-Y');
    // Re-encoding gives a string that reads back the same.
    expect(readSharingFilter(formatSharingFilter(kid))).toEqual(kid);
  });

  test('mixed: restrictionProfile only on the home user', async () => {
    const friends = await parseFriends(rs('friends_accepted_mixed.json'));
    expect(friends.map((f) => [f.id, f.home, f.restricted])).toEqual([
      [5, true, true],
      [6, false, false],
    ]);
    expect(friends.map((f) => f.sharingSettings?.allowTuners)).toEqual([2, 0]);
  });

  test('pending_received', async () => {
    const [friend] = await parseFriends(rs('friends_pending_received_one_external.json'));
    expect(friend).toMatchObject({ id: 5, status: 'pending_received', username: 'Guest', email: undefined });
  });
});

describe('invitations', () => {
  test('python-plexapi MYPLEX_INVITE (no XML declaration)', async () => {
    expect(await parseInvites(capture('python-plexapi/payloads.MYPLEX_INVITE.xml'))).toEqual([
      {
        id: '12345',
        createdAt: new Date(1635126033 * 1000),
        friend: true,
        home: true,
        server: true,
        username: 'testuser',
        email: 'testuser@email.com',
        thumb: 'https://plex.tv/users/1234567890abcdef/avatar?c=12345',
        friendlyName: 'testuser',
        servers: [{ name: 'testserver', numLibraries: 2, extra: {} }],
        extra: {},
      },
    ]);
  });

  test('go-plex-client: an Invite@id that is an e-mail address stays a string; a home invite has no server', async () => {
    const invites = await parseInvites(
      capture('go-plex-client/plex_test.go.TestPlex_GetInvitedFriends_Response.xml'),
    );
    expect(invites.map((i) => i.id)).toEqual(['email1@gmail.com', '19661994', '22522496']);
    expect(invites[0]).toMatchObject({
      email: 'email1@gmail.com',
      username: undefined,
      thumb: undefined,
      friend: false,
      home: false,
      server: true,
      servers: [{ name: 'Server123', numLibraries: 3, extra: {} }],
    });
    expect(invites[1]).toMatchObject({ username: 'home-user', home: true, server: false, servers: [] });
    expect(invites[2]!.createdAt).toEqual(new Date(1643574613 * 1000));
  });
});
