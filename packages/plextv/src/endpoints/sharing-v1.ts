/**
 * The v1 sharing endpoints (`/api/servers/{machineIdentifier}/shared_servers[/{id}]`), which plex.tv still
 * serves and python-plexapi uses, for when a v2 sharing endpoint answers "endpoint not found" (404, code 1002:
 * python-plexapi #1504, 2025). Bodies: JSON `{server_id, shared_server: {library_section_ids, invited_email |
 * invited_id}, sharing_settings}` in, `<MediaContainer><SharedServer>` out (go-plex-client's capture).
 */
import type { PlexTvClient } from '../client.js';
import { NotFoundError } from '../errors.js';
import { decodeSharedServer, type SharedServer } from '../models/sharing.js';
import type { CallOptions } from '../transport.js';
import { objectBody } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

/** Which generation of plex.tv's sharing API answered a call. */
export type SharingApi = 'v2' | 'v1';

/** plex.tv's "this endpoint could not be found" (404, code 1002): the v2 path is gone for this account. */
export function isEndpointMissing(error: unknown): boolean {
  return error instanceof NotFoundError && error.code === 1002;
}

const SERVER = "the server's machine identifier (machineIdentifier)";
const V1_SHARE = objectBody('sharedServer', (root, ctx) =>
  decodeSharedServer(root.repeated('SharedServer')[0] ?? root, ctx),
);
const CREATE = route('shareServer', 'POST /api/servers/{machineIdentifier}/shared_servers', {
  params: { machineIdentifier: SERVER },
  accept: 'xml',
  body: V1_SHARE,
});
const UPDATE = route('updateShare', 'PUT /api/servers/{machineIdentifier}/shared_servers/{id}', {
  params: { machineIdentifier: SERVER, id: "the share's id (SharedServer.id)" },
  accept: 'xml',
  idempotent: true,
});
const REMOVE = route('removeShare', 'DELETE /api/servers/{machineIdentifier}/shared_servers/{id}', {
  params: { machineIdentifier: SERVER, id: "the share's id (SharedServer.id)" },
  accept: 'xml',
  idempotent: true,
});

/** The v1 form of a v2 share body. */
function v1Body(v2: Record<string, unknown>): Record<string, unknown> {
  const shared: Record<string, unknown> = { library_section_ids: v2.librarySectionIds };
  if (v2.invitedEmail !== undefined) shared.invited_email = v2.invitedEmail;
  if (v2.invitedId !== undefined) shared.invited_id = v2.invitedId;
  const body: Record<string, unknown> = { server_id: v2.machineIdentifier, shared_server: shared };
  if (v2.settings !== undefined) body.sharing_settings = v2.settings;
  return body;
}

export function createShareV1(
  client: PlexTvClient,
  machineIdentifier: string,
  v2: Record<string, unknown>,
  options: CallOptions,
): Promise<SharedServer> {
  return call(client, CREATE, { params: { machineIdentifier }, json: v1Body(v2) }, options);
}

export async function updateShareV1(
  client: PlexTvClient,
  machineIdentifier: string,
  id: number | string,
  v2: Record<string, unknown>,
  options: CallOptions,
): Promise<void> {
  await call(client, UPDATE, { params: { machineIdentifier, id }, json: v1Body(v2) }, options);
}

export async function removeShareV1(
  client: PlexTvClient,
  machineIdentifier: string,
  id: number | string,
  options: CallOptions,
): Promise<void> {
  await call(client, REMOVE, { params: { machineIdentifier, id } }, options);
}
