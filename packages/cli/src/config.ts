/**
 * The config store: `config.json` in the config directory.
 *
 * ```json
 * { "clientIdentifier": "…uuid…", "baseUrl": "https://plex.tv", "token": "…", "account": { "id": 1, … } }
 * ```
 *
 * The directory is created 0700 and the file written 0600, atomically (temp file in the same directory,
 * fsync, rename). A file that cannot be read or parsed is an error (exit 9) and is never overwritten.
 * `device-key.json` (the Plex JWT's device key, see device-key-store.ts) is written the same way.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError } from './errors.js';

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

function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function reason(error: unknown): string {
  const code = errnoCode(error);
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOTDIR') return 'a parent is not a directory';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOSPC') return 'no space left on device';
  return error instanceof Error ? error.message : String(error);
}

export class ConfigStore {
  readonly dir: string;
  readonly path: string;

  constructor(dir: string) {
    this.dir = dir;
    this.path = join(dir, CONFIG_FILE);
  }

  /** The stored config, or `undefined` when there is none yet. Throws ConfigError if it is unusable. */
  async read(): Promise<StoredConfig | undefined> {
    const text = await readFileIfAny(this.path, 'config file');
    if (text === undefined) return undefined;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw this.corrupt('it is not valid JSON');
    }
    return this.validate(data);
  }

  /** The stored config, creating (and saving) one with a new client identifier if there is none. */
  async readOrCreate(): Promise<StoredConfig> {
    const existing = await this.read();
    if (existing) return existing;
    const created: StoredConfig = { clientIdentifier: randomUUID() };
    await this.write(created);
    return created;
  }

  /** Replace the config file atomically: temp file (0600) in the same directory, fsync, rename. */
  async write(config: StoredConfig): Promise<void> {
    await writeFileAtomic(this.dir, this.path, `${JSON.stringify(config, null, 2)}\n`, 'config file');
  }

  private corrupt(why: string): ConfigError {
    return new ConfigError(
      `The config file ${this.path} is corrupt (${why}). Fix it or delete it (you will need to log in again).`,
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

/**
 * Write `text` to `path` (a file in `dir`) atomically and privately: the directory is created 0700 if
 * needed, then a temp file (0600) in the same directory is written, fsynced and renamed over `path`.
 * `what` names the file in errors ("config file", "device key file").
 */
export async function writeFileAtomic(dir: string, path: string, text: string, what: string): Promise<void> {
  await ensureDir(dir, path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw new ConfigError(`Cannot write the ${what} ${path}: ${reason(error)}.`, path, { cause: error });
  }
  await syncDir(dir);
}

/** Delete `path` if it exists (an error names it as `what`). Resolves with whether there was one. */
export async function removeFile(path: string, what: string): Promise<boolean> {
  try {
    await fs.rm(path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw new ConfigError(`Cannot delete the ${what} ${path}: ${reason(error)}.`, path, { cause: error });
  }
}

/** Read `path` as text, or undefined when it does not exist (other failures: ConfigError). */
export async function readFileIfAny(path: string, what: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw new ConfigError(`Cannot read the ${what} ${path}: ${reason(error)}.`, path, { cause: error });
  }
}

/** Create the config directory (0700) if it does not exist. */
async function ensureDir(dir: string, path: string): Promise<void> {
  try {
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) {
      throw new ConfigError(`The config directory ${dir} is not a directory.`, path);
    }
    return;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    if (errnoCode(error) !== 'ENOENT') {
      throw new ConfigError(`Cannot use the config directory ${dir}: ${reason(error)}.`, path, {
        cause: error,
      });
    }
  }
  try {
    await fs.mkdir(dirname(dir), { recursive: true, mode: 0o700 });
    await fs.mkdir(dir, { mode: 0o700 });
    // mkdir's mode is filtered by the umask, which can only remove bits; chmod makes it exact.
    await fs.chmod(dir, 0o700);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return;
    throw new ConfigError(`Cannot create the config directory ${dir}: ${reason(error)}.`, path, {
      cause: error,
    });
  }
}

/** fsync the directory so the rename itself is durable. Best effort: not every platform allows it. */
async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows and some file systems refuse to open or fsync a directory.
  } finally {
    await handle?.close().catch(() => {});
  }
}
