/**
 * Per-user server tokens: the shares of one of your servers, each with the token its user reaches the server
 * with (`GET /api/servers/{machineIdentifier}/shared_servers`, v1 XML; capture: go-plex-client). What Tautulli,
 * Overseerr and python-plexapi's `MyPlexUser.get_token` read. One request per server lists every user.
 */
import type { PlexTvClient } from '../client.js';
import { decodeSharedServer, type SharedServer } from '../models/sharing.js';
import type { CallOptions } from '../transport.js';
import { listBody, parser } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

const SERVER_SHARES = listBody(
  'sharedServers',
  { xmlItems: ['SharedServer'], jsonKeys: ['SharedServer', 'sharedServers'] },
  decodeSharedServer,
  'a list of shares',
);

const GET_SERVER_SHARES = route('getServerShares', 'GET /api/servers/{machineIdentifier}/shared_servers', {
  params: { machineIdentifier: "the server's machine identifier (PlexResource.clientIdentifier)" },
  accept: 'xml',
  body: SERVER_SHARES,
});

/**
 * Every share of one of your servers (`GET /api/servers/{machineIdentifier}/shared_servers`, owner only), each
 * with the user (`invitedId`, `username`, `email`), the sections shared and `accessToken`: the token that user
 * reaches this server with. Tokens are secrets: never log them.
 */
export async function getServerShares(
  client: PlexTvClient,
  machineIdentifier: string,
  options: CallOptions = {},
): Promise<SharedServer[]> {
  return call(client, GET_SERVER_SHARES, { params: { machineIdentifier } }, options);
}

/** Decode a `/api/servers/{id}/shared_servers` body you already have. */
export const parseServerShares: (
  text: string,
  options?: { contentType?: string },
) => Promise<SharedServer[]> = parser(SERVER_SHARES, 'shared servers');

/** A user, as `getUserServerToken` takes one: an account id, a username or an e-mail address, or an object. */
export type ShareUser = number | string | { id: number };

/** Whether `share` is `user`'s (ids compare as numbers; names and addresses case-insensitively). */
function isShareOf(share: SharedServer, user: ShareUser): boolean {
  if (typeof user === 'object') return share.invitedId === user.id;
  if (typeof user === 'number') return share.invitedId === user;
  const wanted = user.trim().toLowerCase();
  return (
    String(share.invitedId) === wanted ||
    share.username?.toLowerCase() === wanted ||
    share.email?.toLowerCase() === wanted
  );
}

/**
 * The token `user` reaches one of your servers with (python-plexapi's `MyPlexUser.get_token`), or undefined when
 * the server is not shared with them. For many users, read `getServerShares` once (or `getServerTokens`): it is
 * one request per server whatever the number of users.
 */
export async function getUserServerToken(
  client: PlexTvClient,
  machineIdentifier: string,
  user: ShareUser,
  options: CallOptions = {},
): Promise<string | undefined> {
  const shares = await getServerShares(client, machineIdentifier, options);
  return shares.find((share) => isShareOf(share, user))?.accessToken;
}

/** One user's token for one server. A secret: never log it. */
export interface ServerToken {
  machineIdentifier: string;
  /** The user's account id. */
  userId?: number;
  username?: string;
  email?: string;
  accessToken: string;
}

/** Options of `getServerTokens`. */
export interface ServerTokensOptions extends CallOptions {
  /** Servers read at once. Default 4 (each read is retried on 429 with its `Retry-After`, like every GET). */
  concurrency?: number;
}

/**
 * Every user's token for each of `machineIdentifiers` (your servers): one request per server, at most
 * `concurrency` at a time. Shares without a token (not accepted yet) are left out.
 */
export async function getServerTokens(
  client: PlexTvClient,
  machineIdentifiers: readonly string[],
  options: ServerTokensOptions = {},
): Promise<ServerToken[]> {
  const { concurrency = 4, ...rest } = options;
  const limit = Math.max(1, Math.floor(concurrency));
  const results: ServerToken[][] = new Array(machineIdentifiers.length);
  let next = 0;
  const worker = async () => {
    while (next < machineIdentifiers.length) {
      const i = next++;
      const machineIdentifier = machineIdentifiers[i]!;
      const shares = await getServerShares(client, machineIdentifier, rest);
      results[i] = shares.flatMap((s) =>
        s.accessToken
          ? [
              {
                machineIdentifier,
                userId: s.invitedId,
                username: s.username,
                email: s.email,
                accessToken: s.accessToken,
              },
            ]
          : [],
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, machineIdentifiers.length) }, worker));
  return results.flat();
}
