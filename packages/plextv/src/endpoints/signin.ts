/** Password sign-in (with 2FA) and sign-out. */
import type { PlexTvClient } from '../client.js';
import { InvalidCredentialsError, TwoFactorRequiredError, UnauthorizedError } from '../errors.js';
import { decodeAccount, type UserPlexAccount } from '../models/account.js';
import type { RequestSpec } from '../transport.js';
import type { CallOptions } from './account.js';
import { bodyObject } from './decode.js';

export interface SignInCredentials {
  /** Username or e-mail address. */
  login: string;
  password: string;
  /** The 6-digit two-factor code (or a backup code), for accounts with 2FA. */
  code?: string;
  /** Ask for a long-lived token. Default true. */
  rememberMe?: boolean;
}

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
  const path = '/api/v2/users/signin';
  const spec: RequestSpec = {
    method: 'POST',
    path,
    auth: false,
    idempotent: false,
    form: {
      login: credentials.login,
      password: credentials.password,
      rememberMe: credentials.rememberMe ?? true,
      verificationCode: credentials.code || undefined,
    },
    secrets: [credentials.password, credentials.code],
    ...options,
  };
  let response: Awaited<ReturnType<PlexTvClient['request']>>;
  try {
    response = await client.request(spec);
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
  return decodeAccount(bodyObject(response, spec, 'user'), { method: 'POST', path, requireToken: true });
}

/** Revoke the client's token at plex.tv (`DELETE /api/v2/users/signout`). */
export async function signOut(client: PlexTvClient, options: CallOptions = {}): Promise<void> {
  await client.request({
    method: 'DELETE',
    path: '/api/v2/users/signout',
    idempotent: false,
    ignoreBody: true,
    ...options,
  });
}
