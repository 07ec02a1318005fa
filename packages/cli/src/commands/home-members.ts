/** What the `plextv home` commands share: the Home's members, their roles and summaries, Home PINs typed. */
import { getHomeUsers, type HomeUser, NotFoundError, type PlexTvClient } from 'plextv';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { personSummary, selectPerson } from '../people.js';

/** `admin`, `managed`, `guest` or `member` (an invited Plex account). */
export function homeRole(user: Pick<HomeUser, 'admin' | 'guest' | 'restricted'>): string {
  if (user.admin) return 'admin';
  if (user.guest) return 'guest';
  if (user.restricted) return 'managed';
  return 'member';
}

/** A PIN given on the command line: exactly four digits, else a usage error (exit 2). */
export function checkPin(value: string, flag: string): string {
  const pin = value.trim();
  if (!/^\d{4}$/.test(pin)) throw new UsageError(`${flag}: a Plex Home PIN is exactly 4 digits.`);
  return pin;
}

const validatePin = (value: string): true | string =>
  /^\d{4}$/.test(value.trim()) ? true : 'A Plex Home PIN is exactly 4 digits.';

/** The Home's members (the admin, managed users, invited accounts, the guest). */
export async function members(ctx: Context, client: PlexTvClient): Promise<HomeUser[]> {
  try {
    return await getHomeUsers(client, { signal: ctx.signal });
  } catch (error) {
    // plex.tv has no Home for this account (404).
    if (error instanceof NotFoundError) throw notInHome(error);
    throw error;
  }
}

export function notInHome(cause: unknown): CliError {
  return new CliError(
    'USAGE',
    'This account is not in a Plex Home: add a managed user (plextv home add <name>) or invite someone (plextv home invite <user>) to make one.',
    { cause },
  );
}

export function memberSummary(user: HomeUser) {
  return {
    ...personSummary(user),
    role: homeRole(user),
    restrictionProfile: user.restrictionProfile ?? null,
    protected: user.protected === true,
  };
}

export function selectMember(users: readonly HomeUser[], query: string): HomeUser {
  return selectPerson(users, query, 'member', 'in your Plex Home');
}

/** Ask for a PIN on the terminal (hidden). */
export async function askPin(ctx: Context, message: string): Promise<string> {
  return (await ctx.prompter().password(message, { validate: validatePin })).trim();
}
