import type { Context, Hono } from 'hono';
import { findByLogin } from '../state/accounts.js';
import { badRequest, ERRORS, PlexHttpError, SOCIAL_ERRORS } from '../state/errors.js';
import {
  type Account,
  nowSeconds,
  SHARING_FILTER_KEYS,
  SHARING_FLAG_KEYS,
  type SharingSettings,
} from '../state/model.js';
import { removeRelationship, sharesFromTo } from '../state/sharing.js';
import {
  addInvitee,
  ensureSettings,
  FRIEND_STATUSES,
  type FriendStatus,
  type FriendView,
  findInvitee,
  friendshipBetween,
  friendViews,
  looksLikeEmail,
  personOf,
  sameHome,
  statusBetween,
} from '../state/social.js';
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

/** "0"/"1"/"true"/"false" (any case), or a 400 naming the parameter. */
export function flagValue(name: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  throw badRequest(`${name} must be 0, 1, true or false`);
}

/**
 * Sharing settings from request fields (query, form or JSON scalars) or a JSON `settings` object:
 * flags 0/1/true/false, allowTuners 0/1/2, filters as strings (JSON null clears to null).
 */
export function parseSettings(input: Record<string, unknown>): Partial<SharingSettings> {
  const out: Partial<SharingSettings> = {};
  for (const key of SHARING_FLAG_KEYS) {
    const v = input[key];
    if (v === undefined) continue;
    out[key] = typeof v === 'boolean' ? v : flagValue(key, String(v));
  }
  if (input.allowTuners !== undefined) {
    const t = String(input.allowTuners).trim();
    if (t !== '0' && t !== '1' && t !== '2') throw badRequest('allowTuners must be 0, 1 or 2');
    out.allowTuners = Number(t) as 0 | 1 | 2;
  }
  for (const key of SHARING_FILTER_KEYS) {
    const v = input[key];
    if (v === undefined) continue;
    if (v !== null && typeof v !== 'string' && typeof v !== 'number')
      throw badRequest(`${key} must be a filter string`);
    out[key] = v === null ? null : String(v);
  }
  return out;
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
 * - PUT /api/v2/sharings/{id}?allowSync=…: the settings you give {id} (and your shares with them): 200, the friend.
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

  app.put('/api/v2/sharings/:id{[0-9]+}', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { state } = runtime;
    const id = Number(c.req.param('id'));
    const person = personOf(state, id);
    const status = person && id !== account.id ? statusBetween(state, account.id, id) : null;
    if (!person || status === null) throw new PlexHttpError(SOCIAL_ERRORS.friendNotFound);
    const { fields, json } = await readBody(c);
    const nested = (json as { settings?: unknown } | undefined)?.settings;
    const update = parseSettings(
      typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>) : fields,
    );
    if (Object.keys(update).length === 0)
      throw badRequest(
        'Give at least one setting (allowSync, allowCameraUpload, allowChannels, allowSubtitleAdmin, allowTuners, filter…)',
      );
    Object.assign(ensureSettings(state, account.id, id), update);
    for (const { share } of sharesFromTo(state, account.id, id)) Object.assign(share.settings, update);
    const view: FriendView = { person, status, home: sameHome(state, account.id, id) };
    const doc = friendJson(state, account, view);
    return documentResponse(format(c), 200, { json: () => doc, xml: () => jsonToXml('friend', doc) });
  });

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
