import { MANAGED_FEATURES } from '../state/home.js';
import type { EmulatorSeed, SeedService } from './seed.js';
import { demoWatchlists } from './watchlists.js';

/**
 * The default world. Deterministic: fixed ids, uuids, tokens and clock, so tests and CLI demos can
 * hard-code them. Feature, entitlement and service names are taken from real captures; every
 * secret is obviously fake.
 *
 * | login    | password        | 2FA code | token        |
 * |----------|-----------------|----------|--------------|
 * | demo     | demo-password   | 123456   | demo-token   |
 * | freeuser | free-password   | —        | free-token   |
 * | carol    | carol-password  | —        | carol-token  |
 * | (Kids)   | — (managed)     | —        | kids-token   |
 * | (Guest)  | — (Home guest)  | —        | guest-token  |
 *
 * demo and freeuser are friends (Demo Server's Movies and TV Shows shared with freeuser); demo has
 * invited newfriend@example.test (no account) and carol has invited freeuser: both pending.
 * Watchlists (seed/watchlists.ts): demo 25 items (public), freeuser 3 (private), carol 3 (public).
 */

const SERVICE_TOKEN = 'emulator-service-token';

export const demoServices: SeedService[] = [
  { identifier: 'epg', endpoint: 'https://epg.provider.plex.tv', token: SERVICE_TOKEN },
  { identifier: 'eyeq-channel-icons', endpoint: 'http://akamai-b.cdn.cddbp.net/cds/2.0/image' },
  { identifier: 'metadata', endpoint: 'https://metadata.provider.plex.tv', token: SERVICE_TOKEN },
  { identifier: 'metadata-provider', endpoint: 'https://mpm.plex.tv/' },
  { identifier: 'tmsapi', endpoint: 'https://tmsapi.plex.tv/v1.1/', token: SERVICE_TOKEN },
  {
    identifier: 'lyricfind',
    endpoint: 'https://lyricfind.plex.tv/',
    token: SERVICE_TOKEN,
    secret: 'emulator-service-secret',
  },
  { identifier: 'tvdb', endpoint: 'https://api4.thetvdb.com/', token: SERVICE_TOKEN },
];

const PASS_FEATURES = [
  'webhooks',
  'camera_upload',
  'home',
  'pass',
  'dvr',
  'trailers',
  'session_bandwidth_restrictions',
  'music_videos',
  'content_filter',
  'adaptive_bitrate',
  'sync',
  'lyrics',
  'cloudsync',
  'premium_music_metadata',
  'hardware_transcoding',
  'session_kick',
  'collections',
  'radio',
  'tuner-sharing',
  'hwtranscode',
  'livetv',
  'Android - PiP',
  'companions_sonos',
  'watchlist',
  'two-factor-authentication',
];

const FREE_FEATURES = [
  'home',
  'adaptive_bitrate',
  'photos-metadata-edition',
  'collections',
  'radio',
  'tuner-sharing',
  'federated-auth',
  'livetv',
  'Android - PiP',
  'music',
  'vod',
  'signin_with_apple',
  'drm_support',
  'two-factor-authentication',
];

const ENTITLEMENTS = ['ios', 'all', 'roku', 'android', 'xbox_one', 'xbox_360', 'windows', 'windows_phone'];

// The `experience` setting plex.tv keeps for managed users; its value is a JSON document in a string.
const EXPERIENCE = JSON.stringify({
  autoHomeHubsEnabled: true,
  schemaVersion: 5,
  homeSettings: { settingsKey: 'kids', hubs: [] },
  reminders: [],
});

/** The demo servers' machine identifiers (40 hex characters, like real ones). */
export const DEMO_SERVER_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f9000000001';
/** The demo seed's offline server (https required, unreachable): its machine identifier. */
export const BASEMENT_NAS_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f9000000002';

/** Demo Server's library sections by plex.tv section id (what `librarySectionIds` take). */
export const DEMO_SECTION_IDS = {
  movies: 40000001,
  tvShows: 40000002,
  music: 40000003,
  photos: 40000004,
} as const;

function plexDirect(address: string, hash: string, port: number): string {
  return `https://${address.replaceAll('.', '-').replaceAll(':', '-')}.${hash}.plex.direct:${port}`;
}

/**
 * demo's devices: two servers (one shared with freeuser and with Kids), three clients and a
 * controller-only app; freeuser's browser. Addresses are from the documentation ranges
 * (192.168.1.x at home, 203.0.113.10 the home's public address, 198.51.100.x elsewhere, 2001:db8::).
 */
function demoDevices(): NonNullable<EmulatorSeed['devices']> {
  const demoHash = 'd3e4f5a6b7c8d9e0f1a2b3c4d5e6f701';
  const nasHash = 'd3e4f5a6b7c8d9e0f1a2b3c4d5e6f702';
  return [
    {
      id: 30000001,
      owner: 'demo',
      name: 'Demo Server',
      product: 'Plex Media Server',
      productVersion: '1.41.3.9314-a0bfb8370',
      platform: 'Linux',
      platformVersion: '6.8.0-51-generic',
      device: 'Docker Container',
      model: 'x86_64',
      vendor: 'Docker',
      provides: 'server',
      clientIdentifier: DEMO_SERVER_ID,
      token: 'demo-server-device-token',
      accessToken: 'demo-server-access-token',
      createdAt: '2019-05-04T18:22:10Z',
      lastSeenAt: '2025-01-15T11:58:00Z',
      publicAddress: '203.0.113.10',
      presence: true,
      publicAddressMatches: true,
      httpsRequired: false,
      synced: false,
      relay: true,
      dnsRebindingProtection: false,
      natLoopbackSupported: false,
      connections: [
        {
          protocol: 'https',
          address: '192.168.1.10',
          port: 32400,
          uri: plexDirect('192.168.1.10', demoHash, 32400),
          local: true,
        },
        { protocol: 'http', address: '192.168.1.10', port: 32400, local: true },
        {
          protocol: 'https',
          address: '203.0.113.10',
          port: 32400,
          uri: plexDirect('203.0.113.10', demoHash, 32400),
        },
        { protocol: 'http', address: '203.0.113.10', port: 32400 },
        {
          protocol: 'https',
          address: '198.51.100.20',
          port: 8443,
          uri: plexDirect('198.51.100.20', demoHash, 8443),
          relay: true,
        },
        { protocol: 'http', address: '2001:db8::10', port: 32400, IPv6: true },
      ],
      librarySections: [
        { id: DEMO_SECTION_IDS.movies, key: 1, title: 'Movies', type: 'movie' },
        { id: DEMO_SECTION_IDS.tvShows, key: 2, title: 'TV Shows', type: 'show' },
        { id: DEMO_SECTION_IDS.music, key: 3, title: 'Music', type: 'artist' },
        { id: DEMO_SECTION_IDS.photos, key: 4, title: 'Photos', type: 'photo' },
      ],
      sharedWith: [
        {
          account: 'freeuser',
          accessToken: 'free-demo-server-token',
          id: 60000001,
          librarySectionIds: [DEMO_SECTION_IDS.movies, DEMO_SECTION_IDS.tvShows],
          settings: { allowSync: true },
          sharedAt: '2023-02-10T10:05:00Z',
        },
        {
          account: 10000003,
          accessToken: 'kids-demo-server-token',
          home: true,
          publicAddressMatches: true,
          id: 60000002,
          sharedAt: '2022-01-05T16:30:00Z',
        },
      ],
    },
    {
      id: 30000002,
      owner: 'demo',
      name: 'Basement NAS',
      product: 'Plex Media Server',
      productVersion: '1.40.5.8854-f36c552fd',
      platform: 'Linux',
      platformVersion: '4.4.302+ (#72806 SMP Thu Sep 5 13:44:21 CST 2024)',
      device: 'DS920+',
      model: 'x86_64',
      vendor: 'Synology',
      provides: 'server',
      clientIdentifier: BASEMENT_NAS_ID,
      token: 'nas-device-token',
      accessToken: 'nas-access-token',
      createdAt: '2021-11-20T09:15:00Z',
      lastSeenAt: '2025-01-08T22:40:12Z',
      publicAddress: '203.0.113.10',
      presence: false,
      publicAddressMatches: true,
      httpsRequired: true,
      synced: false,
      relay: false,
      dnsRebindingProtection: true,
      natLoopbackSupported: true,
      connections: [
        {
          protocol: 'https',
          address: '192.168.1.20',
          port: 32400,
          uri: plexDirect('192.168.1.20', nasHash, 32400),
          local: true,
        },
        {
          protocol: 'https',
          address: '203.0.113.10',
          port: 32401,
          uri: plexDirect('203.0.113.10', nasHash, 32401),
        },
      ],
      librarySections: [
        { id: 40000005, key: 1, title: '4K Movies', type: 'movie' },
        { id: 40000006, key: 2, title: 'Home Videos', type: 'movie' },
      ],
    },
    {
      id: 30000003,
      owner: 'demo',
      name: 'Chrome',
      product: 'Plex Web',
      productVersion: '4.145.1',
      platform: 'Chrome',
      platformVersion: '131.0',
      device: 'Linux',
      model: 'hosted',
      provides: 'client,player,pubsub-player',
      clientIdentifier: 'emulatorplexwebdemo00001',
      token: 'demo-web-device-token',
      createdAt: '2024-06-02T08:00:00Z',
      lastSeenAt: '2025-01-15T11:50:00Z',
      publicAddress: '203.0.113.10',
      screenResolution: '1920x945,1920x1080',
    },
    {
      id: 30000004,
      owner: 'demo',
      name: 'iPhone',
      product: 'Plex for iOS',
      productVersion: '8.40',
      platform: 'iOS',
      platformVersion: '18.2',
      device: 'iPhone',
      model: '16,1',
      vendor: 'Apple',
      provides: 'client,controller,sync-target,player,pubsub-player,provider-playback',
      clientIdentifier: '7E1B3C2A-4D5E-4F60-8A9B-0C1D2E3F4A5B',
      token: 'demo-iphone-device-token',
      // Captured: an iPhone resource with `accessToken: null` (PlexKit resources.json).
      accessToken: null,
      createdAt: '2023-09-30T19:12:45Z',
      lastSeenAt: '2025-01-14T21:03:10Z',
      publicAddress: '203.0.113.10',
      screenResolution: '1179x2556',
      screenDensity: '3',
      presence: false,
      connections: [{ protocol: 'http', address: '192.168.1.30', port: 32500, local: true }],
      // 12 GiB: more than 2^32, as a captured SyncList (227001669489).
      syncList: { itemsCompleteCount: 42, totalSize: 12884901888, version: 2 },
    },
    {
      id: 30000005,
      owner: 'demo',
      name: 'Living Room HTPC',
      product: 'Plex HTPC for Linux',
      productVersion: '1.67.1.237-3b7bf1e6',
      platform: 'linux',
      platformVersion: '6.8',
      // Captured: HTPC clients report device="" (jjlawren HA fixture).
      device: '',
      provides: 'client,player',
      clientIdentifier: 'emulator-htpc-living-room',
      token: 'demo-htpc-device-token',
      createdAt: '2024-12-24T17:30:00Z',
      lastSeenAt: '2025-01-15T10:05:00Z',
      publicAddress: '203.0.113.10',
      screenResolution: '3840x2160',
      connections: [
        {
          protocol: 'https',
          address: '192.168.1.40',
          port: 32400,
          uri: plexDirect('192.168.1.40', 'd3e4f5a6b7c8d9e0f1a2b3c4d5e6f705', 32400),
          local: true,
        },
      ],
    },
    {
      id: 30000006,
      owner: 'demo',
      name: 'Home Assistant',
      product: 'Home Assistant',
      productVersion: '2025.1.2',
      platform: 'Home Assistant',
      platformVersion: '6.6.66-haos',
      device: 'Linux',
      model: 'Plex OAuth',
      // Not a server, client or player: listed in /devices.xml only, not in resources.
      provides: 'controller',
      clientIdentifier: 'emulator-home-assistant-01',
      token: 'demo-home-assistant-token',
      createdAt: '2024-02-11T12:00:00Z',
      lastSeenAt: '2025-01-15T11:59:30Z',
      publicAddress: '203.0.113.10',
    },
    {
      id: 30000007,
      owner: 'freeuser',
      name: 'Firefox',
      product: 'Plex Web',
      productVersion: '4.145.1',
      platform: 'Firefox',
      platformVersion: '133.0',
      device: 'Windows',
      model: 'hosted',
      provides: 'client,player,pubsub-player',
      clientIdentifier: 'emulatorplexwebfree00001',
      token: 'free-web-device-token',
      createdAt: '2024-10-01T20:00:00Z',
      lastSeenAt: '2025-01-13T19:45:00Z',
      publicAddress: '198.51.100.77',
      screenResolution: '1536x730,1536x864',
      presence: false,
    },
  ];
}

/** The demo world: accounts (`demo`, `freeuser`, a managed user, a guest), a Home, friends, servers, devices. */
export const demoSeed: EmulatorSeed = {
  now: '2025-01-15T12:00:00Z',
  accounts: [
    {
      id: 10000001,
      uuid: 'a1b2c3d4e5f60001',
      username: 'demo',
      email: 'demo@plextv.test',
      title: 'demo',
      password: 'demo-password',
      twoFactorCode: '123456',
      backupCodesCreated: true,
      homePin: '1357',
      country: 'US',
      mailingListStatus: 'unsubscribed',
      scrobbleTypes: '',
      joinedAt: '2012-06-08T03:05:59Z',
      avatarVersion: 1630875354,
      plexPass: { plan: 'lifetime', subscribedAt: '2021-10-01T01:02:03Z', paymentService: 'braintree' },
      features: PASS_FEATURES,
      entitlements: ENTITLEMENTS,
      roles: ['plexpass'],
      services: demoServices,
      profile: {
        autoSelectAudio: true,
        defaultAudioLanguage: 'en',
        defaultSubtitleLanguage: 'en',
        autoSelectSubtitle: 0,
        watchedIndicator: 1,
      },
      adsConsent: { consent: true, setAt: '2021-04-13T00:14:11Z', reminderAt: '2022-04-13T00:14:11Z' },
      experimentalFeatures: true,
      tokens: ['demo-token'],
      webhooks: ['https://hooks.example.test/plex'],
      viewStateSync: true,
    },
    {
      id: 10000002,
      uuid: 'a1b2c3d4e5f60002',
      username: 'freeuser',
      email: 'free@plextv.test',
      password: 'free-password',
      country: 'GB',
      joinedAt: '2019-03-14T09:30:00Z',
      features: FREE_FEATURES,
      entitlements: [],
      services: demoServices,
      profile: { autoSelectSubtitle: 1 },
      tokens: ['free-token'],
    },
    {
      id: 10000003,
      uuid: 'a1b2c3d4e5f60003',
      managed: true,
      title: 'Kids',
      friendlyName: 'Kids',
      restrictionProfile: 'little_kid',
      homePin: '2468',
      country: 'US',
      joinedAt: '2022-01-05T16:16:09Z',
      features: MANAGED_FEATURES,
      entitlements: ENTITLEMENTS,
      services: demoServices,
      profile: { autoSelectSubtitle: 1 },
      settings: [
        {
          id: 'experience',
          type: 'json',
          value: EXPERIENCE,
          hidden: true,
          updatedAt: '2022-01-05T16:16:19Z',
        },
      ],
      tokens: ['kids-token'],
    },
    {
      id: 10000004,
      uuid: 'a1b2c3d4e5f60004',
      managed: true,
      guest: true,
      title: 'Guest',
      friendlyName: 'Guest',
      country: 'US',
      joinedAt: '2022-01-05T16:20:00Z',
      features: MANAGED_FEATURES,
      entitlements: [],
      services: demoServices,
      tokens: ['guest-token'],
    },
    {
      id: 10000005,
      uuid: 'a1b2c3d4e5f60005',
      username: 'carol',
      email: 'carol@plextv.test',
      password: 'carol-password',
      country: 'DE',
      joinedAt: '2020-07-21T18:00:00Z',
      features: FREE_FEATURES,
      entitlements: [],
      services: demoServices,
      tokens: ['carol-token'],
    },
  ],
  homes: [{ id: 50001, name: 'Demo Home', admin: 'demo', members: [10000003, 10000004] }],
  devices: demoDevices(),
  friends: [
    {
      from: 'demo',
      to: 'freeuser',
      status: 'accepted',
      invitedAt: '2023-02-10T10:00:00Z',
      acceptedAt: '2023-02-10T10:10:19Z',
    },
    // An invitation to an e-mail address without an account: pending for ever (id 20000001).
    { from: 'demo', to: 'newfriend@example.test', status: 'pending', invitedAt: '2025-01-10T09:00:00Z' },
    { from: 'carol', to: 'freeuser', status: 'pending', invitedAt: '2025-01-12T18:30:00Z' },
  ],
  watchlists: demoWatchlists,
};
