/**
 * `plextv watchlist [list|add|rm]`: the account's watchlist on Plex's discover provider, and with
 * `--friend NAME` a friend's, read over community.plex.tv (a private one is refused: exit 13, `FORBIDDEN`).
 */
import type { Command } from 'commander';
import {
  addToWatchlist,
  type DiscoverItem,
  type FriendWatchlistItem,
  getCommunityFriends,
  getFriendWatchlist,
  getMetadata,
  type PlexTvClient,
  removeFromWatchlist,
  WatchlistPrivateError,
  watchlistPages,
} from 'plextv';
import { type CommandKit, unknownSubcommand } from '../command-kit.js';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import {
  aboutItem,
  checkKind,
  directKey,
  exactTitle,
  type ItemKind,
  itemData,
  itemLine,
  pickHit,
  resolveItem,
  titleHasWords,
} from './discover-items.js';

export interface WatchlistListOptions {
  available?: boolean;
  type?: string;
  friend?: string;
  pageSize?: string;
}

function pageSizeOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const size = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(size) || size < 1 || size > 100) {
    throw new UsageError(`--page-size must be a whole number from 1 to 100, got "${value}".`);
  }
  return size;
}

export async function listWatchlist(ctx: Context, options: WatchlistListOptions): Promise<void> {
  const kind = checkKind(options.type);
  const pageSize = pageSizeOf(options.pageSize);
  if (options.friend !== undefined) {
    if (options.available) {
      throw new UsageError(
        "--available is for your own watchlist: a friend's list says nothing about availability.",
      );
    }
    await listFriendWatchlist(ctx, options.friend, kind, pageSize);
    return;
  }
  const client = await ctx.signedInClient();
  const items: DiscoverItem[] = [];
  let totalSize: number | undefined;
  for await (const page of watchlistPages(client, {
    filter: options.available ? 'available' : 'all',
    ...(kind ? { type: kind } : {}),
    ...(pageSize ? { pageSize } : {}),
    signal: ctx.signal,
  })) {
    items.push(...page.items);
    totalSize = page.totalSize ?? totalSize;
  }
  ctx.out.data({ ok: true, totalSize: totalSize ?? items.length, items: items.map(itemData) });
  if (items.length === 0) {
    if (!ctx.json) ctx.out.err(ctx.out.ec.dim('The watchlist is empty.'));
    return;
  }
  for (const item of items) ctx.out.out(itemLine(ctx, item));
}

/** The friend called `name` (username, any case) on community.plex.tv, or `NOT_FOUND` (exit 15) naming them all. */
async function findFriend(ctx: Context, client: PlexTvClient, name: string) {
  const friends = await getCommunityFriends(client, { signal: ctx.signal });
  const wanted = name.trim().toLowerCase();
  const found = friends.find((f) => f.username?.toLowerCase() === wanted || f.uuid === name.trim());
  if (found) return found;
  const names = friends.map((f) => f.username ?? f.uuid);
  throw new CliError(
    'NOT_FOUND',
    `"${name}" is not one of your friends on community.plex.tv${names.length > 0 ? ` (your friends: ${names.join(', ')})` : ' (you have no friends there yet)'}: only friends' watchlists can be read.`,
    { details: { friend: name, friends: names } },
  );
}

async function listFriendWatchlist(
  ctx: Context,
  name: string,
  kind: ItemKind | undefined,
  pageSize: number | undefined,
): Promise<void> {
  const client = await ctx.signedInClient();
  const friend = await findFriend(ctx, client, name);
  const who = friend.username ?? friend.uuid;
  const items: FriendWatchlistItem[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  try {
    for (;;) {
      const page = await getFriendWatchlist(client, friend.uuid, {
        first: pageSize ?? 100,
        ...(after === undefined ? {} : { after }),
        signal: ctx.signal,
      });
      items.push(...page.items);
      if (!page.hasNextPage || page.endCursor === undefined || seen.has(page.endCursor)) break;
      seen.add(page.endCursor);
      after = page.endCursor;
    }
  } catch (error) {
    if (error instanceof WatchlistPrivateError) {
      throw new CliError(
        'FORBIDDEN',
        `${who}'s watchlist is private: their privacy settings hide it from friends (community.plex.tv said: ${error.message}).`,
        { cause: error, details: { friend: who, private: true } },
      );
    }
    throw error;
  }
  const shown = kind ? items.filter((item) => item.type === kind) : items;
  ctx.out.data({
    ok: true,
    friend: { username: friend.username ?? null, uuid: friend.uuid },
    items: shown.map(itemData),
  });
  if (shown.length === 0) {
    if (!ctx.json) ctx.out.err(ctx.out.ec.dim(`${who}'s watchlist is empty.`));
    return;
  }
  for (const item of shown) ctx.out.out(itemLine(ctx, item));
}

export async function addCommand(ctx: Context, ref: string, options: { type?: string }): Promise<void> {
  const kind = checkKind(options.type);
  const client = await ctx.signedInClient();
  const signal = ctx.signal;
  const { ratingKey, item } = await resolveItem(ctx, client, ref, kind);
  const found = item ?? (await aboutItem(ratingKey, () => getMetadata(client, ratingKey, { signal })));
  await aboutItem(ratingKey, () => addToWatchlist(client, ratingKey, { signal }));
  ctx.out.out(`${ctx.out.c.green('✔')} Added to the watchlist: ${itemLine(ctx, found)}`);
  ctx.out.data({ ok: true, changed: true, item: itemData(found) });
}

/**
 * The watchlist item a title names: an exact title, else the one whose title holds every word (several: the
 * usage error listing them). Undefined when nothing on the list matches (or `ref` is a ratingKey or guid).
 */
async function onTheList(
  ctx: Context,
  client: PlexTvClient,
  ref: string,
  kind: ItemKind | undefined,
): Promise<DiscoverItem | undefined> {
  if (directKey(ref) !== undefined) return undefined;
  const items: DiscoverItem[] = [];
  for await (const page of watchlistPages(client, { ...(kind ? { type: kind } : {}), signal: ctx.signal })) {
    items.push(...page.items);
  }
  const exact = exactTitle(ref, items);
  const found = exact.length > 0 ? exact : titleHasWords(ref, items);
  return found.length > 0
    ? pickHit(
        ref,
        found.map((item) => ({ item })),
      )
    : undefined;
}

export async function removeCommand(ctx: Context, ref: string, options: { type?: string }): Promise<void> {
  const kind = checkKind(options.type);
  const client = await ctx.signedInClient();
  const signal = ctx.signal;
  // A title names what is on the list first ("Breaking Dawn" when only Part 1 is there), then the catalogue.
  const listed = await onTheList(ctx, client, ref, kind);
  const { ratingKey, item } = listed
    ? { ratingKey: listed.ratingKey, item: listed }
    : await resolveItem(ctx, client, ref, kind);
  const found = item ?? (await aboutItem(ratingKey, () => getMetadata(client, ratingKey, { signal })));
  await aboutItem(ratingKey, () => removeFromWatchlist(client, ratingKey, { signal }));
  ctx.out.out(`${ctx.out.c.green('✔')} Removed from the watchlist: ${itemLine(ctx, found)}`);
  ctx.out.data({ ok: true, changed: true, item: itemData(found) });
}

const LIST_OPTIONS = (command: Command) =>
  command
    .option('--available', 'only what can be watched now (on a streaming service or a server)')
    .option('--type <type>', 'only movies or only shows: movie or show')
    .option('--friend <name>', "a friend's watchlist instead (their username, read over community.plex.tv)")
    .option('--page-size <n>', 'items per request, 1-100 (default 100)');

/** `watchlist` (list) and its `list`, `add` and `rm` subcommands. */
export function register(program: Command, kit: CommandKit): void {
  const watchlist = LIST_OPTIONS(
    program
      .command('watchlist')
      .description("your watchlist (or a friend's): list it, add or remove a title")
      .addHelpText(
        'after',
        `
A TITLE is looked up on Plex's discover catalogue and must match one item (add the year to tell
remakes apart: "Dune (2021)"); \`rm\` looks at the watchlist first (a title holding every word).
An ID is a ratingKey (24 hex digits) or a plex:// guid.
A friend's private watchlist exits 13; a NAME that is not your friend exits 15.`,
      ),
  ).action(async (options: WatchlistListOptions, command: Command) => {
    unknownSubcommand(command);
    await listWatchlist(await kit.tokenContextOf(command), options);
  });
  LIST_OPTIONS(watchlist.command('list').alias('ls').description('list the watchlist (the default)')).action(
    async (_options, command: Command) => {
      await listWatchlist(await kit.tokenContextOf(command), command.optsWithGlobals<WatchlistListOptions>());
    },
  );
  watchlist
    .command('add')
    .argument('<item>', 'a title, a ratingKey or a plex:// guid')
    .description('put a movie or show on the watchlist')
    .option('--type <type>', 'look the title up among movies or shows only: movie or show')
    // Options after the item may land on `watchlist` itself: read them with the parent's.
    .action(async (ref: string, _options, command: Command) => {
      await addCommand(await kit.tokenContextOf(command), ref, command.optsWithGlobals());
    });
  watchlist
    .command('rm')
    .alias('remove')
    .argument('<item>', 'a title, a ratingKey or a plex:// guid')
    .description('take a movie or show off the watchlist')
    .option('--type <type>', 'look the title up among movies or shows only: movie or show')
    .action(async (ref: string, _options, command: Command) => {
      await removeCommand(await kit.tokenContextOf(command), ref, command.optsWithGlobals());
    });

  watchlist.allowExcessArguments();
}
