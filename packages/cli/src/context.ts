/**
 * What every command works with: the resolved global options, the output, the config store, the token
 * (and where it came from) and a plextv client.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  AbortedError,
  createClient,
  DEFAULT_BASE_URL,
  type DeviceKey,
  freshPlexJwt,
  type PlexTvClient,
  plexJwtExpiry,
  readPlexJwt,
  UnauthorizedError,
} from 'plextv';
import { type AccountSummary, ConfigStore, resolveConfigDir, StoreDir, type StoredConfig } from './config.js';
import { DeviceKeyStore, type StoredDeviceKey } from './device-key-store.js';
import { CliError, ConfigError, describeFailure, HintedError, UsageError } from './errors.js';
import { errnoCode, type StoreFs } from './files.js';
import { cliFetch } from './http-fetch.js';
import { type Env, Output, type OutStream } from './output.js';
import { askYesNo, inquirerPrompter, type Prompter, readStdin } from './prompt.js';
import { RequestLog } from './request-log.js';
import { checkHttpUrl } from './urls.js';
import { VERSION } from './version.js';

/** The global options as commander parsed them. */
export interface GlobalOptions {
  baseUrl?: string;
  token?: string;
  tokenStdin?: boolean;
  json?: boolean;
  configDir?: string;
  color?: boolean;
  timeout?: number;
}

/** A readable stream, possibly a terminal. */
export type InStream = NodeJS.ReadableStream & { isTTY?: boolean | undefined };

/** The process around a run: streams, environment, and hooks for tests. */
export interface RunIO {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Env;
  /** The fetch plextv uses for plex.tv (default: node:http, see http-fetch.ts). */
  fetch?: typeof fetch | undefined;
  /** The fetch that probes Plex Media Servers (`servers`, `connect`; default: the global one). */
  serverFetch?: typeof fetch | undefined;
  /** Aborting it (Ctrl-C) cancels requests and prompts: the run ends with exit 130. */
  signal?: AbortSignal | undefined;
  /** Whether prompts may be shown (default: stdin is a terminal). */
  interactive?: boolean | undefined;
  /** Asks the user things (default: @inquirer/prompts on stdin/stderr). */
  prompter?: Prompter | undefined;
  /** The config stores' file-system calls (default node's; tests simulate failures with it). */
  fs?: StoreFs | undefined;
}

export type TokenSource = 'flag' | 'env' | 'config';

export interface ResolvedToken {
  token: string;
  source: TokenSource;
  /** Human wording of the source: `--token`, `PLEX_TOKEN`, `the config file (…)`. */
  label: string;
  /** Who it belongs to, when known (the config's account summary for the stored token). */
  account?: AccountSummary | undefined;
  /** The stored device key that renews this token (a Plex JWT from `login --jwt`), if any. */
  deviceKey?: { stored: StoredDeviceKey; key: DeviceKey } | undefined;
  /** Whether the Plex JWT was renewed (and saved) during this run. */
  refreshed?: boolean;
}

export interface ResolveOptions {
  /**
   * Renew a stored Plex JWT that expires within a day (with the stored device key), and save it. Default
   * true. `'best-effort'`: when renewing fails, go on with the stored token without a word (logout).
   */
  refresh?: boolean | 'best-effort';
}

/** `legacy` (a plex.tv token) or `plex-jwt` (a Plex JWT, from `login --jwt`). */
export type TokenKind = 'legacy' | 'plex-jwt';

export function tokenKind(token: string): TokenKind {
  return readPlexJwt(token) ? 'plex-jwt' : 'legacy';
}

/** `https://plex.tv/` → `https://plex.tv`; anything but an http(s) URL is a usage error (the URL masked). */
export function normalizeBaseUrl(raw: string, from: string): string {
  return checkHttpUrl(raw, from, 'https://plex.tv');
}

export class Context {
  readonly io: RunIO;
  readonly env: Env;
  readonly out: Output;
  readonly json: boolean;
  readonly baseUrl: string;
  readonly store: ConfigStore;
  readonly keyStore: DeviceKeyStore;
  readonly timeout: number | undefined;
  /** Where the token in use came from (`--token`, `PLEX_TOKEN`, …), once resolved: error messages name it. */
  tokenLabel: string | undefined;
  readonly #tokenFlag: string | undefined;
  readonly #tokenStdin: boolean;
  #stdinToken: Promise<string> | undefined;
  #config: Promise<StoredConfig | undefined> | undefined;
  #fresh: Promise<ResolvedToken | undefined> | undefined;
  /** Every request to plex.tv this run made (each attempt of a retried call): how long a timeout waited. */
  readonly #requests = new RequestLog();
  /** The one-time client identifier of a run whose config directory cannot be created (see clientIdentifier). */
  #ephemeralId: string | undefined;

  constructor(io: RunIO, options: GlobalOptions) {
    this.io = io;
    this.env = io.env;
    this.json = options.json === true;
    this.out = new Output({
      stdout: io.stdout,
      stderr: io.stderr,
      env: io.env,
      color: options.color !== false,
      json: this.json,
    });
    const envBase = nonEmpty(io.env.PLEXTV_BASE_URL);
    this.baseUrl =
      options.baseUrl !== undefined
        ? normalizeBaseUrl(options.baseUrl, '--base-url')
        : envBase !== undefined
          ? normalizeBaseUrl(envBase, 'PLEXTV_BASE_URL')
          : DEFAULT_BASE_URL;
    const dir = resolveConfigDir(options.configDir, io.env);
    const files = new StoreDir(dir, {
      fs: io.fs,
      lock: { signal: io.signal },
      warn: (message) => this.out.err(`${this.out.ec.yellow('warning:')} ${message}`),
    });
    this.store = new ConfigStore(dir, files);
    this.keyStore = new DeviceKeyStore(dir, files);
    this.timeout = options.timeout;
    if (options.token !== undefined && options.token.trim() === '')
      throw new UsageError('--token: empty token.');
    if (options.token !== undefined && options.tokenStdin) {
      throw new UsageError('--token and --token-stdin: give the token one way.');
    }
    this.#tokenFlag = options.token?.trim();
    this.#tokenStdin = options.tokenStdin === true;
    this.out.addSecret(this.#tokenFlag);
    if (this.#tokenFlag !== undefined) {
      // Anyone on this machine can read a command line (`ps`, /proc/<pid>/cmdline).
      this.out.err(
        `${this.out.ec.yellow('warning:')} --token puts the token in the process list, where every user of this machine can read it: set PLEX_TOKEN, or pipe it in with --token-stdin.`,
      );
    }
    this.out.addSecret(nonEmpty(io.env.PLEX_TOKEN));
  }

  get signal(): AbortSignal | undefined {
    return this.io.signal;
  }

  /** Whether we may prompt: stdin is a terminal (tests may say otherwise). */
  get interactive(): boolean {
    // With --token-stdin, stdin carries the token: nothing can be asked there.
    if (this.#tokenStdin) return false;
    return this.io.interactive ?? this.io.stdin.isTTY === true;
  }

  /** Asks the user things: the run's prompter (tests), else @inquirer/prompts on stdin/stderr. */
  prompter(): Prompter {
    return (
      this.io.prompter ??
      inquirerPrompter({ stdin: this.io.stdin, stderr: this.io.stderr, signal: this.io.signal })
    );
  }

  /**
   * Whether to go ahead with an irreversible change: yes at once with `--yes`; otherwise asked on a terminal
   * (default no); with no terminal to ask on, a usage error (exit 2) naming `--yes`.
   */
  async confirm(question: string, options: { yes?: boolean | undefined; action: string }): Promise<boolean> {
    if (options.yes) return true;
    if (!this.interactive) {
      throw new UsageError(
        `Not ${options.action} without confirmation: pass --yes (there is no terminal to ask on).`,
      );
    }
    return askYesNo(this.prompter(), question);
  }

  /** The config file's content (read once per run), or undefined when there is none. */
  config(): Promise<StoredConfig | undefined> {
    this.#config ??= this.store.read().then((config) => {
      this.out.addSecret(config?.token);
      return config;
    });
    return this.#config;
  }

  /** The stored config, created with a fresh client identifier when there is none. */
  async configOrCreate(): Promise<StoredConfig> {
    const existing = await this.config();
    if (existing) return existing;
    const created = await this.store.readOrCreate();
    this.#config = Promise.resolve(created);
    return created;
  }

  /**
   * Change the stored config: `mutate` gets the file as it is now, read inside the directory's lock (another
   * plextv may have changed it since this run read it), and returns the new config (or the one it got, to
   * change nothing). Resolves with the config as it then is.
   */
  async updateConfig(
    mutate: (current: StoredConfig | undefined) => StoredConfig | undefined,
  ): Promise<StoredConfig | undefined> {
    const config = await this.store.update((current) => {
      this.out.addSecret(current?.token);
      return mutate(current);
    });
    this.out.addSecret(config?.token);
    this.#config = Promise.resolve(config);
    return config;
  }

  /** Run `fn` holding the config directory's lock: changes to the config and the device key as one. */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.store.transaction(fn);
  }

  /** Whether the config's token belongs to the base URL in use (tokens never cross base URLs). */
  storedTokenApplies(config: StoredConfig | undefined): config is StoredConfig & { token: string } {
    if (!config?.token) return false;
    return sameBaseUrl(config.baseUrl ?? DEFAULT_BASE_URL, this.baseUrl);
  }

  /**
   * The token to act with: `--token`, else `PLEX_TOKEN`, else the config's (for this base URL). A stored
   * Plex JWT is renewed first when it expires within a day (see `ResolveOptions.refresh`).
   */
  async resolveToken(options: ResolveOptions = {}): Promise<ResolvedToken | undefined> {
    const resolved = await this.#resolveStored();
    this.tokenLabel = resolved?.label;
    const refresh = options.refresh ?? true;
    if (!resolved || refresh === false || resolved.source !== 'config') return resolved;
    this.#fresh ??= this.#renew(resolved, refresh === 'best-effort');
    return this.#fresh;
  }

  async #resolveStored(): Promise<ResolvedToken | undefined> {
    let config: StoredConfig | undefined;
    try {
      config = await this.config();
    } catch (error) {
      // A token from --token/--token-stdin/PLEX_TOKEN needs no config: a directory that cannot be read
      // (an inaccessible HOME) is no reason to stop; a corrupt file still is (exit 9).
      const external = this.#tokenStdin || this.#tokenFlag || nonEmpty(this.env.PLEX_TOKEN);
      if (!(external && error instanceof ConfigError && errnoCode(error.cause) !== undefined)) throw error;
    }
    const stored = this.storedTokenApplies(config) ? config : undefined;
    const accountFor = (token: string) => (stored && stored.token === token ? stored.account : undefined);
    if (this.#tokenStdin) {
      const token = await this.#readTokenStdin();
      return { token, source: 'flag', label: '--token-stdin', account: accountFor(token) };
    }
    if (this.#tokenFlag) {
      return {
        token: this.#tokenFlag,
        source: 'flag',
        label: '--token',
        account: accountFor(this.#tokenFlag),
      };
    }
    const envToken = nonEmpty(this.env.PLEX_TOKEN)?.trim();
    if (envToken)
      return { token: envToken, source: 'env', label: 'PLEX_TOKEN', account: accountFor(envToken) };
    if (stored) {
      return {
        token: stored.token,
        source: 'config',
        label: `the config file (${this.store.path})`,
        account: stored.account,
      };
    }
    return undefined;
  }

  /** Whether stdin carries the token (`--token-stdin`): nothing else may be read from it. */
  get tokenFromStdin(): boolean {
    return this.#tokenStdin;
  }

  /** `--token-stdin`: all of stdin, trimmed (read once); empty is a usage error. */
  #readTokenStdin(): Promise<string> {
    this.#stdinToken ??= (async () => {
      if (this.io.stdin.isTTY)
        this.out.err(this.out.ec.dim('Reading the token from stdin (end it with Ctrl-D)…'));
      const token = (await readStdin(this.io.stdin, this.signal)).trim();
      if (token === '') throw new UsageError('--token-stdin: nothing to read on stdin.');
      this.out.addSecret(token);
      return token;
    })();
    return this.#stdinToken;
  }

  /** The stored device key, when it belongs to this base URL and client identifier. */
  async deviceKey(): Promise<{ stored: StoredDeviceKey; key: DeviceKey } | undefined> {
    const config = await this.config();
    if (!config) return undefined;
    const found = await this.keyStore.read();
    if (!found) return undefined;
    this.out.addSecret(found.stored.key.d);
    const applies =
      sameBaseUrl(found.stored.baseUrl, this.baseUrl) &&
      found.stored.clientIdentifier === config.clientIdentifier;
    return applies ? found : undefined;
  }

  /** A stored Plex JWT, renewed when it is due (and saved, silently). */
  async #renew(resolved: ResolvedToken, bestEffort: boolean): Promise<ResolvedToken> {
    if (tokenKind(resolved.token) !== 'plex-jwt') return resolved;
    let deviceKey: Awaited<ReturnType<Context['deviceKey']>>;
    try {
      deviceKey = await this.deviceKey();
    } catch (error) {
      if (bestEffort) return resolved;
      throw error;
    }
    if (!deviceKey) return resolved;
    const withKey: ResolvedToken = { ...resolved, deviceKey };
    let fresh: { jwt: string; refreshed: boolean };
    try {
      fresh = await freshPlexJwt(await this.client(), deviceKey.key, resolved.token, {
        signal: this.signal,
      });
    } catch (error) {
      if (error instanceof AbortedError || this.signal?.aborted) throw error;
      if (bestEffort) return withKey;
      const expires = plexJwtExpiry(resolved.token);
      if (expires && expires.getTime() > Date.now()) {
        // Still good for a while: go on with it, and say why it was not renewed.
        const why = describeFailure(error, { baseUrl: this.baseUrl }).message;
        this.out.err(this.out.ec.dim(`note: could not renew the Plex JWT yet: ${why}`));
        return withKey;
      }
      if (error instanceof UnauthorizedError) {
        throw new CliError(
          'TOKEN_REJECTED',
          `${this.baseUrl} refused to renew the stored Plex JWT (it no longer accepts this device key). Run \`plextv login --jwt\` to sign in again.`,
          { cause: error },
        );
      }
      throw new HintedError(error, '(The stored Plex JWT has expired and could not be renewed.)');
    }
    this.out.addSecret(fresh.jwt);
    if (fresh.jwt === resolved.token) return withKey;
    // Inside the lock, on the file as it is now: another plextv may have logged out, logged in or renewed it
    // meanwhile; only the token we renewed is replaced (a logout is never undone).
    await this.updateConfig((current) =>
      current?.token === resolved.token ? { ...current, token: fresh.jwt } : current,
    );
    return { ...withKey, token: fresh.jwt, refreshed: true };
  }

  /** Like `resolveToken`, but "not logged in" (exit 3) when there is no token. */
  async requireToken(): Promise<ResolvedToken> {
    const resolved = await this.resolveToken();
    if (resolved) return resolved;
    throw new CliError('NOT_LOGGED_IN', await this.notLoggedInMessage());
  }

  /** "Not logged in to …", with a hint when the stored token belongs to another base URL. */
  async notLoggedInMessage(): Promise<string> {
    const config = await this.config();
    if (config?.token && !this.storedTokenApplies(config)) {
      const other = config.baseUrl ?? DEFAULT_BASE_URL;
      return `Not logged in to ${this.baseUrl} (the stored token is for ${other}; pass --base-url ${other}, or run \`plextv login\`).`;
    }
    return `Not logged in to ${this.baseUrl}: run \`plextv login\` (or pass --token / set PLEX_TOKEN).`;
  }

  /** A client acting with the run's token (`requireToken`: none is "not logged in", exit 3). */
  async signedInClient(): Promise<PlexTvClient> {
    const { token } = await this.requireToken();
    return this.client(token);
  }

  /**
   * `X-Plex-Client-Identifier`: the config's (created and saved on first use). When the token comes from
   * `--token`/`PLEX_TOKEN` (nothing to store) and the config directory cannot be created or written (an
   * unwritable HOME: a service account, a container), a one-time identifier for this run instead, with one
   * warning; with the stored token (or none) that is exit 9 as ever.
   */
  async clientIdentifier(): Promise<string> {
    if (this.#ephemeralId) return this.#ephemeralId;
    try {
      return (await this.configOrCreate()).clientIdentifier;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const resolved = await this.#resolveStored().catch(() => undefined);
      if (!resolved || resolved.source === 'config') throw error;
      this.#ephemeralId = randomUUID();
      this.store.files.warnOnce(
        `${lowerFirst(error.message)} Going on without the config directory (the token comes from ${resolved.label}), as a one-time device for this run: set PLEXTV_CONFIG_DIR (or --config-dir) to a writable directory to keep one identity.`,
      );
      return this.#ephemeralId;
    }
  }

  /**
   * How long the CLI waited for the call that failed with `error` (a timeout), from its first attempt to now,
   * and in how many attempts (see `RequestLog.waited`).
   */
  waited(error: {
    method?: string | undefined;
    path?: string | undefined;
  }): { ms: number; attempts: number } | undefined {
    return this.#requests.waited(error);
  }

  /** A plextv client for this run's base URL, identity and timeout, acting with `token` if given. */
  async client(token?: string): Promise<PlexTvClient> {
    return createClient({
      clientIdentifier: await this.clientIdentifier(),
      product: 'plextv-cli',
      version: VERSION,
      deviceName: deviceName(),
      // plex.tv itself: its client API (shares, PINs with keys) stays on clients.plex.tv; any other base URL
      // (the emulator) serves both.
      baseUrl: this.baseUrl === DEFAULT_BASE_URL ? undefined : this.baseUrl,
      token,
      fetch: this.#requests.recording(this.io.fetch ?? cliFetch(this.env)),
      timeout: this.timeout,
      signal: this.io.signal,
    });
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function deviceName(): string {
  try {
    return `plextv-cli on ${hostname()}`;
  } catch {
    return 'plextv-cli';
  }
}

function sameBaseUrl(a: string, b: string): boolean {
  try {
    return normalizeBaseUrl(a, 'baseUrl') === normalizeBaseUrl(b, 'baseUrl');
  } catch {
    return false;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
