/**
 * `plextv link CODE`: approve another device's 4-character sign-in code with the account in use (what
 * typing the code at plex.tv/link does): that device is then signed in to this account.
 */
import type { Command } from 'commander';
import { BadRequestError, linkPin, NotFoundError, PinExpiredError } from 'plextv';
import { describeAccount } from '../account-summary.js';
import type { CommandKit } from '../command-kit.js';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';

/** `ab-cd`, ` abcd ` → `ABCD`; anything but 4 letters/digits is a usage error. */
export function cleanLinkCode(raw: string): string {
  const code = raw.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z0-9]{4}$/.test(code)) {
    throw new UsageError(
      `"${raw}" is not a link code: expected the 4 letters or digits the other device shows (like ABCD).`,
    );
  }
  return code;
}

export async function link(ctx: Context, rawCode: string): Promise<void> {
  const code = cleanLinkCode(rawCode);
  const resolved = await ctx.requireToken();
  const client = await ctx.client(resolved.token);
  try {
    await linkPin(client, code, { signal: ctx.signal });
  } catch (error) {
    if (
      error instanceof NotFoundError ||
      error instanceof PinExpiredError ||
      (error instanceof BadRequestError && error.code === 1020)
    ) {
      throw new CliError(
        'PIN_EXPIRED',
        `${ctx.baseUrl} has no sign-in request with the code ${code}: it expired, was already used, or was mistyped. Ask the other device for a new code.`,
        { cause: error },
      );
    }
    throw error;
  }
  const c = ctx.out.c;
  const who = describeAccount(resolved.account);
  ctx.out.out(
    `${c.green('✔')} Approved ${c.bold(code)}: the device that shows it is now signed in${who ? ` as ${c.bold(who)}` : ' to your account'}.`,
  );
  ctx.out.data({ ok: true, code, account: resolved.account ?? null });
}

/** The `link` command. */
export function register(program: Command, kit: CommandKit): void {
  program
    .command('link')
    .argument('<code>', 'the 4-character code the other device shows')
    .description("approve another device's sign-in code (what plex.tv/link does) with your account")
    .action(async (code: string, _options, command: Command) => {
      await link(await kit.tokenContextOf(command), code);
    });
}
