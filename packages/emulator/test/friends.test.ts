/** Friends: the v2 lists, invitations, removal, sharing settings, and the v1 /api/users list. */
import { describe, expect, it } from 'vitest';
import { createEmulator, DEMO_SERVER_ID, type Emulator } from '../src/index.js';
import { attr, call, type Doc, get, jsonError, jsonOf, XML_DECL, xmlOf } from './helpers.js';
import { parseXml, type XmlNode } from './shapes.js';

const FREE = 10000002;
const CAROL = 10000005;
const NEWFRIEND = 20000001;

async function friends(emu: Emulator, token: string, query = ''): Promise<Doc[]> {
  return jsonOf(get(emu, `/api/v2/friends${query}`, { token, json: true }));
}

async function v1Users(emu: Emulator, token: string): Promise<XmlNode[]> {
  return parseXml(await xmlOf(get(emu, '/api/users', { token }))).children;
}

const attrsOf = (n: XmlNode) => Object.fromEntries(n.attrs);

describe('GET /api/v2/friends', () => {
  it("demo's friends: Home members first (with restrictionProfile), then freeuser with its share", async () => {
    const list = await friends(createEmulator(), 'demo-token');
    expect(list.map((f) => [f.id, f.status, f.home, 'restrictionProfile' in f])).toEqual([
      [10000003, 'accepted', true, true],
      [10000004, 'accepted', true, true],
      [FREE, 'accepted', false, false],
    ]);
    const free = list[2];
    expect(free).toEqual({
      status: 'accepted',
      sharingSettings: {
        allowChannels: false,
        allowSubtitleAdmin: false,
        filterMovies: '',
        filterMusic: '',
        filterPhotos: null,
        filterTelevision: '',
        filterAll: null,
        allowSync: true,
        allowCameraUpload: false,
        allowTuners: 0,
      },
      sharedServers: [
        {
          id: 60000001,
          name: 'Demo Server',
          invitedId: FREE,
          invitedEmail: null,
          serverId: 30000001,
          accepted: true,
          acceptedAt: '2023-02-10T10:10:19Z',
          deletedAt: null,
          leftAt: null,
          machineIdentifier: DEMO_SERVER_ID,
          lastSeenAt: '2025-01-15T11:58:00Z',
          inviteToken: expect.stringMatching(/^[0-9a-f]{24}$/),
          sharingSettings: free.sharingSettings,
          libraries: [
            { id: 40000001, key: 1, title: 'Movies', type: 'movie' },
            { id: 40000002, key: 2, title: 'TV Shows', type: 'show' },
          ],
          ownerId: 10000001,
          owned: true,
          numLibraries: 2,
          allLibraries: false,
        },
      ],
      sharedSources: [],
      id: FREE,
      uuid: 'a1b2c3d4e5f60002',
      title: 'freeuser',
      username: 'freeuser',
      restricted: false,
      email: 'free@plextv.test',
      friendlyName: null,
      thumb: 'https://plex.tv/users/a1b2c3d4e5f60002/avatar?c=1552555800',
      home: false,
    });
  });

  it("freeuser's side: demo, with the same share seen as not owned", async () => {
    const list = await friends(createEmulator(), 'free-token');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 10000001, username: 'demo', home: false, status: 'accepted' });
    expect(list[0].sharedServers).toEqual([
      expect.objectContaining({ id: 60000001, owned: false, ownerId: 10000001 }),
    ]);
    // What freeuser lets demo do is its own (default) settings, not demo's.
    expect(list[0].sharingSettings.allowSync).toBe(false);
  });

  it('?status= picks pending_sent / pending_received; other values are 400', async () => {
    const emu = createEmulator();
    expect((await friends(emu, 'demo-token', '?status=pending_sent')).map((f) => [f.id, f.status])).toEqual([
      [NEWFRIEND, 'pending_sent'],
    ]);
    expect(
      (await friends(emu, 'free-token', '?status=pending_received')).map((f) => [f.id, f.status]),
    ).toEqual([[CAROL, 'pending_received']]);
    expect((await friends(emu, 'carol-token', '?status=pending_sent')).map((f) => f.id)).toEqual([FREE]);
    expect((await friends(emu, 'carol-token')).map((f) => f.id)).toEqual([]);
    expect((await get(emu, '/api/v2/friends?status=blocked', { token: 'demo-token' })).status).toBe(400);
  });

  it('XML: <friends><friend …><sharingSettings/><sharedServers><sharedServer>…', async () => {
    const xml = await xmlOf(get(createEmulator(), '/api/v2/friends', { token: 'free-token' }));
    const root = parseXml(xml);
    expect(root.name).toBe('friends');
    const friend = root.children[0]!;
    expect(friend.name).toBe('friend');
    expect(friend.children.map((c) => c.name)).toEqual(['sharingSettings', 'sharedServers', 'sharedSources']);
    const server = friend.children[1]!.children[0]!;
    expect(server.name).toBe('sharedServer');
    expect(server.children.map((c) => c.name)).toEqual(['sharingSettings', 'libraries']);
    expect(server.children[1]!.children.map((c) => attrsOf(c).title)).toEqual(['Movies', 'TV Shows']);
    expect(attr(xml, 'friend', 'username')).toBe('demo');
  });
});

describe('pending invitation lists', () => {
  it('sent: the e-mail invitation (no account: synthetic id and uuid, username null)', async () => {
    const list = await jsonOf(
      get(createEmulator(), '/api/v2/friends/invites/sent/pending', { token: 'demo-token', json: true }),
    );
    expect(list).toEqual([
      expect.objectContaining({
        status: 'pending_sent',
        id: NEWFRIEND,
        uuid: expect.stringMatching(/^[0-9a-f]{16}$/),
        title: 'newfriend@example.test',
        username: null,
        email: 'newfriend@example.test',
        home: false,
        sharedServers: [],
      }),
    ]);
  });

  it('received: carol’s invitation to freeuser, seen from both sides', async () => {
    const emu = createEmulator();
    const received = await jsonOf(
      get(emu, '/api/v2/friends/invites/received/pending', { token: 'free-token', json: true }),
    );
    expect(received.map((f: Doc) => [f.id, f.status])).toEqual([[CAROL, 'pending_received']]);
    // An inviter's e-mail stays hidden until the invitation is accepted (as captured).
    expect(received[0]).toMatchObject({ username: 'carol', email: null });
    const sent = await jsonOf(
      get(emu, '/api/v2/friends/invites/sent/pending', { token: 'carol-token', json: true }),
    );
    expect(sent.map((f: Doc) => [f.id, f.status])).toEqual([[FREE, 'pending_sent']]);
    expect(
      await jsonOf(get(emu, '/api/v2/friends/invites/received/pending', { token: 'demo-token', json: true })),
    ).toEqual([]);
  });
});

describe('POST /api/v2/friends/invite', () => {
  it('invites an account by username: 201 invite_create shape, pending on both sides', async () => {
    const emu = createEmulator();
    const doc = await jsonOf(
      call(emu, 'POST', '/api/v2/friends/invite?identifier=carol', { token: 'demo-token', json: true }),
      201,
    );
    expect(doc).toEqual({
      id: CAROL,
      uuid: 'a1b2c3d4e5f60005',
      title: 'carol',
      username: 'carol',
      restricted: false,
      friendlyName: null,
      thumb: 'https://plex.tv/users/a1b2c3d4e5f60005/avatar?c=1595354400',
      home: false,
      status: 'pending',
    });
    expect((await friends(emu, 'demo-token', '?status=pending_sent')).map((f) => f.id)).toEqual([
      NEWFRIEND,
      CAROL,
    ]);
    expect((await friends(emu, 'carol-token', '?status=pending_received')).map((f) => f.id)).toEqual([
      10000001,
    ]);
    // Not a friend yet, on either side, in either list.
    expect((await friends(emu, 'demo-token')).map((f) => f.id)).not.toContain(CAROL);
    expect((await v1Users(emu, 'carol-token')).length).toBe(0);
  });

  it('an e-mail without an account makes an invitation keyed by the e-mail', async () => {
    const emu = createEmulator();
    const doc = await jsonOf(
      call(emu, 'POST', '/api/v2/friends/invite?identifier=Someone%40Example.test', {
        token: 'carol-token',
        json: true,
      }),
      201,
    );
    expect(doc).toMatchObject({
      id: 20000002,
      title: 'Someone@Example.test',
      username: null,
      status: 'pending',
    });
    // The same address (any case) is the same invitee.
    const again = await jsonOf(
      call(emu, 'POST', '/api/v2/friends/invite?identifier=someone%40example.test', {
        token: 'free-token',
        json: true,
      }),
      201,
    );
    expect(again.id).toBe(20000002);
  });

  it('refuses yourself, a friend, a second invitation, a reverse one, Home members, unknown names, managed users', async () => {
    const emu = createEmulator();
    const invite = (who: string, token = 'demo-token') =>
      call(emu, 'POST', `/api/v2/friends/invite?identifier=${encodeURIComponent(who)}`, {
        token,
        json: true,
      });
    const message = async (res: Promise<Response>, status = 400) =>
      (await jsonOf(res, status)).errors[0].message;
    expect(await message(invite('demo@plextv.test'))).toBe('You cannot invite yourself');
    expect(await message(invite('freeuser'))).toBe('freeuser is already your friend');
    expect(await message(invite('newfriend@example.test'))).toBe(
      'newfriend@example.test has already been invited',
    );
    expect(await message(invite('carol', 'free-token'))).toBe(
      'carol has already invited you: accept their invitation',
    );
    expect(await jsonOf(invite('nobody'), 404)).toEqual(jsonError(1000, 'User not found', 404));
    expect((await invite('', 'demo-token')).status).toBe(400);
    expect((await invite('carol', 'kids-token')).status).toBe(403);
    await xmlOf(call(emu, 'POST', '/api/home/users?invitedEmail=carol', { token: 'demo-token' }));
    expect(await message(invite('carol'))).toBe('carol is already in your Plex Home');
  });
});

describe('POST /api/v2/friends/{id}/accept', () => {
  it('accepts: accept.json shape with friendshipCreatedAt; both sides now list each other', async () => {
    const emu = createEmulator();
    emu.control.setClock('2025-02-01T08:00:00Z');
    const doc = await jsonOf(
      call(emu, 'POST', `/api/v2/friends/${CAROL}/accept`, { token: 'free-token', json: true }),
    );
    expect(doc).toEqual({
      id: CAROL,
      uuid: 'a1b2c3d4e5f60005',
      title: 'carol',
      username: 'carol',
      restricted: false,
      friendlyName: null,
      thumb: 'https://plex.tv/users/a1b2c3d4e5f60005/avatar?c=1595354400',
      friendshipCreatedAt: '2025-02-01T08:00:00Z',
      email: 'carol@plextv.test',
      home: false,
      status: 'accepted',
    });
    expect((await friends(emu, 'free-token')).map((f) => f.id)).toEqual([10000001, CAROL]);
    expect((await friends(emu, 'carol-token')).map((f) => f.id)).toEqual([FREE]);
    expect(await friends(emu, 'carol-token', '?status=pending_sent')).toEqual([]);
    expect(await friends(emu, 'free-token', '?status=pending_received')).toEqual([]);
  });

  it('404 for no invitation, for your own invitation, and after it is accepted', async () => {
    const emu = createEmulator();
    const accept = (id: number, token: string) =>
      call(emu, 'POST', `/api/v2/friends/${id}/accept`, { token, json: true });
    expect(await jsonOf(accept(10000001, 'free-token'), 404)).toEqual(
      jsonError(1000, 'Invitation not found', 404),
    );
    expect((await accept(FREE, 'carol-token')).status).toBe(404);
    await jsonOf(accept(CAROL, 'free-token'));
    expect((await accept(CAROL, 'free-token')).status).toBe(404);
  });
});

describe('DELETE /api/v2/friends/invite?identifier=', () => {
  it('withdraws a sent invitation (204): gone for both', async () => {
    const emu = createEmulator();
    const res = await call(emu, 'DELETE', '/api/v2/friends/invite?identifier=freeuser', {
      token: 'carol-token',
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(await friends(emu, 'carol-token', '?status=pending_sent')).toEqual([]);
    expect(await friends(emu, 'free-token', '?status=pending_received')).toEqual([]);
  });

  it('withdraws an e-mail invitation; declines a received one', async () => {
    const emu = createEmulator();
    expect(
      (
        await call(emu, 'DELETE', '/api/v2/friends/invite?identifier=NEWFRIEND@example.test', {
          token: 'demo-token',
        })
      ).status,
    ).toBe(204);
    expect(await friends(emu, 'demo-token', '?status=pending_sent')).toEqual([]);
    expect(emu.state.invitees.size).toBe(0);
    expect(
      (await call(emu, 'DELETE', '/api/v2/friends/invite?identifier=carol', { token: 'free-token' })).status,
    ).toBe(204);
    expect(await friends(emu, 'carol-token', '?status=pending_sent')).toEqual([]);
  });

  it('404 when there is no pending invitation (a friend is not an invitation)', async () => {
    const emu = createEmulator();
    const del = (who: string) =>
      call(emu, 'DELETE', `/api/v2/friends/invite?identifier=${who}`, { token: 'demo-token', json: true });
    expect((await del('freeuser')).status).toBe(404);
    expect((await del('nobody')).status).toBe(404);
    expect((await del('')).status).toBe(400);
  });
});

describe('DELETE /api/v2/sharings/{id} (remove a friend)', () => {
  it('removes the friendship and every share between them (204), both sides, every list, and the resource', async () => {
    const emu = createEmulator();
    const res = await call(emu, 'DELETE', `/api/v2/sharings/${FREE}`, { token: 'demo-token' });
    expect(res.status).toBe(204);
    expect((await friends(emu, 'demo-token')).map((f) => f.id)).toEqual([10000003, 10000004]);
    expect(await friends(emu, 'free-token')).toEqual([]);
    expect((await v1Users(emu, 'demo-token')).map((u) => attrsOf(u).id)).toEqual(['10000003', '10000004']);
    expect(await jsonOf(get(emu, '/api/v2/resources', { token: 'free-token', json: true }))).toEqual([
      expect.objectContaining({ name: 'Firefox' }),
    ]);
    expect(emu.state.devices.get(30000001)!.shares.map((s) => s.id)).toEqual([60000002]);
  });

  it('also works from the other side, and as plex-api.rs’s DELETE /api/v2/friends/{id}', async () => {
    const emu = createEmulator();
    expect((await call(emu, 'DELETE', '/api/v2/friends/10000001', { token: 'free-token' })).status).toBe(204);
    expect(await friends(emu, 'demo-token', '?status=accepted')).toHaveLength(2);
  });

  it('a pending invitation goes too; a stranger is 404', async () => {
    const emu = createEmulator();
    expect((await call(emu, 'DELETE', `/api/v2/sharings/${NEWFRIEND}`, { token: 'demo-token' })).status).toBe(
      204,
    );
    expect(await friends(emu, 'demo-token', '?status=pending_sent')).toEqual([]);
    expect(
      await jsonOf(
        call(emu, 'DELETE', `/api/v2/sharings/${CAROL}`, { token: 'demo-token', json: true }),
        404,
      ),
    ).toEqual(jsonError(1000, 'Friend not found', 404));
  });
});

describe('PUT /api/v2/sharings/{id} (sharing settings)', () => {
  it('sets the given settings (query, as python-plexapi sends them) on the friend and its shares', async () => {
    const emu = createEmulator();
    const doc = await jsonOf(
      call(
        emu,
        'PUT',
        `/api/v2/sharings/${FREE}?allowSync=0&allowCameraUpload=1&allowChannels=True&allowSubtitleAdmin=1&allowTuners=2&filterMovies=contentRating%3DPG%252CG&filterPhotos=`,
        { token: 'demo-token', json: true },
      ),
    );
    const expected = {
      allowChannels: true,
      allowSubtitleAdmin: true,
      filterMovies: 'contentRating=PG%2CG',
      filterMusic: '',
      filterPhotos: '',
      filterTelevision: '',
      filterAll: null,
      allowSync: false,
      allowCameraUpload: true,
      allowTuners: 2,
    };
    expect(doc).toMatchObject({ id: FREE, status: 'accepted', sharingSettings: expected });
    expect(doc.sharedServers[0].sharingSettings).toEqual(expected);
    const list = await friends(emu, 'demo-token');
    expect(list[2].sharingSettings).toEqual(expected);
    const user = (await v1Users(emu, 'demo-token'))[2]!;
    expect(attrsOf(user)).toMatchObject({
      allowTuners: '2',
      allowSync: '0',
      allowCameraUpload: '1',
      allowChannels: '1',
      allowSubtitleAdmin: '1',
      filterMovies: 'contentRating=PG%2CG',
      filterPhotos: '',
      filterAll: '',
    });
  });

  it('also takes a form; refuses bad values, no settings, and strangers', async () => {
    const emu = createEmulator();
    await jsonOf(
      call(emu, 'PUT', `/api/v2/sharings/${FREE}`, {
        token: 'demo-token',
        json: true,
        form: { allowTuners: '1' },
      }),
    );
    expect((await friends(emu, 'demo-token'))[2].sharingSettings.allowTuners).toBe(1);
    const put = (q: string, id = FREE) =>
      call(emu, 'PUT', `/api/v2/sharings/${id}${q}`, { token: 'demo-token', json: true });
    expect((await jsonOf(put('?allowTuners=3'), 400)).errors[0].message).toBe(
      'allowTuners must be 0, 1 or 2',
    );
    expect((await jsonOf(put('?allowSync=maybe'), 400)).errors[0].message).toBe(
      'allowSync must be 0, 1, true or false',
    );
    expect((await put('')).status).toBe(400);
    expect((await put('?allowSync=1', CAROL)).status).toBe(404);
  });

  it('works for a Home member too (Kids)', async () => {
    const emu = createEmulator();
    const doc = await jsonOf(
      call(emu, 'PUT', '/api/v2/sharings/10000003?allowSync=1', { token: 'demo-token', json: true }),
    );
    expect(doc).toMatchObject({
      home: true,
      restrictionProfile: 'little_kid',
      sharingSettings: { allowSync: true },
    });
  });
});

describe('GET /api/users (v1 XML)', () => {
  it('Home Assistant shape: MediaContainer myPlex, <User> attributes in order, <Server> per share', async () => {
    const xml = await xmlOf(get(createEmulator(), '/api/users', { token: 'demo-token', json: true }));
    expect(xml.startsWith(XML_DECL)).toBe(true);
    const root = parseXml(xml);
    expect(root.attrs.map(([k]) => k)).toEqual([
      'friendlyName',
      'identifier',
      'machineIdentifier',
      'totalSize',
      'size',
    ]);
    expect(attr(xml, 'MediaContainer', 'size')).toBe('3');
    const free = root.children[2]!;
    expect(free.attrs).toEqual([
      ['id', String(FREE)],
      ['title', 'freeuser'],
      ['username', 'freeuser'],
      ['email', 'free@plextv.test'],
      ['recommendationsPlaylistId', ''],
      ['thumb', 'https://plex.tv/users/a1b2c3d4e5f60002/avatar?c=1552555800'],
      ['protected', '0'],
      ['home', '0'],
      ['allowTuners', '0'],
      ['allowSync', '1'],
      ['allowCameraUpload', '0'],
      ['allowChannels', '0'],
      ['allowSubtitleAdmin', '0'],
      ['filterAll', ''],
      ['filterMovies', ''],
      ['filterMusic', ''],
      ['filterPhotos', ''],
      ['filterTelevision', ''],
      ['restricted', '0'],
    ]);
    expect(free.children.map((s) => s.attrs)).toEqual([
      [
        ['id', '60000001'],
        ['serverId', '30000001'],
        ['machineIdentifier', DEMO_SERVER_ID],
        ['name', 'Demo Server'],
        ['lastSeenAt', '1736942280'],
        ['numLibraries', '2'],
        ['allLibraries', '0'],
        ['owned', '1'],
        ['pending', '0'],
      ],
    ]);
    // Managed users: "" for username and e-mail; Guest has no share: a leaf <User/>.
    const kids = attrsOf(root.children[0]!);
    expect([kids.username, kids.email, kids.home, kids.restricted, kids.protected]).toEqual([
      '',
      '',
      '1',
      '1',
      '1',
    ]);
    expect(root.children[1]!.children).toEqual([]);
    expect(xml).toMatch(/<User id="10000004"[^>]*\/>/);
  });

  it('answers with a trailing slash too (python-plexapi); the friend side lists demo with owned="0"', async () => {
    const emu = createEmulator();
    const users = parseXml(await xmlOf(get(emu, '/api/users/', { token: 'free-token' }))).children;
    expect(users.map((u) => attrsOf(u).username)).toEqual(['demo']);
    expect(attrsOf(users[0]!.children[0]!)).toMatchObject({ id: '60000001', owned: '0' });
  });
});
