/** Decode bodies you already have (captures, caches, webhooks) with the same decoders the client uses. */
import { objectBody, type ParseOptions, parser } from './endpoints/body.js';
import { PIN } from './endpoints/pins.js';
import { type AccountDecodeOptions, decodeAccount, type UserPlexAccount } from './models/account.js';
import type { Pin } from './models/pin.js';

/**
 * Decode an account body, XML or JSON (detected from `contentType`, else from the text).
 * Throws `DecodeError` for unreadable text or a missing identity field.
 */
export const parseUserPlexAccount: (
  text: string,
  options?: AccountDecodeOptions & ParseOptions,
) => Promise<UserPlexAccount> = parser(
  objectBody<UserPlexAccount, AccountDecodeOptions>('user', decodeAccount, 'an account object'),
  'account',
);

/** Decode a PIN body (`/api/v2/pins`), XML or JSON. */
export const parsePin: (text: string, options?: ParseOptions) => Promise<Pin> = parser(PIN, 'PIN');
