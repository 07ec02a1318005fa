/** Finding accounts (sign-in, control API), checking their credentials, and the Home an account belongs to. */

import { ERRORS, PlexHttpError } from './errors.js';
import type { Account, EmulatorState, Home } from './model.js';

/** An account as others see it (friend lists, Home member lists), in the wire's key order. */
export interface PublicIdentity {
  id: number;
  uuid: string;
  title: string;
  /** null for managed users. */
  username: string | null;
  /** null for managed users. */
  email: string | null;
}

/** Managed users have no login of their own, so plex.tv shows their username and e-mail as null. */
export function publicIdentity(a: Account): PublicIdentity {
  return {
    id: a.id,
    uuid: a.uuid,
    title: a.title,
    username: a.managed ? null : a.username,
    email: a.managed ? null : a.email,
  };
}

export function homeOf(state: EmulatorState, accountId: number): Home | null {
  for (const home of state.homes.values()) {
    if (home.memberIds.includes(accountId)) return home;
  }
  return null;
}

/** Sign-in lookup: username or e-mail, case-insensitive. Managed users have neither. */
export function findByLogin(state: EmulatorState, login: string): Account | null {
  const needle = login.trim().toLowerCase();
  if (needle === '') return null;
  for (const a of state.accounts.values()) {
    if (a.username.toLowerCase() === needle || a.email.toLowerCase() === needle) return a;
  }
  return null;
}

/** Control-API lookup: id, username, e-mail, or (for managed users, who have neither) title. */
export function findAccount(state: EmulatorState, ref: string | number): Account | null {
  if (typeof ref === 'number') return state.accounts.get(ref) ?? null;
  if (/^\d+$/.test(ref)) {
    const byId = state.accounts.get(Number(ref));
    if (byId) return byId;
  }
  const byLogin = findByLogin(state, ref);
  if (byLogin) return byLogin;
  const needle = ref.toLowerCase();
  for (const a of state.accounts.values()) {
    if (a.managed && a.title.toLowerCase() === needle) return a;
  }
  return null;
}

/**
 * The password + 2FA rule:
 * - unknown login or wrong password: 401 code 1001;
 * - 2FA account: the seed's `twoFactorCode` is the only valid code. It may come as
 *   `verificationCode`, or appended to the password (the legacy fallback plex.tv keeps for old
 *   clients). No code, or a wrong one: 401 code 1029.
 */
export function checkCredentials(
  account: Account | null,
  password: string,
  code: string,
): asserts account is Account {
  if (account === null || account.password === null) throw new PlexHttpError(ERRORS.unauthenticated);
  const expected = account.twoFactorCode;
  if (expected !== null && password === account.password + expected) return; // legacy password+code
  if (password !== account.password) throw new PlexHttpError(ERRORS.unauthenticated);
  if (expected === null) return;
  if (code !== expected) throw new PlexHttpError(ERRORS.verificationCodeRequired);
}
