/**
 * `plextv home switch`: become a Home member (with their Home PIN when they have one): shown, `--save`d as the
 * login, or their token printed (`--show-token`).
 */
import { HomePinRequiredError, type HomeUser, switchHomeUser, type UserPlexAccount } from 'plextv';
import { describeAccount, summarize } from '../account-summary.js';
import type { Context } from '../context.js';
import { CliError } from '../errors.js';
import { personLabel, personName } from '../people.js';
import { plain } from '../redact.js';
import { askPin, checkPin, homeRole, memberSummary, members, selectMember } from './home-members.js';

export interface HomeSwitchOptions {
  pin?: string;
  save?: boolean;
  showToken?: boolean;
}

export async function switchHome(ctx: Context, query: string, options: HomeSwitchOptions): Promise<void> {
  let pin = options.pin === undefined ? undefined : checkPin(options.pin, '--pin');
  const client = await ctx.signedInClient();
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
    if (!(error instanceof HomePinRequiredError)) throw error;
    if (pin === undefined && ctx.interactive) {
      // plex.tv wants a PIN the member list did not announce: ask once.
      pin = await askPin(ctx, `Home PIN for ${personName(user)}`);
      try {
        switched = await switchHomeUser(client, user, { signal, pin });
      } catch (again) {
        if (again instanceof HomePinRequiredError) throw wrongPin(name, again);
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
