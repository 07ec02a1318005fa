/** `account.services[]`: third-party services plex.tv provisions for the account (EPG, lyrics, …). */
import { FieldTable } from '../wire/table.js';
import type { Wire } from '../wire/wire.js';
import { type DecodeContext, missing } from './read.js';

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

const TABLE = new FieldTable([
  ['identifier', 'str'],
  ['endpoint', 'str'],
  ['token', 'str'],
  ['secret', 'str'],
  ['status', 'str'],
]);

export function decodeService(w: Wire, ctx: DecodeContext): AccountService {
  const v = TABLE.read(w);
  if (v[0] === undefined) throw missing(w, 'identifier', w.get('identifier'), 'a non-empty string', ctx);
  return { identifier: v[0], endpoint: v[1], token: v[2], secret: v[3], status: v[4], extra: v[5] };
}
