/**
 * `plextv friends`: your friends and what you share with each (`list`: the v1 users list for the shares, v2
 * friends for status and settings), pending invitations (`pending`), and `invite`, `accept`, `cancel`,
 * `remove` (confirmed).
 */
import {
  acceptInvite,
  cancelInvite,
  type Friend,
  getFriends,
  getPendingInvites,
  getUsers,
  inviteFriend,
  NotFoundError,
  type PlexTvClient,
  type PlexUser,
  removeFriend,
  type SharedServer,
  type SharingSettings,
} from 'plextv';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import {
  findPerson,
  type PersonView,
  peopleList,
  personLabel,
  personName,
  personSummary,
  selectView,
  toPerson,
} from '../people.js';
import { renderTable } from '../ui/table.js';

export interface FriendsRemoveOptions {
  yes?: boolean;
}

/** One library of a share. */
export interface LibraryView {
  id: string;
  title: string | null;
  type: string | null;
}

/** One of your servers shared with a friend. */
export interface ShareView {
  /** The share's id (what `unshare` removes). */
  id: number;
  name: string | null;
  machineIdentifier: string | null;
  numLibraries: number | null;
  allLibraries: boolean;
  /** The friend has not accepted it yet. */
  pending: boolean;
  /** The shared libraries, when plex.tv lists them (v2). */
  libraries: LibraryView[];
}

/** A friend (or Home member) with the servers you share with them: what `friends list --json` prints. */
export interface FriendView extends PersonView {
  status: string | null;
  /** A member of your Plex Home. */
  home: boolean;
  /** A managed user. */
  restricted: boolean;
  sharingSettings: SharingSettings | null;
  servers: ShareView[];
}

export async function friendsClient(ctx: Context): Promise<PlexTvClient> {
  const { token } = await ctx.requireToken();
  return ctx.client(token);
}

function libraryView(section: { id: string; title?: string | undefined; type?: string | undefined }) {
  return { id: section.id, title: section.title ?? null, type: section.type ?? null };
}

/** The share of `server` in a v2 friend's `sharedServers`, by share id or machine identifier. */
function v2Share(friend: Friend | undefined, id: number, machineIdentifier: string | undefined) {
  return friend?.sharedServers.find(
    (s) => s.id === id || (machineIdentifier !== undefined && s.machineIdentifier === machineIdentifier),
  );
}

function shareFromV2(share: SharedServer): ShareView {
  return {
    id: share.id,
    name: share.name ?? null,
    machineIdentifier: share.machineIdentifier ?? null,
    numLibraries: share.numLibraries ?? (share.libraries.length || null),
    allLibraries: share.allLibraries === true,
    pending: share.accepted === false,
    libraries: share.libraries.map(libraryView),
  };
}

/** Merge the v1 users (shares) with the v2 friends (status, settings, libraries of each share). */
export function mergeFriends(users: readonly PlexUser[], friends: readonly Friend[]): FriendView[] {
  const byId = new Map(friends.map((f) => [f.id, f]));
  const views: FriendView[] = [];
  const seen = new Set<number>();
  for (const user of users) {
    const friend = byId.get(user.id);
    seen.add(user.id);
    views.push({
      id: user.id,
      uuid: friend?.uuid ?? null,
      title: user.title ?? friend?.title ?? null,
      username: user.username ?? friend?.username ?? null,
      email: user.email ?? friend?.email ?? null,
      status: friend?.status ?? 'accepted',
      home: user.home === true || friend?.home === true,
      restricted: user.restricted === true || friend?.restricted === true,
      sharingSettings: friend?.sharingSettings ?? user.sharingSettings ?? null,
      servers: user.servers.map((server) => {
        const v2 = v2Share(friend, server.id, server.machineIdentifier);
        return {
          id: server.id,
          name: server.name ?? v2?.name ?? null,
          machineIdentifier: server.machineIdentifier ?? v2?.machineIdentifier ?? null,
          numLibraries: server.numLibraries ?? v2?.numLibraries ?? (v2?.libraries.length || null),
          allLibraries: server.allLibraries === true || v2?.allLibraries === true,
          pending: server.pending === true,
          libraries: (v2?.libraries ?? []).map(libraryView),
        };
      }),
    });
  }
  for (const friend of friends) {
    if (seen.has(friend.id)) continue;
    views.push({
      id: friend.id,
      uuid: friend.uuid,
      title: friend.title ?? null,
      username: friend.username ?? null,
      email: friend.email ?? null,
      status: friend.status ?? null,
      home: friend.home === true,
      restricted: friend.restricted === true,
      sharingSettings: friend.sharingSettings ?? null,
      servers: friend.sharedServers.map(shareFromV2),
    });
  }
  return views;
}

/** Your friends (and Home members) with the servers you share with each. */
export async function fetchFriends(ctx: Context, client: PlexTvClient): Promise<FriendView[]> {
  const signal = ctx.signal;
  const [users, friends] = await Promise.all([
    getUsers(client, { signal }),
    getFriends(client, { signal, status: 'accepted' }),
  ]);
  return mergeFriends(users, friends);
}

/** `Movies, TV Shows`, `all libraries` or `2 libraries`: what a share includes. */
export function shareLibraries(share: ShareView): string {
  if (share.allLibraries) return 'all libraries';
  if (share.libraries.length > 0) return share.libraries.map((l) => l.title ?? l.id).join(', ');
  const n = share.numLibraries;
  return n === null ? 'libraries unknown' : `${n} librar${n === 1 ? 'y' : 'ies'}`;
}

/** `Demo Server: Movies, TV Shows`, `Demo Server: all libraries (pending)`. */
export function describeShare(share: ShareView): string {
  const name = share.name ?? share.machineIdentifier ?? `share ${share.id}`;
  return `${name}: ${shareLibraries(share)}${share.pending ? ' (pending)' : ''}`;
}

/** `sync, camera upload, Live TV 2, movies contentRating=G`: what a friend may do, briefly. */
export function describeSettings(settings: SharingSettings | null): string {
  if (!settings) return '';
  const parts: string[] = [];
  if (settings.allowSync) parts.push('sync');
  if (settings.allowCameraUpload) parts.push('camera upload');
  if (settings.allowChannels) parts.push('channels');
  if (settings.allowSubtitleAdmin) parts.push('subtitles');
  if (settings.allowTuners) parts.push(`Live TV ${settings.allowTuners}`);
  const filters: Array<[string, string | undefined]> = [
    ['movies', settings.filterMovies],
    ['TV', settings.filterTelevision],
    ['music', settings.filterMusic],
    ['photos', settings.filterPhotos],
    ['all', settings.filterAll],
  ];
  for (const [what, filter] of filters) if (filter) parts.push(`${what} ${decodeFilter(filter)}`);
  return parts.join(', ');
}

/** A filter as people write it: `contentRating=G,PG|label=kids`. */
export function decodeFilter(filter: string): string {
  try {
    return decodeURIComponent(filter);
  } catch {
    return filter;
  }
}

function kind(view: { home: boolean; restricted: boolean }): string {
  if (view.restricted) return 'managed';
  if (view.home) return 'home';
  return 'friend';
}

// ---- list ----

export async function listFriends(ctx: Context): Promise<void> {
  const client = await friendsClient(ctx);
  // Friends first, then Home members (each in plex.tv's order).
  const home = (v: FriendView) => (v.home || v.restricted ? 1 : 0);
  const views = (await fetchFriends(ctx, client)).sort((a, b) => home(a) - home(b));
  ctx.out.data(views);
  if (ctx.json) return;
  const c = ctx.out.c;
  if (views.length === 0) {
    ctx.out.out(c.dim('No friends yet. Invite one with `plextv friends invite <username|email>`.'));
    return;
  }
  const rows = views.map((v) => {
    const shares = v.servers.map(describeShare);
    return [
      personName(toPerson(v)),
      kind(v),
      v.username ?? '',
      v.email ?? '',
      shares.length > 0 ? shares.join('; ') : c.dim('nothing shared'),
      describeSettings(v.sharingSettings) || c.dim('—'),
    ];
  });
  ctx.out.out(
    renderTable(['NAME', 'KIND', 'USERNAME', 'EMAIL', 'SHARED WITH THEM', 'MAY'], rows, {
      c,
      columns: ctx.out.terminalColumns,
      shrink: [5, 3, 4, 0],
    }),
  );
  const members = views.filter((v) => home(v) === 1).length;
  const friends = views.length - members;
  const counted = [
    `${friends} friend${friends === 1 ? '' : 's'}`,
    members > 0 ? `${members} Home member${members === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  ctx.out.out(
    c.dim(`${counted.join(' and ')}. Share a server with \`plextv share <server> <friend> --libraries …\`.`),
  );
}

// ---- pending ----

/** `sent` or `received`, from a pending invitation's status. */
function direction(friend: Friend): 'sent' | 'received' {
  return friend.status === 'pending_received' ? 'received' : 'sent';
}

function inviteSummary(friend: Friend) {
  return {
    ...personSummary(friend),
    direction: direction(friend),
    status: friend.status ?? null,
    sharedServers: friend.sharedServers.map(shareFromV2),
  };
}

export async function listPending(ctx: Context): Promise<void> {
  const client = await friendsClient(ctx);
  const invites = await getPendingInvites(client, { signal: ctx.signal });
  ctx.out.data(invites.map(inviteSummary));
  if (ctx.json) return;
  const c = ctx.out.c;
  if (invites.length === 0) {
    ctx.out.out(c.dim('No pending invitations.'));
    return;
  }
  const sorted = [...invites].sort((a, b) => direction(b).localeCompare(direction(a)));
  const rows = sorted.map((f) => [
    direction(f) === 'received' ? c.cyan('received') : 'sent',
    personName(f),
    f.username ?? '',
    f.email ?? '',
    f.sharedServers.map((s) => describeShare(shareFromV2(s))).join('; '),
    String(f.id),
  ]);
  ctx.out.out(
    renderTable(['DIRECTION', 'NAME', 'USERNAME', 'EMAIL', 'SERVERS', 'ID'], rows, {
      c,
      columns: ctx.out.terminalColumns,
      shrink: [4, 3, 1],
    }),
  );
  const received = invites.filter((f) => direction(f) === 'received').length;
  const sent = invites.length - received;
  const hints = [
    received > 0 ? 'accept one with `plextv friends accept <name|id>`' : '',
    sent > 0 ? 'withdraw one with `plextv friends cancel <username|email>`' : '',
  ].filter(Boolean);
  const hint = hints.join('; ');
  ctx.out.out(c.dim(`${received} received, ${sent} sent. ${hint.charAt(0).toUpperCase()}${hint.slice(1)}.`));
}

// ---- invite, accept, cancel, remove ----

export async function inviteFriendCommand(ctx: Context, who: string): Promise<void> {
  const identifier = who.trim();
  if (identifier === '') throw new UsageError('Name who to invite: a username or e-mail address.');
  const client = await friendsClient(ctx);
  const friend = await inviteFriend(client, identifier, { signal: ctx.signal });
  const c = ctx.out.c;
  ctx.out.out(
    `${c.green('✔')} Invited ${c.bold(personLabel(friend.title || friend.username ? friend : { ...friend, title: identifier }))} to be your friend: pending until they accept.`,
  );
  ctx.out.out(c.dim(`  Share a server with them: plextv share <server> ${quote(identifier)} --libraries …`));
  ctx.out.data({ ok: true, invited: inviteSummary(friend) });
}

function quote(text: string): string {
  return /^[\w@.+-]+$/.test(text) ? text : `"${text}"`;
}

/** Received invitations: the unverified pending list, else (when plex.tv lacks it) v2 friends by status. */
async function receivedInvites(ctx: Context, client: PlexTvClient): Promise<Friend[]> {
  try {
    return await getPendingInvites(client, { includeSent: false, signal: ctx.signal });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return getFriends(client, { status: 'pending_received', signal: ctx.signal });
  }
}

export async function acceptFriendCommand(ctx: Context, query: string): Promise<void> {
  const client = await friendsClient(ctx);
  const invites = await receivedInvites(ctx, client);
  const found = findPerson(invites, query, 'invitation');
  const q = query.trim();
  if (!found && !/^\d+$/.test(q)) {
    const known = invites.length === 0 ? 'you have none' : `invitations from: ${peopleList(invites)}`;
    throw new UsageError(`No pending invitation from "${q}" (${known}).`);
  }
  const friend = await acceptInvite(client, found?.id ?? q, { signal: ctx.signal });
  // The accepted friend, as plex.tv now describes them (an invitation may hide the e-mail address).
  const who = friend.title || friend.username ? friend : (found ?? friend);
  const c = ctx.out.c;
  ctx.out.out(
    `${c.green('✔')} Accepted the invitation from ${c.bold(personLabel(who))}: you are friends now.`,
  );
  ctx.out.data({ ok: true, friend: { ...inviteSummary(friend), status: friend.status ?? 'accepted' } });
}

export async function cancelFriendCommand(ctx: Context, query: string): Promise<void> {
  const q = query.trim();
  if (q === '')
    throw new UsageError('Name the invitation to withdraw: the username or e-mail address invited.');
  const client = await friendsClient(ctx);
  let sent: Friend[] | undefined;
  try {
    sent = await getPendingInvites(client, { includeReceived: false, signal: ctx.signal });
  } catch (error) {
    // The list is unverified at plex.tv: without it, withdraw what was typed.
    if (!(error instanceof NotFoundError)) throw error;
  }
  const found = sent ? findPerson(sent, q, 'invitation') : undefined;
  if (sent && !found) {
    const known = sent.length === 0 ? 'you have sent none' : `sent to: ${peopleList(sent)}`;
    throw new UsageError(`No pending invitation to "${q}" (${known}).`);
  }
  const identifier = found?.username ?? found?.email ?? q;
  await cancelInvite(client, identifier, { signal: ctx.signal });
  const c = ctx.out.c;
  ctx.out.out(`${c.green('✔')} Withdrew the invitation to ${c.bold(found ? personLabel(found) : q)}.`);
  ctx.out.data({ ok: true, cancelled: found ? inviteSummary(found) : { identifier } });
}

export async function removeFriendCommand(
  ctx: Context,
  query: string,
  options: FriendsRemoveOptions,
): Promise<void> {
  const client = await friendsClient(ctx);
  const views = (await fetchFriends(ctx, client)).filter((v) => !v.home && !v.restricted);
  const view = selectView(views, query, 'friend', 'your friends');
  const name = personLabel(toPerson(view));
  const shares = view.servers.map(describeShare);
  const question = `Remove your friend ${name}?${shares.length > 0 ? ` Every share with them ends too (${shares.join('; ')}).` : ''}`;
  const go = await ctx.confirm(question, { yes: options.yes, action: `removing ${name}` });
  if (!go) {
    ctx.out.out('Nothing removed.');
    ctx.out.data({ ok: true, removed: null, cancelled: true });
    return;
  }
  await removeFriend(client, view.id, { signal: ctx.signal });
  const c = ctx.out.c;
  ctx.out.out(
    `${c.green('✔')} Removed your friend ${name}${shares.length > 0 ? ` and ${shares.length} share${shares.length === 1 ? '' : 's'} with them` : ''}.`,
  );
  ctx.out.data({ ok: true, removed: view });
}
