/** The option and value types of `MyPlexAccount` (published as `plextv/compat`). */
import type { PlexTvClient } from '../client.js';
import type { SharingSettingsInput } from '../endpoints/sharing.js';
import type { RestrictionProfile } from '../models/account.js';
import type { LibrarySection } from '../models/sharing.js';
import type { ClientOptions } from '../options.js';

/** A started web sign-in: show `uri` to the user, then `webLoginCheck()` it. */
export interface WebLogin {
  id: number;
  code: string;
  uri: string;
}

/** A server: its machine identifier, or an object carrying it (a PMS object, or a `PlexResource`). */
export type MyPlexServerRef = string | { machineIdentifier: string } | { clientIdentifier: string };

/** What to share: a server, and which of its sections (titles, keys or section ids; all by default). */
export interface MyPlexShareOptions {
  server: MyPlexServerRef;
  sections?: ReadonlyArray<string | number | LibrarySection>;
  settings?: SharingSettingsInput;
}

/** `MyPlexShareOptions` with the server optional (no server: nothing is shared). */
export type MyPlexShareOptionsOptional = Partial<MyPlexShareOptions>;

/** Options of `createHomeUser`. */
export interface MyPlexHomeUserOptions extends MyPlexShareOptionsOptional {
  restrictionProfile?: RestrictionProfile;
}

/** Options of `updateFriend`. */
export interface MyPlexUpdateFriendOptions extends MyPlexShareOptionsOptional {
  /** Stop sharing `server` with them. */
  removeSections?: boolean;
}

/** The options-object form of the constructor. */
export interface MyPlexAccountOptions {
  /** Your Plex Media Server's URL (as in @ctrl/plex; not plex.tv's). */
  baseUrl?: string | null;
  username?: string;
  password?: string;
  /** Two-factor code for `username`/`password` sign-in. */
  code?: string;
  token?: string;
  /** Seconds, for each request. Default 30. */
  timeout?: number;
  /** The Plex server object, when you have one (kept as given). */
  server?: unknown;
  /**
   * plextv client options (client identifier, product, plex.tv base URL, fetch, retry, …), or a client.
   * Without a client identifier a random one is made: pass your stored one, or every run is a "new device".
   */
  client?: Partial<Omit<ClientOptions, 'token'>> | PlexTvClient;
}
