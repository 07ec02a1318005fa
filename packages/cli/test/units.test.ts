/** The config store, the redaction and error wording, without a CLI around them. */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ForbiddenError,
  generateDeviceKey,
  HomePinRequiredError,
  InvalidCredentialsError,
  NetworkError,
  PinExpiredError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  TwoFactorRequiredError,
  UnauthorizedError,
  type UserPlexAccount,
} from 'plextv';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanLinkCode } from '../src/commands/link.js';
import { loginMode } from '../src/commands/login.js';
import { isPlexTv } from '../src/commands/login-pin.js';
import { relative } from '../src/commands/token.js';
import {
  ConfigError,
  ConfigStore,
  DEVICE_KEY_FILE,
  DeviceKeyStore,
  describeFailure,
  ExitCode,
  redactAccount,
  resolveConfigDir,
  UsageError,
} from '../src/index.js';
import { tempDir } from './helpers.js';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await tempDir();
});
afterEach(async () => {
  await temp.cleanup();
});

describe('resolveConfigDir', () => {
  test('flag, then PLEXTV_CONFIG_DIR, then XDG_CONFIG_HOME/plextv, then ~/.config/plextv', () => {
    const env = { PLEXTV_CONFIG_DIR: '/e', XDG_CONFIG_HOME: '/x', HOME: '/h' };
    expect(resolveConfigDir('/f', env)).toBe('/f');
    expect(resolveConfigDir(undefined, env)).toBe('/e');
    expect(resolveConfigDir(undefined, { ...env, PLEXTV_CONFIG_DIR: '' })).toBe('/x/plextv');
    expect(resolveConfigDir(undefined, { HOME: '/h' })).toBe('/h/.config/plextv');
  });
});

describe('ConfigStore', () => {
  test('creates the directory 0700 (parents too) and writes the file 0600', async () => {
    const store = new ConfigStore(join(temp.dir, 'a', 'b', 'plextv'));
    const created = await store.readOrCreate();
    expect(created.clientIdentifier).toMatch(/^[0-9a-f-]{36}$/);
    expect((await stat(store.dir)).mode & 0o777).toBe(0o700);
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    expect(await store.readOrCreate()).toEqual(created);
  });

  test('a rewrite tightens a loose file mode and keeps unknown keys', async () => {
    const store = new ConfigStore(temp.dir);
    await writeFile(store.path, JSON.stringify({ clientIdentifier: 'id-1', future: { x: 1 } }), {
      mode: 0o644,
    });
    const config = await store.read();
    await store.write({ ...config!, token: 'abc' });
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(store.path, 'utf8'))).toEqual({
      clientIdentifier: 'id-1',
      future: { x: 1 },
      token: 'abc',
    });
    expect(await readdir(temp.dir)).toEqual(['config.json']);
  });

  test.each([
    ['not JSON', '{nope'],
    ['an array', '[]'],
    ['no client identifier', '{}'],
    ['a numeric token', '{"clientIdentifier":"a","token":5}'],
    ['a bad account', '{"clientIdentifier":"a","account":{"id":"1"}}'],
  ])('%s is a ConfigError naming the file', async (_what, text) => {
    const store = new ConfigStore(temp.dir);
    await writeFile(store.path, text);
    const error = await store.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(ExitCode.CONFIG);
    expect((error as Error).message).toContain(store.path);
    expect(await readFile(store.path, 'utf8')).toBe(text);
  });

  test('an unreadable config (a directory in its place) is a ConfigError', async () => {
    const store = new ConfigStore(temp.dir);
    await mkdir(store.path);
    await expect(store.read()).rejects.toBeInstanceOf(ConfigError);
  });

  test('a file where the directory should be is a ConfigError on write', async () => {
    const file = join(temp.dir, 'file');
    await writeFile(file, '');
    const store = new ConfigStore(file);
    await expect(store.write({ clientIdentifier: 'x' })).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('redactAccount', () => {
  const account = {
    id: 1,
    uuid: 'u',
    authToken: 'secret-auth',
    username: 'me',
    hasPassword: true,
    joinedAt: new Date('2020-01-02T03:04:05Z'),
    entitlements: [],
    roles: [],
    services: [
      { identifier: 'a', token: 'svc-token', secret: 'svc-secret', extra: {} },
      { identifier: 'b', extra: {} },
    ],
    subscriptions: [],
    pastSubscriptions: [],
    trials: [],
    providers: [],
    settings: [],
    extra: { someApiToken: 'extra-token', nested: { secret: 'deep' } },
  } satisfies UserPlexAccount;

  test('replaces every credential, keeps everything else, dates as ISO strings', () => {
    const redacted = redactAccount(account) as Record<string, unknown>;
    const text = JSON.stringify(redacted);
    for (const secret of ['secret-auth', 'svc-token', 'svc-secret', 'extra-token', 'deep']) {
      expect(text).not.toContain(secret);
    }
    expect(redacted).toMatchObject({
      authToken: '[redacted]',
      username: 'me',
      hasPassword: true,
      joinedAt: '2020-01-02T03:04:05.000Z',
      services: [{ identifier: 'a', token: '[redacted]', secret: '[redacted]' }, { identifier: 'b' }],
    });
    expect(account.authToken).toBe('secret-auth');
  });
});

describe('describeFailure', () => {
  test.each([
    [new UsageError('x'), ExitCode.USAGE],
    [new UnauthorizedError('x', { status: 401 }), ExitCode.TOKEN_REJECTED],
    [new TwoFactorRequiredError('x', { status: 401, code: 1029 }), ExitCode.TWO_FACTOR],
    [new InvalidCredentialsError('x', { status: 401 }), ExitCode.INVALID_CREDENTIALS],
    [new NetworkError('x'), ExitCode.NETWORK],
    [new TimeoutError('x'), ExitCode.NETWORK],
    [new RateLimitedError('x', { status: 429 }), ExitCode.RATE_LIMITED],
    [new ServerError('x', { status: 502 }), ExitCode.SERVER],
    [new ForbiddenError('x', { status: 403, code: 1043 }), ExitCode.FORBIDDEN],
    [new HomePinRequiredError('x', { status: 401, code: 1041 }), ExitCode.HOME_PIN],
    [new HomePinRequiredError('x', { status: 403, code: 1041 }), ExitCode.HOME_PIN],
    [new Error('boom'), ExitCode.UNEXPECTED],
  ])('%s → exit %i', (error, code) => {
    expect(describeFailure(error).exitCode).toBe(code);
  });

  test('a 403 says what plex.tv said and that the account may not do it (13); a Home PIN refusal is 14', () => {
    expect(ExitCode.FORBIDDEN).toBe(13);
    expect(ExitCode.HOME_PIN).toBe(14);
    const forbidden = new ForbiddenError(
      'POST /api/v2/shared_servers → 403 (code 1043): This feature is not available for this user',
      { status: 403, code: 1043, method: 'POST', path: '/api/v2/shared_servers' },
    );
    expect(describeFailure(forbidden, { baseUrl: 'http://x' })).toMatchObject({
      kind: 'FORBIDDEN',
      message:
        'http://x refused POST /api/v2/shared_servers: this account may not do that (HTTP 403, code 1043: This feature is not available for this user).',
    });
    const pin = new HomePinRequiredError('POST /api/v2/home/users/u/switch → 401 (code 1041): Invalid PIN', {
      status: 401,
      code: 1041,
    });
    expect(describeFailure(pin).message).toMatch(
      /^Home PIN required or wrong: .*HTTP 401, code 1041: Invalid PIN/,
    );
  });

  test('rate limiting names the wait', () => {
    expect(describeFailure(new RateLimitedError('x', { retryAfterMs: 30_000 })).message).toContain(
      'retry after 30 seconds',
    );
    expect(describeFailure(new RateLimitedError('x')).message).toContain('try again later');
  });

  test('the socket reason behind a network failure', () => {
    const socket = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const error = new NetworkError('GET /api/v2/user: network failure (fetch failed)', {
      cause: new TypeError('fetch failed', { cause: socket }),
    });
    expect(describeFailure(error, { baseUrl: 'http://x' }).message).toBe(
      'Cannot reach http://x: connection refused (ECONNREFUSED).',
    );
  });
});

describe('DeviceKeyStore', () => {
  test('writes the key pair 0600 atomically, reads it back, and removes it', async () => {
    const store = new DeviceKeyStore(join(temp.dir, 'plextv'));
    expect(await store.read()).toBeUndefined();
    const key = await generateDeviceKey();
    const stored = await store.write(key, { baseUrl: 'https://plex.tv', clientIdentifier: 'cid' });
    expect(stored.key.kid).toBe(key.kid);
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    expect(await readdir(store.dir)).toEqual([DEVICE_KEY_FILE]);
    const read = await store.read();
    expect(read?.stored).toMatchObject({ baseUrl: 'https://plex.tv', clientIdentifier: 'cid' });
    expect(read?.key.kid).toBe(key.kid);
    expect(await store.remove()).toBe(true);
    expect(await store.remove()).toBe(false);
  });

  test.each([
    ['not json', 'not valid JSON'],
    ['[]', 'not a JSON object'],
    ['{"key":{}}', '"baseUrl"'],
    ['{"baseUrl":"https://plex.tv","clientIdentifier":"c","key":{"kty":"RSA"}}', 'not an Ed25519 key pair'],
  ])('a corrupt key file (%s) is a ConfigError naming it', async (text, why) => {
    const store = new DeviceKeyStore(temp.dir);
    await writeFile(store.path, text);
    const error = await store.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(why);
    expect((error as Error).message).toContain(store.path);
  });
});

describe('PIN sign-in helpers', () => {
  test('login mode: PIN by default; password with --password or its options; no mixing', () => {
    expect(loginMode({})).toBe('pin');
    expect(loginMode({ jwt: true, codeOnly: true })).toBe('pin');
    expect(loginMode({ password: true })).toBe('password');
    expect(loginMode({ login: 'demo' })).toBe('password');
    expect(loginMode({ passwordStdin: true })).toBe('password');
    expect(loginMode({ code: '123456' })).toBe('password');
    expect(() => loginMode({ password: true, jwt: true })).toThrow(UsageError);
    expect(() => loginMode({ login: 'x', qr: false })).toThrow(/--no-qr/);
  });

  test('link codes: 4 letters or digits, any case, spaces and dashes ignored', () => {
    expect(cleanLinkCode('ab-cd')).toBe('ABCD');
    expect(cleanLinkCode(' 12 3x ')).toBe('123X');
    for (const bad of ['', 'ABC', 'ABCDE', 'AB!D', 'ÄBCD'])
      expect(() => cleanLinkCode(bad)).toThrow(UsageError);
  });

  test('plex.tv hosts use app.plex.tv/auth; anything else <base-url>/auth', () => {
    expect(isPlexTv('https://plex.tv')).toBe(true);
    expect(isPlexTv('https://clients.plex.tv')).toBe(true);
    expect(isPlexTv('http://127.0.0.1:32400')).toBe(false);
    expect(isPlexTv('https://notplex.tv')).toBe(false);
  });

  test('relative times', () => {
    expect(relative(6.5 * 86_400_000)).toBe('in 6 days');
    expect(relative(3_600_000)).toBe('in 1 hour');
    expect(relative(-2 * 86_400_000)).toBe('2 days ago');
    expect(relative(10_000)).toBe('in less than a minute');
  });

  test('an expired sign-in request is exit 11', () => {
    const failure = describeFailure(new PinExpiredError('gone'));
    expect(failure).toMatchObject({ kind: 'PIN_EXPIRED', exitCode: 11 });
  });
});
