// The endpoint kernel, through the public API: a route is fixed, per-call options only say how to send it,
// path parameters are always checked and encoded, and every decoder's parse twin decodes what the call would.
import {
  acceptInvite,
  type CallOptions,
  createClient,
  DecodeError,
  getDevices,
  getUser,
  parseDevices,
  parseResources,
  removeDevice,
  removeHomeUser,
  signOut,
  switchHomeUser,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { ACCOUNT, json, scriptedFetch, xml } from './fake-fetch.js';

const base = { clientIdentifier: 'c', baseUrl: 'https://plex.test', token: 'tok-123', retry: false as const };

describe('per-call options never change the route', () => {
  test('a non-literal options object cannot override method, path, host or how the answer is read', async () => {
    const { fetch, calls } = scriptedFetch([json(ACCOUNT)]);
    const client = createClient({ ...base, fetch });
    const sneaky = {
      method: 'DELETE',
      path: '/api/v2/users/signout',
      host: 'clients',
      ignoreBody: true,
      auth: false,
      query: { evil: 1 },
      timeout: 5_000,
    } as unknown as CallOptions;
    const me = await getUser(client, sneaky);
    expect(me.id).toBe(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('GET');
    expect(calls[0]!.url).toBe('https://plex.test/api/v2/user');
    expect(calls[0]!.headers.get('x-plex-token')).toBe('tok-123');
  });

  test('per-call headers are sent, and a route that answers nothing ignores a mangled 2xx body', async () => {
    const { fetch, calls } = scriptedFetch([xml('<broken', 200)]);
    const client = createClient({ ...base, fetch });
    await expect(signOut(client, { headers: { 'X-Trace': 'abc' } })).resolves.toBeUndefined();
    expect(calls[0]!.method).toBe('DELETE');
    expect(calls[0]!.headers.get('x-trace')).toBe('abc');
  });

  test('a route that decodes its answer fails with a DecodeError naming the call', async () => {
    const { fetch } = scriptedFetch([json([1, 2])]);
    const error = await getUser(createClient({ ...base, fetch })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).message).toMatch(/^GET \/api\/v2\/user: expected /);
    expect((error as DecodeError).field).toBe('user');
  });
});

describe('path parameters', () => {
  test.each([
    ['a/../b', '/devices/a%2F..%2Fb.xml'],
    [' 42 ', '/devices/42.xml'],
    ['x?y#z', '/devices/x%3Fy%23z.xml'],
    [7, '/devices/7.xml'],
  ])('%j is one encoded segment', async (id, path) => {
    const { fetch, calls } = scriptedFetch([xml('<MediaContainer/>')]);
    await removeDevice(createClient({ ...base, fetch }), id);
    expect(new URL(calls[0]!.url).pathname).toBe(path);
  });

  test.each([
    ['removeDevice', () => removeDevice(createClient(base), ' ')],
    ['removeHomeUser', () => removeHomeUser(createClient(base), '')],
    ['acceptInvite', () => acceptInvite(createClient(base), Number.NaN)],
    ['switchHomeUser', () => switchHomeUser(createClient(base), { uuid: '' })],
  ])('%s: a blank parameter is a TypeError naming the function, and nothing is sent', async (name, run) => {
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(`plextv: ${name} needs`);
  });
});

describe('parse twins decode what the call decodes', () => {
  const devices = '<MediaContainer><Device id="5" clientIdentifier="abc" name="Phone"/></MediaContainer>';

  test('parseDevices(text) ≡ getDevices', async () => {
    const { fetch } = scriptedFetch([xml(devices)]);
    const fetched = await getDevices(createClient({ ...base, fetch }));
    expect(await parseDevices(devices)).toEqual(fetched);
  });

  test('unreadable text and the wrong shape are DecodeErrors naming the body', async () => {
    await expect(parseResources('{nope')).rejects.toThrow(/unreadable resources body/);
    const wrong = await parseResources('"a string"').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(DecodeError);
    expect((wrong as DecodeError).field).toBe('resources');
  });
});
