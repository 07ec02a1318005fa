/**
 * The v1 lists: `PlexUser` (`GET /api/users`: friends and home users with the servers shared with each, still
 * the only list that carries the shares) and `Invite` (the old `/api/invites/requested|requests` lists, which
 * plex.tv removed; kept so stored bodies still decode).
 */
import { FieldTable } from '../wire/table.js';
import { extras, type Wire } from '../wire/wire.js';
import { bool, type DecodeContext, date, int, missing, requireStr, str } from './read.js';
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

const SERVER = new FieldTable([
  ['id', 'int'],
  ['serverId', 'str'],
  ['machineIdentifier', 'str'],
  ['name', 'str'],
  ['lastSeenAt', 'date'],
  ['numLibraries', 'int'],
  ['allLibraries', 'bool'],
  ['owned', 'bool'],
  ['pending', 'bool'],
]);

export function decodePlexUserServer(w: Wire, ctx: DecodeContext = {}): PlexUserServer {
  const v = SERVER.read(w);
  if (v[0] === undefined) throw missing(w, 'id', w.get('id'), 'an integer', ctx);
  return {
    id: v[0],
    serverId: v[1],
    machineIdentifier: v[2],
    name: v[3],
    lastSeenAt: v[4],
    numLibraries: v[5],
    allLibraries: v[6],
    owned: v[7],
    pending: v[8],
    extra: v[9],
  };
}

const USER_FLAGS = ['protected', 'home', 'restricted'] as const;
const USER_STRINGS = ['title', 'username', 'email', 'thumb', 'recommendationsPlaylistId'] as const;
const USER = new FieldTable(
  [
    ['id', 'int'],
    ...USER_STRINGS.map((key) => [key, 'str'] as const),
    ...USER_FLAGS.map((key) => [key, 'bool'] as const),
  ],
  // Read by decodeSharingSettings, and the v1 <Server> children.
  [...SHARING_FLAGS, ...SHARING_FILTERS, 'allowTuners', 'Server'],
);

export function decodePlexUser(w: Wire, ctx: DecodeContext = {}): PlexUser {
  const v = USER.read(w);
  if (v[0] === undefined) throw missing(w, 'id', w.get('id'), 'an integer', ctx);
  const v1 = w.repeated('Server');
  return {
    id: v[0],
    sharingSettings: decodeSharingSettings(w),
    servers: (v1.length > 0 ? v1 : w.objects('Server')).map((s) => decodePlexUserServer(s, ctx)),
    extra: v[9],
    title: v[1],
    username: v[2],
    email: v[3],
    thumb: v[4],
    recommendationsPlaylistId: v[5],
    protected: v[6],
    home: v[7],
    restricted: v[8],
  };
}

/** A server offered in a v1 invitation. */
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
