/** One seed account -> its Account record (every default filled in). */

import {
  type Account,
  ONLINE_MEDIA_SOURCE_KEYS,
  type OptOutValue,
  PROFILE_DEFAULTS,
} from '../state/model.js';
import { seedDateToEpoch } from './check.js';
import type { SeedAccount } from './seed.js';

/** `path` names the account in errors (`seed.accounts[i]`). */
export function buildAccount(a: SeedAccount, path: string): Account {
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
    services: (a.services ?? []).map((s) => ({
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
      ...ONLINE_MEDIA_SOURCE_KEYS.map((k): [string, OptOutValue] => [k, 'opt_in']),
      ...Object.entries(a.onlineMediaSources ?? {}),
    ]),
    viewStateSync: a.viewStateSync ?? false,
  };
  return account;
}
