/** Resources (servers, players) the account can reach, with their addresses: `GET /api/v2/resources`. */
import type { PlexTvClient } from '../client.js';
import { decodeResource, type PlexResource } from '../models/resource.js';
import type { CallOptions } from '../transport.js';
import { listBody, parser } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

export { findResource } from '../models/resource.js';

export interface GetResourcesOptions extends CallOptions {
  /** Include https (plex.direct) connections. Default true. */
  includeHttps?: boolean;
  /** Include relay connections. Default true. */
  includeRelay?: boolean;
  /** Include IPv6 connections. Default true. */
  includeIPv6?: boolean;
}

/** Items of a resources body: v2 `<resources><resource>`, v1 `<MediaContainer><Device>`, or a JSON array. */
const RESOURCES = listBody(
  'resources',
  { xmlItems: ['resource', 'Device'], jsonKeys: ['resources', 'Device'] },
  decodeResource,
);

const GET_RESOURCES = route('getResources', 'GET /api/v2/resources', { body: RESOURCES });

/**
 * Servers, players and apps the account can use, each with its addresses and (for servers) the token to use
 * with it (`GET /api/v2/resources`). Pass one to `connect` to find the address that works from here.
 */
export async function getResources(
  client: PlexTvClient,
  options: GetResourcesOptions = {},
): Promise<PlexResource[]> {
  const { includeHttps = true, includeRelay = true, includeIPv6 = true, ...rest } = options;
  return call(client, GET_RESOURCES, { query: { includeHttps, includeRelay, includeIPv6 } }, rest);
}

const GET_RESOURCES_V1 = route('getResourcesV1', 'GET /api/resources', { accept: 'xml', body: RESOURCES });

/**
 * The same list from the v1 endpoint (`GET /api/resources`, XML `<MediaContainer><Device><Connection/>`), as
 * older clients read it; decodes to the same `PlexResource`s as `getResources`.
 */
export async function getResourcesV1(
  client: PlexTvClient,
  options: GetResourcesOptions = {},
): Promise<PlexResource[]> {
  const { includeHttps = true, includeRelay = true, includeIPv6 = true, ...rest } = options;
  return call(client, GET_RESOURCES_V1, { query: { includeHttps, includeRelay, includeIPv6 } }, rest);
}

const REMOVE_SERVER = route('removeServer', 'DELETE /api/servers/{machineIdentifier}', {
  params: { machineIdentifier: "the server's machine identifier (PlexResource.clientIdentifier)" },
  accept: 'xml',
  // Removing twice removes once.
  idempotent: true,
});

/**
 * Remove one of your servers from the account (`DELETE /api/servers/{machineIdentifier}`): it is no longer
 * listed, its shares end, and it must be claimed again to come back. The path is @ctrl/plex's
 * (`MyPlexResource.delete()`, which puts the token in the URL; here it stays in the header). **Unverified**: no
 * capture of the answer (its body is not read).
 */
export async function removeServer(
  client: PlexTvClient,
  machineIdentifier: string,
  options: CallOptions = {},
): Promise<void> {
  await call(client, REMOVE_SERVER, { params: { machineIdentifier } }, options);
}

/**
 * Decode a resources body you already have: v2 JSON, v2 XML, or the v1 `/api/resources` XML
 * (format from `contentType`, else sniffed). Throws `DecodeError` for unreadable text or a resource
 * without `clientIdentifier`.
 */
export const parseResources: (text: string, options?: { contentType?: string }) => Promise<PlexResource[]> =
  parser(RESOURCES);
