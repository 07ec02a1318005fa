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

/** The longest unique prefix shown as is; past that, a short id is `prefix…suffix`. */
const PREFIX_MAX = 12;
const SUFFIX_MIN = 4;

/**
 * Short client identifiers for a table: for each, its shortest prefix (at least 8 characters) that no other
 * identifier starts with. When that would take more than 12 characters (identifiers that differ only at
 * the end), the first 8 and the shortest unique suffix instead: `a1b2c3d4…0001`. `selectOne` takes both.
 */
export function shortIds(items: readonly Selectable[]): Map<string, string> {
  const ids = [...new Set(items.map((i) => i.clientIdentifier))];
  const lower = ids.map((id) => id.toLowerCase());
  const others = (index: number) => lower.filter((_, j) => j !== index);
  return new Map(
    ids.map((id, index) => {
      const me = lower[index]!;
      let length = Math.min(SHORT_ID_MIN, id.length);
      while (length < id.length && others(index).some((o) => o.startsWith(me.slice(0, length)))) length++;
      if (length <= PREFIX_MAX || id.length <= SHORT_ID_MIN + 1 + SUFFIX_MIN)
        return [id, id.slice(0, length)];
      const head = me.slice(0, SHORT_ID_MIN);
      let tail = SUFFIX_MIN;
      const clash = (n: number) => others(index).some((o) => o.startsWith(head) && o.endsWith(me.slice(-n)));
      while (tail < id.length - SHORT_ID_MIN && clash(tail)) tail++;
      if (SHORT_ID_MIN + tail >= id.length) return [id, id];
      return [id, `${id.slice(0, SHORT_ID_MIN)}…${id.slice(-tail)}`];
    }),
  );
}

/** Whether `query` is `prefix…suffix` (or `prefix...suffix`) of `id`, as `shortIds` shows it. */
function matchesShort(id: string, query: string): boolean {
  const m = /^(.+?)(?:…|\.\.\.)(.+)$/.exec(query);
  if (!m) return false;
  const lower = id.toLowerCase();
  return (
    m[1]!.length + m[2]!.length <= lower.length &&
    lower.startsWith(m[1]!.toLowerCase()) &&
    lower.endsWith(m[2]!.toLowerCase())
  );
}

/** `"Living Room" (3f2a9c1e)`: how an item is named in messages (`ids`: the short ids of its list). */
export function label(item: Selectable, ids: Map<string, string> = shortIds([item])): string {
  const short = ids.get(item.clientIdentifier);
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
  if (byName.length > 1) throw ambiguous(byName, shortIds(items), q, what, 'name');
  if (q.length >= PREFIX_MIN) {
    const byPrefix = items.filter(
      (i) => i.clientIdentifier.toLowerCase().startsWith(lower) || matchesShort(i.clientIdentifier, q),
    );
    if (byPrefix.length === 1) return byPrefix[0]!;
    if (byPrefix.length > 1) {
      throw ambiguous(byPrefix, shortIds(items), q, what, 'client identifier prefix');
    }
  }
  const ids = shortIds(items);
  const known = items.slice(0, 12).map((item) => label(item, ids));
  const more = items.length > known.length ? `, +${items.length - known.length} more` : '';
  const list = items.length === 0 ? `the account has no ${what}s` : `${what}s: ${known.join(', ')}${more}`;
  throw new UsageError(`No ${what} named "${q}" (${list}).`);
}

function ambiguous(
  items: readonly Selectable[],
  ids: Map<string, string>,
  query: string,
  what: string,
  by: string,
): UsageError {
  const list = items.map((i) => `${i.name ?? '(no name)'} ${ids.get(i.clientIdentifier)}`).join(', ');
  return new UsageError(
    `${items.length} ${what}s match the ${by} "${query}" (${list}): name one by its client identifier.`,
  );
}
