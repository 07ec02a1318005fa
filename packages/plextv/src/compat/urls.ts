/** The URL constants of @ctrl/plex 3.x's `MyPlexAccount`, pointing at the endpoints plex.tv still serves. */
import { DEFAULT_BASE_URL, DEFAULT_CLIENTS_BASE_URL } from '../options.js';

/** plex.tv endpoints, relative to its base URL. */
export const PATHS = {
  EXISTINGUSER: '/api/home/users?invitedEmail={username}',
  FRIENDINVITE: '/api/v2/shared_servers',
  FRIENDSERVERS: '/api/v2/shared_servers/{serverId}',
  FRIENDUPDATE: '/api/v2/sharings/{userId}',
  HOMEUSERCREATE: '/api/home/users?title={title}',
  PLEXSERVERS: '/api/servers/{machineId}',
  REMOVEHOMEUSER: '/api/home/users/{userId}',
  REMOVEINVITE: '/api/v2/friends/invite?identifier={userId}',
  REQUESTED: '/api/v2/friends/invites/sent/pending',
  REQUESTS: '/api/v2/friends/invites/received/pending',
  SIGNIN: '/api/v2/users/signin',
  WEBHOOKS: '/api/v2/user/webhooks',
  key: '/api/v2/user',
} as const;

export const at = (base: string, path: string) => base.replace(/\/+$/, '') + path;

export type UrlName = Exclude<keyof typeof PATHS, 'key'>;

/** Every constant on plex.tv at `plexTv`; `FRIENDSERVERS` on the client API host (`clients`). */
export function urlsAt(plexTv: string, clients: string): Record<UrlName | 'key', string> {
  const out = {} as Record<UrlName | 'key', string>;
  for (const [name, path] of Object.entries(PATHS) as Array<[UrlName | 'key', string]>) {
    out[name] = at(name === 'FRIENDSERVERS' ? clients : plexTv, path);
  }
  return out;
}

/** The constants on plex.tv itself (the class's statics). */
export const DEFAULT_URLS = urlsAt(DEFAULT_BASE_URL, DEFAULT_CLIENTS_BASE_URL);

/** One constant on plex.tv (a call marked pure: a bundler may drop the class that reads it when nothing uses it). */
const defaultUrl = (name: UrlName): string => DEFAULT_URLS[name];

/**
 * The URL constants, as statics (on plex.tv) and as instance fields (on the account's own base URL, set by
 * `MyPlexAccount`'s constructor). A base class so the account class itself stays about the account.
 */
export class MyPlexUrls {
  /**
   * The endpoints plextv uses, on https://plex.tv. The v1 invite and friend URLs of @ctrl/plex answer 410 Gone
   * today, so these point at their replacements. Instances carry the same names on their own base URL.
   * `FRIENDSERVERS` (change or remove one share) is on https://clients.plex.tv, where Plex Web sends it.
   */
  static readonly EXISTINGUSER = /* @__PURE__ */ defaultUrl('EXISTINGUSER');
  static readonly FRIENDINVITE = /* @__PURE__ */ defaultUrl('FRIENDINVITE');
  static readonly FRIENDSERVERS = /* @__PURE__ */ defaultUrl('FRIENDSERVERS');
  static readonly FRIENDUPDATE = /* @__PURE__ */ defaultUrl('FRIENDUPDATE');
  static readonly HOMEUSERCREATE = /* @__PURE__ */ defaultUrl('HOMEUSERCREATE');
  static readonly PLEXSERVERS = /* @__PURE__ */ defaultUrl('PLEXSERVERS');
  static readonly REMOVEHOMEUSER = /* @__PURE__ */ defaultUrl('REMOVEHOMEUSER');
  static readonly REMOVEINVITE = /* @__PURE__ */ defaultUrl('REMOVEINVITE');
  static readonly REQUESTED = /* @__PURE__ */ defaultUrl('REQUESTED');
  static readonly REQUESTS = /* @__PURE__ */ defaultUrl('REQUESTS');
  static readonly SIGNIN = /* @__PURE__ */ defaultUrl('SIGNIN');
  static readonly WEBHOOKS = /* @__PURE__ */ defaultUrl('WEBHOOKS');

  declare readonly EXISTINGUSER: string;
  declare readonly FRIENDINVITE: string;
  declare readonly FRIENDSERVERS: string;
  declare readonly FRIENDUPDATE: string;
  declare readonly HOMEUSERCREATE: string;
  declare readonly PLEXSERVERS: string;
  declare readonly REMOVEHOMEUSER: string;
  declare readonly REMOVEINVITE: string;
  declare readonly REQUESTED: string;
  declare readonly REQUESTS: string;
  declare readonly SIGNIN: string;
  declare readonly WEBHOOKS: string;
  /** The account URL. */
  declare readonly key: string;
}
