/**
 * `UserPlexAccount`: the plex.tv account, as `/api/v2/user`, `/api/v2/home/user` and sign-in return it.
 *
 * Every field of the seed models plus the ones real captures show (`providers`, `restrictionProfile`,
 * `customRestrictions`, `settings`, `certificateVersion`, `queueEmail`, …). Legacy spellings
 * (`authenticationToken`, `mailing_list_status`, `<profile_settings>`, `<joined-at>`) decode to the same fields.
 */

import { FieldTable } from '../wire/table.js';
import { setOwn } from '../wire/values.js';
import type { Wire } from '../wire/wire.js';
import { decodeProfile, type UserProfile } from './profile.js';
import { bool, type DecodeContext, missing, str, strList } from './read.js';
import { type AccountService, decodeService } from './service.js';
import {
  type AccountSubscription,
  decodeAccountSubscription,
  decodeSubscription,
  type Subscription,
} from './subscription.js';

/** The newsletter status. Open: plex.tv has sent values beyond these. */
export type MailingListStatus = 'active' | 'unsubscribed' | 'inactive' | 'pending' | 'error' | (string & {});

/** A Plex Home managed user's restriction profile. Open for new profiles. */
export type RestrictionProfile = 'little_kid' | 'older_kid' | 'teen' | (string & {});

/** Per-library-type content restrictions of a managed user (null/absent when unrestricted). */
export interface CustomRestrictions {
  all?: string;
  movies?: string;
  music?: string;
  photos?: string;
  television?: string;
}

/** One entry of `settings` (sent for managed and switched-to users). */
export interface AccountSetting {
  id: string;
  /** e.g. `json`: then `value` is a JSON document in a string. */
  type?: string;
  value?: string;
  hidden?: boolean;
  updatedAt?: Date;
  extra: Record<string, unknown>;
}

/** The plex.tv account: every field plex.tv sends, decoded alike from XML and JSON; unknown fields in `extra`. */
export interface UserPlexAccount {
  /** The Plex account id. */
  id: number;
  /** The account's 16-hex uuid (used by Home switching and avatars). */
  uuid: string;
  /**
   * The account token. A secret: send it only as `X-Plex-Token`, never log it. Present on sign-in,
   * `/api/v2/user` and `/api/v2/home/user`.
   */
  authToken?: string;
  /** Username; empty (undefined) for managed Home users. Can be an e-mail address. */
  username?: string;
  /** Display title (username or the managed user's name). */
  title?: string;
  email?: string;
  friendlyName?: string;
  locale?: string;
  confirmed?: boolean;
  emailOnlyAuth?: boolean;
  hasPassword?: boolean;
  /** The account has a Plex Home PIN. */
  protected?: boolean;
  thumb?: string;
  mailingListStatus?: MailingListStatus;
  mailingListActive?: boolean;
  /** Raw scrobble types (e.g. `"10"`); plex.tv does not document them. */
  scrobbleTypes?: string;
  /** Two-letter country code. */
  country?: string;
  /** @deprecated plex.tv's hashed Home PIN; it may disappear. */
  pin?: string;
  subscription?: Subscription;
  /** e.g. `Lifetime Plex Pass`. */
  subscriptionDescription?: string;
  /** A Plex Home managed user. */
  restricted?: boolean;
  anonymous?: boolean;
  /** Member of a Plex Home. */
  home?: boolean;
  /** A Plex Home guest. */
  guest?: boolean;
  homeAdmin?: boolean;
  homeSize?: number;
  maxHomeSize?: number;
  rememberExpiresAt?: Date;
  profile?: UserProfile;
  /** Platforms the account may use (`all`, `ios`, `android`, …). */
  entitlements: string[];
  /** e.g. `plexpass`. */
  roles: string[];
  services: AccountService[];
  subscriptions: AccountSubscription[];
  pastSubscriptions: AccountSubscription[];
  trials: AccountSubscription[];
  adsConsent?: boolean;
  adsConsentSetAt?: Date;
  adsConsentReminderAt?: Date;
  experimentalFeatures?: boolean;
  twoFactorEnabled?: boolean;
  backupCodesCreated?: boolean;
  joinedAt?: Date;
  attributionPartner?: string;
  /** Managed users: `little_kid`, `older_kid`, `teen`, or undefined. */
  restrictionProfile?: RestrictionProfile;
  customRestrictions?: CustomRestrictions;
  /** Sign-in providers linked to the account (raw objects; only ever seen empty). */
  providers: unknown[];
  settings: AccountSetting[];
  /** Sent until 2022. */
  certificateVersion?: number;
  /** Legacy: the e-mail address that adds items to Watch Later. */
  queueEmail?: string;
  queueUid?: string;
  /** Fields plex.tv sent that this model does not name, kept as plain data. */
  extra: Record<string, unknown>;
}

const FLAGS = [
  'confirmed',
  'emailOnlyAuth',
  'hasPassword',
  'protected',
  'mailingListActive',
  'restricted',
  'anonymous',
  'home',
  'guest',
  'homeAdmin',
  'adsConsent',
  'experimentalFeatures',
  'twoFactorEnabled',
  'backupCodesCreated',
] as const;

const STRINGS = [
  'username',
  'title',
  'email',
  'friendlyName',
  'locale',
  'thumb',
  'scrobbleTypes',
  'country',
  'pin',
  'subscriptionDescription',
  'attributionPartner',
  'restrictionProfile',
  'queueEmail',
  'queueUid',
] as const;

const TOKEN_KEYS = ['authToken', 'authenticationToken', 'authentication_token', 'authentication-token'];

/** The account's scalar fields (wire keys by priority) and the keys its decoder reads itself. */
const TABLE = new FieldTable(
  [
    ['id', 'int'],
    ['uuid', 'str'],
    ['authToken', 'str', ...TOKEN_KEYS],
    ['mailingListStatus', 'str', 'mailingListStatus', 'mailing_list_status'],
    ['homeSize', 'int'],
    ['maxHomeSize', 'int'],
    ['certificateVersion', 'int'],
    ['rememberExpiresAt', 'date'],
    ['adsConsentSetAt', 'date'],
    ['adsConsentReminderAt', 'date'],
    ['joinedAt', 'date', 'joinedAt', 'joined_at', 'joined-at'],
    ...FLAGS.map((key) => [key, 'bool'] as const),
    ...STRINGS.map((key) => [key, 'str'] as const),
  ],
  [
    'subscription',
    'profile',
    'entitlements',
    'roles',
    'services',
    'subscriptions',
    'pastSubscriptions',
    'trials',
    'customRestrictions',
    'providers',
    'settings',
    // Legacy spelling of `profile`.
    'profile_settings',
  ],
);

/** How `decodeAccount` / `parseUserPlexAccount` decode: where the body came from, and whether a token is required. */
export interface AccountDecodeOptions extends DecodeContext {
  /** Fail when the account carries no token (sign-in and `/api/v2/user` must return one). */
  requireToken?: boolean;
}

/** Decode one account object. Only a missing `id`, `uuid` (or token, when required) is an error. */
export function decodeAccount(input: Wire, options: AccountDecodeOptions = {}): UserPlexAccount {
  // The legacy sign_in.json wraps the account: {"user": {…}}.
  const user = input.format === 'json' ? input.object('user') : undefined;
  const wrapped = user !== undefined && input.keys().length === 1 ? user : undefined;
  const w = wrapped ?? input;
  // v: the table's scalars in its order, then `extra`; the model lists its fields in their historical order.
  const v = TABLE.read(w);
  const account: UserPlexAccount = {
    id: v[0],
    uuid: v[1],
    authToken: v[2],
    mailingListStatus: v[3],
    homeSize: v[4],
    maxHomeSize: v[5],
    certificateVersion: v[6],
    rememberExpiresAt: v[7],
    adsConsentSetAt: v[8],
    adsConsentReminderAt: v[9],
    joinedAt: v[10],
    entitlements: NONE,
    roles: NONE,
    services: NONE,
    subscriptions: NONE,
    pastSubscriptions: NONE,
    trials: NONE,
    providers: NONE,
    settings: NONE,
    extra: v[39],
    confirmed: v[11],
    emailOnlyAuth: v[12],
    hasPassword: v[13],
    protected: v[14],
    mailingListActive: v[15],
    restricted: v[16],
    anonymous: v[17],
    home: v[18],
    guest: v[19],
    homeAdmin: v[20],
    adsConsent: v[21],
    experimentalFeatures: v[22],
    twoFactorEnabled: v[23],
    backupCodesCreated: v[24],
    username: v[25],
    title: v[26],
    email: v[27],
    friendlyName: v[28],
    locale: v[29],
    thumb: v[30],
    scrobbleTypes: v[31],
    country: v[32],
    pin: v[33],
    subscriptionDescription: v[34],
    attributionPartner: v[35],
    restrictionProfile: v[36],
    queueEmail: v[37],
    queueUid: v[38],
  };
  // Identity fields first, in this order: the first one missing is the error.
  if (account.id === undefined) throw missing(w, 'id', w.get('id'), 'an integer', options);
  if (account.uuid === undefined) throw missing(w, 'uuid', w.get('uuid'), 'a non-empty string', options);
  if (options.requireToken && account.authToken === undefined) {
    throw missing(w, 'authToken', w.get('authToken'), 'a non-empty string', options);
  }
  account.entitlements = entitlements(w);
  account.roles = strList(w, 'roles');
  account.services = w.objects('services').map((s) => decodeService(s, options));
  account.subscriptions = w.objects('subscriptions').map(decodeAccountSubscription);
  account.pastSubscriptions = w.objects('pastSubscriptions').map(decodeAccountSubscription);
  account.trials = w.objects('trials').map(decodeAccountSubscription);
  account.providers = providers(w);
  account.settings = w.objects('settings').map(decodeSetting);
  const subscription = w.object('subscription');
  if (subscription) account.subscription = decodeSubscription(subscription);
  const profile = w.object('profile') ?? w.object('profile_settings');
  if (profile) account.profile = decodeProfile(profile);
  const restrictions = w.object('customRestrictions');
  if (restrictions) {
    account.customRestrictions = {
      all: str(restrictions, 'all'),
      movies: str(restrictions, 'movies'),
      music: str(restrictions, 'music'),
      photos: str(restrictions, 'photos'),
      television: str(restrictions, 'television'),
    };
  }
  return account;
}

/** Placeholder of the list fields until they are decoded (never returned). */
const NONE: never[] = [];

/** `<entitlements all="1"/>` (legacy) means every platform; `all="0"` none. */
function entitlements(w: Wire): string[] {
  const legacy = w.object('entitlements');
  if (legacy && legacy.format === 'xml' && legacy.keys().includes('all')) {
    return bool(legacy, 'all') ? ['all'] : [];
  }
  return strList(w, 'entitlements');
}

function providers(w: Wire): unknown[] {
  const raw = w.plain('providers');
  if (Array.isArray(raw)) return raw;
  return w.objects('providers').map((p) => {
    const out: Record<string, unknown> = {};
    for (const key of p.keys()) setOwn(out, key, p.plain(key));
    return out;
  });
}

const SETTING = new FieldTable([
  ['id', 'str'],
  ['type', 'str'],
  ['value', 'str'],
  ['hidden', 'bool'],
  ['updatedAt', 'date'],
]);

function decodeSetting(w: Wire): AccountSetting {
  const v = SETTING.read(w);
  return { id: v[0] ?? '', type: v[1], value: v[2], hidden: v[3], updatedAt: v[4], extra: v[5] };
}
