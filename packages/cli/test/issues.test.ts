/**
 * Issues #12 and #13 (CLI): a FIFO lock, no config directory, `--token` in `ps`, a loose config directory,
 * a wrong two-factor code at the prompt, an unknown invitee, usage lines, token advice, timeouts, the
 * `servers` "why:" line, the QR code on light terminals.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createEmulator, type Emulator, type RunningServer } from 'plextv-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ExitCode } from '../src/index.js';
import { cli, type Result, runIn, startCli, tempDir } from './helpers.js';

const DEMO = { login: 'demo', password: 'demo-password', code: '123456' };

let emulator: Emulator;
let server: RunningServer;
let config: { dir: string; cleanup: () => Promise<void> };
let configDir: string;

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
});

afterEach(async () => {
  await config.cleanup();
});

/** The built plextv as a subprocess, killed (and failing the test) if it runs longer than `limitMs`. */
async function bin(
  args: string[],
  options: { env?: Record<string, string | undefined>; limitMs?: number } = {},
): Promise<Result & { ms: number }> {
  const started = Date.now();
  const live = startCli(args, { env: options.env });
  const timer = setTimeout(() => live.child.kill('SIGKILL'), options.limitMs ?? 40_000);
  const result = await live.result;
  clearTimeout(timer);
  return { ...result, ms: Date.now() - started };
}

function loginArgs(): string[] {
  return ['login', '--login', DEMO.login, '--password-stdin', '--code', DEMO.code];
}

/** A password login (the demo account) into `configDir`. */
function login(): Promise<Result> {
  return cli([...loginArgs(), '--base-url', server.url, '--config-dir', configDir], { input: DEMO.password });
}

describe('#12.1 a FIFO at config.json.lock', () => {
  test.each(['fifo', 'symlink to a fifo'])('%s: exit 9 at once, naming the lock file', async (what) => {
    await mkdir(configDir, { mode: 0o700 });
    const lock = join(configDir, 'config.json.lock');
    const fifo = what === 'fifo' ? lock : join(config.dir, 'a-fifo');
    execFileSync('mkfifo', [fifo]);
    if (fifo !== lock) await symlink(fifo, lock);
    const result = await bin([...loginArgs(), '--base-url', server.url, '--config-dir', configDir], {
      limitMs: 30_000,
    });
    expect(result.code).toBe(ExitCode.CONFIG);
    expect(result.stderr).toContain(`Cannot use the lock file ${lock}: it is not a regular file.`);
    expect(result.ms).toBeLessThan(25_000);
  });
});

describe('#12.4 a config directory open to other users', () => {
  const plextv = (args: string[]) =>
    bin([...args, '--base-url', server.url, '--config-dir', configDir], { limitMs: 60_000 });

  test('0777: made 0700 with one warning, the command works', async () => {
    expect((await login()).code).toBe(ExitCode.OK);
    await chmod(configDir, 0o777);
    const whoami = await plextv(['whoami']);
    expect(whoami.code).toBe(ExitCode.OK);
    expect(whoami.stderr).toBe(
      `warning: the config directory ${configDir} was writable by other users (mode 0777): it is now 0700 (only you can use it).\n`,
    );
    expect((await stat(configDir)).mode & 0o7777).toBe(0o700);
    expect((await plextv(['whoami'])).stderr).toBe('');
    // A write (logout --local takes the lock) tightens it too.
    await chmod(configDir, 0o750);
    const logout = await plextv(['logout', '--local']);
    expect(logout.code).toBe(ExitCode.OK);
    expect(logout.stderr).toContain('was readable by other users (mode 0750)');
    expect((await stat(configDir)).mode & 0o7777).toBe(0o700);
  });

  test('a shared directory (sticky, 01777, like /tmp): refused, exit 9', async () => {
    await mkdir(configDir);
    await chmod(configDir, 0o1777);
    const result = await plextv(loginArgs());
    expect(result.code).toBe(ExitCode.CONFIG);
    expect(result.stderr).toContain(`The config directory ${configDir} is writable by other users (mode 01777`);
    expect((await stat(configDir)).mode & 0o7777).toBe(0o1777);
  });
});
