/**
 * The emulator's mutable world: the records every layer reads (seed/build.ts fills them in from a
 * seed, once; routes change them; wire/ renders them). Collections are Maps keyed by id/token so
 * each area (pins, home, friends, resources) keeps its own.
 */

import type { DeviceJwk } from './jwk.js';
import type { Account } from './model-account.js';
import type { Device, SharingSettings } from './model-device.js';
import type { DiscoverState } from './model-discover.js';
import type { Fault } from './model-fault.js';
import type { SyncItemRecord } from './model-sync.js';
import type { RequestLog } from './request-log.js';

export type { Account, OptOutValue, PlanSubscription, Profile, Service, Setting } from './model-account.js';
export { ONLINE_MEDIA_SOURCE_KEYS, OPT_OUT_VALUES, PROFILE_DEFAULTS } from './model-account.js';
export type { Device, DeviceConnection, LibrarySection, Share, SharingSettings } from './model-device.js';
export { SHARING_FILTER_KEYS, SHARING_FLAG_KEYS } from './model-device.js';
export type { DiscoverItem, DiscoverState, ViewState, WatchlistEntry } from './model-discover.js';
export type { RequestRecord } from './request-log.js';

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

/** A server claim token (`/api/claim/token.json`). */
export interface ClaimToken {
  token: string;
  accountId: number;
  /** epoch seconds */
  createdAt: number;
  /** epoch seconds; dead from this instant on. */
  expiresAt: number;
}

/** A Plex Home: its admin and members. */
export interface Home {
  id: number;
  name: string;
  adminId: number;
  /** All members including the admin, admin first. */
  memberIds: number[];
}

/** A token the emulator issued (legacy or Plex JWT), and whose it is. */
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

/** The whole world the emulator serves: accounts, tokens, homes, friends, shares, devices, PINs, faults. */
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
  /** The last requests seen (a ring buffer: control.requests). */
  requests: RequestLog;
  /** Oldest first (creation order). At most `maxPins`; see state/pins.ts for pruning. */
  pins: Map<number, Pin>;
  /** The newest PIN with each code (upper case), live or not: constant-time lookups by code. */
  pinsByCode: Map<string, Pin>;
  /** The most PINs kept (createEmulator's maxPins). */
  maxPins: number;
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
  /** Mobile Sync items by id (state/sync.ts). */
  syncItems: Map<number, SyncItemRecord>;
  /** Claim tokens by token (expired ones are dropped when a new one is made). */
  claimTokens: Map<string, ClaimToken>;
  /** Friend invitations and friendships, in the order they were made. */
  friendships: Friendship[];
  /** People invited by e-mail who have no account, by their synthetic id. */
  invitees: Map<number, Invitee>;
  /** What one person lets another do: key `sharingKey(grantorId, granteeId)`. */
  sharingSettings: Map<string, SharingSettings>;
  /** The discover/metadata provider's catalogue, watchlists and user state (state/discover.ts). */
  discover: DiscoverState;
  /** Next ids handed out (monotonic, so an id is never reused). */
  nextIds: { account: number; invitee: number; share: number; home: number };
}

/** A claim token lives 4 minutes. */
export const CLAIM_TOKEN_SECONDS = 240;

/** A server's default `productVersion` (and `/identity` version) when the seed gives none. */
export const DEFAULT_SERVER_VERSION = '1.41.0.0000';

/** A 4-character PIN lives 15 minutes, a strong one 30 (every capture agrees). */
export const PIN_SECONDS = 900;
/** How long a strong (OAuth) PIN lives, in seconds. */
export const STRONG_PIN_SECONDS = 1800;
/** Our choice: rubyplex's 2025 capture has ids around 1.17e9. */
export const FIRST_PIN_ID = 1_100_000_001;

/** The first id of each kind of record the emulator makes (seeded or at run time). */
export const FIRST_IDS = { invitee: 20_000_001, share: 60_000_001, home: 50_001 } as const;

export const DAY_SECONDS = 86_400;
/** rememberMe=true keeps a sign-in for 14 days, otherwise 1 day (our documented choice). */
export const REMEMBER_ME_SECONDS = 14 * DAY_SECONDS;
/** How long a sign-in session lasts, in seconds. */
export const SESSION_SECONDS = DAY_SECONDS;

export function nowSeconds(state: EmulatorState): number {
  return Math.floor(state.nowMs / 1000);
}
