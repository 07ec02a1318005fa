/** Requests to the provider, community and RSS hosts (in process, by host name). */

import type { Emulator } from '../src/index.js';

export const DISCOVER = 'https://discover.provider.plex.tv';
export const METADATA = 'https://metadata.provider.plex.tv';
export const COMMUNITY = 'https://community.plex.tv';

/** A GET (or another method) with a token; JSON unless `xml`. */
export function provider(
  emu: Emulator,
  url: string,
  opts: { token?: string | null; xml?: boolean; method?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const token = opts.token === undefined ? 'demo-token' : opts.token;
  return emu.fetch(url, {
    method: opts.method ?? 'GET',
    headers: {
      ...(opts.xml ? {} : { Accept: 'application/json' }),
      ...(token === null ? {} : { 'X-Plex-Token': token }),
      ...opts.headers,
    },
  });
}

/** A community GraphQL request. */
export function graphql(
  emu: Emulator,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
  base = COMMUNITY,
): Promise<Response> {
  return emu.fetch(`${base}/api`, {
    method: 'POST',
    headers: { 'X-Plex-Token': token, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
  });
}

/** watchlistarr's friend-watchlist query (variables uuid, first, after). */
export const WATCHLIST_QUERY =
  'query GetWatchlistHub ($uuid: ID = "", $first: PaginationInt !, $after: String) { user(id: $uuid) { watchlist(first: $first, after: $after) { nodes { ... on MetadataItem { id title publicPagesURL type } } pageInfo { hasNextPage endCursor } } } }';

/** watchlistarr's friends query. */
export const FRIENDS_QUERY = 'query GetAllFriends { allFriendsV2 { user { id username } } }';
