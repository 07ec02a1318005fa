/**
 * `plextv servers tokens SERVER`: who can use one of your servers — each user's libraries and whether plex.tv
 * holds a token for them on it (`getServerShares`: one request). The tokens themselves only with
 * `--show-tokens`: they are secrets, printed only when asked for.
 */
import type { Command } from 'commander';
import { getServerShares, getSharedUsers, type PlexTvClient, type SharedServer } from 'plextv';
import type { CommandKit } from '../command-kit.js';
import type { Context } from '../context.js';
import { renderTable } from '../ui/table.js';
import { ownServer } from './share.js';

export interface ServerTokensOptions {
  /** Print each user's token (table and `--json`). */
  showTokens?: boolean;
}

/** What `--json` says about one user's access (`accessToken` only with `--show-tokens`). */
export interface UserAccessJson {
  shareId: number;
  userId: number | null;
  username: string | null;
  email: string | null;
  /** The name plex.tv shows for the user (Home members without an account name have only this). */
  title: string | null;
  allLibraries: boolean;
  libraries: Array<{ id: string; title: string | null }>;
  accepted: boolean | null;
  hasToken: boolean;
  accessToken?: string | null;
}

/** The sections in the share: v1 lists every section of the server with `shared="1"` on those in it. */
function sharedLibraries(share: SharedServer): SharedServer['libraries'] {
  return share.libraries.filter((l) => l.shared !== false);
}

/** Every library shared: said so, or every section of the server listed as shared. */
function allLibraries(share: SharedServer): boolean {
  if (share.allLibraries !== undefined) return share.allLibraries;
  return share.libraries.length > 0 && share.libraries.every((l) => l.shared === true);
}

export function userAccessJson(share: SharedServer, showTokens: boolean, title?: string): UserAccessJson {
  return {
    shareId: share.id,
    userId: share.invitedId ?? null,
    username: share.username ?? null,
    email: share.email ?? share.invitedEmail ?? null,
    title: title ?? share.username ?? null,
    allLibraries: allLibraries(share),
    libraries: sharedLibraries(share).map((l) => ({ id: l.id, title: l.title ?? null })),
    accepted: share.accepted ?? (share.acceptedAt === undefined ? null : true),
    hasToken: share.accessToken !== undefined,
    ...(showTokens ? { accessToken: share.accessToken ?? null } : {}),
  };
}

function userLabel(u: UserAccessJson): string {
  if (u.username && u.email) return `${u.username} (${u.email})`;
  return u.username ?? u.title ?? u.email ?? (u.userId === null ? `share ${u.shareId}` : `#${u.userId}`);
}

/**
 * Names for users the shares list without one (managed Home users have no username or e-mail there), from
 * `/api/users`: one more request, only when needed. Names are a nicety: if that list fails, ids are shown.
 */
async function titlesOf(
  ctx: Context,
  client: PlexTvClient,
  shares: SharedServer[],
): Promise<Map<number, string>> {
  const titles = new Map<number, string>();
  if (!shares.some((s) => s.username === undefined && s.invitedId !== undefined)) return titles;
  try {
    for (const user of await getSharedUsers(client, { signal: ctx.signal })) {
      const title = user.title ?? user.username;
      if (title) titles.set(user.id, title);
    }
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
  }
  return titles;
}

export async function serverTokensCommand(
  ctx: Context,
  query: string,
  options: ServerTokensOptions,
): Promise<void> {
  const client = await ctx.signedInClient();
  const server = await ownServer(ctx, client, query, 'list who uses it');
  const shares = await getServerShares(client, server.clientIdentifier, { signal: ctx.signal });
  for (const share of shares) {
    ctx.out.addSecret(share.accessToken);
    ctx.out.addSecret(share.inviteToken);
  }
  const showTokens = options.showTokens === true;
  const titles = await titlesOf(ctx, client, shares);
  const users = shares.map((s) =>
    userAccessJson(s, showTokens, s.invitedId === undefined ? undefined : titles.get(s.invitedId)),
  );
  const name = server.name || server.clientIdentifier;
  if (ctx.json) {
    const data = { server: { name, machineIdentifier: server.clientIdentifier }, users };
    if (showTokens) ctx.out.dataWithSecrets(data);
    else ctx.out.data(data);
    return;
  }
  const c = ctx.out.c;
  if (users.length === 0) {
    ctx.out.out(c.dim(`"${name}" is not shared with anyone.`));
    return;
  }
  const rows = users.map((u) => [
    userLabel(u),
    u.allLibraries ? 'all libraries' : u.libraries.map((l) => l.title ?? l.id).join(', ') || c.dim('none'),
    showTokens ? (u.accessToken ?? c.dim('none')) : u.hasToken ? c.green('yes') : c.dim('no'),
  ]);
  const table = renderTable(['USER', 'LIBRARIES', 'TOKEN'], rows, {
    c,
    columns: showTokens ? undefined : ctx.out.terminalColumns,
    shrink: [1, 0],
  });
  // The tokens were asked for: the one way past the scrubbing (never shortened, so they stay usable).
  if (showTokens) ctx.out.secret(table);
  else ctx.out.out(table);
  const n = users.length;
  const hint = showTokens ? '' : ' Add --show-tokens to print the tokens.';
  ctx.out.out(c.dim(`${n} user${n === 1 ? '' : 's'} of "${name}".${hint}`));
}

/** `servers tokens` under the `servers` command. */
export function registerServerTokens(servers: Command, kit: CommandKit): void {
  servers
    .command('tokens')
    .argument('<server>', 'one of your servers: its name or client identifier')
    .description("list each user's access to one of your servers: libraries, and whether they have a token")
    .option('--show-tokens', "print each user's token for the server (secrets: only when you need them)")
    .addHelpText(
      'after',
      `
One request to plex.tv (GET /api/servers/{machineIdentifier}/shared_servers, owner only). Each user reaches
the server with their own token; apps that act for a user (Tautulli, Overseerr) use it.`,
    )
    .action(async (server: string, _options, command: Command) => {
      // `servers` has its own --show-tokens: commander gives the flag to whichever parses it first.
      const options = command.optsWithGlobals() as ServerTokensOptions;
      await serverTokensCommand(await kit.tokenContextOf(command), server, options);
    });
}
