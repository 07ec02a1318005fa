/** Claim tokens: what a new Plex Media Server needs to join the account (`GET /api/claim/token.json`). */
import type { PlexTvClient } from '../client.js';
import { requireStr } from '../models/read.js';
import type { CallOptions } from '../transport.js';
import { objectBody } from './body.js';
import { call } from './call.js';
import { route } from './route.js';

const CLAIM_TOKEN = route('getClaimToken', 'GET /api/claim/token.json', {
  body: objectBody('claim', (w, ctx) => requireStr(w, ['token'], ctx)),
});

/**
 * A fresh claim token (`claim-…`) for the account (`GET /api/claim/token.json`). Give it to a new server
 * (the `PLEX_CLAIM` variable of the Docker image, or the server's `/myplex/claim?token=`) within a few minutes.
 * A secret while it lives: whoever holds it can attach a server to the account.
 */
export async function getClaimToken(client: PlexTvClient, options: CallOptions = {}): Promise<string> {
  return call(client, CLAIM_TOKEN, {}, options);
}
