/**
 * Plex Media Server downloads (`GET /api/downloads/5.json`): is a newer server out (Tautulli's update check)?
 * JSON only. **Unverified**: no capture.
 */
import type { PlexTvClient } from '../client.js';
import { decodeServerDownloads, type ServerDownloads } from '../models/downloads.js';
import type { CallOptions } from '../transport.js';
import { objectBody, parser } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

export { findServerDownload } from '../models/downloads.js';

const DOWNLOADS = objectBody('downloads', decodeServerDownloads, 'a downloads object');

const GET_DOWNLOADS = route('getServerDownloads', 'GET /api/downloads/5.json', { body: DOWNLOADS });

/** Options of `getServerDownloads`. */
export interface ServerDownloadsOptions extends CallOptions {
  /** `plexpass` for the beta builds (Plex Pass accounts; Tautulli sends it when set to beta). Default: public. */
  channel?: string;
}

/**
 * The newest Plex Media Server for every platform (`GET /api/downloads/5.json`): compare
 * `findServerDownload(downloads, 'Linux')?.version` with a server's version. Unverified shape.
 */
export async function getServerDownloads(
  client: PlexTvClient,
  options: ServerDownloadsOptions = {},
): Promise<ServerDownloads> {
  const { channel, ...rest } = options;
  return call(client, GET_DOWNLOADS, { query: channel === undefined ? undefined : { channel } }, rest);
}

/** Decode a `/api/downloads/5.json` body you already have. Unverified shape. */
export const parseServerDownloads: (
  text: string,
  options?: { contentType?: string },
) => Promise<ServerDownloads> = parser(DOWNLOADS, 'server downloads');
