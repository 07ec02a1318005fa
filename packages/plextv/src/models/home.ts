/**
 * Plex Home: the home itself (`GET /api/v2/home`) and its members (`GET /api/v2/home/users`, v1
 * `GET /api/home/users`). Both member lists decode to the one `HomeUser` model: v2 JSON
 * `{…, users: [{…}]}` and v1 XML `<MediaContainer><User …/></MediaContainer>`.
 */
import { extras, type Wire } from '../wire/wire.js';
import type { RestrictionProfile } from './account.js';
import { bool, type DecodeContext, int, requireInt, requireStr, str } from './read.js';

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

const HOME_KNOWN = new Set([
  'id',
  'name',
  'guestUserID',
  'guestUserUUID',
  'guestEnabled',
  'subscription',
  'users',
  // v1 XML: members are direct <User> children.
  'User',
]);

/** Decode the home header. Only a missing `id` is an error. */
export function decodeHome(w: Wire, ctx: DecodeContext = {}): PlexHome {
  return {
    id: requireInt(w, 'id', ctx),
    name: str(w, 'name'),
    guestUserID: int(w, 'guestUserID'),
    guestUserUUID: str(w, 'guestUserUUID'),
    guestEnabled: bool(w, 'guestEnabled'),
    subscription: bool(w, 'subscription'),
    extra: extras(w, HOME_KNOWN),
  };
}

const FLAGS = ['admin', 'guest', 'restricted', 'protected', 'hasPassword'] as const;
const STRINGS = ['title', 'username', 'email', 'thumb', 'restrictionProfile'] as const;
const USER_KNOWN = new Set<string>([...FLAGS, ...STRINGS, 'id', 'uuid']);

/** Decode one home member. Only a missing `id` or `uuid` is an error. */
export function decodeHomeUser(w: Wire, ctx: DecodeContext = {}): HomeUser {
  const user: HomeUser = {
    id: requireInt(w, 'id', ctx),
    uuid: requireStr(w, ['uuid'], ctx),
    extra: extras(w, USER_KNOWN),
  };
  for (const key of STRINGS) user[key] = str(w, key);
  for (const key of FLAGS) user[key] = bool(w, key);
  return user;
}

/** The members of a home-users body: v2 `users[]` (JSON or `<users><user/></users>`) or v1 `<User/>` children. */
export function homeUserWires(w: Wire): Wire[] {
  const v1 = w.repeated('User');
  return v1.length > 0 ? v1 : w.objects('users');
}
