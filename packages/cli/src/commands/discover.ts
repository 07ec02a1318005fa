/**
 * `plextv search TITLE`: Plex's discover catalogue by title; `plextv info TITLE|ID`: one item with its
 * imdb/tmdb/tvdb ids (and a show's seasons).
 */
import type { Command } from 'commander';
import { type DiscoverItem, getChildren, getMetadata, searchDiscover } from 'plextv';
import type { CommandKit } from '../command-kit.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { aboutItem, checkKind, itemData, itemLine, resolveItem } from './discover-items.js';

export interface SearchOptions {
  type?: string;
  limit?: string;
}

export async function searchCommand(ctx: Context, query: string, options: SearchOptions): Promise<void> {
  const kind = checkKind(options.type);
  const limit = options.limit === undefined ? 30 : Number(options.limit);
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new UsageError(`--limit must be a positive whole number, got "${options.limit}".`);
  }
  if (query.trim() === '') throw new UsageError('Name what to search for.');
  const client = await ctx.signedInClient();
  const hits = await searchDiscover(client, query, {
    ...(kind ? { types: [kind] } : {}),
    limit,
    signal: ctx.signal,
  });
  ctx.out.data({
    ok: true,
    query,
    results: hits.map((hit) => ({ score: hit.score, item: itemData(hit.item) })),
  });
  if (hits.length === 0) {
    if (!ctx.json) ctx.out.err(ctx.out.ec.dim(`Nothing matches "${query}".`));
    return;
  }
  for (const hit of hits) ctx.out.out(itemLine(ctx, hit.item));
}

export interface InfoOptions {
  type?: string;
}

/** `5 ids` rows of an item: label and value, only those it has. */
function infoRows(item: DiscoverItem): Array<[string, string]> {
  const rows: Array<[string, string | undefined]> = [
    ['Type', item.type],
    ['Year', item.year?.toString()],
    ['Released', item.originallyAvailableAt],
    ['Rated', item.contentRating],
    ['Length', item.duration === undefined ? undefined : `${Math.round(item.duration / 60_000)} min`],
    ['Genres', item.genres.length > 0 ? item.genres.join(', ') : undefined],
    [
      'Cast',
      item.roles.length > 0
        ? item.roles
            .slice(0, 5)
            .map((r) => r.tag)
            .join(', ')
        : undefined,
    ],
    ['ratingKey', item.ratingKey],
    ['guid', item.guid],
    ['IMDb', item.guids.imdb],
    ['TMDB', item.guids.tmdb],
    ['TVDB', item.guids.tvdb],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '');
}

export async function infoCommand(ctx: Context, ref: string, options: InfoOptions): Promise<void> {
  const kind = checkKind(options.type);
  const client = await ctx.signedInClient();
  const signal = ctx.signal;
  const { ratingKey } = await resolveItem(ctx, client, ref, kind);
  const item = await aboutItem(ratingKey, () => getMetadata(client, ratingKey, { signal }));
  const seasons =
    item.type === 'show'
      ? await aboutItem(ratingKey, () => getChildren(client, ratingKey, { signal }))
      : undefined;
  ctx.out.data({
    ok: true,
    item: itemData(item),
    ids: {
      plex: item.guids.plex,
      imdb: item.guids.imdb ?? null,
      tmdb: item.guids.tmdb ?? null,
      tvdb: item.guids.tvdb ?? null,
    },
    ...(seasons ? { seasons: seasons.map(itemData) } : {}),
  });
  if (ctx.json) return;
  const c = ctx.out.c;
  ctx.out.out(c.bold(`${item.title ?? '(untitled)'}${item.year === undefined ? '' : ` (${item.year})`}`));
  const rows = infoRows(item);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) ctx.out.out(`  ${c.cyan(label.padEnd(width))}  ${value}`);
  if (item.summary) ctx.out.out(`\n  ${item.summary}`);
  if (seasons && seasons.length > 0) {
    ctx.out.out(`\n  ${c.bold(`Seasons (${seasons.length})`)}`);
    for (const season of seasons) {
      const episodes = season.extra.leafCount;
      const count =
        typeof episodes === 'number' || typeof episodes === 'string' ? `, ${episodes} episodes` : '';
      ctx.out.out(
        `    ${season.title ?? `Season ${season.index ?? '?'}`}${c.dim(`  ${season.ratingKey}${count}`)}`,
      );
    }
  }
}

/** `search` and `info`. */
export function register(program: Command, kit: CommandKit): void {
  program
    .command('search')
    .argument('<title>', 'what to look for (every word must be in the title)')
    .description("search Plex's discover catalogue (movies and shows)")
    .option('--type <type>', 'only movies or only shows: movie or show')
    .option('--limit <n>', 'most results (default 30)')
    .action(async (title: string, options: SearchOptions, command: Command) => {
      await searchCommand(await kit.tokenContextOf(command), title, options);
    });

  program
    .command('info')
    .argument('<item>', 'a title (the one search match), a ratingKey (24 hex digits) or a plex:// guid')
    .description('one movie or show with its imdb/tmdb/tvdb ids (and a show its seasons)')
    .option('--type <type>', 'look the title up among movies or shows only: movie or show')
    .action(async (ref: string, options: InfoOptions, command: Command) => {
      await infoCommand(await kit.tokenContextOf(command), ref, options);
    });
}
