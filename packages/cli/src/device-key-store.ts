/**
 * The device key of `plextv login --jwt`: `device-key.json` in the config directory, next to `config.json`.
 *
 * ```json
 * { "baseUrl": "https://plex.tv", "clientIdentifier": "…", "createdAt": "…",
 *   "key": { "kty": "OKP", "crv": "Ed25519", "x": "…", "d": "…", "kid": "…" } }
 * ```
 *
 * `d` is the private half: the file is a secret like the token (mode 0600, written atomically, never printed).
 * The key belongs to one base URL and one client identifier (plex.tv registered it for that pair). Writes and
 * deletes hold the config directory's lock (`config.json.lock`), like the config's: `login` writes the key
 * and the config inside one lock, so the config never names a Plex JWT whose key another plextv removed.
 */
import { type DeviceKey, type ExportedDeviceKey, exportDeviceKey, importDeviceKey } from 'plextv';
import { type StoreDir, StoreFile, type StoreOptions } from './config.js';
import { ConfigError } from './errors.js';
import { readFileIfAny, removeFile, tightenMode, writeFileAtomic } from './files.js';

export const DEVICE_KEY_FILE = 'device-key.json';

const WHAT = 'device key file';

export interface StoredDeviceKey {
  /** The plex.tv base URL the key is registered with. */
  baseUrl: string;
  /** The client identifier it is registered for. */
  clientIdentifier: string;
  /** When the key was made (ISO). */
  createdAt?: string;
  key: ExportedDeviceKey;
}

export class DeviceKeyStore extends StoreFile {
  /** `options`: the same StoreDir as the config's (one lock, one set of warnings), or options for a new one. */
  constructor(dir: string, options: StoreOptions | StoreDir = {}) {
    super(dir, DEVICE_KEY_FILE, options);
  }

  /** The stored key, or undefined when there is none. A file that cannot be used is a ConfigError (exit 9). */
  async read(): Promise<{ stored: StoredDeviceKey; key: DeviceKey } | undefined> {
    const file = await readFileIfAny(this.files.fs, this.path, WHAT);
    if (file === undefined) return undefined;
    let data: unknown;
    try {
      data = JSON.parse(file.text);
    } catch {
      throw this.corrupt('it is not valid JSON');
    }
    const record = data as Partial<StoredDeviceKey> | null;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw this.corrupt('not a JSON object');
    }
    if (typeof record.baseUrl !== 'string' || typeof record.clientIdentifier !== 'string') {
      throw this.corrupt('"baseUrl" or "clientIdentifier" is missing');
    }
    let key: DeviceKey;
    try {
      key = await importDeviceKey(record.key as ExportedDeviceKey);
    } catch {
      throw this.corrupt('"key" is not an Ed25519 key pair');
    }
    await tightenMode(
      this.files.fs,
      this.path,
      file.mode,
      WHAT,
      "the device key's private half",
      'sign this device out (`plextv devices rm <its client id>`) and `plextv login --jwt` again',
      (message) => this.files.warnOnce(message),
    );
    return { stored: record as StoredDeviceKey, key };
  }

  /** Save `key` for this base URL and client identifier (0600, atomic). */
  async write(
    key: DeviceKey,
    owner: { baseUrl: string; clientIdentifier: string },
  ): Promise<StoredDeviceKey> {
    const stored: StoredDeviceKey = {
      baseUrl: owner.baseUrl,
      clientIdentifier: owner.clientIdentifier,
      createdAt: new Date().toISOString(),
      key: await exportDeviceKey(key),
    };
    const text = `${JSON.stringify(stored, null, 2)}\n`;
    await this.files.locked(this.path, () => writeFileAtomic(this.files.fs, this.dir, this.path, text, WHAT));
    return stored;
  }

  /** Forget the key (under the lock). Resolves with whether there was one. */
  remove(): Promise<boolean> {
    return this.files.locked(this.path, () => removeFile(this.files.fs, this.path, WHAT));
  }

  private corrupt(why: string): ConfigError {
    return new ConfigError(
      `The ${WHAT} ${this.path} is corrupt (${why}). Delete it and run \`plextv login --jwt\` again.`,
      this.path,
    );
  }
}
