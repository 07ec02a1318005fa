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
