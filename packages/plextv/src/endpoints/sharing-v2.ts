/**
 * The v2 share lists Wizarr uses (on clients.plex.tv), and a server with its sections from the v2 endpoint.
 * **Unverified**: shapes as Wizarr reads them; no capture (what-apps-call.md row 6).
 */
import type { PlexTvClient } from '../client.js';
import { decodeShareInvite, type ShareInvite } from '../models/share-invite.js';
import {
  decodeSharedServer,
  decodeSharingServer,
  type SharedServer,
  type SharingServer,
  sharingServerWire,
} from '../models/sharing.js';
import type { CallOptions } from '../transport.js';
import { listBody, objectBody } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

const SHARES = listBody('sharedServers', { jsonKeys: ['sharedServers', 'SharedServer'] }, decodeSharedServer);
const INVITES = listBody(
  'invites',
  { jsonKeys: ['invites'] },
  decodeShareInvite,
  'a list of share invitations',
);

const ACCEPTED = route('getAcceptedShares', 'GET /api/v2/shared_servers/owned/accepted', {
  host: 'clients',
  body: SHARES,
});
const PENDING = route('getPendingShareInvites', 'GET /api/v2/shared_servers/invites/received/pending', {
  host: 'clients',
  body: INVITES,
});
// Accepting twice accepts once.
const ACCEPT = route('acceptShareInvite', 'POST /api/v2/shared_servers/{id}/accept', {
  host: 'clients',
  params: { id: "the share's id (SharedServer.id, from getPendingShareInvites)" },
  idempotent: true,
});
const SERVER = route('getServer', 'GET /api/v2/servers/{machineIdentifier}', {
  params: { machineIdentifier: "the server's machine identifier" },
  body: objectBody('server', (w, ctx) => decodeSharingServer(sharingServerWire(w), ctx)),
});

/** Your servers' shares that their users accepted (`GET /api/v2/shared_servers/owned/accepted`). Unverified shape. */
export async function getAcceptedShares(
  client: PlexTvClient,
  options: CallOptions = {},
): Promise<SharedServer[]> {
  return call(client, ACCEPTED, {}, options);
}

/**
 * Shares offered to you and not accepted yet, grouped by owner
 * (`GET /api/v2/shared_servers/invites/received/pending`). Unverified shape.
 */
export async function getPendingShareInvites(
  client: PlexTvClient,
  options: CallOptions = {},
): Promise<ShareInvite[]> {
  return call(client, PENDING, {}, options);
}

/** Accept a share offered to you (`POST /api/v2/shared_servers/{id}/accept`). Unverified host and answer. */
export async function acceptShareInvite(
  client: PlexTvClient,
  sharedServerId: number | string,
  options: CallOptions = {},
): Promise<void> {
  await call(client, ACCEPT, { params: { id: sharedServerId } }, options);
}

/**
 * One server plex.tv knows, with its library sections and plex.tv's section ids (`GET /api/v2/servers/{m}`, JSON);
 * the same `SharingServer` as `getSharingServer` (v1 XML).
 */
export async function getServer(
  client: PlexTvClient,
  machineIdentifier: string,
  options: CallOptions = {},
): Promise<SharingServer> {
  return call(client, SERVER, { params: { machineIdentifier } }, options);
}
