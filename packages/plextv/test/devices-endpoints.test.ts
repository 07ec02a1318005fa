/**
 * Devices, resources, webhooks, claim token, privacy, geo: each endpoint against a scripted fetch, asserting
 * method, URL, headers (the token only in X-Plex-Token) and body, and decoding the real captures.
 */
import {
  addWebhook,
  checkWebhookUrl,
  createClient,
  DecodeError,
  findDevice,
  findResource,
  getClaimToken,
  getDevices,
  getGeoIp,
  getOnlineMediaSources,
  getPrivacy,
  getPublicIp,
  getResources,
  getViewStateSync,
  getWebhooks,
  MyPlexAccount,
  NotFoundError,
  removeDevice,
  removeWebhook,
  setOnlineMediaSource,
  setPrivacy,
  setViewStateSync,
  setWebhooks,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import { ACCOUNT, json, type Recorded, scriptedFetch, xml } from './fake-fetch.js';

const TOKEN = 'secret-token-abc';
const BASE = 'https://plex.test';

function setup(steps: Parameters<typeof scriptedFetch>[0]) {
  const { fetch, calls } = scriptedFetch(steps);
  const client = createClient({
    clientIdentifier: 'test-client',
    baseUrl: BASE,
    fetch,
    token: TOKEN,
    retry: false,
  });
  return { client, calls };
}

const text = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain' } });
const jsonText = (body: string) => new Response(body, { headers: { 'content-type': 'application/json' } });
const xmlText = (body: string) => new Response(body, { headers: { 'content-type': 'application/xml' } });
const empty = () => new Response(null, { status: 204 });

/** The token goes in the header and nowhere else. */
function tokenOnlyInHeader(call: Recorded, expected: string | null = TOKEN) {
  expect(call.headers.get('x-plex-token')).toBe(expected);
  expect(call.url).not.toContain(TOKEN);
  expect(call.body ?? '').not.toContain(TOKEN);
}

const form = (call: Recorded) => [...new URLSearchParams(call.body ?? '').entries()];

describe('devices', () => {
  test('getDevices: GET /devices.xml asking for XML; decodes the capture', async () => {
    const { client, calls } = setup([xmlText(capture('node-plex-api/devices.xml'))]);
    const devices = await getDevices(client);
    expect(calls[0]!.method).toBe('GET');
    expect(calls[0]!.url).toBe(`${BASE}/devices.xml`);
    expect(calls[0]!.headers.get('accept')).toBe('application/xml');
    tokenOnlyInHeader(calls[0]!);
    expect(devices.map((d) => d.name)).toEqual(['Node.js App', 'Yet another Node.js App']);
    expect(findDevice(devices, 'yet ANOTHER node.js app')?.id).toBe('33847195');
    expect(findDevice(devices, '758b6938-907052f04d99')?.id).toBe('33847205');
    expect(findDevice(devices, 'nope')).toBeUndefined();
  });

  test('an empty MediaContainer is no devices', async () => {
    const { client } = setup([xmlText('<MediaContainer publicAddress="1.2.3.4"/>')]);
    expect(await getDevices(client)).toEqual([]);
  });

  test('removeDevice: DELETE /devices/{id}.xml, id encoded', async () => {
    const { client, calls } = setup([xml('<Response code="200" status="Device deleted"/>'), empty()]);
    await removeDevice(client, 33847205);
    expect(calls[0]!.method).toBe('DELETE');
    expect(calls[0]!.url).toBe(`${BASE}/devices/33847205.xml`);
    tokenOnlyInHeader(calls[0]!);
    await removeDevice(client, 'a/b');
    expect(calls[1]!.url).toBe(`${BASE}/devices/a%2Fb.xml`);
    await expect(removeDevice(client, ' ')).rejects.toBeInstanceOf(TypeError);
    expect(calls).toHaveLength(2);
  });
});

describe('resources', () => {
  test('getResources: GET /api/v2/resources with includeHttps/Relay/IPv6=1, JSON; decodes the capture', async () => {
    const { client, calls } = setup([jsonText(capture('PlexKit/resources.json'))]);
    const resources = await getResources(client);
    const url = new URL(calls[0]!.url);
    expect(url.pathname).toBe('/api/v2/resources');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      includeHttps: '1',
      includeRelay: '1',
      includeIPv6: '1',
    });
    expect(calls[0]!.headers.get('accept')).toBe('application/json');
    tokenOnlyInHeader(calls[0]!);
    expect(resources).toHaveLength(6);
    expect(findResource(resources, 'HOME-SERVER')?.productVersion).toBe('1.19.3.2843-e3c1f7bcd');
  });

  test('options switch the flags off; an XML answer decodes too', async () => {
    const { client, calls } = setup([xmlText(capture('StreamMusic/plex.md.v2-resources.xml'))]);
    const [r] = await getResources(client, { includeRelay: false, includeIPv6: false });
    expect(Object.fromEntries(new URL(calls[0]!.url).searchParams)).toEqual({
      includeHttps: '1',
      includeRelay: '0',
      includeIPv6: '0',
    });
    expect(r!.connections).toHaveLength(2);
  });

  test('findResource: exact clientIdentifier first, then case-insensitive name', async () => {
    const { client } = setup([jsonText(capture('plex-api.rs/api/v2/resources.json'))]);
    const resources = await getResources(client);
    expect(findResource(resources, 'client_id2')?.name).toBe('Box');
    expect(findResource(resources, 'box')?.clientIdentifier).toBe('client_id2');
    expect(findResource(resources, 'Client_Id2')).toBeUndefined();
  });

  test('a body that is not a list is a DecodeError naming the endpoint', async () => {
    const { client } = setup([json({ hello: 'world' })]);
    const error = await getResources(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).message).toContain('GET /api/v2/resources');
  });
});

describe('webhooks', () => {
  const two = () => jsonText(capture('plex-api.rs/api/v2/user/webhooks_two.json'));
  const HOOK1 = 'https://example.com/webhook1';
  const HOOK2 = 'https://example.com/webhook2';

  test('getWebhooks: the captures (two, none), the XML form, plain strings', async () => {
    const { client, calls } = setup([
      two(),
      jsonText(capture('plex-api.rs/api/v2/user/webhooks_none.json')),
      xml(
        '<webhooks><webhook url="https://a.test/x"/><webhook url="http://b.test/y?z=1&amp;w=2"/></webhooks>',
      ),
      json(['https://c.test/']),
    ]);
    expect(await getWebhooks(client)).toEqual([HOOK1, HOOK2]);
    expect(calls[0]!.url).toBe(`${BASE}/api/v2/user/webhooks`);
    tokenOnlyInHeader(calls[0]!);
    expect(await getWebhooks(client)).toEqual([]);
    expect(await getWebhooks(client)).toEqual(['https://a.test/x', 'http://b.test/y?z=1&w=2']);
    expect(await getWebhooks(client)).toEqual(['https://c.test/']);
  });

  test('setWebhooks: POST form urls[] repeated, duplicates once; an empty list sends urls=', async () => {
    const { client, calls } = setup([empty(), empty()]);
    expect(await setWebhooks(client, [HOOK1, HOOK2, HOOK1])).toEqual([HOOK1, HOOK2]);
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.url).toBe(`${BASE}/api/v2/user/webhooks`);
    expect(calls[0]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(form(calls[0]!)).toEqual([
      ['urls[]', HOOK1],
      ['urls[]', HOOK2],
    ]);
    tokenOnlyInHeader(calls[0]!);
    expect(await setWebhooks(client, [])).toEqual([]);
    expect(calls[1]!.body).toBe('urls=');
  });

  test('addWebhook reads the list first and keeps the others', async () => {
    const { client, calls } = setup([two(), empty()]);
    const NEW = 'https://hooks.example.net/plex?key=1';
    expect(await addWebhook(client, NEW)).toEqual([HOOK1, HOOK2, NEW]);
    expect(calls.map((c) => c.method)).toEqual(['GET', 'POST']);
    expect(form(calls[1]!)).toEqual([
      ['urls[]', HOOK1],
      ['urls[]', HOOK2],
      ['urls[]', NEW],
    ]);
  });

  test('addWebhook is idempotent: an URL already there (after normalisation) writes nothing', async () => {
    const { client, calls } = setup([two()]);
    expect(await addWebhook(client, 'https://EXAMPLE.com:443/webhook2')).toEqual([HOOK1, HOOK2]);
    expect(calls.map((c) => c.method)).toEqual(['GET']);
  });

  test('removeWebhook reads the list first and keeps the others; removing the last one sends urls=', async () => {
    const { client, calls } = setup([two(), empty(), json([{ url: HOOK2 }]), empty()]);
    expect(await removeWebhook(client, HOOK1)).toEqual([HOOK2]);
    expect(calls.map((c) => c.method)).toEqual(['GET', 'POST']);
    expect(form(calls[1]!)).toEqual([['urls[]', HOOK2]]);
    expect(await removeWebhook(client, HOOK2)).toEqual([]);
    expect(calls[3]!.body).toBe('urls=');
  });

  test('removing a URL that is not there: NotFoundError and nothing written, or a no-op with missingOk', async () => {
    const { client, calls } = setup([two(), two()]);
    const error = await removeWebhook(client, 'https://example.com/other').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("https://example.com/other is not one of the account's 2 webhooks");
    expect(await removeWebhook(client, 'https://example.com/other', { missingOk: true })).toEqual([
      HOOK1,
      HOOK2,
    ]);
    expect(calls.map((c) => c.method)).toEqual(['GET', 'GET']);
  });

  test('URLs are validated before anything is sent (http/https, absolute, no credentials)', async () => {
    const { client, calls } = setup([]);
    const cases: Array<[unknown, RegExp]> = [
      ['', /non-empty string/],
      [42, /non-empty string/],
      ['/relative/hook', /not an absolute URL/],
      ['example.com/hook', /not an absolute URL/],
      ['ftp://example.com/hook', /must be http or https, got ftp/],
      ['javascript:alert(1)', /must be http or https, got javascript/],
      ['https://user:hunter2@example.com/hook', /must not carry credentials/],
    ];
    for (const [url, message] of cases) {
      expect(() => checkWebhookUrl(url)).toThrow(message);
      await expect(addWebhook(client, url as string)).rejects.toThrow(TypeError);
      await expect(setWebhooks(client, [url as string])).rejects.toThrow(message);
    }
    expect(() => checkWebhookUrl('https://user:hunter2@example.com/hook')).not.toThrow(/hunter2/);
    expect(checkWebhookUrl('  http://10.0.0.2:8080/plex  ')).toBe('http://10.0.0.2:8080/plex');
    expect(calls).toHaveLength(0);
  });
});

describe('claim token, privacy, geo', () => {
  test('getClaimToken: GET /api/claim/token.json → the claim- token', async () => {
    const { client, calls } = setup([jsonText(capture('plex-api.rs/api/claim/token.json')), json({})]);
    const token = await getClaimToken(client);
    expect(token).toBe('claim-TOKEN');
    expect(token.startsWith('claim-')).toBe(true);
    expect(calls[0]!.url).toBe(`${BASE}/api/claim/token.json`);
    tokenOnlyInHeader(calls[0]!);
    const error = await getClaimToken(client).catch((e: unknown) => e);
    expect((error as DecodeError).field).toBe('claim.token');
  });

  test('getPrivacy decodes the capture: flags, domain, baseUrl, every metric (statuses include off)', async () => {
    const { client, calls } = setup([jsonText(capture('plex-api.rs/api/v2/user/privacy.json'))]);
    const privacy = await getPrivacy(client);
    expect(calls[0]!.url).toBe(`${BASE}/api/v2/user/privacy`);
    expect(privacy).toMatchObject({
      optOutPlayback: true,
      optOutLibraryStats: true,
      domain: 'analytics.plex.tv',
      baseUrl: 'https://analytics.plex.tv',
      extra: {},
    });
    expect(privacy.metrics).toHaveLength(118);
    expect(privacy.metrics[0]).toEqual({ event: 'cameraupload:batch', status: 'identifiable', extra: {} });
    expect(new Set(privacy.metrics.map((m) => m.status))).toEqual(
      new Set(['identifiable', 'anonymous', 'off']),
    );
  });

  test('getPrivacy: the XML form (0/1 attributes)', async () => {
    const { client } = setup([
      xml(
        '<privacy optOutPlayback="0" optOutLibraryStats="1" domain="analytics.plex.tv"><metrics/></privacy>',
      ),
    ]);
    expect(await getPrivacy(client)).toMatchObject({
      optOutPlayback: false,
      optOutLibraryStats: true,
      metrics: [],
    });
  });

  test('setPrivacy: PUT form 0/1, only the settings given', async () => {
    const { client, calls } = setup([empty(), empty()]);
    await setPrivacy(client, { optOutPlayback: true, optOutLibraryStats: false });
    expect(calls[0]!.method).toBe('PUT');
    expect(calls[0]!.url).toBe(`${BASE}/api/v2/user/privacy`);
    expect(form(calls[0]!)).toEqual([
      ['optOutPlayback', '1'],
      ['optOutLibraryStats', '0'],
    ]);
    tokenOnlyInHeader(calls[0]!);
    await setPrivacy(client, { optOutLibraryStats: true });
    expect(form(calls[1]!)).toEqual([['optOutLibraryStats', '1']]);
    await expect(setPrivacy(client, {})).rejects.toBeInstanceOf(TypeError);
    expect(calls).toHaveLength(2);
  });

  test('getGeoIp: ip_address query; XML <location> with "Unknown" flags → undefined; JSON too', async () => {
    const { client, calls } = setup([
      xml(
        '<location code="US" continent_code="NA" country="United States" city="Mountain View" european_union_member="Unknown" in_privacy_restricted_country="Unknown" postal_code="94043" subdivisions="California" coordinates="37.4,-122.1" time_zone="America/Los_Angeles"/>',
      ),
      json({ code: 'GB', country: 'United Kingdom', european_union_member: false, postal_code: 'N19' }),
    ]);
    const geo = await getGeoIp(client, '8.8.8.8');
    expect(new URL(calls[0]!.url).pathname).toBe('/api/v2/geoip');
    expect(new URL(calls[0]!.url).searchParams.get('ip_address')).toBe('8.8.8.8');
    tokenOnlyInHeader(calls[0]!);
    expect(geo).toEqual({
      code: 'US',
      country: 'United States',
      city: 'Mountain View',
      continentCode: 'NA',
      europeanUnionMember: undefined,
      inPrivacyRestrictedCountry: undefined,
      inPrivacyRestrictedRegion: undefined,
      timeZone: 'America/Los_Angeles',
      postalCode: '94043',
      subdivisions: 'California',
      coordinates: '37.4,-122.1',
      extra: {},
    });
    const mine = await getGeoIp(client);
    expect(new URL(calls[1]!.url).search).toBe('');
    expect(mine).toMatchObject({ code: 'GB', europeanUnionMember: false, postalCode: 'N19' });
  });

  test('getPublicIp: GET /:/ip as text/plain, no token sent', async () => {
    const { client, calls } = setup([text('203.0.113.7\n'), text('2001:db8::1'), text('')]);
    expect(await getPublicIp(client)).toBe('203.0.113.7');
    expect(calls[0]!.url).toBe(`${BASE}/:/ip`);
    expect(calls[0]!.headers.get('accept')).toBe('text/plain');
    tokenOnlyInHeader(calls[0]!, null);
    expect(await getPublicIp(client)).toBe('2001:db8::1');
    await expect(getPublicIp(client)).rejects.toBeInstanceOf(DecodeError);
  });
});

describe('online media sources and view-state sync', () => {
  const UUID = '0123456789abcdef';
  const PATH = `${BASE}/api/v2/user/${UUID}/settings/opt_outs`;

  test('the XML <optOut key value/> form, the JSON object form and a JSON array decode alike', async () => {
    const { client, calls } = setup([
      xml(
        '<optOuts><optOut key="tv.plex.provider.vod" value="opt_in"/><optOut key="tv.plex.provider.music" value="opt_out"/></optOuts>',
      ),
      json({ 'tv.plex.provider.vod': 'opt_in', 'tv.plex.provider.music': 'opt_out' }),
      json([
        { key: 'tv.plex.provider.vod', value: 'opt_in' },
        { key: 'tv.plex.provider.music', value: 'opt_out' },
      ]),
    ]);
    const expected = [
      { key: 'tv.plex.provider.vod', value: 'opt_in', extra: {} },
      { key: 'tv.plex.provider.music', value: 'opt_out', extra: {} },
    ];
    expect(await getOnlineMediaSources(client, UUID)).toEqual(expected);
    expect(calls[0]!.url).toBe(PATH);
    tokenOnlyInHeader(calls[0]!);
    expect(await getOnlineMediaSources(client, UUID)).toEqual(expected);
    expect(await getOnlineMediaSources(client, UUID)).toEqual(expected);
    await expect(getOnlineMediaSources(client, '')).rejects.toBeInstanceOf(TypeError);
  });

  test('setOnlineMediaSource: POST ?key=…&value=…; unknown values refused before sending', async () => {
    const { client, calls } = setup([empty()]);
    await setOnlineMediaSource(client, UUID, 'tv.plex.provider.vod', 'opt_out_managed');
    expect(calls[0]!.method).toBe('POST');
    const url = new URL(calls[0]!.url);
    expect(`${url.origin}${url.pathname}`).toBe(PATH);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      key: 'tv.plex.provider.vod',
      value: 'opt_out_managed',
    });
    await expect(setOnlineMediaSource(client, UUID, 'tv.plex.provider.vod', 'maybe')).rejects.toBeInstanceOf(
      TypeError,
    );
    expect(calls).toHaveLength(1);
  });

  test('view-state sync: GET {consent}; PUT ?consent=true|false', async () => {
    const { client, calls } = setup([json({ consent: true }), empty()]);
    expect(await getViewStateSync(client)).toEqual({ consent: true, extra: {} });
    expect(calls[0]!.url).toBe(`${BASE}/api/v2/user/view_state_sync`);
    expect(calls[0]!.headers.get('accept')).toBe('application/json');
    await setViewStateSync(client, false);
    expect(calls[1]!.method).toBe('PUT');
    expect(calls[1]!.url).toBe(`${BASE}/api/v2/user/view_state_sync?consent=false`);
    tokenOnlyInHeader(calls[1]!);
  });
});

describe('MyPlexAccount wrappers', () => {
  function account(steps: Parameters<typeof scriptedFetch>[0]) {
    const { fetch, calls } = scriptedFetch(steps);
    const me = new MyPlexAccount({
      token: TOKEN,
      client: { clientIdentifier: 'compat', baseUrl: BASE, fetch },
    });
    return { me, calls };
  }

  test('devices / device(name, clientId)', async () => {
    const devices = () => xmlText(capture('node-plex-api/devices.xml'));
    const { me } = account([devices(), devices(), devices(), devices()]);
    expect(await me.devices()).toHaveLength(2);
    expect((await me.device('node.js app')).id).toBe('33847205');
    expect((await me.device(null, '2d404e6b-4286-da65748a1ed4')).id).toBe('33847195');
    await expect(me.device('missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('resources / resource(name)', async () => {
    const resources = () => jsonText(capture('plex-api.rs/api/v2/resources.json'));
    const { me } = account([resources(), resources(), resources()]);
    expect(await me.resources()).toHaveLength(1);
    expect((await me.resource('BOX')).clientIdentifier).toBe('client_id2');
    await expect(me.resource('nothing')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('claimToken, webhooks, addWebhook, deleteWebhook, setWebhooks', async () => {
    const two = () => jsonText(capture('plex-api.rs/api/v2/user/webhooks_two.json'));
    const { me, calls } = account([
      jsonText(capture('plex-api.rs/api/claim/token.json')),
      two(),
      two(),
      empty(),
      two(),
      empty(),
      two(),
      empty(),
    ]);
    expect(await me.claimToken()).toBe('claim-TOKEN');
    expect(await me.webhooks()).toHaveLength(2);
    expect(await me.addWebhook('https://new.test/h')).toHaveLength(3);
    expect(await me.deleteWebhook('https://example.com/webhook1')).toEqual(['https://example.com/webhook2']);
    await expect(me.deleteWebhook('https://not.there/')).rejects.toBeInstanceOf(NotFoundError);
    expect(await me.setWebhooks([])).toEqual([]);
    expect(calls.map((c) => c.method)).toEqual(['GET', 'GET', 'GET', 'POST', 'GET', 'POST', 'GET', 'POST']);
  });

  test('geoip, publicIP, optOut, onlineMediaSources (uuid from the account)', async () => {
    const { me, calls } = account([
      json({ code: 'FR', country: 'France' }),
      text('198.51.100.4'),
      empty(),
      json(ACCOUNT),
      json({ 'tv.plex.provider.vod': 'opt_out' }),
    ]);
    expect((await me.geoip('1.2.3.4')).country).toBe('France');
    expect(await me.publicIP()).toBe('198.51.100.4');
    await me.optOut(true);
    expect(form(calls[2]!)).toEqual([['optOutPlayback', '1']]);
    expect(await me.onlineMediaSources()).toEqual([
      { key: 'tv.plex.provider.vod', value: 'opt_out', extra: {} },
    ]);
    expect(calls[4]!.url).toBe(`${BASE}/api/v2/user/${ACCOUNT.uuid}/settings/opt_outs`);
  });
});
