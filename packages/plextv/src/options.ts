/** Client options, their defaults, and the `X-Plex-*` headers they turn into. */
import { VERSION } from './version.js';

/** How GETs are retried. Non-idempotent requests (sign-in, sign-out, …) are never retried. */
export interface RetryOptions {
  /** Attempts in all, the first one included. Default 3. */
  attempts?: number;
  /** Total time budget for all attempts and waits, in ms. Default 30 000. */
  deadline?: number;
  /** First backoff step in ms (full jitter, doubling). Default 300. */
  baseDelay?: number;
  /**
   * Largest backoff step in ms. Default 5 000. `Retry-After` may ask for more, within the deadline; a shorter
   * one (`Retry-After: 0` included) is raised to the current step, so a storm of 429s cannot make it spin.
   */
  maxDelay?: number;
}

/** Options of `createClient`: who the app is (the `X-Plex-*` identity), where plex.tv is, and how to send. */
export interface ClientOptions {
  /**
   * `X-Plex-Client-Identifier`: a stable id for this installation. Generate it once (e.g. `crypto.randomUUID()`)
   * and store it: a new id on every run shows up as a new device on the user's account.
   */
  clientIdentifier: string;
  /** `X-Plex-Product`: your app's name, shown to the user on plex.tv. Default `plextv`. */
  product?: string;
  /**
   * `X-Plex-Version`: your app's version. Not sent when you name a `product` without one (plextv never
   * announces its own version as your app's); with the default product, this library's version.
   */
  version?: string;
  /** `X-Plex-Platform` (e.g. `Node.js`, `Chrome`). Default: detected. */
  platform?: string;
  /** `X-Plex-Platform-Version`. Default: detected when possible. */
  platformVersion?: string;
  /** `X-Plex-Device` (e.g. `Linux`, `Windows`). Default: the platform. */
  device?: string;
  /** `X-Plex-Device-Name`: a human name for this device. Default: the product. */
  deviceName?: string;
  /** `X-Plex-Language`. Default `en`. */
  language?: string;
  /** The account token. Sent only in the `X-Plex-Token` header, never in a URL. */
  token?: string;
  /** plex.tv's base URL. Default `https://plex.tv`; point it at the emulator in tests. */
  baseUrl?: string;
  /**
   * Base URL of plex.tv's client API (PINs with keys, Plex JWT). Default `https://clients.plex.tv`, or
   * `baseUrl` when only that is set (an emulator serves both).
   */
  clientsBaseUrl?: string;
  /**
   * Base URL of Plex's discover provider (watchlist, search, user state). Default
   * `https://discover.provider.plex.tv`, or `baseUrl` when only that is set (the emulator serves every host).
   */
  discoverUrl?: string;
  /**
   * Base URL of Plex's metadata provider. Default `https://metadata.provider.plex.tv`, or `baseUrl` when only
   * that is set.
   */
  metadataUrl?: string;
  /**
   * Base URL of Plex's community API (GraphQL: friends' watchlists). Default `https://community.plex.tv`, or
   * `baseUrl` when only that is set.
   */
  communityUrl?: string;
  /**
   * Plex's auth app, where `authUrl` sends the user to approve a PIN. Default `https://app.plex.tv/auth`; the
   * emulator serves one at `{its URL}/auth`.
   */
  authAppUrl?: string;
  /** A WHATWG `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: typeof fetch;
  /** Per-attempt timeout in ms. Default 15 000. */
  timeout?: number;
  /** Aborts every request made through this client. */
  signal?: AbortSignal;
  /** Retry policy for GETs, or `false` for none. */
  retry?: RetryOptions | false;
  /** Extra headers for every request (e.g. `X-Plex-Provides`). */
  headers?: Record<string, string>;
  /**
   * Largest answer read from plex.tv, in bytes. Past it the download is cancelled and the call fails with
   * `ResponseTooLargeError`. Default 8 MiB (plex.tv's largest answers are a few hundred KB).
   */
  maxResponseBytes?: number;
  /**
   * Most XML elements + attributes, or JSON values, parsed from one answer. Past it the call fails with
   * `ResponseTooLargeError` before parsing (parsing costs a few µs per item: this bounds the work a hostile
   * answer can cause). Default 250 000.
   */
  maxResponseItems?: number;
}

/** plex.tv, the default `baseUrl`. */
export const DEFAULT_BASE_URL = 'https://plex.tv';
/** clients.plex.tv, the default `clientsBaseUrl`. */
export const DEFAULT_CLIENTS_BASE_URL = 'https://clients.plex.tv';
/** The default `discoverUrl`. */
export const DEFAULT_DISCOVER_URL = 'https://discover.provider.plex.tv';
/** The default `metadataUrl`. */
export const DEFAULT_METADATA_URL = 'https://metadata.provider.plex.tv';
/** The default `communityUrl`. */
export const DEFAULT_COMMUNITY_URL = 'https://community.plex.tv';
export const DEFAULT_AUTH_APP_URL = 'https://app.plex.tv/auth';
export const DEFAULT_TIMEOUT = 15_000;
/** The default `maxResponseBytes`: a larger answer is cut off with `ResponseTooLargeError`. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** The default `maxResponseItems`: XML elements + attributes or JSON values one answer may hold. */
export const DEFAULT_MAX_RESPONSE_ITEMS = 250_000;
export const DEFAULT_RETRY: Required<RetryOptions> = {
  attempts: 3,
  deadline: 30_000,
  baseDelay: 300,
  maxDelay: 5_000,
};

interface Runtime {
  platform: string;
  platformVersion?: string;
}

/** Where we run, without importing anything Node-specific (this package must bundle for browsers). */
function detectRuntime(): Runtime {
  const g = globalThis as {
    process?: { versions?: { node?: string }; platform?: string };
    navigator?: { userAgent?: string };
    Deno?: { version?: { deno?: string } };
    Bun?: { version?: string };
  };
  if (g.Deno?.version?.deno) return { platform: 'Deno', platformVersion: g.Deno.version.deno };
  if (g.Bun?.version) return { platform: 'Bun', platformVersion: g.Bun.version };
  if (g.process?.versions?.node) return { platform: 'Node.js', platformVersion: g.process.versions.node };
  const ua = g.navigator?.userAgent ?? '';
  for (const [name, re] of [
    ['Edge', /Edg\/([\d.]+)/],
    ['Firefox', /Firefox\/([\d.]+)/],
    ['Chrome', /Chrome\/([\d.]+)/],
    ['Safari', /Version\/([\d.]+).*Safari/],
  ] as const) {
    const m = re.exec(ua);
    if (m) return { platform: name, platformVersion: m[1] };
  }
  return { platform: 'Web' };
}

/** The `X-Plex-*` identity headers for these options (no token: the transport adds it per request). */
export function identityHeaders(options: ClientOptions): Record<string, string> {
  const runtime = detectRuntime();
  const product = options.product ?? 'plextv';
  const platform = options.platform ?? runtime.platform;
  const headers: Record<string, string> = {
    'X-Plex-Client-Identifier': options.clientIdentifier,
    'X-Plex-Product': product,
    'X-Plex-Platform': platform,
    'X-Plex-Device': options.device ?? platform,
    'X-Plex-Device-Name': options.deviceName ?? product,
    'X-Plex-Language': options.language ?? 'en',
  };
  const version = options.version ?? (options.product === undefined ? VERSION : undefined);
  if (version) headers['X-Plex-Version'] = version;
  const platformVersion = options.platformVersion ?? runtime.platformVersion;
  if (platformVersion) headers['X-Plex-Platform-Version'] = platformVersion;
  return { ...headers, ...options.headers };
}

/**
 * Which host: plex.tv, its client API (clients.plex.tv: PINs with keys, Plex JWT), or a service around it:
 * `discover` (discover.provider.plex.tv: watchlist, search, user state), `metadata`
 * (metadata.provider.plex.tv), `community` (community.plex.tv: GraphQL, friends' watchlists).
 */
export type Host = 'plex.tv' | 'clients' | 'discover' | 'metadata' | 'community';

/** Each host's base URL for these options: a lone `baseUrl` (an emulator) serves every host; a host's own option wins. */
export function hostBases(options: ClientOptions): Record<Host, string> {
  const base = options.baseUrl;
  return {
    'plex.tv': base ?? DEFAULT_BASE_URL,
    clients: options.clientsBaseUrl ?? base ?? DEFAULT_CLIENTS_BASE_URL,
    discover: options.discoverUrl ?? base ?? DEFAULT_DISCOVER_URL,
    metadata: options.metadataUrl ?? base ?? DEFAULT_METADATA_URL,
    community: options.communityUrl ?? base ?? DEFAULT_COMMUNITY_URL,
  };
}

/** The answer limits for these options (a `TypeError` for a limit that is not a positive number). */
export function responseLimits(options: ClientOptions): { bytes: number; items: number } {
  return {
    bytes: positive(options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes'),
    items: positive(options.maxResponseItems, DEFAULT_MAX_RESPONSE_ITEMS, 'maxResponseItems'),
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0)
    throw new TypeError(`plextv: \`${name}\` must be a positive number, got ${String(value)}`);
  return value;
}
