import {
  AbortedError,
  authUrl,
  createClient,
  createPin,
  DecodeError,
  linkPin,
  type Pin,
  PinExpiredError,
  parsePin,
  waitForPin,
} from 'plextv';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { capture } from './captures.js';
import { json, scriptedFetch } from './fake-fetch.js';

describe('PIN captures', () => {
  test('POST /api/v2/pins (plex-api.rs): null token, snake_case location, string postal code', async () => {
    const pin = await parsePin(capture('plex-api.rs/api/v2/pins_new.json'));
    expect(pin).toMatchObject({
      id: 111222333,
      code: 'CODE',
      product: '0',
      trusted: false,
      clientIdentifier: 'ClientId',
      expiresIn: 900,
      createdAt: new Date('2022-02-01T00:00:00Z'),
      expiresAt: new Date('2022-02-01T00:15:00Z'),
      authToken: undefined,
      newRegistration: undefined,
      qr: undefined,
    });
    expect(pin.location).toEqual({
      code: 'GB',
      country: 'United Kingdom',
      city: 'London',
      continentCode: 'EU',
      europeanUnionMember: false,
      inPrivacyRestrictedCountry: true,
      inPrivacyRestrictedRegion: undefined,
      timeZone: 'Europe/London',
      postalCode: 'N19',
      subdivisions: 'England, Windsor and Maidenhead',
      coordinates: '51.000, -1',
      extra: {},
    });
  });

  test('GET /api/v2/pins/{id} once linked: token and newRegistration=false', async () => {
    const pin = await parsePin(capture('plex-api.rs/api/v2/pins_linked.json'));
    expect(pin.authToken).toBe('auth_token');
    expect(pin.newRegistration).toBe(false);
  });

  test('PlexKit 2020 PIN: no EU/continent fields; pin without token', async () => {
    const linked = await parsePin(capture('PlexKit/pin.json'));
    expect(linked).toMatchObject({ id: 12345, code: 'XY7Z', authToken: 'authToken' });
    expect(linked.location).toMatchObject({
      city: 'Adelaide',
      postalCode: '5000',
      continentCode: undefined,
      europeanUnionMember: undefined,
    });
    const fresh = await parsePin(capture('PlexKit/pin_no_id.json'));
    expect(fresh.authToken).toBeUndefined();
  });

  test('rubyplex 2025 PIN: qr, product echo, in_privacy_restricted_region', async () => {
    const pin = await parsePin(capture('rubyplex/auth.rb.pin-sample-response.json'));
    expect(pin).toMatchObject({
      id: 1174342418,
      code: 'KYLX',
      product: 'RubyPlex',
      qr: 'https://plex.tv/api/v2/pins/qr/KYLX',
    });
    expect(pin.location?.inPrivacyRestrictedRegion).toBe(false);
  });

  test('dashotv strong PIN: JSONC with a leading-zero id is refused; its data decodes once made JSON', async () => {
    const raw = capture('dashotv-tower/pins.go.pin-response.jsonc');
    await expect(parsePin(raw)).rejects.toBeInstanceOf(DecodeError);
    const cleaned = raw.replace(/ \/\/ .*$/gm, '').replace('"id": 00000000000', '"id": 1');
    const pin = await parsePin(cleaned);
    expect(pin.code).toHaveLength(25);
    expect(pin.expiresIn).toBe(1800);
  });

  test('XML PIN decodes like the JSON one', async () => {
    const pin = await parsePin(
      '<pin id="7" code="ABCD" product="App" trusted="0" clientIdentifier="c" expiresIn="900" createdAt="2025-01-01T00:00:00Z" expiresAt="2025-01-01T00:15:00Z" authToken="" newRegistration=""><location code="US" european_union_member="0" postal_code="02139"/></pin>',
    );
    expect(pin).toMatchObject({ id: 7, trusted: false, authToken: undefined, newRegistration: undefined });
    expect(pin.location).toMatchObject({ code: 'US', europeanUnionMember: false, postalCode: '02139' });
  });
});

describe('auth URL', () => {
  test('every parameter encoded, brackets included; round-trips through URLSearchParams', () => {
    const client = createClient({
      clientIdentifier: 'id with spaces & symbols',
      product: 'My App',
      version: '1.0',
      platform: 'Chrome',
      platformVersion: '131',
      device: 'Linux',
      deviceName: 'Living room',
    });
    const url = authUrl(client, { code: 'abc123' }, { forwardUrl: 'https://app.example/done?x=1&y=2' });
    expect(url.startsWith('https://app.plex.tv/auth#?')).toBe(true);
    expect(url).toContain('context%5Bdevice%5D%5Bproduct%5D=My%20App');
    const params = new URLSearchParams(url.split('#?')[1]);
    expect(Object.fromEntries(params)).toEqual({
      clientID: 'id with spaces & symbols',
      code: 'abc123',
      'context[device][product]': 'My App',
      'context[device][version]': '1.0',
      'context[device][platform]': 'Chrome',
      'context[device][platformVersion]': '131',
      'context[device][device]': 'Linux',
      'context[device][deviceName]': 'Living room',
      forwardUrl: 'https://app.example/done?x=1&y=2',
    });
    expect(authUrl(client, { code: 'x' }, { authAppUrl: 'http://127.0.0.1:9/auth/' })).toMatch(
      /^http:\/\/127\.0\.0\.1:9\/auth#\?clientID=/,
    );
  });

  test("the client's authAppUrl is followed (a per-call one wins); no app version is made up", () => {
    const client = createClient({
      clientIdentifier: 'c',
      product: 'My App',
      authAppUrl: 'http://127.0.0.1:9/auth',
    });
    expect(authUrl(client, { code: 'x' })).toMatch(/^http:\/\/127\.0\.0\.1:9\/auth#\?clientID=c&/);
    expect(authUrl(client, { code: 'x' }, { authAppUrl: 'http://localhost:8/a' })).toMatch(
      /^http:\/\/localhost:8\/a#\?/,
    );
    // My App named no version: neither the header nor the auth URL claims plextv's version as its own.
    expect(client.identityHeaders['X-Plex-Version']).toBeUndefined();
    expect(
      new URLSearchParams(authUrl(client, { code: 'x' }).split('#?')[1]).has('context[device][version]'),
    ).toBe(false);
  });
});

describe('waiting for a PIN (fake timers)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const pinBody = (authToken: string | null, extra: Record<string, unknown> = {}) => ({
    id: 42,
    code: 'ABCD',
    expiresIn: 900,
    authToken,
    ...extra,
  });

  async function created(steps: Parameters<typeof scriptedFetch>[0]) {
    const { fetch, calls } = scriptedFetch([json(pinBody(null), 201), ...steps]);
    const client = createClient({ clientIdentifier: 'c', fetch, retry: { attempts: 1 } });
    const pin = await createPin(client, { strong: true });
    return { client, pin, calls };
  }

  test('polls every second until approved, and creates strong PINs with ?strong=true', async () => {
    vi.useFakeTimers();
    const { client, pin, calls } = await created([
      json(pinBody(null)),
      json(pinBody(null)),
      json(pinBody('the-token')),
    ]);
    expect(calls[0]!.url).toBe('https://plex.tv/api/v2/pins?strong=true');
    expect(calls[0]!.method).toBe('POST');
    const polls: Pin[] = [];
    const done = waitForPin(client, pin, { onPoll: (p) => polls.push(p) });
    await vi.advanceTimersByTimeAsync(2_100);
    const approved = await done;
    expect(approved.authToken).toBe('the-token');
    expect(polls).toHaveLength(3);
    expect(calls.slice(1).map((c) => c.url)).toEqual(Array(3).fill('https://plex.tv/api/v2/pins/42'));
  });

  test('backs off on 429 (honouring Retry-After) and rides out a 503 and a network error', async () => {
    vi.useFakeTimers();
    const { client, pin, calls } = await created([
      json({}, 429, { 'retry-after': '5' }),
      json({}, 503),
      new TypeError('fetch failed'),
      json(pinBody('tok')),
    ]);
    const done = waitForPin(client, pin);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(calls).toHaveLength(2); // still waiting out the 5 s Retry-After
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toHaveLength(3); // the 503 came; next wait doubles
    await vi.advanceTimersByTimeAsync(40_000);
    expect((await done).authToken).toBe('tok');
    expect(calls).toHaveLength(5);
  });

  test('stops at the PIN expiry with PinExpiredError', async () => {
    vi.useFakeTimers();
    const { fetch } = scriptedFetch([
      json(pinBody(null, { expiresIn: 3 }), 201),
      ...Array.from({ length: 10 }, () => json(pinBody(null))),
    ]);
    const client = createClient({ clientIdentifier: 'c', fetch });
    const pin = await createPin(client);
    const done = waitForPin(client, pin).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await done).toBeInstanceOf(PinExpiredError);
  });

  test('a PIN plex.tv no longer knows (404 code 1020) is PinExpiredError', async () => {
    vi.useFakeTimers();
    const { client, pin } = await created([
      json({ errors: [{ code: 1020, message: 'Code not found or expired' }] }, 404),
    ]);
    const error = await waitForPin(client, pin).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PinExpiredError);
    expect((error as PinExpiredError).code).toBe(1020);
  });

  test('cancels on AbortSignal', async () => {
    vi.useFakeTimers();
    const { client, pin } = await created(Array.from({ length: 10 }, () => json(pinBody(null))));
    const controller = new AbortController();
    const done = waitForPin(client, pin, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_500);
    controller.abort();
    expect(await done).toBeInstanceOf(AbortedError);
  });

  test('linkPin sends the code as a form with the token', async () => {
    const { fetch, calls } = scriptedFetch([new Response(null, { status: 204 })]);
    await linkPin(createClient({ clientIdentifier: 'c', fetch, token: 'tok' }), ' abcd ');
    expect(calls[0]).toMatchObject({
      method: 'PUT',
      url: 'https://plex.tv/api/v2/pins/link',
      body: 'code=ABCD',
    });
    expect(calls[0]!.headers.get('x-plex-token')).toBe('tok');
  });
});
