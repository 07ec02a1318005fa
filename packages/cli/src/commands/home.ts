/**
 * `plextv home`: the Plex Home — its members (`list`), a new managed user (`add`), inviting an account
 * (`invite`), removing a member (`remove`, confirmed), switching to a member (`switch`, with their Home PIN:
 * home-switch.ts), and Home PINs (`pin set|remove`: your own with `--current`, a managed user's as the admin:
 * home-pin.ts). All of them are registered here.
 */
import { type Command, Option } from 'commander';
import {
  createManagedUser,
  getHome,
  getHomeUsers,
  getUser,
  type HomeUser,
  inviteToHome,
  NotFoundError,
  type PlexHome,
  RESTRICTION_PROFILES,
  removeHomeUser,
  type UserPlexAccount,
} from 'plextv';
import { type CommandKit, unknownSubcommand } from '../command-kit.js';
import { confirmRemoval } from '../confirm-removal.js';
import type { Context } from '../context.js';
import { CliError, isUserNotFound, said, UsageError } from '../errors.js';
import { personLabel, personName } from '../people.js';
import { redactSecrets } from '../redact.js';
import { renderTable } from '../ui/table.js';
import { homeRole, memberSummary, members, selectMember } from './home-members.js';
import { removePinCommand, setPinCommand } from './home-pin.js';
import { switchHome } from './home-switch.js';

export interface HomeAddOptions {
  profile?: string;
}

export interface HomeRemoveOptions {
  yes?: boolean;
}

// ---- list ----

export async function listHome(ctx: Context): Promise<void> {
  const client = await ctx.signedInClient();
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
  const client = await ctx.signedInClient();
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
  const client = await ctx.signedInClient();
  try {
    await inviteToHome(client, invited, { signal: ctx.signal });
  } catch (error) {
    if (!isUserNotFound(error)) throw error;
    throw new CliError(
      'NOT_FOUND',
      `No plex.tv account is called ${invited} (${ctx.baseUrl} answered ${said(error)}): check the username or e-mail address; only someone with a Plex account can be invited to a Home.`,
      { cause: error },
    );
  }
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
  const client = await ctx.signedInClient();
  const users = await members(ctx, client);
  const user = selectMember(users, query);
  const name = personLabel(user);
  if (user.admin) {
    throw new UsageError(`${name} is the Home's admin: the admin cannot be removed from the Home.`);
  }
  const what = user.restricted
    ? `Delete the managed user ${name}? Their account and everything in it (watch history, playlists) go with it.`
    : `Remove ${name} from your Plex Home? Their own Plex account stays.`;
  if (!(await confirmRemoval(ctx, what, { yes: options.yes, action: `removing ${name}` }))) return;
  await removeHomeUser(client, user.id, { signal: ctx.signal });
  const c = ctx.out.c;
  ctx.out.out(
    `${c.green('✔')} ${user.restricted ? 'Deleted the managed user' : 'Removed'} ${name}${user.restricted ? '' : ' from your Plex Home'}.`,
  );
  ctx.out.data({ ok: true, removed: memberSummary(user) });
}

/** `home` (list) and its subcommands: `list`, `add`, `invite`, `remove`, `switch`, `pin set|remove`. */
export function register(program: Command, kit: CommandKit): void {
  const home = program
    .command('home')
    .description('your Plex Home: list members, add managed users, invite, remove, switch, Home PINs')
    .action(async (_options, command: Command) => {
      unknownSubcommand(command);
      await listHome(await kit.tokenContextOf(command));
    });
  home
    .command('list')
    .alias('ls')
    .description('the members: name, role (admin/managed/guest/member), profile, PIN (the default)')
    .action(async (_options, command: Command) => {
      await listHome(await kit.tokenContextOf(command));
    });
  home
    .command('add')
    .argument('<name>', "the managed user's name")
    .description('add a managed user (no e-mail or password of their own) to the Home')
    .addOption(
      new Option('--profile <profile>', 'a restriction profile for the new user').choices(
        RESTRICTION_PROFILES,
      ),
    )
    .action(async (name: string, options, command: Command) => {
      await addHomeUser(await kit.tokenContextOf(command), name, options);
    });
  home
    .command('invite')
    .argument('<user>', 'a Plex username or e-mail address')
    .description('invite an existing Plex account into the Home')
    .action(async (user: string, _options, command: Command) => {
      await inviteHomeUser(await kit.tokenContextOf(command), user);
    });
  home
    .command('remove')
    .alias('rm')
    .argument('<member>', 'the member: name, username, e-mail or id')
    .description('remove a member from the Home (a managed user is deleted)')
    .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
    .action(async (member: string, options, command: Command) => {
      await removeHomeMember(await kit.tokenContextOf(command), member, options);
    });
  home
    .command('switch')
    .argument('<member>', 'the member: name, username, e-mail, id or uuid')
    .description('switch to a Home member (with their Home PIN when they have one)')
    .option('--pin <pin>', "the member's 4-digit Home PIN (asked for on a terminal when needed)")
    .option('--save', "store the member's token as the login: plextv acts as them from now on")
    .option('--show-token', "print the member's token (alone on stdout; with --json, in the document)")
    .addHelpText(
      'after',
      `
Without --save nothing changes here: the command shows who you would be. Use the member's token once with
  plextv whoami --token "$(plextv home switch Kids --pin 2468 --show-token)"
A missing or wrong PIN is exit 14.`,
    )
    .action(async (member: string, options, command: Command) => {
      await switchHome(await kit.tokenContextOf(command), member, options);
    });
  const pin = home
    .command('pin')
    .description("set or remove a Home PIN: your own (with --current), or a managed member's as the admin")
    .action(async (_options, command: Command) => {
      unknownSubcommand(command);
      throw new UsageError("'plextv home pin' needs a subcommand: set or remove.");
    });
  pin
    .command('set')
    .argument('[member]', 'a managed member (default: yourself)')
    .description('set or change a Home PIN')
    .option('--pin <pin>', 'the new 4-digit PIN (asked for on a terminal when omitted)')
    .option('--current <pin>', 'your current PIN, when you have one (asked for on a terminal)')
    .action(async (member: string | undefined, options, command: Command) => {
      await setPinCommand(await kit.tokenContextOf(command), member, options);
    });
  pin
    .command('remove')
    .alias('rm')
    .argument('[member]', 'a managed member (default: yourself)')
    .description('remove a Home PIN')
    .option('--current <pin>', 'your current PIN (asked for on a terminal)')
    .action(async (member: string | undefined, options, command: Command) => {
      await removePinCommand(await kit.tokenContextOf(command), member, options);
    });
  pin.allowExcessArguments();
  home.allowExcessArguments();
}
