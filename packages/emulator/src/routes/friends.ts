import type { Context, Hono } from 'hono';
import { findByLogin } from '../state/accounts.js';
import { badRequest, ERRORS, PlexHttpError, SOCIAL_ERRORS } from '../state/errors.js';
import {
  addInvitee,
  FRIEND_STATUSES,
  type FriendStatus,
  type FriendView,
  findInvitee,
  friendshipBetween,
  friendViews,
  looksLikeEmail,
  personOf,
  sameHome,
} from '../state/friends.js';
import { type Account, nowSeconds } from '../state/model.js';
import { removeRelationship } from '../state/sharing.js';
import { documentResponse } from '../wire/format.js';
import { acceptedJson, friendJson, inviteCreatedJson, usersV1Xml } from '../wire/friends.js';
import { jsonListToXml, jsonToXml } from '../wire/v2xml.js';
import { readBody } from './body.js';
import { authenticate, format, type Runtime } from './runtime.js';

/** A person by username or e-mail (accounts), or by e-mail (invitees); null when nobody. */
function findPersonId(runtime: Runtime, identifier: string): number | null {
  const account = findByLogin(runtime.state, identifier);
  if (account) return account.id;
  return findInvitee(runtime.state, identifier)?.id ?? null;
}

/**
 * Friends:
 * - GET /api/v2/friends[?status=accepted|pending_sent|pending_received] (default accepted): a bare
 *   JSON array of friends, Home members first; XML `<friends><friend …/>` (unverified).
 * - GET /api/v2/friends/invites/sent/pending, …/received/pending: the same shape, pending only.
 * - POST /api/v2/friends/invite?identifier=<username|e-mail>: 201, the invitee with status "pending".
 * - DELETE /api/v2/friends/invite?identifier=…: withdraw (or decline) a pending invitation: 204.
 * - POST /api/v2/friends/{id}/accept: accept {id}'s invitation: 200, the new friend.
 * - DELETE /api/v2/sharings/{id} (and plex-api.rs's DELETE /api/v2/friends/{id}): end the
 *   friendship or invitation and every share between you: 204.
 * - GET /api/users (v1 XML): friends and Home members with `<Server>` children for the shares.
 */
export function registerFriendRoutes(app: Hono, runtime: Runtime): void {
  const listDoc = (c: Context, caller: Account, views: FriendView[]) =>
    documentResponse(format(c), 200, {
      json: () => views.map((v) => friendJson(runtime.state, caller, v)),
      xml: () =>
        jsonListToXml(
          'friends',
          views.map((v) => friendJson(runtime.state, caller, v)),
        ),
    });

  app.get('/api/v2/friends', async (c) => {
    const { account } = await authenticate(c, runtime);
    const status = c.req.query('status') ?? 'accepted';
    if (!FRIEND_STATUSES.includes(status as FriendStatus))
      throw badRequest(`status must be ${FRIEND_STATUSES.join(', ')}`);
    return listDoc(c, account, friendViews(runtime.state, account.id, status as FriendStatus));
  });

  app.get('/api/v2/friends/invites/sent/pending', async (c) => {
    const { account } = await authenticate(c, runtime);
    return listDoc(c, account, friendViews(runtime.state, account.id, 'pending_sent'));
  });

  app.get('/api/v2/friends/invites/received/pending', async (c) => {
    const { account } = await authenticate(c, runtime);
    return listDoc(c, account, friendViews(runtime.state, account.id, 'pending_received'));
  });

  app.post('/api/v2/friends/invite', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { state } = runtime;
    if (account.managed) throw new PlexHttpError(ERRORS.notAvailable);
    const { fields } = await readBody(c);
    const identifier = (fields.identifier ?? '').trim();
    if (identifier === '') throw badRequest('identifier is required (a username or e-mail address)');
    let id = findPersonId(runtime, identifier);
    if (id === null) {
      if (!looksLikeEmail(identifier)) throw new PlexHttpError(SOCIAL_ERRORS.userNotFound);
      id = addInvitee(state, identifier, nowSeconds(state)).id;
    }
    if (id === account.id) throw badRequest('You cannot invite yourself');
    const person = personOf(state, id)!;
    if (sameHome(state, account.id, id)) throw badRequest(`${person.title} is already in your Plex Home`);
    const existing = friendshipBetween(state, account.id, id);
    if (existing?.status === 'accepted') throw badRequest(`${person.title} is already your friend`);
    if (existing?.inviterId === account.id) throw badRequest(`${person.title} has already been invited`);
    if (existing) throw badRequest(`${person.title} has already invited you: accept their invitation`);
    const now = nowSeconds(state);
    state.friendships.push({
      inviterId: account.id,
      inviteeId: id,
      status: 'pending',
      invitedAt: now,
      acceptedAt: null,
    });
    const doc = inviteCreatedJson(person, false);
    return documentResponse(format(c), 201, { json: () => doc, xml: () => jsonToXml('friend', doc) });
  });

  app.delete('/api/v2/friends/invite', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { state } = runtime;
    const { fields } = await readBody(c);
    const identifier = (fields.identifier ?? '').trim();
    if (identifier === '')
      throw badRequest('identifier is required (the username or e-mail address invited)');
    const id = findPersonId(runtime, identifier);
    const invite = id === null ? undefined : friendshipBetween(state, account.id, id);
    if (id === null || invite?.status !== 'pending') throw new PlexHttpError(SOCIAL_ERRORS.inviteNotFound);
    removeRelationship(state, account.id, id);
    return c.body(null, 204);
  });

  app.post('/api/v2/friends/:id{[0-9]+}/accept', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { state } = runtime;
    const inviterId = Number(c.req.param('id'));
    const invite = friendshipBetween(state, account.id, inviterId);
    if (invite?.status !== 'pending' || invite.inviterId !== inviterId)
      throw new PlexHttpError(SOCIAL_ERRORS.inviteNotFound);
    invite.status = 'accepted';
    invite.acceptedAt = nowSeconds(state);
    const doc = acceptedJson(
      personOf(state, inviterId)!,
      sameHome(state, account.id, inviterId),
      invite.acceptedAt,
    );
    return documentResponse(format(c), 200, { json: () => doc, xml: () => jsonToXml('friend', doc) });
  });

  const removeFriend = async (c: Context) => {
    const { account } = await authenticate(c, runtime);
    if (!removeRelationship(runtime.state, account.id, Number(c.req.param('id'))))
      throw new PlexHttpError(SOCIAL_ERRORS.friendNotFound);
    return c.body(null, 204);
  };
  app.delete('/api/v2/sharings/:id{[0-9]+}', removeFriend);
  app.delete('/api/v2/friends/:id{[0-9]+}', removeFriend);

  for (const path of ['/api/users', '/api/users/']) {
    app.get(path, async (c) => {
      const { account } = await authenticate(c, runtime);
      const views = friendViews(runtime.state, account.id, 'accepted');
      return documentResponse('xml', 200, {
        json: () => null,
        xml: () => usersV1Xml(runtime.state, account, views),
      });
    });
  }
}
