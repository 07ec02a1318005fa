/** The account's Plex cloud server (`GET /api/v2/cloud_server`). **Unverified**: no capture. */
import type { PlexTvClient } from '../client.js';
import { type CloudServer, decodeCloudServer } from '../models/cloud-server.js';
import type { CallOptions } from '../transport.js';
import { objectBody, parser } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

const CLOUD_SERVER = objectBody('cloudServer', decodeCloudServer, 'a cloud server object');

const GET_CLOUD_SERVER = route('getCloudServer', 'GET /api/v2/cloud_server', { body: CLOUD_SERVER });

/**
 * Whether the account has a Plex cloud server and where (`GET /api/v2/cloud_server`; Tautulli reads it).
 * Unverified shape: read leniently, everything unknown kept in `extra`.
 */
export async function getCloudServer(client: PlexTvClient, options: CallOptions = {}): Promise<CloudServer> {
  return call(client, GET_CLOUD_SERVER, {}, options);
}

/** Decode a `/api/v2/cloud_server` body you already have. Unverified shape. */
export const parseCloudServer: (text: string, options?: { contentType?: string }) => Promise<CloudServer> =
  parser(CLOUD_SERVER, 'cloud server');
