/**
 * `plextv logout`: revoke the token at plex.tv, then forget it here, with the device key of a Plex JWT (the
 * client identifier stays).
 */
import type { Command } from 'commander';
import { readPlexJwt, signOut, UnauthorizedError } from 'plextv';
import type { CommandKit } from '../command-kit.js';
import type { StoredConfig } from '../config.js';
import type { Context } from '../context.js';
import { CliError, describeFailure, HintedError } from '../errors.js';

export interface LogoutOptions {
  /** Only forget the token here, without asking plex.tv to revoke it. */
  local?: boolean;
}

export async function logout(ctx: Context, options: LogoutOptions): Promise<void> {
  // A Plex JWT that is due is renewed first, so that plex.tv accepts the sign-out; if that fails, go on.
  const resolved = await ctx.resolveToken({ refresh: options.local ? false : 'best-effort' });
  if (!resolved) throw new CliError('NOT_LOGGED_IN', await ctx.notLoggedInMessage());
  const config = await ctx.config();
  const stored = ctx.storedTokenApplies(config) && config.token === resolved.token ? config : undefined;

  let revoked = false;
  let alreadyInvalid = false;
  if (!options.local) {
    try {
      await signOut(await ctx.client(resolved.token), { signal: ctx.signal });
      revoked = true;
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) {
        throw new HintedError(
          error,
          stored
            ? 'The token is still stored: try again, or `plextv logout --local` to only forget it here.'
            : undefined,
        );
      }
      alreadyInvalid = true;
    }
  }

  // Inside the lock, on the config as it is now: forget the token only if it is still the one signed out
  // (or a renewal of it: the same Plex JWT session); another plextv may have logged in meanwhile.
  let removed = false;
  let forgotKey = false;
  let renewedMeanwhile: string | undefined;
  if (stored) {
    await ctx.transaction(async () => {
      await ctx.updateConfig((current) => {
        if (!ctx.storedTokenApplies(current) || !sameSession(current.token, resolved.token)) return current;
        if (current.token !== resolved.token) renewedMeanwhile = current.token;
        removed = true;
        return withoutToken(current);
      });
      if (removed) forgotKey = await ctx.keyStore.remove();
    });
  }
  if (renewedMeanwhile && revoked) {
    // Another plextv renewed the Plex JWT while we signed it out: revoke its copy too (best effort).
    try {
      await signOut(await ctx.client(renewedMeanwhile), { signal: ctx.signal });
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) {
        const why = describeFailure(error, { baseUrl: ctx.baseUrl }).message;
        ctx.out.err(
          ctx.out.ec.yellow(
            `note: another plextv renewed the token meanwhile; that copy was forgotten here but not revoked: ${why}`,
          ),
        );
      }
    }
  }

  const c = ctx.out.c;
  const where = ctx.store.path;
  if (options.local) {
    ctx.out.out(
      removed
        ? `Forgot the token stored in ${where}. ${c.yellow('It was not revoked at plex.tv')} and stays valid until it expires.`
        : `Nothing to forget: the token from ${resolved.label} is not stored in ${where}.`,
    );
  } else if (alreadyInvalid) {
    ctx.out.out(
      removed
        ? `The token was already invalid at ${ctx.baseUrl}; forgot it locally (${where}).`
        : `The token from ${resolved.label} was already invalid at ${ctx.baseUrl}.`,
    );
  } else {
    ctx.out.out(`${c.green('✔')} Signed out: the token is revoked at ${ctx.baseUrl}.`);
    if (removed) ctx.out.out(c.dim(`  Removed it from ${where}.`));
  }
  if (forgotKey) ctx.out.out(c.dim(`  Deleted the device key ${ctx.keyStore.path}.`));
  ctx.out.data({ ok: true, revoked, alreadyInvalid, removed });
}

/** The same token, or a Plex JWT renewed from it (same account, same device key). */
function sameSession(current: string, signedOut: string): boolean {
  if (current === signedOut) return true;
  const a = readPlexJwt(current);
  const b = readPlexJwt(signedOut);
  return (
    a !== undefined &&
    b !== undefined &&
    typeof a.thumbprint === 'string' &&
    a.thumbprint === b.thumbprint &&
    typeof a.sub === 'string' &&
    a.sub === b.sub
  );
}

/** The config minus the token and whom it belonged to. */
function withoutToken(config: StoredConfig): StoredConfig {
  const { token: _token, account: _account, baseUrl: _baseUrl, ...rest } = config;
  return rest;
}

/** The `logout` command. */
export function register(program: Command, kit: CommandKit): void {
  program
    .command('logout')
    .description('revoke the token at plex.tv and forget it here')
    .option('--local', 'only forget the stored token, without revoking it at plex.tv')
    .action(async (options, command: Command) => {
      await logout(await kit.tokenContextOf(command), options);
    });
}
