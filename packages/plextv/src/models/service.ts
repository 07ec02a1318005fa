/** `account.services[]`: third-party services plex.tv provisions for the account (EPG, lyrics, …). */
import { extras, type Wire } from '../wire/wire.js';
import { type DecodeContext, requireStr, str } from './read.js';

/** A provisioned service. `token` and `secret` are credentials: treat them like the account token. */
export interface AccountService {
  identifier: string;
  endpoint?: string;
  token?: string;
  secret?: string;
  /** e.g. `online`. */
  status?: string;
  extra: Record<string, unknown>;
}

const KNOWN = new Set(['identifier', 'endpoint', 'token', 'secret', 'status']);

export function decodeService(w: Wire, ctx: DecodeContext): AccountService {
  return {
    identifier: requireStr(w, ['identifier'], ctx),
    endpoint: str(w, 'endpoint'),
    token: str(w, 'token'),
    secret: str(w, 'secret'),
    status: str(w, 'status'),
    extra: extras(w, KNOWN),
  };
}
