/** `plextv whoami`: the account behind the token, as a terminal summary or (`--json`) the full model. */
import { getUser } from 'plextv';
import { renderAccount } from '../account-view.js';
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
  const { token } = await ctx.requireToken();
  const client = await ctx.client(token);
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
