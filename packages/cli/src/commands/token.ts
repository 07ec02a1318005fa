/** `plextv token`: is there a token, whose, from where. `--show` prints it (the only command that does). */
import type { Context } from '../context.js';
import { CliError } from '../errors.js';
import { describeAccount } from './login.js';

export interface TokenOptions {
  show?: boolean;
}

export async function token(ctx: Context, options: TokenOptions): Promise<void> {
  const resolved = await ctx.resolveToken();
  if (!resolved) throw new CliError('NOT_LOGGED_IN', await ctx.notLoggedInMessage());
  const { out } = ctx;
  if (ctx.json) {
    const data: Record<string, unknown> = {
      ok: true,
      loggedIn: true,
      baseUrl: ctx.baseUrl,
      source: resolved.source,
      configPath: ctx.store.path,
      account: resolved.account ?? null,
    };
    if (options.show) out.dataWithSecrets({ ...data, token: resolved.token });
    else out.data(data);
    return;
  }
  if (options.show) {
    // Just the token, so that `$(plextv token --show)` works.
    out.secret(resolved.token);
    return;
  }
  const c = out.c;
  const who = describeAccount(resolved.account);
  out.out(
    who
      ? `Logged in to ${ctx.baseUrl} as ${c.bold(who)}.`
      : `A token for ${ctx.baseUrl} is set (its account is not known here: \`plextv whoami\` asks plex.tv).`,
  );
  out.out(`${c.dim('Token from')} ${resolved.label}${c.dim('. `plextv token --show` prints it.')}`);
}
