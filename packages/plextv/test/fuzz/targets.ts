/**
 * Everything in plextv's public API that decodes a body: the `parse*` functions, and the endpoint functions
 * whose decoder has no `parse*` twin (webhooks, privacy, opt-outs, geoip, claim token, nonce, JWT, …), which
 * are called against a scripted fetch that answers the fuzzed body.
 */
import type * as Plextv from 'plextv';
import type { Family } from './corpus.js';

export type Lib = typeof Plextv;

export interface Target {
  name: string;
  /** `parse`: a parse* function; `endpoint`: an endpoint function over a scripted fetch; `string`: not a body. */
  kind: 'parse' | 'endpoint' | 'string';
  /** Returns JSON as parsed (claims, JWKs, a raw query): `1e400` is Infinity there by JSON.parse's rules. */
  raw?: boolean;
  /** Which seeds fit this decoder best (the others are still fed to it, less often). */
  families: readonly Family[];
  /** Decode `body`; `aux` is a per-case random number (an HTTP status, an option). */
  run(body: string, contentType: string | undefined, aux: number): Promise<unknown>;
  /** Whether a thrown value is a typed answer (default: `DecodeError`). Anything else is a failure. */
  expected(error: unknown): boolean;
}

export const CONTENT_TYPES: readonly (string | undefined)[] = [
  undefined,
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/xml',
  'text/xml; charset=utf-8',
  'text/plain',
  'text/html',
  'application/octet-stream',
  '',
];

const ERROR_STATUSES = [400, 401, 403, 404, 409, 410, 422, 429, 500, 502, 503, 504];

/** The scripted plex.tv: every request gets the current body. */
class FakePlexTv {
  body = '';
  contentType: string | undefined;
  status = 200;
  retryAfter: string | undefined;
  readonly fetch = async (): Promise<Response> => {
    const headers = new Headers();
    if (this.contentType !== undefined) headers.set('content-type', this.contentType);
    if (this.retryAfter !== undefined) headers.set('retry-after', this.retryAfter);
    return new Response(this.body, { status: this.status, headers });
  };
}

/** `Retry-After` values sent with the error statuses. */
const RETRY_AFTER: readonly (string | undefined)[] = [
  undefined,
  '120',
  '0',
  '1.5',
  '-1',
  'NaN',
  '1e400',
  '9'.repeat(400),
  'Wed, 21 Oct 2015 07:28:00 GMT',
  'Fri, 31 Dec 9999 23:59:59 GMT',
  'soon',
];

/**
 * Broken decoders, to check that the harness catches each kind of failure (`--selftest`): a TypeError, a slow
 * body, a promise that never settles, prototype pollution, an expanded entity, an Invalid Date and, with
 * `hang`, a synchronous infinite loop (only a watchdog outside the thread can stop that one).
 */
export function selftestTargets(lib: Lib, hang: boolean): Target[] {
  const t = (name: string, run: Target['run']): Target => ({
    name: `selftest:${name}`,
    kind: 'parse',
    families: ['account'],
    run,
    expected: (e) => e instanceof lib.DecodeError,
  });
  const every = (aux: number, n: number) => aux % n === 0;
  const targets = [
    t('ok', (body, contentType) => lib.parsePin(body, contentType === undefined ? {} : { contentType })),
    t('throw', async (_b, _c, aux) => {
      if (every(aux, 10)) throw new TypeError('selftest: not a DecodeError');
      throw new lib.DecodeError('selftest: fine');
    }),
    t('slow', async (_b, _c, aux) => {
      const until = performance.now() + (every(aux, 25) ? 400 : 0);
      while (performance.now() < until) {
        // busy
      }
    }),
    t('never', (_b, _c, aux) => (every(aux, 10) ? new Promise(() => {}) : Promise.resolve())),
    t('pollute', async (_b, _c, aux) => {
      if (every(aux, 10)) (Object.prototype as Record<string, unknown>).polluted = 'yes';
    }),
    t('entity', async (body) => ({ title: /<!ENTITY/.test(body) ? 'FUZZXXE' : 'x' })),
    t('invalid-number', async (_b, _c, aux) => ({ size: every(aux, 10) ? Number.NaN : 1 })),
  ];
  if (hang) {
    targets.push(
      t('hang', async (_b, _c, aux) => {
        if (every(aux, 50)) for (;;) {}
      }),
    );
  }
  return targets;
}

/** Every decoder target, bound to `lib` (the built `plextv`). */
export async function makeTargets(lib: Lib): Promise<Target[]> {
  const plex = new FakePlexTv();
  const client = lib.createClient({
    clientIdentifier: 'fuzz-client',
    product: 'fuzz',
    token: 'fuzz-token',
    fetch: plex.fetch as typeof fetch,
    retry: false,
    timeout: 60_000,
  });
  const deviceKey = await lib.generateDeviceKey();
  const isDecodeError = (e: unknown) => e instanceof lib.DecodeError;
  const never = () => false;
  // A GraphQL `errors` answer is a typed GraphQLError: as fine an answer as a DecodeError.
  const isGraphQl = (e: unknown) => e instanceof lib.DecodeError || e instanceof lib.GraphQLError;

  const parse = (
    name: string,
    families: readonly Family[],
    fn: (text: string, options: { contentType?: string }) => Promise<unknown>,
  ): Target => ({
    name,
    kind: 'parse',
    families,
    run: (body, contentType) => fn(body, contentType === undefined ? {} : { contentType }),
    expected: isDecodeError,
  });

  const endpoint = (
    name: string,
    families: readonly Family[],
    call: (c: typeof client) => Promise<unknown>,
    expected: (e: unknown) => boolean = isDecodeError,
    status: (aux: number) => number = () => 200,
  ): Target => ({
    name,
    kind: 'endpoint',
    families,
    run: (body, contentType, aux) => {
      plex.body = body;
      plex.contentType = contentType;
      plex.status = status(aux);
      plex.retryAfter = plex.status === 200 ? undefined : RETRY_AFTER[(aux >>> 8) % RETRY_AFTER.length];
      return call(client);
    },
    expected,
  });

  const pure = (name: string, families: readonly Family[], fn: (text: string) => unknown): Target => ({
    name,
    kind: 'string',
    families,
    run: async (body) => fn(body),
    expected: never,
  });

  return [
    // parse* functions
    parse('parseUserPlexAccount', ['account'], (t, o) => lib.parseUserPlexAccount(t, o)),
    parse('parseUserPlexAccount(requireToken)', ['account'], (t, o) =>
      lib.parseUserPlexAccount(t, { ...o, requireToken: true }),
    ),
    parse('parsePin', ['pin'], (t, o) => lib.parsePin(t, o)),
    parse('parseResources', ['resources'], (t, o) => lib.parseResources(t, o)),
    parse('parseDevices', ['devices'], (t, o) => lib.parseDevices(t, o)),
    parse('parseHomeUsers', ['homeUsers'], (t, o) => lib.parseHomeUsers(t, o)),
    parse('parseHome', ['home'], (t, o) => lib.parseHome(t, o)),
    parse('parseSharedUsers', ['users'], (t, o) => lib.parseSharedUsers(t, o)),
    parse('parseFriends', ['friends'], (t, o) => lib.parseFriends(t, o)),
    parse('parseInvites', ['invites'], (t, o) => lib.parseInvites(t, o)),
    parse('parseSharingServer', ['sharingServer'], (t, o) => lib.parseSharingServer(t, o)),
    parse('parseSharedServer', ['sharedServer'], (t, o) => lib.parseSharedServer(t, o)),
    parse('parseServerShares', ['sharedServer'], (t, o) => lib.parseServerShares(t, o)),
    parse('parseSyncItems', ['sync'], (t, o) => lib.parseSyncItems(t, o)),
    parse('parseSyncLists', ['sync'], (t, o) => lib.parseSyncLists(t, o)),
    parse('parseServerDownloads', ['downloads'], (t, o) => lib.parseServerDownloads(t, o)),
    parse('parseCloudServer', ['downloads'], (t, o) => lib.parseCloudServer(t, o)),
    parse('findServerDownload(parseServerDownloads)', ['downloads'], async (t, o) => {
      const downloads = await lib.parseServerDownloads(t, o);
      return [lib.findServerDownload(downloads, 'Linux'), lib.findServerDownload(downloads, '__proto__')];
    }),
    // What applications do next with a decoded list: rank a resource's addresses, find an item by name.
    parse('parseDiscoverItems', ['discover'], (t, o) => lib.parseDiscoverItems(t, o)),
    parse('parseWatchlistPage', ['discover'], (t, o) => lib.parseWatchlistPage(t, o)),
    parse('parseDiscoverSearch', ['discover'], (t, o) => lib.parseDiscoverSearch(t, o)),
    parse('parseUserState', ['userState'], (t, o) => lib.parseUserState(t, o)),
    parse('parseWatchlistFeeds', ['community'], (t, o) => lib.parseWatchlistFeeds(t, o)),
    parse('parseWatchlistFeed', ['community'], (t, o) => lib.parseWatchlistFeed(t, o)),
    {
      ...parse('parseCommunityFriends', ['community'], (t, o) => lib.parseCommunityFriends(t, o)),
      expected: isGraphQl,
    },
    {
      ...parse('parseFriendWatchlist', ['community'], (t, o) => lib.parseFriendWatchlist(t, o)),
      expected: isGraphQl,
    },
    // Anything these throw on a decoded value is a failure (DecodeError can only come from the parse).
    parse('planConnections(parseResources)', ['resources'], async (t, o) => {
      const resources = await lib.parseResources(t, o);
      for (const r of resources) {
        lib.planConnections(r);
        lib.rankConnections(r, { preferLocal: 'auto', unownedLocal: true, ignoreHttpsRequired: true });
      }
      return [lib.findResource(resources, resources[0]?.name ?? 'x'), resources.length];
    }),
    parse('findDevice(parseDevices)', ['devices'], async (t, o) => {
      const devices = await lib.parseDevices(t, o);
      return [lib.findDevice(devices, devices[0]?.name ?? 'x'), lib.findDevice(devices, '__proto__')];
    }),
    parse('formatSharingFilter(parseFriends)', ['friends'], async (t, o) => {
      const friends = await lib.parseFriends(t, o);
      return friends.map((f) => {
        const s = f.sharingSettings as Record<string, unknown> | undefined;
        return Object.values(s ?? {})
          .filter((v): v is string => typeof v === 'string')
          .map((v) => lib.formatSharingFilter(lib.readSharingFilter(v)));
      });
    }),
    // string decoders that never throw
    pure('readSharingFilter', ['filter'], (t) => lib.formatSharingFilter(lib.readSharingFilter(t))),
    { ...pure('readPlexJwt', ['jwt'], (t) => lib.readPlexJwt(t)), raw: true },
    pure('plexJwtExpiry', ['jwt'], (t) => lib.plexJwtExpiry(t)),
    // endpoints, through the scripted fetch
    endpoint('getUser', ['account'], (c) => lib.getUser(c)),
    endpoint('getHomeUser', ['account'], (c) => lib.getHomeUser(c)),
    endpoint('signIn', ['account'], (c) => lib.signIn(c, { login: 'fuzz@example.com', password: 'pw' })),
    endpoint('switchHomeUser', ['account'], (c) => lib.switchHomeUser(c, 'member-uuid')),
    endpoint('MyPlexAccount.connect', ['account'], (c) =>
      new lib.MyPlexAccount({ client: c, token: 'fuzz-token' }).connect(),
    ),
    {
      ...endpoint('MyPlexAccount.query', ['other', 'account', 'devices'], (c) =>
        new lib.MyPlexAccount({ client: c, token: 'fuzz-token' }).query('/api/v2/features'),
      ),
      raw: true,
    },
    endpoint('createPin', ['pin'], (c) => lib.createPin(c)),
    endpoint('checkPin', ['pin'], (c) => lib.checkPin(c, 1234)),
    endpoint('getDevices', ['devices'], (c) => lib.getDevices(c)),
    endpoint('getResources', ['resources'], (c) => lib.getResources(c)),
    endpoint('getWebhooks', ['webhooks'], (c) => lib.getWebhooks(c)),
    endpoint('getPrivacy', ['privacy'], (c) => lib.getPrivacy(c)),
    endpoint('getOnlineMediaSources', ['optOuts'], (c) => lib.getOnlineMediaSources(c, 'account-uuid')),
    endpoint('getViewStateSync', ['viewStateSync'], (c) => lib.getViewStateSync(c)),
    endpoint('getClaimToken', ['claim'], (c) => lib.getClaimToken(c)),
    endpoint('getGeoIp', ['geo'], (c) => lib.getGeoIp(c)),
    endpoint('getPublicIp', ['ip'], (c) => lib.getPublicIp(c)),
    endpoint('ping', ['other'], (c) => lib.ping(c)),
    endpoint('getHome', ['home'], (c) => lib.getHome(c)),
    endpoint('getHomeUsers', ['homeUsers'], (c) => lib.getHomeUsers(c)),
    endpoint('createManagedUser', ['homeUsers'], (c) => lib.createManagedUser(c, { name: 'Kid' })),
    endpoint('getSharedUsers', ['users'], (c) => lib.getSharedUsers(c)),
    endpoint('getFriends', ['friends'], (c) => lib.getFriends(c)),
    endpoint('getPendingInvites', ['friends'], (c) => lib.getPendingInvites(c)),
    endpoint('inviteFriend', ['friends'], (c) => lib.inviteFriend(c, 'friend@example.com')),
    endpoint('acceptInvite', ['friends'], (c) => lib.acceptInvite(c, 42)),
    endpoint('getSharingServer', ['sharingServer'], (c) => lib.getSharingServer(c, 'machine-id')),
    endpoint('shareServer', ['sharedServer'], (c) =>
      lib.shareServer(c, { machineIdentifier: 'machine-id', invitedId: 42, librarySectionIds: [1, 2] }),
    ),
    endpoint('getServerShares', ['sharedServer'], (c) => lib.getServerShares(c, 'machine-id')),
    endpoint('getAccountV1', ['account'], (c) => lib.getAccountV1(c)),
    endpoint('getAccountV1(xml)', ['account'], (c) => lib.getAccountV1(c, { xml: true })),
    endpoint('getResourcesV1', ['resources'], (c) => lib.getResourcesV1(c)),
    endpoint('getAcceptedShares', ['sharedServer'], (c) => lib.getAcceptedShares(c)),
    endpoint('getPendingShareInvites', ['sharedServer', 'friends'], (c) => lib.getPendingShareInvites(c)),
    endpoint('getServer', ['sharingServer'], (c) => lib.getServer(c, 'machine-id')),
    endpoint('getWatchlist', ['discover'], (c) => lib.getWatchlist(c, { etag: 'W/"1"' })),
    endpoint('getMetadata', ['discover'], (c) => lib.getMetadata(c, '5d776b59ad5437001f79c6f8')),
    endpoint('searchDiscover', ['discover'], (c) => lib.searchDiscover(c, 'heat')),
    endpoint('getUserState', ['userState'], (c) => lib.getUserState(c, '5d776b59ad5437001f79c6f8')),
    endpoint('onWatchlist', ['userState'], (c) => lib.onWatchlist(c, '5d776b59ad5437001f79c6f8')),
    endpoint(
      'getFriendWatchlist',
      ['community'],
      (c) => lib.getFriendWatchlist(c, 'ecdb6a50230e2115'),
      isGraphQl,
    ),
    endpoint('getFriendsWatchlists', ['community'], (c) => lib.getFriendsWatchlists(c), isGraphQl),
    endpoint('getWatchlistFeeds', ['community'], (c) => lib.getWatchlistFeeds(c)),
    endpoint('getNonce', ['nonce'], (c) => lib.getNonce(c)),
    endpoint('fetchPlexJwt', ['nonce', 'token'], (c) => lib.fetchPlexJwt(c, deviceKey)),
    { ...endpoint('getPlexJwtKeys', ['keys'], (c) => lib.getPlexJwtKeys(c)), raw: true },
    // An error status with a fuzzed error body: any typed PlexTvError is a fine answer, nothing else is.
    endpoint(
      'errorStatus(getUser)',
      ['error'],
      (c) => lib.getUser(c),
      (e) => e instanceof lib.PlexTvError,
      (aux) => ERROR_STATUSES[aux % ERROR_STATUSES.length]!,
    ),
    endpoint(
      'errorStatus(checkPin)',
      ['error', 'pin'],
      (c) => lib.checkPin(c, 1),
      (e) => e instanceof lib.PlexTvError,
      (aux) => ERROR_STATUSES[aux % ERROR_STATUSES.length]!,
    ),
  ];
}
