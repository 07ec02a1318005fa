/**
 * `plextv claim`: a claim token for a new Plex Media Server (what the Docker image's `PLEX_CLAIM` takes). It
 * is printed because it is what was asked for; it lives 4 minutes.
 */
import type { Command } from 'commander';
import { getClaimToken } from 'plextv';
import type { CommandKit } from '../command-kit.js';
import type { Context } from '../context.js';

/** How long plex.tv's claim tokens live, in seconds. */
export const CLAIM_TOKEN_LIFETIME = 240;

export async function claim(ctx: Context): Promise<void> {
  const client = await ctx.signedInClient();
  const claimToken = await getClaimToken(client, { signal: ctx.signal });
  if (ctx.json) {
    ctx.out.dataWithSecrets({ ok: true, token: claimToken, expiresIn: CLAIM_TOKEN_LIFETIME });
    return;
  }
  // The token alone on stdout (for `$(plextv claim)`); the hint on stderr.
  ctx.out.secret(claimToken);
  ctx.out.err(
    ctx.out.ec.dim(
      'Use it within 4 minutes, e.g. as PLEX_CLAIM for the Docker image: docker run -e PLEX_CLAIM="$(plextv claim)" … plexinc/pms-docker',
    ),
  );
}

/** The `claim` command. */
export function register(program: Command, kit: CommandKit): void {
  program
    .command('claim')
    .description('print a claim token for a new Plex Media Server (PLEX_CLAIM; valid 4 minutes)')
    .action(async (_options, command: Command) => {
      await claim(await kit.tokenContextOf(command));
    });
}
