/** Claim tokens: what a new Plex Media Server needs to join the account (`GET /api/claim/token.json`). */
import type { PlexTvClient } from '../client.js';
import { requireStr } from '../models/read.js';
import type { RequestSpec } from '../transport.js';
import type { CallOptions } from './account.js';
import { bodyObject } from './decode.js';

/**
 * A fresh claim token (`claim-…`) for the account (`GET /api/claim/token.json`). Give it to a new server
 * (the `PLEX_CLAIM` variable of the Docker image, or the server's `/myplex/claim?token=`) within a few minutes.
 * A secret while it lives: whoever holds it can attach a server to the account.
 */
export async function getClaimToken(client: PlexTvClient, options: CallOptions = {}): Promise<string> {
  const spec: RequestSpec = { method: 'GET', path: '/api/claim/token.json', ...options };
  const response = await client.request(spec);
  return requireStr(bodyObject(response, spec, 'claim'), ['token'], spec);
}
