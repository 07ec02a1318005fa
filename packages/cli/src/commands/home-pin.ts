/** `plextv home pin set|remove`: your own Home PIN (with `--current`), or a managed member's as the admin. */
import {
  getUser,
  HomePinRequiredError,
  type HomeUser,
  type PlexTvClient,
  removeHomePin,
  removeManagedUserHomePin,
  setHomePin,
  setManagedUserHomePin,
  UnauthorizedError,
  type UserPlexAccount,
} from 'plextv';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { personLabel, personName } from '../people.js';
import { askPin, checkPin, memberSummary, members, selectMember } from './home-members.js';

export interface HomePinOptions {
  /** The new PIN (`pin set`). */
  pin?: string;
  /** Your current PIN (your own PIN only). */
  current?: string;
}

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
  if (error instanceof HomePinRequiredError || error instanceof UnauthorizedError) {
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
  const client = await ctx.signedInClient();
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
    await setManagedUserHomePin(client, member.id, pin, { signal });
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
  const client = await ctx.signedInClient();
  const { me, member } = await pinTarget(ctx, client, query);
  const c = ctx.out.c;
  const signal = ctx.signal;
  if (member) {
    if (options.current !== undefined) {
      throw new UsageError(
        "--current is your own PIN: a managed user's PIN is removed by the admin without it.",
      );
    }
    await removeManagedUserHomePin(client, member.id, { signal });
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
