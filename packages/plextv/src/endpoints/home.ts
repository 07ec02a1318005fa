/**
 * Plex Home: the home and its members, managed users, switching to a member, Home PINs.
 *
 * Verified by captures: `GET /api/v2/home/users` (PlexKit), `GET /api/home/users` (node-plex-api-credentials),
 * `POST /api/v2/home/users/{uuid}/switch` (PlexKit). The rest follow python-plexapi and @ctrl/plex, which call
 * them against plex.tv: `POST /api/home/users?title=` / `?invitedEmail=`, `DELETE /api/home/users/{id}`,
 * `PUT /api/home/users/{id}?pin=`, `POST /api/v2/home/users/restricted/{id}?pin=|removePin=1`.
 */
import type { PlexTvClient } from '../client.js';
import type { RestrictionProfile, UserPlexAccount } from '../models/account.js';
import { decodeHome, decodeHomeUser, type HomeUser, homeUserWires, type PlexHome } from '../models/home.js';
import { type DecodeContext, requireInt, str } from '../models/read.js';
import type { CallOptions } from '../transport.js';
import { objectOf } from '../wire/body.js';
import { listOf } from '../wire/list.js';
import type { Wire } from '../wire/wire.js';
import { ACCOUNT_WITH_TOKEN, getUser } from './account.js';
import { type BodyDecoder, objectBody, parser } from './body.js';
import { call } from './call.js';
import { route, variant } from './route.js';
import { homePin, requiredText } from './segment.js';

const HOME_BODY = objectBody('home', decodeHome);

// v2 `{id, name, …, users: […]}`, `{"MediaContainer": {"User": […]}}`, a bare array, or v1 XML `<User/>` children.
const HOME_USERS_BODY: BodyDecoder<HomeUser[]> = {
  field: 'home.users',
  expected: 'home users',
  read: (body, ctx) => {
    const items =
      body.format === 'xml'
        ? (() => {
            const root = objectOf(body, 'home');
            return root ? homeUserWires(root) : undefined;
          })()
        : (listOf(body, 'home.users', { jsonKeys: ['users', 'User'] }) ??
          (objectOf(body, 'home') ? [] : undefined));
    return items?.map((u) => decodeHomeUser(u, ctx));
  },
};

// A create call answers `<User id uuid …/>` (or a container of one); its uuid may be missing (see createdUser).
const CREATED_USER = objectBody(
  'user',
  (root, ctx) => {
    const w = root.repeated('User')[0] ?? root;
    return {
      id: requireInt(w, 'id', ctx),
      user: str(w, 'uuid') === undefined ? undefined : decodeHomeUser(w, ctx),
      w,
      ctx,
    };
  },
  'a user object',
);

const MEMBER_ID = "the member's id (HomeUser.id)";
const MANAGED_ID = "the managed user's id (HomeUser.id)";

const GET_HOME = route('getHome', 'GET /api/v2/home', { body: HOME_BODY });
const GET_HOME_USERS = route('getHomeUsers', 'GET /api/v2/home/users', { body: HOME_USERS_BODY });
// Not retried: a retry after a lost answer could create a second user.
const CREATE_MANAGED_USER = route('createManagedUser', 'POST /api/home/users', {
  accept: 'xml',
  body: CREATED_USER,
});
const INVITE_TO_HOME = route('inviteToHome', 'POST /api/home/users', { accept: 'xml' });
const REMOVE_HOME_USER = route('removeHomeUser', 'DELETE /api/home/users/{id}', {
  params: { id: MEMBER_ID },
  accept: 'xml',
  idempotent: true,
});
const SWITCH_HOME_USER = route('switchHomeUser', 'POST /api/v2/home/users/{uuid}/switch', {
  params: { uuid: "the member's uuid" },
  // Switching twice gives the same member: safe to retry.
  idempotent: true,
  body: ACCOUNT_WITH_TOKEN,
});
const SET_OWN_PIN = route('setHomePin', 'PUT /api/home/users/{id}', {
  params: { id: 'your account id' },
  accept: 'xml',
  idempotent: true,
});
const REMOVE_OWN_PIN = variant(SET_OWN_PIN, { name: 'removeHomePin' });
const SET_MANAGED_PIN = route('setManagedUserHomePin', 'POST /api/v2/home/users/restricted/{id}', {
  params: { id: MANAGED_ID },
  idempotent: true,
});
const REMOVE_MANAGED_PIN = variant(SET_MANAGED_PIN, { name: 'removeManagedUserHomePin' });
const SET_RESTRICTION_PROFILE = variant(SET_MANAGED_PIN, { method: 'PUT', name: 'setRestrictionProfile' });

/** The account's Plex Home (`GET /api/v2/home`): its name and guest user. */
export async function getHome(client: PlexTvClient, options: CallOptions = {}): Promise<PlexHome> {
  return call(client, GET_HOME, {}, options);
}

/**
 * The members of the account's Plex Home (`GET /api/v2/home/users`): the admin, managed users and invited
 * accounts. Managed users have no `username`/`email`.
 */
export async function getHomeUsers(client: PlexTvClient, options: CallOptions = {}): Promise<HomeUser[]> {
  return call(client, GET_HOME_USERS, {}, options);
}

/**
 * Decode a home-users body you already have: v2 JSON (`/api/v2/home/users`) or the v1 XML of
 * `/api/home/users` (`<MediaContainer><User …/>`); both give the same `HomeUser`s.
 */
export const parseHomeUsers: (text: string, options?: { contentType?: string }) => Promise<HomeUser[]> =
  parser(HOME_USERS_BODY, 'home users');

/** Decode a `/api/v2/home` body (or the header of a `/api/v2/home/users` one) you already have. */
export const parseHome: (text: string, options?: { contentType?: string }) => Promise<PlexHome> =
  parser(HOME_BODY);

/** What `createManagedUser` creates: a name, and optionally a restriction profile. */
export interface CreateManagedUserOptions {
  /** The managed user's name. */
  name: string;
  /** A preset restriction profile (`little_kid`, `older_kid`, `teen`), set right after creation. */
  restrictionProfile?: RestrictionProfile;
}

/**
 * Create a managed user in your Plex Home (`POST /api/home/users?title=…`; with `restrictionProfile`, then
 * `PUT /api/v2/home/users/restricted/{id}`). Resolves with the new member.
 *
 * The v1 call is the one python-plexapi and @ctrl/plex use against plex.tv; a v2 `POST
 * /api/v2/home/users/restricted` appears in third-party code but in no capture or reference, so it is not used.
 * Not retried: a retry after a lost answer could create a second user. When setting the profile fails, the
 * user exists without it and the error is thrown (`getHomeUsers` lists the user; `setRestrictionProfile` retries).
 */
export async function createManagedUser(
  client: PlexTvClient,
  user: CreateManagedUserOptions,
  options: CallOptions = {},
): Promise<HomeUser> {
  const name = requiredText(user?.name, 'createManagedUser', 'a name');
  const profile = user.restrictionProfile;
  if (profile !== undefined) requiredText(profile, 'createManagedUser', 'a non-blank restrictionProfile');
  const answered = await call(client, CREATE_MANAGED_USER, { query: { title: name } }, options);
  const created = await createdUser(client, answered, options);
  if (profile !== undefined) {
    await setRestrictionProfile(client, created.id, profile, options);
    created.restrictionProfile = profile;
  }
  return created;
}

/** The member a create call answered: `<User id uuid …/>` (or a container of one); plex.tv is asked when its uuid is missing. */
async function createdUser(
  client: PlexTvClient,
  answered: { id: number; user: HomeUser | undefined; w: Wire; ctx: DecodeContext },
  options: CallOptions,
): Promise<HomeUser> {
  if (answered.user) return answered.user;
  // The user exists now: find it rather than fail a call that succeeded.
  const found = (await getHomeUsers(client, options)).find((u) => u.id === answered.id);
  return found ?? decodeHomeUser(answered.w, answered.ctx);
}

/**
 * Invite an existing Plex account into your Plex Home (`POST /api/home/users?invitedEmail=…`): by username or
 * e-mail address. They join once they accept.
 */
export async function inviteToHome(
  client: PlexTvClient,
  usernameOrEmail: string,
  options: CallOptions = {},
): Promise<void> {
  const invited = requiredText(usernameOrEmail, 'inviteToHome', 'a username or e-mail address');
  await call(client, INVITE_TO_HOME, { query: { invitedEmail: invited } }, options);
}

/** Remove a member from your Plex Home (`DELETE /api/home/users/{id}`). A managed user is deleted. */
export async function removeHomeUser(
  client: PlexTvClient,
  id: number | string,
  options: CallOptions = {},
): Promise<void> {
  await call(client, REMOVE_HOME_USER, { params: { id } }, options);
}

/** Options of `switchHomeUser`. */
export interface SwitchHomeUserOptions extends CallOptions {
  /** The member's Home PIN, when they have one (`HomeUser.protected`). */
  pin?: string;
}

/** What `switchHomeUser` resolves with: the member's account and a client acting as them. */
export interface SwitchedHomeUser {
  /** The member's account, with its own token (a secret: do not log it). */
  account: UserPlexAccount;
  /** A client acting as that member. */
  client: PlexTvClient;
}

/**
 * Switch to a member of your Plex Home (`POST /api/v2/home/users/{uuid}/switch`, `pin` when they have one).
 * `user` is the member's uuid (or a `HomeUser`). Resolves with the member's account and a client acting as them.
 * A missing or wrong PIN throws `HomePinRequiredError` (plex.tv code 1041, whether it answers 401 or 403).
 */
export async function switchHomeUser(
  client: PlexTvClient,
  user: string | Pick<HomeUser, 'uuid'>,
  options: SwitchHomeUserOptions = {},
): Promise<SwitchedHomeUser> {
  const { pin, ...rest } = options;
  const account = await call(
    client,
    SWITCH_HOME_USER,
    {
      params: { uuid: typeof user === 'string' ? user : user?.uuid },
      query: { pin: pin === undefined ? undefined : homePin(pin, 'switchHomeUser') },
      secrets: [pin],
    },
    rest,
  );
  return { account, client: client.withToken(account.authToken) };
}

/** What `setHomePin` sets: the new PIN, the current one when there is one. */
export interface SetHomePinOptions {
  /** The new four-digit PIN. */
  pin: string;
  /** The current PIN, when the account has one. */
  currentPin?: string;
  /** Your account id; looked up (`GET /api/v2/user`) when omitted. */
  userId?: number;
}

async function myId(client: PlexTvClient, userId: number | undefined, options: CallOptions): Promise<number> {
  return userId ?? (await getUser(client, options)).id;
}

/**
 * Set (or change) your own Plex Home PIN (`PUT /api/home/users/{yourId}?pin=…&currentPin=…`). A wrong
 * `currentPin` is refused by plex.tv (`HomePinRequiredError` or `UnauthorizedError`).
 */
export async function setHomePin(
  client: PlexTvClient,
  settings: SetHomePinOptions,
  options: CallOptions = {},
): Promise<void> {
  const pin = homePin(settings?.pin, 'setHomePin');
  const currentPin =
    settings.currentPin === undefined
      ? undefined
      : homePin(settings.currentPin, 'setHomePin', 'currentPin as four digits');
  const id = await myId(client, settings.userId, options);
  await call(
    client,
    SET_OWN_PIN,
    { params: { id }, query: { pin, currentPin }, secrets: [pin, currentPin] },
    options,
  );
}

/** Remove your own Plex Home PIN (`PUT /api/home/users/{yourId}?pin=&currentPin=…`). */
export async function removeHomePin(
  client: PlexTvClient,
  currentPin: string,
  options: CallOptions & { userId?: number } = {},
): Promise<void> {
  const { userId, ...rest } = options;
  const current = homePin(currentPin, 'removeHomePin', 'the current four-digit PIN');
  const id = await myId(client, userId, rest);
  const query = { pin: '', currentPin: current };
  await call(client, REMOVE_OWN_PIN, { params: { id }, query, secrets: [current] }, rest);
}

/** Set a managed user's Home PIN (`POST /api/v2/home/users/restricted/{id}?pin=…`; home admin only). */
export async function setManagedUserHomePin(
  client: PlexTvClient,
  userId: number | string,
  pin: string,
  options: CallOptions = {},
): Promise<void> {
  const query = { pin: homePin(pin, 'setManagedUserHomePin') };
  await call(client, SET_MANAGED_PIN, { params: { id: userId }, query, secrets: [pin] }, options);
}

/** Remove a managed user's Home PIN (`POST /api/v2/home/users/restricted/{id}?removePin=1`; home admin only). */
export async function removeManagedUserHomePin(
  client: PlexTvClient,
  userId: number | string,
  options: CallOptions = {},
): Promise<void> {
  await call(client, REMOVE_MANAGED_PIN, { params: { id: userId }, query: { removePin: 1 } }, options);
}

/**
 * Set a managed user's restriction profile (`PUT /api/v2/home/users/restricted/{id}?restrictionProfile=…`):
 * `little_kid`, `older_kid` or `teen`. The path is python-plexapi's and the spec's; the parameter's placement
 * (query) is not confirmed by a capture.
 */
export async function setRestrictionProfile(
  client: PlexTvClient,
  userId: number | string,
  restrictionProfile: RestrictionProfile,
  options: CallOptions = {},
): Promise<void> {
  const profile = requiredText(restrictionProfile, 'setRestrictionProfile', 'a restriction profile');
  await call(
    client,
    SET_RESTRICTION_PROFILE,
    { params: { id: userId }, query: { restrictionProfile: profile } },
    options,
  );
}
