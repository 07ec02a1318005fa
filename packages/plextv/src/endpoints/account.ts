/** The signed-in account: `/api/v2/user`, `/api/v2/home/user`, `/api/v2/ping`. */
import type { PlexTvClient } from '../client.js';
import { DecodeError } from '../errors.js';
import { decodeAccount, type UserPlexAccount } from '../models/account.js';
import type { CallOptions } from '../transport.js';
import { toBool } from '../wire/values.js';
import { type BodyDecoder, objectBody } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

/** An account body that must carry the account's token (sign-in, `/api/v2/user`, Home switching). */
export const ACCOUNT_WITH_TOKEN = objectBody('user', (w, ctx) =>
  decodeAccount(w, { ...ctx, requireToken: true }),
);

const USER = route('getUser', 'GET /api/v2/user', { body: ACCOUNT_WITH_TOKEN });
const HOME_USER = route('getHomeUser', 'GET /api/v2/home/user', { body: ACCOUNT_WITH_TOKEN });

const ACCOUNT_V1 = route('getAccountV1', 'GET /users/account.json', { body: ACCOUNT_WITH_TOKEN });
const ACCOUNT_V1_XML = route('getAccountV1', 'GET /users/account', {
  accept: 'xml',
  body: ACCOUNT_WITH_TOKEN,
});

/** The account the client's token belongs to (`GET /api/v2/user`). */
export async function getUser(client: PlexTvClient, options: CallOptions = {}): Promise<UserPlexAccount> {
  return call(client, USER, {}, options);
}

/**
 * The account as seen from its Plex Home (`GET /api/v2/home/user`): for a switched-to Home user, that user.
 */
export async function getHomeUser(client: PlexTvClient, options: CallOptions = {}): Promise<UserPlexAccount> {
  return call(client, HOME_USER, {}, options);
}

/**
 * The account from the pre-v2 endpoint (`GET /users/account.json`, or `GET /users/account` XML with
 * `{ xml: true }`), for servers and proxies that only pass the old paths. Decodes to the same
 * `UserPlexAccount` as `getUser`. The XML form is captured (python-plexapi's legacy ACCOUNT_XML); the JSON
 * form's `{"user": …}` wrapping follows the legacy sign-in capture and is unverified for this path.
 */
export async function getAccountV1(
  client: PlexTvClient,
  options: CallOptions & { xml?: boolean } = {},
): Promise<UserPlexAccount> {
  const { xml, ...rest } = options;
  return call(client, xml ? ACCOUNT_V1_XML : ACCOUNT_V1, {}, rest);
}

// The body's shape is undocumented (`<pong>true</pong>`, `{"pong":true}`); a 2xx is the real answer.
const PONG: BodyDecoder<boolean> = {
  field: 'pong',
  expected: 'a pong',
  read: (body) =>
    (body.format === 'json' && body.json && typeof body.json === 'object'
      ? toBool((body.json as Record<string, unknown>).pong)
      : body.format === 'xml'
        ? toBool(body.xml?.text)
        : undefined) ?? true,
};
const PING = route('ping', 'GET /api/v2/ping', { body: PONG });

/**
 * Check the token is still good and keep it alive (`GET /api/v2/ping`). Resolves `true`; a rejected token
 * throws `UnauthorizedError`.
 */
export async function ping(client: PlexTvClient, options: CallOptions = {}): Promise<boolean> {
  try {
    return await call(client, PING, {}, options);
  } catch (error) {
    // A 2xx whose body is mangled still says the token is good.
    if (error instanceof DecodeError && error.status !== undefined && error.status < 300) return true;
    throw error;
  }
}
