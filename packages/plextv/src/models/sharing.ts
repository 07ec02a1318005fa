/**
 * Sharing: what a friend may do (`SharingSettings`, with its filter strings), a server's library sections as
 * plex.tv numbers them (`SharingServer`, `LibrarySection`), one share of a server with one user
 * (`SharedServer`), and the v2 friend (`Friend`).
 *
 * v1 XML and v2 JSON decode to the same models: `GET /api/servers/{machineId}` (`<Server><Section/></Server>`)
 * and `GET /api/v2/servers/{machineId}` (`{…, librarySections: […]}`); v1 `<SharedServer><Section/>` and
 * v2 `{…, libraries: […]}`.
 */
import { DecodeError } from '../errors.js';
import { toStrList } from '../wire/values.js';
import { extras, type Wire } from '../wire/wire.js';
import type { RestrictionProfile } from './account.js';
import { bool, type DecodeContext, date, int, requireInt, requireStr, str } from './read.js';

// ---- Sharing settings and filters ----

/**
 * Live TV & DVR access: `0` none, `1` and `2` are the two access levels plex.tv offers (2 is the wider one).
 * An integer enum, not a flag: plex.tv sends `2` in XML and JSON alike. Open for values plex.tv may add.
 */
export type AllowTuners = 0 | 1 | 2 | (number & {});

/**
 * What a friend or managed user may do on your servers. Filters are kept raw, exactly as plex.tv stores them
 * (URL-encoded, e.g. `contentRating=G%2CPG|label=kids`); `readSharingFilter` reads one.
 */
export interface SharingSettings {
  allowSync?: boolean;
  allowCameraUpload?: boolean;
  allowChannels?: boolean;
  allowSubtitleAdmin?: boolean;
  /** `0`, `1` or `2`: an enum, not a boolean. */
  allowTuners?: AllowTuners;
  filterMovies?: string;
  filterMusic?: string;
  filterTelevision?: string;
  filterPhotos?: string;
  filterAll?: string;
}

export const SHARING_FLAGS = [
  'allowSync',
  'allowCameraUpload',
  'allowChannels',
  'allowSubtitleAdmin',
] as const;
export const SHARING_FILTERS = [
  'filterMovies',
  'filterMusic',
  'filterTelevision',
  'filterPhotos',
  'filterAll',
] as const;
const SETTINGS_KNOWN = new Set<string>([...SHARING_FLAGS, ...SHARING_FILTERS, 'allowTuners']);

/** Decode sharing settings from a v2 `sharingSettings` object or from the attributes of a v1 element. */
export function decodeSharingSettings(w: Wire): SharingSettings {
  const settings: SharingSettings = { allowTuners: int(w, 'allowTuners') };
  for (const key of SHARING_FLAGS) settings[key] = bool(w, key);
  for (const key of SHARING_FILTERS) settings[key] = str(w, key);
  return settings;
}

/** Whether `w` carries any sharing-settings field (v1 elements carry them inline). */
export function hasSharingSettings(w: Wire): boolean {
  return w.keys().some((k) => SETTINGS_KNOWN.has(k));
}

/**
 * A filter string, read: `contentRating=G%2CPG|label=kids&contentRating!=R` →
 * `{ contentRating: ['G', 'PG'], label: ['kids'], excludeContentRating: ['R'], … }`.
 */
export interface SharingFilter {
  /** `contentRating=`: only these ratings. */
  contentRating: string[];
  /** `contentRating!=`: never these ratings. */
  excludeContentRating: string[];
  /** `label=`: only items with these labels. */
  label: string[];
  /** `label!=`: never items with these labels. */
  excludeLabel: string[];
  /** Keys plex.tv may add, as found. */
  other: Record<string, string[]>;
}

const FILTER_KEYS: Record<string, keyof Omit<SharingFilter, 'other'>> = {
  contentRating: 'contentRating',
  'contentRating!': 'excludeContentRating',
  label: 'label',
  'label!': 'excludeLabel',
};

const decodePart = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

/**
 * Read a filter string as plex.tv stores it: `|`- or `&`-separated `key=value` pairs, URL-encoded, values
 * comma-separated (commas encoded as `%2C`). Blank or absent gives an empty filter. Never throws.
 */
export function readSharingFilter(filter: string | null | undefined): SharingFilter {
  const out: SharingFilter = {
    contentRating: [],
    excludeContentRating: [],
    label: [],
    excludeLabel: [],
    other: {},
  };
  if (typeof filter !== 'string') return out;
  for (const pair of filter.split(/[|&]/)) {
    if (pair.trim() === '') continue;
    const eq = pair.indexOf('=');
    const key = decodePart(eq === -1 ? pair : pair.slice(0, eq));
    const values = decodePart(eq === -1 ? '' : pair.slice(eq + 1))
      .split(',')
      .filter((v) => v !== '');
    const known = Object.hasOwn(FILTER_KEYS, key) ? FILTER_KEYS[key] : undefined;
    if (known) out[known].push(...values);
    else if (Object.hasOwn(out.other, key)) out.other[key]!.push(...values);
    else
      Object.defineProperty(out.other, key, {
        value: values,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

/** encodeURIComponent that cannot throw: a lone surrogate (possible in JSON text) becomes U+FFFD. */
function encodeText(text: string): string {
  return encodeURIComponent(
    text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
}

/** Write a filter in plex.tv's format (the inverse of `readSharingFilter`); an empty filter gives `""`. */
export function formatSharingFilter(filter: Partial<SharingFilter>): string {
  const pieces: string[] = [];
  const add = (key: string, values: readonly string[] | undefined) => {
    if (values && values.length > 0) pieces.push(`${key}=${values.map(encodeText).join('%2C')}`);
  };
  for (const [wire, field] of Object.entries(FILTER_KEYS)) add(wire, filter[field]);
  for (const [key, values] of Object.entries(filter.other ?? {})) add(encodeText(key), values);
  return pieces.join('|');
}

// ---- Library sections and the server they belong to ----

/** A library section of a server, as plex.tv numbers it for sharing. */
export interface LibrarySection {
  /**
   * plex.tv's id for the section: what `shareServer`'s `librarySectionIds` takes. Numeric on the wire; kept a
   * string because it is only ever an identifier.
   */
  id: string;
  /** The section's key on the server (`/library/sections/{key}`). */
  key?: number;
  title?: string;
  /** `movie`, `show`, `artist`, `photo`, … */
  type?: string;
  /** v1 `<SharedServer>` sections: whether this section is in the share. */
  shared?: boolean;
  extra: Record<string, unknown>;
}

const SECTION_KNOWN = new Set(['id', 'key', 'title', 'type', 'shared']);

export function decodeLibrarySection(w: Wire, ctx: DecodeContext = {}): LibrarySection {
  return {
    id: requireStr(w, ['id'], ctx),
    key: int(w, 'key'),
    title: str(w, 'title'),
    type: str(w, 'type'),
    shared: bool(w, 'shared'),
    extra: extras(w, SECTION_KNOWN),
  };
}

/** v1 `<Section>` children, else v2 `librarySections[]` / `libraries[]`. */
function sectionsOf(w: Wire, v2key: string): Wire[] {
  const v1 = w.repeated('Section');
  return v1.length > 0 ? v1 : w.objects(v2key);
}

/** A server as plex.tv describes it for sharing: its addresses and library sections. */
export interface SharingServer {
  machineIdentifier: string;
  name?: string;
  /** Public address. */
  address?: string;
  port?: number;
  version?: string;
  /** `http` / `https`. */
  scheme?: string;
  /** v1 only. */
  host?: string;
  /** LAN addresses (plex.tv sends them comma-separated). */
  localAddresses: string[];
  createdAt?: Date;
  updatedAt?: Date;
  owned?: boolean;
  synced?: boolean;
  librarySections: LibrarySection[];
  extra: Record<string, unknown>;
}

const SERVER_KNOWN = new Set([
  'machineIdentifier',
  'name',
  'address',
  'port',
  'version',
  'scheme',
  'host',
  'localAddresses',
  'createdAt',
  'updatedAt',
  'owned',
  'synced',
  'librarySections',
  'Section',
]);

/** Decode a server: the v2 JSON object, or the v1 `<Server>` element. Only a missing `machineIdentifier` is an error. */
export function decodeSharingServer(w: Wire, ctx: DecodeContext = {}): SharingServer {
  return {
    machineIdentifier: requireStr(w, ['machineIdentifier'], ctx),
    name: str(w, 'name'),
    address: str(w, 'address'),
    port: int(w, 'port'),
    version: str(w, 'version'),
    scheme: str(w, 'scheme'),
    host: str(w, 'host'),
    localAddresses: toStrList(w.plain('localAddresses')),
    createdAt: date(w, 'createdAt'),
    updatedAt: date(w, 'updatedAt'),
    owned: bool(w, 'owned'),
    synced: bool(w, 'synced'),
    librarySections: sectionsOf(w, 'librarySections').map((s) => decodeLibrarySection(s, ctx)),
    extra: extras(w, SERVER_KNOWN),
  };
}

/** The server in a servers body: v1 `<MediaContainer><Server/></MediaContainer>`, or the v2 object itself. */
export function sharingServerWire(w: Wire): Wire {
  return w.repeated('Server')[0] ?? w.object('Server') ?? w;
}

// ---- Friends ----

/** Where a friendship stands. Open: plex.tv may add others. */
export type FriendStatus = 'accepted' | 'pending' | 'pending_sent' | 'pending_received' | (string & {});

/** A friend, a managed user, or a pending invite, as `/api/v2/friends` and the invite calls return them. */
export interface Friend {
  /** The friend's Plex account id: what `removeFriend`, `acceptInvite` and `updateSharingSettings` take. */
  id: number;
  uuid: string;
  title?: string;
  /** Undefined for managed users. */
  username?: string;
  /** Undefined for managed users (and for pending invites plex.tv hides it from). */
  email?: string;
  friendlyName?: string;
  thumb?: string;
  /** A managed user. */
  restricted?: boolean;
  /** A member of your Plex Home. */
  home?: boolean;
  /** Sent for home users only. */
  restrictionProfile?: RestrictionProfile;
  status?: FriendStatus;
  /** When the friendship was accepted (`POST /api/v2/friends/{id}/accept`). */
  friendshipCreatedAt?: Date;
  sharingSettings?: SharingSettings;
  /** Your servers shared with this friend (each with its libraries). */
  sharedServers: SharedServer[];
  /** Single-item shares; only ever seen empty. Raw. */
  sharedSources: unknown[];
  extra: Record<string, unknown>;
}

const FRIEND_FLAGS = ['restricted', 'home'] as const;
const FRIEND_STRINGS = [
  'title',
  'username',
  'email',
  'friendlyName',
  'thumb',
  'restrictionProfile',
  'status',
] as const;
const FRIEND_KNOWN = new Set<string>([
  ...FRIEND_FLAGS,
  ...FRIEND_STRINGS,
  'id',
  'uuid',
  'friendshipCreatedAt',
  'sharingSettings',
  'sharedServers',
  'sharedSources',
]);

/** Decode one v2 friend. Only a missing `id` or `uuid` is an error. */
export function decodeFriend(w: Wire, ctx: DecodeContext = {}): Friend {
  const friend: Friend = {
    id: requireInt(w, 'id', ctx),
    uuid: requireStr(w, ['uuid'], ctx),
    friendshipCreatedAt: date(w, 'friendshipCreatedAt'),
    sharedServers: w.objects('sharedServers').map((s) => decodeSharedServer(s, ctx)),
    sharedSources: plainList(w, 'sharedSources'),
    extra: extras(w, FRIEND_KNOWN),
  };
  for (const key of FRIEND_STRINGS) friend[key] = str(w, key);
  for (const key of FRIEND_FLAGS) friend[key] = bool(w, key);
  const settings = w.object('sharingSettings');
  if (settings) friend.sharingSettings = decodeSharingSettings(settings);
  return friend;
}

function plainList(w: Wire, key: string): unknown[] {
  const raw = w.plain(key);
  if (Array.isArray(raw)) return raw;
  return raw === undefined || raw === null ? [] : [raw];
}

// ---- One share of one server ----

/**
 * One of your servers shared with one user: the v2 object (`POST /api/v2/shared_servers`, `sharedServers[]`
 * of a friend) or the v1 `<SharedServer>` element. v1's `userID` is `invitedId`, and its inline
 * `allowSync`/`allowCameraUpload`/`allowChannels` become `sharingSettings`.
 */
export interface SharedServer {
  /** The share's id: what `updateShare` and `removeShare` take. */
  id: number;
  /** The server's name. */
  name?: string;
  machineIdentifier?: string;
  /** plex.tv's id for the server; a string (ids like `000001` keep their zeros). */
  serverId?: string;
  /** The server owner's account id. */
  ownerId?: number;
  /** The invited user's account id (v1 `userID`). */
  invitedId?: number;
  /** The address invited, for invites to people without an account. */
  invitedEmail?: string;
  /** v1: the invited user's name and address. */
  username?: string;
  email?: string;
  /** v2: the invited user. */
  invited?: Friend;
  accepted?: boolean;
  acceptedAt?: Date;
  /** v1. */
  invitedAt?: Date;
  deletedAt?: Date;
  leftAt?: Date;
  lastSeenAt?: Date;
  owned?: boolean;
  numLibraries?: number;
  /** Every library is shared (then `libraries` may still list them). */
  allLibraries?: boolean;
  /** The invitation's token. A secret: never log it. */
  inviteToken?: string;
  /** v1: the invited user's token for this server. A secret: never log it. */
  accessToken?: string;
  sharingSettings?: SharingSettings;
  libraries: LibrarySection[];
  extra: Record<string, unknown>;
}

const SHARED_FLAGS = ['accepted', 'owned', 'allLibraries'] as const;
const SHARED_STRINGS = [
  'name',
  'machineIdentifier',
  'serverId',
  'invitedEmail',
  'username',
  'email',
  'inviteToken',
  'accessToken',
] as const;
const SHARED_DATES = ['acceptedAt', 'invitedAt', 'deletedAt', 'leftAt', 'lastSeenAt'] as const;
const SHARED_KNOWN = new Set<string>([
  ...SHARED_FLAGS,
  ...SHARED_STRINGS,
  ...SHARED_DATES,
  ...SHARING_FLAGS,
  ...SHARING_FILTERS,
  'allowTuners',
  'id',
  'ownerId',
  'invitedId',
  'userID',
  'numLibraries',
  'invited',
  'sharingSettings',
  'libraries',
  'Section',
]);

/** Decode one share. Only a missing `id` is an error. */
export function decodeSharedServer(w: Wire, ctx: DecodeContext = {}): SharedServer {
  const share: SharedServer = {
    id: requireInt(w, 'id', ctx),
    ownerId: int(w, 'ownerId'),
    invitedId: int(w, 'invitedId', 'userID'),
    numLibraries: int(w, 'numLibraries'),
    libraries: sectionsOf(w, 'libraries').map((s) => decodeLibrarySection(s, ctx)),
    extra: extras(w, SHARED_KNOWN),
  };
  for (const key of SHARED_STRINGS) share[key] = str(w, key);
  for (const key of SHARED_FLAGS) share[key] = bool(w, key);
  for (const key of SHARED_DATES) share[key] = date(w, key);
  const settings = w.object('sharingSettings');
  if (settings) share.sharingSettings = decodeSharingSettings(settings);
  else if (hasSharingSettings(w)) share.sharingSettings = decodeSharingSettings(w);
  const invited = w.object('invited');
  if (invited) {
    // An invitee without an account id/uuid must not sink the whole share: keep it raw instead.
    try {
      share.invited = decodeFriend(invited, ctx);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      share.extra.invited = w.plain('invited');
    }
  }
  return share;
}
