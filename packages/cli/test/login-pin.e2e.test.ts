/**
 * PIN sign-in, Plex JWT and `plextv link`: the built `plextv` as a subprocess against the emulator over
 * loopback HTTP; the test approves (or expires) sign-in requests through the emulator's control API.
 */
import { access, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkPin, createClient, createPin, readPlexJwt } from 'plextv';
import { createEmulator, type Emulator, type RunningServer } from 'plextv-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ExitCode } from '../src/index.js';
import { cli, type LiveCli, type Result, startCli, tempDir } from './helpers.js';

const DEMO = { login: 'demo', password: 'demo-password', code: '123456', email: 'demo@plextv.test' };
const DEMO_ACCOUNT = {
  id: 10000001,
  uuid: 'a1b2c3d4e5f60001',
  username: 'demo',
  title: 'demo',
  email: DEMO.email,
};
const DAY = 86_400_000;

let emulator: Emulator;
let server: RunningServer;
let config: { dir: string; cleanup: () => Promise<void> };
let configDir: string;
/** Every result of the current test, to check that no secret leaked into any output. */
let outputs: Result[];

beforeAll(async () => {
  emulator = createEmulator();
  server = await emulator.listen();
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  emulator.control.reset();
  config = await tempDir();
  configDir = join(config.dir, 'plextv');
  outputs = [];
});

afterEach(async () => {
  // A test that failed half-way may leave a login waiting: stop it.
  for (const live of running.splice(0)) {
    if (live.child.exitCode === null && live.child.signalCode === null) live.child.kill('SIGKILL');
    await live.result.catch(() => {});
  }
  await config.cleanup();
});

const running: LiveCli[] = [];

function track<T extends LiveCli>(live: T): T {
  running.push(live);
  return live;
}

function withGlobals(args: string[], dir = configDir): string[] {
  return [...args, '--base-url', server.url, '--config-dir', dir];
}

async function plextv(args: string[], options: { input?: string; dir?: string } = {}) {
  const result = await cli(withGlobals(args, options.dir), { input: options.input });
  outputs.push(result);
  return result;
}

/** Start `plextv login …` and resolve, once it shows its auth link, with the link and the PIN's code. */
async function startLogin(args: string[] = [], dir = configDir) {
  const live = track(startCli(withGlobals(['login', ...args], dir)));
  live.result.then((result) => outputs.push(result));
  const [url] = await live.stderrMatch(/^https?:\/\/\S+#\?\S*code=\S+$/m);
  const code = new URLSearchParams(url.slice(url.indexOf('#?') + 2)).get('code');
  if (!code) throw new Error(`no code in ${url}`);
  return { ...live, url, code };
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(configDir, file), 'utf8'));
}

async function storedToken(): Promise<string> {
  const token = (await readJson('config.json')).token;
  if (typeof token !== 'string') throw new Error('no stored token');
  return token;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** No output of this test so far carries `secret`. */
function expectNoLeak(secret: string, results: Result[] = outputs) {
  expect(secret.length).toBeGreaterThanOrEqual(8);
  for (const { stdout, stderr } of results) {
    expect(stdout).not.toContain(secret);
    expect(stderr).not.toContain(secret);
  }
}

describe('plextv login (PIN)', () => {
  test('prints the auth link, waits, and saves the token once the request is approved', async () => {
    const login = await startLogin();
    expect(login.url.startsWith(`${server.url}/auth#?`)).toBe(true);
    expect(login.code).toMatch(/^[a-z0-9]{25}$/); // a strong PIN
    const params = new URLSearchParams(login.url.slice(login.url.indexOf('#?') + 2));
    expect(params.get('context[device][product]')).toBe('plextv-cli');
    expect(emulator.control.pins()).toMatchObject([{ code: login.code, strong: true, approved: false }]);

    emulator.control.approvePin(login.code, 'demo');
    const result = await login.result;
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toContain(`Signed in as demo (${DEMO.email})`);
    expect(result.stderr).toContain('open this link in a browser');
    expect(result.stderr).toContain('Waiting for approval');
    expect(result.stderr).not.toContain('█'); // no QR code when stderr is not a terminal

    const saved = await readJson('config.json');
    expect(saved).toMatchObject({ baseUrl: server.url, account: DEMO_ACCOUNT });
    expect((await stat(join(configDir, 'config.json'))).mode & 0o777).toBe(0o600);
    expect(await exists(join(configDir, 'device-key.json'))).toBe(false);
    const whoami = await plextv(['whoami']);
    expect(whoami.code).toBe(ExitCode.OK);
    expect(whoami.stdout).toContain(DEMO.email);
    const token = await plextv(['token']);
    expect(token.stdout).toContain('legacy plex.tv token');
    expectNoLeak(await storedToken());
  });

  test('--json: stdout is the account alone; the link is one clean line on stderr, with no QR code', async () => {
    const login = await startLogin(['--json']);
    emulator.control.approvePin(login.code, 'demo');
    const result = await login.result;
    expect(result.code).toBe(ExitCode.OK);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, account: DEMO_ACCOUNT });
    expect(result.stdout).not.toContain('http');
    expect(result.stderr.split('\n')).toContain(login.url);
    expect(result.stderr).not.toContain('█');
    expectNoLeak(await storedToken());
  });

  test('--qr forces the QR code, on stderr only (also with --json)', async () => {
    const login = await startLogin(['--qr', '--json']);
    emulator.control.approvePin(login.code, 'demo');
    const result = await login.result;
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toMatch(/[█▀▄]{20}/);
    expect(result.stderr.split('\n')).toContain(login.url);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, account: DEMO_ACCOUNT });
  });

  test('an expired request: exit 11, a clear message, nothing saved', async () => {
    const login = await startLogin();
    emulator.control.expirePin(login.code);
    const result = await login.result;
    expect(result.code).toBe(ExitCode.PIN_EXPIRED);
    expect(result.code).toBe(11);
    expect(result.stderr).toMatch(/error: The sign-in request expired .*plextv login/);
    expect(result.stdout).toBe('');
    expect(await readJson('config.json')).not.toHaveProperty('token');
  });

  test('a turned-down request: exit 11 as well (--json error on stdout)', async () => {
    const login = await startLogin(['--json']);
    emulator.control.denyPin(login.code);
    const result = await login.result;
    expect(result.code).toBe(ExitCode.PIN_EXPIRED);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      error: { code: 'PIN_EXPIRED', exitCode: 11 },
    });
  });

  test('Ctrl-C while waiting: exit 130, the request abandoned, nothing saved', async () => {
    const login = await startLogin(['--jwt']);
    await login.stderrMatch(/Waiting for approval/);
    login.child.kill('SIGINT');
    const result = await login.result;
    expect(result.code).toBe(ExitCode.INTERRUPTED);
    expect(result.stderr).toContain('Sign-in cancelled');
    expect(result.stdout).toBe('');
    expect(await readJson('config.json')).not.toHaveProperty('token');
    expect(await exists(join(configDir, 'device-key.json'))).toBe(false);
    // Approving it now changes nothing here.
    emulator.control.approvePin(login.code, 'demo');
    expect((await plextv(['whoami'])).code).toBe(ExitCode.NOT_LOGGED_IN);
  });

  test('--code-only: "Go to <base-url>/link and enter ABCD", approved with `plextv link` from another login', async () => {
    // Another terminal (another config directory) is signed in as freeuser with a password.
    const other = await tempDir();
    try {
      const password = await plextv(['login', '--login', 'freeuser', '--password-stdin'], {
        input: 'free-password\n',
        dir: other.dir,
      });
      expect(password.code).toBe(ExitCode.OK);

      const live = track(startCli(withGlobals(['login', '--code-only'])));
      live.result.then((result) => outputs.push(result));
      const [line, url, code] = await live.stderrMatch(/^Go to (\S+)\/link and enter ([A-Z0-9]{4})$/m);
      expect(url).toBe(server.url);
      expect(line).not.toContain('auth#?');
      expect(emulator.control.pins()).toMatchObject([{ code, strong: false }]);

      const linked = await plextv(['link', code!.toLowerCase()], { dir: other.dir });
      expect(linked.code).toBe(ExitCode.OK);
      expect(linked.stdout).toContain(`Approved ${code}`);
      expect(linked.stdout).toContain('freeuser');

      const result = await live.result;
      expect(result.code).toBe(ExitCode.OK);
      expect(result.stdout).toMatch(/Signed in as freeuser/);
      expect(result.stderr).not.toContain('█');
      expect((await plextv(['whoami'])).stdout).toContain('freeuser');
      expectNoLeak(await storedToken());
    } finally {
      await other.cleanup();
    }
  });

  test('PIN options and --password do not mix; a bad --auth-url is a usage error', async () => {
    for (const args of [
      ['--password', '--jwt'],
      ['--login', 'demo', '--code-only'],
      ['--password-stdin', '--auth-url', 'https://example.com/auth'],
      ['--code-only', '--auth-url', 'https://example.com/auth'],
      ['--auth-url', 'ftp://example.com/auth'],
      ['--auth-url', 'https://example.com/auth#x'],
    ]) {
      const result = await plextv(['login', ...args]);
      expect(result.code, args.join(' ')).toBe(ExitCode.USAGE);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(emulator.control.pins()).toEqual([]);
  });

  test('--auth-url and PLEXTV_AUTH_URL choose the auth app', async () => {
    const viaFlag = await startLogin(['--auth-url', 'https://auth.example.test/app/']);
    expect(viaFlag.url.startsWith('https://auth.example.test/app#?')).toBe(true);
    viaFlag.child.kill('SIGINT');
    expect((await viaFlag.result).code).toBe(ExitCode.INTERRUPTED);

    const live = track(
      startCli(withGlobals(['login']), { env: { PLEXTV_AUTH_URL: 'http://127.0.0.1:9/auth' } }),
    );
    const [url] = await live.stderrMatch(/^http\S+#\?\S+$/m);
    expect(url.startsWith('http://127.0.0.1:9/auth#?')).toBe(true);
    live.child.kill('SIGINT');
    expect((await live.result).code).toBe(ExitCode.INTERRUPTED);
  });
});

describe('plextv login --jwt (Plex JWT)', () => {
  test('stores the Plex JWT and its device key (0600); a due JWT is renewed silently by later commands', async () => {
    // Sign in 6½ days "ago" by the emulator clock: the Plex JWT (7 days) has half a day left by ours.
    const start = Date.now();
    emulator.control.setClock(start - 6.5 * DAY);
    const login = await startLogin(['--jwt']);
    expect(emulator.control.pins()).toMatchObject([{ code: login.code, jwk: true, strong: true }]);
    emulator.control.approvePin(login.code, 'demo');
    const result = await login.result;
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toContain(`Signed in as demo (${DEMO.email})`);
    expect(result.stdout).toContain('device-key.json');

    const jwt = await storedToken();
    const claims = readPlexJwt(jwt);
    expect(claims).toMatchObject({ iss: 'plex.tv', user: { username: 'demo' } });
    const keyPath = join(configDir, 'device-key.json');
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
    expect((await stat(join(configDir, 'config.json'))).mode & 0o777).toBe(0o600);
    const keyFile = await readJson('device-key.json');
    const key = keyFile.key as { d: string; x: string; kid: string };
    expect(keyFile).toMatchObject({
      baseUrl: server.url,
      clientIdentifier: (await readJson('config.json')).clientIdentifier,
    });
    expect(key.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(claims?.thumbprint).toBe(key.kid);

    // 6½ days later (the emulator clock catches up with ours): whoami renews the JWT first, silently.
    emulator.control.setClock(start);
    const whoami = await plextv(['whoami']);
    expect(whoami.code).toBe(ExitCode.OK);
    expect(whoami.stdout).toContain(DEMO.email);
    expect(whoami.stderr).toBe('');
    const renewed = await storedToken();
    expect(renewed).not.toBe(jwt);
    expect(readPlexJwt(renewed)?.exp).toBeGreaterThan(start / 1000 + 6 * 86_400);
    expect((await stat(join(configDir, 'config.json'))).mode & 0o777).toBe(0o600);
    expect(emulator.control.requests().map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/v2/auth/nonce', '/api/v2/auth/token']),
    );

    // Now good for a week: used as it is.
    const again = await plextv(['whoami', '--json']);
    expect(again.code).toBe(ExitCode.OK);
    expect(await storedToken()).toBe(renewed);

    const token = await plextv(['token']);
    expect(token.stdout).toMatch(/Plex JWT, expires \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in [67] days?\)/);
    expect(token.stdout).toContain('renewed automatically with the device key');
    const tokenJson = await plextv(['token', '--json']);
    expect(JSON.parse(tokenJson.stdout)).toMatchObject({ kind: 'plex-jwt', renewable: true });
    expect(Date.parse(JSON.parse(tokenJson.stdout).expiresAt)).toBe((readPlexJwt(renewed)?.exp ?? 0) * 1000);

    // Secrets never show, except through `token --show`.
    for (const secret of [jwt, renewed, key.d]) expectNoLeak(secret);
    const shown = await cli(withGlobals(['token', '--show']));
    expect(shown.stdout).toBe(`${renewed}\n`);

    // logout revokes the JWT and forgets the key pair.
    const logout = await plextv(['logout']);
    expect(logout.code).toBe(ExitCode.OK);
    expect(await exists(keyPath)).toBe(false);
    expect(await readJson('config.json')).not.toHaveProperty('token');
    for (const secret of [jwt, renewed, key.d]) expectNoLeak(secret);
  });

  test('a JWT that cannot be renewed any more: exit 4 with a hint to sign in again', async () => {
    const start = Date.now();
    emulator.control.setClock(start - 8 * DAY);
    const login = await startLogin(['--jwt']);
    emulator.control.approvePin(login.code, 'demo');
    expect((await login.result).code).toBe(ExitCode.OK);
    // The device key is no longer registered: the emulator forgets it with a reset.
    emulator.control.reset();
    emulator.control.setClock(start);
    const whoami = await plextv(['whoami']);
    expect(whoami.code).toBe(ExitCode.TOKEN_REJECTED);
    expect(whoami.stderr).toContain('plextv login --jwt');
    expectNoLeak(await storedToken());
  });

  test('a password login afterwards replaces the JWT and drops the device key', async () => {
    const login = await startLogin(['--jwt']);
    emulator.control.approvePin(login.code, 'demo');
    expect((await login.result).code).toBe(ExitCode.OK);
    expect(await exists(join(configDir, 'device-key.json'))).toBe(true);
    const password = await plextv(['login', '--login', 'demo', '--password-stdin', '--code', DEMO.code], {
      input: `${DEMO.password}\n`,
    });
    expect(password.code).toBe(ExitCode.OK);
    expect(await exists(join(configDir, 'device-key.json'))).toBe(false);
    expect(readPlexJwt(await storedToken())).toBeUndefined();
  });
});

describe('plextv link', () => {
  test("approves another client's 4-character PIN with the stored account", async () => {
    const signin = await plextv(['login', '--login', 'demo', '--password-stdin', '--code', DEMO.code], {
      input: `${DEMO.password}\n`,
    });
    expect(signin.code).toBe(ExitCode.OK);
    const tv = createClient({
      clientIdentifier: 'living-room-tv',
      product: 'Plex for TV',
      baseUrl: server.url,
    });
    const pin = await createPin(tv);
    expect(pin.code).toMatch(/^[A-Z0-9]{4}$/);

    const result = await plextv(['link', pin.code, '--json']);
    expect(result.code).toBe(ExitCode.OK);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, code: pin.code, account: DEMO_ACCOUNT });
    const approved = await checkPin(tv, pin.id);
    expect(approved.authToken).toBeTruthy();
    expect(emulator.control.pins()).toMatchObject([
      { code: pin.code, approved: true, accountId: DEMO_ACCOUNT.id },
    ]);
    expectNoLeak(await storedToken());
    expectNoLeak(approved.authToken!);
  });

  test('unknown or expired code: exit 11; not logged in: exit 3; not a code: exit 2', async () => {
    const notLoggedIn = await plextv(['link', 'ABCD']);
    expect(notLoggedIn.code).toBe(ExitCode.NOT_LOGGED_IN);
    expect(notLoggedIn.stderr).toContain('plextv login');

    await plextv(['login', '--login', 'demo', '--password-stdin', '--code', DEMO.code], {
      input: `${DEMO.password}\n`,
    });
    const unknown = await plextv(['link', 'ZZZZ']);
    expect(unknown.code).toBe(ExitCode.PIN_EXPIRED);
    expect(unknown.stderr).toMatch(/no sign-in request with the code ZZZZ/);

    const tv = createClient({
      clientIdentifier: 'living-room-tv',
      product: 'Plex for TV',
      baseUrl: server.url,
    });
    const pin = await createPin(tv);
    emulator.control.expirePin(pin.id);
    const expired = await plextv(['link', pin.code, '--json']);
    expect(expired.code).toBe(ExitCode.PIN_EXPIRED);
    expect(JSON.parse(expired.stdout)).toMatchObject({ ok: false, error: { code: 'PIN_EXPIRED' } });

    for (const bad of ['ABC', 'ABCDE', 'AB!D']) {
      expect((await plextv(['link', bad])).code).toBe(ExitCode.USAGE);
    }
    expectNoLeak(await storedToken());
  });
});
