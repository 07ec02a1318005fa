/**
 * The legacy `<user>` XML a Home switch answers (node-plex-api-credentials switch_user.xml): snake
 * case attributes, both `authenticationToken` and `authToken`, `<entitlements all>`,
 * `<profile_settings>`, and text children repeating username, e-mail, the join date and the token.
 * python-plexapi's `switchHomeUser` reads the root `authenticationToken`.
 */

import { isoDate, type UserContext, utcDate } from './account.js';
import type { XmlElement } from './xml.js';

/** `<username/>` when empty (as captured), `<username>x</username>` otherwise. */
function textElement(name: string, text: string, attrs?: XmlElement['attrs']): XmlElement {
  return text === '' ? { name, ...(attrs ? { attrs } : {}) } : { name, ...(attrs ? { attrs } : {}), text };
}

export function legacyUserXml(ctx: UserContext): XmlElement {
  const a = ctx.account;
  const token = ctx.token.token;
  return {
    name: 'user',
    attrs: [
      ['email', a.email],
      ['id', a.id],
      ['uuid', a.uuid],
      ['mailing_list_status', a.mailingListStatus],
      ['thumb', a.thumb],
      ['username', a.username],
      ['title', a.title],
      ['cloudSyncDevice', ''],
      ['locale', a.locale],
      ['authenticationToken', token],
      ['authToken', token],
      ['scrobbleTypes', a.scrobbleTypes],
      ['restricted', a.restricted],
      ['home', ctx.home],
      ['guest', a.guest],
      ['homeSize', ctx.homeSize],
      ['secure', true],
      // The 2016-era capture says 2; the modern v2 user has no certificateVersion at all.
      ['certificateVersion', 2],
    ],
    children: [
      {
        name: 'entitlements',
        attrs: [['all', a.entitlements.includes('all')]],
        children: a.entitlements
          .filter((e) => e !== 'all')
          .map((id): XmlElement => ({ name: 'entitlement', attrs: [['id', id]] })),
      },
      {
        name: 'profile_settings',
        attrs: [
          ['auto_select_audio', a.profile.autoSelectAudio],
          ['auto_select_subtitle', a.profile.autoSelectSubtitle],
          ['default_audio_language', a.profile.defaultAudioLanguage],
          ['default_subtitle_language', a.profile.defaultSubtitleLanguage],
        ],
      },
      textElement('username', a.username),
      textElement('email', a.email),
      textElement('joined-at', utcDate(a.joinedAt), [['type', 'datetime']]),
      textElement('authentication-token', token),
    ],
  };
}

/**
 * `POST /users/sign_in.json` (PlexKit simple_authentication.json): `{"user": {…}}` with both
 * `authToken` and `authentication_token`, ISO `joined_at`/`confirmedAt`, and `roles` as an object
 * `{"roles": […]}`. We have no confirmation date, so `confirmedAt` repeats the join date (our choice).
 */
export function legacySignInJson(ctx: UserContext): { user: Record<string, unknown> } {
  const a = ctx.account;
  const token = ctx.token.token;
  return {
    user: {
      id: a.id,
      uuid: a.uuid,
      email: a.email,
      joined_at: isoDate(a.joinedAt),
      username: a.username,
      title: a.title,
      thumb: a.thumb,
      hasPassword: a.password !== null,
      authToken: token,
      authentication_token: token,
      subscription: {
        active: a.subscription.active,
        status: a.subscription.status,
        plan: a.subscription.plan,
        features: [...a.subscription.features],
      },
      roles: { roles: [...(a.roles ?? [])] },
      entitlements: [...a.entitlements],
      confirmedAt: a.confirmed ? isoDate(a.joinedAt) : null,
      forumId: null,
      ssoCookie: true,
      rememberMe: ctx.token.rememberExpiresAt !== null,
      // Beyond the capture: what @ctrl/plex's MyPlexAccount also reads from a signed-in user.
      locale: a.locale,
      home: ctx.home,
      homeSize: ctx.homeSize,
      maxHomeSize: 15,
      guest: a.guest,
      restricted: a.restricted,
      mailingListStatus: a.mailingListStatus,
      mailingListActive: a.mailingListActive,
      scrobbleTypes: a.scrobbleTypes,
    },
  };
}
