/** Finding what `MyPlexAccount`'s methods name loosely: a server, a user, a Home member, library sections. */
import type { PlexTvClient } from '../client.js';
import { getHomeUsers } from '../endpoints/home.js';
import { sharingSections } from '../endpoints/sharing.js';
import { NotFoundError } from '../errors.js';
import type { PlexDevice } from '../models/device.js';
import type { HomeUser } from '../models/home.js';
import type { LibrarySection } from '../models/sharing.js';
import type { MyPlexServerRef } from './types.js';

export function machineIdOf(server: MyPlexServerRef): string {
  const id =
    typeof server === 'string'
      ? server
      : server && 'machineIdentifier' in server
        ? server.machineIdentifier
        : server?.clientIdentifier;
  if (typeof id !== 'string' || id.trim() === '') {
    throw new TypeError('MyPlexAccount: pass a server (its machine identifier, a server or a resource)');
  }
  return id.trim();
}

/** python-plexapi's matching: title first (case-insensitive), then username, e-mail or id. */
export function matchUser<T extends { id: number; title?: string; username?: string; email?: string }>(
  users: readonly T[],
  wanted: string,
): T | undefined {
  const lower = String(wanted).toLowerCase();
  return (
    users.find((u) => u.title?.toLowerCase() === lower) ??
    users.find(
      (u) =>
        u.username?.toLowerCase() === lower || u.email?.toLowerCase() === lower || String(u.id) === wanted,
    )
  );
}

/** A Plex Home member by title, username, e-mail, id or uuid; `NotFoundError` when there is none. */
export async function findHomeUser(client: PlexTvClient, user: string): Promise<HomeUser> {
  const members = await getHomeUsers(client);
  const found = matchUser(members, user) ?? members.find((m) => m.uuid === user);
  if (!found) {
    throw new NotFoundError(`No Plex Home member named "${user}"`, {
      method: 'GET',
      path: '/api/v2/home/users',
    });
  }
  return found;
}

/** A Home member's account id, from a `HomeUser`, an id, or a name. */
export async function homeUserId(client: PlexTvClient, user: HomeUser | string | number): Promise<number> {
  if (typeof user === 'number') return user;
  return typeof user === 'object' ? user.id : (await findHomeUser(client, user)).id;
}

/** plex.tv's section ids for `sections` (titles, keys or ids); every section when undefined. */
export async function sectionIds(
  client: PlexTvClient,
  machineIdentifier: string,
  sections: ReadonlyArray<string | number | LibrarySection> | undefined,
): Promise<string[]> {
  const known = await sharingSections(client, machineIdentifier);
  if (sections === undefined) return known.map((s) => s.id);
  return sections.map((wanted) => {
    if (typeof wanted === 'object') return wanted.id;
    const text = String(wanted).toLowerCase();
    const found =
      known.find((s) => s.id === String(wanted)) ??
      known.find((s) => s.key !== undefined && String(s.key) === String(wanted)) ??
      known.find((s) => s.title?.toLowerCase() === text);
    if (!found) {
      throw new NotFoundError(`No library section "${String(wanted)}" on server ${machineIdentifier}`, {
        method: 'GET',
        path: `/api/servers/${machineIdentifier}`,
      });
    }
    return found.id;
  });
}

/** The first device named `name` (case-insensitive) or whose client identifier is `clientId`. */
export function findDeviceBy(devices: PlexDevice[], name?: string | null, clientId?: string): PlexDevice {
  if (!name && !clientId) throw new TypeError('MyPlexAccount.device(): pass a name or a client identifier');
  const wanted = name ? name.toLowerCase() : undefined;
  const found = devices.find(
    (d) =>
      (wanted !== undefined && d.name?.toLowerCase() === wanted) ||
      (clientId && d.clientIdentifier === clientId),
  );
  if (!found) {
    const what = name ? `named "${name}"` : `with client identifier ${clientId}`;
    throw new NotFoundError(`No device ${what}`, { method: 'GET', path: '/devices.xml' });
  }
  return found;
}
