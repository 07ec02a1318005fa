/**
 * The legacy `<user>` XML a Home switch answers (node-plex-api-credentials switch_user.xml): snake
 * case attributes, both `authenticationToken` and `authToken`, `<entitlements all>`,
 * `<profile_settings>`, and text children repeating username, e-mail, the join date and the token.
 * python-plexapi's `switchHomeUser` reads the root `authenticationToken`.
 */

import { type UserContext, utcDate } from './account.js';
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
