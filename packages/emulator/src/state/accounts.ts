/** Finding accounts (sign-in, control API) and the Home an account belongs to. */

import type { Account, EmulatorState, Home } from './model.js';

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
