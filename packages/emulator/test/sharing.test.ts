/**
 * Servers and shares, and the consistency rules across every list: v1 /api/users, v2 friends,
 * resources, and the fake servers over real loopback sockets.
 */

import { afterEach, describe, expect, it } from 'vitest';
import {
  BASEMENT_NAS_ID,
  createEmulator,
  DEMO_SECTION_IDS,
  DEMO_SERVER_ID,
  type Emulator,
} from '../src/index.js';
import { attr, call, type Doc, get, jsonError, jsonOf, XML_DECL, xmlOf } from './helpers.js';
import { parseXml, type XmlNode } from './shapes.js';

const CAROL = 10000005;
const FREE = 10000002;

const started: Emulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.servers.stop()));
});

const attrsOf = (n: XmlNode) => Object.fromEntries(n.attrs);

function share(emu: Emulator, body: unknown, token = 'demo-token'): Promise<Response> {
  return call(emu, 'POST', '/api/v2/shared_servers', { token, json: true, body });
}

describe('GET /api/v2/servers/{machineIdentifier} and /api/servers/{machineIdentifier}', () => {
  it('v2 JSON: the server and its four sections with stable plex.tv ids (owner)', async () => {
    const doc = await jsonOf(
      get(createEmulator(), `/api/v2/servers/${DEMO_SERVER_ID}`, { token: 'demo-token', json: true }),
    );
    expect(doc).toEqual({
      name: 'Demo Server',
      address: '203.0.113.10',
      port: 32400,
      version: '1.41.3.9314-a0bfb8370',
      scheme: 'http',
      synced: false,
      owned: true,
      localAddresses: '192.168.1.10',
      machineIdentifier: DEMO_SERVER_ID,
      createdAt: 1556994130,
      updatedAt: 1736942280,
      librarySections: [
        { id: DEMO_SECTION_IDS.movies, key: 1, title: 'Movies', type: 'movie' },
        { id: DEMO_SECTION_IDS.tvShows, key: 2, title: 'TV Shows', type: 'show' },
        { id: DEMO_SECTION_IDS.music, key: 3, title: 'Music', type: 'artist' },
        { id: DEMO_SECTION_IDS.photos, key: 4, title: 'Photos', type: 'photo' },
      ],
    });
    expect(DEMO_SECTION_IDS).toEqual({
      movies: 40000001,
      tvShows: 40000002,
      music: 40000003,
      photos: 40000004,
    });
  });

  it('v1 XML (go-plex-client shape), always XML; a friend sees only its shared sections, owned="0"', async () => {
    const emu = createEmulator();
    const xml = await xmlOf(get(emu, `/api/servers/${DEMO_SERVER_ID}`, { token: 'demo-token', json: true }));
    expect(xml.startsWith(XML_DECL)).toBe(true);
    const server = parseXml(xml).children[0]!;
    expect(server.attrs.map(([k]) => k)).toEqual([
      'name',
      'address',
      'port',
      'version',
      'scheme',
      'host',
      'localAddresses',
      'machineIdentifier',
      'createdAt',
      'updatedAt',
      'owned',
      'synced',
    ]);
    expect(server.children.map((s) => s.attrs)).toEqual([
      [
        ['id', '40000001'],
        ['key', '1'],
        ['type', 'movie'],
        ['title', 'Movies'],
      ],
      [
        ['id', '40000002'],
        ['key', '2'],
        ['type', 'show'],
        ['title', 'TV Shows'],
      ],
      [
        ['id', '40000003'],
        ['key', '3'],
        ['type', 'artist'],
        ['title', 'Music'],
      ],
      [
        ['id', '40000004'],
        ['key', '4'],
        ['type', 'photo'],
        ['title', 'Photos'],
      ],
    ]);
    const friend = parseXml(await xmlOf(get(emu, `/api/servers/${DEMO_SERVER_ID}`, { token: 'free-token' })))
      .children[0]!;
    expect(attrsOf(friend).owned).toBe('0');
    expect(friend.children.map((s) => attrsOf(s).title)).toEqual(['Movies', 'TV Shows']);
    expect(
      (await jsonOf(get(emu, `/api/v2/servers/${BASEMENT_NAS_ID}`, { token: 'demo-token', json: true })))
        .librarySections,
    ).toHaveLength(2);
  });

  it('404 for strangers, unknown servers and non-servers; XML v2 is <server><librarySections>', async () => {
    const emu = createEmulator();
    expect(
      await jsonOf(get(emu, `/api/v2/servers/${DEMO_SERVER_ID}`, { token: 'carol-token', json: true }), 404),
    ).toEqual(jsonError(1000, 'Server not found', 404));
    expect((await get(emu, `/api/v2/servers/${BASEMENT_NAS_ID}`, { token: 'free-token' })).status).toBe(404);
    expect((await get(emu, '/api/v2/servers/emulatorplexwebdemo00001', { token: 'demo-token' })).status).toBe(
      404,
    );
    const xml = await xmlOf(get(emu, `/api/v2/servers/${DEMO_SERVER_ID}`, { token: 'demo-token' }));
    const root = parseXml(xml);
    expect([root.name, root.children[0]!.name, root.children[0]!.children[0]!.name]).toEqual([
      'server',
      'librarySections',
      'librarySection',
    ]);
  });
});

describe('GET /api/servers/{machineIdentifier}/shared_servers[/{id}] (v1, owner only)', () => {
  it('lists each share with the invitee’s accessToken and every section flagged shared', async () => {
    const emu = createEmulator();
    const xml = await xmlOf(
      get(emu, `/api/servers/${DEMO_SERVER_ID}/shared_servers`, { token: 'demo-token', json: true }),
    );
    const shares = parseXml(xml).children;
    expect(shares.map((s) => s.name)).toEqual(['SharedServer', 'SharedServer']);
    expect(shares[0]!.attrs).toEqual([
      ['id', '60000001'],
      ['username', 'freeuser'],
      ['email', 'free@plextv.test'],
      ['userID', String(FREE)],
      ['accessToken', 'free-demo-server-token'],
      ['name', 'Demo Server'],
      ['acceptedAt', '1676023819'],
      ['invitedAt', '1676023500'],
      ['allowSync', '1'],
      ['allowCameraUpload', '0'],
      ['allowChannels', '0'],
      ['owned', '0'],
    ]);
    expect(shares[0]!.children.map((s) => [attrsOf(s).title, attrsOf(s).shared])).toEqual([
      ['Movies', '1'],
      ['TV Shows', '1'],
      ['Music', '0'],
      ['Photos', '0'],
    ]);
    expect(attrsOf(shares[1]!)).toMatchObject({
      userID: '10000003',
      username: '',
      accessToken: 'kids-demo-server-token',
    });
    const one = parseXml(
      await xmlOf(
        get(emu, `/api/servers/${DEMO_SERVER_ID}/shared_servers/60000002`, { token: 'demo-token' }),
      ),
    );
    expect(one.children.map((s) => attrsOf(s).id)).toEqual(['60000002']);
  });

  it('404 for someone else’s server or an unknown share', async () => {
    const emu = createEmulator();
    expect(
      (await get(emu, `/api/servers/${DEMO_SERVER_ID}/shared_servers`, { token: 'free-token' })).status,
    ).toBe(404);
    expect(
      (await get(emu, `/api/servers/${DEMO_SERVER_ID}/shared_servers/1`, { token: 'demo-token' })).status,
    ).toBe(404);
  });
});

describe('POST /api/servers/{m}/shared_servers, PUT|DELETE …/{id} (v1, python-plexapi)', () => {
  it('creates a share from the v1 JSON body and answers the go-plex-client <SharedServer> shape', async () => {
    const emu = createEmulator();
    const sections = parseXml(
      await xmlOf(get(emu, `/api/servers/${DEMO_SERVER_ID}`, { token: 'demo-token' })),
    ).children[0]!.children.map((s) => attrsOf(s).id);
    const created = parseXml(
      await xmlOf(
        call(emu, 'POST', `/api/servers/${DEMO_SERVER_ID}/shared_servers`, {
          token: 'demo-token',
          body: {
            server_id: DEMO_SERVER_ID,
            shared_server: { library_section_ids: [Number(sections[0])], invited_id: CAROL },
            sharing_settings: { allowSync: '1' },
          },
        }),
      ),
    );
    const share = created.children[0]!;
    expect(share.name).toBe('SharedServer');
    expect(attrsOf(share)).toMatchObject({ userID: String(CAROL), allowSync: '1' });
    expect(attrsOf(share).accessToken).toBeTruthy();
    const id = attrsOf(share).id!;
    expect(share.children.filter((s) => attrsOf(s).shared === '1').map((s) => attrsOf(s).id)).toEqual([
      sections[0],
    ]);

    const updated = parseXml(
      await xmlOf(
        call(emu, 'PUT', `/api/servers/${DEMO_SERVER_ID}/shared_servers/${id}`, {
          token: 'demo-token',
          body: {
            server_id: DEMO_SERVER_ID,
            shared_server: { library_section_ids: sections.slice(0, 2).map(Number) },
          },
        }),
      ),
    );
    expect(updated.children[0]!.children.filter((s) => attrsOf(s).shared === '1')).toHaveLength(2);

    const gone = await call(emu, 'DELETE', `/api/servers/${DEMO_SERVER_ID}/shared_servers/${id}`, {
      token: 'demo-token',
    });
    expect(gone.status).toBe(200);
    expect(
      (await get(emu, `/api/servers/${DEMO_SERVER_ID}/shared_servers/${id}`, { token: 'demo-token' })).status,
    ).toBe(404);
  });

  it("someone else's server: 404; nothing is shared", async () => {
    const emu = createEmulator();
    const res = await call(emu, 'POST', `/api/servers/${DEMO_SERVER_ID}/shared_servers`, {
      token: 'free-token',
      body: { shared_server: { library_section_ids: [], invited_id: CAROL } },
    });
    expect(res.status).toBe(404);
  });
});

describe('POST /api/v2/shared_servers', () => {
  it('shares with a friend by id: 201, shared_server_create shape, accepted at once', async () => {
    const emu = createEmulator();
    emu.control.setClock('2025-03-01T00:00:00Z');
    const doc = await jsonOf(
      share(emu, {
        machineIdentifier: BASEMENT_NAS_ID,
        librarySectionIds: [40000006],
        settings: { allowSync: true, allowTuners: 1, filterMovies: 'label=family' },
        invitedId: FREE,
      }),
      201,
    );
    expect(doc).toEqual({
      id: 60000003,
      name: 'Basement NAS',
      ownerId: 10000001,
      invitedId: FREE,
      invitedEmail: null,
      serverId: 30000002,
      accepted: true,
      acceptedAt: '2025-03-01T00:00:00Z',
      deletedAt: null,
      leftAt: null,
      owned: true,
      inviteToken: expect.stringMatching(/^[0-9a-f]{24}$/),
      machineIdentifier: BASEMENT_NAS_ID,
      lastSeenAt: '2025-01-08T22:40:12Z',
      numLibraries: 1,
      invited: {
        id: FREE,
        uuid: 'a1b2c3d4e5f60002',
        title: 'freeuser',
        username: 'freeuser',
        restricted: false,
        friendlyName: null,
        thumb: 'https://plex.tv/users/a1b2c3d4e5f60002/avatar?c=1552555800',
        email: 'free@plextv.test',
        home: false,
        status: 'accepted',
        sharingSettings: doc.sharingSettings,
      },
      sharingSettings: {
        allowChannels: false,
        filterMovies: 'label=family',
        filterMusic: '',
        filterPhotos: null,
        filterTelevision: '',
        filterAll: null,
        allowSync: true,
        allowCameraUpload: false,
        allowSubtitleAdmin: false,
        allowTuners: 1,
      },
      libraries: [{ id: 40000006, key: 2, title: 'Home Videos', type: 'movie' }],
      allLibraries: false,
    });
    // The friend sees it at once.
    const resources = await jsonOf(get(emu, '/api/v2/resources', { token: 'free-token', json: true }));
    expect(resources.map((r: Doc) => r.name)).toEqual(['Demo Server', 'Basement NAS', 'Firefox']);
  });

  it('by invitedEmail (username or e-mail); [] or no librarySectionIds means all libraries', async () => {
    const emu = createEmulator();
    const doc = await jsonOf(
      share(emu, { machineIdentifier: BASEMENT_NAS_ID, librarySectionIds: [], invitedEmail: 'freeuser' }),
      201,
    );
    expect(doc).toMatchObject({ allLibraries: true, numLibraries: 2, invitedId: FREE });
    expect(doc.libraries.map((l: Doc) => l.title)).toEqual(['4K Movies', 'Home Videos']);
  });

  it('an e-mail without an account: a pending share with invitedEmail, and a pending invitation', async () => {
    const emu = createEmulator();
    const doc = await jsonOf(
      share(emu, {
        machineIdentifier: DEMO_SERVER_ID,
        librarySectionIds: [40000003],
        invitedEmail: 'fan@example.test',
      }),
      201,
    );
    expect(doc).toMatchObject({
      invitedId: 20000002,
      invitedEmail: 'fan@example.test',
      accepted: false,
      acceptedAt: null,
      invited: { status: 'pending', username: null, email: 'fan@example.test' },
    });
    const sent = await jsonOf(
      get(emu, '/api/v2/friends/invites/sent/pending', { token: 'demo-token', json: true }),
    );
    expect(sent.map((f: Doc) => [f.id, f.sharedServers.map((s: Doc) => [s.id, s.accepted])])).toEqual([
      [20000001, []],
      [20000002, [[doc.id, false]]],
    ]);
  });

  it('refuses: no machine identifier, unknown server (404), someone else’s (403), bad sections, yourself, twice', async () => {
    const emu = createEmulator();
    const message = async (res: Promise<Response>, status = 400) =>
      (await jsonOf(res, status)).errors[0].message;
    expect(await message(share(emu, { invitedId: FREE }))).toBe('machineIdentifier is required');
    expect(await message(share(emu, { machineIdentifier: 'nope', invitedId: FREE }), 404)).toBe(
      'Server not found',
    );
    expect(
      (await share(emu, { machineIdentifier: DEMO_SERVER_ID, invitedId: CAROL }, 'free-token')).status,
    ).toBe(403);
    expect(
      await message(
        share(emu, { machineIdentifier: DEMO_SERVER_ID, librarySectionIds: [40000005], invitedId: CAROL }),
      ),
    ).toBe('40000005 is not a library section of Demo Server');
    expect(
      await message(
        share(emu, { machineIdentifier: DEMO_SERVER_ID, librarySectionIds: 'all', invitedId: CAROL }),
      ),
    ).toBe('librarySectionIds must be an array of library section ids');
    expect(await message(share(emu, { machineIdentifier: DEMO_SERVER_ID, invitedId: 10000001 }))).toBe(
      'You cannot share a server with yourself',
    );
    expect(await message(share(emu, { machineIdentifier: DEMO_SERVER_ID }))).toBe(
      'Give exactly one of invitedId and invitedEmail',
    );
    expect(await message(share(emu, { machineIdentifier: DEMO_SERVER_ID, invitedId: 99 }), 404)).toBe(
      'User not found',
    );
    expect(await message(share(emu, { machineIdentifier: DEMO_SERVER_ID, invitedId: FREE }))).toBe(
      "You're already sharing this server with freeuser",
    );
    expect(
      await message(
        share(emu, { machineIdentifier: DEMO_SERVER_ID, invitedId: FREE, settings: { allowTuners: 5 } }),
      ),
    ).toBe('allowTuners must be 0, 1 or 2');
    const bad = await call(emu, 'POST', '/api/v2/shared_servers', {
      token: 'demo-token',
      json: true,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(
      (await share(emu, { machineIdentifier: DEMO_SERVER_ID, invitedId: FREE }, 'kids-token')).status,
    ).toBe(403);
  });
});

describe('POST|PUT|DELETE /api/v2/shared_servers/{id} (on clients.plex.tv too)', () => {
  it('updates libraries and settings (200, the share); every list follows', async () => {
    const emu = createEmulator();
    const doc = await jsonOf(
      call(emu, 'POST', '/api/v2/shared_servers/60000001', {
        origin: 'https://clients.plex.tv',
        token: 'demo-token',
        json: true,
        body: {
          librarySectionIds: [40000003, '40000004'],
          settings: { allowCameraUpload: true },
          machineIdentifier: DEMO_SERVER_ID,
        },
      }),
    );
    expect(doc.libraries.map((l: Doc) => l.title)).toEqual(['Music', 'Photos']);
    expect(doc.sharingSettings).toMatchObject({ allowCameraUpload: true, allowSync: true });
    const friend = (await jsonOf(get(emu, '/api/v2/friends', { token: 'demo-token', json: true })))[2];
    expect(friend.sharedServers[0].libraries.map((l: Doc) => l.id)).toEqual([40000003, 40000004]);
    expect(friend.sharingSettings.allowCameraUpload).toBe(true);
    const server = parseXml(await xmlOf(get(emu, `/api/servers/${DEMO_SERVER_ID}`, { token: 'free-token' })))
      .children[0]!;
    expect(server.children.map((s) => attrsOf(s).title)).toEqual(['Music', 'Photos']);
    await jsonOf(
      call(emu, 'PUT', '/api/v2/shared_servers/60000001', {
        token: 'demo-token',
        json: true,
        body: { librarySectionIds: [] },
      }),
    );
    const users = parseXml(await xmlOf(get(emu, '/api/users', { token: 'demo-token' }))).children;
    expect(attrsOf(users[2]!.children[0]!)).toMatchObject({ numLibraries: '4', allLibraries: '1' });
  });

  it('update refuses another owner’s share (404), a wrong machine identifier, an empty update', async () => {
    const emu = createEmulator();
    const post = (id: number | string, body: unknown, token = 'demo-token') =>
      call(emu, 'PUT', `/api/v2/shared_servers/${id}`, { token, json: true, body });
    expect(await jsonOf(post(60000001, { librarySectionIds: [] }, 'free-token'), 404)).toEqual(
      jsonError(1000, 'Shared server not found', 404),
    );
    expect((await post(99, { librarySectionIds: [] })).status).toBe(404);
    expect((await post(60000001, { librarySectionIds: [], machineIdentifier: BASEMENT_NAS_ID })).status).toBe(
      400,
    );
    expect((await post(60000001, {})).status).toBe(400);
  });

  it('DELETE: the owner stops sharing (204), or the friend leaves; the friendship stays', async () => {
    const emu = createEmulator();
    const res = await call(emu, 'DELETE', '/api/v2/shared_servers/60000001', {
      origin: 'https://clients.plex.tv',
      token: 'free-token',
    });
    expect(res.status).toBe(204);
    const friend = (await jsonOf(get(emu, '/api/v2/friends', { token: 'demo-token', json: true })))[2];
    expect(friend).toMatchObject({ id: FREE, status: 'accepted', sharedServers: [] });
    expect(
      (await call(emu, 'DELETE', '/api/v2/shared_servers/60000001', { token: 'demo-token' })).status,
    ).toBe(404);
    expect(
      (await call(emu, 'DELETE', '/api/v2/shared_servers/60000002', { token: 'carol-token' })).status,
    ).toBe(404);
  });
});

describe('consistency: invite → accept → share two libraries → update → unshare → remove', () => {
  it('every list, the resources and the fake server agree at every step', async () => {
    const emu = createEmulator();
    started.push(emu);
    await emu.servers.start({ ipv6: false });
    const httpUri = emu.servers.list()[0]!.connections[1]!.listed.uri;
    const pms = (token: string) => fetch(`${httpUri}/`, { headers: { 'X-Plex-Token': token } });
    const friendsOf = async (token: string, status = 'accepted') =>
      (await jsonOf(get(emu, `/api/v2/friends?status=${status}`, { token, json: true }))) as Doc[];
    const usersOf = async (token: string) =>
      parseXml(await xmlOf(get(emu, '/api/users', { token }))).children;
    const resourcesOf = async (token: string) =>
      (await jsonOf(get(emu, '/api/v2/resources?includeHttps=1', { token, json: true }))) as Doc[];

    // 1. demo invites carol: pending for both, nothing else.
    const invited = await jsonOf(
      call(emu, 'POST', '/api/v2/friends/invite?identifier=carol@plextv.test', {
        token: 'demo-token',
        json: true,
      }),
      201,
    );
    expect(invited).toMatchObject({ id: CAROL, status: 'pending' });
    expect((await friendsOf('demo-token', 'pending_sent')).map((f) => f.id)).toEqual([20000001, CAROL]);
    expect((await friendsOf('carol-token', 'pending_received')).map((f) => f.id)).toEqual([10000001]);
    expect((await friendsOf('carol-token')).map((f) => f.id)).toEqual([]);

    // 2. demo shares two libraries before carol accepts: a pending share, not a resource yet, and
    //    the fake server refuses its token.
    const created = await jsonOf(
      share(emu, {
        machineIdentifier: DEMO_SERVER_ID,
        librarySectionIds: [DEMO_SECTION_IDS.movies, DEMO_SECTION_IDS.music],
        settings: { allowSync: true },
        invitedId: CAROL,
      }),
      201,
    );
    const shareId = created.id as number;
    expect(created).toMatchObject({ accepted: false, acceptedAt: null, invited: { status: 'pending' } });
    const token = emu.state.devices.get(30000001)!.shares.find((s) => s.id === shareId)!.accessToken;
    expect((await resourcesOf('carol-token')).map((r) => r.name)).toEqual([]);
    expect((await pms(token)).status).toBe(401);
    expect((await friendsOf('carol-token', 'pending_received'))[0].sharedServers).toEqual([
      expect.objectContaining({ id: shareId, accepted: false, owned: false }),
    ]);

    // 3. carol accepts: friends on both sides, in both lists, with the share; the server is hers to use.
    emu.control.setClock('2025-01-16T09:00:00Z');
    await jsonOf(call(emu, 'POST', '/api/v2/friends/10000001/accept', { token: 'carol-token', json: true }));
    const demoSide = (await friendsOf('demo-token')).find((f) => f.id === CAROL);
    expect(demoSide).toMatchObject({ status: 'accepted', home: false });
    expect(demoSide.sharedServers).toEqual([
      expect.objectContaining({
        id: shareId,
        accepted: true,
        acceptedAt: '2025-01-16T09:00:00Z',
        owned: true,
        numLibraries: 2,
        libraries: [
          { id: 40000001, key: 1, title: 'Movies', type: 'movie' },
          { id: 40000003, key: 3, title: 'Music', type: 'artist' },
        ],
      }),
    ]);
    const carolUser = (await usersOf('demo-token')).find((u) => attrsOf(u).id === String(CAROL))!;
    expect(attrsOf(carolUser)).toMatchObject({ username: 'carol', allowSync: '1', home: '0' });
    expect(carolUser.children.map(attrsOf)).toEqual([
      expect.objectContaining({ id: String(shareId), numLibraries: '2', owned: '1', pending: '0' }),
    ]);
    expect((await usersOf('carol-token')).map((u) => attrsOf(u).username)).toEqual(['demo']);
    const [resource] = await resourcesOf('carol-token');
    expect(resource).toMatchObject({
      name: 'Demo Server',
      owned: false,
      ownerId: 10000001,
      sourceTitle: 'demo',
      home: false,
      accessToken: token,
    });
    expect(resource.accessToken).not.toBe('demo-server-access-token');
    expect((await pms(token)).status).toBe(200);
    // Ids are stable across calls.
    expect((await friendsOf('demo-token')).find((f) => f.id === CAROL).sharedServers[0].id).toBe(shareId);

    // 4. update: TV Shows instead of Music, and a setting, through clients.plex.tv.
    await jsonOf(
      call(emu, 'POST', `/api/v2/shared_servers/${shareId}`, {
        origin: 'https://clients.plex.tv',
        token: 'demo-token',
        json: true,
        body: {
          librarySectionIds: [DEMO_SECTION_IDS.movies, DEMO_SECTION_IDS.tvShows],
          settings: { allowTuners: 2 },
        },
      }),
    );
    const updated = (await friendsOf('demo-token')).find((f) => f.id === CAROL);
    expect(updated.sharedServers[0].libraries.map((l: Doc) => l.title)).toEqual(['Movies', 'TV Shows']);
    expect(updated.sharingSettings.allowTuners).toBe(2);
    expect(
      attrsOf((await usersOf('demo-token')).find((u) => attrsOf(u).id === String(CAROL))!).allowTuners,
    ).toBe('2');
    const server = parseXml(await xmlOf(get(emu, `/api/servers/${DEMO_SERVER_ID}`, { token: 'carol-token' })))
      .children[0]!;
    expect(server.children.map((s) => attrsOf(s).title)).toEqual(['Movies', 'TV Shows']);

    // 5. unshare: still friends, no share, no resource, token refused.
    expect(
      (
        await call(emu, 'DELETE', `/api/v2/shared_servers/${shareId}`, {
          origin: 'https://clients.plex.tv',
          token: 'demo-token',
        })
      ).status,
    ).toBe(204);
    expect((await friendsOf('carol-token')).map((f) => [f.id, f.sharedServers.length])).toEqual([
      [10000001, 0],
    ]);
    expect((await usersOf('demo-token')).find((u) => attrsOf(u).id === String(CAROL))!.children).toEqual([]);
    expect(await resourcesOf('carol-token')).toEqual([]);
    expect((await pms(token)).status).toBe(401);

    // 6. share again, then remove the friend: the share goes with the friendship.
    const again = await jsonOf(share(emu, { machineIdentifier: DEMO_SERVER_ID, invitedEmail: 'carol' }), 201);
    expect(again).toMatchObject({ accepted: true, allLibraries: true });
    expect(again.id).toBeGreaterThan(shareId);
    const token2 = emu.state.devices.get(30000001)!.shares.find((s) => s.id === again.id)!.accessToken;
    expect((await pms(token2)).status).toBe(200);
    expect((await call(emu, 'DELETE', `/api/v2/sharings/${CAROL}`, { token: 'demo-token' })).status).toBe(
      204,
    );
    expect((await friendsOf('demo-token')).map((f) => f.id)).toEqual([10000003, 10000004, FREE]);
    expect(await friendsOf('carol-token')).toEqual([]);
    expect((await usersOf('carol-token')).length).toBe(0);
    expect(await resourcesOf('carol-token')).toEqual([]);
    expect((await pms(token2)).status).toBe(401);
    expect(emu.state.devices.get(30000001)!.shares.map((s) => s.id)).toEqual([60000001, 60000002]);

    // Seeded shares kept working throughout.
    expect((await pms('free-demo-server-token')).status).toBe(200);
    expect((await pms('kids-demo-server-token')).status).toBe(200);
  });

  it('a seeded pending invitation with a share: pending until accepted (custom seed)', async () => {
    const { demoSeed } = await import('../src/index.js');
    const seed = structuredClone(demoSeed);
    seed.friends = [{ from: 'demo', to: 'carol', status: 'pending' }];
    seed.devices![0]!.sharedWith!.push({
      account: 'carol',
      accessToken: 'carol-demo-token',
      librarySectionIds: [40000002],
    });
    const emu = createEmulator(seed);
    expect(await jsonOf(get(emu, '/api/v2/resources', { token: 'carol-token', json: true }))).toEqual([]);
    // freeuser's seeded share made demo and freeuser friends by itself.
    expect(
      (await jsonOf(get(emu, '/api/v2/friends', { token: 'free-token', json: true }))).map((f: Doc) => f.id),
    ).toEqual([10000001]);
    await jsonOf(call(emu, 'POST', '/api/v2/friends/10000001/accept', { token: 'carol-token', json: true }));
    const [resource] = await jsonOf(get(emu, '/api/v2/resources', { token: 'carol-token', json: true }));
    expect(resource).toMatchObject({ name: 'Demo Server', accessToken: 'carol-demo-token' });
    expect(emu.state.devices.get(30000001)!.shares.at(-1)!.id).toBe(60000003);
  });
});

describe('control.reset() restores the social state', () => {
  it('friends, invitations, shares and Home members come back as seeded', async () => {
    const emu = createEmulator();
    await call(emu, 'DELETE', `/api/v2/sharings/${FREE}`, { token: 'demo-token' });
    await call(emu, 'POST', '/api/home/users?title=Temp', { token: 'demo-token' });
    await call(emu, 'POST', '/api/v2/friends/invite?identifier=x%40example.test', { token: 'carol-token' });
    emu.control.reset();
    const list = await jsonOf(get(emu, '/api/v2/friends', { token: 'demo-token', json: true }));
    expect(list.map((f: Doc) => f.id)).toEqual([10000003, 10000004, FREE]);
    expect(emu.state.homes.get(50001)!.memberIds).toEqual([10000001, 10000003, 10000004]);
    expect([...emu.state.invitees.keys()]).toEqual([20000001]);
    // Ids start over from the seed: the same run gives the same ids.
    const xml = await xmlOf(call(emu, 'POST', '/api/home/users?title=Temp', { token: 'demo-token' }));
    expect(attr(xml, 'User', 'id')).toBe('10000006');
  });
});
