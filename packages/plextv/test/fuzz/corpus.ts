/**
 * Seed bodies for the fuzzer: every real plex.tv capture in fixtures/realworld/plextv (see its INDEX.md),
 * tagged with the decoder families it belongs to, plus hand-written seeds for the answers no capture covers
 * (geoip, opt-outs, view-state sync, nonce, JWT keys, error envelopes, filters, JWTs) and hostile seeds
 * (`__proto__`/`constructor`/`prototype` keys and attributes, DOCTYPE/entity bodies).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export type Family =
  | 'account'
  | 'pin'
  | 'resources'
  | 'devices'
  | 'homeUsers'
  | 'home'
  | 'users'
  | 'friends'
  | 'invites'
  | 'sharingServer'
  | 'sharedServer'
  | 'privacy'
  | 'optOuts'
  | 'viewStateSync'
  | 'webhooks'
  | 'claim'
  | 'geo'
  | 'ip'
  | 'nonce'
  | 'token'
  | 'keys'
  | 'error'
  | 'filter'
  | 'jwt'
  | 'sync'
  | 'downloads'
  | 'discover'
  | 'userState'
  | 'community'
  | 'other';

export interface Seed {
  /** Capture path relative to the fixtures directory, or `synthetic:…`. */
  name: string;
  families: readonly Family[];
  text: string;
}

/** Capture path → families (first match wins; unmatched captures are `other`, still used as cross seeds). */
const CAPTURE_FAMILIES: ReadonlyArray<readonly [RegExp, readonly Family[]]> = [
  [/watchlistarr\/(plex-get|rss-feed|watchlist\.json)/, ['community']],
  [/watchlistarr\/|watchlist-empty|metadata-watchlist|library-search/, ['discover']],
  [/signin-401|TestCheckUsernameOrEmail/, ['error']],
  [/switch_user|sign_in|simple_authentication|signin-200|user_info|ACCOUNT_XML|plextv_account/, ['account']],
  [/pin/i, ['pin', 'geo']],
  [/resources|fetch_access_token/, ['resources']],
  [/devices/, ['devices']],
  [/home_users|managed_users/, ['homeUsers', 'home']],
  [/shared_users|users\.rs/, ['users']],
  [/friends|invite_create|accept\.json/, ['friends', 'filter']],
  [/INVITE|InvitedFriends/i, ['invites']],
  [/servers\/machine_id|SectionID/, ['sharingServer']],
  [/shared_server_create|InviteFriendResponse/, ['sharedServer']],
  [/privacy/, ['privacy']],
  [/webhooks/, ['webhooks']],
  [/claim/, ['claim']],
];

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

/** The real captures under `fixturesDir` (fixtures/realworld/plextv), INDEX.md excluded. */
export function loadCaptures(fixturesDir: string): Seed[] {
  const seeds: Seed[] = [];
  for (const path of walk(fixturesDir)) {
    const name = relative(fixturesDir, path);
    if (!/\.(xml|json|jsonc)$/.test(name)) continue;
    const families = CAPTURE_FAMILIES.find(([re]) => re.test(name))?.[1] ?? ['other'];
    seeds.push({ name, families, text: readFileSync(path, 'utf8') });
  }
  return seeds;
}

const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** A JWT-shaped string (unsigned: only `readPlexJwt`/`plexJwtExpiry` read it). */
export const jwtOf = (header: string, payload: string, signature = 'c2lnbmF0dXJl') =>
  `${b64url(header)}.${b64url(payload)}.${signature}`;

/** Marker that must never appear in a decoded value: it only exists inside entity declarations. */
export const ENTITY_MARKER = 'FUZZXXE';

const lol = (n: number) => {
  const lines = [`<!ENTITY lol0 "${ENTITY_MARKER}${ENTITY_MARKER}">`];
  for (let i = 1; i <= n; i++) lines.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return lines.join('\n  ');
};

/** DOCTYPE / entity bodies: each must be refused (DecodeError) or decoded without expanding anything. */
export const ENTITY_SEEDS: readonly string[] = [
  `<?xml version="1.0"?>\n<!DOCTYPE user [\n  ${lol(9)}\n]>\n<user id="1" uuid="u" authToken="t" username="&lol9;" title="&lol9;"/>`,
  `<!DOCTYPE MediaContainer [ ${lol(6)} ]><MediaContainer size="1"><Device name="&lol6;" clientIdentifier="c" id="1"/></MediaContainer>`,
  `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE user [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><user id="1" uuid="u" authToken="t" username="&xxe;">&xxe;</user>`,
  `<!doctype user [<!ENTITY % p "<!ENTITY m '${ENTITY_MARKER}'>"> %p;]><user id="1" uuid="u" authToken="t" email="&m;"/>`,
  `<!-- c --><!DOCTYPE pin [<!ENTITY e "${ENTITY_MARKER}">]><pin id="1" code="&e;"/>`,
  `\uFEFF  <!DOCTYPE resources SYSTEM "http://example.com/x.dtd"><resources><resource clientIdentifier="&e;"/></resources>`,
  `<?xml version="1.0"?>\n<!DOCTYPE\nhome\n[\n<!ENTITY e "${ENTITY_MARKER}">\n]\n>\n<home id="1" name="&e;"/>`,
  `<!DOCTYPE x [<!ENTITY a "&b;"><!ENTITY b "&a;">]><user id="1" uuid="u" authToken="t" title="&a;"/>`,
  `<user id="1" uuid="u" authToken="t" title="&lol9;"/>`,
  `<user id="1" uuid="u" authToken="t" title="&#x${'0'.repeat(50)}41;&#65;&#x1F4A9;&amp;&lt;"/>`,
];

const PROTO_JSON = `{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "prototype": {"polluted": "yes"}}`;

/** Hand-written seeds: the answers without a capture, plus prototype-pollution bait for every family. */
export function syntheticSeeds(): Seed[] {
  const s = (families: readonly Family[], name: string, text: string): Seed => ({
    name: `synthetic:${name}`,
    families,
    text,
  });
  const now = Math.floor(Date.UTC(2030, 0, 1) / 1000);
  return [
    s(
      ['userState'],
      'userState.json',
      `{"MediaContainer":{"size":1,"UserState":[{"ratingKey":"5d776b59ad5437001f79c6f8","type":"movie","viewCount":1,"viewOffset":0,"lastViewedAt":${now},"viewState":"complete","watchlistedAt":${now},"rating":7.5}]}}`,
    ),
    s(
      ['userState'],
      'userState.xml',
      `<MediaContainer size="1"><UserState ratingKey="5d776b59ad5437001f79c6f8" type="show" viewCount="0" viewedLeafCount="3" watchlistedAt="${now}"/></MediaContainer>`,
    ),
    s(
      ['discover'],
      'search.json',
      `{"MediaContainer":{"size":1,"identifier":"tv.plex.provider.discover","SearchResults":[{"id":"external","title":"More Ways To Watch","size":1,"SearchResult":[{"score":0.9,"Metadata":{"ratingKey":"5d776b59ad5437001f79c6f8","guid":"plex://movie/5d776b59ad5437001f79c6f8","type":"movie","title":"Heat","year":1995}}]}]}}`,
    ),
    s(
      ['discover'],
      'metadata-video.xml',
      `<MediaContainer size="2" totalSize="2" offset="0"><Video ratingKey="a1" guid="plex://movie/a1" type="movie" title="A" year="2001"><Guid id="imdb://tt1"/><Genre tag="Drama"/><Role tag="X" role="Y"/><Rating image="imdb://image.rating" type="audience" value="7.1"/></Video><Directory ratingKey="b2" guid="plex://show/b2" type="show" title="B"/></MediaContainer>`,
    ),
    s(
      ['community'],
      'graphql-private.json',
      `{"errors":[{"message":"User not found: User privacy prevents viewing","path":["user"]}],"data":null}`,
    ),
    s(
      ['geo'],
      'geoip.json',
      `{"code":"GB","continent_code":"EU","country":"United Kingdom","city":"London","time_zone":"Europe/London","postal_code":"N19","in_privacy_restricted_country":true,"in_privacy_restricted_region":false,"european_union_member":false,"subdivisions":"England","coordinates":"51.5, -0.09"}`,
    ),
    s(
      ['geo'],
      'geoip.xml',
      `<?xml version="1.0" encoding="UTF-8"?>\n<location code="US" european_union_member="Unknown" continent_code="NA" country="United States" city="Chicago" time_zone="America/Chicago" postal_code="60601" in_privacy_restricted_country="0" in_privacy_restricted_region="0" subdivisions="Illinois" coordinates="41.8, -87.6"/>`,
    ),
    s(['geo'], 'geoip-wrapped.json', `{"location":{"code":"DE","european_union_member":true}}`),
    s(['ip'], 'ip.txt', '203.0.113.7\n'),
    s(['ip'], 'ip6.txt', '2001:db8::1'),
    s(['ip'], 'ip.json', '"203.0.113.7"'),
    s(
      ['optOuts'],
      'opt_outs.xml',
      `<optOuts><optOut key="tv.plex.provider.vod" value="opt_in"/><optOut key="tv.plex.provider.music" value="opt_out"/><optOut key="tv.plex.provider.podcasts" value="opt_out_managed"/></optOuts>`,
    ),
    s(
      ['optOuts'],
      'opt_outs-list.json',
      `[{"key":"tv.plex.provider.vod","value":"opt_in"},{"key":"tv.plex.provider.music","value":"opt_out"}]`,
    ),
    s(
      ['optOuts'],
      'opt_outs-record.json',
      `{"tv.plex.provider.vod":"opt_in","tv.plex.provider.music":"opt_out","tv.plex.provider.webshows":"opt_out_managed"}`,
    ),
    s(['optOuts'], 'opt_outs-wrapped.json', `{"optOuts":[{"key":"tv.plex.provider.vod","value":"opt_in"}]}`),
    s(['viewStateSync'], 'view_state_sync.json', `{"consent":true}`),
    s(['viewStateSync'], 'view_state_sync.xml', `<viewStateSync consent="0"/>`),
    s(
      ['privacy'],
      'privacy.xml',
      `<privacy optOutPlayback="1" optOutLibraryStats="0" domain="analytics.plex.tv" baseUrl="https://analytics.plex.tv"><metrics><metric event="playback:itemstart" status="anonymous"/></metrics></privacy>`,
    ),
    s(
      ['webhooks'],
      'webhooks.xml',
      `<webhooks><webhook url="https://example.com/a"/><webhook url="http://h/b"/></webhooks>`,
    ),
    s(['webhooks'], 'webhooks-strings.json', `["https://example.com/a","http://h/b"]`),
    s(['claim'], 'claim.xml', `<claim token="claim-abc"/>`),
    s(['nonce'], 'nonce.json', `{"nonce":"2c7c6ab1-8f7c-4a4e-9b8f-0d1e2f3a4b5c"}`),
    s(['nonce'], 'nonce.xml', `<nonce nonce="abc"/>`),
    s(['token'], 'auth_token.json', `{"auth_token":"eyJhbGciOiJFZERTQSJ9.e30.sig"}`),
    s(['token'], 'authToken.xml', `<token authToken="abc"/>`),
    // fetchPlexJwt reads the nonce and then the token from the same scripted answer.
    s(
      ['nonce', 'token'],
      'nonce-and-token.json',
      `{"nonce":"n-1","auth_token":"eyJhbGciOiJFZERTQSJ9.e30.sig"}`,
    ),
    s(
      ['keys'],
      'jwks.json',
      `{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k1","alg":"EdDSA","use":"sig"}]}`,
    ),
    s(
      ['sync'],
      'sync_items.xml',
      `<SyncList clientIdentifier="c1"><SyncItems><SyncItem id="7" version="2" rootTitle="Movies" title="M" metadataType="movie" contentType="video"><Server machineIdentifier="m1"/><Status state="pending" itemsCount="3" totalSize="1"/><MediaSettings videoQuality="75" maxVideoBitrate=""/><Policy scope="count" unwatched="1" value="5"/><Location uri="library://x/directory/%2Fa"/></SyncItem></SyncItems></SyncList>`,
    ),
    s(
      ['sync'],
      'sync_lists.xml',
      `<MediaContainer size="1"><SyncList id="4" clientIdentifier="c1"><Device userID="1" name="iPhone" lastSeenAt="1700000000"/><SyncItems><SyncItem id="8"/></SyncItems></SyncList></MediaContainer>`,
    ),
    s(
      ['downloads'],
      'downloads-5.json',
      `{"computer":{"Linux":{"id":"linux","name":"Linux","release_date":1700000000,"version":"1.40.0.1-abc","items_added":"x","releases":[{"label":"Ubuntu","build":"linux-x86_64","distro":"debian","url":"https://downloads.plex.tv/a.deb","checksum":"00"}]}},"nas":{"Synology":{"id":"synology","version":"1.40.0.1-abc","releases":[]}}}`,
    ),
    s(['downloads'], 'cloud_server.xml', `<info running="1"><server address="10.0.0.1"/></info>`),
    s(['downloads'], 'cloud_server.json', `{"running":false,"servers":[{"address":"10.0.0.1"}]}`),
    s(['other'], 'pong.xml', `<pong>true</pong>`),
    s(['other'], 'pong.json', `{"pong":false}`),
    s(
      ['error'],
      'errors.json',
      `{"errors":[{"code":1001,"message":"User could not be authenticated","status":401}]}`,
    ),
    s(
      ['error'],
      'errors.xml',
      `<errors><error code="1029" message="Please enter the verification code" status="401"/></errors>`,
    ),
    s(['error'], 'response.xml', `<Response code="400" status="Bad Request"/>`),
    s(['error'], 'provider-error.xml', `<Error error="Not found" message="nope" statusCode="404"/>`),
    s(['error'], 'error.json', `{"error":"Invalid token"}`),
    s(['error'], 'html.txt', `<html><body><h1>502 Bad Gateway</h1></body></html>`),
    s(['filter'], 'filter-1', 'contentRating=G%2CPG|label=kids,family&contentRating!=R|other=a'),
    s(['filter'], 'filter-2', 'label!=%E0%A4%A|=&&|contentRating=%|__proto__=x|constructor=y|prototype=z'),
    s(['filter'], 'filter-3', ''),
    s(['jwt'], 'jwt-1', jwtOf('{"alg":"EdDSA","typ":"JWT"}', `{"exp":${now},"user":{"id":1,"uuid":"u"}}`)),
    s(['jwt'], 'jwt-2', jwtOf('{"alg":"none"}', `{"exp":"soon","__proto__":{"polluted":"yes"}}`)),
    s(['jwt'], 'jwt-3', jwtOf('{}', `{"exp":1e400}`)),
    s(['jwt'], 'jwt-4', 'not.a.jwt'),
    // Prototype-pollution bait in every family's shape.
    s(
      ['account'],
      'proto-account.json',
      `{"id":1,"uuid":"u","authToken":"t","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"profile":{"__proto__":{"polluted":"yes"}},"roles":{"__proto__":["x"]},"subscription":{"constructor":{"prototype":{"polluted":"yes"}}},"settings":[{"id":"__proto__","value":"{\\"polluted\\":\\"yes\\"}"}]}`,
    ),
    s(
      ['account'],
      'proto-account.xml',
      `<user id="1" uuid="u" authToken="t" __proto__="x" constructor="y" prototype="z" polluted="p"><__proto__ polluted="yes"/><constructor><prototype polluted="yes"/></constructor><profile __proto__="1"/><roles><role id="__proto__"/></roles></user>`,
    ),
    s(
      ['resources', 'devices', 'users', 'homeUsers', 'invites'],
      'proto-list.xml',
      `<MediaContainer __proto__="1"><Device __proto__="x" constructor="y" name="n" clientIdentifier="c" id="1"><Connection __proto__="x" uri="http://a:1"/><__proto__ polluted="yes"/></Device><resource clientIdentifier="__proto__" constructor="1"><connections><connection __proto__="1" uri="https://h:1"/></connections></resource><User id="1" uuid="__proto__" __proto__="p"><Server __proto__="1"/></User><Invite id="__proto__" constructor="c"/></MediaContainer>`,
    ),
    s(
      ['resources', 'devices', 'friends', 'homeUsers', 'webhooks', 'optOuts'],
      'proto-list.json',
      `[{"__proto__":{"polluted":"yes"},"clientIdentifier":"c","id":1,"uuid":"u","key":"__proto__","value":"opt_in","url":"https://x/","connections":[{"__proto__":{"polluted":"yes"},"uri":"https://h:1"}],"sharingSettings":{"__proto__":{"polluted":"yes"},"filterMovies":"__proto__=1"},"sharedServers":[{"constructor":{"prototype":{"polluted":"yes"}}}]}]`,
    ),
    s(
      [
        'home',
        'homeUsers',
        'sharingServer',
        'sharedServer',
        'pin',
        'privacy',
        'geo',
        'claim',
        'viewStateSync',
      ],
      'proto-object.json',
      PROTO_JSON.replace(
        /^\{/,
        `{"id":1,"code":"ABCD","name":"n","machineIdentifier":"m","token":"claim-x","consent":true,"users":[${PROTO_JSON}],"librarySections":[${PROTO_JSON}],"libraries":[${PROTO_JSON}],"metrics":[${PROTO_JSON}],"location":${PROTO_JSON},`,
      ),
    ),
    s(
      [
        'home',
        'homeUsers',
        'sharingServer',
        'sharedServer',
        'pin',
        'privacy',
        'geo',
        'claim',
        'viewStateSync',
      ],
      'proto-object.xml',
      `<__proto__ id="1" code="c" name="n" __proto__="x" constructor="y" token="claim-t" consent="1"><Section __proto__="1" id="1" key="1"/><SharedServer constructor="1"><Section prototype="1"/></SharedServer><User __proto__="1" id="2"/><location __proto__="1"/></__proto__>`,
    ),
    ...ENTITY_SEEDS.map((text, i) =>
      s(['account', 'devices', 'resources', 'pin', 'home', 'error'], `entity-${i}.xml`, text),
    ),
  ];
}

/** All seeds: captures from `fixturesDir` plus the synthetic ones. */
export function loadCorpus(fixturesDir: string): Seed[] {
  return [...loadCaptures(fixturesDir), ...syntheticSeeds()];
}
