/**
 * Plex Home: the home itself (`GET /api/v2/home`) and its members (`GET /api/v2/home/users`, v1
 * `GET /api/home/users`). Both member lists decode to the one `HomeUser` model: v2 JSON
 * `{…, users: [{…}]}` and v1 XML `<MediaContainer><User …/></MediaContainer>`.
 */
import { FieldTable } from '../wire/table.js';
import type { Wire } from '../wire/wire.js';
import type { RestrictionProfile } from './account.js';
import { type DecodeContext, missing } from './read.js';

/**
 * The restriction profiles plex.tv offers for managed users (`RestrictionProfile`'s named values): what
 * `setRestrictionProfile` and `createManagedUser` accept, for pickers and validation.
 */
export const RESTRICTION_PROFILES = [
  'little_kid',
  'older_kid',
  'teen',
] as const satisfies readonly RestrictionProfile[];

/** A Plex Home (`GET /api/v2/home`; the same fields head `GET /api/v2/home/users`). */
export interface PlexHome {
  /** The home's id. */
  id: number;
  name?: string;
  /** The account id of the home's guest user (plex.tv's spelling: `guestUserID`). */
  guestUserID?: number;
  /** The guest user's uuid (plex.tv's spelling: `guestUserUUID`). */
  guestUserUUID?: string;
  /** The guest user is enabled. */
  guestEnabled?: boolean;
  /** The home has a Plex Pass subscription (a flag here, not the account's subscription object). */
  subscription?: boolean;
  extra: Record<string, unknown>;
}

/**
 * A member of the Plex Home: the admin, managed (restricted) users and invited Plex accounts.
 * Managed users have no `username` or `email` (plex.tv sends `null` in JSON, `""` in XML: both are undefined here).
 */
export interface HomeUser {
  /** The member's Plex account id. */
  id: number;
  /** The member's uuid: what `switchHomeUser` takes. */
  uuid: string;
  /** Display name (for managed users, the only name they have). */
  title?: string;
  /** Undefined for managed users. */
  username?: string;
  /** Undefined for managed users. */
  email?: string;
  thumb?: string;
  /** The home admin (the account that owns the home). */
  admin?: boolean;
  /** The home's guest user. */
  guest?: boolean;
  /** A managed user. */
  restricted?: boolean;
  /** Managed users: `little_kid`, `older_kid`, `teen`, or undefined (no preset profile). */
  restrictionProfile?: RestrictionProfile;
  /** The member has a Home PIN: switching to them needs it. */
  protected?: boolean;
  /** v2 only. */
  hasPassword?: boolean;
  extra: Record<string, unknown>;
}

const HOME = new FieldTable(
  [
    ['id', 'int'],
    ['name', 'str'],
    ['guestUserID', 'int'],
    ['guestUserUUID', 'str'],
    ['guestEnabled', 'bool'],
    ['subscription', 'bool'],
  ],
  // v1 XML: members are direct <User> children.
  ['users', 'User'],
);

/** Decode the home header. Only a missing `id` is an error. */
export function decodeHome(w: Wire, ctx: DecodeContext = {}): PlexHome {
  const v = HOME.read(w);
  if (v[0] === undefined) throw missing(w, 'id', w.get('id'), 'an integer', ctx);
  return {
    id: v[0],
    name: v[1],
    guestUserID: v[2],
    guestUserUUID: v[3],
    guestEnabled: v[4],
    subscription: v[5],
    extra: v[6],
  };
}

const FLAGS = ['admin', 'guest', 'restricted', 'protected', 'hasPassword'] as const;
const STRINGS = ['title', 'username', 'email', 'thumb', 'restrictionProfile'] as const;
const USER = new FieldTable([
  ['id', 'int'],
  ['uuid', 'str'],
  ...STRINGS.map((key) => [key, 'str'] as const),
  ...FLAGS.map((key) => [key, 'bool'] as const),
]);

/** Decode one home member. Only a missing `id` or `uuid` is an error. */
export function decodeHomeUser(w: Wire, ctx: DecodeContext = {}): HomeUser {
  const v = USER.read(w);
  if (v[0] === undefined) throw missing(w, 'id', w.get('id'), 'an integer', ctx);
  if (v[1] === undefined) throw missing(w, 'uuid', w.get('uuid'), 'a non-empty string', ctx);
  return {
    id: v[0],
    uuid: v[1],
    extra: v[12],
    title: v[2],
    username: v[3],
    email: v[4],
    thumb: v[5],
    restrictionProfile: v[6],
    admin: v[7],
    guest: v[8],
    restricted: v[9],
    protected: v[10],
    hasPassword: v[11],
  };
}

/** The members of a home-users body: v2 `users[]` (JSON or `<users><user/></users>`) or v1 `<User/>` children. */
export function homeUserWires(w: Wire): Wire[] {
  const v1 = w.repeated('User');
  return v1.length > 0 ? v1 : w.objects('users');
}
