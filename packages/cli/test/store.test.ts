/**
 * The config store's guarantees, without the emulator: unusable files are refused (exit 9, one line, the
 * file kept), loose permissions are repaired with a warning, writes are atomic and private, and every
 * change is a read-modify-write under `config.json.lock` — also across processes.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { chmod, mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generateDeviceKey } from 'plextv';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  ConfigError,
  ConfigStore,
  DeviceKeyStore,
  ExitCode,
  LOCK_FILE,
  StoreDir,
  type StoredConfig,
  type StoreFs,
} from '../src/index.js';
import { runIn, tempDir } from './helpers.js';

const TOKEN = 'stored-token-0123456789';
const VALID = `${JSON.stringify(
  {
    clientIdentifier: '8c0f7a3e-2b1d-4f7e-9a51-0d1c2e3f4a5b',
    baseUrl: 'https://plex.tv',
    token: TOKEN,
    account: { id: 10000001, uuid: 'a1b2c3d4e5f60001', username: 'demo' },
  },
  null,
  2,
)}\n`;
const IS_ROOT = process.getuid?.() === 0;

let temp: { dir: string; cleanup: () => Promise<void> };
let dir: string;
beforeEach(async () => {
  temp = await tempDir();
  dir = join(temp.dir, 'plextv');
  await mkdir(dir, { mode: 0o700 });
});
afterEach(async () => {
  await temp.cleanup();
});

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** node's fs with some calls replaced. */
function fsWith(overrides: Partial<Record<keyof StoreFs, unknown>>): StoreFs {
  return { ...fs, ...overrides } as StoreFs;
}

async function failure(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  const configError = error as ConfigError;
  expect(configError.exitCode).toBe(ExitCode.CONFIG);
  expect(configError.message).not.toContain('\n');
  expect(configError.message).not.toContain(TOKEN);
  return configError;
}

async function mode(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

describe('unusable config files: exit 9, one line naming the file and why, the file kept', () => {
  test.each([
    ['corrupt', '{"clientIdentifier": "x", "token": nope}', /corrupt \(it is not valid JSON\)/],
    ['truncated (half of a valid file)', VALID.slice(0, VALID.length / 2), /corrupt \(.*cut short\)/],
    ['truncated inside the token', VALID.slice(0, VALID.indexOf(TOKEN) + 5), /cut short/],
    ['empty', '', /corrupt \(it is empty\)/],
    ['blank', '  \n\n', /corrupt \(it is empty\)/],
    ['NUL bytes (a crash before the data reached the disk)', '\0'.repeat(64), /not valid JSON/],
    ['not an object', '"text"', /not a JSON object/],
  ])('%s', async (_what, text, why) => {
    const store = new ConfigStore(dir);
    await writeFile(store.path, text, { mode: 0o600 });
    for (const attempt of [
      () => store.read(),
      () => store.readOrCreate(),
      () => store.update((c) => ({ ...c, clientIdentifier: 'new' })),
    ]) {
      const error = await failure(attempt());
      expect(error.message).toMatch(why);
      expect(error.message).toContain(store.path);
      expect(error.message).toContain('left as it is');
      expect(error.message).toMatch(/Fix it or delete it/);
    }
    expect(await readFile(store.path, 'utf8')).toBe(text);
    expect(await readdir(dir)).toEqual(['config.json']); // no lock, no temp file left
  });

  test('a directory where the file should be', async () => {
    const store = new ConfigStore(dir);
    await mkdir(store.path);
    const error = await failure(store.read());
    expect(error.message).toBe(
      `Cannot read the config file ${store.path}: it is a directory, not a file. Move it away (or delete it).`,
    );
    await failure(store.readOrCreate());
    expect((await stat(store.path)).isDirectory()).toBe(true);
  });

  test('a FIFO where the file should be: refused, never read (it would block)', async () => {
    const store = new ConfigStore(dir);
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [store.path]);
    const error = await failure(store.read());
    expect(error.message).toContain('not a regular file');
  });

  test('a file where the directory should be', async () => {
    const file = join(temp.dir, 'file');
    await writeFile(file, 'x');
    const store = new ConfigStore(file);
    const error = await failure(store.write({ clientIdentifier: 'x' }));
    expect(error.message).toBe(`The config directory ${file} is not a directory.`);
  });

  test('unreadable (EACCES, simulated through the fs seam: tests run as root, where mode 0000 still reads)', async () => {
    const path = join(dir, 'config.json');
    await writeFile(path, VALID, { mode: 0o600 });
    const store = new ConfigStore(dir, {
      fs: fsWith({
        readFile: async () => {
          throw errno('EACCES');
        },
      }),
    });
    const error = await failure(store.read());
    expect(error.message).toBe(
      `Cannot read the config file ${path}: permission denied. It should belong to you with mode 0600 (check \`ls -l ${path}\`).`,
    );
    expect(error.cause).toMatchObject({ code: 'EACCES' });
  });

  test.skipIf(IS_ROOT)(
    'unreadable for real: mode 0000 (skipped as root, where it is still readable)',
    async () => {
      const store = new ConfigStore(dir);
      await writeFile(store.path, VALID, { mode: 0o600 });
      await chmod(store.path, 0o000);
      const error = await failure(store.read());
      expect(error.message).toContain('permission denied');
      await chmod(store.path, 0o600);
    },
  );

  test.each([
    ['ENOSPC', 'no space left on device'],
    ['EROFS', 'read-only file system'],
    ['EACCES', 'permission denied'],
  ])('a write that fails (%s): one line, the old file intact, no temp file left', async (code, words) => {
    await writeFile(join(dir, 'config.json'), VALID, { mode: 0o600 });
    const store = new ConfigStore(dir, {
      fs: fsWith({
        rename: async () => {
          throw errno(code);
        },
      }),
    });
    const error = await failure(store.update((c) => ({ ...c!, token: 'another-token-value' })));
    expect(error.message).toBe(
      `Cannot write the config file ${store.path}: ${words}.${
        code === 'EACCES' ? ` It should belong to you with mode 0600 (check \`ls -l ${dir}\`).` : ''
      }`,
    );
    expect(await readFile(store.path, 'utf8')).toBe(VALID);
    expect(await readdir(dir)).toEqual(['config.json']);
  });
});

describe('permissions', () => {
  test.each(['0644', '0666', '0640', '0604'])(
    'a config holding a token with mode %s: made 0600 at once, with one warning saying what was fixed',
    async (octal) => {
      const loose = Number.parseInt(octal, 8);
      const warnings: string[] = [];
      const store = new ConfigStore(dir, { warn: (m) => warnings.push(m) });
      await writeFile(store.path, VALID);
      await chmod(store.path, loose);
      expect(await store.read()).toMatchObject({ token: TOKEN });
      expect(await mode(store.path)).toBe(0o600);
      expect(warnings).toEqual([
        `the config file ${store.path} was readable by other users (mode ${octal}) and holds a token: it is now 0600 (only you can read it). If someone else may have read it, \`plextv logout\` revokes the token.`,
      ]);
      await store.read();
      await store.update((c) => ({ ...c!, extra: 1 }));
      expect(warnings).toHaveLength(1);
      expect(await mode(store.path)).toBe(0o600);
    },
  );

  test('group/world-writable only: the warning says writable', async () => {
    const warnings: string[] = [];
    const store = new ConfigStore(dir, { warn: (m) => warnings.push(m) });
    await writeFile(store.path, VALID);
    await chmod(store.path, 0o622);
    await store.read();
    expect(warnings[0]).toContain('was writable by other users (mode 0622)');
    expect(await mode(store.path)).toBe(0o600);
  });

  test('without a token: no warning; the next write makes it 0600', async () => {
    const warnings: string[] = [];
    const store = new ConfigStore(dir, { warn: (m) => warnings.push(m) });
    await writeFile(store.path, JSON.stringify({ clientIdentifier: 'id-1' }));
    await chmod(store.path, 0o666);
    await store.read();
    expect(warnings).toEqual([]);
    await store.update((c) => ({ ...c!, token: TOKEN }));
    expect(await mode(store.path)).toBe(0o600);
  });

  test('when it cannot be fixed (chmod refused), the warning says so and how to fix it, once', async () => {
    const warnings: string[] = [];
    const store = new ConfigStore(dir, {
      warn: (m) => warnings.push(m),
      fs: fsWith({
        chmod: async () => {
          throw errno('EPERM');
        },
      }),
    });
    await writeFile(store.path, VALID);
    await chmod(store.path, 0o644);
    expect(await store.read()).toMatchObject({ token: TOKEN });
    await store.read();
    expect(warnings).toEqual([
      `the config file ${store.path} is readable by other users (mode 0644) and holds a token, and it could not be made 0600 (permission denied): run \`chmod 600 ${store.path}\`.`,
    ]);
  });

  test('the device key file too (it holds the private key)', async () => {
    const warnings: string[] = [];
    const files = new StoreDir(dir, { warn: (m) => warnings.push(m) });
    const keys = new DeviceKeyStore(dir, files);
    await keys.write(await generateDeviceKey(), { baseUrl: 'https://plex.tv', clientIdentifier: 'id-1' });
    expect(await mode(keys.path)).toBe(0o600);
    await chmod(keys.path, 0o644);
    expect(await keys.read()).toBeDefined();
    expect(await mode(keys.path)).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`the device key file ${keys.path} was readable by other users (mode 0644)`);
  });

  test('a write is 0600 whatever the umask, the directory 0700', async () => {
    const previous = process.umask(0o000);
    try {
      const store = new ConfigStore(join(temp.dir, 'new', 'plextv'));
      await store.readOrCreate();
      expect(await mode(store.path)).toBe(0o600);
      expect(await mode(store.dir)).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });
});

describe('the lock (config.json.lock)', () => {
  const lockPath = () => join(dir, LOCK_FILE);

  test('held while changing, released afterwards — also when the change fails', async () => {
    const store = new ConfigStore(dir);
    let seen: string | undefined;
    await store.update(async (current) => {
      seen = await readFile(lockPath(), 'utf8');
      return current ?? { clientIdentifier: 'id-1' };
    });
    expect(JSON.parse(seen!)).toMatchObject({ pid: process.pid, host: hostname() });
    await expect(
      store.update(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  test('re-entrant: a transaction may update the config and the device key', async () => {
    const files = new StoreDir(dir);
    const store = new ConfigStore(dir, files);
    const keys = new DeviceKeyStore(dir, files);
    await store.transaction(async () => {
      await keys.write(await generateDeviceKey(), { baseUrl: 'https://plex.tv', clientIdentifier: 'id-1' });
      await store.update(() => ({ clientIdentifier: 'id-1', token: TOKEN }));
      await store.write({ clientIdentifier: 'id-1', token: `${TOKEN}-2` });
    });
    expect((await store.read())?.token).toBe(`${TOKEN}-2`);
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'device-key.json']);
  });

  test('a lock held by a live process: waits, then exit 9 naming the lock file', async () => {
    await writeFile(
      lockPath(),
      JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'someone-else' }),
    );
    const store = new ConfigStore(dir, { lock: { waitMs: 300 } });
    const started = Date.now();
    const error = await failure(store.update(() => ({ clientIdentifier: 'x' })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(error.message).toMatch(
      new RegExp(
        `locked by another plextv \\(process ${process.pid}, for \\d+ s\\): try again; if no other plextv is running, delete ${lockPath().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`,
      ),
    );
    expect(await readFile(lockPath(), 'utf8')).toContain('someone-else'); // not ours to delete
  });

  test('a lock released while waiting is taken', async () => {
    await writeFile(lockPath(), JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'other' }));
    const store = new ConfigStore(dir);
    setTimeout(() => void fs.rm(lockPath()), 150);
    await store.update(() => ({ clientIdentifier: 'x' }));
    expect((await store.read())?.clientIdentifier).toBe('x');
  });

  test('a stale lock of a process that is gone is broken at once', async () => {
    const dead = await deadPid();
    await writeFile(lockPath(), JSON.stringify({ pid: dead, host: hostname(), nonce: 'dead' }));
    const store = new ConfigStore(dir, { lock: { waitMs: 100 } });
    await store.update(() => ({ clientIdentifier: 'x' }));
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  test('a lock older than the stale age is broken whoever holds it (another host, a reused pid)', async () => {
    await writeFile(lockPath(), JSON.stringify({ pid: 1, host: 'elsewhere', nonce: 'old' }));
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath(), old, old);
    const store = new ConfigStore(dir, { lock: { waitMs: 100 } });
    await store.update(() => ({ clientIdentifier: 'x' }));
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  test('an empty lock file (its holder died before writing it) is judged by its age', async () => {
    await writeFile(lockPath(), '');
    const held = new ConfigStore(dir, { lock: { waitMs: 100 } });
    await failure(held.update(() => ({ clientIdentifier: 'x' })));
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath(), old, old);
    await held.update(() => ({ clientIdentifier: 'x' }));
  });

  test('leftovers of a killed plextv (temp files, moved-aside locks) are swept once stale', async () => {
    const leftovers = ['.config.json.4242.0123456789ab.tmp', '.device-key.json.4242.abcdef012345.tmp'];
    for (const name of leftovers) await writeFile(join(dir, name), TOKEN);
    await writeFile(join(dir, `${LOCK_FILE}.4242.0a1b2c3d.stale`), '{}');
    await writeFile(join(dir, 'fresh.json.tmp'), 'not ours');
    const old = new Date(Date.now() - 60_000);
    for (const name of [...leftovers, `${LOCK_FILE}.4242.0a1b2c3d.stale`])
      await utimes(join(dir, name), old, old);
    await new ConfigStore(dir).update(() => ({ clientIdentifier: 'x' }));
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'fresh.json.tmp']);
  });

  test('the lock cannot be created (EACCES on the directory): exit 9, one line', async () => {
    const store = new ConfigStore(dir, {
      fs: fsWith({
        open: async (path: string, ...rest: unknown[]) => {
          if (path.endsWith(LOCK_FILE)) throw errno('EACCES');
          return (fs.open as (...args: unknown[]) => unknown)(path, ...rest);
        },
      }),
    });
    const error = await failure(store.update(() => ({ clientIdentifier: 'x' })));
    expect(error.message).toBe(
      `Cannot lock the config file ${store.path}: cannot create ${lockPath()}: permission denied.`,
    );
  });

  test('concurrent updates in one process (separate stores, as separate runs): none lost', async () => {
    await new ConfigStore(dir).write({ clientIdentifier: 'id-1', keep: 'me' });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        new ConfigStore(dir).update((c) => ({
          ...c!,
          counter: ((c?.counter as number | undefined) ?? 0) + 1,
          [`run${i}`]: true,
        })),
      ),
    );
    const final = (await new ConfigStore(dir).read()) as StoredConfig;
    expect(final.counter).toBe(40);
    expect(final.keep).toBe('me');
    for (let i = 0; i < 40; i++) expect(final[`run${i}`]).toBe(true);
    expect(await readdir(dir)).toEqual(['config.json']);
  });
});

describe('through run(): exit 9 and one line on stderr (and the --json error document)', () => {
  test('an unreadable config (simulated EACCES)', async () => {
    await writeFile(join(dir, 'config.json'), VALID, { mode: 0o600 });
    const result = await runIn(['token', '--json', '--config-dir', dir], {
      fs: fsWith({
        readFile: async () => {
          throw errno('EACCES');
        },
      }),
    });
    expect(result.code).toBe(ExitCode.CONFIG);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: Cannot read the config file .*: permission denied\./);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: 'CONFIG', exitCode: 9 } });
  });

  test('a truncated config', async () => {
    await writeFile(join(dir, 'config.json'), VALID.slice(0, 40), { mode: 0o600 });
    const result = await runIn(['whoami', '--config-dir', dir]);
    expect(result.code).toBe(ExitCode.CONFIG);
    expect(result.stderr).toBe(
      `error: The config file ${join(dir, 'config.json')} is corrupt (it is not valid JSON: it ends early, as if cut short); it was left as it is. Fix it or delete it (you will need to log in again).\n`,
    );
  });

  test("Ctrl-C while waiting for another plextv's lock: exit 130 at once, the lock left alone", async () => {
    await writeFile(join(dir, 'config.json'), VALID, { mode: 0o600 });
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'x' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    const result = await runIn(['logout', '--local', '--config-dir', dir], { signal: controller.signal });
    expect(result.code).toBe(ExitCode.INTERRUPTED);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await readFile(join(dir, 'config.json'), 'utf8')).toBe(VALID);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toContain('"nonce":"x"');
  });

  test('a world-readable config holding a token: one warning on stderr, the command goes on', async () => {
    await writeFile(join(dir, 'config.json'), VALID);
    await chmod(join(dir, 'config.json'), 0o666);
    const result = await runIn(['token', '--config-dir', dir]);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toBe(
      `warning: the config file ${join(dir, 'config.json')} was readable by other users (mode 0666) and holds a token: it is now 0600 (only you can read it). If someone else may have read it, \`plextv logout\` revokes the token.\n`,
    );
    expect(await mode(join(dir, 'config.json'))).toBe(0o600);
    const again = await runIn(['token', '--config-dir', dir]);
    expect(again.stderr).toBe('');
  });
});

/** A pid that no process has (one that just exited). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}
