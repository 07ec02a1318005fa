/**
 * Plex Home operations over the state: who is in which Home, creating managed users, inviting an
 * existing account in, removing members, PINs and restriction profiles. Routes (routes/home.ts)
 * check who may do what; these functions only change the state consistently.
 */

import { badRequest, ERRORS, PlexHttpError, SOCIAL_ERRORS } from './errors.js';
import { applyProfile, dropOrphanInvitees, ensureSettings, homeOfId, nextPersonId } from './friends.js';
import {
  type Account,
  type EmulatorState,
  type Home,
  nowSeconds,
  ONLINE_MEDIA_SOURCE_KEYS,
  PROFILE_DEFAULTS,
} from './model.js';
import { dropUnconnectedShares, sharesFromTo } from './sharing.js';

/** plex.tv caps a Home at 15 members (every capture says maxHomeSize 15). */
/** The Plex Pass features plex.tv lists for a managed user (also what new managed users get). */
export const MANAGED_FEATURES = [
  'camera_upload',
  'home',
  'adaptive_bitrate',
  'collections',
  'radio',
  'livetv',
  'parental-controls',
  'vod',
  'watchlist',
];

/** How many members a Plex Home may have (plex.tv's limit). */
export const MAX_HOME_MEMBERS = 15;

/** A Home as its documents show it (wire/home.ts renders it). */
export interface HomeView {
  home: Home;
  /** Members in Home order, admin first. */
  members: Account[];
  /** The Home's guest user, if it has one. */
  guest: Account | null;
  /** The admin has an active Plex Pass. */
  subscription: boolean;
}

export function homeView(state: EmulatorState, home: Home): HomeView {
  const members = home.memberIds.flatMap((id) => {
    const a = state.accounts.get(id);
    return a ? [a] : [];
  });
  const admin = state.accounts.get(home.adminId);
  return {
    home,
    members,
    guest: members.find((m) => m.guest) ?? null,
    subscription: admin?.subscription.active ?? false,
  };
}

export function requireHome(state: EmulatorState, account: Account): Home {
  const home = homeOfId(state, account.id);
  if (!home) throw new PlexHttpError(SOCIAL_ERRORS.notInHome);
  return home;
}

/** The caller's Home, which it must administer. */
export function requireAdmin(state: EmulatorState, account: Account): Home {
  const home = requireHome(state, account);
  if (home.adminId !== account.id) throw new PlexHttpError(ERRORS.notAvailable);
  return home;
}

/**
 * The Home the caller administers, made on the spot for an account without one (plex.tv makes a
 * Home when its first member is added; the name is our choice). Managed users and members of
 * someone else's Home may not.
 */
export function adminHomeOrNew(state: EmulatorState, account: Account): Home {
  if (account.managed) throw new PlexHttpError(ERRORS.notAvailable);
  const existing = homeOfId(state, account.id);
  if (existing) {
    if (existing.adminId !== account.id) throw new PlexHttpError(ERRORS.notAvailable);
    return existing;
  }
  let id = state.nextIds.home;
  while (state.homes.has(id)) id++;
  state.nextIds.home = id + 1;
  const home: Home = { id, name: `${account.title}'s Home`, adminId: account.id, memberIds: [account.id] };
  state.homes.set(id, home);
  return home;
}

/** A member of `home` by id (number or digits) or uuid, else 404. */
export function findMember(state: EmulatorState, home: Home, ref: string): Account {
  const account = /^\d+$/.test(ref)
    ? state.accounts.get(Number(ref))
    : [...state.accounts.values()].find((a) => a.uuid === ref);
  if (!account || !home.memberIds.includes(account.id))
    throw new PlexHttpError(SOCIAL_ERRORS.homeUserNotFound);
  return account;
}

function checkRoom(home: Home): void {
  if (home.memberIds.length >= MAX_HOME_MEMBERS)
    throw badRequest(`A Plex Home has at most ${MAX_HOME_MEMBERS} members`);
}

/** A 16-hex uuid for a new managed user, derived from its id and distinct from every other one. */
function managedUuid(state: EmulatorState, id: number): string {
  const taken = new Set([
    ...[...state.accounts.values()].map((a) => a.uuid),
    ...[...state.invitees.values()].map((i) => i.uuid),
  ]);
  for (let salt = 0; ; salt++) {
    const uuid = `${(id + salt * 0x10000000).toString(16)}`.padStart(16, 'c').slice(-16);
    if (!taken.has(uuid)) return uuid;
  }
}

/** `POST /api/home/users?title=`: a new managed user (restricted, no profile, no PIN) in `home`. */
export function createManagedUser(state: EmulatorState, home: Home, rawTitle: string): Account {
  const title = rawTitle.trim();
  if (title === '') throw badRequest('title is required (the managed user’s name)');
  if (title.length > 100) throw badRequest('title is too long (at most 100 characters)');
  checkRoom(home);
  const taken = home.memberIds.some(
    (id) => state.accounts.get(id)?.title.toLowerCase() === title.toLowerCase(),
  );
  if (taken) throw badRequest(`${title} is already a member of this Home`);
  const admin = state.accounts.get(home.adminId);
  const now = nowSeconds(state);
  const id = nextPersonId(state, 'account');
  const uuid = managedUuid(state, id);
  const account: Account = {
    id,
    uuid,
    username: '',
    email: '',
    title,
    friendlyName: title,
    locale: null,
    confirmed: false,
    emailOnlyAuth: false,
    password: null,
    twoFactorCode: null,
    backupCodesCreated: false,
    homePin: null,
    thumb: `https://plex.tv/users/${uuid}/avatar?c=${now}`,
    mailingListStatus: null,
    mailingListActive: false,
    scrobbleTypes: '',
    country: admin?.country ?? 'US',
    managed: true,
    guest: false,
    restricted: true,
    restrictionProfile: null,
    subscription: {
      active: false,
      subscribedAt: null,
      status: 'Inactive',
      paymentService: null,
      plan: null,
      features: [...MANAGED_FEATURES],
    },
    subscriptionDescription: null,
    subscriptions: [],
    profile: { ...PROFILE_DEFAULTS },
    entitlements: [...(admin?.entitlements ?? [])],
    roles: null,
    settings: [],
    // The admin always exists (an admin cannot leave their Home): members share its services.
    services: (admin?.services ?? []).map((s) => ({ ...s })),
    adsConsent: null,
    anonymous: null,
    experimentalFeatures: false,
    joinedAt: now,
    webhooks: [],
    privacy: { optOutPlayback: false, optOutLibraryStats: false },
    onlineMediaSources: new Map(ONLINE_MEDIA_SOURCE_KEYS.map((k) => [k, 'opt_in'] as const)),
    viewStateSync: false,
  };
  state.accounts.set(id, account);
  home.memberIds.push(id);
  return account;
}

/**
 * `POST /api/home/users?invitedEmail=`: an existing account joins `home` at once (our choice:
 * the old invitation-accepting endpoints are gone, so nothing could accept a pending Home invite).
 */
export function addExistingMember(state: EmulatorState, home: Home, account: Account): void {
  if (home.memberIds.includes(account.id))
    throw badRequest(`${account.username} is already a member of this Home`);
  if (account.managed || homeOfId(state, account.id))
    throw badRequest(`${account.username} is already a member of another Plex Home`);
  checkRoom(home);
  home.memberIds.push(account.id);
}

/**
 * `DELETE /api/home/users/{id}`: a managed user (or the guest) is deleted with its tokens, keys and
 * shares; an invited account just leaves, and loses the shares it only had through the Home.
 */
export function removeMember(state: EmulatorState, home: Home, member: Account): void {
  if (member.id === home.adminId) throw badRequest('The Home admin cannot be removed from the Home');
  home.memberIds = home.memberIds.filter((id) => id !== member.id);
  if (!member.managed) {
    dropUnconnectedShares(state, member.id);
    return;
  }
  state.accounts.delete(member.id);
  for (const [value, token] of state.tokens) if (token.accountId === member.id) state.tokens.delete(value);
  for (const [key, k] of state.deviceKeys) if (k.accountId === member.id) state.deviceKeys.delete(key);
  for (const device of state.devices.values())
    device.shares = device.shares.filter((s) => s.accountId !== member.id);
  for (const key of state.sharingSettings.keys()) {
    const [from, to] = key.split('>').map(Number);
    if (from === member.id || to === member.id) state.sharingSettings.delete(key);
  }
  state.friendships = state.friendships.filter((f) => f.inviterId !== member.id && f.inviteeId !== member.id);
  dropOrphanInvitees(state);
}

/** A four-digit Home PIN, or a 400 naming the parameter. */
export function checkPin(name: string, value: string): string {
  if (!/^\d{4}$/.test(value)) throw badRequest(`${name} must be exactly 4 digits`);
  return value;
}

/**
 * A managed user's restriction profile (null: none). The admin's sharing filters for that user, and
 * the shares the admin gives it, follow the profile (as plex.tv's filter strings do in the captures).
 */
export function setRestrictionProfile(
  state: EmulatorState,
  home: Home,
  member: Account,
  profile: string | null,
): void {
  member.restrictionProfile = profile;
  const settings = ensureSettings(state, home.adminId, member.id);
  applyProfile(settings, profile);
  for (const { share } of sharesFromTo(state, home.adminId, member.id)) applyProfile(share.settings, profile);
}
