import { describe, expect, it } from 'vitest';
import { createEmulator, DEMO_SERVER_ID, type Emulator } from '../src/index.js';
import {
  attr,
  CLIENT,
  call,
  type Doc,
  get,
  jsonError,
  jsonOf,
  XML_DECL,
  xmlError,
  xmlOf,
} from './helpers.js';
import { parseXml } from './shapes.js';

const KIDS = { id: 10000003, uuid: 'a1b2c3d4e5f60003' };
const GUEST = { id: 10000004, uuid: 'a1b2c3d4e5f60004' };
const PIN_REQUIRED = jsonError(1041, 'A valid PIN is required to perform this action', 403);

async function homeUsers(emu: Emulator, token = 'demo-token'): Promise<Doc[]> {
  return (await jsonOf(get(emu, '/api/v2/home/users', { token, json: true }))).users;
}

/** `<User>` attributes of /api/home/users, by title. */
async function v1Users(emu: Emulator, token = 'demo-token'): Promise<Record<string, Record<string, string>>> {
  const root = parseXml(await xmlOf(get(emu, '/api/home/users', { token })));
  return Object.fromEntries(
    root.children.map((u) => {
      const attrs = Object.fromEntries(u.attrs);
      return [attrs.title!, attrs];
    }),
  );
}

describe('GET /api/v2/home', () => {
  it('answers the Home header (the demo Home, with its guest)', async () => {
    const home = await jsonOf(get(createEmulator(), '/api/v2/home', { token: 'demo-token', json: true }));
    expect(home).toEqual({
      id: 50001,
      name: 'Demo Home',
      guestUserID: GUEST.id,
      guestUserUUID: GUEST.uuid,
      guestEnabled: true,
      subscription: true,
    });
    expect(Object.keys(home)).toEqual([
      'id',
      'name',
      'guestUserID',
      'guestUserUUID',
      'guestEnabled',
      'subscription',
    ]);
  });

  it('is the same Home for every member, XML by default', async () => {
    const emu = createEmulator();
    const xml = await xmlOf(get(emu, '/api/v2/home', { token: 'kids-token' }));
    expect(xml).toBe(
      `${XML_DECL}<home id="50001" name="Demo Home" guestUserID="10000004" guestUserUUID="a1b2c3d4e5f60004" guestEnabled="1" subscription="1"/>\n`,
    );
  });

  it('404s for an account without a Home, 401s without a token', async () => {
    const emu = createEmulator();
    expect(await jsonOf(get(emu, '/api/v2/home', { token: 'free-token', json: true }), 404)).toEqual(
      jsonError(1000, 'You are not a member of a Plex Home', 404),
    );
    expect((await get(emu, '/api/v2/home')).status).toBe(401);
  });
});

describe('GET /api/v2/home/users and /api/home/users', () => {
  it('lists the members in Home order: admin, Kids (PIN, little_kid), Guest', async () => {
    const emu = createEmulator();
    const doc = await jsonOf(get(emu, '/api/v2/home/users', { token: 'demo-token', json: true }));
    expect(Object.keys(doc)).toEqual([
      'id',
      'name',
      'guestUserID',
      'guestUserUUID',
      'guestEnabled',
      'subscription',
      'users',
    ]);
    expect(doc.users).toEqual([
      {
        id: 10000001,
        uuid: 'a1b2c3d4e5f60001',
        title: 'demo',
        username: 'demo',
        email: 'demo@plextv.test',
        thumb: 'https://plex.tv/users/a1b2c3d4e5f60001/avatar?c=1630875354',
        hasPassword: true,
        restricted: false,
        restrictionProfile: null,
        admin: true,
        guest: false,
        protected: true,
      },
      {
        id: KIDS.id,
        uuid: KIDS.uuid,
        title: 'Kids',
        username: null,
        email: null,
        thumb: 'https://plex.tv/users/a1b2c3d4e5f60003/avatar?c=1641399369',
        hasPassword: false,
        restricted: true,
        restrictionProfile: 'little_kid',
        admin: false,
        guest: false,
        protected: true,
      },
      expect.objectContaining({ id: GUEST.id, title: 'Guest', guest: true, protected: false }),
    ]);
  });

  it('v1 XML: MediaContainer myPlex with <User> (managed users have "" username and e-mail)', async () => {
    const emu = createEmulator();
    const xml = await xmlOf(get(emu, '/api/home/users', { token: 'demo-token', json: true }));
    const root = parseXml(xml);
    expect(root.name).toBe('MediaContainer');
    expect(root.attrs.map(([k]) => k)).toEqual([
      'friendlyName',
      'identifier',
      'machineIdentifier',
      'totalSize',
      'size',
      'guestUserID',
    ]);
    expect(attr(xml, 'MediaContainer', 'identifier')).toBe('com.plexapp.plugins.myplex');
    expect(attr(xml, 'MediaContainer', 'machineIdentifier')).toMatch(/^[0-9a-f]{40}$/);
    expect(attr(xml, 'MediaContainer', 'size')).toBe('3');
    expect(attr(xml, 'MediaContainer', 'guestUserID')).toBe('10000004');
    const kids = root.children[1]!;
    expect(kids.attrs).toEqual([
      ['id', '10000003'],
      ['uuid', KIDS.uuid],
      ['admin', '0'],
      ['guest', '0'],
      ['restricted', '1'],
      ['protected', '1'],
      ['title', 'Kids'],
      ['username', ''],
      ['email', ''],
      ['thumb', 'https://plex.tv/users/a1b2c3d4e5f60003/avatar?c=1641399369'],
    ]);
    // python-plexapi asks with a trailing slash.
    expect((await get(emu, '/api/home/users/', { token: 'demo-token' })).status).toBe(200);
  });

  it('a managed member sees the same list', async () => {
    const emu = createEmulator();
    expect((await homeUsers(emu, 'kids-token')).map((u) => u.id)).toEqual([10000001, KIDS.id, GUEST.id]);
  });

  it('404 without a Home (v1 too)', async () => {
    const emu = createEmulator();
    expect((await get(emu, '/api/v2/home/users', { token: 'free-token' })).status).toBe(404);
    expect(await xmlOf(get(emu, '/api/home/users', { token: 'free-token' }), 404)).toBe(
      xmlError(1000, 'You are not a member of a Plex Home', 404),
    );
  });
});

describe('POST /api/home/users?title= (managed users)', () => {
  it('creates a managed user and answers its <User/>; both lists show it with a stable id', async () => {
    const emu = createEmulator();
    const xml = await xmlOf(call(emu, 'POST', '/api/home/users?title=Teen%20Room', { token: 'demo-token' }));
    const user = parseXml(xml);
    expect(user.name).toBe('User');
    const a = Object.fromEntries(user.attrs);
    expect(a).toMatchObject({
      title: 'Teen Room',
      username: '',
      email: '',
      admin: '0',
      restricted: '1',
      protected: '0',
    });
    expect(a.id).toBe('10000006');
    expect(a.uuid).toMatch(/^[0-9a-f]{16}$/);
    const v2 = (await homeUsers(emu)).find((u) => u.title === 'Teen Room');
    expect(v2).toMatchObject({ id: 10000006, uuid: a.uuid, username: null, email: null, restricted: true });
    expect((await v1Users(emu))['Teen Room']).toMatchObject({ id: '10000006', uuid: a.uuid });
    expect((await homeUsers(emu)).find((u) => u.title === 'Teen Room')?.id).toBe(10000006);
    const me = await jsonOf(get(emu, '/api/v2/user', { token: 'demo-token', json: true }));
    expect(me.homeSize).toBe(4);
  });

  it('refuses a blank or duplicate title, both or neither parameter, and non-admins', async () => {
    const emu = createEmulator();
    const post = (q: string, token = 'demo-token') =>
      call(emu, 'POST', `/api/home/users${q}`, { token, json: true });
    expect(await jsonOf(post('?title=%20'), 400)).toEqual(
      jsonError(1000, 'title is required (the managed user’s name)', 400),
    );
    expect((await jsonOf(post('?title=kids'), 400)).errors[0].message).toBe(
      'kids is already a member of this Home',
    );
    expect((await post('')).status).toBe(400);
    expect((await post('?title=a&invitedEmail=b')).status).toBe(400);
    expect(await jsonOf(post('?title=x', 'kids-token'), 403)).toEqual(
      jsonError(1043, 'This action is not available for this user', 403),
    );
  });

  it('makes a Home for an account without one (it becomes the admin)', async () => {
    const emu = createEmulator();
    await xmlOf(call(emu, 'POST', '/api/home/users?title=Little', { token: 'free-token' }));
    const home = await jsonOf(get(emu, '/api/v2/home/users', { token: 'free-token', json: true }));
    expect(home).toMatchObject({
      id: 50002,
      name: "freeuser's Home",
      guestUserID: null,
      guestEnabled: false,
    });
    expect(home.users.map((u: Doc) => [u.title, u.admin])).toEqual([
      ['freeuser', true],
      ['Little', false],
    ]);
  });

  it('caps a Home at 15 members', async () => {
    const emu = createEmulator();
    for (let i = 0; i < 12; i++)
      await xmlOf(call(emu, 'POST', `/api/home/users?title=k${i}`, { token: 'demo-token' }));
    const res = await jsonOf(
      call(emu, 'POST', '/api/home/users?title=one-too-many', { token: 'demo-token', json: true }),
      400,
    );
    expect(res.errors[0].message).toBe('A Plex Home has at most 15 members');
  });
});

describe('POST /api/home/users?invitedEmail= (an existing account joins)', () => {
  it('adds the account at once, by username or e-mail; both lists and its own /api/v2/user show it', async () => {
    const emu = createEmulator();
    const xml = await xmlOf(
      call(emu, 'POST', '/api/home/users?invitedEmail=CAROL@plextv.test', { token: 'demo-token' }),
    );
    expect(attr(xml, 'User', 'username')).toBe('carol');
    expect(attr(xml, 'User', 'id')).toBe('10000005');
    expect((await homeUsers(emu)).map((u) => u.title)).toEqual(['demo', 'Kids', 'Guest', 'carol']);
    expect((await v1Users(emu)).carol).toMatchObject({
      username: 'carol',
      email: 'carol@plextv.test',
      admin: '0',
    });
    const carol = await jsonOf(get(emu, '/api/v2/user', { token: 'carol-token', json: true }));
    expect(carol).toMatchObject({ home: true, homeAdmin: false, homeSize: 4 });
    // demo's friend list shows her as a Home member.
    const friends = await jsonOf(get(emu, '/api/v2/friends', { token: 'demo-token', json: true }));
    expect(friends.find((f: Doc) => f.id === 10000005)).toMatchObject({
      home: true,
      restrictionProfile: null,
    });
  });

  it('refuses unknown users (404), yourself, and accounts already in a Home', async () => {
    const emu = createEmulator();
    const post = (who: string) =>
      call(emu, 'POST', `/api/home/users?invitedEmail=${encodeURIComponent(who)}`, {
        token: 'demo-token',
        json: true,
      });
    expect(await jsonOf(post('nobody@example.test'), 404)).toEqual(jsonError(1000, 'User not found', 404));
    expect((await post('demo')).status).toBe(400);
    await xmlOf(call(emu, 'POST', '/api/home/users?title=x', { token: 'free-token' }));
    expect((await jsonOf(post('freeuser'), 400)).errors[0].message).toBe(
      'freeuser is already a member of another Plex Home',
    );
  });
});

describe('DELETE /api/home/users/{id}', () => {
  it('deletes a managed user: gone from both lists, its token and its share too', async () => {
    const emu = createEmulator();
    const res = await call(emu, 'DELETE', `/api/home/users/${KIDS.id}`, { token: 'demo-token' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect((await homeUsers(emu)).map((u) => u.title)).toEqual(['demo', 'Guest']);
    expect(Object.keys(await v1Users(emu))).toEqual(['demo', 'Guest']);
    expect((await get(emu, '/api/v2/user', { token: 'kids-token' })).status).toBe(401);
    const demoServer = emu.state.devices.get(30000001)!;
    expect(demoServer.shares.map((s) => s.accountId)).toEqual([10000002]);
    expect((await jsonOf(get(emu, '/api/v2/home', { token: 'demo-token', json: true }))).guestEnabled).toBe(
      true,
    );
  });

  it('deleting the guest turns the guest off', async () => {
    const emu = createEmulator();
    expect((await call(emu, 'DELETE', `/api/home/users/${GUEST.id}`, { token: 'demo-token' })).status).toBe(
      200,
    );
    expect(await jsonOf(get(emu, '/api/v2/home', { token: 'demo-token', json: true }))).toMatchObject({
      guestUserID: null,
      guestUserUUID: null,
      guestEnabled: false,
    });
    expect(
      attr(
        await xmlOf(get(emu, '/api/home/users', { token: 'demo-token' })),
        'MediaContainer',
        'guestUserID',
      ),
    ).toBe('');
  });

  it('an invited member just leaves (its account stays)', async () => {
    const emu = createEmulator();
    await xmlOf(call(emu, 'POST', '/api/home/users?invitedEmail=carol', { token: 'demo-token' }));
    expect((await call(emu, 'DELETE', '/api/home/users/10000005', { token: 'demo-token' })).status).toBe(200);
    expect((await homeUsers(emu)).map((u) => u.title)).toEqual(['demo', 'Kids', 'Guest']);
    expect(await jsonOf(get(emu, '/api/v2/user', { token: 'carol-token', json: true }))).toMatchObject({
      home: false,
    });
  });

  it('refuses the admin itself, unknown ids and non-admins', async () => {
    const emu = createEmulator();
    const del = (id: number | string, token = 'demo-token') =>
      call(emu, 'DELETE', `/api/home/users/${id}`, { token, json: true });
    expect((await jsonOf(del(10000001), 400)).errors[0].message).toBe(
      'The Home admin cannot be removed from the Home',
    );
    expect(await jsonOf(del(10000002), 404)).toEqual(jsonError(1000, 'Home user not found', 404));
    expect((await del(GUEST.id, 'kids-token')).status).toBe(403);
  });
});

describe('POST /api/v2/home/users/{uuid}/switch', () => {
  it('a protected member needs its PIN: none or a wrong one is 403 1041', async () => {
    const emu = createEmulator();
    const sw = (q = '') =>
      call(emu, 'POST', `/api/v2/home/users/${KIDS.uuid}/switch${q}`, { token: 'demo-token', json: true });
    expect(await jsonOf(sw(), 403)).toEqual(PIN_REQUIRED);
    expect(await jsonOf(sw('?pin=0000'), 403)).toEqual(PIN_REQUIRED);
    const xml = await xmlOf(
      call(emu, 'POST', `/api/v2/home/users/${KIDS.uuid}/switch`, { token: 'demo-token' }),
      403,
    );
    expect(xml).toBe(xmlError(1041, 'A valid PIN is required to perform this action', 403));
  });

  it('answers the member as /api/v2/user does, with a NEW token that acts as that member', async () => {
    const emu = createEmulator();
    const kid = await jsonOf(
      call(emu, 'POST', `/api/v2/home/users/${KIDS.uuid}/switch?pin=2468`, {
        token: 'demo-token',
        json: true,
      }),
    );
    expect(kid).toMatchObject({ id: KIDS.id, uuid: KIDS.uuid, title: 'Kids', restricted: true, home: true });
    expect(kid.authToken).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(kid.authToken).not.toBe('kids-token');
    expect(kid.rememberExpiresAt).toBeNull();
    const seen = await jsonOf(get(emu, '/api/v2/user', { token: kid.authToken, json: true }));
    const { authToken: _a, ...rest } = kid;
    expect(seen).toEqual({ ...rest, authToken: kid.authToken });
    // The token belongs to the request's client identifier.
    expect(emu.state.tokens.get(kid.authToken)).toMatchObject({
      accountId: KIDS.id,
      clientIdentifier: CLIENT['X-Plex-Client-Identifier'],
    });
    // And it sees what Kids sees: the Home share of Demo Server.
    const resources = await jsonOf(get(emu, '/api/v2/resources', { token: kid.authToken, json: true }));
    expect(resources.map((r: Doc) => [r.clientIdentifier, r.home, r.owned])).toEqual([
      [DEMO_SERVER_ID, true, false],
    ]);
  });

  it('the PIN may come as a form field; an unprotected member (Guest) needs none', async () => {
    const emu = createEmulator();
    await jsonOf(
      call(emu, 'POST', `/api/v2/home/users/${KIDS.uuid}/switch`, {
        token: 'demo-token',
        json: true,
        form: { pin: '2468' },
      }),
    );
    const guest = await jsonOf(
      call(emu, 'POST', `/api/v2/home/users/${GUEST.uuid}/switch`, { token: 'kids-token', json: true }),
    );
    expect(guest).toMatchObject({ id: GUEST.id, guest: true });
  });

  it('a managed user switching back to the admin needs the admin PIN', async () => {
    const emu = createEmulator();
    const back = (pin: string) =>
      call(emu, 'POST', `/api/v2/home/users/a1b2c3d4e5f60001/switch?pin=${pin}`, {
        token: 'kids-token',
        json: true,
      });
    expect((await back('2468')).status).toBe(403);
    const demo = await jsonOf(back('1357'));
    expect(demo).toMatchObject({ username: 'demo', homeAdmin: true });
  });

  it('XML is the legacy <user> (authenticationToken = authToken)', async () => {
    const emu = createEmulator();
    const xml = await xmlOf(
      call(emu, 'POST', `/api/v2/home/users/${KIDS.uuid}/switch?pin=2468`, { token: 'demo-token' }),
    );
    const token = attr(xml, 'user', 'authenticationToken')!;
    expect(attr(xml, 'user', 'authToken')).toBe(token);
    expect(xml).toContain(`<authentication-token>${token}</authentication-token>`);
    expect(attr(xml, 'user', 'title')).toBe('Kids');
    expect((await get(emu, '/api/v2/user', { token })).status).toBe(200);
  });

  it('v1 POST /api/home/users/{id}/switch (python-plexapi) answers the legacy XML whatever Accept says', async () => {
    const emu = createEmulator();
    const xml = await xmlOf(
      call(emu, 'POST', `/api/home/users/${KIDS.id}/switch?pin=2468`, { token: 'demo-token', json: true }),
    );
    expect(attr(xml, 'user', 'id')).toBe(String(KIDS.id));
    expect(
      (await call(emu, 'POST', `/api/home/users/${KIDS.id}/switch`, { token: 'demo-token' })).status,
    ).toBe(403);
  });

  it('only members of the same Home: others are 404', async () => {
    const emu = createEmulator();
    expect(
      (await call(emu, 'POST', `/api/v2/home/users/a1b2c3d4e5f60002/switch`, { token: 'demo-token' })).status,
    ).toBe(404);
    expect(
      (await call(emu, 'POST', `/api/v2/home/users/${KIDS.uuid}/switch`, { token: 'free-token' })).status,
    ).toBe(404);
  });
});

describe('PUT /api/home/users/{myId} (your own Home PIN)', () => {
  const put = (emu: Emulator, query: string, token = 'demo-token', id = 10000001) =>
    call(emu, 'PUT', `/api/home/users/${id}${query}`, { token, json: true });

  it('changes the PIN with the right currentPin; a wrong one is 401 1041 and changes nothing', async () => {
    const emu = createEmulator();
    expect(await jsonOf(put(emu, '?pin=2222&currentPin=9999'), 401)).toEqual(
      jsonError(1041, 'A valid PIN is required to perform this action', 401),
    );
    expect(await jsonOf(put(emu, '?pin=2222'), 401)).toBeTruthy();
    expect(emu.state.accounts.get(10000001)!.homePin).toBe('1357');
    const xml = await xmlOf(put(emu, '?pin=2222&currentPin=1357'));
    expect(attr(xml, 'User', 'protected')).toBe('1');
    // Kids switching to demo now needs the new PIN.
    const sw = (pin: string) =>
      call(emu, 'POST', `/api/v2/home/users/a1b2c3d4e5f60001/switch?pin=${pin}`, { token: 'kids-token' });
    expect((await sw('1357')).status).toBe(403);
    expect((await sw('2222')).status).toBe(200);
  });

  it('pin= removes it (protected false everywhere); setting one on an unprotected account needs no currentPin', async () => {
    const emu = createEmulator();
    await xmlOf(put(emu, '?pin=&currentPin=1357'));
    expect((await homeUsers(emu))[0].protected).toBe(false);
    expect((await v1Users(emu)).demo!.protected).toBe('0');
    expect((await jsonOf(get(emu, '/api/v2/user', { token: 'demo-token', json: true }))).protected).toBe(
      false,
    );
    await xmlOf(put(emu, '?pin=4321'));
    expect((await homeUsers(emu))[0].protected).toBe(true);
  });

  it('refuses a malformed PIN (400), another account id (403)', async () => {
    const emu = createEmulator();
    expect((await jsonOf(put(emu, '?pin=12a4&currentPin=1357'), 400)).errors[0].message).toBe(
      'pin must be exactly 4 digits',
    );
    expect((await put(emu, '?pin=1111&currentPin=2468', 'demo-token', KIDS.id)).status).toBe(403);
  });

  it('a managed user can set its own PIN (Guest)', async () => {
    const emu = createEmulator();
    await xmlOf(put(emu, '?pin=5555', 'guest-token', GUEST.id));
    expect(
      (await call(emu, 'POST', `/api/v2/home/users/${GUEST.uuid}/switch`, { token: 'demo-token' })).status,
    ).toBe(403);
  });
});

describe('/api/v2/home/users/restricted/{id} (admin only)', () => {
  it('POST pin= sets a managed user’s PIN, removePin=1 removes it', async () => {
    const emu = createEmulator();
    const post = (q: string) =>
      call(emu, 'POST', `/api/v2/home/users/restricted/${GUEST.id}${q}`, { token: 'demo-token', json: true });
    const member = await jsonOf(post('?pin=8642'));
    expect(member).toMatchObject({ id: GUEST.id, protected: true });
    expect(
      (await call(emu, 'POST', `/api/v2/home/users/${GUEST.uuid}/switch?pin=8642`, { token: 'demo-token' }))
        .status,
    ).toBe(200);
    expect(await jsonOf(post('?removePin=1'))).toMatchObject({ protected: false });
    expect(
      (await call(emu, 'POST', `/api/v2/home/users/${GUEST.uuid}/switch`, { token: 'demo-token' })).status,
    ).toBe(200);
  });

  it('PUT restrictionProfile= sets the profile; filters follow it in the friend lists', async () => {
    const emu = createEmulator();
    const put = (p: string) =>
      call(emu, 'PUT', `/api/v2/home/users/restricted/${KIDS.id}?restrictionProfile=${p}`, {
        token: 'demo-token',
        json: true,
      });
    expect(await jsonOf(put('teen'))).toMatchObject({ id: KIDS.id, restrictionProfile: 'teen' });
    expect((await homeUsers(emu))[1].restrictionProfile).toBe('teen');
    const kid = (await jsonOf(get(emu, '/api/v2/friends', { token: 'demo-token', json: true })))[0];
    expect(kid.restrictionProfile).toBe('teen');
    expect(kid.sharingSettings.filterMovies).toBe(
      'contentRating=G%2CTV-G%2CTV-Y%2CPG%2CTV-PG%2CTV-Y7%2CPG-13%2CTV-14',
    );
    expect(kid.sharedServers[0].sharingSettings.filterTelevision).toBe(kid.sharingSettings.filterMovies);
    expect(
      (await jsonOf(get(emu, '/api/v2/user', { token: 'kids-token', json: true }))).restrictionProfile,
    ).toBe('teen');
    // Empty clears it.
    expect(await jsonOf(put(''))).toMatchObject({ restrictionProfile: null });
    expect((await jsonOf(put('grown_up'), 400)).errors[0].message).toBe(
      'restrictionProfile must be little_kid, older_kid or teen (or empty for none)',
    );
  });

  it('refuses non-admins (403), non-managed members (400), strangers (404) and an empty request (400)', async () => {
    const emu = createEmulator();
    const post = (id: number, q: string, token = 'demo-token') =>
      call(emu, 'POST', `/api/v2/home/users/restricted/${id}${q}`, { token, json: true });
    expect((await post(KIDS.id, '?pin=1111', 'kids-token')).status).toBe(403);
    expect((await post(10000001, '?pin=1111')).status).toBe(400);
    expect((await post(10000002, '?pin=1111')).status).toBe(404);
    expect((await post(KIDS.id, '')).status).toBe(400);
    expect((await post(KIDS.id, '?pin=12')).status).toBe(400);
  });
});

describe('managed user scenario: create → set its PIN → switch (wrong PIN 1041, right PIN) → act as it', () => {
  it('works end to end and every list agrees', async () => {
    const emu = createEmulator();
    const created = parseXml(
      await xmlOf(call(emu, 'POST', '/api/home/users?title=Nephew', { token: 'demo-token' })),
    );
    const { id, uuid } = Object.fromEntries(created.attrs) as { id: string; uuid: string };
    await jsonOf(
      call(emu, 'PUT', `/api/v2/home/users/restricted/${id}?restrictionProfile=older_kid`, {
        token: 'demo-token',
        json: true,
      }),
    );
    await jsonOf(
      call(emu, 'POST', `/api/v2/home/users/restricted/${id}?pin=7777`, { token: 'demo-token', json: true }),
    );
    expect((await homeUsers(emu)).find((u) => u.uuid === uuid)).toMatchObject({
      protected: true,
      restrictionProfile: 'older_kid',
    });
    expect((await v1Users(emu)).Nephew).toMatchObject({ protected: '1', restricted: '1' });

    const sw = (pin: string) =>
      call(emu, 'POST', `/api/v2/home/users/${uuid}/switch?pin=${pin}`, { token: 'demo-token', json: true });
    expect(await jsonOf(sw('1234'), 403)).toEqual(PIN_REQUIRED);
    const nephew = await jsonOf(sw('7777'));
    expect(nephew).toMatchObject({
      id: Number(id),
      uuid,
      title: 'Nephew',
      restrictionProfile: 'older_kid',
      protected: true,
    });

    // Acting as the managed user: its own account, its Home, no resources yet, no webhooks.
    const token = nephew.authToken;
    expect(await jsonOf(get(emu, '/api/v2/user', { token, json: true }))).toMatchObject({
      id: Number(id),
      homeSize: 4,
    });
    expect((await homeUsers(emu, token)).map((u) => u.title)).toEqual(['demo', 'Kids', 'Guest', 'Nephew']);
    expect(await jsonOf(get(emu, '/api/v2/resources', { token, json: true }))).toEqual([]);
    expect((await get(emu, '/api/v2/user/webhooks', { token })).status).toBe(403);

    // demo shares Demo Server's Movies with it: it becomes a resource at once (a Home share).
    const share = await jsonOf(
      call(emu, 'POST', '/api/v2/shared_servers', {
        token: 'demo-token',
        json: true,
        body: {
          machineIdentifier: DEMO_SERVER_ID,
          librarySectionIds: [40000001],
          invitedId: Number(id),
          settings: {},
        },
      }),
      201,
    );
    expect(share).toMatchObject({ accepted: true, invited: { home: true, status: 'accepted' } });
    const res = await jsonOf(get(emu, '/api/v2/resources', { token, json: true }));
    expect(res.map((r: Doc) => [r.name, r.home, r.accessToken])).toEqual([
      ['Demo Server', true, expect.any(String)],
    ]);

    // Removing it ends it all.
    expect((await call(emu, 'DELETE', `/api/home/users/${id}`, { token: 'demo-token' })).status).toBe(200);
    expect((await get(emu, '/api/v2/user', { token })).status).toBe(401);
    expect(emu.state.devices.get(30000001)!.shares.map((s) => s.id)).toEqual([60000001, 60000002]);
  });
});
