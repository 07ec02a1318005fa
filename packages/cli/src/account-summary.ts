/** The account as the config file keeps it (`AccountSummary`), and how a message names it. */
import type { UserPlexAccount } from 'plextv';
import type { AccountSummary } from './config.js';

/** The part of the account kept in the config file and printed by `login --json`. */
export function summarize(account: UserPlexAccount): AccountSummary {
  return {
    id: account.id,
    uuid: account.uuid,
    username: account.username,
    title: account.title,
    email: account.email,
  };
}

/** "Title (email)", or what there is of it. */
export function describeAccount(account: AccountSummary | undefined): string | undefined {
  if (!account) return undefined;
  const name = account.title || account.username || `account ${account.id}`;
  return account.email && account.email !== name ? `${name} (${account.email})` : name;
}
