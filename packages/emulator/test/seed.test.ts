import { describe, expect, it } from 'vitest';
import { createEmulator, demoSeed, type EmulatorSeed, loadSeed, SeedError } from '../src/index.js';
import { get, signin } from './helpers.js';

const minimal: EmulatorSeed = {
  now: '2024-06-01T00:00:00Z',
  accounts: [
    {
      id: 42,
      uuid: '00000000000000aa',
      username: 'alice',
      email: 'alice@example.test',
      password: 'pw',
      joinedAt: 1_600_000_000,
      tokens: [{ token: 'alice-token', rememberMe: false }],
    },
  ],
};

function loadErr(seed: unknown): string {
  try {
    loadSeed(JSON.stringify(seed));
  } catch (err) {
    expect(err).toBeInstanceOf(SeedError);
    return (err as Error).message;
  }
  throw new Error('expected loadSeed to throw');
}

describe('loadSeed', () => {
  it('round-trips the demo seed through JSON', () => {
    expect(loadSeed(JSON.stringify(demoSeed))).toEqual(demoSeed);
  });

  it('a minimal seed works end to end, with defaults filled in', async () => {
    const emu = createEmulator(loadSeed(JSON.stringify(minimal)));
    const body = await (await get(emu, '/api/v2/user', { token: 'alice-token', json: true })).json();
    expect(body).toMatchObject({
      id: 42,
      title: 'alice',
      friendlyName: '',
      country: 'US',
      home: false,
      homeSize: 1,
      twoFactorEnabled: false,
      thumb: 'https://plex.tv/users/00000000000000aa/avatar?c=1600000000',
      joinedAt: 1_600_000_000,
      // rememberMe: false => seed clock + 1 day
      rememberExpiresAt: Date.parse('2024-06-01T00:00:00Z') / 1000 + 86400,
    });
    expect((await signin(emu, { login: 'alice', password: 'pw' })).status).toBe(201);
  });

  it.each([
    ['no accounts', {}, /seed\.accounts: expected an array/],
    ['unknown top-level key', { accounts: [], extra: 1 }, /seed\.extra: unknown field/],
    [
      'bad uuid',
      { accounts: [{ ...minimal.accounts[0], uuid: 'XYZ' }] },
      /seed\.accounts\[0\]\.uuid: expected 16/,
    ],
    [
      'bad id',
      { accounts: [{ ...minimal.accounts[0], id: '42' }] },
      /seed\.accounts\[0\]\.id: expected a positive integer, got "42"/,
    ],
    [
      'missing joinedAt',
      { accounts: [{ ...minimal.accounts[0], joinedAt: undefined }] },
      /joinedAt: expected an ISO/,
    ],
    [
      'unknown account key',
      { accounts: [{ ...minimal.accounts[0], pasword: 'x' }] },
      /accounts\[0\]\.pasword: unknown account field/,
    ],
    [
      'profile flag as bool',
      { accounts: [{ ...minimal.accounts[0], profile: { autoSelectSubtitle: true } }] },
      /profile\.autoSelectSubtitle: expected an integer/,
    ],
    [
      'duplicate login',
      {
        accounts: [
          minimal.accounts[0],
          { ...minimal.accounts[0], id: 43, uuid: '00000000000000ab', tokens: [] },
        ],
      },
      /accounts\[1\]\.username: duplicate login "alice"/,
    ],
    [
      'duplicate token',
      {
        accounts: [
          minimal.accounts[0],
          { ...minimal.accounts[0], id: 43, uuid: '00000000000000ab', username: 'bob', email: 'b@x.test' },
        ],
      },
      /accounts\[1\]\.tokens\[0\]: duplicate token "alice-token"/,
    ],
    [
      'managed user with a password',
      {
        accounts: [{ id: 1, uuid: '00000000000000a1', managed: true, password: 'x', joinedAt: 0 }],
      },
      /accounts\[0\]\.password: a managed user has no password/,
    ],
    [
      'managed user outside a Home',
      { accounts: [{ id: 1, uuid: '00000000000000a1', managed: true, joinedAt: 0 }] },
      /accounts\[0\]: a managed user must be a member of a Home/,
    ],
    [
      'home member that does not exist',
      { accounts: minimal.accounts, homes: [{ id: 1, name: 'H', admin: 'alice', members: [99] }] },
      /seed\.homes\[0\]\.members\[0\]: no seeded account 99/,
    ],
    [
      'bad 2FA code',
      { accounts: [{ ...minimal.accounts[0], twoFactorCode: '' }] },
      /twoFactorCode: expected a non-empty/,
    ],
    [
      'bad homePin',
      { accounts: [{ ...minimal.accounts[0], homePin: '12' }] },
      /homePin: expected exactly 4 digits/,
    ],
    [
      'bad plan',
      { accounts: [{ ...minimal.accounts[0], plexPass: { plan: 'forever', subscribedAt: 0 } }] },
      /plexPass\.plan/,
    ],
  ])('names the problem: %s', (_label, seed, pattern) => {
    expect(loadErr(seed)).toMatch(pattern);
  });

  it('reports JSON syntax errors as SeedError', () => {
    expect(() => loadSeed('{nope')).toThrow(/^seed: not valid JSON/);
    expect(() => loadSeed('{nope')).toThrow(SeedError);
  });

  it('createEmulator validates object seeds too', () => {
    expect(() => createEmulator({ accounts: [{ ...minimal.accounts[0]!, uuid: 'nope' }] })).toThrow(
      SeedError,
    );
  });

  it('demoSeed is deterministic (same output from two emulators)', async () => {
    const [a, b] = [createEmulator(), createEmulator()];
    for (const token of ['demo-token', 'free-token', 'kids-token', 'guest-token']) {
      const ta = await (await get(a, '/api/v2/user', { token })).text();
      const tb = await (await get(b, '/api/v2/user', { token })).text();
      expect(ta).toBe(tb);
    }
  });
});
