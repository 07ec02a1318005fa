/**
 * `plextv share SERVER USER --libraries …`: share libraries of one of your servers with a friend (or anyone, by
 * username or e-mail: plex.tv invites them), or change an existing share; `plextv unshare SERVER USER` ends it
 * (confirmed). Libraries are named by title; settings (`--allow-sync`, filters, …: share-settings.ts) are the
 * friend's.
 */
import { type Command, Option } from 'commander';
import {
  getResources,
  type LibrarySection,
  type PlexResource,
  type PlexTvClient,
  removeShare,
  shareServer,
  sharingSections,
  updateShare,
  updateSharingSettings,
} from 'plextv';
import type { CommandKit } from '../command-kit.js';
import { confirmRemoval } from '../confirm-removal.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { findView, personLabel, toPerson } from '../people.js';
import { redactSecrets } from '../redact.js';
import { selectOne } from '../select.js';
import {
  describeShare,
  type FriendView,
  fetchFriends,
  type ShareView,
  shareLibraries,
} from './friend-views.js';
import { describeChanges, parseTuners, type ShareOptions, settingsOf } from './share-settings.js';

export interface UnshareOptions {
  yes?: boolean;
}

/** `Movies, TV Shows` → the sections with those titles (any case) or plex.tv ids; unknown ones: exit 2. */
export function selectLibraries(
  sections: readonly LibrarySection[],
  list: string,
  serverName: string,
): LibrarySection[] {
  const wanted = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (wanted.length === 0) throw new UsageError('--libraries: name at least one library (or pass --all).');
  const chosen: LibrarySection[] = [];
  const unknown: string[] = [];
  for (const name of wanted) {
    const lower = name.toLowerCase();
    const found =
      sections.find((s) => s.title?.toLowerCase() === lower) ??
      sections.find((s) => s.id === name || (s.key !== undefined && String(s.key) === name));
    if (!found) unknown.push(name);
    else if (!chosen.includes(found)) chosen.push(found);
  }
  if (unknown.length > 0) {
    const available =
      sections.length === 0
        ? `${serverName} has no libraries plex.tv knows of`
        : `libraries of ${serverName}: ${sections.map((s) => s.title ?? s.id).join(', ')}`;
    const what =
      unknown.length === 1
        ? `No library "${unknown[0]}"`
        : `No libraries ${unknown.map((u) => `"${u}"`).join(', ')}`;
    throw new UsageError(`${what} on ${serverName} (${available}).`);
  }
  return chosen;
}

/** One of your own servers, by name or client identifier (`action`: what only its owner may do). */
export async function ownServer(
  ctx: Context,
  client: PlexTvClient,
  query: string,
  action = 'share it',
): Promise<PlexResource> {
  const resources = await getResources(client, { signal: ctx.signal });
  for (const resource of resources) ctx.out.addSecret(resource.accessToken);
  const servers = resources.filter((r) => r.provides.includes('server'));
  const server = selectOne(servers, query, 'server');
  if (server.owned === false) {
    const owner = server.sourceTitle ? ` by ${server.sourceTitle}` : '';
    throw new UsageError(`"${server.name}" is shared with you${owner}: only its owner can ${action}.`);
  }
  return server;
}

function serverName(server: PlexResource): string {
  return server.name || server.clientIdentifier;
}

/** The share of `server` with this friend, if there is one. */
function shareOf(view: FriendView | undefined, server: PlexResource): ShareView | undefined {
  return view?.servers.find(
    (s) =>
      s.machineIdentifier === server.clientIdentifier ||
      (s.machineIdentifier === null && s.name !== null && s.name === server.name),
  );
}

function userSummary(view: FriendView) {
  return { id: view.id, title: view.title, username: view.username, email: view.email };
}

function librarySummary(sections: readonly LibrarySection[]) {
  return sections.map((s) => ({
    id: s.id,
    key: s.key ?? null,
    title: s.title ?? null,
    type: s.type ?? null,
  }));
}

const titles = (sections: readonly LibrarySection[]) => sections.map((s) => s.title ?? s.id).join(', ');

export async function shareCommand(
  ctx: Context,
  serverQuery: string,
  userQuery: string,
  options: ShareOptions,
): Promise<void> {
  if (options.all && options.libraries !== undefined) {
    throw new UsageError('--libraries and --all do not mix: name the libraries, or share them all.');
  }
  const settings = settingsOf(options);
  const who = userQuery.trim();
  if (who === '') throw new UsageError('Name who to share with: a friend, username or e-mail address.');
  const client = await ctx.signedInClient();
  const signal = ctx.signal;
  const server = await ownServer(ctx, client, serverQuery);
  const name = serverName(server);
  const [sections, friends] = await Promise.all([
    sharingSections(client, server.clientIdentifier, { signal }),
    fetchFriends(ctx, client),
  ]);
  const chosen = options.all
    ? sections
    : options.libraries !== undefined
      ? selectLibraries(sections, options.libraries, `"${name}"`)
      : undefined;
  const view = findView(friends, who, 'friend');
  const existing = shareOf(view, server);
  const c = ctx.out.c;
  const changes = describeChanges(settings);

  if (!existing) {
    if (!chosen) {
      throw new UsageError(
        `Name the libraries to share with --libraries "…" or --all (libraries of "${name}": ${titles(sections) || 'none'}).`,
      );
    }
    if (chosen.length === 0) throw new UsageError(`"${name}" has no libraries to share.`);
    const share = await shareServer(
      client,
      {
        machineIdentifier: server.clientIdentifier,
        ...(view ? { invitedId: view.id } : { invitedEmail: who }),
        librarySectionIds: chosen.map((s) => s.id),
        settings,
      },
      { signal },
    );
    ctx.out.addSecret(share.accessToken);
    ctx.out.addSecret(share.inviteToken);
    const to = view ? personLabel(toPerson(view)) : `"${who}"`;
    const pending = !view || share.accepted === false;
    ctx.out.out(
      `${c.green('✔')} Shared ${c.bold(`"${name}"`)} with ${c.bold(to)}: ${titles(chosen)}${changes ? ` (${changes})` : ''}.`,
    );
    if (pending) ctx.out.out(c.dim('  They get access once they accept the invitation.'));
    ctx.out.data({
      ok: true,
      action: 'created',
      server: { name, machineIdentifier: server.clientIdentifier },
      user: view ? userSummary(view) : { invited: who },
      libraries: librarySummary(chosen),
      settings,
      // Which of plex.tv's sharing APIs answered (v1 when v2 said the endpoint does not exist).
      api: share.api,
      share: redactSecrets(share),
    });
    return;
  }

  // An existing share: change its libraries and/or the friend's settings.
  const friend = view as FriendView;
  const to = personLabel(toPerson(friend));
  if (chosen === undefined && Object.keys(settings).length === 0) {
    throw new UsageError(
      `"${name}" is already shared with ${to} (${describeShare(existing)}): pass --libraries, --all or a setting to change it.`,
    );
  }
  let api: string | null = null;
  if (chosen !== undefined) {
    if (chosen.length === 0) throw new UsageError(`"${name}" has no libraries to share.`);
    ({ api } = await updateShare(
      client,
      existing.id,
      { librarySectionIds: chosen.map((s) => s.id), machineIdentifier: server.clientIdentifier },
      { signal },
    ));
  }
  if (Object.keys(settings).length > 0) await updateSharingSettings(client, friend.id, settings, { signal });
  const parts = [chosen && `${titles(chosen)} (was ${shareLibraries(existing)})`, changes]
    .filter(Boolean)
    .join('; ');
  ctx.out.out(`${c.green('✔')} Updated the share of ${c.bold(`"${name}"`)} with ${c.bold(to)}: ${parts}.`);
  ctx.out.data({
    ok: true,
    action: 'updated',
    server: { name, machineIdentifier: server.clientIdentifier },
    user: userSummary(friend),
    shareId: existing.id,
    libraries: chosen ? librarySummary(chosen) : null,
    previous: existing,
    settings,
    api,
  });
}

export async function unshareCommand(
  ctx: Context,
  serverQuery: string,
  userQuery: string,
  options: UnshareOptions,
): Promise<void> {
  const client = await ctx.signedInClient();
  const server = await ownServer(ctx, client, serverQuery);
  const name = serverName(server);
  const friends = await fetchFriends(ctx, client);
  const view = findView(friends, userQuery, 'friend');
  const existing = shareOf(view, server);
  if (!view || !existing) {
    const with_ = friends.filter((f) => shareOf(f, server));
    const list =
      with_.length === 0
        ? `it is shared with nobody`
        : `it is shared with ${with_.map((f) => personLabel(toPerson(f))).join(', ')}`;
    const who = view ? personLabel(toPerson(view)) : `"${userQuery.trim()}"`;
    throw new UsageError(`"${name}" is not shared with ${who}: nothing to remove (${list}).`);
  }
  const to = personLabel(toPerson(view));
  const go = await confirmRemoval(
    ctx,
    `Stop sharing "${name}" (${shareLibraries(existing)}) with ${to}? They lose access to it; the friendship stays.`,
    { yes: options.yes, action: `unsharing "${name}" with ${to}`, nothing: 'Nothing changed.' },
  );
  if (!go) return;
  const { api } = await removeShare(client, existing.id, {
    signal: ctx.signal,
    machineIdentifier: server.clientIdentifier,
  });
  const c = ctx.out.c;
  ctx.out.out(`${c.green('✔')} "${name}" is no longer shared with ${to}.`);
  ctx.out.data({
    ok: true,
    removed: { ...existing, server: { name, machineIdentifier: server.clientIdentifier } },
    user: userSummary(view),
    api,
  });
}

/** `share` and `unshare`. */
export function register(program: Command, kit: CommandKit): void {
  program
    .command('share')
    .argument('<server>', 'one of your servers: its name or client identifier')
    .argument(
      '<user>',
      'a friend or Home member (name, username, e-mail, id), or a username/e-mail to invite',
    )
    .description('share libraries of your server with someone, or change what a share includes')
    .option('--libraries <titles>', 'the libraries, comma-separated: "Movies,TV Shows" (replaces the list)')
    .option('--all', 'every library of the server')
    .option('--allow-sync', 'they may download (sync) media')
    .option('--no-allow-sync', 'they may not download media')
    .option('--allow-camera-upload', 'they may upload photos from their phone')
    .option('--no-allow-camera-upload', 'they may not upload photos')
    .option('--allow-channels', 'they may use channels')
    .option('--no-allow-channels', 'they may not use channels')
    .option('--allow-subtitle-admin', 'they may manage subtitles')
    .option('--no-allow-subtitle-admin', 'they may not manage subtitles')
    .addOption(new Option('--allow-tuners <level>', 'Live TV & DVR: 0 none, 1 or 2').argParser(parseTuners))
    .option('--filter-movies <filter>', 'only movies matching: contentRating=G,PG|label=kids ("" clears)')
    .option('--filter-television <filter>', 'only TV shows matching (same form)')
    .option('--filter-music <filter>', 'only music matching (same form)')
    .addHelpText(
      'after',
      `
A new share needs --libraries or --all. An existing share is updated: --libraries/--all replace its
libraries; settings given are changed, the others kept. Filters: contentRating=…, contentRating!=…,
label=…, label!=…; values comma-separated, filters joined with |.
  plextv share "Demo Server" freeuser --libraries "Movies,TV Shows" --allow-sync`,
    )
    .action(async (server: string, user: string, options, command: Command) => {
      await shareCommand(await kit.tokenContextOf(command), server, user, options);
    });
  program
    .command('unshare')
    .argument('<server>', 'one of your servers: its name or client identifier')
    .argument('<user>', 'the friend or Home member: name, username, e-mail or id')
    .description('stop sharing a server with someone (the friendship stays)')
    .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
    .action(async (server: string, user: string, options, command: Command) => {
      await unshareCommand(await kit.tokenContextOf(command), server, user, options);
    });
}
