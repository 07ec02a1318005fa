/** `plextv whoami`: the account behind the token, as a terminal summary or (`--json`) the full model. */
import type { Command } from 'commander';
import { getUser } from 'plextv';
import { renderAccount } from '../account-view.js';
import type { CommandKit } from '../command-kit.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { redactAccount, toPlain } from '../redact.js';

export interface WhoamiOptions {
  showToken?: boolean;
}

export async function whoami(ctx: Context, options: WhoamiOptions): Promise<void> {
  if (options.showToken && !ctx.json) {
    throw new UsageError('--show-token only applies with --json (`plextv token --show` prints the token).');
  }
  const client = await ctx.signedInClient();
  const account = await getUser(client, { signal: ctx.signal });
  if (ctx.json) {
    if (options.showToken) ctx.out.dataWithSecrets(toPlain(account));
    else ctx.out.data(redactAccount(account));
    return;
  }
  ctx.out.addSecret(account.authToken);
  for (const service of account.services) {
    ctx.out.addSecret(service.token);
    ctx.out.addSecret(service.secret);
  }
  ctx.out.out(renderAccount(account, ctx.out.c, ctx.out.columns));
}

/** The `whoami` command. */
export function register(program: Command, kit: CommandKit): void {
  program
    .command('whoami')
    .description('show the account the token belongs to')
    .option('--show-token', 'with --json: include the token and service credentials instead of "[redacted]"')
    .action(async (options, command: Command) => {
      await whoami(await kit.tokenContextOf(command), options);
    });
}
