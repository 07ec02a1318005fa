import type { Context, Hono } from 'hono';
import { findByLogin } from '../state/accounts.js';
import { badRequest, ERRORS, PlexHttpError, SOCIAL_ERRORS } from '../state/errors.js';
import {
  addInvitee,
  connected,
  ensureSettings,
  type FriendView,
  findInvitee,
  friendshipBetween,
  looksLikeEmail,
  personOf,
  sameHome,
  statusBetween,
} from '../state/friends.js';
import {
  type Account,
  type Device,
  type EmulatorState,
  nowSeconds,
  SHARING_FILTER_KEYS,
  SHARING_FLAG_KEYS,
  type Share,
  type SharingSettings,
} from '../state/model.js';
import { findShare, inviteTokenFor, type ShareRef, sharedSections, sharesFromTo } from '../state/sharing.js';
import { newTokenString } from '../state/tokens.js';
import { documentResponse } from '../wire/format.js';
import { friendJson, sharedServerCreateJson } from '../wire/friends.js';
import { type ServerView, serverJson, serverV1Xml, sharedServersV1Xml } from '../wire/sharing.js';
import { jsonToXml } from '../wire/v2xml.js';
import { flagValue, readBody } from './body.js';
import { authenticate, format, type Runtime } from './runtime.js';

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

/** The server with this machine identifier as the caller may see it: owned, or shared with it (accepted). */
function serverView(runtime: Runtime, account: Account, machineIdentifier: string): ServerView {
  const { state } = runtime;
  const device = [...state.devices.values()].find(
    (d) => d.server && d.clientIdentifier === machineIdentifier,
  );
  if (device?.ownerId === account.id) return { device, owned: true, sections: [...device.librarySections] };
  const share = device?.shares.find((s) => s.accountId === account.id);
  if (!device || !share || !connected(state, device.ownerId, account.id))
    throw new PlexHttpError(SOCIAL_ERRORS.serverNotFound);
  return { device, owned: false, sections: sharedSections(device, share) };
}

/** A PMS access token nobody has: not a plex.tv token, device token or other share's token. */
function newShareToken(state: EmulatorState): string {
  const used = new Set<string>();
  for (const d of state.devices.values()) {
    used.add(d.token);
    if (d.accessToken) used.add(d.accessToken);
    for (const s of d.shares) used.add(s.accessToken);
  }
  for (;;) {
    const token = newTokenString(state);
    if (!used.has(token)) return token;
  }
}

/** The JSON body as an object (a form or query works for the scalar fields). */
async function shareBody(
  c: Context,
): Promise<{ fields: Record<string, string>; json: Record<string, unknown> }> {
  const body = await readBody(c);
  if (body.invalidJson) throw badRequest('Request body is not valid JSON');
  const json =
    typeof body.json === 'object' && body.json !== null && !Array.isArray(body.json)
      ? (body.json as Record<string, unknown>)
      : {};
  return { fields: body.fields, json };
}

/** `librarySectionIds` as the server's section ids; [] or absent: all libraries (null). */
function sectionIdsOf(device: Device, raw: unknown): number[] | null {
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw)) throw badRequest('librarySectionIds must be an array of library section ids');
  const ids: number[] = [];
  for (const item of raw) {
    const text = typeof item === 'number' ? String(item) : typeof item === 'string' ? item.trim() : '';
    const id = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!device.librarySections.some((s) => s.id === id))
      throw badRequest(`${String(item)} is not a library section of ${device.name}`);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids.length === 0 ? null : ids;
}

function settingsOf(raw: unknown): ReturnType<typeof parseSettings> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw badRequest('settings must be an object');
  return parseSettings(raw as Record<string, unknown>);
}

/** Who a share is for: `invitedId` (an account or e-mail invitee id) or `invitedEmail` (username or e-mail). */
function invitedPerson(
  runtime: Runtime,
  owner: Account,
  json: Record<string, unknown>,
  fields: Record<string, string>,
): number {
  const { state } = runtime;
  const byId = json.invitedId ?? fields.invitedId;
  const byEmail = json.invitedEmail ?? fields.invitedEmail;
  if ((byId === undefined || byId === null) === (byEmail === undefined || byEmail === null))
    throw badRequest('Give exactly one of invitedId and invitedEmail');
  let id: number | null = null;
  if (byId !== undefined && byId !== null) {
    const text = String(byId).trim();
    id = /^\d+$/.test(text) && personOf(state, Number(text)) ? Number(text) : null;
  } else {
    const identifier = String(byEmail).trim();
    id = findByLogin(state, identifier)?.id ?? findInvitee(state, identifier)?.id ?? null;
    if (id === null && looksLikeEmail(identifier)) id = addInvitee(state, identifier, nowSeconds(state)).id;
  }
  if (id === null) throw new PlexHttpError(SOCIAL_ERRORS.userNotFound);
  if (id === owner.id) throw badRequest('You cannot share a server with yourself');
  const account = state.accounts.get(id);
  // Managed users are reachable only from their own Home.
  if (account?.managed && !connected(state, owner.id, id))
    throw new PlexHttpError(SOCIAL_ERRORS.userNotFound);
  return id;
}

/** A share the caller owns (update), or owns or receives (delete); 404 otherwise. */
function ownShare(runtime: Runtime, account: Account, rawId: string, allowInvitee: boolean): ShareRef {
  const ref = /^\d+$/.test(rawId) ? findShare(runtime.state, Number(rawId)) : null;
  if (!ref || !(ref.device.ownerId === account.id || (allowInvitee && ref.share.accountId === account.id)))
    throw new PlexHttpError(SOCIAL_ERRORS.sharedServerNotFound);
  return ref;
}

/**
 * Sharing:
 * - GET /api/v2/servers/{machineIdentifier} (JSON; v2-style XML) and GET /api/servers/{…} (v1 XML):
 *   the server and its library sections with plex.tv's section ids. The owner sees every section;
 *   someone it is shared with sees the shared ones (`owned` false); anyone else 404.
 * - POST /api/v2/shared_servers, JSON {machineIdentifier, librarySectionIds, settings, invitedEmail |
 *   invitedId}: 201, the share (shared_server_create.json). Sharing with a stranger also sends them a
 *   friend invitation; the share is pending (not in their resources) until they accept.
 * - POST or PUT /api/v2/shared_servers/{id}, JSON {librarySectionIds?, settings?, machineIdentifier?}:
 *   200, the share. DELETE /api/v2/shared_servers/{id} (owner, or the invitee leaving): 204.
 * - POST /api/servers/{m}/shared_servers, PUT and DELETE …/shared_servers/{id} (v1, owner only; JSON in,
 *   `<MediaContainer><SharedServer>` out, as go-plex-client's capture): what python-plexapi sends.
 * - GET /api/servers/{machineIdentifier}/shared_servers[/{id}] (v1 XML, owner only): the shares with
 *   each invitee's accessToken and every section flagged `shared`.
 * - PUT /api/v2/sharings/{id}?allowSync=…: the settings you give {id} (and your shares with them): 200,
 *   the friend.
 * `librarySectionIds` [] or absent means all libraries (`allLibraries: true`). Settings given here
 * also become the owner's friend-level settings for that person (what /api/users shows).
 */
export function registerSharingRoutes(app: Hono, runtime: Runtime): void {
  app.get('/api/v2/servers/:machineIdentifier', async (c) => {
    const { account } = await authenticate(c, runtime);
    const view = serverView(runtime, account, c.req.param('machineIdentifier'));
    return documentResponse(format(c), 200, {
      json: () => serverJson(view),
      xml: () => jsonToXml('server', serverJson(view)),
    });
  });

  app.get('/api/servers/:machineIdentifier', async (c) => {
    const { account } = await authenticate(c, runtime);
    const view = serverView(runtime, account, c.req.param('machineIdentifier'));
    return documentResponse('xml', 200, { json: () => null, xml: () => serverV1Xml(view, account) });
  });

  // v1 reads of an owner's shares (python-plexapi: MyPlexUser.get_token, MyPlexServerShare.sections).
  const ownedServer = (account: Account, machineIdentifier: string): Device => {
    const device = [...runtime.state.devices.values()].find(
      (d) => d.server && d.clientIdentifier === machineIdentifier,
    );
    if (!device || device.ownerId !== account.id) throw new PlexHttpError(SOCIAL_ERRORS.serverNotFound);
    return device;
  };
  app.get('/api/servers/:machineIdentifier/shared_servers', async (c) => {
    const { account } = await authenticate(c, runtime);
    const device = ownedServer(account, c.req.param('machineIdentifier'));
    return documentResponse('xml', 200, {
      json: () => null,
      xml: () => sharedServersV1Xml(runtime.state, account, device, device.shares),
    });
  });
  app.get('/api/servers/:machineIdentifier/shared_servers/:id', async (c) => {
    const { account } = await authenticate(c, runtime);
    const device = ownedServer(account, c.req.param('machineIdentifier'));
    const share = device.shares.find((s) => String(s.id) === c.req.param('id'));
    if (!share) throw new PlexHttpError(SOCIAL_ERRORS.sharedServerNotFound);
    return documentResponse('xml', 200, {
      json: () => null,
      xml: () => sharedServersV1Xml(runtime.state, account, device, [share]),
    });
  });

  const shareDoc = (c: Context, status: number, ref: ShareRef) => {
    const doc = sharedServerCreateJson(runtime.state, ref);
    return documentResponse(format(c), status, {
      json: () => doc,
      xml: () => jsonToXml('sharedServer', doc),
    });
  };

  /** A new share of `device` (owned by `account`) as the v2 body describes it. */
  const createShare = (
    account: Account,
    device: Device,
    json: Record<string, unknown>,
    fields: Record<string, string>,
  ): ShareRef => {
    const { state } = runtime;
    const sectionIds = sectionIdsOf(device, json.librarySectionIds);
    const settings = settingsOf(json.settings);
    const personId = invitedPerson(runtime, account, json, fields);
    if (device.shares.some((s) => s.accountId === personId))
      throw badRequest(
        `You're already sharing this server with ${personOf(state, personId)?.title ?? personId}`,
      );

    const now = nowSeconds(state);
    // A stranger gets a friend invitation with the share; it is pending until they accept.
    if (!connected(state, account.id, personId) && !friendshipBetween(state, account.id, personId)) {
      state.friendships.push({
        inviterId: account.id,
        inviteeId: personId,
        status: 'pending',
        invitedAt: now,
        acceptedAt: null,
      });
    }
    const friendLevel = ensureSettings(state, account.id, personId);
    Object.assign(friendLevel, settings);
    let id = state.nextIds.share;
    while (findShare(state, id)) id++;
    state.nextIds.share = id + 1;
    const share: Share = {
      id,
      accountId: personId,
      accessToken: newShareToken(state),
      home: false,
      publicAddressMatches: false,
      librarySectionIds: sectionIds,
      settings: { ...friendLevel },
      createdAt: now,
      inviteToken: inviteTokenFor(id),
    };
    device.shares.push(share);
    return { device, share };
  };

  app.post('/api/v2/shared_servers', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { state } = runtime;
    if (account.managed) throw new PlexHttpError(ERRORS.notAvailable);
    const { fields, json } = await shareBody(c);
    const machineIdentifier = String(json.machineIdentifier ?? fields.machineIdentifier ?? '').trim();
    if (machineIdentifier === '') throw badRequest('machineIdentifier is required');
    const device = [...state.devices.values()].find(
      (d) => d.server && d.clientIdentifier === machineIdentifier,
    );
    if (!device) throw new PlexHttpError(SOCIAL_ERRORS.serverNotFound);
    if (device.ownerId !== account.id) throw new PlexHttpError(ERRORS.notAvailable);
    return shareDoc(c, 201, createShare(account, device, json, fields));
  });

  // v1 (python-plexapi's inviteFriend/updateFriend; go-plex-client's capture is the answer): JSON
  // {server_id, shared_server: {library_section_ids, invited_email | invited_id}, sharing_settings}.
  const v1Share = (json: Record<string, unknown>) => {
    const inner = (json.shared_server ?? {}) as Record<string, unknown>;
    return {
      librarySectionIds: inner.library_section_ids,
      invitedEmail: inner.invited_email,
      invitedId: inner.invited_id,
      settings: json.sharing_settings,
    };
  };
  const v1Doc = (account: Account, ref: ShareRef) =>
    documentResponse('xml', 200, {
      json: () => null,
      xml: () => sharedServersV1Xml(runtime.state, account, ref.device, [ref.share]),
    });
  app.post('/api/servers/:machineIdentifier/shared_servers', async (c) => {
    const { account } = await authenticate(c, runtime);
    if (account.managed) throw new PlexHttpError(ERRORS.notAvailable);
    const device = ownedServer(account, c.req.param('machineIdentifier'));
    const { json } = await shareBody(c);
    return v1Doc(account, createShare(account, device, v1Share(json), {}));
  });
  app.put('/api/servers/:machineIdentifier/shared_servers/:id', async (c) => {
    const { account } = await authenticate(c, runtime);
    const device = ownedServer(account, c.req.param('machineIdentifier'));
    const ref = ownShare(runtime, account, c.req.param('id'), false);
    if (ref.device !== device) throw new PlexHttpError(SOCIAL_ERRORS.sharedServerNotFound);
    const { json } = await shareBody(c);
    const wanted = v1Share(json);
    if (wanted.librarySectionIds !== undefined)
      ref.share.librarySectionIds = sectionIdsOf(device, wanted.librarySectionIds);
    Object.assign(ref.share.settings, settingsOf(wanted.settings));
    return v1Doc(account, ref);
  });
  app.delete('/api/servers/:machineIdentifier/shared_servers/:id', async (c) => {
    const { account } = await authenticate(c, runtime);
    const device = ownedServer(account, c.req.param('machineIdentifier'));
    const ref = ownShare(runtime, account, c.req.param('id'), false);
    if (ref.device !== device) throw new PlexHttpError(SOCIAL_ERRORS.sharedServerNotFound);
    device.shares = device.shares.filter((s) => s !== ref.share);
    return c.body(null, 200);
  });

  const update = async (c: Context) => {
    const { account } = await authenticate(c, runtime);
    const ref = ownShare(runtime, account, c.req.param('id') ?? '', false);
    const { json } = await shareBody(c);
    if (
      json.machineIdentifier !== undefined &&
      String(json.machineIdentifier) !== ref.device.clientIdentifier
    )
      throw badRequest(`Shared server ${ref.share.id} is not on server ${String(json.machineIdentifier)}`);
    if (json.librarySectionIds === undefined && json.settings === undefined)
      throw badRequest('Give librarySectionIds and/or settings');
    if (json.librarySectionIds !== undefined)
      ref.share.librarySectionIds = sectionIdsOf(ref.device, json.librarySectionIds);
    const settings = settingsOf(json.settings);
    Object.assign(ref.share.settings, settings);
    Object.assign(ensureSettings(runtime.state, account.id, ref.share.accountId), settings);
    return shareDoc(c, 200, ref);
  };
  app.post('/api/v2/shared_servers/:id', update);
  app.put('/api/v2/shared_servers/:id', update);

  app.delete('/api/v2/shared_servers/:id', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { device, share } = ownShare(runtime, account, c.req.param('id'), true);
    device.shares = device.shares.filter((s) => s !== share);
    return c.body(null, 204);
  });

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
}
