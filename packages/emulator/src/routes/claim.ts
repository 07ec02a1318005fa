import type { Hono } from 'hono';
import { CLAIM_TOKEN_SECONDS, type EmulatorState, nowSeconds } from '../state/model.js';
import { documentResponse } from '../wire/format.js';
import { authenticate, type Runtime } from './runtime.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** `claim-` + 20 random characters (real ones start with `claim-`; the length is our choice). */
function newClaimToken(state: EmulatorState): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(20));
    const token = `claim-${Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
    if (!state.claimTokens.has(token)) return token;
  }
}

/**
 * GET /api/claim/token.json: a server claim token for the token's account, `{"token":"claim-…"}`
 * (plex-api.rs api/claim/token.json). JSON whatever Accept says. It lives 4 minutes by the emulator
 * clock; `state.claimTokens` keeps them (expired ones are dropped when a new one is made).
 */
export function registerClaimRoutes(app: Hono, runtime: Runtime): void {
  app.get('/api/claim/token.json', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { state } = runtime;
    const now = nowSeconds(state);
    for (const [value, t] of state.claimTokens) if (t.expiresAt <= now) state.claimTokens.delete(value);
    const token = newClaimToken(state);
    state.claimTokens.set(token, {
      token,
      accountId: account.id,
      createdAt: now,
      expiresAt: now + CLAIM_TOKEN_SECONDS,
    });
    return documentResponse('json', 200, { json: () => ({ token }), xml: () => ({ name: 'token' }) });
  });
}
