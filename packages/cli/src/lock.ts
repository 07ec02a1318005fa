/**
 * The config directory's lock: `config.json.lock`, held while a plextv reads, changes and writes
 * `config.json` and `device-key.json`, so that two plextv processes never lose each other's update (a
 * read-modify-write happens inside the lock, on the file as it is then).
 *
 * - Taken with an exclusive create (`open(…, 'wx')`), retried with a short, jittered backoff (5 ms doubling
 *   to 100 ms) for up to `waitMs` (20 s), then a ConfigError (exit 9) naming the lock file.
 * - The lock file says who holds it: `{"pid":…,"host":"…","nonce":"…","since":"…"}`. It is **stale** when
 *   its process is gone (same host, `kill(pid, 0)` says ESRCH) or it is older than `staleMs` (15 s; a
 *   holder keeps it for milliseconds: it never waits for the network inside the lock). A stale lock is
 *   moved aside (rename, so only one waiter breaks it) and deleted; if what was moved turns out to be a
 *   fresh lock someone took in between, it is linked back.
 * - Only a regular file is a lock: a FIFO, a device or a directory in its place (or a symlink to one) is a
 *   ConfigError at once. It is opened without blocking, so nothing in its place can outlast `waitMs`.
 * - Always released in `finally`, and only if it is still ours (its nonce).
 * - Re-entrant within one async call chain (AsyncLocalStorage): a locked update may call other locked
 *   operations on the same directory; two concurrent runs in one process still take turns.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { hostname } from 'node:os';
import { CliError, ConfigError } from './errors.js';
import { errnoCode, reason, type StoreFs } from './files.js';

export const LOCK_FILE = 'config.json.lock';

export interface LockOptions {
  /** How long to wait for another plextv to release the lock (ms). Default 20 000. */
  waitMs?: number;
  /** A lock older than this is stale whoever holds it (ms). Default 15 000. */
  staleMs?: number;
  /** Stop waiting when it is aborted (Ctrl-C): exit 130. */
  signal?: AbortSignal | undefined;
}

export const LOCK_WAIT_MS = 20_000;
export const LOCK_STALE_MS = 15_000;

/** The lock files this async call chain holds. */
const held = new AsyncLocalStorage<ReadonlySet<string>>();

/** Run `fn` holding the lock `lockPath` (its directory must exist); `filePath` is what errors name. */
export async function withLock<T>(
  fs: StoreFs,
  lockPath: string,
  filePath: string,
  options: LockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const holding = held.getStore();
  if (holding?.has(lockPath)) return fn();
  const nonce = await acquire(fs, lockPath, filePath, options);
  try {
    return await held.run(new Set([...(holding ?? []), lockPath]), fn);
  } finally {
    await release(fs, lockPath, nonce).catch(() => {});
  }
}

interface Holder {
  pid: number | undefined;
  host: string | undefined;
  nonce: string | undefined;
  mtimeMs: number;
  ino: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function acquire(
  fs: StoreFs,
  lockPath: string,
  filePath: string,
  options: LockOptions,
): Promise<string> {
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  const staleMs = options.staleMs ?? LOCK_STALE_MS;
  const nonce = randomBytes(8).toString('hex');
  const body = `${JSON.stringify({ pid: process.pid, host: hostname(), nonce, since: new Date().toISOString() })}\n`;
  const start = Date.now();
  let delay = 5;
  /** How many times in a row the lock was found gone right after the create found it there. */
  let vanished = 0;
  for (;;) {
    let handle: Awaited<ReturnType<StoreFs['open']>> | undefined;
    try {
      handle = await fs.open(lockPath, 'wx', 0o600);
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') {
        throw new ConfigError(
          `Cannot lock the config file ${filePath}: cannot create ${lockPath}: ${reason(error)}.`,
          filePath,
          { cause: error },
        );
      }
    }
    if (handle) {
      try {
        await handle.writeFile(body, 'utf8');
      } catch (error) {
        await handle.close().catch(() => {});
        await fs.rm(lockPath, { force: true }).catch(() => {});
        throw new ConfigError(
          `Cannot lock the config file ${filePath}: cannot write ${lockPath}: ${reason(error)}.`,
          filePath,
          { cause: error },
        );
      }
      await handle.close();
      return nonce;
    }
    const holder = await readHolder(fs, lockPath);
    if (holder === undefined) {
      // Released meanwhile: try again at once. Gone again and again while the create still finds something
      // there (a dangling symlink): wait like for a holder, within the same bound.
      vanished++;
      if (vanished === 1) continue;
      const waited = Date.now() - start;
      if (waited >= waitMs) {
        throw new ConfigError(
          `The config file ${filePath} cannot be locked: ${lockPath} is in the way but is no lock file (a dangling symbolic link?). Move it away (or delete it).`,
          filePath,
        );
      }
      await sleep(Math.min(delay * (0.5 + Math.random()), waitMs - waited));
      delay = Math.min(delay * 2, 100);
      continue;
    }
    vanished = 0;
    if (isStale(holder, staleMs)) {
      await breakStale(fs, lockPath, holder);
      continue;
    }
    if (options.signal?.aborted) {
      throw new CliError(
        'INTERRUPTED',
        'Interrupted while waiting for another plextv to finish with the config file.',
      );
    }
    const waited = Date.now() - start;
    if (waited >= waitMs) {
      const who = holder.pid !== undefined ? `process ${holder.pid}` : 'another process';
      throw new ConfigError(
        `The config file ${filePath} is locked by another plextv (${who}, for ${Math.round((Date.now() - holder.mtimeMs) / 1000)} s): try again; if no other plextv is running, delete ${lockPath}.`,
        filePath,
      );
    }
    await sleep(Math.min(delay * (0.5 + Math.random()), waitMs - waited));
    delay = Math.min(delay * 2, 100);
  }
}

/**
 * Who holds the lock (what its file says, and its inode and age), or undefined when there is none. Opened
 * without blocking and checked on the open handle: a FIFO (or a symlink to one) in its place would block a
 * plain read forever, a device would be read as a lock; only a regular file is a lock, anything else is a
 * ConfigError (exit 9) at once.
 */
async function readHolder(fs: StoreFs, path: string): Promise<Holder | undefined> {
  let stat: Awaited<ReturnType<StoreFs['stat']>>;
  let text: string;
  let handle: Awaited<ReturnType<StoreFs['open']>> | undefined;
  try {
    handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    stat = await handle.stat();
    if (!stat.isFile()) {
      throw new ConfigError(
        `Cannot use the lock file ${path}: it is not a regular file. Move it away (or delete it).`,
        path,
      );
    }
    text = await handle.readFile('utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw new ConfigError(`Cannot read the lock file ${path}: ${reason(error)}.`, path, { cause: error });
  } finally {
    await handle?.close().catch(() => {});
  }
  let data: { pid?: unknown; host?: unknown; nonce?: unknown } = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') data = parsed;
  } catch {
    // Empty (its holder is between creating and writing it, or died there) or garbage: judged by age.
  }
  return {
    pid:
      typeof data.pid === 'number' && Number.isSafeInteger(data.pid) && data.pid > 0 ? data.pid : undefined,
    host: typeof data.host === 'string' ? data.host : undefined,
    nonce: typeof data.nonce === 'string' ? data.nonce : undefined,
    mtimeMs: stat.mtimeMs,
    ino: stat.ino,
  };
}

/** Whether process `pid` (on this host) still runs. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return errnoCode(error) !== 'ESRCH';
  }
}

function isStale(holder: Holder, staleMs: number): boolean {
  if (Date.now() - holder.mtimeMs > staleMs) return true;
  return holder.pid !== undefined && holder.host === hostname() && !processAlive(holder.pid);
}

/** Remove a stale lock: move it aside (only one waiter can), check it is the one judged stale, delete it. */
async function breakStale(fs: StoreFs, lockPath: string, stale: Holder): Promise<void> {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await fs.rename(lockPath, aside);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return; // someone else broke it (or it was released)
    throw new ConfigError(`Cannot remove the stale lock file ${lockPath}: ${reason(error)}.`, lockPath, {
      cause: error,
    });
  }
  const moved = await readHolder(fs, aside).catch(() => undefined);
  if (moved && (moved.ino !== stale.ino || moved.nonce !== stale.nonce)) {
    // Between our look and the rename, another plextv broke the stale lock and took a fresh one: put it back
    // (link fails if yet another one was taken meanwhile: that one stands).
    await fs.link(aside, lockPath).catch(() => {});
  }
  await fs.rm(aside, { force: true }).catch(() => {});
}

/** Delete the lock if it is still ours. */
async function release(fs: StoreFs, lockPath: string, nonce: string): Promise<void> {
  const holder = await readHolder(fs, lockPath);
  if (holder?.nonce === nonce) await fs.rm(lockPath, { force: true });
}
