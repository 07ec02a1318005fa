/**
 * Picking one person (a Home member, a friend, an invitation) from what the user typed: their account id or
 * uuid, or their name, username or e-mail address (any case).
 */
import { UsageError } from './errors.js';

export interface Person {
  id: number;
  uuid?: string | undefined;
  title?: string | undefined;
  username?: string | undefined;
  email?: string | undefined;
  friendlyName?: string | undefined;
}

/** A person as the `--json` views hold them: null where plex.tv said nothing. */
export interface PersonView {
  id: number;
  uuid: string | null;
  title: string | null;
  username: string | null;
  email: string | null;
}

/** The person of a view (its nulls dropped), for `personName`, `personLabel` and the pickers. */
export function toPerson(view: PersonView): Person {
  return {
    id: view.id,
    uuid: view.uuid ?? undefined,
    title: view.title ?? undefined,
    username: view.username ?? undefined,
    email: view.email ?? undefined,
  };
}

/** Who a person is, in `--json` output: their ids and names (null when unknown). */
export function personSummary<T extends Person & { uuid: string }>(person: T) {
  return {
    id: person.id,
    uuid: person.uuid,
    title: person.title ?? null,
    username: person.username ?? null,
    email: person.email ?? null,
  };
}

/** How a person is called: their display name, else username, e-mail, or account id. */
export function personName(person: Person): string {
  return person.title || person.username || person.friendlyName || person.email || `account ${person.id}`;
}

/** `"Kids"`, `"freeuser" (free@plextv.test)`: a person in a message. */
export function personLabel(person: Person): string {
  const name = personName(person);
  const extra = [person.username, person.email].filter((value): value is string => !!value && value !== name);
  return extra.length > 0 ? `"${name}" (${extra.join(', ')})` : `"${name}"`;
}

/** The person's names a query may match (any case). */
function namesOf(person: Person): string[] {
  return [person.title, person.username, person.email, person.friendlyName]
    .filter((name): name is string => typeof name === 'string' && name !== '')
    .map((name) => name.toLowerCase());
}

/** The person `query` names, or undefined when nobody is (several: a usage error naming them). */
export function findPerson<T extends Person>(
  people: readonly T[],
  query: string,
  what: string,
): T | undefined {
  const q = query.trim();
  if (q === '') throw new UsageError(`Name the ${what}: their name, username, e-mail address or account id.`);
  const byId = people.find((p) => String(p.id) === q || (p.uuid !== undefined && p.uuid === q));
  if (byId) return byId;
  const lower = q.toLowerCase();
  const matches = people.filter((p) => namesOf(p).includes(lower));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    const list = matches.map((p) => `${personLabel(p)} id ${p.id}`).join(', ');
    throw new UsageError(`${matches.length} ${what}s are called "${q}" (${list}): name one by its id.`);
  }
  return undefined;
}

/** The list of people for an error message: `"Kids", "Guest", +3 more`. */
export function peopleList(people: readonly Person[], max = 12): string {
  const shown = people.slice(0, max).map(personLabel);
  const more = people.length > shown.length ? `, +${people.length - shown.length} more` : '';
  return `${shown.join(', ')}${more}`;
}

/** The person `query` names; nobody is a usage error listing who there is (`whose`: `in your Plex Home`). */
export function selectPerson<T extends Person>(
  people: readonly T[],
  query: string,
  what: string,
  whose: string,
): T {
  const found = findPerson(people, query, what);
  if (found) return found;
  const known = people.length === 0 ? `there are no ${what}s ${whose}` : `${whose}: ${peopleList(people)}`;
  throw new UsageError(`No ${what} "${query.trim()}" (${known}).`);
}

/** `findPerson` over views: the view `query` names, if any. */
export function findView<T extends PersonView>(
  views: readonly T[],
  query: string,
  what: string,
): T | undefined {
  return findPerson(withPerson(views), query, what)?.view;
}

/** `selectPerson` over views: the view `query` names; nobody is a usage error listing who there is. */
export function selectView<T extends PersonView>(
  views: readonly T[],
  query: string,
  what: string,
  whose: string,
): T {
  return selectPerson(withPerson(views), query, what, whose).view;
}

function withPerson<T extends PersonView>(views: readonly T[]): Array<Person & { view: T }> {
  return views.map((view) => ({ ...toPerson(view), view }));
}
