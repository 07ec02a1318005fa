/** Password sign-in (with 2FA) and sign-out. */
import type { PlexTvClient } from '../client.js';
import { InvalidCredentialsError, TwoFactorRequiredError, UnauthorizedError } from '../errors.js';
import type { UserPlexAccount } from '../models/account.js';
import type { CallOptions } from '../transport.js';
import { ACCOUNT_WITH_TOKEN } from './account.js';
import { call } from './call.js';
import { route } from './route.js';

/** What `signIn` sends: a login, a password, and the 2FA code when the account has 2FA. */
export interface SignInCredentials {
  /** Username or e-mail address. */
  login: string;
  password: string;
  /** The 6-digit two-factor code (or a backup code), for accounts with 2FA. */
  code?: string;
  /** Ask for a long-lived token. Default true. */
  rememberMe?: boolean;
}

const SIGN_IN = route('signIn', 'POST /api/v2/users/signin', {
  auth: false,
  idempotent: false,
  body: ACCOUNT_WITH_TOKEN,
});

// Revoking twice is not "the same": the token is gone after the first, so never retried.
const SIGN_OUT = route('signOut', 'DELETE /api/v2/users/signout', { idempotent: false });

/**
 * Sign in with a password (`POST /api/v2/users/signin`). Resolves with the account; its `authToken` is the
 * new token (use `client.withToken(account.authToken)`).
 *
 * Never retried automatically: a repeated sign-in counts against plex.tv's lockout.
 * Throws `TwoFactorRequiredError` when the account needs `code` (or the code was wrong), and
 * `InvalidCredentialsError` for a wrong login or password.
 */
export async function signIn(
  client: PlexTvClient,
  credentials: SignInCredentials,
  options: CallOptions = {},
): Promise<UserPlexAccount> {
  const form = {
    login: credentials.login,
    password: credentials.password,
    rememberMe: credentials.rememberMe ?? true,
    verificationCode: credentials.code || undefined,
  };
  try {
    return await call(client, SIGN_IN, { form, secrets: [credentials.password, credentials.code] }, options);
  } catch (error) {
    if (error instanceof UnauthorizedError && !(error instanceof TwoFactorRequiredError)) {
      throw new InvalidCredentialsError(error.message, {
        status: error.status,
        code: error.code,
        method: error.method,
        path: error.path,
        cause: error,
      });
    }
    throw error;
  }
}

/** Revoke the client's token at plex.tv (`DELETE /api/v2/users/signout`). */
export async function signOut(client: PlexTvClient, options: CallOptions = {}): Promise<void> {
  await call(client, SIGN_OUT, {}, options);
}
