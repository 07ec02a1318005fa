import type { Context, MiddlewareHandler } from 'hono';
import { format } from '../routes/runtime.js';
import type { PlexErrorBody } from '../state/errors.js';
import { errorResponse } from '../wire/format.js';
import { isEmulatorPath } from './paths.js';

/**
 * Who may talk to a loopback server (`emulator.listen()`, the bin). server/listen.ts builds one per
 * listening socket and hands it to the app with each request (in the env bindings); in process and
 * through MSW there is no socket, no other page can reach the handler, and no access is checked.
 */
export interface SocketAccess {
  /** Whether a `Host` header's host name (lower case, no port, IPv6 without brackets) may be served. */
  hostAllowed(hostname: string): boolean;
  /** The allowed host names, for the refusal's message. */
  readonly allowed: readonly string[];
  /** When set, `/__emulator/…` (except the auth page's back end) needs it in CONTROL_SECRET_HEADER. */
  readonly controlSecret: string | null;
}

/** The header that carries the control secret. */
export const CONTROL_SECRET_HEADER = 'X-Emulator-Secret';

/** The auth page's back end: called by the page itself (same origin), guarded by passwords, not the secret. */
const AUTH_PAGE_API = /^\/__emulator\/auth\//;

function accessOf(c: Context): SocketAccess | undefined {
  return (c.env as { access?: SocketAccess } | undefined)?.access;
}

/** `Host` -> host name: lower case, port and IPv6 brackets removed, trailing dot dropped. */
export function hostnameOf(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[')) name = name.slice(1, name.indexOf(']') === -1 ? undefined : name.indexOf(']'));
  else if (name.split(':').length === 2) name = name.slice(0, name.indexOf(':'));
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

function refuse(c: Context, body: PlexErrorBody): Response {
  return errorResponse(format(c), body, { 'Cache-Control': 'no-store' });
}

/**
 * On a socket, refuse a request whose `Host` is not a name the server answers to (403): a page
 * that rebinds its own domain name to 127.0.0.1 (DNS rebinding) cannot reach the emulator.
 */
export function hostGuard(): MiddlewareHandler {
  return async (c, next) => {
    const access = accessOf(c);
    if (!access) return next();
    const host = c.req.header('host') ?? '';
    if (access.hostAllowed(hostnameOf(host))) return next();
    return refuse(c, {
      code: 1000,
      message: `Host ${JSON.stringify(host)} is not allowed: plextv-emulator answers to ${access.allowed.join(', ')} (see allowedHosts / --allowed-host)`,
      status: 403,
    });
  };
}

/** Constant-time string comparison (no early exit on the first different character). */
function sameSecret(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ (b[i] as number);
  return diff === 0;
}

/**
 * On a socket, `/__emulator/…` refuses (403) a browser request from another origin (an `Origin`
 * that is not this server's, or `Sec-Fetch-Site` other than `same-origin`/`none`): the control API
 * has no CORS, and this also stops "simple" cross-site requests that need no preflight. With a
 * control secret, every control call (not the auth page's back end) must carry it (401 otherwise).
 */
export function controlGuard(): MiddlewareHandler {
  return async (c, next) => {
    const access = accessOf(c);
    if (!access || !isEmulatorPath(c.req.path)) return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    let crossOrigin = site !== undefined && site !== 'same-origin' && site !== 'none';
    if (origin !== undefined) {
      let originHost: string | null = null;
      try {
        originHost = new URL(origin).host.toLowerCase();
      } catch {
        originHost = null;
      }
      if (originHost !== (c.req.header('host') ?? '').toLowerCase()) crossOrigin = true;
    }
    if (crossOrigin) {
      return refuse(c, {
        code: 1000,
        message: 'The emulator API is not open to other origins (a browser page may use the plex.tv routes)',
        status: 403,
      });
    }
    if (access.controlSecret !== null && !AUTH_PAGE_API.test(c.req.path)) {
      const given = c.req.header(CONTROL_SECRET_HEADER);
      if (given === undefined || !sameSecret(given, access.controlSecret)) {
        return refuse(c, {
          code: 1001,
          message: `The control API needs the ${CONTROL_SECRET_HEADER} header (the emulator's control secret)`,
          status: 401,
        });
      }
    }
    return next();
  };
}
