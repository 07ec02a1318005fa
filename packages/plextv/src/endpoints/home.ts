/**
 * Plex Home: the home and its members, managed users, switching to a member, Home PINs.
 *
 * Verified by captures: `GET /api/v2/home/users` (PlexKit), `GET /api/home/users` (node-plex-api-credentials),
 * `POST /api/v2/home/users/{uuid}/switch` (PlexKit). The rest follow python-plexapi and @ctrl/plex, which call
 * them against plex.tv: `POST /api/home/users?title=` / `?invitedEmail=`, `DELETE /api/home/users/{id}`,
 * `PUT /api/home/users/{id}?pin=`, `POST /api/v2/home/users/restricted/{id}?pin=|removePin=1`.
 */
import type { PlexTvClient } from '../client.js';
import { DecodeError } from '../errors.js';
import { decodeAccount, type RestrictionProfile, type UserPlexAccount } from '../models/account.js';
import { decodeHome, decodeHomeUser, type HomeUser, homeUserWires, type PlexHome } from '../models/home.js';
import { type DecodeContext, requireInt, str } from '../models/read.js';
import type { PlexResponse, RequestSpec } from '../transport.js';
import { objectOf, type ParsedBody, parseBody } from '../wire/body.js';
import { listOf } from '../wire/list.js';
import type { Wire } from '../wire/wire.js';
import { type CallOptions, getUser } from './account.js';
import { bodyObject } from './decode.js';
import { homePin, pathSegment, requiredText } from './segment.js';

const HOME = '/api/v2/home';
const HOME_USERS = '/api/v2/home/users';
const HOME_USERS_V1 = '/api/home/users';
const RESTRICTED = '/api/v2/home/users/restricted';

/** The account's Plex Home (`GET /api/v2/home`): its name and guest user. */
export async function getHome(client: PlexTvClient, options: CallOptions = {}): Promise<PlexHome> {
  const spec: RequestSpec = { method: 'GET', path: HOME, ...options };
  const response = await client.request(spec);
  return decodeHome(bodyObject(response, spec, 'home'), spec);
}

function homeUsersOf(body: ParsedBody): Wire[] | undefined {
  if (body.format === 'xml') {
    const root = objectOf(body, 'home');
    return root ? homeUserWires(root) : undefined;
  }
  // `{id, name, …, users: […]}` (v2), `{"MediaContainer": {"User": […]}}`, or a bare array.
  return (
    listOf(body, 'home.users', { jsonKeys: ['users', 'User'] }) ?? (objectOf(body, 'home') ? [] : undefined)
  );
}

function decodeHomeUsers(response: PlexResponse, spec: RequestSpec): HomeUser[] {
  const items = homeUsersOf(response.body);
  if (!items) {
    throw new DecodeError(`${spec.method} ${spec.path}: expected home users, got ${response.body.format}`, {
      method: spec.method,
      path: spec.path,
      status: response.status,
      field: 'home.users',
    });
  }
  return items.map((u) => decodeHomeUser(u, spec));
}

/**
 * The members of the account's Plex Home (`GET /api/v2/home/users`): the admin, managed users and invited
 * accounts. Managed users have no `username`/`email`.
 */
export async function getHomeUsers(client: PlexTvClient, options: CallOptions = {}): Promise<HomeUser[]> {
  const spec: RequestSpec = { method: 'GET', path: HOME_USERS, ...options };
  return decodeHomeUsers(await client.request(spec), spec);
}

/**
 * Decode a home-users body you already have: v2 JSON (`/api/v2/home/users`) or the v1 XML of
 * `/api/home/users` (`<MediaContainer><User …/>`); both give the same `HomeUser`s.
 */
export async function parseHomeUsers(
  text: string,
  options: { contentType?: string } = {},
): Promise<HomeUser[]> {
  let body: ParsedBody;
  try {
    body = await parseBody(options.contentType ?? null, text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DecodeError(`unreadable home users body (${reason})`, { cause, field: 'home.users' });
  }
  const items = homeUsersOf(body);
  if (!items) throw new DecodeError('expected home users', { field: 'home.users' });
  return items.map((u) => decodeHomeUser(u));
}

/** Decode a `/api/v2/home` body (or the header of a `/api/v2/home/users` one) you already have. */
export async function parseHome(text: string, options: { contentType?: string } = {}): Promise<PlexHome> {
  let wire: Wire | undefined;
  try {
    wire = objectOf(await parseBody(options.contentType ?? null, text), 'home');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DecodeError(`unreadable home body (${reason})`, { cause, field: 'home' });
  }
  if (!wire) throw new DecodeError('expected a home object', { field: 'home' });
  return decodeHome(wire);
}

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
  const spec: RequestSpec = {
    method: 'POST',
    path: HOME_USERS_V1,
    query: { title: name },
    accept: 'xml',
    ...options,
  };
  const response = await client.request(spec);
  const created = await createdUser(client, response, spec, options);
  if (profile !== undefined) {
    await setRestrictionProfile(client, created.id, profile, options);
    created.restrictionProfile = profile;
  }
  return created;
}

/** The member a create call answered: `<User id uuid …/>` (or a container of one); plex.tv is asked when its uuid is missing. */
async function createdUser(
  client: PlexTvClient,
  response: PlexResponse,
  spec: RequestSpec,
  options: CallOptions,
): Promise<HomeUser> {
  const root = bodyObject(response, spec, 'user');
  const w = root.repeated('User')[0] ?? root;
  const ctx: DecodeContext = spec;
  const id = requireInt(w, 'id', ctx);
  if (str(w, 'uuid') !== undefined) return decodeHomeUser(w, ctx);
  // The user exists now: find it rather than fail a call that succeeded.
  const found = (await getHomeUsers(client, options)).find((u) => u.id === id);
  return found ?? decodeHomeUser(w, ctx);
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
  await client.request({
    ignoreBody: true,
    method: 'POST',
    path: HOME_USERS_V1,
    query: { invitedEmail: invited },
    accept: 'xml',
    ...options,
  });
}

/** Remove a member from your Plex Home (`DELETE /api/home/users/{id}`). A managed user is deleted. */
export async function removeHomeUser(
  client: PlexTvClient,
  id: number | string,
  options: CallOptions = {},
): Promise<void> {
  await client.request({
    ignoreBody: true,
    method: 'DELETE',
    path: `${HOME_USERS_V1}/${pathSegment(id, 'removeHomeUser', "the member's id (HomeUser.id)")}`,
    accept: 'xml',
    idempotent: true,
    ...options,
  });
}

export interface SwitchHomeUserOptions extends CallOptions {
  /** The member's Home PIN, when they have one (`HomeUser.protected`). */
  pin?: string;
}

export interface SwitchedHomeUser {
  /** The member's account, with its own token (a secret: do not log it). */
  account: UserPlexAccount;
  /** A client acting as that member. */
  client: PlexTvClient;
}

/**
 * Switch to a member of your Plex Home (`POST /api/v2/home/users/{uuid}/switch`, `pin` when they have one).
 * `user` is the member's uuid (or a `HomeUser`). Resolves with the member's account and a client acting as them.
 * A missing or wrong PIN throws `PinRequiredError` (plex.tv code 1041, whether it answers 401 or 403).
 */
export async function switchHomeUser(
  client: PlexTvClient,
  user: string | Pick<HomeUser, 'uuid'>,
  options: SwitchHomeUserOptions = {},
): Promise<SwitchedHomeUser> {
  const { pin, ...call } = options;
  const uuid = pathSegment(
    typeof user === 'string' ? user : user?.uuid,
    'switchHomeUser',
    "the member's uuid",
  );
  const path = `${HOME_USERS}/${uuid}/switch`;
  const spec: RequestSpec = {
    method: 'POST',
    path,
    query: { pin: pin === undefined ? undefined : homePin(pin, 'switchHomeUser') },
    secrets: [pin],
    // Switching twice gives the same member: safe to retry.
    idempotent: true,
    ...call,
  };
  const response = await client.request(spec);
  const account = decodeAccount(bodyObject(response, spec, 'user'), {
    method: 'POST',
    path,
    requireToken: true,
  });
  return { account, client: client.withToken(account.authToken) };
}

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
 * `currentPin` is refused by plex.tv (`PinRequiredError` or `UnauthorizedError`).
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
  await client.request({
    ignoreBody: true,
    method: 'PUT',
    path: `${HOME_USERS_V1}/${pathSegment(id, 'setHomePin', 'your account id')}`,
    query: { pin, currentPin },
    secrets: [pin, currentPin],
    accept: 'xml',
    idempotent: true,
    ...options,
  });
}

/** Remove your own Plex Home PIN (`PUT /api/home/users/{yourId}?pin=&currentPin=…`). */
export async function removeHomePin(
  client: PlexTvClient,
  currentPin: string,
  options: CallOptions & { userId?: number } = {},
): Promise<void> {
  const { userId, ...call } = options;
  const current = homePin(currentPin, 'removeHomePin', 'the current four-digit PIN');
  const id = await myId(client, userId, call);
  await client.request({
    ignoreBody: true,
    method: 'PUT',
    path: `${HOME_USERS_V1}/${pathSegment(id, 'removeHomePin', 'your account id')}`,
    query: { pin: '', currentPin: current },
    secrets: [current],
    accept: 'xml',
    idempotent: true,
    ...call,
  });
}

const restrictedPath = (id: number | string, fn: string) =>
  `${RESTRICTED}/${pathSegment(id, fn, "the managed user's id (HomeUser.id)")}`;

/** Set a managed user's PIN (`POST /api/v2/home/users/restricted/{id}?pin=…`; home admin only). */
export async function setManagedUserPin(
  client: PlexTvClient,
  userId: number | string,
  pin: string,
  options: CallOptions = {},
): Promise<void> {
  await client.request({
    ignoreBody: true,
    method: 'POST',
    path: restrictedPath(userId, 'setManagedUserPin'),
    query: { pin: homePin(pin, 'setManagedUserPin') },
    secrets: [pin],
    idempotent: true,
    ...options,
  });
}

/** Remove a managed user's PIN (`POST /api/v2/home/users/restricted/{id}?removePin=1`; home admin only). */
export async function removeManagedUserPin(
  client: PlexTvClient,
  userId: number | string,
  options: CallOptions = {},
): Promise<void> {
  await client.request({
    ignoreBody: true,
    method: 'POST',
    path: restrictedPath(userId, 'removeManagedUserPin'),
    query: { removePin: 1 },
    idempotent: true,
    ...options,
  });
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
  await client.request({
    ignoreBody: true,
    method: 'PUT',
    path: restrictedPath(userId, 'setRestrictionProfile'),
    query: { restrictionProfile: profile },
    idempotent: true,
    ...options,
  });
}
