/**
 * `plextv home`: the Plex Home — its members (`list`), a new managed user (`add`), inviting an account
 * (`invite`), removing a member (`remove`, confirmed), switching to a member (`switch`, with their Home PIN),
 * and Home PINs (`pin set|remove`: your own with `--current`, a managed user's as the admin).
 */
import {
  createManagedUser,
  getHome,
  getHomeUsers,
  getUser,
  type HomeUser,
  inviteToHome,
  NotFoundError,
  PinRequiredError,
  type PlexHome,
  type PlexTvClient,
  removeHomePin,
  removeHomeUser,
  removeManagedUserPin,
  setHomePin,
  setManagedUserPin,
  switchHomeUser,
  UnauthorizedError,
  type UserPlexAccount,
} from 'plextv';
import { describeAccount, summarize } from '../account-summary.js';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { personLabel, personName, personSummary, selectPerson } from '../people.js';
import { plain, redactSecrets } from '../redact.js';
import { renderTable } from '../ui/table.js';

export interface HomeAddOptions {
  profile?: string;
}

export interface HomeRemoveOptions {
  yes?: boolean;
}

export interface HomeSwitchOptions {
  pin?: string;
  save?: boolean;
  showToken?: boolean;
}

export interface HomePinOptions {
  /** The new PIN (`pin set`). */
  pin?: string;
  /** Your current PIN (your own PIN only). */
  current?: string;
}

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

async function homeClient(ctx: Context): Promise<PlexTvClient> {
  const { token } = await ctx.requireToken();
  return ctx.client(token);
}

/** The Home's members (the admin, managed users, invited accounts, the guest). */
async function members(ctx: Context, client: PlexTvClient): Promise<HomeUser[]> {
  try {
    return await getHomeUsers(client, { signal: ctx.signal });
  } catch (error) {
    // plex.tv has no Home for this account (404).
    if (error instanceof NotFoundError) throw notInHome(error);
    throw error;
  }
}

function notInHome(cause: unknown): CliError {
  return new CliError(
    'USAGE',
    'This account is not in a Plex Home: add a managed user (plextv home add <name>) or invite someone (plextv home invite <user>) to make one.',
    { cause },
  );
}

function memberSummary(user: HomeUser) {
  return {
    ...personSummary(user),
    role: homeRole(user),
    restrictionProfile: user.restrictionProfile ?? null,
    protected: user.protected === true,
  };
}

function selectMember(users: readonly HomeUser[], query: string): HomeUser {
  return selectPerson(users, query, 'member', 'in your Plex Home');
}

// ---- list ----

export async function listHome(ctx: Context): Promise<void> {
  const client = await homeClient(ctx);
  const signal = ctx.signal;
  let home: PlexHome | undefined;
  let users: HomeUser[];
  let me: UserPlexAccount | undefined;
  try {
    [home, users, me] = await Promise.all([
      getHome(client, { signal }).catch(() => undefined),
      getHomeUsers(client, { signal }),
      getUser(client, { signal }).catch(() => undefined),
    ]);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    // No Home: nothing to list.
    [home, users, me] = [undefined, [], undefined];
  }
  if (ctx.json) {
    ctx.out.data({
      home: home ? redactSecrets(home) : null,
      members: users.map((u) => ({ ...memberSummary(u), you: u.id === me?.id })),
    });
    return;
  }
  const c = ctx.out.c;
  if (users.length === 0) {
    ctx.out.out(
      c.dim(
        'This account is not in a Plex Home. Add a managed user (plextv home add <name>) or invite someone (plextv home invite <user>) to make one.',
      ),
    );
    return;
  }
  const order = (u: HomeUser) => (u.admin ? 0 : u.guest ? 3 : u.restricted ? 1 : 2);
  const sorted = [...users].sort((a, b) => order(a) - order(b));
  const rows = sorted.map((u) => [
    personName(u) + (u.id === me?.id ? c.green(' (you)') : ''),
    homeRole(u),
    u.restrictionProfile ?? (u.restricted && !u.guest ? c.dim('custom') : ''),
    u.protected ? 'yes' : c.dim('no'),
    u.username ?? '',
    u.email ?? '',
    String(u.id),
  ]);
  ctx.out.out(
    renderTable(['NAME', 'ROLE', 'PROFILE', 'PIN', 'USERNAME', 'EMAIL', 'ID'], rows, {
      c,
      columns: ctx.out.terminalColumns,
      shrink: [5, 0, 4],
    }),
  );
  const n = users.length;
  const name = home?.name ? ` in ${home.name}` : '';
  ctx.out.out(
    c.dim(
      `${n} member${n === 1 ? '' : 's'}${name}. Switch with \`plextv home switch <name>\`; add a managed user with \`plextv home add <name>\`.`,
    ),
  );
}

// ---- add, invite, remove ----

export async function addHomeUser(ctx: Context, name: string, options: HomeAddOptions): Promise<void> {
  const title = name.trim();
  if (title === '') throw new UsageError('Name the managed user.');
  const client = await homeClient(ctx);
  const profile = options.profile;
  const user = await createManagedUser(
    client,
    { name: title, ...(profile !== undefined ? { restrictionProfile: profile } : {}) },
    { signal: ctx.signal },
  );
  const c = ctx.out.c;
  const withProfile = user.restrictionProfile ? ` (profile ${user.restrictionProfile})` : '';
  ctx.out.out(
    `${c.green('✔')} Added the managed user ${c.bold(personName(user))}${withProfile} to your Plex Home (id ${user.id}).`,
  );
  ctx.out.out(
    c.dim(
      `  Protect them with a PIN: plextv home pin set "${personName(user)}"; share a server: plextv share <server> "${personName(user)}" --all`,
    ),
  );
  ctx.out.data({ ok: true, member: memberSummary(user) });
}

export async function inviteHomeUser(ctx: Context, who: string): Promise<void> {
  const invited = who.trim();
  if (invited === '') throw new UsageError('Name the account to invite: a username or e-mail address.');
  const client = await homeClient(ctx);
  await inviteToHome(client, invited, { signal: ctx.signal });
  const c = ctx.out.c;
  ctx.out.out(
    `${c.green('✔')} Invited ${c.bold(invited)} to your Plex Home: they join once they accept the invitation.`,
  );
  ctx.out.data({ ok: true, invited });
}

export async function removeHomeMember(
  ctx: Context,
  query: string,
  options: HomeRemoveOptions,
): Promise<void> {
  const client = await homeClient(ctx);
  const users = await members(ctx, client);
  const user = selectMember(users, query);
  const name = personLabel(user);
  if (user.admin) {
    throw new UsageError(`${name} is the Home's admin: the admin cannot be removed from the Home.`);
  }
  const what = user.restricted
    ? `Delete the managed user ${name}? Their account and everything in it (watch history, playlists) go with it.`
    : `Remove ${name} from your Plex Home? Their own Plex account stays.`;
  const go = await ctx.confirm(what, { yes: options.yes, action: `removing ${name}` });
  if (!go) {
    ctx.out.out('Nothing removed.');
    ctx.out.data({ ok: true, removed: null, cancelled: true });
    return;
  }
  await removeHomeUser(client, user.id, { signal: ctx.signal });
  const c = ctx.out.c;
  ctx.out.out(
    `${c.green('✔')} ${user.restricted ? 'Deleted the managed user' : 'Removed'} ${name}${user.restricted ? '' : ' from your Plex Home'}.`,
  );
  ctx.out.data({ ok: true, removed: memberSummary(user) });
}

// ---- switch ----

/** Ask for a PIN on the terminal (hidden). */
async function askPin(ctx: Context, message: string): Promise<string> {
  return (await ctx.prompter().password(message, { validate: validatePin })).trim();
}

export async function switchHome(ctx: Context, query: string, options: HomeSwitchOptions): Promise<void> {
  let pin = options.pin === undefined ? undefined : checkPin(options.pin, '--pin');
  const client = await homeClient(ctx);
  const users = await members(ctx, client);
  const user = selectMember(users, query);
  const name = personLabel(user);
  const signal = ctx.signal;
  if (pin === undefined && user.protected && ctx.interactive) {
    pin = await askPin(ctx, `Home PIN for ${personName(user)}`);
  }
  let switched: Awaited<ReturnType<typeof switchHomeUser>>;
  try {
    switched = await switchHomeUser(client, user, { signal, ...(pin !== undefined ? { pin } : {}) });
  } catch (error) {
    if (!(error instanceof PinRequiredError)) throw error;
    if (pin === undefined && ctx.interactive) {
      // plex.tv wants a PIN the member list did not announce: ask once.
      pin = await askPin(ctx, `Home PIN for ${personName(user)}`);
      try {
        switched = await switchHomeUser(client, user, { signal, pin });
      } catch (again) {
        if (again instanceof PinRequiredError) throw wrongPin(name, again);
        throw again;
      }
    } else if (pin === undefined) {
      throw new CliError(
        'HOME_PIN',
        `Home PIN required: ${name} is protected by a Plex Home PIN. Pass it with --pin (or run on a terminal to be asked).`,
        { cause: error },
      );
    } else {
      throw wrongPin(name, error);
    }
  }
  const account = switched.account;
  ctx.out.addSecret(account.authToken);
  await report(ctx, user, account, options);
}

/** `the Home's admin`, `a managed user (little_kid)`, …: who a member is, in a sentence. */
function roleWords(user: HomeUser): string {
  const role = homeRole(user);
  if (role === 'admin') return "the Home's admin";
  if (role === 'guest') return "the Home's guest";
  if (role === 'managed') {
    return `a managed user${user.restrictionProfile ? ` (${user.restrictionProfile})` : ''}`;
  }
  return 'a member of the Home';
}

function wrongPin(name: string, cause: unknown): CliError {
  return new CliError('HOME_PIN', `Wrong Home PIN for ${name}: plex.tv refused the switch.`, { cause });
}

async function report(
  ctx: Context,
  user: HomeUser,
  account: UserPlexAccount,
  options: HomeSwitchOptions,
): Promise<void> {
  const c = ctx.out.c;
  const summary = summarize(account);
  const who = describeAccount(summary) ?? personName(user);
  const role = roleWords(user);
  const token = account.authToken;
  if (!token) throw new CliError('UNEXPECTED', 'plex.tv switched the member but sent no token.');
  if (options.save) {
    const config = await ctx.configOrCreate();
    await ctx.transaction(async () => {
      await ctx.updateConfig((current) => ({
        ...(current ?? config),
        baseUrl: ctx.baseUrl,
        token,
        account: summary,
      }));
      // The old token's device key (a Plex JWT's) belongs to the account switched away from.
      await ctx.keyStore.remove();
    });
  }
  if (ctx.json) {
    const result = {
      ok: true,
      account: summary,
      member: memberSummary(user),
      saved: options.save === true,
      ...(options.save ? { configPath: ctx.store.path } : {}),
      ...(options.showToken ? { token } : {}),
    };
    if (options.showToken) ctx.out.dataWithSecrets(plain(result));
    else ctx.out.data(result);
    return;
  }
  // With --show-token, stdout is the token alone (for `$(…)`); the rest goes to stderr.
  const say = (text: string) => (options.showToken ? ctx.out.err(text) : ctx.out.out(text));
  say(`${c.green('✔')} You are now ${c.bold(who)}, ${role}.`);
  if (options.save) {
    say(c.dim(`  Token saved in ${ctx.store.path} (for ${ctx.baseUrl}): plextv now acts as ${who}.`));
  } else if (!options.showToken) {
    say(
      c.dim(
        `  Not saved: plextv still acts as before. --save to act as ${personName(user)} from now on, --show-token to print their token.`,
      ),
    );
  }
  if (options.showToken) ctx.out.secret(token);
}

// ---- PINs ----

/** Who a `pin set|remove` is for: yourself, or a managed member (as the Home's admin). */
async function pinTarget(
  ctx: Context,
  client: PlexTvClient,
  query: string | undefined,
): Promise<{ me: UserPlexAccount; member?: HomeUser }> {
  const me = await getUser(client, { signal: ctx.signal });
  ctx.out.addSecret(me.authToken);
  if (query === undefined) return { me };
  const member = selectMember(await members(ctx, client), query);
  if (member.id === me.id) return { me };
  if (!member.restricted || member.guest) {
    throw new UsageError(
      `${personLabel(member)} is not a managed user: only they can change their own Home PIN (plextv home pin set|remove, signed in as them).`,
    );
  }
  return { me, member };
}

/** Your current PIN: `--current`, else asked on a terminal; none needed when you have no PIN. */
async function currentPin(
  ctx: Context,
  me: UserPlexAccount,
  options: HomePinOptions,
): Promise<string | undefined> {
  if (options.current !== undefined) return checkPin(options.current, '--current');
  if (!me.protected) return undefined;
  if (ctx.interactive) return askPin(ctx, 'Your current Home PIN');
  throw new CliError(
    'HOME_PIN',
    'Home PIN required: your account has a Home PIN; pass it with --current (or run on a terminal to be asked).',
  );
}

/** A wrong `--current` may come back as 1041 or as 401 (the token was fine a moment ago). */
function pinRefusal(error: unknown): unknown {
  if (error instanceof PinRequiredError || error instanceof UnauthorizedError) {
    return new CliError('HOME_PIN', 'Wrong Home PIN: plex.tv refused your current PIN (--current).', {
      cause: error,
    });
  }
  return error;
}

export async function setPinCommand(
  ctx: Context,
  query: string | undefined,
  options: HomePinOptions,
): Promise<void> {
  let pin = options.pin === undefined ? undefined : checkPin(options.pin, '--pin');
  if (pin === undefined && !ctx.interactive) {
    throw new UsageError('Pass the new PIN with --pin <4 digits> (there is no terminal to ask on).');
  }
  const client = await homeClient(ctx);
  const { me, member } = await pinTarget(ctx, client, query);
  if (member && options.current !== undefined) {
    throw new UsageError("--current is your own PIN: a managed user's PIN is set by the admin without it.");
  }
  const current = member ? undefined : await currentPin(ctx, me, options);
  const whose = member ? personLabel(member) : 'you';
  if (pin === undefined) {
    pin = await askPin(ctx, `New Home PIN for ${member ? personName(member) : 'you'}`);
    const again = await askPin(ctx, 'The same PIN again');
    if (again !== pin) throw new UsageError('The two PINs differ: nothing changed.');
  }
  const signal = ctx.signal;
  if (member) {
    await setManagedUserPin(client, member.id, pin, { signal });
  } else {
    try {
      await setHomePin(
        client,
        { pin, userId: me.id, ...(current ? { currentPin: current } : {}) },
        { signal },
      );
    } catch (error) {
      throw pinRefusal(error);
    }
  }
  const c = ctx.out.c;
  ctx.out.out(
    `${c.green('✔')} Home PIN set for ${whose}: switching to ${member ? 'them' : 'you'} now asks for it.`,
  );
  ctx.out.data({ ok: true, pin: 'set', member: member ? memberSummary(member) : null, self: !member });
}

export async function removePinCommand(
  ctx: Context,
  query: string | undefined,
  options: HomePinOptions,
): Promise<void> {
  const client = await homeClient(ctx);
  const { me, member } = await pinTarget(ctx, client, query);
  const c = ctx.out.c;
  const signal = ctx.signal;
  if (member) {
    if (options.current !== undefined) {
      throw new UsageError(
        "--current is your own PIN: a managed user's PIN is removed by the admin without it.",
      );
    }
    await removeManagedUserPin(client, member.id, { signal });
    ctx.out.out(`${c.green('✔')} Removed the Home PIN of ${personLabel(member)}.`);
    ctx.out.data({ ok: true, pin: 'removed', member: memberSummary(member), self: false });
    return;
  }
  const current = await currentPin(ctx, me, options);
  if (current === undefined) {
    ctx.out.out('You have no Home PIN: nothing to remove.');
    ctx.out.data({ ok: true, pin: 'none', member: null, self: true, changed: false });
    return;
  }
  try {
    await removeHomePin(client, current, { signal, userId: me.id });
  } catch (error) {
    throw pinRefusal(error);
  }
  ctx.out.out(`${c.green('✔')} Removed your Home PIN.`);
  ctx.out.data({ ok: true, pin: 'removed', member: null, self: true });
}
