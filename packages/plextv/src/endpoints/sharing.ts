/**
 * Sharing your servers: the sections plex.tv knows for a server, creating, changing and removing a share, and a
 * friend's sharing settings.
 *
 * Verified by captures: `GET /api/servers/{machineId}` (go-plex-client; python-plexapi and @ctrl/plex call it),
 * `GET /api/v2/servers/{machineId}` (plex-api.rs; decoded alike), `POST /api/v2/shared_servers` (plex-api.rs,
 * request and answer). `PUT /api/v2/sharings/{userId}` is python-plexapi's (no answer captured).
 * **Unverified**: changing and removing a share (`POST` / `DELETE /api/v2/shared_servers/{id}`), seen in
 * third-party code only; they go to clients.plex.tv, which is what Plex Web uses for them (a `DELETE` on plex.tv
 * has been reported to answer 405).
 */
import type { PlexTvClient } from '../client.js';
import {
  type AllowTuners,
  decodeSharedServer,
  decodeSharingServer,
  formatSharingFilter,
  type LibrarySection,
  SHARING_FILTERS,
  SHARING_FLAGS,
  type SharedServer,
  type SharingFilter,
  type SharingServer,
  sharingServerWire,
} from '../models/sharing.js';
import type { CallOptions } from '../transport.js';
import { objectBody, parser } from './body.js';
import { call } from './call.js';
import { route } from './route.js';
import { requiredText } from './segment.js';
import {
  createShareV1,
  isEndpointMissing,
  removeShareV1,
  type SharingApi,
  updateShareV1,
} from './sharing-v1.js';

const SHARING_SERVER = objectBody('server', (w, ctx) => decodeSharingServer(sharingServerWire(w), ctx));
// `<SharedServer …/>` alone or in a `<MediaContainer>`, or the JSON object.
const SHARED_SERVER = objectBody('sharedServer', (root, ctx) =>
  decodeSharedServer(root.repeated('SharedServer')[0] ?? root, ctx),
);
const SHARE_ID = "the share's id (SharedServer.id)";

const GET_SHARING_SERVER = route('getSharingServer', 'GET /api/servers/{machineIdentifier}', {
  params: { machineIdentifier: "the server's machine identifier" },
  accept: 'xml',
  body: SHARING_SERVER,
});
const SHARE_SERVER = route('shareServer', 'POST /api/v2/shared_servers', { body: SHARED_SERVER });
const UPDATE_SHARE = route('updateShare', 'POST /api/v2/shared_servers/{id}', {
  host: 'clients',
  params: { id: SHARE_ID },
  idempotent: true,
});
const REMOVE_SHARE = route('removeShare', 'DELETE /api/v2/shared_servers/{id}', {
  host: 'clients',
  params: { id: SHARE_ID },
  idempotent: true,
});
const UPDATE_SHARING_SETTINGS = route('updateSharingSettings', 'PUT /api/v2/sharings/{id}', {
  params: { id: "the friend's account id (Friend.id / PlexUser.id)" },
  idempotent: true,
});

/**
 * How a server plex.tv knows is shared (`GET /api/servers/{machineIdentifier}`, XML): its addresses and its
 * library sections with plex.tv's section ids (what `shareServer` takes).
 */
export async function getSharingServer(
  client: PlexTvClient,
  machineIdentifier: string,
  options: CallOptions = {},
): Promise<SharingServer> {
  return call(client, GET_SHARING_SERVER, { params: { machineIdentifier } }, options);
}

/** The library sections of a server as plex.tv numbers them for sharing (`GET /api/servers/{machineIdentifier}`). */
export async function sharingSections(
  client: PlexTvClient,
  machineIdentifier: string,
  options: CallOptions = {},
): Promise<LibrarySection[]> {
  return (await getSharingServer(client, machineIdentifier, options)).librarySections;
}

/**
 * Decode a server body you already have: v1 XML (`/api/servers/{id}`, `<Server><Section/></Server>`) or v2 JSON
 * (`/api/v2/servers/{id}`, `librarySections[]`). Both give the same `SharingServer`.
 */
export const parseSharingServer: (
  text: string,
  options?: { contentType?: string },
) => Promise<SharingServer> = parser(SHARING_SERVER);

/**
 * Decode a share you already have: the v2 JSON of `POST /api/v2/shared_servers`, or a v1
 * `<MediaContainer><SharedServer><Section/></SharedServer>` (the first share when there are several).
 */
export const parseSharedServer: (text: string, options?: { contentType?: string }) => Promise<SharedServer> =
  parser(SHARED_SERVER);

/** A filter: plex.tv's raw string, or its parts (written with `formatSharingFilter`). */
export type SharingFilterInput = string | Partial<SharingFilter>;

/** Sharing settings to set; only the ones given are sent. */
export interface SharingSettingsInput {
  allowSync?: boolean;
  allowCameraUpload?: boolean;
  allowChannels?: boolean;
  allowSubtitleAdmin?: boolean;
  /** `0`, `1` or `2` (Live TV & DVR access levels). */
  allowTuners?: AllowTuners;
  filterMovies?: SharingFilterInput;
  filterMusic?: SharingFilterInput;
  filterTelevision?: SharingFilterInput;
  filterPhotos?: SharingFilterInput;
  filterAll?: SharingFilterInput;
}

type WireSettings = Record<string, boolean | number | string>;

/** Check and flatten settings: booleans stay booleans, `allowTuners` is 0/1/2, filters become strings. */
function wireSettings(input: SharingSettingsInput | undefined, fn: string): WireSettings {
  const out: WireSettings = {};
  if (input === undefined) return out;
  if (typeof input !== 'object' || input === null)
    throw new TypeError(`plextv: ${fn} settings must be an object`);
  for (const key of SHARING_FLAGS) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw new TypeError(`plextv: ${fn} ${key} must be true or false`);
    out[key] = v;
  }
  const tuners = input.allowTuners;
  if (tuners !== undefined) {
    if (tuners !== 0 && tuners !== 1 && tuners !== 2) {
      throw new TypeError(`plextv: ${fn} allowTuners must be 0, 1 or 2 (got ${String(tuners)})`);
    }
    out.allowTuners = tuners;
  }
  for (const key of SHARING_FILTERS) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'object' && v !== null) out[key] = formatSharingFilter(v);
    else throw new TypeError(`plextv: ${fn} ${key} must be a filter string or object`);
  }
  return out;
}

/** plex.tv's section ids (`LibrarySection.id`) as the numbers its JSON takes. */
function sectionIds(ids: unknown, fn: string): number[] {
  if (!Array.isArray(ids)) throw new TypeError(`plextv: ${fn} needs librarySectionIds (LibrarySection.id[])`);
  return ids.map((id) => {
    const text = typeof id === 'number' ? String(id) : typeof id === 'string' ? id.trim() : '';
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
      throw new TypeError(`plextv: ${fn}: ${String(id)} is not a library section id (LibrarySection.id)`);
    }
    return Number(text);
  });
}

/** What `shareServer` shares, and with whom. */
export interface ShareServerOptions {
  /** The server to share (`PlexResource.clientIdentifier`). */
  machineIdentifier: string;
  /** Who: a username or e-mail address (plex.tv's field is named `invitedEmail` but takes both) … */
  invitedEmail?: string;
  /** … or an account id (a friend's or managed user's `id`). Give exactly one of the two. */
  invitedId?: number;
  /** plex.tv's ids of the sections to share (`LibrarySection.id`, from `sharingSections`). */
  librarySectionIds: ReadonlyArray<number | string>;
  settings?: SharingSettingsInput;
}

/**
 * Share a server's libraries with someone (`POST /api/v2/shared_servers`, JSON
 * `{machineIdentifier, librarySectionIds, settings, invitedEmail | invitedId}`). Resolves with the share.
 * Not retried (a lost answer could otherwise share twice). When plex.tv answers that the v2 endpoint does not
 * exist (404, code 1002: python-plexapi #1504, 2025), the v1 `POST /api/servers/{m}/shared_servers` is used
 * instead; `api` says which one answered.
 */
export async function shareServer(
  client: PlexTvClient,
  share: ShareServerOptions,
  options: CallOptions = {},
): Promise<SharedServer & { api: SharingApi }> {
  const fn = 'shareServer';
  const machineIdentifier = requiredText(share?.machineIdentifier, fn, "the server's machineIdentifier");
  const byEmail = share.invitedEmail !== undefined;
  const byId = share.invitedId !== undefined;
  if (byEmail === byId) throw new TypeError(`plextv: ${fn} needs exactly one of invitedEmail and invitedId`);
  const json: Record<string, unknown> = {
    machineIdentifier,
    librarySectionIds: sectionIds(share.librarySectionIds, fn),
    settings: wireSettings(share.settings, fn),
  };
  if (byEmail) json.invitedEmail = requiredText(share.invitedEmail, fn, 'a non-blank invitedEmail');
  else {
    if (!Number.isSafeInteger(share.invitedId))
      throw new TypeError(`plextv: ${fn} invitedId must be an account id`);
    json.invitedId = share.invitedId;
  }
  try {
    return { ...(await call(client, SHARE_SERVER, { json }, options)), api: 'v2' };
  } catch (error) {
    if (!isEndpointMissing(error)) throw error;
    return { ...(await createShareV1(client, machineIdentifier, json, options)), api: 'v1' };
  }
}

/** What `updateShare` changes in an existing share. */
export interface UpdateShareOptions {
  /** The sections the share should have from now on (`LibrarySection.id`). */
  librarySectionIds: ReadonlyArray<number | string>;
  /** Settings to change at the same time. */
  settings?: SharingSettingsInput;
  /** The shared server's machine identifier, sent along when given. */
  machineIdentifier?: string;
}

/**
 * Change which libraries a share includes (`POST https://clients.plex.tv/api/v2/shared_servers/{id}`, JSON
 * `{librarySectionIds, settings?, machineIdentifier?}`; `id` is `SharedServer.id` / `PlexUserServer.id`).
 *
 * **Unverified**: seen in third-party clients (a PHP client, Wizarr), not in a capture or a reference client.
 * When v2 answers "endpoint not found" (404, 1002) and `machineIdentifier` is given, the v1
 * `PUT /api/servers/{m}/shared_servers/{id}` is used; `api` says which answered.
 */
export async function updateShare(
  client: PlexTvClient,
  sharedServerId: number | string,
  update: UpdateShareOptions,
  options: CallOptions = {},
): Promise<{ api: SharingApi }> {
  const fn = 'updateShare';
  const json: Record<string, unknown> = { librarySectionIds: sectionIds(update?.librarySectionIds, fn) };
  if (update.settings !== undefined) json.settings = wireSettings(update.settings, fn);
  if (update.machineIdentifier !== undefined) {
    json.machineIdentifier = requiredText(update.machineIdentifier, fn, 'a non-blank machineIdentifier');
  }
  try {
    await call(client, UPDATE_SHARE, { params: { id: sharedServerId }, json }, options);
    return { api: 'v2' };
  } catch (error) {
    // The v1 path names the server: only a caller that gave machineIdentifier can fall back.
    if (!isEndpointMissing(error) || json.machineIdentifier === undefined) throw error;
    await updateShareV1(client, String(json.machineIdentifier), sharedServerId, json, options);
    return { api: 'v1' };
  }
}

/**
 * Stop sharing a server with someone (`DELETE https://clients.plex.tv/api/v2/shared_servers/{id}`; `id` is
 * `SharedServer.id` / `PlexUserServer.id`). The friendship stays; `removeFriend` ends both.
 *
 * **Unverified**: the path is Plex Web's as reported in python-plexapi #1413 and a Java client; no capture.
 * When v2 answers "endpoint not found" (404, 1002) and `options.machineIdentifier` is given, the v1
 * `DELETE /api/servers/{m}/shared_servers/{id}` is used; `api` says which answered.
 */
export async function removeShare(
  client: PlexTvClient,
  sharedServerId: number | string,
  options: CallOptions & { machineIdentifier?: string } = {},
): Promise<{ api: SharingApi }> {
  const { machineIdentifier, ...rest } = options;
  try {
    await call(client, REMOVE_SHARE, { params: { id: sharedServerId } }, rest);
    return { api: 'v2' };
  } catch (error) {
    // The v1 path names the server: only a caller that gave machineIdentifier can fall back.
    if (!isEndpointMissing(error) || machineIdentifier === undefined) throw error;
    await removeShareV1(client, machineIdentifier, sharedServerId, rest);
    return { api: 'v1' };
  }
}

/**
 * Change a friend's sharing settings (`PUT /api/v2/sharings/{userId}?allowSync=0|1&…&allowTuners=0|1|2&filterMovies=…`,
 * as python-plexapi sends them). `userId` is the friend's account id. Only the settings given are sent; none is a
 * `TypeError`.
 */
export async function updateSharingSettings(
  client: PlexTvClient,
  userId: number | string,
  settings: SharingSettingsInput,
  options: CallOptions = {},
): Promise<void> {
  const fn = 'updateSharingSettings';
  const query = wireSettings(settings, fn);
  if (Object.keys(query).length === 0) throw new TypeError(`plextv: ${fn} needs at least one setting`);
  await call(client, UPDATE_SHARING_SETTINGS, { params: { id: userId }, query }, options);
}
