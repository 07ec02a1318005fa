/**
 * The emulator's mutable world. Seeds are normalised into these records once (all defaults filled
 * in, dates as epoch seconds) so the wire renderers never have to guess. Collections are Maps keyed
 * by id/token so later endpoints (pins, home, friends, resources) can add their own maps alongside.
 */

import { demoServices } from '../seed/demo.js';
import type { Fault, FaultKind } from '../faults/faults.js';
import { type DeviceJwk, generateSigningKeyPair } from './jwk.js';
import { hostPortUri } from '../util/net.js';
import {
  DEFAULT_NOW,
  type EmulatorSeed,
  findSeedAccount,
  type SeedOptOutValue,
  type SeedProfile,
  seedDateToEpoch,
} from '../seed/seed.js';
import { isServerProvides } from '../seed/devices.js';
import { buildSocial, defaultSettingsFor, FIRST_IDS, mergeSettings } from './social.js';

export type Profile = SeedProfile;

export interface Service {
  identifier: string;
  endpoint: string;
  token: string | null;
  secret: string | null;
  status: string;
}

/** One entry of `subscriptions[]` (the billing view of Plex Pass). */
export interface PlanSubscription {
  id: number | null;
  mode: string;
  renewsAt: number | null;
  endsAt: number | null;
  type: string;
  transfer: boolean | null;
  state: string;
}

export interface Setting {
  id: string;
  type: string;
  value: string;
  hidden: boolean;
  updatedAt: number;
}

export interface Account {
  id: number;
  uuid: string;
  /** "" for managed users. */
  username: string;
  /** "" for managed users. */
  email: string;
  title: string;
  friendlyName: string;
  locale: string | null;
  confirmed: boolean;
  emailOnlyAuth: boolean;
  /** null: no password (managed users). */
  password: string | null;
  twoFactorCode: string | null;
  backupCodesCreated: boolean;
  homePin: string | null;
  thumb: string;
  mailingListStatus: string | null;
  mailingListActive: boolean;
  scrobbleTypes: string;
  country: string;
  managed: boolean;
  guest: boolean;
  restricted: boolean;
  restrictionProfile: string | null;
  subscription: {
    active: boolean;
    /** epoch seconds */
    subscribedAt: number | null;
    status: 'Active' | 'Inactive';
    paymentService: string | null;
    plan: string | null;
    features: string[];
  };
  subscriptionDescription: string | null;
  subscriptions: PlanSubscription[];
  profile: Profile;
  entitlements: string[];
  /** null: the `roles` key is absent. */
  roles: string[] | null;
  /** null: the `settings` key is absent. */
  settings: Setting[] | null;
  services: Service[];
  adsConsent: { consent: boolean; setAt: number; reminderAt: number } | null;
  anonymous: boolean | null;
  experimentalFeatures: boolean;
  /** epoch seconds */
  joinedAt: number;
  /** `/api/v2/user/webhooks`, in order. */
  webhooks: string[];
  /** `/api/v2/user/privacy`. */
  privacy: { optOutPlayback: boolean; optOutLibraryStats: boolean };
  /** `/api/v2/user/{uuid}/settings/opt_outs`: provider key -> value, in display order. */
  onlineMediaSources: Map<string, SeedOptOutValue>;
  /** `/api/v2/user/view_state_sync`. */
  viewStateSync: boolean;
}

/** One way to reach a device (a `connection` of a resource). */
export interface DeviceConnection {
  protocol: 'http' | 'https';
  address: string;
  port: number;
  uri: string;
  local: boolean;
  relay: boolean;
  IPv6: boolean;
}

/** A library section of a server, as plex.tv numbers it for sharing. */
export interface LibrarySection {
  /** plex.tv's id for the section (what `librarySectionIds` take); unique across servers. */
  id: number;
  /** The section's key on the server itself (`/library/sections/{key}`). */
  key: number;
  title: string;
  /** movie, show, artist, photo. */
  type: string;
}

/** What a sharer lets someone do (`sharingSettings`; `PUT /api/v2/sharings/{id}`). */
export interface SharingSettings {
  allowSync: boolean;
  allowCameraUpload: boolean;
  allowChannels: boolean;
  allowSubtitleAdmin: boolean;
  /** 0, 1 or 2 (Live TV & DVR access). */
  allowTuners: 0 | 1 | 2;
  /** Filters: "" = none set; null as plex.tv writes it for filterPhotos/filterAll. */
  filterMovies: string | null;
  filterMusic: string | null;
  filterTelevision: string | null;
  filterPhotos: string | null;
  filterAll: string | null;
}

/** A server shared with another account (a "shared server"). */
export interface Share {
  /** The shared server id (`/api/v2/shared_servers/{id}`, `<Server id>` in `/api/users`). */
  id: number;
  /** The invited account, or an e-mail invitee (`state.invitees`). */
  accountId: number;
  /** The token the invited account uses for this server (its resources' `accessToken`). */
  accessToken: string;
  /** Seeded as a Home share (the resource says `home: true` for Home members anyway). */
  home: boolean;
  publicAddressMatches: boolean;
  /** plex.tv section ids shared; null: all libraries (`allLibraries`, new sections included). */
  librarySectionIds: number[] | null;
  settings: SharingSettings;
  /** epoch seconds: when the share was made. */
  createdAt: number;
  inviteToken: string;
}

/**
 * A friend invitation and, once accepted, the friendship. One record per pair of people; the
 * inviter is the one who sent it. The invitee may be an e-mail invitee without an account.
 */
export interface Friendship {
  inviterId: number;
  inviteeId: number;
  status: 'pending' | 'accepted';
  /** epoch seconds */
  invitedAt: number;
  /** epoch seconds (`friendshipCreatedAt`); null while pending. */
  acceptedAt: number | null;
}

/** Someone invited by e-mail who has no plex.tv account: the invitation is keyed by the e-mail. */
export interface Invitee {
  /** A synthetic id in the people namespace (not an account id). */
  id: number;
  /** A synthetic uuid (16 hex characters). */
  uuid: string;
  email: string;
  /** epoch seconds */
  createdAt: number;
}

/** A device registered to an account (`/devices.xml`); servers, clients and players are also resources. */
export interface Device {
  id: number;
  ownerId: number;
  name: string;
  product: string;
  productVersion: string;
  platform: string;
  platformVersion: string;
  device: string;
  model: string;
  vendor: string;
  provides: string;
  clientIdentifier: string;
  version: string;
  /** The device's own plex.tv token (a working token of the owner). */
  token: string;
  /** The owner's `accessToken` in resources (null: none listed). */
  accessToken: string | null;
  /** epoch seconds */
  createdAt: number;
  /** epoch seconds */
  lastSeenAt: number;
  publicAddress: string;
  screenResolution: string;
  screenDensity: string;
  presence: boolean;
  publicAddressMatches: boolean;
  server: boolean;
  httpsRequired: boolean;
  synced: boolean;
  relay: boolean;
  dnsRebindingProtection: boolean;
  natLoopbackSupported: boolean;
  /** null: the device has no connections at all (JSON leaves the key out). */
  connections: DeviceConnection[] | null;
  syncList: { itemsCompleteCount: number; totalSize: number; version: number } | null;
  /** Servers: their library sections (what can be shared), in order. [] for other devices. */
  librarySections: LibrarySection[];
  shares: Share[];
}

/** A server claim token (`/api/claim/token.json`). */
export interface ClaimToken {
  token: string;
  accountId: number;
  /** epoch seconds */
  createdAt: number;
  /** epoch seconds; dead from this instant on. */
  expiresAt: number;
}

export interface Home {
  id: number;
  name: string;
  adminId: number;
  /** All members including the admin, admin first. */
  memberIds: number[];
}

export interface Token {
  token: string;
  accountId: number;
  /** epoch seconds */
  issuedAt: number;
  /** epoch seconds; null for managed users (as plex.tv reports them). */
  rememberExpiresAt: number | null;
  /** The X-Plex-Client-Identifier that signed in, when known. */
  clientIdentifier: string | null;
}

export interface RequestRecord {
  method: string;
  path: string;
  /**
   * The status line the client got: the route's, or the fault's (a wire fault may turn a 204 into a
   * 200, `invalid` a non-2xx into 200); 0 when a reset left it without any.
   */
  status: number;
  /** Set when an injected fault hit this request: which kind. */
  fault?: FaultKind;
}

/** A sign-in PIN (`/api/v2/pins`). */
export interface Pin {
  id: number;
  /** 4 characters A-Z0-9, or 25 characters a-z0-9 for a strong (OAuth) PIN. */
  code: string;
  strong: boolean;
  /** The X-Plex-Client-Identifier that created it: the only client that may read it. */
  clientIdentifier: string;
  /** The creating request's X-Plex-Product ("0" when it sent none). */
  product: string;
  /** epoch seconds */
  createdAt: number;
  /** epoch seconds; the PIN answers 404 from this instant on. */
  expiresAt: number;
  /** 900 or 1800: what `expiresIn` reports. */
  expiresIn: number;
  /** The device key sent with the PIN (the JWT variant), or null. */
  jwk: DeviceJwk | null;
  /** The account that approved it, or null while pending. */
  approvedBy: number | null;
  /** The legacy token handed out once approved (non-JWK PINs only). */
  authToken: string | null;
}

/** A device public key registered for (account, client identifier): `POST /api/v2/auth/jwk` or a JWK PIN. */
export interface DeviceKey extends DeviceJwk {
  clientIdentifier: string;
  accountId: number;
  /** epoch seconds */
  registeredAt: number;
}

/** One of the emulator's own Ed25519 keys that sign Plex JWTs. */
export interface SigningKey {
  kid: string;
  /** epoch seconds */
  createdAt: number;
  /** epoch seconds when a newer key replaced it; null for the active key. */
  retiredAt: number | null;
  keyPair: Promise<CryptoKeyPair>;
}

export interface EmulatorState {
  /** The emulator clock, epoch milliseconds. Frozen unless moved with control.setClock. */
  nowMs: number;
  accounts: Map<number, Account>;
  homes: Map<number, Home>;
  tokens: Map<string, Token>;
  /** Queued faults, oldest first (control.fault). */
  faults: Fault[];
  /** The next fault id. */
  nextFaultId: number;
  requests: RequestRecord[];
  pins: Map<number, Pin>;
  /** The next PIN id (ids are sequential, so runs are reproducible). */
  nextPinId: number;
  /** Keyed by `deviceKeyId(clientIdentifier, kid)`. */
  deviceKeys: Map<string, DeviceKey>;
  /** Oldest first; the last one is the active key. */
  signingKeys: SigningKey[];
  /** Unused nonces -> expiry (epoch milliseconds). */
  nonces: Map<string, number>;
  /** Plex JWTs revoked by signout (legacy tokens are simply deleted from `tokens`). */
  revokedJwts: Set<string>;
  /** Devices by `/devices.xml` id, in seed order. */
  devices: Map<number, Device>;
  /** Claim tokens by token (expired ones are dropped when a new one is made). */
  claimTokens: Map<string, ClaimToken>;
  /** Friend invitations and friendships, in the order they were made. */
  friendships: Friendship[];
  /** People invited by e-mail who have no account, by their synthetic id. */
  invitees: Map<number, Invitee>;
  /** What one person lets another do: key `sharingKey(grantorId, granteeId)`. */
  sharingSettings: Map<string, SharingSettings>;
  /** Next ids handed out (monotonic, so an id is never reused). */
  nextIds: { account: number; invitee: number; share: number; home: number };
}

/** A claim token lives 4 minutes. */
export const CLAIM_TOKEN_SECONDS = 240;

/** Online media sources every account has (the old spec's example keys); all "opt_in" by default. */
export const ONLINE_MEDIA_SOURCE_KEYS = [
  'tv.plex.provider.podcasts',
  'tv.plex.provider.news',
  'tv.plex.provider.webshows',
  'tv.plex.provider.music',
  'tv.plex.provider.vod',
  'scrobbling',
] as const;

/** A server's default `productVersion` (and `/identity` version) when the seed gives none. */
export const DEFAULT_SERVER_VERSION = '1.41.0.0000';

/** A 4-character PIN lives 15 minutes, a strong one 30 (every capture agrees). */
export const PIN_SECONDS = 900;
export const STRONG_PIN_SECONDS = 1800;
/** Our choice: rubyplex's 2025 capture has ids around 1.17e9. */
export const FIRST_PIN_ID = 1_100_000_001;

export function deviceKeyId(clientIdentifier: string, kid: string): string {
  return `${clientIdentifier}\n${kid}`;
}

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/** A new Ed25519 signing key. Generated in the background; a failure surfaces where the key is used. */
export function newSigningKey(createdAt: number): SigningKey {
  const keyPair = generateSigningKeyPair();
  keyPair.catch(() => {}); // not an unhandled rejection: whoever awaits it sees the error
  return { kid: randomHex(8), createdAt, retiredAt: null, keyPair };
}

export const DAY_SECONDS = 86_400;
/** rememberMe=true keeps a sign-in for 14 days, otherwise 1 day (our documented choice). */
export const REMEMBER_ME_SECONDS = 14 * DAY_SECONDS;
export const SESSION_SECONDS = DAY_SECONDS;

export const PROFILE_DEFAULTS: Profile = {
  autoSelectAudio: true,
  defaultAudioAccessibility: 0,
  defaultAudioLanguage: null,
  defaultAudioLanguages: null,
  defaultSubtitleLanguage: null,
  defaultSubtitleLanguages: null,
  autoSelectSubtitle: 0,
  defaultSubtitleAccessibility: 0,
  defaultSubtitleForced: 0,
  watchedIndicator: 1,
  mediaReviewsVisibility: 0,
  mediaReviewsLanguages: null,
};

export function nowSeconds(state: EmulatorState): number {
  return Math.floor(state.nowMs / 1000);
}

/** Build a fresh state from a (validated) seed. The seed is never mutated or aliased. */
export function buildState(seed: EmulatorSeed): EmulatorState {
  const nowMs = Date.parse(seed.now ?? DEFAULT_NOW);
  const state: EmulatorState = {
    nowMs,
    accounts: new Map(),
    homes: new Map(),
    tokens: new Map(),
    faults: [],
    nextFaultId: 1,
    requests: [],
    pins: new Map(),
    nextPinId: FIRST_PIN_ID,
    deviceKeys: new Map(),
    signingKeys: [newSigningKey(Math.floor(nowMs / 1000))],
    nonces: new Map(),
    revokedJwts: new Set(),
    devices: new Map(),
    claimTokens: new Map(),
    friendships: [],
    invitees: new Map(),
    sharingSettings: new Map(),
    nextIds: { account: 1, invitee: FIRST_IDS.invitee, share: FIRST_IDS.share, home: FIRST_IDS.home },
  };

  seed.accounts.forEach((a, i) => {
    const path = `seed.accounts[${i}]`;
    const managed = a.managed === true;
    const joinedAt = seedDateToEpoch(a.joinedAt, `${path}.joinedAt`);
    const pass = a.plexPass;
    const account: Account = {
      id: a.id,
      uuid: a.uuid,
      username: managed ? '' : (a.username ?? ''),
      email: managed ? '' : (a.email ?? ''),
      title: a.title ?? a.username ?? '',
      friendlyName: a.friendlyName ?? '',
      locale: a.locale ?? null,
      confirmed: a.confirmed ?? !managed,
      emailOnlyAuth: a.emailOnlyAuth ?? false,
      password: managed ? null : (a.password ?? null),
      twoFactorCode: a.twoFactorCode ?? null,
      backupCodesCreated: a.backupCodesCreated ?? false,
      homePin: a.homePin ?? null,
      thumb: `https://plex.tv/users/${a.uuid}/avatar?c=${a.avatarVersion ?? joinedAt}`,
      mailingListStatus:
        a.mailingListStatus !== undefined ? a.mailingListStatus : managed ? null : 'unsubscribed',
      mailingListActive: a.mailingListActive ?? false,
      scrobbleTypes: a.scrobbleTypes ?? '',
      country: a.country ?? 'US',
      managed,
      guest: a.guest ?? false,
      restricted: a.restricted ?? managed,
      restrictionProfile: a.restrictionProfile ?? null,
      subscription: pass
        ? {
            active: true,
            subscribedAt: seedDateToEpoch(pass.subscribedAt, `${path}.plexPass.subscribedAt`),
            status: 'Active',
            paymentService: pass.paymentService ?? 'braintree',
            plan: pass.plan,
            features: [...(a.features ?? [])],
          }
        : {
            active: false,
            subscribedAt: null,
            status: 'Inactive',
            paymentService: null,
            plan: null,
            features: [...(a.features ?? [])],
          },
      subscriptionDescription: pass
        ? (pass.description ?? (pass.plan === 'lifetime' ? 'Lifetime Plex Pass' : 'Plex Pass'))
        : null,
      subscriptions: pass
        ? [
            {
              id: null,
              mode: pass.plan,
              renewsAt: null,
              endsAt: null,
              type: 'plexpass',
              transfer: null,
              state: 'active',
            },
          ]
        : [],
      profile: { ...PROFILE_DEFAULTS, ...a.profile },
      entitlements: [...(a.entitlements ?? [])],
      roles: a.roles ? [...a.roles] : null,
      settings: a.settings
        ? a.settings.map((s, j) => ({
            ...s,
            updatedAt: seedDateToEpoch(s.updatedAt, `${path}.settings[${j}].updatedAt`),
          }))
        : managed
          ? []
          : null,
      services: (a.services ?? demoServices).map((s) => ({
        identifier: s.identifier,
        endpoint: s.endpoint,
        token: s.token ?? null,
        secret: s.secret ?? null,
        status: s.status ?? 'online',
      })),
      adsConsent: a.adsConsent
        ? {
            consent: a.adsConsent.consent,
            setAt: seedDateToEpoch(a.adsConsent.setAt, `${path}.adsConsent.setAt`),
            reminderAt: seedDateToEpoch(a.adsConsent.reminderAt, `${path}.adsConsent.reminderAt`),
          }
        : null,
      anonymous: null,
      experimentalFeatures: a.experimentalFeatures ?? false,
      joinedAt,
      webhooks: [...(a.webhooks ?? [])],
      privacy: {
        optOutPlayback: a.privacy?.optOutPlayback ?? false,
        optOutLibraryStats: a.privacy?.optOutLibraryStats ?? false,
      },
      onlineMediaSources: new Map([
        ...ONLINE_MEDIA_SOURCE_KEYS.map((k): [string, SeedOptOutValue] => [k, 'opt_in']),
        ...Object.entries(a.onlineMediaSources ?? {}),
      ]),
      viewStateSync: a.viewStateSync ?? false,
    };
    state.accounts.set(account.id, account);
  });

  for (const h of seed.homes ?? []) {
    const resolve = (ref: number | string) => seed.accounts[findSeedAccount(seed.accounts, ref)]!.id;
    const adminId = resolve(h.admin);
    state.homes.set(h.id, {
      id: h.id,
      name: h.name,
      adminId,
      memberIds: [adminId, ...h.members.map(resolve)],
    });
  }

  const seedNow = Math.floor(nowMs / 1000);
  for (const a of seed.accounts) {
    for (const t of a.tokens ?? []) {
      const spec = typeof t === 'string' ? { token: t } : t;
      state.tokens.set(spec.token, {
        token: spec.token,
        accountId: a.id,
        issuedAt: seedNow,
        rememberExpiresAt: tokenExpiry(state.accounts.get(a.id)!, seedNow, spec.rememberMe ?? true),
        clientIdentifier: null,
      });
    }
  }

  const accountRef = (ref: number | string) => seed.accounts[findSeedAccount(seed.accounts, ref)]!.id;
  // Shares without an id get 60000001, … in seed order, skipping the ids given explicitly.
  const explicitShareIds = new Set(
    (seed.devices ?? []).flatMap((d) =>
      (d.sharedWith ?? []).flatMap((s) => (s.id === undefined ? [] : [s.id])),
    ),
  );
  let nextShareId = FIRST_IDS.share;
  const shareId = (id: number | undefined): number => {
    if (id !== undefined) return id;
    while (explicitShareIds.has(nextShareId)) nextShareId++;
    return nextShareId++;
  };
  (seed.devices ?? []).forEach((d, i) => {
    const path = `seed.devices[${i}]`;
    const ownerId = accountRef(d.owner);
    const server = isServerProvides(d.provides);
    const productVersion = d.productVersion ?? (server ? DEFAULT_SERVER_VERSION : '');
    const device: Device = {
      id: d.id,
      ownerId,
      name: d.name,
      product: d.product,
      productVersion,
      platform: d.platform ?? '',
      platformVersion: d.platformVersion ?? '',
      device: d.device ?? '',
      model: d.model ?? '',
      vendor: d.vendor ?? '',
      provides: d.provides,
      clientIdentifier: d.clientIdentifier,
      version: d.version ?? productVersion,
      token: d.token,
      accessToken: d.accessToken === undefined ? d.token : d.accessToken,
      createdAt: seedDateToEpoch(d.createdAt, `${path}.createdAt`),
      lastSeenAt: seedDateToEpoch(d.lastSeenAt, `${path}.lastSeenAt`),
      publicAddress: d.publicAddress ?? '',
      screenResolution: d.screenResolution ?? '',
      screenDensity: d.screenDensity ?? '',
      presence: d.presence ?? true,
      publicAddressMatches: d.publicAddressMatches ?? true,
      server,
      httpsRequired: d.httpsRequired ?? false,
      synced: d.synced ?? false,
      relay: d.relay ?? server,
      dnsRebindingProtection: d.dnsRebindingProtection ?? false,
      natLoopbackSupported: d.natLoopbackSupported ?? false,
      connections: d.connections ? d.connections.map(normaliseConnection) : null,
      syncList: d.syncList
        ? {
            itemsCompleteCount: d.syncList.itemsCompleteCount,
            totalSize: d.syncList.totalSize,
            version: d.syncList.version ?? 2,
          }
        : null,
      librarySections: (d.librarySections ?? []).map((s) => ({ ...s })),
      shares: (d.sharedWith ?? []).map((s, j) => {
        const accountId = accountRef(s.account);
        const id = shareId(s.id);
        return {
          id,
          accountId,
          accessToken: s.accessToken,
          home: s.home ?? false,
          publicAddressMatches: s.publicAddressMatches ?? false,
          librarySectionIds: s.librarySectionIds ? [...s.librarySectionIds] : null,
          settings: mergeSettings(defaultSettingsFor(state, ownerId, accountId), s.settings ?? {}),
          createdAt:
            s.sharedAt === undefined
              ? seedNow
              : seedDateToEpoch(s.sharedAt, `${path}.sharedWith[${j}].sharedAt`),
          inviteToken: inviteTokenFor(id),
        };
      }),
    };
    state.devices.set(device.id, device);
    // The device's own token works against plex.tv as its owner, as real device tokens do.
    state.tokens.set(device.token, {
      token: device.token,
      accountId: ownerId,
      issuedAt: device.createdAt,
      rememberExpiresAt: tokenExpiry(state.accounts.get(ownerId)!, seedNow, true),
      clientIdentifier: device.clientIdentifier,
    });
  });

  buildSocial(
    state,
    seed.friends ?? [],
    (ref) => {
      const idx = findSeedAccount(seed.accounts, ref);
      return idx < 0 ? null : seed.accounts[idx]!.id;
    },
    seedNow,
  );
  return state;
}

/**
 * A share's `inviteToken`: opaque on plex.tv (the captures anonymise it); ours is a stable 24-hex
 * string derived from the share id.
 */
export function inviteTokenFor(shareId: number): string {
  let h = 0x9e3779b9 ^ shareId;
  let out = '';
  for (let i = 0; i < 3; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = Math.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

function normaliseConnection(c: {
  protocol: 'http' | 'https';
  address: string;
  port: number;
  uri?: string;
  local?: boolean;
  relay?: boolean;
  IPv6?: boolean;
}): DeviceConnection {
  return {
    protocol: c.protocol,
    address: c.address,
    port: c.port,
    uri: c.uri ?? hostPortUri(c.protocol, c.address, c.port),
    local: c.local ?? false,
    relay: c.relay ?? false,
    IPv6: c.IPv6 ?? c.address.includes(':'),
  };
}

/** plex.tv reports no expiry (null) for managed users; owners get now + 14 days or + 1 day. */
export function tokenExpiry(account: Account, now: number, rememberMe: boolean): number | null {
  if (account.managed) return null;
  return now + (rememberMe ? REMEMBER_ME_SECONDS : SESSION_SECONDS);
}

export function homeOf(state: EmulatorState, accountId: number): Home | null {
  for (const home of state.homes.values()) {
    if (home.memberIds.includes(accountId)) return home;
  }
  return null;
}

/** Sign-in lookup: username or e-mail, case-insensitive. Managed users have neither. */
export function findByLogin(state: EmulatorState, login: string): Account | null {
  const needle = login.trim().toLowerCase();
  if (needle === '') return null;
  for (const a of state.accounts.values()) {
    if (a.username.toLowerCase() === needle || a.email.toLowerCase() === needle) return a;
  }
  return null;
}

/** Control-API lookup: id, username, e-mail, or (for managed users, who have neither) title. */
export function findAccount(state: EmulatorState, ref: string | number): Account | null {
  if (typeof ref === 'number') return state.accounts.get(ref) ?? null;
  if (/^\d+$/.test(ref)) {
    const byId = state.accounts.get(Number(ref));
    if (byId) return byId;
  }
  const byLogin = findByLogin(state, ref);
  if (byLogin) return byLogin;
  const needle = ref.toLowerCase();
  for (const a of state.accounts.values()) {
    if (a.managed && a.title.toLowerCase() === needle) return a;
  }
  return null;
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A fresh 20-character token, the length plex.tv uses. Web Crypto keeps this browser-safe. */
export function newTokenString(state: EmulatorState): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(20));
    const token = Array.from(bytes, (b) => TOKEN_ALPHABET[b % TOKEN_ALPHABET.length]).join('');
    if (!state.tokens.has(token)) return token;
  }
}

export function issueToken(
  state: EmulatorState,
  account: Account,
  options: { rememberMe?: boolean; clientIdentifier?: string | null } = {},
): Token {
  const now = nowSeconds(state);
  const token: Token = {
    token: newTokenString(state),
    accountId: account.id,
    issuedAt: now,
    rememberExpiresAt: tokenExpiry(account, now, options.rememberMe ?? true),
    clientIdentifier: options.clientIdentifier ?? null,
  };
  state.tokens.set(token.token, token);
  return token;
}
