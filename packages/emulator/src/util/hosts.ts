/**
 * The Plex hosts the emulator answers for besides plex.tv. In process (and through MSW) a request's
 * host name picks that host's behaviour; over HTTP every host is served together on one origin.
 */

export const DISCOVER_HOST = 'discover.provider.plex.tv';
export const METADATA_HOST = 'metadata.provider.plex.tv';
export const COMMUNITY_HOST = 'community.plex.tv';
export const RSS_HOST = 'rss.plex.tv';

/** Which Plex service a host name is, or 'any' for the emulator's own origin (every service at once). */
export type PlexService = 'plex' | 'discover' | 'metadata' | 'community' | 'rss' | 'any';

export function serviceOf(hostname: string): PlexService {
  switch (hostname.toLowerCase()) {
    case DISCOVER_HOST:
      return 'discover';
    case METADATA_HOST:
      return 'metadata';
    case COMMUNITY_HOST:
      return 'community';
    case RSS_HOST:
      return 'rss';
    case 'plex.tv':
    case 'clients.plex.tv':
    case 'www.plex.tv':
      return 'plex';
    default:
      return 'any';
  }
}
