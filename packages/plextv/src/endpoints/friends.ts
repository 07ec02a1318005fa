/**
 * Friends: the v1 users list with its shares, v2 friends, invitations.
 *
 * Verified by captures: `GET /api/users` (Home Assistant, plex-api.rs), `GET /api/v2/friends`,
 * `POST /api/v2/friends/invite`, `POST /api/v2/friends/{id}/accept` (plex-api.rs). `DELETE /api/v2/sharings/{id}`
 * is python-plexapi's replacement for the removed `/api/friends/{id}`. The pending-invite lists and
 * `DELETE /api/v2/friends/invite` come from a maintained PHP client only: no capture shows their answers.
 */
import type { PlexTvClient } from '../client.js';
import { decodeFriend, type Friend, type FriendStatus } from '../models/sharing.js';
import { decodeInvite, decodePlexUser, type Invite, type PlexUser } from '../models/users.js';
import type { RequestSpec } from '../transport.js';
import type { CallOptions } from './account.js';
import { bodyObject } from './decode.js';
import { bodyList, parseList } from './list.js';
import { pathSegment, requiredText } from './segment.js';

const USERS_SHAPE = { xmlItems: ['User'], jsonKeys: ['User', 'users'] } as const;
const FRIENDS_SHAPE = {
  xmlItems: ['friend', 'user', 'User'],
  jsonKeys: ['friends', 'users', 'User'],
} as const;
const INVITES_SHAPE = { xmlItems: ['Invite'], jsonKeys: ['Invite', 'invites'] } as const;

const FRIENDS = '/api/v2/friends';

/**
 * Your friends and home users with the servers you share with each (`GET /api/users`, XML). Still the only
 * list that carries the shares; the container's `size`/`totalSize` are ignored (they disagree with the body).
 */
export async function getUsers(client: PlexTvClient, options: CallOptions = {}): Promise<PlexUser[]> {
  const spec: RequestSpec = { method: 'GET', path: '/api/users', accept: 'xml', ...options };
  const response = await client.request(spec);
  return bodyList(response, spec, 'users', USERS_SHAPE).map((u) => decodePlexUser(u, spec));
}

/** Decode a `/api/users` body you already have. */
export async function parseUsers(text: string, options: { contentType?: string } = {}): Promise<PlexUser[]> {
  return (await parseList(text, options.contentType, 'users', USERS_SHAPE)).map((u) => decodePlexUser(u));
}

export interface GetFriendsOptions extends CallOptions {
  /** Only friends in this state (`accepted`, `pending_sent`, `pending_received`). Default: what plex.tv lists. */
  status?: FriendStatus;
}

/**
 * Your friends, managed users included, with their sharing settings and shared servers
 * (`GET /api/v2/friends?includeSharedServers=true&includeSharedSources=true&includeSharingSettings=true[&status=…]`,
 * as plex-api.rs asks). With `status`, items in another state are dropped even if plex.tv sends them.
 */
export async function getFriends(client: PlexTvClient, options: GetFriendsOptions = {}): Promise<Friend[]> {
  const { status, ...call } = options;
  if (status !== undefined) requiredText(status, 'getFriends', 'a non-blank status');
  const spec: RequestSpec = {
    method: 'GET',
    path: FRIENDS,
    query: {
      includeSharedServers: 'true',
      includeSharedSources: 'true',
      includeSharingSettings: 'true',
      status,
    },
    ...call,
  };
  const response = await client.request(spec);
  const friends = bodyList(response, spec, 'friends', FRIENDS_SHAPE).map((f) => decodeFriend(f, spec));
  return status === undefined
    ? friends
    : friends.filter((f) => f.status === undefined || f.status === status);
}

/** Decode a `/api/v2/friends` body you already have (a JSON array of friends). */
export async function parseFriends(text: string, options: { contentType?: string } = {}): Promise<Friend[]> {
  return (await parseList(text, options.contentType, 'friends', FRIENDS_SHAPE)).map((f) => decodeFriend(f));
}

export interface PendingInvitesOptions extends CallOptions {
  /** Invitations you sent. Default true. */
  includeSent?: boolean;
  /** Invitations sent to you. Default true. */
  includeReceived?: boolean;
}

/**
 * Pending friend invitations: sent (`GET /api/v2/friends/invites/sent/pending`) and received
 * (`GET /api/v2/friends/invites/received/pending`), sent first. An item without a `status` gets
 * `pending_sent` / `pending_received` from the list it came from.
 *
 * **Unverified**: these paths come from a maintained PHP client, and no capture shows their answer; it is
 * decoded as the v2 friend shape. `getFriends(client, { status: 'pending_received' })` is the verified way
 * to see invitations sent to you.
 */
export async function getPendingInvites(
  client: PlexTvClient,
  options: PendingInvitesOptions = {},
): Promise<Friend[]> {
  const { includeSent = true, includeReceived = true, ...call } = options;
  const lists: Array<['sent' | 'received', FriendStatus]> = [];
  if (includeSent) lists.push(['sent', 'pending_sent']);
  if (includeReceived) lists.push(['received', 'pending_received']);
  const out: Friend[] = [];
  for (const [direction, status] of lists) {
    const spec: RequestSpec = { method: 'GET', path: `${FRIENDS}/invites/${direction}/pending`, ...call };
    const response = await client.request(spec);
    for (const item of bodyList(response, spec, 'invites', FRIENDS_SHAPE)) {
      const friend = decodeFriend(item, spec);
      friend.status ??= status;
      out.push(friend);
    }
  }
  return out;
}

/**
 * Invite someone to be your friend (`POST /api/v2/friends/invite?identifier=…`): by username or e-mail address.
 * Resolves with the invitee (`status: 'pending'`). Sharing a server is a separate call (`shareServer`).
 */
export async function inviteFriend(
  client: PlexTvClient,
  identifier: string,
  options: CallOptions = {},
): Promise<Friend> {
  const who = requiredText(identifier, 'inviteFriend', 'a username or e-mail address');
  const spec: RequestSpec = {
    method: 'POST',
    path: `${FRIENDS}/invite`,
    query: { identifier: who },
    ...options,
  };
  const response = await client.request(spec);
  return decodeFriend(bodyObject(response, spec, 'friend'), spec);
}

/** Accept a friend invitation sent to you (`POST /api/v2/friends/{id}/accept`; `id` is the inviter's account id). */
export async function acceptInvite(
  client: PlexTvClient,
  id: number | string,
  options: CallOptions = {},
): Promise<Friend> {
  const path = `${FRIENDS}/${pathSegment(id, 'acceptInvite', "the inviter's account id (Friend.id)")}/accept`;
  const spec: RequestSpec = { method: 'POST', path, ...options };
  const response = await client.request(spec);
  return decodeFriend(bodyObject(response, spec, 'friend'), spec);
}

/**
 * Withdraw an invitation you sent (`DELETE /api/v2/friends/invite?identifier=…`): the username or e-mail address
 * you invited. **Unverified**: seen in a maintained PHP client only.
 */
export async function cancelInvite(
  client: PlexTvClient,
  identifier: string,
  options: CallOptions = {},
): Promise<void> {
  const who = requiredText(identifier, 'cancelInvite', 'the username or e-mail address invited');
  await client.request({
    ignoreBody: true,
    method: 'DELETE',
    path: `${FRIENDS}/invite`,
    query: { identifier: who },
    idempotent: true,
    ...options,
  });
}

/**
 * Remove a friend and every share with them (`DELETE /api/v2/sharings/{id}`; `id` is their account id). This is
 * python-plexapi's replacement for `/api/friends/{id}`, which now answers 410 Gone. (plex-api.rs deletes with
 * `DELETE /api/v2/friends/{id}`.)
 */
export async function removeFriend(
  client: PlexTvClient,
  id: number | string,
  options: CallOptions = {},
): Promise<void> {
  await client.request({
    ignoreBody: true,
    method: 'DELETE',
    path: `/api/v2/sharings/${pathSegment(id, 'removeFriend', "the friend's account id (Friend.id / PlexUser.id)")}`,
    idempotent: true,
    ...options,
  });
}

/**
 * Decode a v1 invitations body (`<MediaContainer><Invite …>`) you already have. The lists that served it
 * (`/api/invites/requested`, `/api/invites/requests`) are gone from plex.tv; `Invite.id` stays a string because
 * it is an e-mail address for invitees without an account.
 */
export async function parseInvites(text: string, options: { contentType?: string } = {}): Promise<Invite[]> {
  return (await parseList(text, options.contentType, 'invites', INVITES_SHAPE)).map((i) => decodeInvite(i));
}
