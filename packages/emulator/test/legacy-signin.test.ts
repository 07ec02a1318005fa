/** POST /users/sign_in.json and /users/sign_in.xml: the legacy sign-in (HTTP Basic or user[login] form). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import { attr, CLIENT, get, jsonError, xmlError } from './helpers.js';

const CAPTURES = new URL('../../../fixtures/realworld/plextv/', import.meta.url);

function capture(path: string): string {
  return readFileSync(fileURLToPath(new URL(path, CAPTURES)), 'utf8');
}

function basic(login: string, password: string): string {
  return `Basic ${Buffer.from(`${login}:${password}`, 'utf8').toString('base64')}`;
}

function legacySignIn(
  emu: Emulator,
  suffix: '.json' | '.xml',
  init: { authorization?: string; form?: Record<string, string> },
): Promise<Response> {
  return emu.fetch(`https://plex.tv/users/sign_in${suffix}`, {
    method: 'POST',
    headers: {
      ...CLIENT,
      ...(init.authorization ? { Authorization: init.authorization } : {}),
      ...(init.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
  });
}

/** The keys (and value types) of the captured `{"user": …}`. */
function captureTypes(): Record<string, string> {
  const { user } = JSON.parse(capture('PlexKit/simple_authentication.json')) as {
    user: Record<string, unknown>;
  };
  return Object.fromEntries(Object.entries(user).map(([k, v]) => [k, v === null ? 'null' : typeof v]));
}

describe('POST /users/sign_in.json (HTTP Basic)', () => {
  it('201 {"user": …} with every key of the PlexKit capture, both token keys equal, and a working token', async () => {
    const emu = createEmulator();
    const res = await legacySignIn(emu, '.json', { authorization: basic('freeuser', 'free-password') });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toContain('application/json');
    const { user } = (await res.json()) as { user: Record<string, unknown> };
    for (const [key, type] of Object.entries(captureTypes())) {
      expect(user, key).toHaveProperty(key);
      expect(user[key] === null ? 'null' : typeof user[key], key).toBe(type);
    }
    expect(user.username).toBe('freeuser');
    expect(user.authentication_token).toBe(user.authToken);
    expect(user.roles).toEqual({ roles: expect.any(Array) });
    expect(user.joined_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const me = await get(emu, '/api/v2/user', { token: user.authToken as string, json: true });
    expect(((await me.json()) as { username: string }).username).toBe('freeuser');
  });

  it('accepts the user[login]/user[password] form and the e-mail as login', async () => {
    const emu = createEmulator();
    const res = await legacySignIn(emu, '.json', {
      form: { 'user[login]': 'FREE@plextv.test', 'user[password]': 'free-password' },
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { user: { username: string } }).user.username).toBe('freeuser');
  });

  it('wrong password, unknown login, no credentials: 401 1001', async () => {
    const emu = createEmulator();
    for (const authorization of [basic('freeuser', 'nope'), basic('nobody', 'x'), undefined]) {
      const res = await legacySignIn(emu, '.json', authorization ? { authorization } : {});
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(jsonError(1001, 'User could not be authenticated', 401));
    }
  });

  it('2FA: the code appended to the password signs in; without it 401 1029', async () => {
    const emu = createEmulator();
    const without = await legacySignIn(emu, '.json', { authorization: basic('demo', 'demo-password') });
    expect(without.status).toBe(401);
    expect(await without.json()).toEqual(jsonError(1029, 'Please enter the verification code', 401));
    const withCode = await legacySignIn(emu, '.json', {
      authorization: basic('demo', 'demo-password123456'),
    });
    expect(withCode.status).toBe(201);
  });
});

describe('POST /users/sign_in.xml', () => {
  it('201 legacy <user> with authenticationToken and the duplicate text children (node-plex-api-credentials)', async () => {
    const emu = createEmulator();
    const res = await legacySignIn(emu, '.xml', { authorization: basic('freeuser', 'free-password') });
    expect(res.status).toBe(201);
    const xml = await res.text();
    const token = attr(xml, 'user', 'authenticationToken');
    expect(token).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(xml).toContain(`<authentication-token>${token}</authentication-token>`);
    expect(xml).toContain('<username>freeuser</username>');
    // Every attribute of the captured <user> is there, but the retired Watch Later queue's.
    const names = (doc: string) =>
      [...(/<user\b([^>]*)>/.exec(doc)?.[1] ?? '').matchAll(/([\w-]+)="/g)].map((m) => m[1]);
    const missing = names(capture('node-plex-api-credentials/sign_in.xml')).filter(
      (name) => !names(xml).includes(name),
    );
    expect(missing.sort()).toEqual(['queueEmail', 'queueUid']);
    expect(xml).toMatch(/<joined-at type="datetime">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC<\/joined-at>/);
  });

  it('wrong credentials: 401 1001 as XML', async () => {
    const res = await legacySignIn(createEmulator(), '.xml', { authorization: basic('freeuser', 'x') });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe(xmlError(1001, 'User could not be authenticated', 401));
  });
});
