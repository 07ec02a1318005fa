/**
 * The config store: `config.json` in the config directory.
 *
 * ```json
 * { "clientIdentifier": "…uuid…", "baseUrl": "https://plex.tv", "token": "…", "account": { "id": 1, … } }
 * ```
 *
 * The directory is created 0700 and the file written 0600, atomically (temp file in the same directory,
 * fsync, rename). A file that cannot be read or parsed is an error (exit 9) and is never overwritten.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return undefined;
      throw new ConfigError(`Cannot read the config file ${this.path}: ${reason(error)}.`, this.path, {
        cause: error,
      });
    }
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
    await this.ensureDir();
    const text = `${JSON.stringify(config, null, 2)}\n`;
    const temp = join(this.dir, `.${CONFIG_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await fs.open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, this.path);
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => {});
      throw new ConfigError(`Cannot write the config file ${this.path}: ${reason(error)}.`, this.path, {
        cause: error,
      });
    }
    await syncDir(this.dir);
  }

  /** Create the config directory (0700) if it does not exist. */
  private async ensureDir(): Promise<void> {
    try {
      const stat = await fs.stat(this.dir);
      if (!stat.isDirectory()) {
        throw new ConfigError(`The config directory ${this.dir} is not a directory.`, this.path);
      }
      return;
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      if (errnoCode(error) !== 'ENOENT') {
        throw new ConfigError(`Cannot use the config directory ${this.dir}: ${reason(error)}.`, this.path, {
          cause: error,
        });
      }
    }
    try {
      await fs.mkdir(dirname(this.dir), { recursive: true, mode: 0o700 });
      await fs.mkdir(this.dir, { mode: 0o700 });
      // mkdir's mode is filtered by the umask, which can only remove bits; chmod makes it exact.
      await fs.chmod(this.dir, 0o700);
    } catch (error) {
      if (errnoCode(error) === 'EEXIST') return;
      throw new ConfigError(`Cannot create the config directory ${this.dir}: ${reason(error)}.`, this.path, {
        cause: error,
      });
    }
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
