/**
 * Plex Home (endpoints/home.ts): every endpoint against a scripted fetch, asserting method, URL, headers (the
 * token only in X-Plex-Token) and body; PIN errors (1041).
 */
import {
  createManagedUser,
  DecodeError,
  getHome,
  getHomeUsers,
  HomePinRequiredError,
  inviteToHome,
  removeHomePin,
  removeHomeUser,
  removeManagedUserHomePin,
  setHomePin,
  setManagedUserHomePin,
  setRestrictionProfile,
  switchHomeUser,
  UnauthorizedError,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import { BASE, empty, jsonText, request, setup, TOKEN, tokenOnlyInHeader, xmlText } from './endpoint-kit.js';
import { ACCOUNT, json, xml } from './fake-fetch.js';

const ok = () => xml('<Response code="0" status="OK"/>');

describe('Plex Home', () => {
  test('getHome: GET /api/v2/home (JSON)', async () => {
    const home = {
      id: 7,
      name: 'Casa',
      guestUserID: 9,
      guestUserUUID: 'guestuuid',
      guestEnabled: true,
      subscription: false,
    };
    const { client, calls } = setup([json(home)]);
    expect(await getHome(client)).toEqual({ ...home, extra: {} });
    expect(request(calls[0]!)).toEqual({ method: 'GET', origin: BASE, path: '/api/v2/home', query: {} });
    expect(calls[0]!.headers.get('accept')).toBe('application/json');
    expect(calls[0]!.headers.get('x-plex-client-identifier')).toBe('test-client');
    tokenOnlyInHeader(calls[0]!);
  });

  test('getHomeUsers: GET /api/v2/home/users; the v1 XML answer decodes to the same model', async () => {
    const { client, calls } = setup([
      jsonText(capture('PlexKit/home_users.json')),
      xmlText(capture('node-plex-api-credentials/managed_users.xml')),
    ]);
    const [admin] = await getHomeUsers(client);
    expect(admin).toMatchObject({ id: 1234, uuid: 'uuid', admin: true, protected: true });
    expect(request(calls[0]!)).toEqual({
      method: 'GET',
      origin: BASE,
      path: '/api/v2/home/users',
      query: {},
    });
    tokenOnlyInHeader(calls[0]!);
    const v1 = await getHomeUsers(client);
    expect(v1.map((u) => u.title)).toEqual(['phillipj', 'OnlyPhotos']);
  });

  test('getHomeUsers: a body that is not a home is a DecodeError naming the endpoint', async () => {
    const { client } = setup([new Response('nope', { headers: { 'content-type': 'text/plain' } })]);
    const error = await getHomeUsers(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).message).toContain('GET /api/v2/home/users');
  });

  test('createManagedUser: POST /api/home/users?title=…; with a profile, then PUT the restricted user', async () => {
    const created =
      '<User id="55" uuid="5a5a5a5a5a5a5a5a" title="Kid One" username="" email="" restricted="1" admin="0" guest="0" protected="0"/>';
    const { client, calls } = setup([xml(created), empty()]);
    const user = await createManagedUser(client, { name: ' Kid One ', restrictionProfile: 'little_kid' });
    expect(user).toMatchObject({ id: 55, uuid: '5a5a5a5a5a5a5a5a', title: 'Kid One', restricted: true });
    expect(user.restrictionProfile).toBe('little_kid');
    expect(user.username).toBeUndefined();
    expect(request(calls[0]!)).toEqual({
      method: 'POST',
      origin: BASE,
      path: '/api/home/users',
      query: { title: 'Kid One' },
    });
    expect(calls[0]!.headers.get('accept')).toBe('application/xml');
    expect(calls[0]!.body).toBeUndefined();
    tokenOnlyInHeader(calls[0]!);
    expect(request(calls[1]!)).toEqual({
      method: 'PUT',
      origin: BASE,
      path: '/api/v2/home/users/restricted/55',
      query: { restrictionProfile: 'little_kid' },
    });
    tokenOnlyInHeader(calls[1]!);
  });

  test('createManagedUser: an answer without uuid is completed from the home users, not failed', async () => {
    const { client, calls } = setup([
      xml('<MediaContainer><User id="1234" title="title"/></MediaContainer>'),
      jsonText(capture('PlexKit/home_users.json')),
    ]);
    const user = await createManagedUser(client, { name: 'title' });
    expect(user.uuid).toBe('uuid');
    expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual([
      'POST /api/home/users',
      'GET /api/v2/home/users',
    ]);
  });

  test('createManagedUser: a blank name is a TypeError before any request', async () => {
    const { client, calls } = setup([]);
    await expect(createManagedUser(client, { name: '  ' })).rejects.toBeInstanceOf(TypeError);
    expect(calls).toHaveLength(0);
  });

  test('inviteToHome: POST /api/home/users?invitedEmail=…', async () => {
    const { client, calls } = setup([ok()]);
    await inviteToHome(client, 'friend@example.com');
    expect(request(calls[0]!)).toEqual({
      method: 'POST',
      origin: BASE,
      path: '/api/home/users',
      query: { invitedEmail: 'friend@example.com' },
    });
    expect(calls[0]!.url).toContain('invitedEmail=friend%40example.com');
    tokenOnlyInHeader(calls[0]!);
  });

  test('removeHomeUser: DELETE /api/home/users/{id}, id encoded', async () => {
    const { client, calls } = setup([ok(), ok()]);
    await removeHomeUser(client, 4321);
    expect(request(calls[0]!)).toEqual({
      method: 'DELETE',
      origin: BASE,
      path: '/api/home/users/4321',
      query: {},
    });
    tokenOnlyInHeader(calls[0]!);
    await removeHomeUser(client, '../x');
    expect(calls[1]!.url).toBe(`${BASE}/api/home/users/..%2Fx`);
    await expect(removeHomeUser(client, '')).rejects.toBeInstanceOf(TypeError);
    expect(calls).toHaveLength(2);
  });

  test('switchHomeUser: POST /api/v2/home/users/{uuid}/switch?pin=…; the answer is the member account and a client', async () => {
    const { client, calls } = setup([jsonText(capture('PlexKit/switch_user.json')), json(ACCOUNT)]);
    const switched = await switchHomeUser(client, { uuid: 'abc123def4567890' }, { pin: '0042' });
    expect(request(calls[0]!)).toEqual({
      method: 'POST',
      origin: BASE,
      path: '/api/v2/home/users/abc123def4567890/switch',
      query: { pin: '0042' },
    });
    expect(calls[0]!.headers.get('accept')).toBe('application/json');
    tokenOnlyInHeader(calls[0]!);
    expect(switched.account).toMatchObject({
      id: 123,
      uuid: 'uuid',
      username: 'username',
      authToken: 'token',
      home: true,
    });
    expect(switched.client.getToken()).toBe('token');
    expect(client.getToken()).toBe(TOKEN);
    // The new client acts as the member.
    await switched.client.request({ method: 'GET', path: '/api/v2/user' });
    expect(calls[1]!.headers.get('x-plex-token')).toBe('token');
  });

  test('switchHomeUser: no PIN, no pin parameter; a uuid string works', async () => {
    const { client, calls } = setup([jsonText(capture('PlexKit/switch_user.json'))]);
    await switchHomeUser(client, 'abc123def4567890');
    expect(request(calls[0]!).query).toEqual({});
  });

  test.each([401, 403])(
    'switchHomeUser: a wrong PIN (1041, status %i) is HomePinRequiredError, the PIN nowhere in it',
    async (status) => {
      const body = {
        errors: [{ code: 1041, message: 'A valid PIN is required to perform this action', status }],
      };
      const { client } = setup([json(body, status)]);
      const error = await switchHomeUser(client, 'abc123def4567890', { pin: '9999' }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(HomePinRequiredError);
      expect(error).toMatchObject({
        status,
        code: 1041,
        method: 'POST',
        path: '/api/v2/home/users/abc123def4567890/switch',
      });
      expect(JSON.stringify(error)).not.toContain('9999');
      expect((error as Error).message).not.toContain('9999');
    },
  );

  test('switchHomeUser: a 401 without 1041 stays UnauthorizedError; a malformed PIN never leaves', async () => {
    const { client, calls } = setup([
      json({ errors: [{ code: 1001, message: 'User could not be authenticated' }] }, 401),
    ]);
    await expect(switchHomeUser(client, 'u')).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(switchHomeUser(client, 'u', { pin: '12345' })).rejects.toBeInstanceOf(TypeError);
    await expect(switchHomeUser(client, ' ')).rejects.toBeInstanceOf(TypeError);
    expect(calls).toHaveLength(1);
  });

  test('setHomePin: PUT /api/home/users/{myId}?pin=&currentPin=; the id is looked up when not given', async () => {
    const { client, calls } = setup([ok(), json(ACCOUNT), ok()]);
    await setHomePin(client, { pin: '1234', currentPin: '0000', userId: 77 });
    expect(request(calls[0]!)).toEqual({
      method: 'PUT',
      origin: BASE,
      path: '/api/home/users/77',
      query: { pin: '1234', currentPin: '0000' },
    });
    tokenOnlyInHeader(calls[0]!);
    await setHomePin(client, { pin: '4321' });
    expect(request(calls[1]!).path).toBe('/api/v2/user');
    expect(request(calls[2]!)).toEqual({
      method: 'PUT',
      origin: BASE,
      path: '/api/home/users/1',
      query: { pin: '4321' },
    });
  });

  test('removeHomePin: PUT with pin= (empty) and currentPin', async () => {
    const { client, calls } = setup([ok()]);
    await removeHomePin(client, '1234', { userId: 77 });
    expect(request(calls[0]!)).toEqual({
      method: 'PUT',
      origin: BASE,
      path: '/api/home/users/77',
      query: { pin: '', currentPin: '1234' },
    });
    expect(calls[0]!.url).toContain('pin=&');
  });

  test('PINs are four-digit strings: anything else is a TypeError before any request', async () => {
    const { client, calls } = setup([]);
    await expect(setHomePin(client, { pin: '12a4', userId: 1 })).rejects.toBeInstanceOf(TypeError);
    await expect(setHomePin(client, { pin: 1234 as unknown as string, userId: 1 })).rejects.toBeInstanceOf(
      TypeError,
    );
    await expect(setHomePin(client, { pin: '1234', currentPin: '1', userId: 1 })).rejects.toBeInstanceOf(
      TypeError,
    );
    await expect(removeHomePin(client, '', { userId: 1 })).rejects.toBeInstanceOf(TypeError);
    await expect(setManagedUserHomePin(client, 5, '123')).rejects.toBeInstanceOf(TypeError);
    expect(calls).toHaveLength(0);
  });

  test('setManagedUserHomePin / removeManagedUserHomePin: POST /api/v2/home/users/restricted/{id}', async () => {
    const { client, calls } = setup([empty(), empty()]);
    await setManagedUserHomePin(client, 4321, '1111');
    await removeManagedUserHomePin(client, '4321');
    expect(calls.map(request)).toEqual([
      { method: 'POST', origin: BASE, path: '/api/v2/home/users/restricted/4321', query: { pin: '1111' } },
      { method: 'POST', origin: BASE, path: '/api/v2/home/users/restricted/4321', query: { removePin: '1' } },
    ]);
    for (const call of calls) tokenOnlyInHeader(call);
  });

  test('setRestrictionProfile: PUT /api/v2/home/users/restricted/{id}?restrictionProfile=…', async () => {
    const { client, calls } = setup([empty()]);
    await setRestrictionProfile(client, 4321, 'older_kid');
    expect(request(calls[0]!)).toEqual({
      method: 'PUT',
      origin: BASE,
      path: '/api/v2/home/users/restricted/4321',
      query: { restrictionProfile: 'older_kid' },
    });
    await expect(setRestrictionProfile(client, 4321, '')).rejects.toBeInstanceOf(TypeError);
  });
});
