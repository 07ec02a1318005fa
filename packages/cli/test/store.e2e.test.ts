/**
 * The config store under stress, with the built `plextv` as subprocesses against the emulator over
 * loopback: many processes sharing one config directory (logins, logouts, Plex JWT renewals at once),
 * unusable files, loose permissions, and what a killed plextv leaves behind.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPlexJwt } from 'plextv';
import { createEmulator, type Emulator, type RunningServer } from 'plextv-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ConfigStore, ExitCode } from '../src/index.js';
import { BIN, cleanEnv, cli, type Result, startCli, tempDir } from './helpers.js';

const DEMO = { login: 'demo', password: 'demo-password', code: '123456' };
const DAY = 86_400_000;

let emulator: Emulator;
let server: RunningServer;
let config: { dir: string; cleanup: () => Promise<void> };
let configDir: string;
let configPath: string;

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
  configPath = join(configDir, 'config.json');
});

afterEach(async () => {
  await config.cleanup();
});

function plextv(args: string[], input?: string): Promise<Result> {
  return cli([...args, '--base-url', server.url, '--config-dir', configDir], { input });
}

function login(): Promise<Result> {
  return plextv(['login', '--login', DEMO.login, '--password-stdin', '--code', DEMO.code], DEMO.password);
}

async function stored(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(configPath, 'utf8'));
}

/**
 * Watch config.json while `during` runs: every mode it had, and every read that was not a whole, valid
 * JSON object (a torn file).
 */
async function watched<T>(during: () => Promise<T>): Promise<{ result: T; modes: number[]; torn: string[] }> {
  const modes = new Set<number>();
  const torn: string[] = [];
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      try {
        modes.add((await stat(configPath)).mode & 0o777);
        const data = JSON.parse(await readFile(configPath, 'utf8'));
        if (typeof data?.clientIdentifier !== 'string') torn.push(JSON.stringify(data));
      } catch (error) {
        if ((error as { code?: string }).code !== 'ENOENT') torn.push(String(error));
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  try {
    const result = await during();
    return { result, modes: [...modes], torn };
  } finally {
    watching = false;
    await watcher;
  }
}

/** Nothing crashed: no stack trace, no "Unexpected error", every error one line. */
function expectCleanFailures(results: Result[]) {
  for (const { code, stderr } of results) {
    expect(stderr).not.toMatch(/Unexpected error|\n\s+at |TypeError|SyntaxError/);
    if (code !== 0) expect(stderr.trim().split('\n')).toHaveLength(1);
  }
}

describe('many plextv processes sharing one config directory', () => {
  test('10 password logins at once on a fresh directory: one client identifier, a whole 0600 file', async () => {
    const seeded = new Set(emulator.state.tokens.keys());
    const {
      result: results,
      modes,
      torn,
    } = await watched(() => Promise.all(Array.from({ length: 10 }, () => login())));
    expect(results.map((r) => r.code)).toEqual(Array(10).fill(ExitCode.OK));
    expectCleanFailures(results);
    expect(torn).toEqual([]);
    expect(modes).toEqual([0o600]);
    expect((await stat(configDir)).mode & 0o777).toBe(0o700);
    expect(await readdir(configDir)).toEqual(['config.json']);

    // Every process signed in with the identifier the first one created: none was lost to another's write.
    const saved = await stored();
    const issued = [...emulator.state.tokens.values()].filter((t) => !seeded.has(t.token));
    expect(issued).toHaveLength(10);
    for (const token of issued) expect(token.clientIdentifier).toBe(saved.clientIdentifier);
    expect(issued.map((t) => t.token)).toContain(saved.token);
    expect(saved).toMatchObject({ baseUrl: server.url, account: { username: 'demo' } });
  });

  test('logins, logouts (revoking and --local), whoami and token at once: no crash, no torn file, unknown keys kept', async () => {
    expect((await login()).code).toBe(ExitCode.OK);
    const before = await stored();
    await writeFile(configPath, JSON.stringify({ ...before, future: { kept: true } }), { mode: 0o600 });

    const jobs: Array<[string, () => Promise<Result>]> = [
      ...Array.from({ length: 4 }, () => ['login', login] as [string, () => Promise<Result>]),
      ...Array.from(
        { length: 3 },
        () => ['logout --local', () => plextv(['logout', '--local'])] as [string, () => Promise<Result>],
      ),
      ...Array.from(
        { length: 2 },
        () => ['logout', () => plextv(['logout'])] as [string, () => Promise<Result>],
      ),
      ...Array.from(
        { length: 2 },
        () => ['whoami', () => plextv(['whoami'])] as [string, () => Promise<Result>],
      ),
      ['token', () => plextv(['token', '--json'])],
    ];
    const { result: results, modes, torn } = await watched(() => Promise.all(jobs.map(([, job]) => job())));
    results.forEach((result, i) => {
      const [name] = jobs[i]!;
      const allowed =
        name === 'login'
          ? [ExitCode.OK]
          : name === 'whoami'
            ? [ExitCode.OK, ExitCode.NOT_LOGGED_IN, ExitCode.TOKEN_REJECTED]
            : [ExitCode.OK, ExitCode.NOT_LOGGED_IN];
      expect(allowed, `${name}: ${result.stderr}`).toContain(result.code);
    });
    expectCleanFailures(results);
    expect(torn).toEqual([]);
    expect(modes).toEqual([0o600]);
    expect(await readdir(configDir)).toEqual(['config.json']);

    const after = await stored();
    expect(after.clientIdentifier).toBe(before.clientIdentifier);
    expect(after.future).toEqual({ kept: true });
    // Consistent: a token always comes with its base URL and account, and none without.
    if (after.token !== undefined) {
      expect(after).toMatchObject({ baseUrl: server.url, account: { username: 'demo' } });
    } else {
      expect(after.account).toBeUndefined();
      expect(after.baseUrl).toBeUndefined();
    }
    // And whatever the order, the result is usable.
    expect((await plextv(['token'])).code).toBeOneOf([ExitCode.OK, ExitCode.NOT_LOGGED_IN]);
    expect((await login()).code).toBe(ExitCode.OK);
  });

  /** Sign in with `login --jwt` 6½ days ago (emulator clock), then bring the clock to now: the JWT is due. */
  async function dueJwt(): Promise<{ jwt: string; key: string }> {
    const start = Date.now();
    emulator.control.setClock(start - 6.5 * DAY);
    const live = startCli(['login', '--jwt', '--base-url', server.url, '--config-dir', configDir]);
    const [url] = await live.stderrMatch(/^https?:\/\/\S+#\?\S*code=\S+$/m);
    const code = new URLSearchParams(url.slice(url.indexOf('#?') + 2)).get('code')!;
    emulator.control.approvePin(code, 'demo');
    expect((await live.result).code).toBe(ExitCode.OK);
    emulator.control.setClock(start);
    const jwt = (await stored()).token as string;
    const key = await readFile(join(configDir, 'device-key.json'), 'utf8');
    return { jwt, key };
  }

  test('10 Plex JWT renewals at once: each process renews, the file keeps one valid JWT and the key', async () => {
    const { jwt, key } = await dueJwt();
    const {
      result: results,
      modes,
      torn,
    } = await watched(() => Promise.all(Array.from({ length: 10 }, () => plextv(['whoami', '--json']))));
    for (const result of results) {
      expect(result.code, result.stderr).toBe(ExitCode.OK);
      expect(result.stderr).toBe('');
    }
    expect(torn).toEqual([]);
    expect(modes).toEqual([0o600]);
    expect((await readdir(configDir)).sort()).toEqual(['config.json', 'device-key.json']);
    expect(await readFile(join(configDir, 'device-key.json'), 'utf8')).toBe(key);

    const renewed = (await stored()).token as string;
    expect(renewed).not.toBe(jwt);
    expect(readPlexJwt(renewed)?.exp).toBeGreaterThan(Date.now() / 1000 + 6 * 86_400);
    expect(emulator.state.revokedJwts.has(renewed)).toBe(false);
    // Good for a week now: used as it is, nothing renewed.
    const requests = emulator.control.requests().length;
    expect((await plextv(['whoami'])).code).toBe(ExitCode.OK);
    expect(
      emulator.control
        .requests()
        .slice(requests)
        .map((r) => r.path),
    ).toEqual(['/api/v2/user']);
  });

  test('renewals racing a logout --local: the logout is never undone by a late renewal', async () => {
    await dueJwt();
    const jobs = [
      ...Array.from({ length: 4 }, () => plextv(['whoami'])),
      plextv(['logout', '--local']),
      ...Array.from({ length: 4 }, () => plextv(['token'])),
    ];
    const { result: results, modes, torn } = await watched(() => Promise.all(jobs));
    const logout = results[4]!;
    expect(logout.code, logout.stderr).toBe(ExitCode.OK);
    expect(logout.stdout).toContain('Forgot the token');
    for (const result of results) expect(result.code).toBeOneOf([ExitCode.OK, ExitCode.NOT_LOGGED_IN]);
    expectCleanFailures(results);
    expect(torn).toEqual([]);
    expect(modes).toEqual([0o600]);

    const after = await stored();
    expect(after).not.toHaveProperty('token');
    expect(after).not.toHaveProperty('account');
    expect(await readdir(configDir)).toEqual(['config.json']); // the device key went with it
  });
});

describe('unusable config files (subprocess): exit 9, one line, nothing sent, the file kept', () => {
  const valid = JSON.stringify(
    {
      clientIdentifier: 'c0ffee00-0000-4000-8000-000000000001',
      baseUrl: 'http://x',
      token: 'a-stored-token',
    },
    null,
    2,
  );

  test.each([
    [
      'truncated',
      valid.slice(0, valid.length / 2),
      /is corrupt \(it is not valid JSON: it ends early, as if cut short\)/,
    ],
    ['empty', '', /is corrupt \(it is empty\)/],
    ['garbage', '\u0000\u0001binary', /is corrupt \(it is not valid JSON\)/],
  ])('%s', async (_what, text, why) => {
    await mkdir(configDir, { mode: 0o700 });
    await writeFile(configPath, text, { mode: 0o600 });
    const before = await stat(configPath);
    for (const result of [await plextv(['whoami']), await login(), await plextv(['logout', '--local'])]) {
      expect(result.code).toBe(ExitCode.CONFIG);
      expect(result.stderr).toMatch(why);
      expect(result.stderr).toContain(configPath);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toContain('a-stored-token');
    }
    expect(await readFile(configPath, 'utf8')).toBe(text);
    expect((await stat(configPath)).mtimeMs).toBe(before.mtimeMs);
    expect(emulator.control.requests()).toEqual([]);
  });

  test('a directory where config.json should be', async () => {
    await mkdir(configPath, { recursive: true });
    for (const result of [await plextv(['whoami']), await login()]) {
      expect(result.code).toBe(ExitCode.CONFIG);
      expect(result.stderr).toBe(
        `error: Cannot read the config file ${configPath}: it is a directory, not a file. Move it away (or delete it).\n`,
      );
    }
    expect(emulator.control.requests()).toEqual([]);
  });
});

describe('permissions (subprocess)', () => {
  test.each(['0644', '0666'])(
    'a config holding a token with mode %s: one warning, fixed, the command works',
    async (octal) => {
      const loose = Number.parseInt(octal, 8);
      expect((await login()).code).toBe(ExitCode.OK);
      const token = (await stored()).token as string;
      await chmod(configPath, loose);
      const whoami = await plextv(['whoami']);
      expect(whoami.code).toBe(ExitCode.OK);
      expect(whoami.stderr).toBe(
        `warning: the config file ${configPath} was readable by other users (mode ${octal}) and holds a token: it is now 0600 (only you can read it). If someone else may have read it, \`plextv logout\` revokes the token.\n`,
      );
      expect(whoami.stderr).not.toContain(token);
      expect((await stat(configPath)).mode & 0o777).toBe(0o600);
      expect((await plextv(['whoami'])).stderr).toBe('');
      // And a write after a loose mode is 0600 too.
      await chmod(configPath, loose);
      expect((await plextv(['logout', '--local'])).code).toBe(ExitCode.OK);
      expect((await stat(configPath)).mode & 0o777).toBe(0o600);
    },
  );
});

describe('what a killed plextv leaves behind', () => {
  test('its lock (the process is gone) does not block the next plextv', async () => {
    expect((await login()).code).toBe(ExitCode.OK);
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    await writeFile(
      join(configDir, 'config.json.lock'),
      JSON.stringify({ pid: dead.pid, host: hostname(), nonce: 'gone', since: new Date().toISOString() }),
    );
    const started = Date.now();
    const result = await plextv(['logout', '--local']);
    expect(result.code).toBe(ExitCode.OK);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await readdir(configDir)).toEqual(['config.json']);
  });

  test('a plextv killed at any moment of 10 logins leaves a whole config (or the previous one)', async () => {
    expect((await login()).code).toBe(ExitCode.OK);
    const children = Array.from({ length: 10 }, (_, i) => {
      const child = spawn(
        process.execPath,
        [
          BIN,
          'login',
          '--login',
          DEMO.login,
          '--password-stdin',
          '--code',
          DEMO.code,
          '--base-url',
          server.url,
          '--config-dir',
          configDir,
        ],
        { stdio: ['pipe', 'ignore', 'ignore'], env: cleanEnv() },
      );
      child.stdin.end(DEMO.password);
      // Kill them at staggered moments: before, during and after their write.
      setTimeout(() => child.kill('SIGKILL'), 60 + i * 25);
      return new Promise((resolve) => child.on('exit', resolve));
    });
    await Promise.all(children);
    const after = await stored();
    expect(after).toMatchObject({ baseUrl: server.url, account: { username: 'demo' } });
    expect((await stat(configPath)).mode & 0o777).toBe(0o600);
    // The next plextv works at once, whatever was left (a lock of a dead process, a temp file).
    const next = await login();
    expect(next.code).toBe(ExitCode.OK);
    expect((await readdir(configDir)).filter((n) => n.endsWith('.lock'))).toEqual([]);
  });
});

describe('many processes updating one config through ConfigStore (the lock across processes)', () => {
  const TOKEN = 'stored-token-0123456789';
  let dir: string;
  beforeEach(async () => {
    dir = configDir;
    await mkdir(dir, { mode: 0o700 });
  });
  async function mode(path: string): Promise<number> {
    return (await stat(path)).mode & 0o777;
  }

  test('8 processes × 25 read-modify-writes at once: every update kept, the file whole and 0600 throughout', async () => {
    await new ConfigStore(dir).write({ clientIdentifier: 'id-1', token: TOKEN });
    const modes = new Set<number>();
    const torn: string[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        try {
          modes.add(await mode(join(dir, 'config.json')));
          const text = await readFile(join(dir, 'config.json'), 'utf8');
          JSON.parse(text);
        } catch (error) {
          torn.push(String(error));
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    const codes = await Promise.all(Array.from({ length: 8 }, (_, i) => worker(dir, i, 25)));
    watching = false;
    await watcher;
    expect(codes).toEqual(Array(8).fill(0));
    const final = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'));
    expect(final.counter).toBe(200);
    for (let i = 0; i < 8; i++) expect(final[`worker${i}`]).toBe(25);
    expect(final).toMatchObject({ clientIdentifier: 'id-1', token: TOKEN });
    expect(torn).toEqual([]);
    expect([...modes]).toEqual([0o600]);
    expect(await readdir(dir)).toEqual(['config.json']);
  }, 60_000);
});

const CONFIG_JS = fileURLToPath(new URL('../dist/config.js', import.meta.url));

/** A node process doing `count` locked increments of `counter` (and of its own `worker<i>`). */
function worker(configDir: string, index: number, count: number): Promise<number | null> {
  const script = `
    const { ConfigStore } = await import(${JSON.stringify(`file://${CONFIG_JS}`)});
    const store = new ConfigStore(${JSON.stringify(configDir)});
    for (let i = 0; i < ${count}; i++) {
      await store.update((c) => ({ ...c, counter: (c.counter ?? 0) + 1, worker${index}: (c.worker${index} ?? 0) + 1 }));
    }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}
