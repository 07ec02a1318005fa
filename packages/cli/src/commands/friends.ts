/**
 * `plextv friends`: your friends and what you share with each (`list`; the merged views: friend-views.ts),
 * pending invitations (`pending`), and `invite`, `accept`, `cancel`, `remove` (confirmed).
 */
import type { Command } from 'commander';
import {
  acceptInvite,
  cancelInvite,
  type Friend,
  getFriends,
  getPendingInvites,
  inviteFriend,
  NotFoundError,
  type PlexTvClient,
  removeFriend,
} from 'plextv';
import { type CommandKit, unknownSubcommand } from '../command-kit.js';
import { confirmRemoval } from '../confirm-removal.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import {
  findPerson,
  peopleList,
  personLabel,
  personName,
  personSummary,
  selectView,
  toPerson,
} from '../people.js';
import { renderTable } from '../ui/table.js';
import {
  describeSettings,
  describeShare,
  type FriendView,
  fetchFriends,
  shareFromV2,
} from './friend-views.js';

export interface FriendsRemoveOptions {
  yes?: boolean;
}

function kind(view: { home: boolean; restricted: boolean }): string {
  if (view.restricted) return 'managed';
  if (view.home) return 'home';
  return 'friend';
}

// ---- list ----

export async function listFriends(ctx: Context): Promise<void> {
  const client = await ctx.signedInClient();
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
  const client = await ctx.signedInClient();
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
  const client = await ctx.signedInClient();
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
  const client = await ctx.signedInClient();
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
  const client = await ctx.signedInClient();
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
  const client = await ctx.signedInClient();
  const views = (await fetchFriends(ctx, client)).filter((v) => !v.home && !v.restricted);
  const view = selectView(views, query, 'friend', 'your friends');
  const name = personLabel(toPerson(view));
  const shares = view.servers.map(describeShare);
  const question = `Remove your friend ${name}?${shares.length > 0 ? ` Every share with them ends too (${shares.join('; ')}).` : ''}`;
  if (!(await confirmRemoval(ctx, question, { yes: options.yes, action: `removing ${name}` }))) return;
  await removeFriend(client, view.id, { signal: ctx.signal });
  const c = ctx.out.c;
  ctx.out.out(
    `${c.green('✔')} Removed your friend ${name}${shares.length > 0 ? ` and ${shares.length} share${shares.length === 1 ? '' : 's'} with them` : ''}.`,
  );
  ctx.out.data({ ok: true, removed: view });
}

/** `friends` (list) and its subcommands: `list`, `pending`, `invite`, `accept`, `cancel`, `remove`. */
export function register(program: Command, kit: CommandKit): void {
  const friends = program
    .command('friends')
    .description('your friends and what you share with them; invitations')
    .action(async (_options, command: Command) => {
      unknownSubcommand(command);
      await listFriends(await kit.tokenContextOf(command));
    });
  friends
    .command('list')
    .alias('ls')
    .description('friends (and Home members) with the servers and libraries shared with each (the default)')
    .action(async (_options, command: Command) => {
      await listFriends(await kit.tokenContextOf(command));
    });
  friends
    .command('pending')
    .description('pending friend invitations, sent and received')
    .action(async (_options, command: Command) => {
      await listPending(await kit.tokenContextOf(command));
    });
  friends
    .command('invite')
    .argument('<user>', 'a Plex username or e-mail address')
    .description('invite someone to be your friend (then `plextv share` a server with them)')
    .action(async (user: string, _options, command: Command) => {
      await inviteFriendCommand(await kit.tokenContextOf(command), user);
    });
  friends
    .command('accept')
    .argument('<invitation>', 'the inviter: name, username, e-mail or account id')
    .description('accept a friend invitation sent to you')
    .action(async (who: string, _options, command: Command) => {
      await acceptFriendCommand(await kit.tokenContextOf(command), who);
    });
  friends
    .command('cancel')
    .argument('<user>', 'the username or e-mail address you invited')
    .description('withdraw a friend invitation you sent')
    .action(async (who: string, _options, command: Command) => {
      await cancelFriendCommand(await kit.tokenContextOf(command), who);
    });
  friends
    .command('remove')
    .alias('rm')
    .argument('<friend>', 'the friend: name, username, e-mail or id')
    .description('remove a friend, and every share with them')
    .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
    .action(async (who: string, options, command: Command) => {
      await removeFriendCommand(await kit.tokenContextOf(command), who, options);
    });
  friends.allowExcessArguments();
}
