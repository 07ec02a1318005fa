import { describe, expect, it } from 'vitest';
import { attr, CLIENT, emulator, get, jsonError, XML_DECL, xmlError } from './helpers.js';

describe('GET /api/v2/user', () => {
  it('answers XML by default, with plex.tv value rules', async () => {
    const emu = emulator();
    const res = await get(emu, '/api/v2/user', { token: 'demo-token' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    expect(xml.startsWith(XML_DECL)).toBe(true);
    expect(attr(xml, 'user', 'id')).toBe('10000001');
    expect(attr(xml, 'user', 'username')).toBe('demo');
    expect(attr(xml, 'user', 'authToken')).toBe('demo-token');
    expect(attr(xml, 'user', 'locale')).toBe('');
    expect(attr(xml, 'user', 'twoFactorEnabled')).toBe('1');
    expect(attr(xml, 'user', 'homeAdmin')).toBe('1');
    expect(attr(xml, 'user', 'homeSize')).toBe('3');
    expect(attr(xml, 'user', 'joinedAt')).toBe('1339124759');
    expect(attr(xml, 'subscription', 'subscribedAt')).toBe('2021-10-01 01:02:03 UTC');
    expect(xml).toContain('<pastSubscriptions></pastSubscriptions>');
    expect(xml).toContain('<trials></trials>');
    expect(xml).toContain(
      '<service identifier="eyeq-channel-icons" endpoint="http://akamai-b.cdn.cddbp.net/cds/2.0/image" token="" secret="" status="online"/>',
    );
    expect(xml).toContain('<billing paymentMethodId="">\n        <internalPaymentMethod/>\n      </billing>');
    // joinedAt sits right after confirmed in XML.
    expect(xml).toMatch(/ confirmed="1" joinedAt="1339124759" emailOnlyAuth="0"/);
  });

  it('answers JSON when Accept asks for it, with plex.tv types and key order', async () => {
    const emu = emulator();
    const res = await get(emu, '/api/v2/user', { token: 'demo-token', json: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await res.json();
    expect(Object.keys(body).slice(0, 6)).toEqual([
      'id',
      'uuid',
      'username',
      'title',
      'email',
      'friendlyName',
    ]);
    expect(Object.keys(body).at(-1)).toBe('joinedAt');
    expect(body.id).toBe(10000001);
    expect(body.friendlyName).toBe('');
    expect(body.locale).toBeNull();
    expect(body.scrobbleTypes).toBe('');
    expect(body.twoFactorEnabled).toBe(true);
    expect(body.subscription.subscribedAt).toBe('2021-10-01T01:02:03Z');
    expect(body.profile.autoSelectAudio).toBe(true);
    expect(body.profile.autoSelectSubtitle).toBe(0);
    expect(body.profile.watchedIndicator).toBe(1);
    expect(body.roles).toEqual(['plexpass']);
    expect(body.subscriptions).toEqual([
      {
        id: null,
        mode: 'lifetime',
        renewsAt: null,
        endsAt: null,
        type: 'plexpass',
        transfer: null,
        state: 'active',
      },
    ]);
    expect(body.services.find((s: { identifier: string }) => s.identifier === 'eyeq-channel-icons')).toEqual({
      identifier: 'eyeq-channel-icons',
      endpoint: 'http://akamai-b.cdn.cddbp.net/cds/2.0/image',
      status: 'online',
    });
    expect(body.adsConsent).toBe(true);
    expect(body.adsConsentSetAt).toBe(1618272851);
    expect(body.joinedAt).toBe(1339124759);
    expect(typeof body.pin).toBe('string');
    expect(body.thumb).toBe('https://plex.tv/users/a1b2c3d4e5f60001/avatar?c=1630875354');
    // pre-issued tokens are remembered: seed clock + 14 days.
    expect(body.rememberExpiresAt).toBe(Date.parse('2025-01-15T12:00:00Z') / 1000 + 14 * 86400);
  });

  it('renders a free account without roles, inactive subscription as nulls', async () => {
    const body = await (await get(emulator(), '/api/v2/user', { token: 'free-token', json: true })).json();
    expect(body.username).toBe('freeuser');
    expect('roles' in body).toBe(false);
    expect('pin' in body).toBe(false);
    expect(body.protected).toBe(false);
    expect(body.subscription).toMatchObject({
      active: false,
      subscribedAt: null,
      status: 'Inactive',
      plan: null,
    });
    expect(body.subscriptionDescription).toBeNull();
    expect(body.home).toBe(false);
    expect(body.homeSize).toBe(1);
    expect(body.adsConsent).toBeNull();
    expect(body.subscriptions).toEqual([]);
  });

  it('renders a managed user like plex.tv does', async () => {
    const emu = emulator();
    const body = await (await get(emu, '/api/v2/user', { token: 'kids-token', json: true })).json();
    expect(body).toMatchObject({
      username: '',
      email: '',
      title: 'Kids',
      mailingListStatus: null,
      rememberExpiresAt: null,
      providers: [],
      restricted: true,
      restrictionProfile: 'little_kid',
      customRestrictions: { all: null, movies: null, music: null, photos: null, television: null },
      protected: true,
      home: true,
      homeAdmin: false,
      hasPassword: false,
    });
    expect(body.settings[0]).toMatchObject({ id: 'experience', type: 'json', hidden: true });
    expect(typeof JSON.parse(body.settings[0].value)).toBe('object');
    const xml = await (await get(emu, '/api/v2/user', { token: 'kids-token' })).text();
    expect(attr(xml, 'user', 'username')).toBe('');
    expect(attr(xml, 'user', 'rememberExpiresAt')).toBe('');
    expect(attr(xml, 'user', 'mailingListStatus')).toBe('');
    const guest = await (await get(emu, '/api/v2/user', { token: 'guest-token', json: true })).json();
    expect(guest).toMatchObject({ title: 'Guest', guest: true, restricted: true, protected: false });
  });

  it('accepts the token as a query parameter', async () => {
    const res = await emulator().fetch('http://emulator.local/api/v2/user?X-Plex-Token=free-token', {
      headers: CLIENT,
    });
    expect(res.status).toBe(200);
  });

  it('accepts the client identifier as a query parameter, and relative URLs', async () => {
    const res = await emulator().fetch('/api/v2/user?X-Plex-Client-Identifier=abc', {
      headers: { 'X-Plex-Token': 'demo-token' },
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ['no token', undefined],
    ['unknown token', 'nope'],
  ])('401 1001 with %s (XML and JSON)', async (_label, token) => {
    const emu = emulator();
    const xml = await get(emu, '/api/v2/user', token === undefined ? {} : { token });
    expect(xml.status).toBe(401);
    expect(await xml.text()).toBe(xmlError(1001, 'User could not be authenticated', 401));
    const json = await get(emu, '/api/v2/user', token === undefined ? { json: true } : { token, json: true });
    expect(json.status).toBe(401);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await json.json()).toEqual(jsonError(1001, 'User could not be authenticated', 401));
  });

  it('400 1000 without X-Plex-Client-Identifier (XML and JSON)', async () => {
    const emu = emulator();
    const xml = await emu.fetch('https://plex.tv/api/v2/user', { headers: { 'X-Plex-Token': 'demo-token' } });
    expect(xml.status).toBe(400);
    expect(await xml.text()).toBe(xmlError(1000, 'X-Plex-Client-Identifier is missing', 400));
    const json = await emu.fetch('https://plex.tv/api/v2/user', {
      headers: { 'X-Plex-Token': 'demo-token', Accept: 'application/json' },
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual(jsonError(1000, 'X-Plex-Client-Identifier is missing', 400));
  });
});

describe('GET /api/v2/home/user', () => {
  it('has the same shape as /api/v2/user', async () => {
    const emu = emulator();
    for (const json of [false, true]) {
      const a = await (await get(emu, '/api/v2/user', { token: 'demo-token', json })).text();
      const b = await (await get(emu, '/api/v2/home/user', { token: 'demo-token', json })).text();
      expect(b).toBe(a);
    }
  });

  it('401 and 400 like every route', async () => {
    const emu = emulator();
    expect((await get(emu, '/api/v2/home/user', { token: 'bad' })).status).toBe(401);
    const res = await emu.fetch('https://plex.tv/api/v2/home/user', {
      headers: { 'X-Plex-Token': 'demo-token', Accept: 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(jsonError(1000, 'X-Plex-Client-Identifier is missing', 400));
  });
});

describe('unknown routes', () => {
  it('404 code 1002 in both formats', async () => {
    const emu = emulator();
    const xml = await get(emu, '/api/v2/nope', { token: 'demo-token' });
    expect(xml.status).toBe(404);
    expect(await xml.text()).toBe(xmlError(1002, 'The requested endpoint could not be found', 404));
    const json = await get(emu, '/api/v2/nope', { token: 'demo-token', json: true });
    expect(await json.json()).toEqual(jsonError(1002, 'The requested endpoint could not be found', 404));
    // A known path with the wrong method is just as unknown.
    const wrongMethod = await emu.fetch('https://plex.tv/api/v2/user', { method: 'PUT', headers: CLIENT });
    expect(wrongMethod.status).toBe(404);
  });
});

describe('GET /users/account[.json] (pre-v2)', () => {
  it('XML: the legacy <user> with authenticationToken; JSON: the user wrapped in {"user": …}', async () => {
    const emu = emulator();
    const res = await get(emu, '/users/account', { token: 'demo-token' });
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(attr(xml, 'user', 'authenticationToken')).toBe('demo-token');
    expect(attr(xml, 'user', 'mailing_list_status')).toBeTruthy();
    const jsonRes = await get(emu, '/users/account.json', { token: 'demo-token' });
    expect(jsonRes.headers.get('content-type')).toContain('application/json');
    const body = (await jsonRes.json()) as { user: { id: number; authToken: string } };
    expect(body.user).toMatchObject({ id: 10000001, authToken: 'demo-token' });
    expect((await get(emu, '/users/account.json', {})).status).toBe(401);
  });
});
