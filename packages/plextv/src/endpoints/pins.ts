/**
 * PIN sign-in: create a PIN, send the user to approve it (plex.tv/link for 4-character codes, the auth app
 * for strong ones), poll until the token arrives. Also `linkPin`: approve another device's code.
 */
import type { PlexTvClient } from '../client.js';
import {
  AbortedError,
  NetworkError,
  NotFoundError,
  PinExpiredError,
  RateLimitedError,
  ServerError,
  TimeoutError,
} from '../errors.js';
import { createClientJwt } from '../jwt/client-jwt.js';
import type { DeviceKey } from '../jwt/device-key.js';
import { decodePin, type Pin } from '../models/pin.js';
import { DEFAULT_AUTH_APP_URL, DEFAULT_TIMEOUT } from '../options.js';
import type { CallOptions } from '../transport.js';
import { objectBody } from './body.js';
import { call } from './call.js';
import { route, variant } from './route.js';

export const PIN = objectBody('pin', decodePin, 'a PIN object');

// Creating twice makes two PINs: never retried.
const CREATE_PIN = route('createPin', 'POST /api/v2/pins', { auth: false, idempotent: false, body: PIN });
const CREATE_JWT_PIN = variant(CREATE_PIN, { host: 'clients' });
const CHECK_PIN = route('checkPin', 'GET /api/v2/pins/{id}', {
  params: { id: "the PIN's id (Pin.id)" },
  auth: false,
  body: PIN,
});
const CHECK_JWT_PIN = variant(CHECK_PIN, { host: 'clients' });
const LINK_PIN = route('linkPin', 'PUT /api/v2/pins/link', { idempotent: false });

export interface CreatePinOptions extends CallOptions {
  /** A 25-character code for the OAuth flow (true), or a 4-character one for plex.tv/link (false, default). */
  strong?: boolean;
  /**
   * The Plex JWT variant: the PIN carries this device key's public JWK (on clients.plex.tv), and approving it
   * yields a Plex JWT instead of a legacy token.
   */
  deviceKey?: DeviceKey;
}

// Which device key a JWT-variant PIN belongs to, so waiting on it needs no extra argument.
const pinKeys = new WeakMap<Pin, DeviceKey>();

/** Create a sign-in PIN (`POST /api/v2/pins`). No token needed. */
export async function createPin(client: PlexTvClient, options: CreatePinOptions = {}): Promise<Pin> {
  const { strong, deviceKey, ...rest } = options;
  const pin = withLocalExpiry(
    deviceKey
      ? await call(
          client,
          CREATE_JWT_PIN,
          { json: { jwk: deviceKey.publicJwk, strong: strong === true } },
          rest,
        )
      : await call(client, CREATE_PIN, { query: { strong: strong ? 'true' : undefined } }, rest),
  );
  if (deviceKey) pinKeys.set(pin, deviceKey);
  return pin;
}

export interface CheckPinOptions extends CallOptions {
  /** JWT variant: a client JWT signed by the PIN's device key (plex.tv wants it as `deviceJWT`). */
  deviceJwt?: string;
}

/** Look a PIN up (`GET /api/v2/pins/{id}`); `authToken` is set once the user approved it. */
export async function checkPin(
  client: PlexTvClient,
  id: number,
  options: CheckPinOptions = {},
): Promise<Pin> {
  const { deviceJwt, ...rest } = options;
  try {
    // plex.tv takes the client JWT as a query parameter; it is a 5-minute proof of key possession, not a token.
    const pin = deviceJwt
      ? await call(client, CHECK_JWT_PIN, { params: { id }, query: { deviceJWT: deviceJwt } }, rest)
      : await call(client, CHECK_PIN, { params: { id } }, rest);
    return withLocalExpiry(pin);
  } catch (error) {
    // plex.tv forgets expired PINs: "Code not found or expired" (404, code 1020).
    if (error instanceof NotFoundError) throw new PinExpiredError(error.message, { ...error, cause: error });
    throw error;
  }
}

// When the PIN expires by *our* clock: plex.tv's `expiresAt` is in its clock, `expiresIn` is not.
const localExpiry = new WeakMap<Pin, number>();

function withLocalExpiry(pin: Pin): Pin {
  const ms =
    pin.expiresIn !== undefined
      ? Date.now() + pin.expiresIn * 1000
      : (pin.expiresAt?.getTime() ?? Date.now() + 900_000);
  localExpiry.set(pin, ms);
  return pin;
}

/** Options of `authUrl`. */
export interface AuthUrlOptions {
  /** Where the auth app sends the browser once the user decided (redirect mode). */
  forwardUrl?: string;
  /** The auth app, for this URL only. Default: the client's `authAppUrl` (itself `https://app.plex.tv/auth`). */
  authAppUrl?: string;
}

/**
 * The URL that asks the user to approve `pin` in Plex's auth app
 * (`https://app.plex.tv/auth#?clientID=…&code=…&context[device][product]=…`). Every parameter is URL-encoded.
 */
export function authUrl(client: PlexTvClient, pin: Pick<Pin, 'code'>, options: AuthUrlOptions = {}): string {
  const h = client.identityHeaders;
  const params: Array<[string, string | undefined]> = [
    ['clientID', h['X-Plex-Client-Identifier']],
    ['code', pin.code],
    ['context[device][product]', h['X-Plex-Product']],
    ['context[device][version]', h['X-Plex-Version']],
    ['context[device][platform]', h['X-Plex-Platform']],
    ['context[device][platformVersion]', h['X-Plex-Platform-Version']],
    ['context[device][device]', h['X-Plex-Device']],
    ['context[device][deviceName]', h['X-Plex-Device-Name']],
    ['forwardUrl', options.forwardUrl],
  ];
  const query = params
    .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const app = options.authAppUrl ?? client.options.authAppUrl ?? DEFAULT_AUTH_APP_URL;
  return `${app.replace(/\/+$/, '')}#?${query}`;
}

/** Options of `waitForPin`. */
export interface WaitForPinOptions {
  /** JWT variant: the PIN's device key (known already when `createPin` made the PIN). */
  deviceKey?: DeviceKey;
  /** Poll every this many ms. Default 1000. */
  interval?: number;
  /** Give up earlier than the PIN's expiry (ms from now): then `TimeoutError` (the PIN is still valid). */
  timeout?: number;
  signal?: AbortSignal;
  /** Called after every poll (e.g. to update a spinner). */
  onPoll?: (pin: Pin) => void;
}

/** A PIN the user approved: its `authToken` is set (a legacy token, or a Plex JWT for the JWT variant). */
export type ApprovedPin = Pin & { authToken: string };

/**
 * Poll a PIN until the user approves it; resolves with the approved PIN (`authToken` set).
 * Backs off on 429 and rides out network and server errors. When it gives up (the next poll would come too
 * late), the error says why: `RateLimitedError` when plex.tv was still rate limiting the polls, `TimeoutError`
 * when `timeout` ran out while the PIN is still valid, `PinExpiredError` when the PIN expired (or plex.tv no
 * longer knows it). `AbortedError` when `signal` fires.
 */
export async function waitForPin(
  client: PlexTvClient,
  pin: Pin,
  options: WaitForPinOptions = {},
): Promise<ApprovedPin> {
  const interval = Math.max(50, options.interval ?? 1000);
  const expires = localExpiry.get(pin) ?? pin.expiresAt?.getTime() ?? Date.now() + 900_000;
  const deadline = options.timeout === undefined ? expires : Math.min(expires, Date.now() + options.timeout);
  const { signal } = options;
  const deviceKey = options.deviceKey ?? pinKeys.get(pin);
  let deviceJwt: { jwt: string; renewAt: number } | undefined;
  let delay = interval;
  let lastError: RateLimitedError | NetworkError | ServerError | undefined;
  const path = `/api/v2/pins/${pin.id}`;
  /** Why the wait ends here: the PIN is not necessarily expired. */
  const givingUp = () => {
    if (lastError instanceof RateLimitedError) {
      return new RateLimitedError(
        `PIN ${pin.code}: plex.tv was still rate limiting the polls when the wait ran out (${lastError.message})`,
        { method: 'GET', path, status: 429, retryAfterMs: lastError.retryAfterMs, cause: lastError },
      );
    }
    if (deadline < expires) {
      return new TimeoutError(`PIN ${pin.code} was not approved within ${options.timeout} ms`, {
        method: 'GET',
        path,
        cause: lastError,
      });
    }
    return new PinExpiredError(`PIN ${pin.code} expired before it was approved`, { method: 'GET', path });
  };
  for (;;) {
    if (signal?.aborted) throw aborted(pin);
    let current: Pin | undefined;
    try {
      // A client JWT lives 5 minutes; make a new one well before that.
      if (deviceKey && (!deviceJwt || Date.now() >= deviceJwt.renewAt)) {
        deviceJwt = { jwt: await createClientJwt(client, deviceKey), renewAt: Date.now() + 240_000 };
      }
      current = await checkPin(client, pin.id, {
        signal,
        deviceJwt: deviceJwt?.jwt,
        timeout: Math.max(1, Math.min(client.options.timeout ?? DEFAULT_TIMEOUT, deadline - Date.now())),
      });
      delay = interval;
      lastError = undefined;
    } catch (error) {
      if (error instanceof AbortedError) throw error;
      // Transient trouble: wait longer each time (a longer Retry-After wins; `Retry-After: 0` does not undo
      // the backoff), never give up before expiry.
      if (error instanceof RateLimitedError) {
        delay = Math.max(Math.min(delay * 2, 30_000), error.retryAfterMs ?? 0);
        lastError = error;
      } else if (error instanceof NetworkError || error instanceof ServerError) {
        delay = Math.min(delay * 2, 30_000);
        lastError = error;
      } else throw error;
    }
    if (current) {
      options.onPoll?.(current);
      if (current.authToken) return current as ApprovedPin;
    }
    if (Date.now() + delay >= deadline) throw givingUp();
    await pause(delay, signal, pin);
  }
}

function aborted(pin: Pin): AbortedError {
  return new AbortedError('waiting for the PIN was aborted', {
    method: 'GET',
    path: `/api/v2/pins/${pin.id}`,
  });
}

function pause(ms: number, signal: AbortSignal | undefined, pin: Pin): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted(pin));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Approve another device's 4-character PIN with this client's account (`PUT /api/v2/pins/link`, what
 * plex.tv/link does).
 */
export async function linkPin(client: PlexTvClient, code: string, options: CallOptions = {}): Promise<void> {
  try {
    await call(client, LINK_PIN, { form: { code: code.trim().toUpperCase() } }, options);
  } catch (error) {
    // An unknown or expired code: plex.tv answers 404 "Code not found or expired" (1020).
    if (error instanceof NotFoundError) throw new PinExpiredError(error.message, { ...error, cause: error });
    throw error;
  }
}
