import {
  AbortedError,
  BadRequestError,
  createClient,
  DecodeError,
  EndpointRemovedError,
  getUser,
  HomePinRequiredError,
  InvalidCredentialsError,
  NetworkError,
  NotFoundError,
  PlexTvError,
  ping,
  RateLimitedError,
  ServerError,
  signIn,
  signOut,
  TimeoutError,
  TwoFactorRequiredError,
  UnauthorizedError,
  VERSION,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { ACCOUNT, hang, json, scriptedFetch, xml } from './fake-fetch.js';

const base = {
  clientIdentifier: 'test-client-id',
  product: 'Test App',
  version: '9.9',
  baseUrl: 'https://plex.test',
};
const fast = { attempts: 3, baseDelay: 1, maxDelay: 5, deadline: 5_000 };

describe('requests', () => {
  test('full X-Plex-* header set, JSON asked for, token only in the X-Plex-Token header', async () => {
    const { fetch, calls } = scriptedFetch([json(ACCOUNT)]);
    const client = createClient({ ...base, fetch, token: 'secret-token-abc', deviceName: 'My Laptop' });
    await getUser(client);
    const [call] = calls;
    expect(call!.url).toBe('https://plex.test/api/v2/user');
    expect(call!.url).not.toContain('secret-token-abc');
    const h = call!.headers;
    expect(h.get('x-plex-token')).toBe('secret-token-abc');
    expect(h.get('x-plex-client-identifier')).toBe('test-client-id');
    expect(h.get('x-plex-product')).toBe('Test App');
    expect(h.get('x-plex-version')).toBe('9.9');
    expect(h.get('x-plex-platform')).toBe('Node.js');
    expect(h.get('x-plex-platform-version')).toBe(process.versions.node);
    expect(h.get('x-plex-device')).toBe('Node.js');
    expect(h.get('x-plex-device-name')).toBe('My Laptop');
    expect(h.get('accept')).toBe('application/json');
  });

  test('a client identifier is required', () => {
    expect(() => createClient({ clientIdentifier: '' })).toThrow(/clientIdentifier/);
  });

  test('the token never shows in the client when logged or serialised', () => {
    const client = createClient({ ...base, token: 'secret-token-abc' });
    expect(JSON.stringify(client)).not.toContain('secret-token-abc');
    expect(client.getToken()).toBe('secret-token-abc');
    expect(client.withToken('other').getToken()).toBe('other');
    expect(createClient(base).hasToken).toBe(false);
  });

  test('default version header is the library version', async () => {
    const { fetch, calls } = scriptedFetch([json(ACCOUNT)]);
    await getUser(createClient({ clientIdentifier: 'x', fetch, token: 't' }));
    expect(calls[0]!.headers.get('x-plex-version')).toBe(VERSION);
    expect(calls[0]!.url).toBe('https://plex.tv/api/v2/user');
  });

  test('XML comes back whatever we asked: decoded by Content-Type, or by sniffing when the header lies', async () => {
    const body = '<?xml version="1.0"?>\n<user id="1" uuid="u" authToken="t" home="1"/>';
    const { fetch } = scriptedFetch([
      xml(body),
      new Response(body, { headers: { 'content-type': 'text/plain' } }),
    ]);
    const client = createClient({ ...base, fetch, token: 't' });
    expect((await getUser(client)).home).toBe(true);
    expect((await getUser(client)).home).toBe(true);
  });

  test('sign-in posts the form fields, without a token, and returns the account with its new token', async () => {
    const { fetch, calls } = scriptedFetch([json(ACCOUNT, 201)]);
    const client = createClient({ ...base, fetch, token: 'old-token' });
    const account = await signIn(client, { login: 'demo', password: 'p&ss w=rd', code: '123456' });
    expect(account.authToken).toBe('secret-token-abc');
    const [call] = calls;
    expect(call!.method).toBe('POST');
    expect(call!.headers.get('x-plex-token')).toBeNull();
    expect(call!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(call!.body))).toEqual({
      login: 'demo',
      password: 'p&ss w=rd',
      rememberMe: 'true',
      verificationCode: '123456',
    });
  });

  test('ping reads the pong in either form', async () => {
    const { fetch } = scriptedFetch([
      xml('<pong>true</pong>'),
      json({ pong: true }),
      new Response(null, { status: 204 }),
    ]);
    const client = createClient({ ...base, fetch, token: 't' });
    expect(await ping(client)).toBe(true);
    expect(await ping(client)).toBe(true);
    expect(await ping(client)).toBe(true);
  });
});

describe('error mapping', () => {
  const v2xml = (code: number, message: string, status: number) =>
    xml(`<errors><error code="${code}" message="${message}" status="${status}"/></errors>`, status);
  const v2json = (code: number, message: string, status: number) =>
    json({ errors: [{ code, message, status }] }, status);

  test.each([
    [v2xml(1001, 'User could not be authenticated', 401), UnauthorizedError, 401, 1001],
    [v2json(1001, 'User could not be authenticated', 401), UnauthorizedError, 401, 1001],
    [json({ error: 'Invalid token' }, 422), UnauthorizedError, 422, undefined],
    [v2json(1000, 'X-Plex-Client-Identifier is missing', 400), BadRequestError, 400, 1000],
    [v2json(1002, 'not found', 404), NotFoundError, 404, 1002],
    [new Response('Gone', { status: 410 }), EndpointRemovedError, 410, undefined],
    [v2json(1041, 'A valid PIN is required to perform this action', 403), HomePinRequiredError, 403, 1041],
    [
      xml('<Response code="400" status="You\'re already sharing this server"/>', 400),
      BadRequestError,
      400,
      400,
    ],
    [
      new Response('<html>teapot</html>', { status: 418, headers: { 'content-type': 'text/html' } }),
      PlexTvError,
      418,
      undefined,
    ],
  ])('%# → typed error with status and code', async (response, type, status, code) => {
    const { fetch } = scriptedFetch([response]);
    const error = await getUser(
      createClient({ ...base, fetch, token: 'secret-token-abc', retry: false }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, code, method: 'GET', path: '/api/v2/user' });
  });

  test('2FA on sign-in is TwoFactorRequiredError; a wrong password is InvalidCredentialsError', async () => {
    const { fetch } = scriptedFetch([
      v2xml(1029, 'Please enter the verification code', 401),
      v2json(1001, 'User could not be authenticated', 401),
    ]);
    const client = createClient({ ...base, fetch });
    const twoFa = await signIn(client, { login: 'a', password: 'b' }).catch((e: unknown) => e);
    expect(twoFa).toBeInstanceOf(TwoFactorRequiredError);
    expect(twoFa).toBeInstanceOf(UnauthorizedError);
    expect((twoFa as TwoFactorRequiredError).code).toBe(1029);
    const wrong = await signIn(client, { login: 'a', password: 'b' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(InvalidCredentialsError);
    expect((wrong as InvalidCredentialsError).status).toBe(401);
  });

  test('errors never carry the token, even when plex.tv echoes it', async () => {
    const { fetch } = scriptedFetch([
      json({ errors: [{ code: 1001, message: 'bad token secret-token-abc' }] }, 401),
    ]);
    const error = (await getUser(createClient({ ...base, fetch, token: 'secret-token-abc' })).catch(
      (e: unknown) => e,
    )) as PlexTvError;
    for (const shown of [error.message, String(error), JSON.stringify(error), error.stack ?? '']) {
      expect(shown).not.toContain('secret-token-abc');
    }
  });

  test('an unreadable success body is a DecodeError naming the endpoint', async () => {
    const { fetch } = scriptedFetch([
      json('not an object'),
      new Response('{"id": 1,', { headers: { 'content-type': 'application/json' } }),
    ]);
    const client = createClient({ ...base, fetch, token: 't' });
    const e1 = (await getUser(client).catch((e: unknown) => e)) as DecodeError;
    expect(e1).toBeInstanceOf(DecodeError);
    expect(e1.message).toContain('/api/v2/user');
    await expect(getUser(client)).rejects.toBeInstanceOf(DecodeError);
  });

  test('a missing identity field is a DecodeError naming the field', async () => {
    const { fetch } = scriptedFetch([json({ id: 1, uuid: 'u' })]);
    const error = (await getUser(createClient({ ...base, fetch, token: 't' })).catch(
      (e: unknown) => e,
    )) as DecodeError;
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.field).toBe('user.authToken');
  });
});

describe('retry policy', () => {
  test('GET: 429 with Retry-After is honoured, then success', async () => {
    const { fetch, calls } = scriptedFetch([
      json({ errors: [{ code: 1003, message: 'slow down' }] }, 429, { 'retry-after': '1' }),
      json(ACCOUNT),
    ]);
    const started = Date.now();
    const account = await getUser(createClient({ ...base, fetch, token: 't', retry: fast }));
    expect(account.id).toBe(1);
    expect(calls).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  test('GET: 502, 503, 504 and network errors are retried up to the attempt limit', async () => {
    const { fetch, calls } = scriptedFetch([
      new Response('', { status: 502 }),
      new TypeError('fetch failed'),
      json(ACCOUNT),
    ]);
    await expect(getUser(createClient({ ...base, fetch, token: 't', retry: fast }))).resolves.toMatchObject({
      id: 1,
    });
    expect(calls).toHaveLength(3);
    const again = scriptedFetch([
      new Response('', { status: 503 }),
      new Response('', { status: 504 }),
      new Response('', { status: 503 }),
    ]);
    const error = await getUser(createClient({ ...base, fetch: again.fetch, token: 't', retry: fast })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(again.calls).toHaveLength(3);
  });

  test('GET: 401 and 404 are not retried', async () => {
    const { fetch, calls } = scriptedFetch([json({ errors: [{ code: 1001 }] }, 401)]);
    await expect(getUser(createClient({ ...base, fetch, token: 't', retry: fast }))).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    expect(calls).toHaveLength(1);
  });

  test('a Retry-After beyond the deadline fails at once with the delay in the error', async () => {
    const { fetch, calls } = scriptedFetch([json({}, 429, { 'retry-after': '120' })]);
    const started = Date.now();
    const error = (await getUser(createClient({ ...base, fetch, token: 't', retry: fast })).catch(
      (e: unknown) => e,
    )) as RateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(calls).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(500);
  });

  test('sign-in and sign-out are never retried', async () => {
    const { fetch, calls } = scriptedFetch([
      json({}, 503),
      new TypeError('fetch failed'),
      json({}, 429, { 'retry-after': '0' }),
    ]);
    const client = createClient({ ...base, fetch, token: 't', retry: fast });
    await expect(signIn(client, { login: 'a', password: 'b' })).rejects.toBeInstanceOf(ServerError);
    await expect(signIn(client, { login: 'a', password: 'b' })).rejects.toBeInstanceOf(NetworkError);
    await expect(signOut(client)).rejects.toBeInstanceOf(RateLimitedError);
    expect(calls).toHaveLength(3);
  });
});

describe('timeouts and abort', () => {
  test('a black-holed request times out per attempt, and GETs stop at the attempt limit', async () => {
    const { fetch, calls } = scriptedFetch([hang, hang]);
    const started = Date.now();
    const error = await getUser(
      createClient({ ...base, fetch, token: 't', timeout: 100, retry: { ...fast, attempts: 2 } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(NetworkError);
    expect(calls).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('the total deadline bounds all attempts', async () => {
    const { fetch, calls } = scriptedFetch([hang, hang, hang, hang]);
    const started = Date.now();
    const error = await getUser(
      createClient({
        ...base,
        fetch,
        token: 't',
        timeout: 10_000,
        retry: { attempts: 4, baseDelay: 1, maxDelay: 1, deadline: 300 },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(calls.length).toBeLessThanOrEqual(2);
  });

  test('an AbortSignal cancels the request with AbortedError, per call or per client', async () => {
    const per = scriptedFetch([hang]);
    const controller = new AbortController();
    const pending = getUser(createClient({ ...base, fetch: per.fetch, token: 't' }), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(AbortedError);

    const whole = scriptedFetch([hang]);
    const clientController = new AbortController();
    clientController.abort();
    await expect(
      getUser(createClient({ ...base, fetch: whole.fetch, token: 't', signal: clientController.signal })),
    ).rejects.toBeInstanceOf(AbortedError);
    expect(whole.calls).toHaveLength(0);
  });

  test('abort during a retry wait stops at once', async () => {
    const { fetch, calls } = scriptedFetch([json({}, 429, { 'retry-after': '3' }), json(ACCOUNT)]);
    const controller = new AbortController();
    const started = Date.now();
    const pending = getUser(createClient({ ...base, fetch, token: 't', retry: fast }), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls).toHaveLength(1);
  });
});
