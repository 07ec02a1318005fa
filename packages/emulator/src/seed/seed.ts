/**
 * The seed: the plain-JSON description of the emulator's starting world. Everything here is
 * JSON-friendly (dates are ISO strings or epoch numbers) so a seed can live in a file and be loaded
 * with `loadSeed` / `plextv-emulator --seed file.json`.
 */

import type { OptOutValue, Profile } from '../state/model.js';
import type { SeedDate } from './check.js';
import type { SeedDevice } from './devices.js';
import type { SeedFriend } from './friends.js';
import type { SeedWatchlist } from './watchlists.js';

export type { SeedConnection, SeedDevice, SeedShare, SeedSyncList } from './devices.js';
export type { SeedFriend, SeedLibrarySection, SeedSharingSettings } from './friends.js';
export type { SeedWatchlist } from './watchlists.js';
export type { SeedDate };

/** One of a seed account's `services` entries. */
export interface SeedService {
  identifier: string;
  endpoint: string;
  /** Omitted => JSON leaves the key out, XML writes `token=""` (as plex.tv does). */
  token?: string;
  secret?: string;
  /** Default "online". */
  status?: string;
}

/** `profile` as plex.tv sends it (JSON types). Every key is optional in the seed. */
export type SeedProfile = Profile;

/** A seed account's Plex Pass subscription. */
export interface SeedPlexPass {
  /** Only "lifetime" is backed by captures; the others are accepted but their wire details are guesses. */
  plan: 'lifetime' | 'monthly' | 'yearly';
  subscribedAt: SeedDate;
  /** Default "braintree". */
  paymentService?: string;
  /** Default: "Lifetime Plex Pass" for lifetime, else "Plex Pass". */
  description?: string;
}

/** A pre-issued token. A bare string means `{ token, rememberMe: true }`. */
export interface SeedToken {
  token: string;
  /** Expiry reported in `rememberExpiresAt`: seed clock + 14 days if true (default), + 1 day if false. */
  rememberMe?: boolean;
}

/** One of a seed account's `settings` entries. */
export interface SeedSetting {
  id: string;
  type: string;
  /** For type "json" this is a JSON document *as a string*, like plex.tv sends it. */
  value: string;
  hidden: boolean;
  updatedAt: SeedDate;
}

/** One account of a seed: its login, password, 2FA, tokens, Plex Pass, profile and settings. */
export interface SeedAccount {
  /** plex.tv account id (a JSON int). */
  id: number;
  /** 16 lower-case hex characters. */
  uuid: string;
  /** Sign-in name. Must be empty/omitted for managed users (`managed: true`), who cannot sign in. */
  username?: string;
  email?: string;
  /** Display title. Default: the username. */
  title?: string;
  /** Default "". */
  friendlyName?: string;
  /** Omitted => `hasPassword: false` and password sign-in is impossible. */
  password?: string;
  /**
   * Two-factor authentication. When set, 2FA is enabled and THIS code is the only valid
   * verification code (sent as `verificationCode`, or appended to the password as legacy clients
   * do). Any other code answers 401 code 1029. demoSeed uses "123456".
   */
  twoFactorCode?: string;
  backupCodesCreated?: boolean;
  /** A managed Home user: no username, email or password; restricted by default. */
  managed?: boolean;
  /** The Home's guest user. */
  guest?: boolean;
  /** Default: `managed`. */
  restricted?: boolean;
  /** "little_kid" | "older_kid" | "teen" | null (managed users only). */
  restrictionProfile?: string | null;
  /** A Home PIN (4 digits). Setting one makes the account `protected`. */
  homePin?: string;
  /** Default "US". */
  country?: string;
  /** Default null. */
  locale?: string | null;
  /** Default: true for normal accounts, false for managed ones. */
  confirmed?: boolean;
  emailOnlyAuth?: boolean;
  /** Default "unsubscribed" (null for managed users). */
  mailingListStatus?: string | null;
  mailingListActive?: boolean;
  /** Default "". */
  scrobbleTypes?: string;
  joinedAt: SeedDate;
  /** The `c=` of the avatar URL `https://plex.tv/users/<uuid>/avatar?c=<n>`. Default: joinedAt in epoch seconds. */
  avatarVersion?: number;
  /** Omitted => a free account. */
  plexPass?: SeedPlexPass;
  /** `subscription.features`. */
  features?: string[];
  entitlements?: string[];
  /** Omitted => the `roles` key is absent (as for free accounts on plex.tv). */
  roles?: string[];
  /** Default: a small list of fake services (tokens "emulator-service-token"). */
  services?: SeedService[];
  profile?: Partial<SeedProfile>;
  /** Default null (never asked). */
  adsConsent?: { consent: boolean; setAt: SeedDate; reminderAt: SeedDate } | null;
  experimentalFeatures?: boolean;
  /** `settings[]` (plex.tv sends it for managed users). Default: [] for managed users, absent otherwise. */
  settings?: SeedSetting[];
  /** Pre-issued tokens, so tests and demos are deterministic. */
  tokens?: Array<string | SeedToken>;
  /** Webhook URLs (`/api/v2/user/webhooks`; only Plex Pass accounts may use them). Default []. */
  webhooks?: string[];
  /** Analytics opt-outs (`/api/v2/user/privacy`). Default: both false. */
  privacy?: { optOutPlayback?: boolean; optOutLibraryStats?: boolean };
  /**
   * Online media sources (`/api/v2/user/{uuid}/settings/opt_outs`): provider key -> value, merged
   * over the defaults (every key in `ONLINE_MEDIA_SOURCE_KEYS` is "opt_in").
   */
  onlineMediaSources?: Record<string, SeedOptOutValue>;
  /** Watch-state sync consent (`/api/v2/user/view_state_sync`). Default false. */
  viewStateSync?: boolean;
}

/** The values an online media source can take (python-plexapi `AccountOptOut.CHOICES`). */
export type SeedOptOutValue = OptOutValue;

/** A Plex Home of a seed: its admin and members. */
export interface SeedHome {
  id: number;
  name: string;
  /** The admin (owner): account id, username or email. */
  admin: number | string;
  /** The other members (managed users, guest, invited accounts): id, username or email. */
  members: Array<number | string>;
}

/** A world to start the emulator with: accounts, homes, friends, shares, devices (`--seed file.json`). */
export interface EmulatorSeed {
  accounts: SeedAccount[];
  homes?: SeedHome[];
  /**
   * Devices registered to the accounts (`/devices.xml`); those that provide server, client or player
   * are also resources (`/api/v2/resources`). Servers can be shared with other accounts.
   */
  devices?: SeedDevice[];
  /**
   * Friendships and pending friend invitations (an invitation can go to an e-mail address without
   * an account). Shares in `devices[].sharedWith` make their two accounts friends when this says
   * nothing about them.
   */
  friends?: SeedFriend[];
  /** Watchlists on the discover provider (items are catalogue ratingKeys), their privacy and watched items. */
  watchlists?: SeedWatchlist[];
  /** ISO clock start. The clock is frozen until `control.setClock` moves it. Default: 2025-01-15T12:00:00Z. */
  now?: string;
}

export const DEFAULT_NOW = '2025-01-15T12:00:00Z';

/** Find a seed account by id, username or email (case-insensitive); undefined when absent. */
export function findSeedAccount(accounts: SeedAccount[], ref: number | string): SeedAccount | undefined {
  if (typeof ref === 'number') return accounts.find((a) => a.id === ref);
  const needle = ref.toLowerCase();
  return accounts.find(
    (a) =>
      (a.username !== undefined && a.username !== '' && a.username.toLowerCase() === needle) ||
      (a.email !== undefined && a.email !== '' && a.email.toLowerCase() === needle),
  );
}

/** The id of the seed account `ref` names (id, username or email), or null. */
export function seedAccountId(accounts: SeedAccount[], ref: number | string): number | null {
  return findSeedAccount(accounts, ref)?.id ?? null;
}
