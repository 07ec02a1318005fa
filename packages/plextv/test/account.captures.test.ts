import { DecodeError, parseUserPlexAccount } from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';

const d = (iso: string) => new Date(iso);

describe('GET /api/v2/user captures', () => {
  test('Home Assistant XML: "" fields are no value, 0/1 flags, "… UTC" subscription date', async () => {
    const a = await parseUserPlexAccount(capture('home-assistant-core/plextv_account.xml'));
    expect(a).toMatchObject({
      id: 12345,
      uuid: '1234567890',
      authToken: 'faketoken',
      username: 'User 1',
      email: 'myplexusername@email.com',
      confirmed: true,
      joinedAt: d('2000-01-01T12:34:56Z'),
      emailOnlyAuth: false,
      hasPassword: true,
      protected: false,
      mailingListStatus: 'unsubscribed',
      mailingListActive: false,
      country: 'CA',
      home: true,
      homeAdmin: true,
      homeSize: 2,
      maxHomeSize: 15,
      rememberExpiresAt: d('2023-04-07T18:55:07Z'),
      twoFactorEnabled: true,
      backupCodesCreated: true,
      experimentalFeatures: false,
      entitlements: ['all'],
      roles: ['plexpass'],
      subscriptions: [],
      services: [],
      extra: {},
    });
    // "" means no value, whatever the field's type.
    for (const key of [
      'locale',
      'anonymous',
      'adsConsent',
      'adsConsentSetAt',
      'subscriptionDescription',
      'scrobbleTypes',
    ] as const) {
      expect(a[key], key).toBeUndefined();
    }
    expect(a.subscription).toEqual({
      active: true,
      subscribedAt: d('2023-09-19T00:00:00Z'),
      status: 'Active',
      paymentService: undefined,
      plan: 'lifetime',
      features: ['companions_sonos'],
      extra: {},
    });
    expect(a.profile).toMatchObject({
      autoSelectAudio: false,
      defaultAudioLanguage: 'en',
      autoSelectSubtitle: 0,
      defaultSubtitleForced: 0,
    });
  });

  test('python-plexapi ACCOUNT_XML decodes like its Home Assistant twin', async () => {
    const a = await parseUserPlexAccount(capture('python-plexapi/payloads.ACCOUNT_XML.xml'));
    expect(a.subscription?.subscribedAt).toEqual(d('2023-03-24T00:00:00Z'));
    expect(a.anonymous).toBeUndefined();
    expect(typeof a.id).toBe('number');
  });

  test('Plex Pass JSON: ISO subscribedAt, epoch adsConsent dates, ints in profile, services with secrets', async () => {
    const a = await parseUserPlexAccount(capture('plex-api.rs/api/v2/user/user_info_plexpass.json'));
    expect(a).toMatchObject({
      id: 12345,
      uuid: '212acf24b07315e5',
      username: 'user@example.com',
      friendlyName: undefined,
      locale: undefined,
      protected: true,
      scrobbleTypes: '10',
      pin: '<pin>',
      subscriptionDescription: 'Lifetime Plex Pass',
      anonymous: undefined,
      adsConsent: true,
      adsConsentSetAt: d('2021-04-13T00:14:11Z'),
      adsConsentReminderAt: d('2022-04-13T00:14:11Z'),
      joinedAt: new Date(1339124759 * 1000),
      roles: ['plexpass'],
      pastSubscriptions: [],
      trials: [],
    });
    expect(a.subscription?.subscribedAt).toEqual(d('2021-10-01T01:02:03Z'));
    expect(a.subscription?.paymentService).toBe('braintree');
    expect(a.subscription?.features).toHaveLength(117);
    expect(a.subscription?.features).toContain('Android - PiP');
    expect(a.subscriptions).toEqual([
      expect.objectContaining({
        id: undefined,
        mode: 'lifetime',
        type: 'plexpass',
        state: 'active',
        renewsAt: undefined,
      }),
    ]);
    expect(a.profile).toEqual({
      autoSelectAudio: true,
      defaultAudioAccessibility: 0,
      defaultAudioLanguage: 'en',
      defaultAudioLanguages: undefined,
      defaultSubtitleLanguage: 'en',
      defaultSubtitleLanguages: undefined,
      autoSelectSubtitle: 0,
      defaultSubtitleAccessibility: 0,
      defaultSubtitleForced: 0,
      watchedIndicator: 1,
      mediaReviewsVisibility: 0,
      mediaReviewsLanguages: undefined,
      extra: {},
    });
    expect(a.services).toHaveLength(18);
    expect(a.services.find((s) => s.identifier === 'imagga-v2')).toEqual({
      identifier: 'imagga-v2',
      endpoint: 'https://api.imagga.com/v2',
      token: 'token3',
      secret: 'secret3',
      status: 'online',
      extra: {},
    });
    expect(a.services.find((s) => s.identifier === 'graph-dev')?.token).toBeUndefined();
    expect(a.extra).toEqual({});
  });

  test('free JSON: null subscription fields, no roles key, int autoSelectSubtitle', async () => {
    const a = await parseUserPlexAccount(capture('plex-api.rs/api/v2/user/user_info_free.json'));
    expect(a.subscription).toMatchObject({
      active: false,
      subscribedAt: undefined,
      status: 'Inactive',
      plan: undefined,
    });
    expect(a.roles).toEqual([]);
    expect(a.profile?.autoSelectSubtitle).toBe(1);
    expect(a.subscriptionDescription).toBeUndefined();
    expect(a.homeAdmin).toBe(false);
  });

  const nullRestrictions = {
    all: undefined,
    movies: undefined,
    music: undefined,
    photos: undefined,
    television: undefined,
  };

  test('managed user (free owner): empty username/email, null restrictions, providers, settings', async () => {
    const a = await parseUserPlexAccount(capture('plex-api.rs/api/v2/user/user_info_free_guest.json'));
    expect(a).toMatchObject({
      id: 23456,
      title: 'Adult',
      restricted: true,
      homeAdmin: false,
      protected: false,
    });
    for (const key of [
      'username',
      'email',
      'mailingListStatus',
      'rememberExpiresAt',
      'restrictionProfile',
    ] as const) {
      expect(a[key], key).toBeUndefined();
    }
    expect(a.providers).toEqual([]);
    expect(a.customRestrictions).toEqual(nullRestrictions);
    expect(a.settings[0]).toMatchObject({
      id: 'experience',
      type: 'json',
      hidden: true,
      updatedAt: new Date(1641399379000),
    });
    expect(JSON.parse(a.settings[0]!.value!)).toMatchObject({ schemaVersion: 5 });
    expect(a.extra).toEqual({});
  });

  test('managed user (Plex Pass owner): protected with a PIN, remember date set', async () => {
    const a = await parseUserPlexAccount(capture('plex-api.rs/api/v2/user/user_info_plexpass_guest.json'));
    expect(a).toMatchObject({
      id: 23456,
      title: 'Name',
      friendlyName: 'Name',
      protected: true,
      pin: '<pin>',
    });
    expect(a.username).toBeUndefined();
    expect(a.email).toBeUndefined();
    expect(a.rememberExpiresAt).toEqual(new Date(1641937035000));
    expect(a.customRestrictions).toEqual(nullRestrictions);
    expect(a.providers).toEqual([]);
    expect(a.settings).toEqual([]);
  });

  test('2022 JSON (before joinedAt, with certificateVersion)', async () => {
    const a = await parseUserPlexAccount(
      capture('plex-api.rs/older-2022-2ddac98/api/v2/user/user_info_plexpass.json'),
    );
    expect(a.certificateVersion).toBe(3);
    expect(a.joinedAt).toBeUndefined();
  });
});

describe('legacy account XML (/users/account, python-plexapi 2021)', () => {
  test('snake_case, authenticationToken, hasPassword="true", features without wrapper, entitlements all="1"', async () => {
    const a = await parseUserPlexAccount(capture('python-plexapi/payloads.ACCOUNT_XML.legacy-777ea754.xml'));
    expect(a).toMatchObject({
      id: 12345,
      uuid: '1234567890',
      authToken: 'faketoken',
      mailingListStatus: 'active',
      hasPassword: true,
      certificateVersion: 2,
      queueEmail: 'queue+1234567890@save.plex.tv',
      queueUid: undefined,
      entitlements: ['all'],
      roles: ['plexpass'],
      services: [],
    });
    expect(a.subscription?.features).toEqual(['companions_sonos']);
    expect(a.profile).toMatchObject({
      autoSelectAudio: true,
      autoSelectSubtitle: 1,
      defaultSubtitleLanguage: 'en',
    });
    // The fixture's <joined-at> is malformed ("12:348:56"): no value rather than a wrong date.
    expect(a.joinedAt).toBeUndefined();
    expect(a.extra).toEqual({ cloudSyncDevice: '', secure: '1' });
  });
});

describe('sign-in captures', () => {
  test('POST /api/v2/users/signin 200 XML (StreamMusic): masked id is a typed error naming the field', async () => {
    const body = capture('StreamMusic/plex.md.users-signin-200.xml');
    const error = await parseUserPlexAccount(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).field).toBe('user.id');
  });

  test('POST /api/v2/users/signin 200 XML (StreamMusic) with a numeric id decodes every section', async () => {
    const body = capture('StreamMusic/plex.md.users-signin-200.xml').replace('id="xxx"', 'id="4242"');
    const a = await parseUserPlexAccount(body, { requireToken: true });
    expect(a).toMatchObject({
      id: 4242,
      uuid: 'xxx',
      authToken: 'xxx',
      anonymous: false,
      subscriptionDescription: 'Lifetime Plex Pass',
      experimentalFeatures: true,
      homeAdmin: false,
      entitlements: ['all', 'roku', 'android', 'xbox_one', 'xbox_360', 'windows', 'windows_phone', 'ios'],
      pastSubscriptions: [],
      trials: [],
    });
    expect(a.subscription).toMatchObject({
      paymentService: 'braintree',
      subscribedAt: d('2024-03-24T05:13:37Z'),
    });
    expect(a.subscription?.features).toHaveLength(94);
    expect(a.profile?.watchedIndicator).toBe(1);
    expect(a.subscriptions).toEqual([
      {
        id: undefined,
        mode: 'lifetime',
        type: 'plexpass',
        state: 'active',
        renewsAt: undefined,
        endsAt: undefined,
        canceled: false,
        gracePeriod: false,
        onHold: false,
        canReactivate: false,
        canUpgrade: false,
        canDowngrade: false,
        canConvert: false,
        transfer: '0',
        billing: { paymentMethodId: undefined, extra: { internalPaymentMethod: {} } },
        extra: {},
      },
    ]);
    expect(a.services).toHaveLength(20);
    // XML writes token="" secret="" for "none".
    expect(a.services.find((s) => s.identifier === 'community')).toMatchObject({
      token: undefined,
      secret: undefined,
    });
  });

  test('legacy /users/sign_in.xml without uuid fails on exactly that identity field', async () => {
    const error = await parseUserPlexAccount(capture('node-plex-api-credentials/sign_in.xml')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).field).toBe('user.uuid');
  });

  test('legacy /users/sign_in.json wrapped in {"user": …} with snake_case and roles object', async () => {
    const a = await parseUserPlexAccount(capture('PlexKit/simple_authentication.json'));
    expect(a).toMatchObject({
      id: 123456,
      authToken: 'authToken',
      joinedAt: d('2012-07-20T15:56:55Z'),
      roles: ['plexpass'],
    });
    expect(a.extra).toMatchObject({ confirmedAt: '2012-08-09T09:37:16Z', forumId: null });
  });

  test('switch-user responses (2019 JSON, legacy XML) are accounts too', async () => {
    const json = await parseUserPlexAccount(capture('PlexKit/switch_user.json'));
    expect(json).toMatchObject({
      id: 123,
      mailingListStatus: 'error',
      certificateVersion: 2,
      queueUid: '659892f732df994f',
    });
    const xml = await parseUserPlexAccount(capture('node-plex-api-credentials/switch_user.xml'));
    expect(xml).toMatchObject({ id: 4321, restricted: true, certificateVersion: 2 });
    expect(xml.authToken).toBeTypeOf('string');
  });

  test('a token is required where the endpoint must return one', async () => {
    const body = JSON.stringify({ id: 1, uuid: 'abcdef0123456789' });
    await expect(parseUserPlexAccount(body)).resolves.toMatchObject({ id: 1 });
    const error = await parseUserPlexAccount(body, { requireToken: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).field).toBe('user.authToken');
  });
});
