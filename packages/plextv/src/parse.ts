/** Decode bodies you already have (captures, caches, webhooks) with the same decoders the client uses. */
import { DecodeError } from './errors.js';
import { type AccountDecodeOptions, decodeAccount, type UserPlexAccount } from './models/account.js';
import { decodePin, type Pin } from './models/pin.js';
import { objectOf, parseBody } from './wire/body.js';

/**
 * Decode an account body, XML or JSON (detected from `contentType`, else from the text).
 * Throws `DecodeError` for unreadable text or a missing identity field.
 */
export async function parseUserPlexAccount(
  text: string,
  options: AccountDecodeOptions & { contentType?: string } = {},
): Promise<UserPlexAccount> {
  let wire: ReturnType<typeof objectOf>;
  try {
    wire = objectOf(await parseBody(options.contentType ?? null, text), 'user');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DecodeError(`unreadable account body (${reason})`, { cause, field: 'user' });
  }
  if (!wire) throw new DecodeError('expected an account object', { field: 'user' });
  return decodeAccount(wire, options);
}

/** Decode a PIN body (`/api/v2/pins`), XML or JSON. */
export async function parsePin(text: string, options: { contentType?: string } = {}): Promise<Pin> {
  let wire: ReturnType<typeof objectOf>;
  try {
    wire = objectOf(await parseBody(options.contentType ?? null, text), 'pin');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DecodeError(`unreadable PIN body (${reason})`, { cause, field: 'pin' });
  }
  if (!wire) throw new DecodeError('expected a PIN object', { field: 'pin' });
  return decodePin(wire);
}
