/**
 * The config store: `config.json` in the config directory.
 *
 * ```json
 * { "clientIdentifier": "…uuid…", "baseUrl": "https://plex.tv", "token": "…", "account": { "id": 1, … } }
 * ```
 *
 * - The directory is created 0700 and the file written 0600, atomically (temp file in the same directory,
 *   fsync, rename): a reader sees the old file or the new one, never a torn one.
 * - Every change is a read-modify-write under the directory's lock (`config.json.lock`, see lock.ts), on the
 *   file as it is inside the lock: two plextv processes never lose each other's update.
 * - A file that cannot be read or parsed (corrupt, cut short, empty, a directory, unreadable) is an error
 *   (exit 9, one line naming the file) and is never overwritten.
 * - A config holding a token that other users can read is made 0600 again, with a warning; so is a config
 *   directory other users can enter (0700 again), and a shared or foreign one is refused.
 * `device-key.json` (the Plex JWT's device key, see device-key-store.ts) follows the same rules, under the
 * same lock.
 */
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from './errors.js';
import {
  ensureDir,
  nodeStoreFs,
  readFileIfAny,
  type StoreFs,
  tightenDir,
  tightenMode,
  writeFileAtomic,
} from './files.js';
import { LOCK_FILE, LOCK_STALE_MS, type LockOptions, withLock } from './lock.js';

export { readFileIfAny, removeFile, type StoreFs, writeFileAtomic } from './files.js';
export { LOCK_FILE, type LockOptions } from './lock.js';

/** Who a stored token belongs to (saved at login, shown by `plextv token`). */
export interface AccountSummary {
  id: number;
  uuid: string;
  username?: string | undefined;
  title?: string | undefined;
  email?: string | undefined;
}

export interface StoredConfig {
  /** `X-Plex-Client-Identifier`: created once, kept forever (plex.tv lists it as a device). */
  clientIdentifier: string;
  /** The account token. */
  token?: string;
  /** The plex.tv base URL the token belongs to. */
  baseUrl?: string;
  account?: AccountSummary;
  /** Keys written by other versions: kept as they are. */
  [key: string]: unknown;
}

export const CONFIG_FILE = 'config.json';

/** `--config-dir`, else `PLEXTV_CONFIG_DIR`, else `$XDG_CONFIG_HOME/plextv`, else `~/.config/plextv`. */
export function resolveConfigDir(flag: string | undefined, env: Record<string, string | undefined>): string {
  const chosen = nonEmpty(flag) ?? nonEmpty(env.PLEXTV_CONFIG_DIR);
  if (chosen) return resolve(chosen);
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  if (xdg) return resolve(xdg, 'plextv');
  return join(nonEmpty(env.HOME) ?? homedir(), '.config', 'plextv');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

export interface StoreOptions {
  /** The file-system calls (default node's `fs.promises`; tests replace some to simulate failures). */
  fs?: StoreFs | undefined;
  /** Where warnings go (a config file readable by others, made private again). Default: nowhere. */
  warn?: ((message: string) => void) | undefined;
  /** How long to wait for another plextv's lock, and when a lock is stale (tests shorten them). */
  lock?: LockOptions | undefined;
}

/** Leftovers of a plextv killed while writing: `.config.json.<pid>.<hex>.tmp`, `config.json.lock.<pid>.<hex>.stale`. */
const LEFTOVER =
  /^(?:\.(?:config|device-key)\.json\.\d+\.[0-9a-f]+\.tmp|config\.json\.lock\.\d+\.[0-9a-f]+\.stale)$/;

/**
 * The config directory's files and their lock, shared by ConfigStore and DeviceKeyStore: `locked(fn)` runs
 * `fn` holding `config.json.lock` (re-entrant), `warnOnce` says a thing once per run.
 */
export class StoreDir {
  readonly dir: string;
  readonly lockPath: string;
  readonly fs: StoreFs;
  readonly #warn: ((message: string) => void) | undefined;
  readonly #lock: LockOptions;
  readonly #warned = new Set<string>();
  #dirChecked: Promise<void> | undefined;

  constructor(dir: string, options: StoreOptions = {}) {
    this.dir = dir;
    this.lockPath = join(dir, LOCK_FILE);
    this.fs = options.fs ?? nodeStoreFs;
    this.#warn = options.warn;
    this.#lock = options.lock ?? {};
  }

  /** Run `fn` holding the directory's lock (created 0700 first if need be); `path` is what errors name. */
  async locked<T>(path: string, fn: () => Promise<T>): Promise<T> {
    await ensureDir(this.fs, this.dir, path);
    await this.checkDir(path);
    return withLock(this.fs, this.lockPath, path, this.#lock, async () => {
      await this.#sweep();
      return fn();
    });
  }

  /**
   * Make sure the directory is private (once per run): group/world access is taken away (0700, one
   * warning), a shared or foreign directory is refused (exit 9). See `tightenDir`.
   */
  checkDir(path: string): Promise<void> {
    this.#dirChecked ??= tightenDir(this.fs, this.dir, path, (message) => this.warnOnce(message));
    return this.#dirChecked;
  }

  warnOnce(message: string): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    this.#warn?.(message);
  }

  /** Delete temp files and moved-aside locks that a killed plextv left behind (older than the stale age). */
  async #sweep(): Promise<void> {
    let names: string[];
    try {
      names = await this.fs.readdir(this.dir);
    } catch {
      return;
    }
    const staleMs = this.#lock.staleMs ?? LOCK_STALE_MS;
    for (const name of names) {
      if (!LEFTOVER.test(name)) continue;
      const path = join(this.dir, name);
      try {
        const stat = await this.fs.stat(path);
        if (Date.now() - stat.mtimeMs > staleMs) await this.fs.rm(path, { force: true });
      } catch {
        // Gone already, or not ours to delete: leave it.
      }
    }
  }
}

const REVOKE = '`plextv logout` revokes the token';

/**
 * One file of the config directory (the config, the device key): its path and the StoreDir it shares
 * with the others, so that every file of a run takes the same lock and says each warning once.
 */
export abstract class StoreFile {
  readonly dir: string;
  readonly path: string;
  readonly files: StoreDir;

  /** `options`: the StoreDir the other files use (one lock, one set of warnings), or options for a new one. */
  constructor(dir: string, name: string, options: StoreOptions | StoreDir) {
    this.files = options instanceof StoreDir ? options : new StoreDir(dir, options);
    this.dir = dir;
    this.path = join(dir, name);
  }
}

export class ConfigStore extends StoreFile {
  /** The lock file held while the config (or the device key) is changed. */
  readonly lockPath: string;

  constructor(dir: string, options: StoreOptions | StoreDir = {}) {
    super(dir, CONFIG_FILE, options);
    this.lockPath = this.files.lockPath;
  }

  /**
   * The stored config, or `undefined` when there is none yet. Throws ConfigError if it is unusable. A
   * config that holds a token and that other users can read is made 0600 again (with a warning).
   */
  async read(): Promise<StoredConfig | undefined> {
    const file = await readFileIfAny(this.files.fs, this.path, 'config file');
    if (file === undefined) return undefined;
    await this.files.checkDir(this.path);
    if (file.text.trim() === '') throw this.corrupt('it is empty');
    let data: unknown;
    try {
      data = JSON.parse(file.text);
    } catch {
      // Never quote the parser's message: it may hold a piece of the file (the token).
      const text = file.text.trim();
      const cut = text.startsWith('{') && !text.endsWith('}');
      throw this.corrupt(
        cut ? 'it is not valid JSON: it ends early, as if cut short' : 'it is not valid JSON',
      );
    }
    const config = this.validate(data);
    if (config.token) {
      await tightenMode(this.files.fs, this.path, file.mode, 'config file', 'a token', REVOKE, (message) =>
        this.files.warnOnce(message),
      );
    }
    return config;
  }

  /** The stored config, creating (and saving) one with a new client identifier if there is none. */
  async readOrCreate(): Promise<StoredConfig> {
    const existing = await this.read();
    if (existing) return existing;
    // Another plextv may be creating it too: inside the lock, the first one's identifier wins.
    const created = await this.update((current) => current ?? { clientIdentifier: randomUUID() });
    return created!;
  }

  /**
   * Change the config under the lock: `mutate` gets the file as it is now (re-read inside the lock, so a
   * concurrent plextv's update is never lost) and returns the new config, or the one it got (or undefined)
   * to leave the file alone. Resolves with the config as it then is.
   */
  async update(
    mutate: (
      current: StoredConfig | undefined,
    ) => StoredConfig | undefined | Promise<StoredConfig | undefined>,
  ): Promise<StoredConfig | undefined> {
    return this.files.locked(this.path, async () => {
      const current = await this.read();
      const next = await mutate(current);
      if (next === undefined || next === current) return current;
      await this.#write(next);
      return next;
    });
  }

  /** Replace the config file (under the lock): temp file (0600) in the same directory, fsync, rename. */
  async write(config: StoredConfig): Promise<void> {
    await this.files.locked(this.path, () => this.#write(config));
  }

  /** Run `fn` holding the lock: several changes (the config and the device key) as one. */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.files.locked(this.path, fn);
  }

  #write(config: StoredConfig): Promise<void> {
    return writeFileAtomic(
      this.files.fs,
      this.dir,
      this.path,
      `${JSON.stringify(config, null, 2)}\n`,
      'config file',
    );
  }

  private corrupt(why: string): ConfigError {
    return new ConfigError(
      `The config file ${this.path} is corrupt (${why}); it was left as it is. Fix it or delete it (you will need to log in again).`,
      this.path,
    );
  }

  private validate(data: unknown): StoredConfig {
    if (data === null || typeof data !== 'object' || Array.isArray(data))
      throw this.corrupt('not a JSON object');
    const config = data as Record<string, unknown>;
    if (typeof config.clientIdentifier !== 'string' || config.clientIdentifier.trim() === '') {
      throw this.corrupt('"clientIdentifier" is missing or not a string');
    }
    for (const key of ['token', 'baseUrl'] as const) {
      if (config[key] !== undefined && typeof config[key] !== 'string') {
        throw this.corrupt(`"${key}" is not a string`);
      }
    }
    const account = config.account;
    if (account !== undefined) {
      if (account === null || typeof account !== 'object' || Array.isArray(account)) {
        throw this.corrupt('"account" is not an object');
      }
      const a = account as Record<string, unknown>;
      if (typeof a.id !== 'number' || typeof a.uuid !== 'string') {
        throw this.corrupt('"account" lacks a numeric "id" or a string "uuid"');
      }
    }
    return config as StoredConfig;
  }
}
