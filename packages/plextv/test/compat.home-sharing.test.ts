/**
 * MyPlexAccount's Plex Home, friends and sharing methods (the @ctrl/plex / python-plexapi surface) on a scripted
 * fetch: what each sends, how names resolve, and that the URL constants point where the methods go.
 */
import { HomePinRequiredError, MyPlexAccount, NotFoundError, type PlexUser } from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import { ACCOUNT, json, type Recorded, scriptedFetch, xml } from './fake-fetch.js';

const TOKEN = 'secret-token-abc';
const BASE = 'https://plex.test';
const CLIENTS = 'https://clients.plex.test';

function account(steps: Parameters<typeof scriptedFetch>[0]) {
  const { fetch, calls } = scriptedFetch(steps);
  const me = new MyPlexAccount({
    token: TOKEN,
    client: { clientIdentifier: 'compat', baseUrl: BASE, clientsBaseUrl: CLIENTS, fetch, retry: false },
  });
  return { me, calls };
}

const jsonText = (body: string) => new Response(body, { headers: { 'content-type': 'application/json' } });
const xmlText = (body: string) => new Response(body, { headers: { 'content-type': 'application/xml' } });
const empty = () => new Response(null, { status: 204 });
const ok = () => xml('<Response code="0" status="OK"/>');

const line = (call: Recorded) => {
  const url = new URL(call.url);
  return `${call.method} ${url.origin === CLIENTS ? 'clients:' : ''}${url.pathname}${url.search}`;
};

const USERS = `<MediaContainer friendlyName="myPlex" size="3">
  <User id="1" title="alice" username="bob" email="a@x.example"/>
  <User id="2" title="bob" username="carol" email="b@x.example"/>
  <User id="3" title="Kid" username="" email="" restricted="1" home="1"/>
</MediaContainer>`;

const homeUsersXml = () => xmlText(capture('node-plex-api-credentials/managed_users.xml'));
const sectionsJson = () => jsonText(capture('plex-api.rs/api/v2/servers/machine_id.json'));
const shareJson = () => jsonText(capture('plex-api.rs/api/v2/shared_server_create.json'));

describe('users and user(name)', () => {
  test('title first (case-insensitive), then username, e-mail or id; NotFoundError otherwise', async () => {
    const { me, calls } = account(Array.from({ length: 7 }, () => xmlText(USERS)));
    expect((await me.users()).map((u) => u.id)).toEqual([1, 2, 3]);
    expect((await me.user('bob')).id).toBe(2);
    expect((await me.user('BOB')).id).toBe(2);
    expect((await me.user('carol')).id).toBe(2);
    expect((await me.user('A@X.EXAMPLE')).id).toBe(1);
    expect((await me.user('3')).title).toBe('Kid');
    await expect(me.user('nobody')).rejects.toBeInstanceOf(NotFoundError);
    expect(calls.every((c) => line(c) === 'GET /api/users')).toBe(true);
    expect(calls[0]!.headers.get('x-plex-token')).toBe(TOKEN);
  });
});

describe('friends', () => {
  test('inviteFriend(user): the v2 friend invite', async () => {
    const { me, calls } = account([jsonText(capture('plex-api.rs/api/v2/friends/invite_create.json'))]);
    const friend = await me.inviteFriend('someone@example.com');
    expect(friend.status).toBe('pending');
    expect(calls.map(line)).toEqual(['POST /api/v2/friends/invite?identifier=someone%40example.com']);
  });

  test('inviteFriend(user, { server, sections }): sections by title or key become plex.tv ids, then a share', async () => {
    const { me, calls } = account([sectionsJson(), shareJson()]);
    const share = await me.inviteFriend('someone@example.com', {
      server: { clientIdentifier: 'machine_id' },
      sections: ['movies', 2],
      settings: { allowSync: true },
    });
    expect(share.id).toBe(1);
    expect(calls.map(line)).toEqual(['GET /api/servers/machine_id', 'POST /api/v2/shared_servers']);
    expect(JSON.parse(calls[1]!.body!)).toEqual({
      machineIdentifier: 'machine_id',
      librarySectionIds: [1001, 1002],
      settings: { allowSync: true },
      invitedEmail: 'someone@example.com',
    });
  });

  test('inviteFriend with an unknown section is NotFoundError before any share', async () => {
    const { me, calls } = account([sectionsJson()]);
    await expect(
      me.inviteFriend('x@example.com', { server: 'machine_id', sections: ['Anime'] }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(calls).toHaveLength(1);
  });

  test('updateFriend: replaces the sections of the existing share, then the settings', async () => {
    const { me, calls } = account([
      xmlText(capture('home-assistant-core/plextv_shared_users.xml')),
      sectionsJson(),
      empty(),
      empty(),
    ]);
    await me.updateFriend('User 1000', {
      server: 'unique_id_123',
      sections: ['Movies'],
      settings: { allowSync: true, allowTuners: 2 },
    });
    expect(calls.map(line)).toEqual([
      'GET /api/users',
      'GET /api/servers/unique_id_123',
      'POST clients:/api/v2/shared_servers/7654321',
      'PUT /api/v2/sharings/1000?allowSync=1&allowTuners=2',
    ]);
    expect(JSON.parse(calls[2]!.body!)).toEqual({
      librarySectionIds: [1001],
      machineIdentifier: 'unique_id_123',
    });
  });

  test('updateFriend: shares when there is no share yet; removeSections removes it', async () => {
    const friend: PlexUser = {
      id: 9,
      sharingSettings: {},
      servers: [{ id: 77, machineIdentifier: 'machine_id', extra: {} }],
      extra: {},
    };
    const { me, calls } = account([sectionsJson(), shareJson(), empty()]);
    await me.updateFriend({ ...friend, servers: [] }, { server: 'machine_id', sections: [1002] });
    await me.updateFriend(friend, { server: 'machine_id', removeSections: true });
    expect(calls.map(line)).toEqual([
      'GET /api/servers/machine_id',
      'POST /api/v2/shared_servers',
      'DELETE clients:/api/v2/shared_servers/77',
    ]);
    expect(JSON.parse(calls[1]!.body!)).toMatchObject({ invitedId: 9, librarySectionIds: [1002] });
  });

  test('removeFriend by name (looked up) or by id', async () => {
    const { me, calls } = account([xmlText(USERS), empty(), empty()]);
    await me.removeFriend('Kid');
    await me.removeFriend(6);
    expect(calls.map(line)).toEqual([
      'GET /api/users',
      'DELETE /api/v2/sharings/3',
      'DELETE /api/v2/sharings/6',
    ]);
  });

  test('pendingInvites, acceptInvite(name), cancelInvite(friend)', async () => {
    const received = () =>
      json([
        {
          ...(JSON.parse(capture('plex-api.rs/api/v2/friends/invite_create.json')) as object),
          status: 'pending_received',
        },
      ]);
    const { me, calls } = account([
      received(),
      received(),
      jsonText(capture('plex-api.rs/api/v2/friends/accept.json')),
      empty(),
    ]);
    const [invite] = await me.pendingInvites(false, true);
    expect(invite!.status).toBe('pending_received');
    const friend = await me.acceptInvite('USERNAME');
    expect(friend.friendshipCreatedAt).toEqual(new Date('2021-02-10T10:10:19Z'));
    await me.cancelInvite(friend);
    expect(calls.map(line)).toEqual([
      'GET /api/v2/friends/invites/received/pending',
      'GET /api/v2/friends/invites/received/pending',
      'POST /api/v2/friends/1/accept',
      'DELETE /api/v2/friends/invite?identifier=username',
    ]);
  });

  test('acceptInvite of an unknown inviter is NotFoundError', async () => {
    const { me } = account([json([])]);
    await expect(me.acceptInvite('ghost')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('Plex Home', () => {
  test('createHomeUser with a profile and a share of every section', async () => {
    const { me, calls } = account([
      xml('<User id="55" uuid="5a5a5a5a5a5a5a5a" title="Kid" restricted="1"/>'),
      empty(),
      sectionsJson(),
      shareJson(),
    ]);
    const kid = await me.createHomeUser('Kid', { restrictionProfile: 'teen', server: 'machine_id' });
    expect(kid).toMatchObject({ id: 55, restrictionProfile: 'teen' });
    expect(calls.map(line)).toEqual([
      'POST /api/home/users?title=Kid',
      'PUT /api/v2/home/users/restricted/55?restrictionProfile=teen',
      'GET /api/servers/machine_id',
      'POST /api/v2/shared_servers',
    ]);
    expect(JSON.parse(calls[3]!.body!)).toMatchObject({ invitedId: 55, librarySectionIds: [1001, 1002] });
  });

  test('createExistingUser invites into the home', async () => {
    const { me, calls } = account([ok()]);
    await me.createExistingUser('friend@example.com');
    expect(calls.map(line)).toEqual(['POST /api/home/users?invitedEmail=friend%40example.com']);
  });

  test('removeHomeUser, setManagedUserPin by name (looked up among the home users) or id', async () => {
    const { me, calls } = account([homeUsersXml(), ok(), homeUsersXml(), empty(), empty()]);
    await me.removeHomeUser('onlyphotos');
    await me.setManagedUserPin('OnlyPhotos', '1234');
    await me.removeManagedUserPin(4321);
    expect(calls.map(line)).toEqual([
      'GET /api/v2/home/users',
      'DELETE /api/home/users/4321',
      'GET /api/v2/home/users',
      'POST /api/v2/home/users/restricted/4321?pin=1234',
      'POST /api/v2/home/users/restricted/4321?removePin=1',
    ]);
    await expect(me.removeHomeUser('nobody')).rejects.toThrow();
  });

  test('setPin / removePin use the connected account id', async () => {
    const { me, calls } = account([json(ACCOUNT), ok(), ok()]);
    await me.connect();
    await me.setPin('1234', '0000');
    await me.removePin('1234');
    expect(calls.map(line)).toEqual([
      'GET /api/v2/user',
      'PUT /api/home/users/1?pin=1234&currentPin=0000',
      'PUT /api/home/users/1?pin=&currentPin=1234',
    ]);
  });

  test('switchHomeUser(name, pin): a new connected account acting as the member; this one unchanged', async () => {
    const { me, calls } = account([
      jsonText(capture('PlexKit/home_users.json')),
      jsonText(capture('PlexKit/switch_user.json')),
      json([]),
    ]);
    const other = await me.switchHomeUser('Title', '1234');
    expect(calls.map(line)).toEqual([
      'GET /api/v2/home/users',
      'POST /api/v2/home/users/uuid/switch?pin=1234',
    ]);
    expect(other).toBeInstanceOf(MyPlexAccount);
    expect(other).not.toBe(me);
    expect(other.authenticationToken).toBe('token');
    expect(other).toMatchObject({ id: 123, uuid: 'uuid', username: 'username', home: true, homeSize: 4 });
    expect(other.account?.queueEmail).toBe('queueEmail');
    expect(me.authenticationToken).toBe(TOKEN);
    expect(JSON.stringify(other)).not.toContain('token"');
    await other.webhooks();
    expect(calls[2]!.headers.get('x-plex-token')).toBe('token');
  });

  test('switchHomeUser with a wrong PIN is HomePinRequiredError', async () => {
    const { me } = account([
      json(
        { errors: [{ code: 1041, message: 'A valid PIN is required to perform this action', status: 403 }] },
        403,
      ),
    ]);
    const member = {
      id: 1234,
      uuid: 'uuid',
      extra: {},
    };
    await expect(me.switchHomeUser(member, '0000')).rejects.toBeInstanceOf(HomePinRequiredError);
  });

  test('homeUsers and sharingSections', async () => {
    const { me, calls } = account([
      homeUsersXml(),
      xmlText(capture('go-plex-client/plex_test.go.TestSectionIDResponse.xml')),
    ]);
    expect((await me.homeUsers()).map((u) => u.title)).toEqual(['phillipj', 'OnlyPhotos']);
    expect((await me.sharingSections({ machineIdentifier: 'abc123' })).map((s) => s.key)).toEqual([2, 3, 1]);
    expect(calls.map(line)).toEqual(['GET /api/v2/home/users', 'GET /api/servers/abc123']);
    await expect(me.sharingSections('')).rejects.toBeInstanceOf(TypeError);
  });
});

describe('URL constants', () => {
  test('they point where the methods go (FRIENDSERVERS on the clients host)', () => {
    const { me } = account([]);
    expect(me.FRIENDINVITE).toBe(`${BASE}/api/v2/shared_servers`);
    expect(me.FRIENDSERVERS).toBe(`${CLIENTS}/api/v2/shared_servers/{serverId}`);
    expect(me.FRIENDUPDATE).toBe(`${BASE}/api/v2/sharings/{userId}`);
    expect(me.HOMEUSERCREATE).toBe(`${BASE}/api/home/users?title={title}`);
    expect(me.EXISTINGUSER).toBe(`${BASE}/api/home/users?invitedEmail={username}`);
    expect(me.REMOVEHOMEUSER).toBe(`${BASE}/api/home/users/{userId}`);
    expect(me.PLEXSERVERS).toBe(`${BASE}/api/servers/{machineId}`);
    expect(me.REMOVEINVITE).toBe(`${BASE}/api/v2/friends/invite?identifier={userId}`);
    expect(me.REQUESTED).toBe(`${BASE}/api/v2/friends/invites/sent/pending`);
    expect(me.REQUESTS).toBe(`${BASE}/api/v2/friends/invites/received/pending`);
    expect(MyPlexAccount.FRIENDSERVERS).toBe('https://clients.plex.tv/api/v2/shared_servers/{serverId}');
    expect(MyPlexAccount.FRIENDUPDATE).toBe('https://plex.tv/api/v2/sharings/{userId}');
  });

  test('without a clients base URL, FRIENDSERVERS follows the plex.tv base URL (as requests do)', () => {
    const me = new MyPlexAccount({ token: TOKEN, client: { clientIdentifier: 'c', baseUrl: BASE } });
    expect(me.FRIENDSERVERS).toBe(`${BASE}/api/v2/shared_servers/{serverId}`);
  });
});

describe('plextv/compat', () => {
  test('exports the same MyPlexAccount as plextv, with its types', async () => {
    const compat = await import('plextv/compat');
    const main = await import('plextv');
    expect(compat.MyPlexAccount).toBe(main.MyPlexAccount);
    const options: import('plextv/compat').MyPlexAccountOptions = {
      token: 't',
      client: { clientIdentifier: 'c' },
    };
    expect(new compat.MyPlexAccount(options).token).toBe('t');
  });
});
