/**
 * The v1 lists: `PlexUser` (`GET /api/users`: friends and home users with the servers shared with each, still
 * the only list that carries the shares) and `Invite` (the old `/api/invites/requested|requests` lists, which
 * plex.tv removed; kept so stored bodies still decode).
 */
import { extras, type Wire } from '../wire/wire.js';
import { bool, type DecodeContext, date, int, requireInt, requireStr, str } from './read.js';
import { decodeSharingSettings, SHARING_FILTERS, SHARING_FLAGS, type SharingSettings } from './sharing.js';

/** One of your servers shared with a `PlexUser` (`<Server>` under `<User>`). */
export interface PlexUserServer {
  /** The share's id (what `updateShare` / `removeShare` take). */
  id: number;
  /** plex.tv's id for the server. A string: `000001` keeps its zeros. */
  serverId?: string;
  machineIdentifier?: string;
  name?: string;
  lastSeenAt?: Date;
  /** How many libraries are shared. */
  numLibraries?: number;
  allLibraries?: boolean;
  owned?: boolean;
  /** The invitation is not accepted yet. */
  pending?: boolean;
  extra: Record<string, unknown>;
}

/**
 * A friend or home user from `GET /api/users`. The container's `size`/`totalSize` are ignored: real bodies
 * disagree with their own children.
 */
export interface PlexUser {
  /** The user's Plex account id. */
  id: number;
  title?: string;
  /** Undefined for managed users. */
  username?: string;
  /** Undefined for managed users. */
  email?: string;
  thumb?: string;
  /** Has a Home PIN. */
  protected?: boolean;
  /** A member of your Plex Home. */
  home?: boolean;
  /** A managed user. */
  restricted?: boolean;
  recommendationsPlaylistId?: string;
  /** The user's sharing settings (v1 carries them as attributes of `<User>`). */
  sharingSettings: SharingSettings;
  servers: PlexUserServer[];
  /** Unmodelled fields, e.g. the undocumented `spencer`. */
  extra: Record<string, unknown>;
}

const SERVER_KNOWN = new Set([
  'id',
  'serverId',
  'machineIdentifier',
  'name',
  'lastSeenAt',
  'numLibraries',
  'allLibraries',
  'owned',
  'pending',
]);

export function decodePlexUserServer(w: Wire, ctx: DecodeContext = {}): PlexUserServer {
  return {
    id: requireInt(w, 'id', ctx),
    serverId: str(w, 'serverId'),
    machineIdentifier: str(w, 'machineIdentifier'),
    name: str(w, 'name'),
    lastSeenAt: date(w, 'lastSeenAt'),
    numLibraries: int(w, 'numLibraries'),
    allLibraries: bool(w, 'allLibraries'),
    owned: bool(w, 'owned'),
    pending: bool(w, 'pending'),
    extra: extras(w, SERVER_KNOWN),
  };
}

const USER_FLAGS = ['protected', 'home', 'restricted'] as const;
const USER_STRINGS = ['title', 'username', 'email', 'thumb', 'recommendationsPlaylistId'] as const;
const USER_KNOWN = new Set<string>([
  ...USER_FLAGS,
  ...USER_STRINGS,
  ...SHARING_FLAGS,
  ...SHARING_FILTERS,
  'allowTuners',
  'id',
  'Server',
]);

/** Decode one `<User>` of `/api/users`. Only a missing `id` (or a server's `id`) is an error. */
export function decodePlexUser(w: Wire, ctx: DecodeContext = {}): PlexUser {
  const v1 = w.repeated('Server');
  const user: PlexUser = {
    id: requireInt(w, 'id', ctx),
    sharingSettings: decodeSharingSettings(w),
    servers: (v1.length > 0 ? v1 : w.objects('Server')).map((s) => decodePlexUserServer(s, ctx)),
    extra: extras(w, USER_KNOWN),
  };
  for (const key of USER_STRINGS) user[key] = str(w, key);
  for (const key of USER_FLAGS) user[key] = bool(w, key);
  return user;
}

/** The server an `Invite` is about. */
export interface InviteServer {
  name?: string;
  numLibraries?: number;
  extra: Record<string, unknown>;
}

/** A pending invitation from the removed v1 lists (`<Invite>`). */
export interface Invite {
  /** A numeric account id, or an e-mail address for invitees without an account: always a string. */
  id: string;
  createdAt?: Date;
  /** The invitation includes friendship. */
  friend?: boolean;
  /** … Plex Home membership. */
  home?: boolean;
  /** … a server share. */
  server?: boolean;
  username?: string;
  email?: string;
  thumb?: string;
  friendlyName?: string;
  /** Absent for home-only invitations. */
  servers: InviteServer[];
  extra: Record<string, unknown>;
}

const INVITE_FLAGS = ['friend', 'home', 'server'] as const;
const INVITE_STRINGS = ['username', 'email', 'thumb', 'friendlyName'] as const;
const INVITE_KNOWN = new Set<string>([...INVITE_FLAGS, ...INVITE_STRINGS, 'id', 'createdAt', 'Server']);
const INVITE_SERVER_KNOWN = new Set(['name', 'numLibraries']);

/** Decode one `<Invite>`. Only a missing `id` is an error. */
export function decodeInvite(w: Wire, ctx: DecodeContext = {}): Invite {
  const invite: Invite = {
    id: requireStr(w, ['id'], ctx),
    createdAt: date(w, 'createdAt'),
    servers: w.repeated('Server').map((s) => ({
      name: str(s, 'name'),
      numLibraries: int(s, 'numLibraries'),
      extra: extras(s, INVITE_SERVER_KNOWN),
    })),
    extra: extras(w, INVITE_KNOWN),
  };
  for (const key of INVITE_STRINGS) invite[key] = str(w, key);
  for (const key of INVITE_FLAGS) invite[key] = bool(w, key);
  return invite;
}
