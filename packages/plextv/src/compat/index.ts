/**
 * plextv/compat: `MyPlexAccount`, the @ctrl/plex 3.x class (also exported from `plextv`), with its option and
 * value types.
 * @packageDocumentation
 */

export type { MyPlexSearchDiscoverOptions, MyPlexWatchlistOptions } from './discover.js';
export { MyPlexAccount } from './my-plex-account.js';
export type * from './types.js';
