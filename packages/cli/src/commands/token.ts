/**
 * `plextv token`: is there a token, whose, from where, of which kind (a legacy token, or a Plex JWT and when
 * it expires). A stored Plex JWT that is due is renewed first. `--show` prints the token (the only command
 * that does).
 */
import type { Command } from 'commander';
import { plexJwtExpiry } from 'plextv';
import { describeAccount } from '../account-summary.js';
import type { CommandKit } from '../command-kit.js';
import { type Context, type ResolvedToken, tokenKind } from '../context.js';
import { CliError } from '../errors.js';

export interface TokenOptions {
  show?: boolean;
}

/** "in 6 days", "in 3 hours", "2 days ago". */
export function relative(ms: number): string {
  const abs = Math.abs(ms);
  const units: Array<[number, string]> = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  let text = 'less than a minute';
  for (const [size, name] of units) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      text = `${n} ${name}${n === 1 ? '' : 's'}`;
      break;
    }
  }
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

/** `2026-11-29 13:35 UTC`. */
function utc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function describeKind(ctx: Context, resolved: ResolvedToken): string {
  const c = ctx.out.c;
  if (tokenKind(resolved.token) === 'legacy')
    return `${c.dim('Kind')}       legacy plex.tv token (no expiry date)`;
  const expires = plexJwtExpiry(resolved.token);
  const when = expires
    ? `, ${expires.getTime() > Date.now() ? 'expires' : c.yellow('expired')} ${utc(expires)} (${relative(expires.getTime() - Date.now())})`
    : '';
  const renewal = resolved.deviceKey
    ? `renewed automatically with the device key in ${ctx.keyStore.path}`
    : 'no device key here to renew it: sign in again when it expires';
  return `${c.dim('Kind')}       Plex JWT${when}\n           ${c.dim(renewal)}`;
}

export async function token(ctx: Context, options: TokenOptions): Promise<void> {
  const resolved = await ctx.resolveToken();
  if (!resolved) throw new CliError('NOT_LOGGED_IN', await ctx.notLoggedInMessage());
  const { out } = ctx;
  const kind = tokenKind(resolved.token);
  const expires = kind === 'plex-jwt' ? plexJwtExpiry(resolved.token) : undefined;
  if (ctx.json) {
    const data: Record<string, unknown> = {
      ok: true,
      loggedIn: true,
      baseUrl: ctx.baseUrl,
      source: resolved.source,
      configPath: ctx.store.path,
      account: resolved.account ?? null,
      kind,
      expiresAt: expires?.toISOString() ?? null,
      renewable: resolved.deviceKey !== undefined,
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
  out.out(describeKind(ctx, resolved));
  out.out(`${c.dim('Token from')} ${resolved.label}${c.dim('. `plextv token --show` prints it.')}`);
}

/** The `token` command. */
export function register(program: Command, kit: CommandKit): void {
  program
    .command('token')
    .description('tell whether a token is set, for whom and from where')
    .option('--show', 'print the token itself')
    .action(async (options, command: Command) => {
      await token(kit.contextOf(command), options);
    });
}
