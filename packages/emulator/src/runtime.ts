/**
 * What route handlers share: the current state (replaced wholesale by control.reset, hence a getter)
 * and the request helpers every plex.tv endpoint needs.
 */

import type { Context } from 'hono';
import { looksLikeJwt, verifyPlexJwt } from './auth.js';
import type { EmulatorControl } from './control.js';
import type { Account, EmulatorState, Token } from './state.js';
import { ERRORS, PlexHttpError } from './wire/errors.js';
import { negotiate, type WireFormat } from './wire/format.js';

export interface Runtime {
  readonly state: EmulatorState;
  readonly control: EmulatorControl;
}

export function format(c: Context): WireFormat {
  // The emulator's own endpoints are JSON only. The JWT endpoints are JSON APIs: JSON unless the
  // client explicitly asks for XML (our choice).
  if (c.req.path.startsWith('/__emulator/')) return 'json';
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
  if (token && account) return { account, token };
  if (looksLikeJwt(value)) {
    const verified = await verifyPlexJwt(state, value);
    if (verified) {
      const { account, claims } = verified;
      const aud = Array.isArray(claims.aud) ? claims.aud : [];
      return {
        account,
        token: {
          token: value,
          accountId: account.id,
          issuedAt: claims.iat as number,
          rememberExpiresAt: account.managed ? null : (claims.exp as number),
          clientIdentifier: typeof aud[1] === 'string' ? aud[1] : null,
        },
      };
    }
  }
  throw new PlexHttpError(ERRORS.unauthenticated);
}
