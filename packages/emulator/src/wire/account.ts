/**
 * The `/api/v2/user` account model, rendered twice: JSON (key order of plex-api.rs
 * `user_info_plexpass.json`, with the managed-user keys where `user_info_free_guest.json` has them)
 * and XML (attribute order of home-assistant `plextv_account.xml` / StreamMusic `users-signin-200.xml`).
 * The two formats disagree on purpose, exactly as plex.tv does (see the per-field comments).
 */

import { homeOf } from '../state/accounts.js';
import type { Account, EmulatorState, Token } from '../state/model.js';
import type { XmlElement } from './xml.js';

/** Everything a user document needs besides the account itself. */
export interface UserContext {
  account: Account;
  token: Token;
  home: boolean;
  homeSize: number;
  homeAdmin: boolean;
}

/** plex.tv caps a Home at 15 members (every capture says 15). */
const MAX_HOME_SIZE = 15;

export function userContext(state: EmulatorState, account: Account, token: Token): UserContext {
  const home = homeOf(state, account.id);
  return {
    account,
    token,
    home: home !== null,
    homeSize: home ? home.memberIds.length : 1,
    homeAdmin: home !== null && home.adminId === account.id,
  };
}

/**
 * plex.tv's `pin` field is opaque (the captures only show a placeholder) and surely not the PIN in
 * clear, so we send a stable 40-hex digest of it. Unverified: the real format is unknown.
 */
export function pinDigest(pin: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; round < 5; round++) {
    for (const ch of `${round}:${pin}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** `2021-10-01T01:02:03Z`: v2 JSON dates. */
export function isoDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2021-10-01 01:02:03 UTC`: how v2 XML writes `subscription@subscribedAt`. */
export function utcDate(epochSeconds: number): string {
  return isoDate(epochSeconds).replace('T', ' ').replace('Z', ' UTC');
}

// ---- JSON --------------------------------------------------------------------------------------

export function userJson(ctx: UserContext): Record<string, unknown> {
  const a = ctx.account;
  const p = a.profile;
  return {
    id: a.id,
    uuid: a.uuid,
    username: a.username,
    title: a.title,
    email: a.email,
    // JSON keeps "" here (and in scrobbleTypes) where it writes null elsewhere.
    friendlyName: a.friendlyName,
    locale: a.locale,
    confirmed: a.confirmed,
    emailOnlyAuth: a.emailOnlyAuth,
    hasPassword: a.password !== null,
    protected: a.homePin !== null,
    thumb: a.thumb,
    authToken: ctx.token.token,
    mailingListStatus: a.mailingListStatus,
    mailingListActive: a.mailingListActive,
    scrobbleTypes: a.scrobbleTypes,
    country: a.country,
    // `pin` only exists when a Home PIN is set.
    ...(a.homePin !== null ? { pin: pinDigest(a.homePin) } : {}),
    // Managed users carry an (empty) providers list.
    ...(a.managed ? { providers: [] } : {}),
    subscription: {
      active: a.subscription.active,
      subscribedAt: a.subscription.subscribedAt === null ? null : isoDate(a.subscription.subscribedAt),
      status: a.subscription.status,
      paymentService: a.subscription.paymentService,
      plan: a.subscription.plan,
      features: [...a.subscription.features],
    },
    subscriptionDescription: a.subscriptionDescription,
    restricted: a.restricted,
    anonymous: a.anonymous,
    ...(a.managed
      ? {
          restrictionProfile: a.restrictionProfile,
          customRestrictions: { all: null, movies: null, music: null, photos: null, television: null },
        }
      : {}),
    home: ctx.home,
    guest: a.guest,
    homeSize: ctx.homeSize,
    homeAdmin: ctx.homeAdmin,
    maxHomeSize: MAX_HOME_SIZE,
    rememberExpiresAt: ctx.token.rememberExpiresAt,
    // Mixed types are plex.tv's: autoSelectAudio is a bool, the other flags are ints.
    profile: {
      autoSelectAudio: p.autoSelectAudio,
      defaultAudioAccessibility: p.defaultAudioAccessibility,
      defaultAudioLanguage: p.defaultAudioLanguage,
      defaultAudioLanguages: p.defaultAudioLanguages,
      defaultSubtitleLanguage: p.defaultSubtitleLanguage,
      defaultSubtitleLanguages: p.defaultSubtitleLanguages,
      autoSelectSubtitle: p.autoSelectSubtitle,
      defaultSubtitleAccessibility: p.defaultSubtitleAccessibility,
      defaultSubtitleForced: p.defaultSubtitleForced,
      watchedIndicator: p.watchedIndicator,
      mediaReviewsVisibility: p.mediaReviewsVisibility,
      mediaReviewsLanguages: p.mediaReviewsLanguages,
    },
    entitlements: [...a.entitlements],
    // Free accounts have no `roles` key at all.
    ...(a.roles !== null ? { roles: [...a.roles] } : {}),
    ...(a.settings !== null ? { settings: a.settings.map((s) => ({ ...s })) } : {}),
    subscriptions: a.subscriptions.map((s) => ({
      id: s.id,
      mode: s.mode,
      renewsAt: s.renewsAt,
      endsAt: s.endsAt,
      type: s.type,
      transfer: s.transfer,
      state: s.state,
    })),
    pastSubscriptions: [],
    trials: [],
    // Unused token/secret keys are left out in JSON (XML writes "").
    services: a.services.map((s) => ({
      identifier: s.identifier,
      endpoint: s.endpoint,
      ...(s.token !== null ? { token: s.token } : {}),
      ...(s.secret !== null ? { secret: s.secret } : {}),
      status: s.status,
    })),
    adsConsent: a.adsConsent?.consent ?? null,
    adsConsentSetAt: a.adsConsent?.setAt ?? null,
    adsConsentReminderAt: a.adsConsent?.reminderAt ?? null,
    experimentalFeatures: a.experimentalFeatures,
    twoFactorEnabled: a.twoFactorCode !== null,
    backupCodesCreated: a.backupCodesCreated,
    joinedAt: a.joinedAt,
  };
}

// ---- XML ---------------------------------------------------------------------------------------

function list(name: string, itemName: string, ids: string[]): XmlElement {
  return { name, children: ids.map((id) => ({ name: itemName, attrs: [['id', id]] })) };
}

export function userXml(ctx: UserContext): XmlElement {
  const a = ctx.account;
  const p = a.profile;
  return {
    name: 'user',
    attrs: [
      ['id', a.id],
      ['uuid', a.uuid],
      ['username', a.username],
      ['title', a.title],
      ['email', a.email],
      ['friendlyName', a.friendlyName],
      ['locale', a.locale],
      ['confirmed', a.confirmed],
      // XML puts joinedAt right after confirmed; JSON puts it last.
      ['joinedAt', a.joinedAt],
      ['emailOnlyAuth', a.emailOnlyAuth],
      ['hasPassword', a.password !== null],
      ['protected', a.homePin !== null],
      ['thumb', a.thumb],
      ['authToken', ctx.token.token],
      ['mailingListStatus', a.mailingListStatus],
      ['mailingListActive', a.mailingListActive],
      ['scrobbleTypes', a.scrobbleTypes],
      ['country', a.country],
      ['subscriptionDescription', a.subscriptionDescription],
      ['restricted', a.restricted],
      ['anonymous', a.anonymous],
      // Unverified: no XML capture of a managed user; we keep the scalar where JSON has it.
      ...(a.managed ? [['restrictionProfile', a.restrictionProfile] as [string, string | null]] : []),
      ['home', ctx.home],
      ['guest', a.guest],
      ['homeSize', ctx.homeSize],
      ['homeAdmin', ctx.homeAdmin],
      ['maxHomeSize', MAX_HOME_SIZE],
      ['rememberExpiresAt', ctx.token.rememberExpiresAt],
      ['adsConsent', a.adsConsent?.consent ?? null],
      ['adsConsentSetAt', a.adsConsent?.setAt ?? null],
      ['adsConsentReminderAt', a.adsConsent?.reminderAt ?? null],
      ['experimentalFeatures', a.experimentalFeatures],
      ['twoFactorEnabled', a.twoFactorCode !== null],
      ['backupCodesCreated', a.backupCodesCreated],
    ],
    children: [
      {
        name: 'subscription',
        attrs: [
          ['active', a.subscription.active],
          [
            'subscribedAt',
            a.subscription.subscribedAt === null ? null : utcDate(a.subscription.subscribedAt),
          ],
          ['status', a.subscription.status],
          ['paymentService', a.subscription.paymentService],
          ['plan', a.subscription.plan],
        ],
        children: [list('features', 'feature', a.subscription.features)],
      },
      {
        // The XML captures carry only these seven profile attributes.
        name: 'profile',
        attrs: [
          ['autoSelectAudio', p.autoSelectAudio],
          ['defaultAudioLanguage', p.defaultAudioLanguage],
          ['defaultSubtitleLanguage', p.defaultSubtitleLanguage],
          ['autoSelectSubtitle', p.autoSelectSubtitle],
          ['defaultSubtitleAccessibility', p.defaultSubtitleAccessibility],
          ['defaultSubtitleForced', p.defaultSubtitleForced],
          ['watchedIndicator', p.watchedIndicator],
        ],
      },
      list('entitlements', 'entitlement', a.entitlements),
      ...(a.roles !== null ? [list('roles', 'role', a.roles)] : []),
      {
        name: 'subscriptions',
        // XML subscriptions carry more flags than JSON, and a <billing> child.
        children: a.subscriptions.map(
          (s): XmlElement => ({
            name: 'subscription',
            attrs: [
              ['id', s.id],
              ['mode', s.mode],
              ['renewsAt', s.renewsAt],
              ['endsAt', s.endsAt],
              ['canceled', false],
              ['gracePeriod', false],
              ['onHold', false],
              ['canReactivate', false],
              ['canUpgrade', false],
              ['canDowngrade', false],
              ['canConvert', false],
              ['type', s.type],
              // JSON says null, the XML capture says "0" for the same subscription.
              ['transfer', s.transfer === true],
              ['state', s.state],
            ],
            children: [
              {
                name: 'billing',
                attrs: [['paymentMethodId', null]],
                children: [{ name: 'internalPaymentMethod' }],
              },
            ],
          }),
        ),
      },
      { name: 'pastSubscriptions', children: [] },
      { name: 'trials', children: [] },
      {
        name: 'services',
        children: a.services.map(
          (s): XmlElement => ({
            name: 'service',
            attrs: [
              ['identifier', s.identifier],
              ['endpoint', s.endpoint],
              ['token', s.token],
              ['secret', s.secret],
              ['status', s.status],
            ],
          }),
        ),
      },
    ],
  };
}
