/**
 * What route handlers share: the current state (replaced wholesale by control.reset, hence a getter)
 * and the request helpers every plex.tv endpoint needs.
 */

import type { Context } from 'hono';
import type { EmulatorControl } from '../control/control.js';
import type { FakeServers, PmsRegistry } from '../pms/registry.js';
import { CLIENT_HEADER_NAMES, type ClientHeaders, touchClientDevice } from '../state/client-devices.js';
import { ERRORS, PlexHttpError } from '../state/errors.js';
import { looksLikeJwt, verifyPlexJwt } from '../state/jwt.js';
import type { Account, EmulatorState, Token } from '../state/model.js';
import { negotiate, type WireFormat } from '../wire/format.js';

export interface Runtime {
  readonly state: EmulatorState;
  readonly control: EmulatorControl;
  /** The fake servers' connections, behaviours and (while running) loopback bindings. */
  readonly pms: PmsRegistry;
  readonly servers: FakeServers;
}

/**
 * The caller's address when the request came through `emulator.listen()` or the bin; in process
 * (emulator.fetch, MSW) there is no socket and we say 203.0.113.10 (TEST-NET-3, demo's "home"
 * public address in the demo seed). IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is unwrapped.
 */
export const IN_PROCESS_IP = '203.0.113.10';

export function callerIp(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const raw = env?.incoming?.socket?.remoteAddress;
  if (!raw) return IN_PROCESS_IP;
  return raw.toLowerCase().startsWith('::ffff:') && raw.includes('.') ? raw.slice(7) : raw;
}

export function format(c: Context): WireFormat {
  // The emulator's own endpoints are JSON only. The JWT endpoints are JSON APIs: JSON unless the
  // client explicitly asks for XML (our choice).
  if (c.req.path.startsWith('/__emulator/')) return 'json';
  // `/devices.xml`, `/api/claim/token.json`: the suffix decides, whatever Accept says.
  if (c.req.path.endsWith('.json')) return 'json';
  if (c.req.path.endsWith('.xml')) return 'xml';
  if (c.req.path.startsWith('/api/v2/auth/')) {
    return /\bxml\b/i.test(c.req.header('accept') ?? '') ? 'xml' : 'json';
  }
  return negotiate(c.req.raw);
}

/** X-Plex-* values come from a header or, as plex.tv also allows, the query string. */
export function plexParam(c: Context, name: string): string | null {
  const value = c.req.header(name) ?? c.req.query(name);
  return value === undefined || value === '' ? null : value;
}

/** What the client says about itself (X-Plex-* headers or query parameters): a device's fields. */
export function clientHeaders(c: Context): ClientHeaders {
  const out = {} as ClientHeaders;
  for (const [field, name] of Object.entries(CLIENT_HEADER_NAMES)) {
    out[field as keyof ClientHeaders] = plexParam(c, name);
  }
  return out;
}

/**
 * The request's token and its account, or a 401 code 1001. A token is either a legacy token
 * (`state.tokens`) or a Plex JWT signed by a published emulator key and not expired; a JWT gets a
 * synthetic Token record (issuedAt = iat, rememberExpiresAt = exp) that is not stored.
 */
export async function authenticate(
  c: Context,
  runtime: Runtime,
): Promise<{ account: Account; token: Token }> {
  const value = plexParam(c, 'X-Plex-Token');
  if (value === null) throw new PlexHttpError(ERRORS.unauthenticated);
  const { state } = runtime;
  const token = state.tokens.get(value);
  const account = token ? state.accounts.get(token.accountId) : undefined;
  if (token && account) {
    touchClientDevice(state, token);
    return { account, token };
  }
  if (looksLikeJwt(value)) {
    const verified = await verifyPlexJwt(state, value);
    if (verified) {
      const { account, claims } = verified;
      const aud = Array.isArray(claims.aud) ? claims.aud : [];
      const jwtToken: Token = {
        token: value,
        accountId: account.id,
        issuedAt: claims.iat as number,
        rememberExpiresAt: account.managed ? null : (claims.exp as number),
        clientIdentifier: typeof aud[1] === 'string' ? aud[1] : null,
      };
      touchClientDevice(state, jwtToken);
      return { account, token: jwtToken };
    }
  }
  throw new PlexHttpError(ERRORS.unauthenticated);
}
