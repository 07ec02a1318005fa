/** plex.tv tokens: minting them and how long a sign-in is remembered. */

import {
  type Account,
  type EmulatorState,
  nowSeconds,
  REMEMBER_ME_SECONDS,
  SESSION_SECONDS,
  type Token,
} from './model.js';

/** plex.tv reports no expiry (null) for managed users; owners get now + 14 days or + 1 day. */
export function tokenExpiry(account: Account, now: number, rememberMe: boolean): number | null {
  if (account.managed) return null;
  return now + (rememberMe ? REMEMBER_ME_SECONDS : SESSION_SECONDS);
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A fresh 20-character token, the length plex.tv uses. Web Crypto keeps this browser-safe. */
export function newTokenString(state: EmulatorState): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(20));
    const token = Array.from(bytes, (b) => TOKEN_ALPHABET[b % TOKEN_ALPHABET.length]).join('');
    if (!state.tokens.has(token)) return token;
  }
}

export function issueToken(
  state: EmulatorState,
  account: Account,
  options: { rememberMe?: boolean; clientIdentifier?: string | null } = {},
): Token {
  const now = nowSeconds(state);
  const token: Token = {
    token: newTokenString(state),
    accountId: account.id,
    issuedAt: now,
    rememberExpiresAt: tokenExpiry(account, now, options.rememberMe ?? true),
    clientIdentifier: options.clientIdentifier ?? null,
  };
  state.tokens.set(token.token, token);
  return token;
}
