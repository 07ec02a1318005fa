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
import type { CallOptions } from '../transport.js';
import { listBody, objectBody, parser } from './body.js';
import { call } from './call.js';
import { route } from './route.js';
import { requiredText } from './segment.js';

const SHARED_USERS = listBody('users', { xmlItems: ['User'], jsonKeys: ['User', 'users'] }, decodePlexUser);
const FRIENDS = listBody(
  'friends',
  { xmlItems: ['friend', 'user', 'User'], jsonKeys: ['friends', 'users', 'User'] },
  decodeFriend,
);
const INVITES = listBody('invites', { xmlItems: ['Invite'], jsonKeys: ['Invite', 'invites'] }, decodeInvite);
const FRIEND = objectBody('friend', decodeFriend);
const FRIEND_ID = "the friend's account id (Friend.id / PlexUser.id)";

const GET_SHARED_USERS = route('getSharedUsers', 'GET /api/users', { accept: 'xml', body: SHARED_USERS });
const GET_FRIENDS = route('getFriends', 'GET /api/v2/friends', { body: FRIENDS });
const PENDING = route('getPendingInvites', 'GET /api/v2/friends/invites/{direction}/pending', {
  body: { ...FRIENDS, field: 'invites', expected: 'a list of invites' },
});
const INVITE_FRIEND = route('inviteFriend', 'POST /api/v2/friends/invite', { body: FRIEND });
const ACCEPT_INVITE = route('acceptInvite', 'POST /api/v2/friends/{id}/accept', {
  params: { id: "the inviter's account id (Friend.id)" },
  body: FRIEND,
});
const CANCEL_INVITE = route('cancelInvite', 'DELETE /api/v2/friends/invite', { idempotent: true });
const REMOVE_FRIEND = route('removeFriend', 'DELETE /api/v2/sharings/{id}', {
  params: { id: FRIEND_ID },
  idempotent: true,
});

/**
 * Your friends and home users with the servers you share with each (`GET /api/users`, XML). Still the only
 * list that carries the shares; the container's `size`/`totalSize` are ignored (they disagree with the body).
 */
export async function getSharedUsers(client: PlexTvClient, options: CallOptions = {}): Promise<PlexUser[]> {
  return call(client, GET_SHARED_USERS, {}, options);
}

/** Decode a `/api/users` body you already have. */
export const parseSharedUsers: (text: string, options?: { contentType?: string }) => Promise<PlexUser[]> =
  parser(SHARED_USERS);

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
  const { status, ...rest } = options;
  if (status !== undefined) requiredText(status, 'getFriends', 'a non-blank status');
  const query = {
    includeSharedServers: 'true',
    includeSharedSources: 'true',
    includeSharingSettings: 'true',
    status,
  };
  const friends = await call(client, GET_FRIENDS, { query }, rest);
  return status === undefined
    ? friends
    : friends.filter((f) => f.status === undefined || f.status === status);
}

/** Decode a `/api/v2/friends` body you already have (a JSON array of friends). */
export const parseFriends: (text: string, options?: { contentType?: string }) => Promise<Friend[]> =
  parser(FRIENDS);

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
  const { includeSent = true, includeReceived = true, ...rest } = options;
  const lists: Array<['sent' | 'received', FriendStatus]> = [];
  if (includeSent) lists.push(['sent', 'pending_sent']);
  if (includeReceived) lists.push(['received', 'pending_received']);
  const out: Friend[] = [];
  for (const [direction, status] of lists) {
    for (const friend of await call(client, PENDING, { params: { direction } }, rest)) {
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
  return call(client, INVITE_FRIEND, { query: { identifier: who } }, options);
}

/** Accept a friend invitation sent to you (`POST /api/v2/friends/{id}/accept`; `id` is the inviter's account id). */
export async function acceptInvite(
  client: PlexTvClient,
  id: number | string,
  options: CallOptions = {},
): Promise<Friend> {
  return call(client, ACCEPT_INVITE, { params: { id } }, options);
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
  await call(client, CANCEL_INVITE, { query: { identifier: who } }, options);
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
  await call(client, REMOVE_FRIEND, { params: { id } }, options);
}

/**
 * Decode a v1 invitations body (`<MediaContainer><Invite …>`) you already have. The lists that served it
 * (`/api/invites/requested`, `/api/invites/requests`) are gone from plex.tv; `Invite.id` stays a string because
 * it is an e-mail address for invitees without an account.
 */
export const parseInvites: (text: string, options?: { contentType?: string }) => Promise<Invite[]> =
  parser(INVITES);
