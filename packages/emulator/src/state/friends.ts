/**
 * People, friends and invitations over ONE state (shares themselves: state/sharing.ts): every endpoint (v1 `/api/users`, v2
 * `/api/v2/friends`, resources, the fake servers) reads the same records through these helpers, so
 * a change made through one is what every other one shows.
 *
 * - People: accounts (`state.accounts`) and e-mail invitees without an account (`state.invitees`),
 *   sharing one id namespace.
 * - Two people are **connected** when they are in the same Plex Home or their friendship is
 *   accepted. A share is accepted (listed in the invitee's resources, its token accepted by the fake
 *   server) exactly when its owner and invitee are connected; otherwise it is pending.
 * - `sharingSettings` (grantor -> grantee) are the friend-level settings (`PUT /api/v2/sharings`,
 *   `/api/users` attributes); each share keeps its own copy (`sharedServers[].sharingSettings`).
 */

import { publicIdentity } from './accounts.js';
import type { Account, EmulatorState, Friendship, Home, Invitee, Share, SharingSettings } from './model.js';

// ---- sharing settings ------------------------------------------------------------------------------

/** Defaults: every captured friend has filterPhotos/filterAll null and the other filters "". */
export function defaultSharingSettings(): SharingSettings {
  return {
    allowSync: false,
    allowCameraUpload: false,
    allowChannels: false,
    allowSubtitleAdmin: false,
    allowTuners: 0,
    filterMovies: '',
    filterMusic: '',
    filterTelevision: '',
    filterPhotos: null,
    filterAll: null,
  };
}

/** The restriction profiles plex.tv offers (the emulator's own list: it never imports the library). */
export const RESTRICTION_PROFILES = ['little_kid', 'older_kid', 'teen'] as const;
/** A managed user's restriction profile. */
export type RestrictionProfile = (typeof RESTRICTION_PROFILES)[number];

const G = 'G%2CTV-G%2CTV-Y';
const PG = `${G}%2CPG%2CTV-PG%2CTV-Y7`;
/**
 * The content-rating filters a restriction profile puts on movies and TV (URL-encoded as in
 * friends_accepted_four_restricted.json; ours are short subsets of plex.tv's long rating lists).
 */
export const PROFILE_FILTERS: Record<RestrictionProfile, string> = {
  little_kid: `contentRating=${G}`,
  older_kid: `contentRating=${PG}`,
  teen: `contentRating=${PG}%2CPG-13%2CTV-14`,
};

export function isRestrictionProfile(value: unknown): value is RestrictionProfile {
  return typeof value === 'string' && (RESTRICTION_PROFILES as readonly string[]).includes(value);
}

/** Apply a restriction profile to settings: movie/TV filters from the profile, music null (as captured). */
export function applyProfile(settings: SharingSettings, profile: string | null): void {
  if (isRestrictionProfile(profile)) {
    settings.filterMovies = PROFILE_FILTERS[profile];
    settings.filterTelevision = PROFILE_FILTERS[profile];
    settings.filterMusic = null;
  } else {
    settings.filterMovies = '';
    settings.filterTelevision = '';
    settings.filterMusic = '';
  }
}

export function sharingKey(grantorId: number, granteeId: number): string {
  return `${grantorId}>${granteeId}`;
}

/** What `grantorId` lets `granteeId` do when nothing was set: the defaults, plus a managed member's profile filters. */
export function defaultSettingsFor(
  state: EmulatorState,
  grantorId: number,
  granteeId: number,
): SharingSettings {
  const settings = defaultSharingSettings();
  const grantee = state.accounts.get(granteeId);
  if (grantee?.managed && grantee.restrictionProfile !== null && sameHome(state, grantorId, granteeId)) {
    applyProfile(settings, grantee.restrictionProfile);
  }
  return settings;
}

/** The friend-level settings grantor -> grantee (a copy of the defaults when none are stored). */
export function settingsFor(state: EmulatorState, grantorId: number, granteeId: number): SharingSettings {
  return (
    state.sharingSettings.get(sharingKey(grantorId, granteeId)) ??
    defaultSettingsFor(state, grantorId, granteeId)
  );
}

/** The stored friend-level settings grantor -> grantee, created from the defaults if needed. */
export function ensureSettings(state: EmulatorState, grantorId: number, granteeId: number): SharingSettings {
  const key = sharingKey(grantorId, granteeId);
  let settings = state.sharingSettings.get(key);
  if (!settings) {
    settings = defaultSettingsFor(state, grantorId, granteeId);
    state.sharingSettings.set(key, settings);
  }
  return settings;
}

export function mergeSettings(base: SharingSettings, update: Partial<SharingSettings>): SharingSettings {
  const out: SharingSettings = { ...base };
  for (const [key, value] of Object.entries(update)) {
    if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out;
}

// ---- people and relationships ---------------------------------------------------------------------

export function homeOfId(state: EmulatorState, accountId: number): Home | null {
  for (const home of state.homes.values()) if (home.memberIds.includes(accountId)) return home;
  return null;
}

export function sameHome(state: EmulatorState, a: number, b: number): boolean {
  return homeOfId(state, a)?.memberIds.includes(b) ?? false;
}

export function friendshipBetween(state: EmulatorState, a: number, b: number): Friendship | undefined {
  return state.friendships.find(
    (f) => (f.inviterId === a && f.inviteeId === b) || (f.inviterId === b && f.inviteeId === a),
  );
}

/**
 * Since when `a` and `b` are connected (epoch seconds; 0 for Home members), or null when they are
 * not (strangers, or an invitation still pending).
 */
export function connectedSince(state: EmulatorState, a: number, b: number): number | null {
  if (sameHome(state, a, b)) return 0;
  const f = friendshipBetween(state, a, b);
  return f?.status === 'accepted' ? (f.acceptedAt ?? f.invitedAt) : null;
}

export function connected(state: EmulatorState, a: number, b: number): boolean {
  return connectedSince(state, a, b) !== null;
}

/** When a share became usable (the later of its creation and the connection), or null while pending. */
export function shareAcceptedAt(state: EmulatorState, ownerId: number, share: Share): number | null {
  const since = connectedSince(state, ownerId, share.accountId);
  return since === null ? null : Math.max(since, share.createdAt);
}

/** Someone a friend list can show: an account or an e-mail invitee. */
export interface Person {
  id: number;
  uuid: string;
  title: string;
  /** null for managed users and e-mail invitees. */
  username: string | null;
  /** null for managed users. */
  email: string | null;
  /** null when empty (as the friends captures show for external accounts). */
  friendlyName: string | null;
  thumb: string;
  restricted: boolean;
  /** The account, or null for an e-mail invitee. */
  account: Account | null;
}

export function inviteeThumb(invitee: Invitee): string {
  return `https://plex.tv/users/${invitee.uuid}/avatar?c=${invitee.createdAt}`;
}

export function personOf(state: EmulatorState, id: number): Person | null {
  const account = state.accounts.get(id);
  if (account) {
    return {
      ...publicIdentity(account),
      friendlyName: account.friendlyName === '' ? null : account.friendlyName,
      thumb: account.thumb,
      restricted: account.restricted,
      account,
    };
  }
  const invitee = state.invitees.get(id);
  if (!invitee) return null;
  return {
    id: invitee.id,
    uuid: invitee.uuid,
    title: invitee.email,
    username: null,
    email: invitee.email,
    friendlyName: null,
    thumb: inviteeThumb(invitee),
    restricted: false,
    account: null,
  };
}

/** An e-mail invitee by address (case-insensitive). */
export function findInvitee(state: EmulatorState, email: string): Invitee | null {
  const needle = email.trim().toLowerCase();
  for (const invitee of state.invitees.values()) if (invitee.email.toLowerCase() === needle) return invitee;
  return null;
}

export function looksLikeEmail(value: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value.trim());
}

/** A synthetic 16-hex uuid for an e-mail invitee, distinct from every account's. */
export function inviteeUuid(state: EmulatorState, id: number): string {
  const taken = new Set([...state.accounts.values()].map((a) => a.uuid));
  for (let salt = 0; ; salt++) {
    const uuid = `e${(id + salt * 0x1000000).toString(16).padStart(15, '0')}`.slice(-16);
    if (!taken.has(uuid)) return uuid;
  }
}

export function addInvitee(state: EmulatorState, email: string, createdAt: number, id?: number): Invitee {
  const inviteeId = id ?? nextPersonId(state, 'invitee');
  const invitee: Invitee = {
    id: inviteeId,
    uuid: inviteeUuid(state, inviteeId),
    email: email.trim(),
    createdAt,
  };
  state.invitees.set(invitee.id, invitee);
  return invitee;
}

/** The next free id of this kind: ids are never handed out twice, and people ids never collide. */
export function nextPersonId(state: EmulatorState, kind: 'account' | 'invitee'): number {
  let id = state.nextIds[kind];
  while (state.accounts.has(id) || state.invitees.has(id)) id++;
  state.nextIds[kind] = id + 1;
  return id;
}

// ---- friend lists ----------------------------------------------------------------------------------

/** Where a friendship stands. */
export type FriendStatus = 'accepted' | 'pending_sent' | 'pending_received';
export const FRIEND_STATUSES: readonly FriendStatus[] = ['accepted', 'pending_sent', 'pending_received'];

/** One entry of a friend list, from the caller's side. */
export interface FriendView {
  person: Person;
  status: FriendStatus;
  /** In the caller's Plex Home. */
  home: boolean;
}

/** How `otherId` stands with the caller, or null when they are strangers. */
export function statusBetween(state: EmulatorState, callerId: number, otherId: number): FriendStatus | null {
  if (sameHome(state, callerId, otherId)) return 'accepted';
  const f = friendshipBetween(state, callerId, otherId);
  if (!f) return null;
  if (f.status === 'accepted') return 'accepted';
  return f.inviterId === callerId ? 'pending_sent' : 'pending_received';
}

/**
 * The caller's friend list in one status. `accepted`: the other members of the caller's Home (Home
 * order), then accepted friends (in the order of their invitations). Pending:
 * the invitations the caller sent or received, oldest first. Stable across calls.
 */
export function friendViews(state: EmulatorState, callerId: number, status: FriendStatus): FriendView[] {
  const out: FriendView[] = [];
  const seen = new Set<number>([callerId]);
  const add = (id: number, home: boolean) => {
    if (seen.has(id)) return;
    seen.add(id);
    const person = personOf(state, id);
    if (person) out.push({ person, status, home });
  };
  if (status === 'accepted') {
    for (const id of homeOfId(state, callerId)?.memberIds ?? []) add(id, true);
  }
  for (const f of state.friendships) {
    if (f.inviterId !== callerId && f.inviteeId !== callerId) continue;
    const other = f.inviterId === callerId ? f.inviteeId : f.inviterId;
    const fStatus: FriendStatus =
      f.status === 'accepted' ? 'accepted' : f.inviterId === callerId ? 'pending_sent' : 'pending_received';
    if (fStatus === status) add(other, sameHome(state, callerId, other));
  }
  return out;
}

/** E-mail invitees nobody invites or shares with any more are forgotten. */
export function dropOrphanInvitees(state: EmulatorState): void {
  for (const id of state.invitees.keys()) {
    const invited = state.friendships.some((f) => f.inviteeId === id);
    const shared = [...state.devices.values()].some((d) => d.shares.some((s) => s.accountId === id));
    if (!invited && !shared) state.invitees.delete(id);
  }
}
