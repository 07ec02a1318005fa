import type { Context, Hono } from 'hono';
import { watchlistOf, watchlistVisibility } from '../state/discover.js';
import type { Account } from '../state/model.js';
import {
  allFriendsJson,
  friendWatchlistJson,
  graphqlErrorJson,
  PRIVACY_MESSAGE,
  parseCursor,
  unknownUserMessage,
} from '../wire/community.js';
import type { Json } from '../wire/discover.js';
import { JSON_CONTENT_TYPE } from '../wire/format.js';
import { authenticate, type Runtime } from './runtime.js';

const json = (status: number, doc: Json) =>
  new Response(JSON.stringify(doc), { status, headers: { 'Content-Type': JSON_CONTENT_TYPE } });

/** A query error (GraphQL answers these with HTTP 400, per Maintainerr PR #3400). */
const queryError = (message: string) => json(400, graphqlErrorJson(message));

/** A field's argument list in the query text: `user(id: $uuid)` -> `id: $uuid`. */
function argsOf(query: string, field: string): string {
  return new RegExp(`\\b${field}\\s*\\(([^)]*)\\)`).exec(query)?.[1] ?? '';
}

/** An argument's value: a `$variable` (from variables), a "string" or a number literal; undefined if absent. */
function argValue(args: string, name: string, variables: Record<string, unknown>): unknown {
  const m = new RegExp(`\\b${name}\\s*:\\s*(?:\\$(\\w+)|"((?:[^"\\\\]|\\\\.)*)"|(-?\\d+))`).exec(args);
  if (!m) return undefined;
  if (m[1] !== undefined) return variables[m[1]];
  if (m[2] !== undefined) return m[2];
  return Number(m[3]);
}

/**
 * community.plex.tv `POST /api` (GraphQL). The query text is read loosely: an `allFriendsV2` field
 * lists your accepted friends; `user(id:){watchlist(first:, after:){…}}` reads a friend's (or your
 * own) watchlist, newest first, paged by the captured timestamp cursor. A private watchlist or a
 * non-friend answers the privacy error (HTTP 200, `data: null`); a malformed or unsupported query 400.
 */
export function registerCommunityRoutes(app: Hono, runtime: Runtime): void {
  app.post('/api', async (c: Context) => {
    const { account } = await authenticate(c, runtime);
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return queryError('The request body must be JSON: {"query": …, "variables": …}');
    }
    const { query, variables = {} } = (body ?? {}) as { query?: unknown; variables?: unknown };
    if (typeof query !== 'string' || query.trim() === '') return queryError('Must provide query string.');
    if (typeof variables !== 'object' || variables === null || Array.isArray(variables))
      return queryError('variables must be an object');
    const vars = variables as Record<string, unknown>;
    if (/\ballFriendsV2\b/.test(query)) return json(200, allFriends(runtime, account));
    if (/\buser\s*\(/.test(query) && /\bwatchlist\b/.test(query))
      return friendWatchlist(runtime, account, query, vars);
    return queryError('The emulator answers allFriendsV2 and user(id){watchlist(first, after)} only');
  });
}

function allFriends(runtime: Runtime, account: Account): Json {
  const { state } = runtime;
  const friends = state.friendships
    .filter((f) => f.status === 'accepted' && (f.inviterId === account.id || f.inviteeId === account.id))
    .map((f) => state.accounts.get(f.inviterId === account.id ? f.inviteeId : f.inviterId))
    .filter((a): a is Account => a !== undefined)
    .map((a) => ({ uuid: a.uuid, username: a.username }));
  return allFriendsJson(friends);
}

function friendWatchlist(
  runtime: Runtime,
  viewer: Account,
  query: string,
  vars: Record<string, unknown>,
): Response {
  const { state } = runtime;
  const id = argValue(argsOf(query, 'user'), 'id', vars);
  if (typeof id !== 'string' || id === '') return queryError('user(id:) needs the user id (uuid)');
  const args = argsOf(query, 'watchlist');
  const first = argValue(args, 'first', vars) ?? 20;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > 100)
    return queryError('first must be an integer from 1 to 100');
  const after = argValue(args, 'after', vars);
  let before: number | null = null;
  if (after !== undefined && after !== null) {
    before = typeof after === 'string' ? parseCursor(after) : null;
    if (before === null) return queryError('after is not a cursor this API gave out');
  }
  const owner = [...state.accounts.values()].find((a) => a.uuid === id);
  if (!owner) return json(200, graphqlErrorJson(unknownUserMessage(id), ['user']));
  if (watchlistVisibility(state, viewer.id, owner.id) !== 'visible')
    return json(200, graphqlErrorJson(PRIVACY_MESSAGE, ['user']));
  const rows = watchlistOf(state, owner.id)
    .filter((e) => before === null || e.watchlistedAt < before)
    .flatMap((e) => {
      const item = state.discover.catalogue.get(e.ratingKey);
      return item ? [{ item, watchlistedAt: e.watchlistedAt }] : [];
    });
  return json(200, friendWatchlistJson(rows.slice(0, first), rows.length > first));
}
