/**
 * What route handlers share: the current state (replaced wholesale by control.reset, hence a getter)
 * and the request helpers every plex.tv endpoint needs.
 */

import type { Context } from 'hono';
import type { Account, EmulatorState, Token } from './state.js';
import { ERRORS, PlexHttpError } from './wire/errors.js';
import { negotiate, type WireFormat } from './wire/format.js';

export interface Runtime {
  readonly state: EmulatorState;
}

export function format(c: Context): WireFormat {
  return negotiate(c.req.raw);
}

/** X-Plex-* values come from a header or, as plex.tv also allows, the query string. */
export function plexParam(c: Context, name: string): string | null {
  const value = c.req.header(name) ?? c.req.query(name);
  return value === undefined || value === '' ? null : value;
}

/** The request's token and its account, or a 401 code 1001. */
export function authenticate(c: Context, runtime: Runtime): { account: Account; token: Token } {
  const value = plexParam(c, 'X-Plex-Token');
  const token = value === null ? undefined : runtime.state.tokens.get(value);
  const account = token ? runtime.state.accounts.get(token.accountId) : undefined;
  if (!token || !account) throw new PlexHttpError(ERRORS.unauthenticated);
  return { account, token };
}
