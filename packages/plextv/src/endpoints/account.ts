/** The signed-in account: `/api/v2/user`, `/api/v2/home/user`, `/api/v2/ping`. */
import type { PlexTvClient } from '../client.js';
import { DecodeError } from '../errors.js';
import { decodeAccount, type UserPlexAccount } from '../models/account.js';
import type { RequestSpec } from '../transport.js';
import { toBool } from '../wire/values.js';
import { bodyObject } from './decode.js';

/** Per-call options every operation accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Per-attempt timeout in ms for this call. */
  timeout?: number;
}

async function account(client: PlexTvClient, path: string, options: CallOptions): Promise<UserPlexAccount> {
  const spec: RequestSpec = { method: 'GET', path, ...options };
  const response = await client.request(spec);
  return decodeAccount(bodyObject(response, spec, 'user'), { method: 'GET', path, requireToken: true });
}

/** The account the client's token belongs to (`GET /api/v2/user`). */
export function getUser(client: PlexTvClient, options: CallOptions = {}): Promise<UserPlexAccount> {
  return account(client, '/api/v2/user', options);
}

/**
 * The account as seen from its Plex Home (`GET /api/v2/home/user`): for a switched-to Home user, that user.
 */
export function getHomeUser(client: PlexTvClient, options: CallOptions = {}): Promise<UserPlexAccount> {
  return account(client, '/api/v2/home/user', options);
}

/**
 * Check the token is still good and keep it alive (`GET /api/v2/ping`). Resolves `true`; a rejected token
 * throws `UnauthorizedError`.
 */
export async function ping(client: PlexTvClient, options: CallOptions = {}): Promise<boolean> {
  const response = await client
    .request({ method: 'GET', path: '/api/v2/ping', ...options })
    .catch((error: unknown) => {
      // A 2xx whose body is mangled still says the token is good.
      if (error instanceof DecodeError && error.status !== undefined && error.status < 300) {
        return { status: error.status, headers: new Headers(), body: { format: 'empty' as const } };
      }
      throw error;
    });
  // The body's shape is undocumented (`<pong>true</pong>`, `{"pong":true}`); a 2xx is the real answer.
  const { body } = response;
  const said =
    body.format === 'json' && body.json && typeof body.json === 'object'
      ? toBool((body.json as Record<string, unknown>).pong)
      : body.format === 'xml'
        ? toBool(body.xml?.text)
        : undefined;
  return said ?? true;
}
