/**
 * Properties of the account decoder: XML ≡ JSON for the same account, and nothing but DecodeError for any
 * input, however hostile.
 */
import fc from 'fast-check';
import { DecodeError, parseUserPlexAccount } from 'plextv';
import { describe, expect, test } from 'vitest';
import { attrs, epoch, flag, opt, text } from './wire-render.js';

// ---- An account as plex.tv would serialise it, rendered both ways by plex.tv's rules (realworld-shapes §0). ----

const wholeSecondIso = epoch.map((s) => new Date(s * 1000).toISOString().replace('.000Z', 'Z'));

const accountArb = fc.record({
  id: fc.integer({ min: 1, max: 2 ** 40 }),
  uuid: fc.stringMatching(/^[0-9a-f]{16}$/),
  authToken: fc.stringMatching(/^[A-Za-z0-9_-]{20}$/),
  username: opt(text),
  email: opt(text),
  friendlyName: opt(text),
  locale: opt(fc.constantFrom('en', 'fr', 'de-DE')),
  confirmed: fc.boolean(),
  protected: fc.boolean(),
  home: fc.boolean(),
  twoFactorEnabled: fc.boolean(),
  anonymous: opt(fc.boolean()),
  adsConsent: opt(fc.boolean()),
  homeSize: fc.integer({ min: 1, max: 15 }),
  joinedAt: epoch,
  rememberExpiresAt: opt(epoch),
  adsConsentSetAt: opt(epoch),
  mailingListStatus: opt(fc.constantFrom('active', 'unsubscribed', 'error', 'something-new')),
  subscription: fc.record({
    active: fc.boolean(),
    subscribedAt: opt(wholeSecondIso),
    status: fc.constantFrom('Active', 'Inactive'),
    plan: opt(fc.constantFrom('lifetime', 'monthly')),
    features: fc.array(fc.stringMatching(/^[a-z][a-z_-]{0,10}$/), { maxLength: 5 }),
  }),
  profile: fc.record({
    autoSelectAudio: fc.boolean(),
    autoSelectSubtitle: fc.integer({ min: 0, max: 2 }),
    defaultSubtitleLanguage: opt(fc.constantFrom('en', 'ja')),
  }),
  entitlements: fc.array(fc.constantFrom('all', 'ios', 'android', 'roku'), { maxLength: 4 }),
  roles: fc.array(fc.constantFrom('plexpass', 'ninja'), { maxLength: 2 }),
  services: fc.array(
    fc.record({ identifier: fc.stringMatching(/^[a-z]{1,8}$/), endpoint: fc.webUrl(), token: opt(text) }),
    { maxLength: 3 },
  ),
});
type Account = typeof accountArb extends fc.Arbitrary<infer T> ? T : never;

function renderJson(a: Account): string {
  const s = a.subscription;
  return JSON.stringify({
    id: a.id,
    uuid: a.uuid,
    username: a.username ?? '',
    email: a.email ?? '',
    friendlyName: a.friendlyName ?? '',
    locale: a.locale ?? null,
    confirmed: a.confirmed,
    joinedAt: a.joinedAt,
    protected: a.protected,
    authToken: a.authToken,
    mailingListStatus: a.mailingListStatus ?? null,
    subscription: {
      active: s.active,
      subscribedAt: s.subscribedAt ?? null,
      status: s.status,
      paymentService: null,
      plan: s.plan ?? null,
      features: s.features,
    },
    anonymous: a.anonymous ?? null,
    home: a.home,
    homeSize: a.homeSize,
    rememberExpiresAt: a.rememberExpiresAt ?? null,
    profile: {
      autoSelectAudio: a.profile.autoSelectAudio,
      defaultSubtitleLanguage: a.profile.defaultSubtitleLanguage ?? null,
      autoSelectSubtitle: a.profile.autoSelectSubtitle,
    },
    entitlements: a.entitlements,
    roles: a.roles,
    services: a.services.map((v) => ({
      identifier: v.identifier,
      endpoint: v.endpoint,
      ...(v.token ? { token: v.token } : {}),
    })),
    adsConsent: a.adsConsent ?? null,
    adsConsentSetAt: a.adsConsentSetAt ?? null,
    twoFactorEnabled: a.twoFactorEnabled,
  });
}

const utc = (iso: string | undefined) => (iso ? iso.replace('T', ' ').replace('Z', ' UTC') : '');

function renderXml(a: Account): string {
  const s = a.subscription;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<user${attrs({
      id: a.id,
      uuid: a.uuid,
      username: a.username ?? '',
      email: a.email ?? '',
      friendlyName: a.friendlyName ?? '',
      locale: a.locale ?? '',
      confirmed: flag(a.confirmed),
      joinedAt: a.joinedAt,
      protected: flag(a.protected),
      authToken: a.authToken,
      mailingListStatus: a.mailingListStatus ?? '',
      anonymous: flag(a.anonymous),
      home: flag(a.home),
      homeSize: a.homeSize,
      rememberExpiresAt: a.rememberExpiresAt ?? '',
      adsConsent: flag(a.adsConsent),
      adsConsentSetAt: a.adsConsentSetAt ?? '',
      twoFactorEnabled: flag(a.twoFactorEnabled),
    })}>`,
    `  <subscription${attrs({ active: flag(s.active), subscribedAt: utc(s.subscribedAt), status: s.status, paymentService: '', plan: s.plan ?? '' })}>`,
    `    <features>${s.features.map((f) => `<feature${attrs({ id: f })}/>`).join('')}</features>`,
    '  </subscription>',
    `  <profile${attrs({
      autoSelectAudio: flag(a.profile.autoSelectAudio),
      defaultSubtitleLanguage: a.profile.defaultSubtitleLanguage ?? '',
      autoSelectSubtitle: a.profile.autoSelectSubtitle,
    })}/>`,
    `  <entitlements>${a.entitlements.map((e) => `<entitlement id="${e}"/>`).join('')}</entitlements>`,
    `  <roles>${a.roles.map((r) => `<role id="${r}"/>`).join('')}</roles>`,
    `  <services>${a.services.map((v) => `<service${attrs({ identifier: v.identifier, endpoint: v.endpoint, token: v.token ?? '', secret: '' })}/>`).join('')}</services>`,
    '</user>',
  ].join('\n');
}

describe('XML ≡ JSON', () => {
  test('the XML and JSON form of the same account decode to deep-equal models', async () => {
    await fc.assert(
      fc.asyncProperty(accountArb, async (a) => {
        const fromJson = await parseUserPlexAccount(renderJson(a));
        const fromXml = await parseUserPlexAccount(renderXml(a));
        expect(fromXml).toStrictEqual(fromJson);
        expect(fromJson.id).toBe(a.id);
        expect(fromJson.joinedAt).toEqual(new Date(a.joinedAt * 1000));
        expect(fromJson.subscription?.subscribedAt?.toISOString().replace('.000Z', 'Z')).toBe(
          a.subscription.subscribedAt,
        );
        expect(fromJson.username).toBe(a.username);
      }),
      { numRuns: 200 },
    );
  });
});

describe('hostile input', () => {
  test('any JSON value: a model or a DecodeError, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        try {
          await parseUserPlexAccount(JSON.stringify(value));
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('any object with the identity fields decodes, whatever else it holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), fc.jsonValue()), async (rest) => {
        const body = JSON.stringify({ ...rest, id: 7, uuid: 'abc' });
        const a = await parseUserPlexAccount(body);
        expect(a.id).toBe(7);
        expect(Array.isArray(a.entitlements)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('any text: a model or a DecodeError', async () => {
    const xmlish = fc
      .array(
        fc.constantFrom(
          '<user',
          ' id="1"',
          ' uuid="u"',
          '>',
          '</user>',
          '<a/>',
          '<!--x-->',
          '&amp;',
          '&bad;',
          '"',
          '<',
          '\u0000',
          'x',
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), xmlish), async (body) => {
        try {
          await parseUserPlexAccount(body);
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('__proto__ and constructor keys stay data and never reach a prototype', async () => {
    const json =
      '{"id":1,"uuid":"u","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"profile":{"__proto__":{"polluted":true}}}';
    const xml =
      '<user id="1" uuid="u" __proto__="x" constructor="y"><__proto__ polluted="1"/><profile __proto__="z"/></user>';
    for (const body of [json, xml]) {
      const a = await parseUserPlexAccount(body);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(a.extra)).toBe(Object.prototype);
      expect(Object.hasOwn(a.extra, '__proto__')).toBe(true);
      expect(Object.getPrototypeOf(a.profile?.extra)).toBe(Object.prototype);
    }
  });

  test('DOCTYPE and custom entities are never expanded', async () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE user [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><user id="1" uuid="u" title="&b;"/>';
    await expect(parseUserPlexAccount(bomb)).rejects.toBeInstanceOf(DecodeError);
    const external =
      '<?xml version="1.0"?><!DOCTYPE user [<!ENTITY x SYSTEM "file:///etc/passwd">]><user id="1" uuid="u" title="&x;"/>';
    await expect(parseUserPlexAccount(external)).rejects.toBeInstanceOf(DecodeError);
    // Standard entities and character references are ordinary text.
    const a = await parseUserPlexAccount('<user id="1" uuid="u" title="Tom &amp; Jerry &#x2019;s"/>');
    expect(a.title).toBe('Tom & Jerry \u2019s');
  });
});
