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
  const service = {
    identifier: undefined,
    endpoint: undefined,
    token: undefined,
    secret: undefined,
    status: undefined,
    extra: undefined,
  } as unknown as AccountService;
  service.extra = TABLE.fill(w, service as unknown as Record<string, unknown>);
  if (service.identifier === undefined) {
    throw missing(w, 'identifier', w.get('identifier'), 'a non-empty string', ctx);
  }
  return service;
}
