/**
 * Picking one device or server from what the user typed: its plex.tv id, its client identifier (or a unique
 * prefix of it, like the short ids the tables show), or its name (case-insensitive).
 */
import { UsageError } from './errors.js';

export interface Selectable {
  clientIdentifier: string;
  name?: string | undefined;
  /** plex.tv's id (devices). */
  id?: string | undefined;
}

/** The shortest prefix of a client identifier shown, and the shortest accepted as one. */
export const SHORT_ID_MIN = 8;
const PREFIX_MIN = 4;

/**
 * Short client identifiers for a table: for each, its shortest prefix (at least 8 characters) that no other
 * identifier starts with (the whole identifier when another one starts with it).
 */
export function shortIds(items: readonly Selectable[]): Map<string, string> {
  const ids = [...new Set(items.map((i) => i.clientIdentifier))];
  const lower = ids.map((id) => id.toLowerCase());
  return new Map(
    ids.map((id, index) => {
      let length = Math.min(SHORT_ID_MIN, id.length);
      const clashes = (n: number) =>
        lower.some((other, j) => j !== index && other.startsWith(lower[index]!.slice(0, n)));
      while (length < id.length && clashes(length)) length++;
      return [id, id.slice(0, length)];
    }),
  );
}

/** `"Living Room" (3f2a9c1e)`: how an item is named in messages. */
export function label(item: Selectable): string {
  const short = shortIds([item]).get(item.clientIdentifier);
  return item.name ? `"${item.name}" (${short})` : (short ?? item.clientIdentifier);
}

/**
 * The one item `query` names. `what` is the noun for messages (`device`, `server`). A query that names none,
 * or several, is a usage error that lists what there is.
 */
export function selectOne<T extends Selectable>(items: readonly T[], query: string, what: string): T {
  const q = query.trim();
  if (q === '') throw new UsageError(`Name the ${what}: its name or client identifier.`);
  const exact = items.filter((i) => i.id === q || i.clientIdentifier === q);
  if (exact.length >= 1) return exact[0]!;
  const lower = q.toLowerCase();
  const byName = items.filter((i) => i.name?.toLowerCase() === lower);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw ambiguous(byName, q, what, 'name');
  if (q.length >= PREFIX_MIN) {
    const byPrefix = items.filter((i) => i.clientIdentifier.toLowerCase().startsWith(lower));
    if (byPrefix.length === 1) return byPrefix[0]!;
    if (byPrefix.length > 1) throw ambiguous(byPrefix, q, what, 'client identifier prefix');
  }
  const known = items.slice(0, 12).map(label);
  const more = items.length > known.length ? `, +${items.length - known.length} more` : '';
  const list = items.length === 0 ? `the account has no ${what}s` : `${what}s: ${known.join(', ')}${more}`;
  throw new UsageError(`No ${what} named "${q}" (${list}).`);
}

function ambiguous(items: readonly Selectable[], query: string, what: string, by: string): UsageError {
  const ids = shortIds(items);
  const list = items.map((i) => `${i.name ?? '(no name)'} ${ids.get(i.clientIdentifier)}`).join(', ');
  return new UsageError(
    `${items.length} ${what}s match the ${by} "${query}" (${list}): name one by its client identifier.`,
  );
}
