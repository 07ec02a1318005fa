/**
 * An account's records (the wire's user document): what a seed account is normalised into, and
 * what sign-in, Home and the settings endpoints read and change.
 */

/** `profile` as plex.tv sends it (JSON types). Every key is optional in the seed. */
export interface Profile {
  autoSelectAudio: boolean;
  defaultAudioAccessibility: number;
  defaultAudioLanguage: string | null;
  defaultAudioLanguages: string[] | null;
  defaultSubtitleLanguage: string | null;
  defaultSubtitleLanguages: string[] | null;
  autoSelectSubtitle: number;
  defaultSubtitleAccessibility: number;
  defaultSubtitleForced: number;
  watchedIndicator: number;
  mediaReviewsVisibility: number;
  mediaReviewsLanguages: string[] | null;
}

/** The values an online media source can take (python-plexapi `AccountOptOut.CHOICES`). */
export type OptOutValue = 'opt_in' | 'opt_out' | 'opt_out_managed';
export const OPT_OUT_VALUES: readonly OptOutValue[] = ['opt_in', 'opt_out', 'opt_out_managed'];

/** One of an account's `services` entries. */
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

/** One of an account's `settings` entries. */
export interface Setting {
  id: string;
  type: string;
  value: string;
  hidden: boolean;
  updatedAt: number;
}

/** An account in the emulator's state (full or managed). */
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
  onlineMediaSources: Map<string, OptOutValue>;
  /** `/api/v2/user/view_state_sync`. */
  viewStateSync: boolean;
}

/** Online media sources every account has (the old spec's example keys); all "opt_in" by default. */
export const ONLINE_MEDIA_SOURCE_KEYS = [
  'tv.plex.provider.podcasts',
  'tv.plex.provider.news',
  'tv.plex.provider.webshows',
  'tv.plex.provider.music',
  'tv.plex.provider.vod',
  'scrobbling',
] as const;

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
