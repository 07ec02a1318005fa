import type { Hono } from 'hono';
import { PlexHttpError, SOCIAL_ERRORS } from '../state/errors.js';
import { friendshipBetween, personOf, shareAcceptedAt } from '../state/friends.js';
import { nowSeconds } from '../state/model.js';
import type { ShareRef } from '../state/sharing.js';
import { documentResponse } from '../wire/format.js';
import { sharedServerCreateJson } from '../wire/friends.js';
import { jsonListToXml, jsonToXml } from '../wire/v2xml.js';
import { authenticate, format, type Runtime } from './runtime.js';

/**
 * The v2 share lists Wizarr reads (on clients.plex.tv; the emulator serves them on every origin). **Unverified**
 * shapes, as Wizarr reads them (what-apps-call.md row 6):
 * - GET /api/v2/shared_servers/owned/accepted: the caller's accepted shares, each a v2 share object.
 * - GET /api/v2/shared_servers/invites/received/pending: shares offered to the caller and not accepted yet,
 *   grouped by owner: `[{owner{id, uuid, username, email, title, friendlyName, thumb}, sharedServers[…]}]`.
 * - POST /api/v2/shared_servers/{id}/accept: accept one (accepting the owner's pending friend invitation with
 *   it); 200 with the share.
 */
export function registerShareInviteRoutes(app: Hono, runtime: Runtime): void {
  const allShares = (): ShareRef[] =>
    [...runtime.state.devices.values()].flatMap((device) =>
      device.shares.map((share) => ({ device, share })),
    );

  app.get('/api/v2/shared_servers/owned/accepted', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { state } = runtime;
    const refs = allShares().filter(
      (r) => r.device.ownerId === account.id && shareAcceptedAt(state, account.id, r.share) !== null,
    );
    const doc = refs.map((r) => sharedServerCreateJson(state, r));
    return documentResponse(format(c), 200, {
      json: () => doc,
      xml: () => jsonListToXml('sharedServers', doc),
    });
  });

  app.get('/api/v2/shared_servers/invites/received/pending', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { state } = runtime;
    const pending = allShares().filter(
      (r) => r.share.accountId === account.id && shareAcceptedAt(state, r.device.ownerId, r.share) === null,
    );
    const byOwner = new Map<number, ShareRef[]>();
    for (const r of pending) byOwner.set(r.device.ownerId, [...(byOwner.get(r.device.ownerId) ?? []), r]);
    const doc = [...byOwner].map(([ownerId, refs]) => {
      const owner = personOf(state, ownerId);
      return {
        owner: {
          id: ownerId,
          uuid: owner?.uuid ?? '',
          username: owner?.username ?? null,
          email: owner?.email ?? null,
          title: owner?.title ?? '',
          friendlyName: owner?.friendlyName ?? null,
          thumb: owner?.thumb ?? '',
        },
        sharedServers: refs.map((r) => sharedServerCreateJson(state, r)),
      };
    });
    return documentResponse(format(c), 200, { json: () => doc, xml: () => jsonListToXml('invites', doc) });
  });

  app.post('/api/v2/shared_servers/:id{[0-9]+}/accept', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { state } = runtime;
    const ref = allShares().find((r) => String(r.share.id) === c.req.param('id'));
    if (!ref || ref.share.accountId !== account.id)
      throw new PlexHttpError(SOCIAL_ERRORS.sharedServerNotFound);
    const invite = friendshipBetween(state, account.id, ref.device.ownerId);
    if (invite?.status === 'pending' && invite.inviterId === ref.device.ownerId) {
      invite.status = 'accepted';
      invite.acceptedAt = nowSeconds(state);
    }
    const doc = sharedServerCreateJson(state, ref);
    return documentResponse(format(c), 200, { json: () => doc, xml: () => jsonToXml('sharedServer', doc) });
  });
}
