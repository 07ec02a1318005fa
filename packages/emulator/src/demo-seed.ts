import type { EmulatorSeed, SeedService } from './seed.js';

/**
 * The default world. Deterministic: fixed ids, uuids, tokens and clock, so tests and CLI demos can
 * hard-code them. Feature, entitlement and service names are taken from real captures; every
 * secret is obviously fake.
 *
 * | login    | password        | 2FA code | token        |
 * |----------|-----------------|----------|--------------|
 * | demo     | demo-password   | 123456   | demo-token   |
 * | freeuser | free-password   | —        | free-token   |
 * | (Kids)   | — (managed)     | —        | kids-token   |
 * | (Guest)  | — (Home guest)  | —        | guest-token  |
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

const MANAGED_FEATURES = [
  'camera_upload',
  'home',
  'adaptive_bitrate',
  'collections',
  'radio',
  'livetv',
  'parental-controls',
  'vod',
  'watchlist',
];

const ENTITLEMENTS = ['ios', 'all', 'roku', 'android', 'xbox_one', 'xbox_360', 'windows', 'windows_phone'];

// The `experience` setting plex.tv keeps for managed users; its value is a JSON document in a string.
const EXPERIENCE = JSON.stringify({
  autoHomeHubsEnabled: true,
  schemaVersion: 5,
  homeSettings: { settingsKey: 'kids', hubs: [] },
  reminders: [],
});

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
  ],
  homes: [{ id: 50001, name: 'Demo Home', admin: 'demo', members: [10000003, 10000004] }],
};
