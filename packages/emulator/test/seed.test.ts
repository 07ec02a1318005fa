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

  it('validates devices, connections and shares, naming the path', () => {
    const device = {
      id: 1,
      owner: 'alice',
      name: 'Box',
      product: 'Plex Media Server',
      provides: 'server',
      clientIdentifier: 'box-1',
      token: 'box-device-token',
      accessToken: 'box-access',
      createdAt: '2020-01-01T00:00:00Z',
      lastSeenAt: 1_700_000_000,
      connections: [{ protocol: 'http', address: '10.0.0.2', port: 32400 }],
    };
    const withDevice = (d: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      ...minimal,
      ...extra,
      devices: [{ ...device, ...d }],
    });
    expect(() => loadSeed(JSON.stringify(withDevice({})))).not.toThrow();
    expect(loadErr(withDevice({ owner: 'bob' }))).toBe('seed.devices[0].owner: no seeded account "bob"');
    expect(loadErr(withDevice({ accessToken: undefined }))).toMatch(
      /^seed\.devices\[0\]\.accessToken: expected the owner's access token for this server/,
    );
    expect(loadErr(withDevice({ token: 'alice-token' }))).toBe(
      'seed.devices[0].token: duplicate token "alice-token" (also seed.accounts[0].tokens[0])',
    );
    expect(loadErr(withDevice({ colour: 'red' }))).toBe('seed.devices[0].colour: unknown device field');
    expect(loadErr(withDevice({ connections: [{ protocol: 'ftp', address: 'x', port: 1 }] }))).toBe(
      'seed.devices[0].connections[0].protocol: expected "http" or "https", got "ftp"',
    );
    expect(loadErr(withDevice({ connections: [{ protocol: 'http', address: 'x', port: 70000 }] }))).toBe(
      'seed.devices[0].connections[0].port: expected a port 1-65535, got number 70000',
    );
    expect(
      loadErr(withDevice({ connections: [{ protocol: 'https', address: 'x', port: 1, behaviour: 'up' }] })),
    ).toBe(
      'seed.devices[0].connections[0].behaviour: an https connection can only be "refused" or "black-hole" (the fake servers speak no TLS)',
    );
    expect(
      loadErr(withDevice({ connections: [{ protocol: 'http', address: 'x', port: 1, behaviour: 'meh' }] })),
    ).toMatch(/^seed\.devices\[0\]\.connections\[0\]\.behaviour: unknown behaviour "meh"/);
    expect(loadErr(withDevice({ provides: 'client', accessToken: undefined, relay: true }))).toBe(
      'seed.devices[0].relay: only servers (provides "server") have relay',
    );
    expect(loadErr(withDevice({ sharedWith: [{ account: 'alice', accessToken: 't2' }] }))).toBe(
      'seed.devices[0].sharedWith[0].account: the owner already sees its own server',
    );
    expect(loadErr(withDevice({ syncList: { itemsCompleteCount: 1, totalSize: -1 } }))).toBe(
      'seed.devices[0].syncList.totalSize: expected a non-negative integer, got number -1',
    );
    const twice = { ...minimal, devices: [device, { ...device, id: 2, token: 'other' }] };
    expect(loadErr(twice)).toBe(
      'seed.devices[1].clientIdentifier: duplicate client identifier "box-1" (also seed.devices[0].clientIdentifier)',
    );
    expect(loadErr({ ...minimal, devices: {} })).toBe(
      'seed.devices: expected an array of devices, got an object',
    );
  });

  it('validates friends, library sections and shares’ sections and settings, naming the path', () => {
    const bob = { id: 43, uuid: '00000000000000ab', username: 'bob', email: 'bob@example.test', joinedAt: 0 };
    const kid = { id: 44, uuid: '00000000000000ac', managed: true, title: 'Kid', joinedAt: 0 };
    const server = {
      id: 1,
      owner: 'alice',
      name: 'Box',
      product: 'Plex Media Server',
      provides: 'server',
      clientIdentifier: 'box-1',
      token: 'box-device-token',
      accessToken: 'box-access',
      createdAt: 0,
      lastSeenAt: 0,
      librarySections: [
        { id: 7, key: 1, title: 'Movies', type: 'movie' },
        { id: 8, key: 2, title: 'Shows', type: 'show' },
      ],
    };
    const base = {
      ...minimal,
      accounts: [...minimal.accounts, bob, kid],
      homes: [{ id: 1, name: 'H', admin: 'alice', members: [44] }],
    };
    const withFriends = (friends: unknown) => ({ ...base, friends });
    const withShare = (share: Record<string, unknown>, d: Record<string, unknown> = {}) => ({
      ...base,
      devices: [{ ...server, ...d, sharedWith: [{ account: 'bob', accessToken: 'bob-box', ...share }] }],
    });
    expect(() =>
      loadSeed(
        JSON.stringify({
          ...withShare({
            id: 5,
            librarySectionIds: [8],
            settings: { allowSync: true, allowTuners: 2, filterAll: null },
            sharedAt: 0,
          }),
          friends: [
            { from: 'alice', to: 'bob', invitedAt: 0, acceptedAt: 10 },
            { from: 'bob', to: 'someone@example.test', status: 'pending' },
          ],
        }),
      ),
    ).not.toThrow();
    expect(loadErr(withFriends({}))).toBe('seed.friends: expected an array of friendships, got an object');
    expect(loadErr(withFriends([{ from: 'alice', to: 'carl' }]))).toBe(
      'seed.friends[0].to: no seeded account "carl"',
    );
    expect(loadErr(withFriends([{ from: 'alice', to: 'x@example.test' }]))).toBe(
      'seed.friends[0].to: "x@example.test" has no account, so the invitation can only be pending',
    );
    expect(loadErr(withFriends([{ from: 'alice', to: 44 }]))).toBe(
      'seed.friends[0].to: a managed user cannot have friends',
    );
    expect(loadErr(withFriends([{ from: 'alice', to: 'alice@example.test' }]))).toBe(
      'seed.friends[0].to: an account cannot be its own friend',
    );
    expect(
      loadErr(
        withFriends([
          { from: 'alice', to: 'bob' },
          { from: 'bob', to: 'alice', status: 'pending' },
        ]),
      ),
    ).toBe('seed.friends[1]: the same two people as seed.friends[0]');
    expect(loadErr(withFriends([{ from: 'alice', to: 'bob', status: 'maybe' }]))).toBe(
      'seed.friends[0].status: expected "accepted" or "pending", got "maybe"',
    );
    expect(loadErr(withFriends([{ from: 'alice', to: 'bob', status: 'pending', acceptedAt: 1 }]))).toBe(
      'seed.friends[0].acceptedAt: only an accepted friendship has acceptedAt',
    );
    expect(loadErr(withFriends([{ from: 'alice', to: 'bob', since: 1 }]))).toBe(
      'seed.friends[0].since: unknown friendship field',
    );
    expect(loadErr(withShare({ librarySectionIds: [9] }))).toBe(
      "seed.devices[0].sharedWith[0].librarySectionIds[0]: expected one of this server's librarySections ids, got number 9",
    );
    expect(loadErr(withShare({ librarySectionIds: [7, 7] }))).toBe(
      'seed.devices[0].sharedWith[0].librarySectionIds: a section is listed twice',
    );
    expect(loadErr(withShare({ settings: { allowTuners: 3 } }))).toBe(
      'seed.devices[0].sharedWith[0].settings.allowTuners: expected 0, 1 or 2, got number 3',
    );
    expect(loadErr(withShare({ settings: { allowSync: 'yes' } }))).toBe(
      'seed.devices[0].sharedWith[0].settings.allowSync: expected true or false, got "yes"',
    );
    expect(loadErr(withShare({ settings: { filterMovie: '' } }))).toBe(
      'seed.devices[0].sharedWith[0].settings.filterMovie: unknown sharing setting',
    );
    expect(loadErr(withShare({ id: 0 }))).toBe(
      'seed.devices[0].sharedWith[0].id: expected a positive integer, got number 0',
    );
    expect(
      loadErr(
        withShare(
          {},
          {
            librarySections: [
              { id: 7, key: 1, title: 'A', type: 'movie' },
              { id: 7, key: 2, title: 'B', type: 'show' },
            ],
          },
        ),
      ),
    ).toBe(
      'seed.devices[0].librarySections[1].id: duplicate library section id "7" (also seed.devices[0].librarySections[0].id)',
    );
    expect(
      loadErr(
        withShare(
          {},
          {
            librarySections: [
              { id: 7, key: 1, title: 'A', type: 'movie' },
              { id: 8, key: 1, title: 'B', type: 'show' },
            ],
          },
        ),
      ),
    ).toBe('seed.devices[0].librarySections[1].key: duplicate section key 1');
    expect(loadErr(withShare({}, { librarySections: [{ id: 7, key: 1, title: '', type: 'movie' }] }))).toBe(
      'seed.devices[0].librarySections[0].title: expected a non-empty string, got ""',
    );
    expect(
      loadErr({
        ...base,
        devices: [{ ...server, provides: 'client', accessToken: undefined, sharedWith: undefined }],
      }),
    ).toBe('seed.devices[0].librarySections: only servers (provides "server") have librarySections');
  });

  it('a seeded share without a friendship makes the two friends; explicit ids and dates are kept', async () => {
    const bob = {
      id: 43,
      uuid: '00000000000000ab',
      username: 'bob',
      email: 'bob@example.test',
      joinedAt: 0,
      tokens: ['bob-token'],
    };
    const seed = {
      ...minimal,
      accounts: [...minimal.accounts, bob],
      devices: [
        {
          id: 1,
          owner: 'alice',
          name: 'Box',
          product: 'Plex Media Server',
          provides: 'server',
          clientIdentifier: 'box-1',
          token: 'box-device-token',
          accessToken: 'box-access',
          createdAt: 0,
          lastSeenAt: 0,
          librarySections: [{ id: 7, key: 1, title: 'Movies', type: 'movie' }],
          sharedWith: [{ account: 'bob', accessToken: 'bob-box', id: 77, sharedAt: '2024-01-01T00:00:00Z' }],
        },
      ],
    };
    const emu = createEmulator(loadSeed(JSON.stringify(seed)));
    const [alice] = await (await get(emu, '/api/v2/friends', { token: 'bob-token', json: true })).json();
    expect(alice).toMatchObject({ id: 42, status: 'accepted' });
    expect(alice.sharedServers[0]).toMatchObject({
      id: 77,
      acceptedAt: '2024-01-01T00:00:00Z',
      allLibraries: true,
      numLibraries: 1,
    });
    // Seeded ids below 60000001 do not move the counter: new shares start there.
    expect(emu.state.nextIds.share).toBe(60000001);
  });

  it('validates the account settings fields', () => {
    const account = minimal.accounts[0]!;
    const withAccount = (extra: Record<string, unknown>) => ({
      ...minimal,
      accounts: [{ ...account, ...extra }],
    });
    expect(loadErr(withAccount({ webhooks: 'x' }))).toBe(
      'seed.accounts[0].webhooks: expected an array of strings, got "x"',
    );
    expect(loadErr(withAccount({ privacy: { optOutPlayback: 1 } }))).toBe(
      'seed.accounts[0].privacy.optOutPlayback: expected true or false, got number 1',
    );
    expect(loadErr(withAccount({ privacy: { other: true } }))).toMatch(
      /^seed\.accounts\[0\]\.privacy\.other: unknown privacy field/,
    );
    expect(loadErr(withAccount({ onlineMediaSources: { scrobbling: 'off' } }))).toBe(
      'seed.accounts[0].onlineMediaSources.scrobbling: expected "opt_in", "opt_out", "opt_out_managed", got "off"',
    );
    expect(loadErr(withAccount({ viewStateSync: 'yes' }))).toBe(
      'seed.accounts[0].viewStateSync: expected true or false, got "yes"',
    );
  });

  it('a seeded device shows up, with its defaults', async () => {
    const seed = loadSeed(
      JSON.stringify({
        ...minimal,
        accounts: [{ ...minimal.accounts[0], onlineMediaSources: { 'tv.plex.provider.extra': 'opt_out' } }],
        devices: [
          {
            id: 5,
            owner: 42,
            name: 'Tiny',
            product: 'Plex Media Server',
            provides: 'server',
            clientIdentifier: 'tiny',
            token: 'tiny-device',
            accessToken: 'tiny-access',
            createdAt: 0,
            lastSeenAt: 0,
            connections: [{ protocol: 'http', address: 'fe80::1', port: 32400 }],
          },
        ],
      }),
    );
    const emu = createEmulator(seed);
    const [r] = await (
      await get(emu, '/api/v2/resources?includeIPv6=1', { token: 'alice-token', json: true })
    ).json();
    expect(r).toMatchObject({
      productVersion: '1.41.0.0000',
      platform: '',
      device: '',
      publicAddress: '',
      presence: true,
      relay: true,
      httpsRequired: false,
      connections: [
        {
          protocol: 'http',
          address: 'fe80::1',
          port: 32400,
          uri: 'http://[fe80::1]:32400',
          local: false,
          relay: false,
          IPv6: true,
        },
      ],
    });
    const optOuts = await (
      await get(emu, '/api/v2/user/00000000000000aa/settings/opt_outs', { token: 'alice-token', json: true })
    ).json();
    expect(optOuts['tv.plex.provider.extra']).toBe('opt_out');
    expect(optOuts.scrobbling).toBe('opt_in');
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
