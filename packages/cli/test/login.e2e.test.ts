/**
 * The built `plextv` as a subprocess, against the emulator over loopback HTTP, with a temp config dir.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createEmulator, type Emulator, type RunningServer } from 'plextv-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ExitCode } from '../src/index.js';
import { ANSI, BIN, cli, closedPort, type Result, tempDir } from './helpers.js';

const DEMO = { login: 'demo', password: 'demo-password', code: '123456', email: 'demo@plextv.test' };
const SERVICE_TOKEN = 'emulator-service-token';
const SERVICE_SECRET = 'emulator-service-secret';

let emulator: Emulator;
let server: RunningServer;
let config: { dir: string; cleanup: () => Promise<void> };
let configDir: string;
/** Every result of the current test, to check that no token leaked into any output. */
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
  await config.cleanup();
});

/** `plextv …args --base-url <emulator> --config-dir <temp>`. */
async function plextv(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = await cli([...args, '--base-url', server.url, '--config-dir', configDir], options);
  outputs.push(result);
  return result;
}

async function login(extra: string[] = ['--code', DEMO.code]) {
  return plextv(['login', '--login', DEMO.login, '--password-stdin', ...extra], {
    input: `${DEMO.password}\n`,
  });
}

async function storedConfig(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8'));
}

async function storedToken(): Promise<string> {
  const token = (await storedConfig()).token;
  if (typeof token !== 'string') throw new Error('no stored token');
  return token;
}

/** No output of this test so far carries `secret`. */
function expectNoLeak(secret: string, results: Result[] = outputs) {
  for (const { stdout, stderr } of results) {
    expect(stdout).not.toContain(secret);
    expect(stderr).not.toContain(secret);
  }
}

describe('login', () => {
  test('password + two-factor code from a script: token stored, account printed, nothing secret shown', async () => {
    const result = await login();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toContain(`Signed in as demo (${DEMO.email})`);
    expect(result.stdout).not.toMatch(ANSI);

    const saved = await storedConfig();
    expect(saved).toMatchObject({
      baseUrl: server.url,
      account: { id: 10000001, uuid: 'a1b2c3d4e5f60001', username: 'demo', title: 'demo', email: DEMO.email },
    });
    const token = await storedToken();
    expect(emulator.state.tokens.has(token)).toBe(true);
    expectNoLeak(token);
    expectNoLeak(DEMO.password);
  });

  test('config directory is 0700 and the file 0600, with no temp files left behind', async () => {
    await login();
    expect((await stat(configDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(configDir, 'config.json'))).mode & 0o777).toBe(0o600);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(configDir)).toEqual(['config.json']);
  });

  test('--json prints the account summary and never the token', async () => {
    const result = await login(['--code', DEMO.code, '--json']);
    expect(result.code).toBe(ExitCode.OK);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: true,
      account: { id: 10000001, uuid: 'a1b2c3d4e5f60001', username: 'demo', title: 'demo', email: DEMO.email },
    });
    expectNoLeak(await storedToken());
  });

  test('two-factor account without --code, non-interactive: exit 5 and a hint to pass --code', async () => {
    const result = await login([]);
    expect(result.code).toBe(ExitCode.TWO_FACTOR);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/two-factor/);
    expect(result.stderr).toContain('--code');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    await expect(stat(join(configDir, 'config.json')).then(() => storedConfig())).resolves.not.toHaveProperty(
      'token',
    );
  });

  test('a wrong two-factor code: exit 5', async () => {
    const result = await login(['--code', '000000']);
    expect(result.code).toBe(ExitCode.TWO_FACTOR);
    expect(result.stderr).toMatch(/not accepted/);
  });

  test('a wrong password: exit 6, and the password is not echoed', async () => {
    const result = await plextv(['login', '--login', 'demo', '--password-stdin', '--code', DEMO.code], {
      input: 'not-the-password\n',
    });
    expect(result.code).toBe(ExitCode.INVALID_CREDENTIALS);
    expect(result.stderr).toMatch(/wrong username\/email or password/i);
    expectNoLeak('not-the-password');
  });

  test('an account without two-factor signs in with just the password', async () => {
    const result = await plextv(['login', '--login', 'freeuser', '--password-stdin'], {
      input: 'free-password',
    });
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toContain('Signed in as freeuser');
  });

  test('--password-stdin with an empty stdin: usage error', async () => {
    const result = await plextv(['login', '--login', 'demo', '--password-stdin'], { input: '' });
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('--password-stdin');
  });

  test('no password source and no terminal: usage error, nothing sent to plex.tv', async () => {
    const result = await plextv(['login', '--login', 'demo']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('--password-stdin');
    expect(emulator.control.requests()).toEqual([]);
  });
});

describe('whoami', () => {
  test('a terminal-friendly summary of the account', async () => {
    await login();
    const result = await plextv(['whoami']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toBe('');
    const out = result.stdout;
    expect(out).not.toMatch(ANSI);
    expect(out.split('\n')[0]).toBe('demo');
    expect(out).toMatch(/Email\s+demo@plextv\.test/);
    expect(out).toMatch(/Account\s+id 10000001 · uuid a1b2c3d4e5f60001/);
    expect(out).toMatch(/Plex Pass\s+active · lifetime plan · since 2021-10-01 · via braintree/);
    expect(out).toContain('Lifetime Plex Pass');
    expect(out).toMatch(/25 features: webhooks, camera_upload/);
    expect(out).toContain('+17 more');
    expect(out).toMatch(/Plex Home\s+admin · 3 of 15 members/);
    expect(out).toMatch(/2FA\s+on · backup codes created/);
    expect(out).toMatch(/Joined\s+2012-06-08/);
    expect(out.trimEnd().split('\n').length).toBeLessThanOrEqual(14);
    expectNoLeak(await storedToken());
    expectNoLeak(SERVICE_TOKEN);
  });

  test('--json: the full model, with the token and service credentials redacted', async () => {
    await login();
    const result = await plextv(['whoami', '--json']);
    expect(result.code).toBe(ExitCode.OK);
    const account = JSON.parse(result.stdout);
    expect(account).toMatchObject({
      id: 10000001,
      uuid: 'a1b2c3d4e5f60001',
      username: 'demo',
      email: DEMO.email,
      authToken: '[redacted]',
      homeAdmin: true,
      homeSize: 3,
      maxHomeSize: 15,
      twoFactorEnabled: true,
      subscription: { active: true, plan: 'lifetime', paymentService: 'braintree' },
      joinedAt: '2012-06-08T03:05:59.000Z',
    });
    expect(account.subscription.features).toHaveLength(25);
    const services: { identifier: string; token?: string; secret?: string }[] = account.services;
    expect(services.length).toBeGreaterThan(0);
    expect(services.find((s) => s.identifier === 'lyricfind')).toMatchObject({
      token: '[redacted]',
      secret: '[redacted]',
    });
    for (const service of services) {
      if (service.token !== undefined) expect(service.token).toBe('[redacted]');
    }
    expectNoLeak(await storedToken());
    expectNoLeak(SERVICE_TOKEN);
    expectNoLeak(SERVICE_SECRET);
  });

  test('--json --show-token: the secrets, as asked', async () => {
    await login();
    const token = await storedToken();
    const result = await plextv(['whoami', '--json', '--show-token']);
    expect(result.code).toBe(ExitCode.OK);
    const account = JSON.parse(result.stdout);
    expect(account.authToken).toBe(token);
    expect(result.stdout).toContain(SERVICE_SECRET);
  });

  test('--token and PLEX_TOKEN override the stored token', async () => {
    const free = emulator.control.issueToken('freeuser');
    const viaFlag = await plextv(['whoami', '--token', free]);
    expect(viaFlag.code).toBe(ExitCode.OK);
    expect(viaFlag.stdout.split('\n')[0]).toBe('freeuser');
    const viaEnv = await plextv(['whoami', '--json'], { env: { PLEX_TOKEN: free } });
    expect(JSON.parse(viaEnv.stdout).username).toBe('freeuser');
    expectNoLeak(free);
  });

  test('not logged in: exit 3, nothing sent', async () => {
    const result = await plextv(['whoami']);
    expect(result.code).toBe(ExitCode.NOT_LOGGED_IN);
    expect(result.stderr).toMatch(/Not logged in/);
    expect(result.stderr).toContain('plextv login');
    expect(emulator.control.requests()).toEqual([]);
  });

  test('a token stored for the emulator is not used for another base URL', async () => {
    await login();
    const result = await cli(['whoami', '--config-dir', configDir]);
    outputs.push(result);
    expect(result.code).toBe(ExitCode.NOT_LOGGED_IN);
    expect(result.stderr).toContain(`the stored token is for ${server.url}`);
    expectNoLeak(await storedToken());
  });

  test('a revoked token: exit 4', async () => {
    await login();
    const token = await storedToken();
    emulator.control.revokeToken(token);
    const result = await plextv(['whoami']);
    expect(result.code).toBe(ExitCode.TOKEN_REJECTED);
    expect(result.stderr).toMatch(/rejected the token/);
    expect(result.stderr).toContain('plextv login');
    expectNoLeak(token);
  });

  test('network failure (nothing listening): exit 7', async () => {
    const port = await closedPort();
    const result = await cli([
      'whoami',
      '--token',
      'some-token',
      '--base-url',
      `http://127.0.0.1:${port}`,
      '--config-dir',
      configDir,
    ]);
    outputs.push(result);
    expect(result.code).toBe(ExitCode.NETWORK);
    expect(result.stderr).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:\d+: connection refused/);
    // One error line, after the warning that --token is visible in `ps` (#12).
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^warning: --token puts the token in the process list/);
    expect(lines.slice(1)).toHaveLength(1);
    expectNoLeak('some-token');
  });

  test('no answer within --timeout: exit 7; Ctrl-C while waiting: exit 130', async () => {
    const { createServer } = await import('node:http');
    // Answers nothing, ever; tells us when a request has arrived (the CLI is then waiting on it).
    let arrived: () => void = () => {};
    const hanging = createServer(() => arrived());
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const address = hanging.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const timedOut = await cli(['whoami', '--token', 'tok-1234', '--base-url', url, '--timeout', '200']);
      expect(timedOut.code).toBe(ExitCode.NETWORK);
      expect(timedOut.stderr).toMatch(/did not answer in time/);

      const { spawn } = await import('node:child_process');
      const child = spawn(process.execPath, [BIN, 'whoami', '--token', 'tok-1234', '--base-url', url], {
        stdio: 'ignore',
      });
      await new Promise<void>((resolve) => {
        arrived = resolve;
      });
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      expect(code).toBe(ExitCode.INTERRUPTED);
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });

  test('rate limited beyond the retry budget: exit 8 with the Retry-After', async () => {
    await login();
    emulator.control.fault({ path: '/api/v2/user', method: 'GET', status: 429, retryAfter: 1, times: 10 });
    const result = await plextv(['whoami']);
    expect(result.code).toBe(ExitCode.RATE_LIMITED);
    expect(result.stderr).toMatch(/rate limiting/);
    expect(result.stderr).toContain('retry after 1 second');
    const hits = emulator.control.requests().filter((r) => r.path === '/api/v2/user');
    expect(hits.length).toBeGreaterThan(1);
    expect(hits.every((r) => r.status === 429)).toBe(true);
  });

  test('plex.tv failing (503 on every attempt): exit 10', async () => {
    await login();
    emulator.control.fault({ path: '/api/v2/user', status: 503, times: 10 });
    const result = await plextv(['whoami', '--json']);
    expect(result.code).toBe(ExitCode.SERVER);
    expect(result.stderr).toMatch(/HTTP 503/);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: 'SERVER', exitCode: 10 } });
  });
});

describe('token', () => {
  test('tells whether a token is stored and for whom, without printing it', async () => {
    await login();
    const token = await storedToken();
    const result = await plextv(['token']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toContain(`Logged in to ${server.url} as demo (${DEMO.email})`);
    expect(result.stdout).toContain('config file');
    expectNoLeak(token);

    const json = await plextv(['token', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      loggedIn: true,
      source: 'config',
      baseUrl: server.url,
      account: { username: 'demo' },
    });
    expectNoLeak(token);
  });

  test('--show prints the token itself (and only it)', async () => {
    await login();
    const token = await storedToken();
    const result = await plextv(['token', '--show']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe(`${token}\n`);
    const json = await plextv(['token', '--show', '--json']);
    expect(JSON.parse(json.stdout).token).toBe(token);
  });

  test('names where an overriding token comes from', async () => {
    const flag = await plextv(['token', '--token', 'flag-token-value']);
    expect(flag.stdout).toContain('--token');
    const env = await plextv(['token', '--json'], { env: { PLEX_TOKEN: 'env-token-value' } });
    expect(JSON.parse(env.stdout)).toMatchObject({ source: 'env', account: null });
    expectNoLeak('flag-token-value', [flag]);
    expectNoLeak('env-token-value', [env]);
  });

  test('no token: exit 3', async () => {
    const result = await plextv(['token']);
    expect(result.code).toBe(ExitCode.NOT_LOGGED_IN);
  });
});

describe('logout', () => {
  test('revokes the token at plex.tv, forgets it, keeps the client identifier', async () => {
    await login();
    const token = await storedToken();
    const { clientIdentifier } = await storedConfig();
    const result = await plextv(['logout']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toMatch(/Signed out/);
    expect(emulator.state.tokens.has(token)).toBe(false);
    expect(await storedConfig()).toEqual({ clientIdentifier });

    expect((await plextv(['whoami'])).code).toBe(ExitCode.NOT_LOGGED_IN);
    const old = await plextv(['whoami', '--token', token]);
    expect(old.code).toBe(ExitCode.TOKEN_REJECTED);
    expectNoLeak(token);
  });

  test('a token already invalid at plex.tv is still forgotten locally', async () => {
    await login();
    emulator.control.revokeToken(await storedToken());
    const result = await plextv(['logout', '--json']);
    expect(result.code).toBe(ExitCode.OK);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: true,
      revoked: false,
      alreadyInvalid: true,
      removed: true,
    });
    expect(await storedConfig()).not.toHaveProperty('token');
  });

  test('a network failure keeps the token (it is still valid) and says so', async () => {
    await login();
    const token = await storedToken();
    emulator.control.fault({ path: '/api/v2/users/signout', status: 503 });
    const result = await plextv(['logout']);
    expect(result.code).toBe(ExitCode.SERVER);
    expect(result.stderr).toContain('logout --local');
    expect(await storedToken()).toBe(token);
  });

  test('--local forgets without revoking', async () => {
    await login();
    const token = await storedToken();
    const result = await plextv(['logout', '--local']);
    expect(result.code).toBe(ExitCode.OK);
    expect(emulator.state.tokens.has(token)).toBe(true);
    expect(await storedConfig()).not.toHaveProperty('token');
  });

  test('not logged in: exit 3', async () => {
    const result = await plextv(['logout']);
    expect(result.code).toBe(ExitCode.NOT_LOGGED_IN);
    expect(result.stderr).toMatch(/Not logged in/);
  });
});

describe('config', () => {
  test('a corrupt config file: exit 9, path named, the file left untouched', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(configDir, { mode: 0o700 });
    const file = join(configDir, 'config.json');
    const garbage = '{"clientIdentifier": "abc", "token": ';
    await writeFile(file, garbage, { mode: 0o600 });
    const before = await stat(file);

    for (const args of [['whoami'], ['token'], ['logout']]) {
      const result = await plextv(args);
      expect(result.code).toBe(ExitCode.CONFIG);
      expect(result.stderr).toContain(file);
      expect(result.stderr).toMatch(/corrupt.*[Ff]ix it or delete it/);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    const loginResult = await login();
    expect(loginResult.code).toBe(ExitCode.CONFIG);

    expect(await readFile(file, 'utf8')).toBe(garbage);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    expect(emulator.control.requests()).toEqual([]);
  });

  test('a config of the wrong shape is corrupt too', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(configDir, { mode: 0o700 });
    await writeFile(join(configDir, 'config.json'), JSON.stringify({ token: 'x' }), { mode: 0o600 });
    const result = await plextv(['whoami']);
    expect(result.code).toBe(ExitCode.CONFIG);
    expect(result.stderr).toContain('clientIdentifier');
  });

  test('the client identifier is created once and sent on every run', async () => {
    // Tokens the seed issued (to its devices) are not ours.
    const seeded = new Set(emulator.state.tokens.keys());
    await login();
    const first = (await storedConfig()).clientIdentifier;
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    await plextv(['whoami']);
    await plextv(['logout']);
    await login();
    expect((await storedConfig()).clientIdentifier).toBe(first);
    const issued = [...emulator.state.tokens.entries()]
      .filter(([token, t]) => !seeded.has(token) && t.clientIdentifier !== null)
      .map(([, t]) => t);
    expect(issued.length).toBeGreaterThan(0);
    for (const t of issued) expect(t.clientIdentifier).toBe(first);
  });

  test('PLEXTV_CONFIG_DIR and XDG_CONFIG_HOME choose the directory', async () => {
    const viaEnv = await cli(['login', '--login', 'freeuser', '--password-stdin', '--base-url', server.url], {
      input: 'free-password',
      env: { PLEXTV_CONFIG_DIR: join(config.dir, 'env-dir') },
    });
    expect(viaEnv.code).toBe(ExitCode.OK);
    await expect(stat(join(config.dir, 'env-dir', 'config.json'))).resolves.toBeTruthy();

    const viaXdg = await cli(['token', '--json', '--base-url', server.url], {
      env: { XDG_CONFIG_HOME: join(config.dir, 'xdg') },
    });
    expect(viaXdg.code).toBe(ExitCode.NOT_LOGGED_IN);
    const xdgLogin = await cli(
      ['login', '--login', 'freeuser', '--password-stdin', '--base-url', server.url],
      {
        input: 'free-password',
        env: { XDG_CONFIG_HOME: join(config.dir, 'xdg') },
      },
    );
    expect(xdgLogin.code).toBe(ExitCode.OK);
    await expect(stat(join(config.dir, 'xdg', 'plextv', 'config.json'))).resolves.toBeTruthy();
  });
});
