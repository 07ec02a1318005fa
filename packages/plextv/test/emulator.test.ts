/**
 * The library against the emulator, in-process and over loopback HTTP: the same suite both ways.
 */
import {
  BadRequestError,
  createClient,
  EndpointRemovedError,
  getHomeUser,
  getUser,
  InvalidCredentialsError,
  MyPlexAccount,
  NetworkError,
  NotFoundError,
  ping,
  RateLimitedError,
  ServerError,
  signIn,
  signOut,
  TwoFactorRequiredError,
  UnauthorizedError,
} from 'plextv';
import { createEmulator, type Emulator } from 'plextv-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

const fast = { attempts: 3, baseDelay: 1, maxDelay: 5, deadline: 5_000 };

interface Setup {
  emulator: Emulator;
  baseUrl: string;
  fetch?: typeof fetch;
  close?: () => Promise<void>;
}

const modes: Array<[string, () => Promise<Setup>]> = [
  [
    'in-process',
    async () => {
      const emulator = createEmulator();
      return { emulator, baseUrl: 'https://plex.tv', fetch: emulator.fetch.bind(emulator) };
    },
  ],
  [
    'loopback HTTP',
    async () => {
      const emulator = createEmulator();
      const server = await emulator.listen();
      return { emulator, baseUrl: server.url, close: () => server.close() };
    },
  ],
];

describe.each(modes)('against the emulator (%s)', (_mode, setup) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });
  afterAll(async () => {
    await s.close?.();
  });
  beforeEach(() => s.emulator.control.reset());

  const client = (token?: string) =>
    createClient({
      clientIdentifier: 'plextv-test-suite',
      product: 'plextv tests',
      baseUrl: s.baseUrl,
      fetch: s.fetch,
      token,
      retry: fast,
    });

  test('password + 2FA sign-in, then the account with the new token', async () => {
    const anonymous = client();
    const need = await signIn(anonymous, { login: 'demo', password: 'demo-password' }).catch(
      (e: unknown) => e,
    );
    expect(need).toBeInstanceOf(TwoFactorRequiredError);
    expect((need as TwoFactorRequiredError).code).toBe(1029);
    const wrongCode = await signIn(anonymous, {
      login: 'demo',
      password: 'demo-password',
      code: '000000',
    }).catch((e: unknown) => e);
    expect(wrongCode).toBeInstanceOf(TwoFactorRequiredError);

    const signedIn = await signIn(anonymous, {
      login: 'demo@plextv.test',
      password: 'demo-password',
      code: '123456',
    });
    expect(signedIn).toMatchObject({ username: 'demo', twoFactorEnabled: true, homeAdmin: true });
    expect(signedIn.authToken).toMatch(/.{8,}/);
    expect(signedIn.authToken).not.toBe('demo-token');

    const me = await getUser(anonymous.withToken(signedIn.authToken));
    expect(me.id).toBe(signedIn.id);
    expect(me.subscription).toMatchObject({ active: true, plan: 'lifetime' });
    expect(me.subscription?.features.length).toBeGreaterThan(5);
    expect(me.roles).toContain('plexpass');
    expect(me.joinedAt).toBeInstanceOf(Date);
  });

  test('a wrong password is InvalidCredentialsError (401, code 1001)', async () => {
    const error = await signIn(client(), { login: 'freeuser', password: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error).toMatchObject({ status: 401, code: 1001, method: 'POST', path: '/api/v2/users/signin' });
  });

  test('an account without 2FA signs in with just the password', async () => {
    const account = await signIn(client(), { login: 'freeuser', password: 'free-password' });
    expect(account).toMatchObject({ username: 'freeuser', twoFactorEnabled: false });
    expect(account.subscription?.active).toBe(false);
  });

  test('GET /api/v2/user and /api/v2/home/user for the owner and the managed user', async () => {
    const owner = await getUser(client('demo-token'));
    expect(owner).toMatchObject({ username: 'demo', home: true, homeAdmin: true, restricted: false });
    const kid = await getHomeUser(client('kids-token'));
    expect(kid).toMatchObject({
      restricted: true,
      username: undefined,
      email: undefined,
      restrictionProfile: 'little_kid',
    });
  });

  test('the XML and the JSON answer for the same account decode to the same model', async () => {
    const f = s.fetch ?? fetch;
    const headers = { 'X-Plex-Client-Identifier': 'plextv-test-suite', 'X-Plex-Token': 'demo-token' };
    const url = `${s.baseUrl}/api/v2/user`;
    const xml = await f(url, { headers: { ...headers, Accept: 'application/xml' } });
    const json = await f(url, { headers: { ...headers, Accept: 'application/json' } });
    expect(xml.headers.get('content-type')).toContain('xml');
    expect(json.headers.get('content-type')).toContain('json');
    const { parseUserPlexAccount } = await import('plextv');
    const fromXml = await parseUserPlexAccount(await xml.text());
    const fromJson = await parseUserPlexAccount(await json.text());
    // Where the two forms really differ (per the captures): XML carries subscription flags and billing that
    // JSON leaves out; JSON carries `pin` and two newer profile ints that no XML capture has.
    const strip = (a: typeof fromXml) => ({
      ...a,
      pin: undefined,
      profile: { ...a.profile, defaultAudioAccessibility: undefined, mediaReviewsVisibility: undefined },
      subscriptions: a.subscriptions.map(({ mode, type, state, id, renewsAt, endsAt }) => ({
        mode,
        type,
        state,
        id,
        renewsAt,
        endsAt,
      })),
    });
    expect(strip(fromXml)).toStrictEqual(strip(fromJson));
    expect(fromXml.subscriptions[0]?.canceled).toBe(false);
    expect(fromJson.pin).toBeTypeOf('string');
  });

  test('ping keeps a good token alive and rejects a bad one', async () => {
    expect(await ping(client('demo-token'))).toBe(true);
    await expect(ping(client('not-a-token'))).rejects.toBeInstanceOf(UnauthorizedError);
  });

  test('sign-out revokes the token everywhere', async () => {
    const { authToken } = await signIn(client(), { login: 'freeuser', password: 'free-password' });
    const c = client(authToken);
    await getUser(c);
    await signOut(c);
    const error = await getUser(c).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toMatchObject({ status: 401, code: 1001 });
    expect(String(error)).not.toContain(authToken!);
  });

  test('missing client identifier is BadRequestError code 1000', async () => {
    const f = s.fetch ?? fetch;
    const c = createClient({
      clientIdentifier: 'x',
      baseUrl: s.baseUrl,
      token: 'demo-token',
      // Drop the identifier on the way out, as a misconfigured proxy would.
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.delete('X-Plex-Client-Identifier');
        return f(input, { ...init, headers });
      },
    });
    const error = await getUser(c).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 1000 });
  });

  test('retry policy: a 429 with Retry-After, then success; sign-in is never retried', async () => {
    s.emulator.control.fault({ path: '/api/v2/user', status: 429, retryAfter: 1, times: 1 });
    const started = Date.now();
    await expect(getUser(client('demo-token'))).resolves.toMatchObject({ username: 'demo' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const userCalls = s.emulator.control.requests().filter((r) => r.path === '/api/v2/user');
    expect(userCalls.map((r) => r.status)).toEqual([429, 200]);

    s.emulator.control.fault({ path: '/api/v2/users/signin', status: 503, times: 1 });
    await expect(signIn(client(), { login: 'freeuser', password: 'free-password' })).rejects.toMatchObject({
      status: 503,
    });
    expect(s.emulator.control.requests().filter((r) => r.path === '/api/v2/users/signin')).toHaveLength(1);
  });

  test('every failure plex.tv can answer maps to its typed error', async () => {
    const c = client('demo-token');
    s.emulator.control.fault({ path: '/api/v2/user', status: 410, times: 1 });
    await expect(getUser(c)).rejects.toBeInstanceOf(EndpointRemovedError);
    s.emulator.control.fault({ path: '/api/v2/user', status: 500, times: 1 });
    await expect(getUser(c)).rejects.toBeInstanceOf(ServerError);
    s.emulator.control.fault({ path: '/api/v2/user', status: 502, times: 5 });
    const bad = await getUser(c).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ServerError);
    expect((bad as ServerError).status).toBe(502);
    await expect(c.request({ method: 'GET', path: '/api/v2/no-such-endpoint' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getUser(client())).rejects.toBeInstanceOf(UnauthorizedError);
  });

  test('rate limited past the retry budget is RateLimitedError with the delay', async () => {
    s.emulator.control.fault({ path: '/api/v2/user', status: 429, retryAfter: 60, times: 5 });
    const error = await getUser(client('demo-token')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(60_000);
  });

  test('MyPlexAccount: token and password forms, properties as in @ctrl/plex', async () => {
    const byToken = await new MyPlexAccount({
      token: 'demo-token',
      client: { baseUrl: s.baseUrl, fetch: s.fetch, clientIdentifier: 'compat' },
    }).connect();
    expect(byToken).toMatchObject({
      username: 'demo',
      email: 'demo@plextv.test',
      home: true,
      subscriptionActive: true,
      subscriptionStatus: 'active',
      subscriptionPlan: 'lifetime',
    });
    expect(byToken.subscriptionFeatures?.length).toBeGreaterThan(5);
    expect(byToken.authenticationToken).toBe('demo-token');
    expect(JSON.stringify(byToken)).not.toContain('demo-token');

    const byPassword = await new MyPlexAccount({
      username: 'demo',
      password: 'demo-password',
      code: '123456',
      client: { baseUrl: s.baseUrl, fetch: s.fetch, clientIdentifier: 'compat' },
    }).connect();
    expect(byPassword.id).toBe(byToken.id);
    expect(byPassword.authenticationToken).toBeTruthy();

    // query() takes the URL constants and answers parsed bodies; it refuses foreign hosts.
    const raw = await byToken.query<Record<string, unknown>>(byToken.key, 'get', {
      Accept: 'application/json',
    });
    expect(raw.username).toBe('demo');
    const rawXml = await byToken.query<{ user: Record<string, unknown> }>(byToken.key, 'get', {
      Accept: 'application/xml',
    });
    expect(rawXml.user.username).toBe('demo');
    await expect(byToken.query('https://evil.example/steal')).rejects.toBeInstanceOf(TypeError);
  });
});

test('a closed port is a NetworkError, retried then reported', async () => {
  const emulator = createEmulator();
  const server = await emulator.listen();
  const url = server.url;
  await server.close();
  const c = createClient({ clientIdentifier: 'x', baseUrl: url, token: 'demo-token', retry: fast });
  const error = await getUser(c).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NetworkError);
  expect((error as NetworkError).message).toContain('ECONNREFUSED');
  expect(String(error)).not.toContain('demo-token');
});

describe('MyPlexAccount positional constructor', () => {
  test('(baseUrl, username, password, token, timeout, server) as in @ctrl/plex 3.x', async () => {
    const account = new MyPlexAccount('http://192.168.1.2:32400', 'demo', 'secret', undefined, 10);
    expect(account.baseUrl).toBe('http://192.168.1.2:32400');
    expect(account.username).toBe('demo');
    expect(account.timeout).toBe(10);
    expect(MyPlexAccount.SIGNIN).toBe('https://plex.tv/api/v2/users/signin');
    expect(account.WEBHOOKS).toBe('https://plex.tv/api/v2/user/webhooks');
    expect(account.key).toBe('https://plex.tv/api/v2/user');
    expect(JSON.stringify(account)).not.toContain('secret');
    expect(Object.values(account)).not.toContain('secret');
  });
});
