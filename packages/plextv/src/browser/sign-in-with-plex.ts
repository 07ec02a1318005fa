/**
 * "Sign in with Plex" for web pages: the popup dance done once, properly.
 *
 * - The popup opens synchronously inside the click handler (before any await), so blockers allow it, and is
 *   navigated to Plex once the PIN exists.
 * - Closing the popup is noticed; a last check catches an approval that happened just before.
 * - A second click while a popup sign-in is pending (same window) opens nothing new: it focuses the popup and
 *   resolves with the same outcome as the first.
 * - Redirect mode (mobile browsers, in-app browsers, iframes): the PIN id is kept in `sessionStorage`, never in
 *   a URL, and `completeSignInWithPlex()` finishes the job when the auth app sends the browser back.
 * - Works with the Plex JWT variant: pass the app's device key.
 */
import type { PlexTvClient } from '../client.js';
import { getUser } from '../endpoints/account.js';
import { authUrl, checkPin, createPin, waitForPin } from '../endpoints/pins.js';
import { AbortedError, PinExpiredError } from '../errors.js';
import { createClientJwt } from '../jwt/client-jwt.js';
import type { DeviceKey } from '../jwt/device-key.js';
import type { UserPlexAccount } from '../models/account.js';
import type { Pin } from '../models/pin.js';

/** How a "Sign in with Plex" ended: signed in (with the token, and the account when asked), or why not. */
export type SignInOutcome =
  | { status: 'signed-in'; token: string; pin: Pin; account?: UserPlexAccount }
  | { status: 'popup-closed' }
  | { status: 'popup-blocked' }
  | { status: 'expired' }
  | { status: 'aborted' }
  /** Redirect mode: the page is on its way to Plex; call `completeSignInWithPlex()` when it comes back. */
  | { status: 'redirecting'; url: string };

/** The bits of `window` the kit uses (a real `window` fits; tests pass a stand-in). */
export interface BrowserWindow {
  /** Opens the auth app (`window.open`). */
  open(url?: string, target?: string, features?: string): PopupWindow | null;
  /** Where the page is; redirect mode assigns the auth app URL. */
  location: {
    href: string;
    /** Navigates to `url` (redirect mode). */
    assign(url: string): void;
  };
  sessionStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/** The popup `open` returned: watched for closing, closed once signed in. */
export interface PopupWindow {
  closed: boolean;
  /** Closes the popup. */
  close(): void;
  /** Bring the popup to the front (a second click while it is open). */
  focus?(): void;
  location: { href: string } | Location;
  document?: Document;
}

/** Options of `signInWithPlex`: the client, popup or redirect mode, the Plex JWT variant, the account. */
export interface SignInWithPlexOptions {
  client: PlexTvClient;
  /** `popup` (default) or `redirect`. */
  mode?: 'popup' | 'redirect';
  /** Redirect mode: where Plex sends the browser back (default: the current page). Popup mode: optional. */
  forwardUrl?: string;
  /** The auth app (default `https://app.plex.tv/auth`). */
  authAppUrl?: string;
  /** Plex JWT variant: the app's device key; the outcome's token is then a Plex JWT. */
  deviceKey?: DeviceKey;
  /** Also fetch the account once signed in. */
  account?: boolean;
  signal?: AbortSignal;
  /** Popup size and placement (`window.open` features). */
  popupFeatures?: string;
  /** Poll interval in ms (default 1000). */
  interval?: number;
  /** Defaults to the global `window`. */
  window?: BrowserWindow;
}

const STORAGE_KEY = 'plextv:pending-sign-in';

interface Pending {
  id: number;
  code: string;
  clientIdentifier: string;
  expiresAt: number;
  kid?: string;
}

function browserWindow(given?: BrowserWindow): BrowserWindow {
  const w = given ?? (globalThis as { window?: BrowserWindow }).window;
  if (!w) throw new TypeError('signInWithPlex: no window (pass `window` outside a browser)');
  return w;
}

// The popup sign-in in progress per window: the popup is one named window, so two would share it.
const pendingPopups = new WeakMap<BrowserWindow, { popup: PopupWindow; outcome: Promise<SignInOutcome> }>();

/**
 * Start "Sign in with Plex". Call it directly from a click handler: the popup is opened before the first
 * await. Resolves with a typed outcome; network and plex.tv errors reject as usual. While a popup sign-in is
 * pending, another call (a second click) focuses that popup and resolves (or rejects) with the same outcome:
 * its own options are not used.
 */
export function signInWithPlex(options: SignInWithPlexOptions): Promise<SignInOutcome> {
  const win = browserWindow(options.window);
  if (options.mode === 'redirect') return startRedirect(win, options);
  const pending = pendingPopups.get(win);
  if (pending) {
    try {
      pending.popup.focus?.();
    } catch {
      // Some browsers refuse focus(); joining the outcome is what matters.
    }
    return pending.outcome;
  }
  // Synchronous on purpose: popup blockers only allow window.open in the click's own task.
  const popup = win.open('', 'plex-sign-in', options.popupFeatures ?? centeredFeatures(win));
  if (!popup) return Promise.resolve({ status: 'popup-blocked' });
  try {
    if (popup.document) popup.document.title = 'Connecting to Plex…';
  } catch {
    // Cross-origin already: nothing to decorate.
  }
  const outcome = runPopup(popup, options).finally(() => {
    if (pendingPopups.get(win)?.outcome === outcome) pendingPopups.delete(win);
  });
  pendingPopups.set(win, { popup, outcome });
  return outcome;
}

function centeredFeatures(win: BrowserWindow): string {
  const w = 600;
  const h = 700;
  const screen = (win as { screen?: { width?: number; height?: number } }).screen;
  const left = Math.max(0, ((screen?.width ?? w) - w) / 2);
  const top = Math.max(0, ((screen?.height ?? h) - h) / 2);
  return `popup=yes,width=${w},height=${h},left=${left},top=${top}`;
}

async function runPopup(popup: PopupWindow, options: SignInWithPlexOptions): Promise<SignInOutcome> {
  const { client } = options;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let closedTimer: ReturnType<typeof setInterval> | undefined;
  try {
    if (options.signal?.aborted) return { status: 'aborted' };
    const pin = await createPin(client, { strong: true, deviceKey: options.deviceKey, signal: stop.signal });
    if (popup.closed) return await lastLook(pin, options);
    popup.location.href = authUrl(client, pin, {
      forwardUrl: options.forwardUrl,
      authAppUrl: options.authAppUrl,
    });

    let closed = false;
    closedTimer = setInterval(() => {
      if (popup.closed) {
        closed = true;
        stop.abort();
      }
    }, 250);
    try {
      const approved = await waitForPin(client, pin, { interval: options.interval, signal: stop.signal });
      return await signedIn(approved, options);
    } catch (error) {
      if (error instanceof AbortedError && closed && !options.signal?.aborted)
        return await lastLook(pin, options);
      throw error;
    }
  } catch (error) {
    return outcomeOf(error);
  } finally {
    if (closedTimer !== undefined) clearInterval(closedTimer);
    options.signal?.removeEventListener('abort', onAbort);
    if (!popup.closed) popup.close();
  }
}

/** The popup closed: the user may have approved just before closing it. */
async function lastLook(pin: Pin, options: SignInWithPlexOptions): Promise<SignInOutcome> {
  const deviceJwt = options.deviceKey ? await createClientJwt(options.client, options.deviceKey) : undefined;
  const current = await checkPin(options.client, pin.id, { deviceJwt, signal: options.signal });
  return current.authToken ? signedIn(current, options) : { status: 'popup-closed' };
}

async function signedIn(pin: Pin, options: SignInWithPlexOptions): Promise<SignInOutcome> {
  const token = pin.authToken!;
  if (!options.account) return { status: 'signed-in', token, pin };
  const account = await getUser(options.client.withToken(token), { signal: options.signal });
  return { status: 'signed-in', token, pin, account };
}

function outcomeOf(error: unknown): SignInOutcome {
  if (error instanceof AbortedError) return { status: 'aborted' };
  if (error instanceof PinExpiredError) return { status: 'expired' };
  throw error;
}

async function startRedirect(win: BrowserWindow, options: SignInWithPlexOptions): Promise<SignInOutcome> {
  const { client } = options;
  try {
    const pin = await createPin(client, {
      strong: true,
      deviceKey: options.deviceKey,
      signal: options.signal,
    });
    const pending: Pending = {
      id: pin.id,
      code: pin.code,
      clientIdentifier: client.identityHeaders['X-Plex-Client-Identifier']!,
      // By our clock: plex.tv's `expiresAt` is by its own.
      expiresAt:
        pin.expiresIn !== undefined
          ? Date.now() + pin.expiresIn * 1000
          : (pin.expiresAt?.getTime() ?? Date.now() + 1_800_000),
      kid: options.deviceKey?.kid,
    };
    win.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(pending));
    const url = authUrl(client, pin, {
      forwardUrl: options.forwardUrl ?? win.location.href,
      authAppUrl: options.authAppUrl,
    });
    win.location.assign(url);
    return { status: 'redirecting', url };
  } catch (error) {
    return outcomeOf(error);
  }
}

/** Options of `completeSignInWithPlex` (redirect mode, on every page load). */
export interface CompleteSignInOptions {
  client: PlexTvClient;
  deviceKey?: DeviceKey;
  account?: boolean;
  signal?: AbortSignal;
  /** How long to keep checking after the return (ms, default 10 000): approval can lag the redirect. */
  timeout?: number;
  interval?: number;
  window?: BrowserWindow;
}

/**
 * Finish a redirect-mode sign-in on the page Plex sent the browser back to. Resolves with the outcome, or
 * `undefined` when no sign-in was pending (call it on every page load). The pending PIN is cleared either way.
 */
export async function completeSignInWithPlex(
  options: CompleteSignInOptions,
): Promise<SignInOutcome | undefined> {
  const win = browserWindow(options.window);
  const raw = win.sessionStorage.getItem(STORAGE_KEY);
  if (raw === null) return undefined;
  win.sessionStorage.removeItem(STORAGE_KEY);
  let pending: Pending;
  try {
    pending = JSON.parse(raw) as Pending;
  } catch {
    return undefined;
  }
  const me = options.client.identityHeaders['X-Plex-Client-Identifier'];
  if (pending.clientIdentifier !== me || typeof pending.id !== 'number') return undefined;
  if (pending.kid !== undefined && pending.kid !== options.deviceKey?.kid) {
    throw new TypeError(
      'completeSignInWithPlex: this sign-in was started with a device key; pass the same `deviceKey`',
    );
  }
  const pin: Pin = { id: pending.id, code: pending.code, extra: {} };
  try {
    const remaining = pending.expiresAt - Date.now();
    if (remaining <= 0) return { status: 'expired' };
    const approved = await waitForPin(options.client, pin, {
      deviceKey: options.deviceKey,
      interval: options.interval,
      signal: options.signal,
      timeout: Math.min(remaining, options.timeout ?? 10_000),
    });
    return await signedIn(approved, {
      client: options.client,
      account: options.account,
      signal: options.signal,
    });
  } catch (error) {
    return outcomeOf(error);
  }
}
