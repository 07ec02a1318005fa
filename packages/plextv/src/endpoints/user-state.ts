/**
 * The user's state of a discover item (watched, progress, rating, on the watchlist) and marking it watched, on
 * the metadata provider (metadata.provider.plex.tv). No capture exists for any of these answers: the shapes are
 * read as python-plexapi reads them (unverified).
 */
import type { PlexTvClient } from '../client.js';
import { decodeUserState, type UserState } from '../models/discover.js';
import type { CallOptions } from '../transport.js';
import { objectOf } from '../wire/body.js';
import type { Wire } from '../wire/wire.js';
import { type BodyDecoder, type ParseOptions, parser } from './body.js';
import { call } from './call.js';
import { type DiscoverItemRef, ratingKeyOf } from './discover.js';
import { route } from './route.js';

/** The `UserState` object of a body: under `MediaContainer.UserState` (array or object), or the body itself. */
function userStateWire(root: Wire): Wire | undefined {
  if (root.format === 'xml')
    return root.repeated('UserState')[0] ?? (root.keys().includes('ratingKey') ? root : undefined);
  const container = root.object('MediaContainer') ?? root;
  return (
    container.objects('UserState')[0] ??
    container.object('UserState') ??
    (container.get('ratingKey') === undefined ? undefined : container)
  );
}

/** `{MediaContainer:{size:1, UserState:[{…}]}}` JSON, `<MediaContainer><UserState …/></MediaContainer>` XML (unverified). */
const USER_STATE: BodyDecoder<UserState, { ratingKey?: string }> = {
  field: 'userState',
  expected: 'a UserState',
  read: (body, ctx) => {
    const root = objectOf(body, 'userState');
    const w = root === undefined ? undefined : userStateWire(root);
    return w === undefined ? undefined : decodeUserState(w, ctx);
  },
};

const GET_USER_STATE = route('getUserState', 'GET /library/metadata/{ratingKey}/userState', {
  host: 'metadata',
  params: { ratingKey: "an item's ratingKey (DiscoverItem.ratingKey)" },
  body: USER_STATE,
});

/**
 * The user's state of one item (`GET {metadata}/library/metadata/{ratingKey}/userState`): views, progress,
 * rating, and `watchlistedAt` when it is on the watchlist. **Unverified** shape (no capture).
 */
export async function getUserState(
  client: PlexTvClient,
  item: DiscoverItemRef,
  options: CallOptions = {},
): Promise<UserState> {
  const ratingKey = ratingKeyOf(item, 'getUserState');
  return call(client, GET_USER_STATE, { params: { ratingKey } }, options, { ratingKey });
}

/** Decode a `/userState` body you already have (unverified shape); `ratingKey` fills a missing one. */
export const parseUserState: (
  text: string,
  options?: ParseOptions & { ratingKey?: string },
) => Promise<UserState> = parser(USER_STATE, 'user state');

// python-plexapi sends these as GETs with the library identifier; other apps send
// `tv.plex.provider.metadata` or `tv.plex.provider.discover` (what-apps-call.md row 5). No answer is captured.
const SCROBBLE = route('markWatched', 'GET /actions/scrobble', { host: 'metadata', idempotent: true });
const UNSCROBBLE = route('markUnwatched', 'GET /actions/unscrobble', { host: 'metadata', idempotent: true });
const IDENTIFIER = 'com.plexapp.plugins.library';

/** Options of `markWatched` / `markUnwatched`. */
export interface ScrobbleOptions extends CallOptions {
  /** The `identifier` sent (default `com.plexapp.plugins.library`, as python-plexapi; some apps send `tv.plex.provider.metadata`). */
  identifier?: string;
}

/**
 * Mark an item watched (`GET {metadata}/actions/scrobble?key=<ratingKey>&identifier=com.plexapp.plugins.library`,
 * as python-plexapi's `markPlayed`). The answer is not read (unverified).
 */
export async function markWatched(
  client: PlexTvClient,
  item: DiscoverItemRef,
  options: ScrobbleOptions = {},
): Promise<void> {
  const key = ratingKeyOf(item, 'markWatched');
  const { identifier = IDENTIFIER, ...callOptions } = options;
  await call(client, SCROBBLE, { query: { key, identifier } }, callOptions);
}

/** Mark an item unwatched (`GET {metadata}/actions/unscrobble`, as `markWatched`). The answer is not read (unverified). */
export async function markUnwatched(
  client: PlexTvClient,
  item: DiscoverItemRef,
  options: ScrobbleOptions = {},
): Promise<void> {
  const key = ratingKeyOf(item, 'markUnwatched');
  const { identifier = IDENTIFIER, ...callOptions } = options;
  await call(client, UNSCROBBLE, { query: { key, identifier } }, callOptions);
}
