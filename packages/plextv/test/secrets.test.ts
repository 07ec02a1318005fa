/**
 * No secret ever leaves through an error: every typed error, built by real failures with a known token,
 * password, device token and JWT in play, keeps them out of its message, toString(), JSON, stack and causes.
 * The library never logs either.
 */
import {
  AbortedError,
  BadRequestError,
  checkPin,
  connect,
  createClient,
  DecodeError,
  EndpointRemovedError,
  ForbiddenError,
  generateDeviceKey,
  getDevices,
  getUser,
  HomePinRequiredError,
  InvalidCredentialsError,
  NetworkError,
  NotFoundError,
  PinExpiredError,
  PlexTvError,
  parseUserPlexAccount,
  RateLimitedError,
  ServerError,
  signIn,
  switchHomeUser,
  TimeoutError,
  TwoFactorRequiredError,
  UnauthorizedError,
  verifyPlexJwt,
} from 'plextv';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { hang, json, scriptedFetch, xml } from './fake-fetch.js';

const TOKEN = 'TOKEN-SECRET-abc123xyz';
const PASSWORD = 'PASSWORD-SECRET-hunter2';
const DEVICE_TOKEN = 'DEVICE-TOKEN-SECRET-777';
const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJzZWNyZXQiOiJKV1QtU0VDUkVUIn0.SIGNATURE-SECRET';
const SECRETS = [TOKEN, PASSWORD, DEVICE_TOKEN, JWT, 'JWT-SECRET', 'SIGNATURE-SECRET', '1357'];

/** Everything an app might print about an error, causes included. */
function shown(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    if (e instanceof Error) {
      parts.push(e.message, String(e), e.stack ?? '', JSON.stringify(e));
      e = e.cause;
    } else {
      parts.push(String(e), JSON.stringify(e) ?? '');
      break;
    }
  }
  return parts.join('\n');
}

const logged: unknown[] = [];
beforeEach(() => {
  logged.length = 0;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args));
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(logged).toEqual([]); // the library logs nothing
});

// plex.tv echoing what a request carried (its token, a sign-in's password, a Home PIN) and a JWT.
const echoing =
  (...carried: string[]) =>
  (status: number, code?: number) =>
    json({ errors: [{ code, message: `rejected ${[...carried, JWT].join(' / ')}` }] }, status);
const echo = echoing(TOKEN);
const echoSignIn = echoing(PASSWORD);

describe('every error type keeps secrets out', () => {
  const cases: Array<[string, () => Promise<unknown>, new (...args: never[]) => PlexTvError]> = [
    [
      '401 token rejected',
      () =>
        getUser(
          createClient({
            clientIdentifier: 'c',
            token: TOKEN,
            fetch: scriptedFetch([echo(401, 1001)]).fetch,
          }),
        ),
      UnauthorizedError,
    ],
    [
      'wrong password',
      () =>
        signIn(createClient({ clientIdentifier: 'c', fetch: scriptedFetch([echoSignIn(401, 1001)]).fetch }), {
          login: 'me',
          password: PASSWORD,
        }),
      InvalidCredentialsError,
    ],
    [
      '2FA needed',
      () =>
        signIn(
          createClient({
            clientIdentifier: 'c',
            fetch: scriptedFetch([
              xml(`<errors><error code="1029" message="code for ${PASSWORD}" status="401"/></errors>`, 401),
            ]).fetch,
          }),
          {
            login: 'me',
            password: PASSWORD,
          },
        ),
      TwoFactorRequiredError,
    ],
    [
      'Home PIN required',
      () =>
        switchHomeUser(
          createClient({
            clientIdentifier: 'c',
            token: TOKEN,
            fetch: scriptedFetch([echoing(TOKEN, '1357')(403, 1041)]).fetch,
          }),
          'a1b2c3d4e5f60003',
          { pin: '1357' },
        ),
      HomePinRequiredError,
    ],
    [
      '400',
      () =>
        getUser(
          createClient({
            clientIdentifier: 'c',
            token: TOKEN,
            fetch: scriptedFetch([echo(400, 1000)]).fetch,
          }),
        ),
      BadRequestError,
    ],
    [
      '403',
      () =>
        getUser(
          createClient({
            clientIdentifier: 'c',
            token: TOKEN,
            fetch: scriptedFetch([echo(403, 1043)]).fetch,
          }),
        ),
      ForbiddenError,
    ],
    [
      '404',
      () =>
        getUser(
          createClient({
            clientIdentifier: 'c',
            token: TOKEN,
            fetch: scriptedFetch([echo(404, 1002)]).fetch,
          }),
        ),
      NotFoundError,
    ],
    [
      '410',
      () =>
        getUser(
          createClient({ clientIdentifier: 'c', token: TOKEN, fetch: scriptedFetch([echo(410)]).fetch }),
        ),
      EndpointRemovedError,
    ],
    [
      '429',
      () =>
        getUser(
          createClient({
            clientIdentifier: 'c',
            token: TOKEN,
            retry: false,
            fetch: scriptedFetch([echo(429)]).fetch,
          }),
        ),
      RateLimitedError,
    ],
    [
      '5xx',
      () =>
        getUser(
          createClient({
            clientIdentifier: 'c',
            token: TOKEN,
            retry: false,
            fetch: scriptedFetch([echo(500)]).fetch,
          }),
        ),
      ServerError,
    ],
    [
      'network failure whose message holds the token',
      () =>
        getUser(
          createClient({
            clientIdentifier: 'c',
            token: TOKEN,
            retry: false,
            fetch: scriptedFetch([new TypeError(`fetch failed for ${TOKEN}`)]).fetch,
          }),
        ),
      NetworkError,
    ],
    [
      'timeout',
      () =>
        getUser(
          createClient({
            clientIdentifier: 'c',
            token: TOKEN,
            retry: false,
            timeout: 30,
            fetch: scriptedFetch([hang]).fetch,
          }),
        ),
      TimeoutError,
    ],
    [
      'abort',
      () => {
        const controller = new AbortController();
        controller.abort();
        return getUser(
          createClient({ clientIdentifier: 'c', token: TOKEN, fetch: scriptedFetch([]).fetch }),
          { signal: controller.signal },
        );
      },
      AbortedError,
    ],
    [
      'truncated JSON sign-in answer holding a new token',
      () =>
        signIn(
          createClient({
            clientIdentifier: 'c',
            fetch: scriptedFetch([
              new Response(`{"id":1,"uuid":"u","authToken":"${TOKEN}`, {
                status: 201,
                headers: { 'content-type': 'application/json' },
              }),
            ]).fetch,
          }),
          { login: 'me', password: PASSWORD },
        ),
      DecodeError,
    ],
    [
      'broken XML holding the token',
      () => parseUserPlexAccount(`<user id="1" uuid="u" authToken="${TOKEN}" `),
      DecodeError,
    ],
    [
      'devices.xml with device tokens, broken',
      () =>
        getDevices(
          createClient({
            clientIdentifier: 'c',
            token: TOKEN,
            fetch: scriptedFetch([xml(`<MediaContainer><Device token="${DEVICE_TOKEN}" id="1"`)]).fetch,
          }),
        ),
      DecodeError,
    ],
    [
      'expired PIN',
      () =>
        checkPin(
          createClient({
            clientIdentifier: 'c',
            token: TOKEN,
            fetch: scriptedFetch([echo(404, 1020)]).fetch,
          }),
          1,
        ),
      PinExpiredError,
    ],
  ];

  test.each(cases)('%s', async (_name, run, type) => {
    const error = await run().then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(type);
    const text = shown(error);
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
  });

  test('a JWT that fails verification is not quoted', async () => {
    const error = await verifyPlexJwt(createClient({ clientIdentifier: 'c' }), JWT, { keys: [] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlexTvError);
    for (const secret of SECRETS) expect(shown(error)).not.toContain(secret);
  });

  test('connect failures never show the server access token', async () => {
    const error = await connect(
      {
        name: 'S',
        clientIdentifier: 'm',
        provides: ['server'],
        owned: true,
        accessToken: DEVICE_TOKEN,
        connections: [
          {
            uri: 'http://127.0.0.1:1',
            protocol: 'http',
            address: '127.0.0.1',
            port: 1,
            local: true,
            extra: {},
          },
        ],
        extra: {},
      },
      { timeout: 500 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlexTvError);
    expect(shown(error)).not.toContain(DEVICE_TOKEN);
  });

  test('device keys print no private material', async () => {
    const key = await generateDeviceKey();
    const exported = await crypto.subtle.exportKey('jwk', key.privateKey);
    expect(JSON.stringify(key)).not.toContain(exported.d!);
    expect(JSON.stringify(key.publicJwk)).not.toContain(exported.d!);
  });
});
