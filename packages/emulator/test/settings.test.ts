import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CLAIM_TOKEN_SECONDS,
  createEmulator,
  type Emulator,
  IN_PROCESS_IP,
  ONLINE_MEDIA_SOURCE_KEYS,
} from '../src/index.js';
import { CLIENT, get, JSON_ACCEPT, jsonError, XML_DECL, xmlError } from './helpers.js';

function send(
  emu: Emulator,
  method: string,
  path: string,
  opts: { token?: string; json?: boolean; form?: string; body?: string; type?: string } = {},
): Promise<Response> {
  const body = opts.form ?? opts.body;
  return emu.fetch(`https://plex.tv${path}`, {
    method,
    headers: {
      ...(opts.json ? JSON_ACCEPT : CLIENT),
      'X-Plex-Token': opts.token ?? 'demo-token',
      ...(body !== undefined
        ? {
            'Content-Type':
              opts.type ??
              (opts.form !== undefined ? 'application/x-www-form-urlencoded' : 'application/json'),
          }
        : {}),
    },
    ...(body !== undefined ? { body } : {}),
  });
}

const NOT_AVAILABLE = [1043, 'This action is not available for this user', 403] as const;

describe('/api/v2/user/webhooks', () => {
  it('GET: JSON [{url}], XML <webhooks><webhook url/></webhooks>', async () => {
    const emu = createEmulator();
    const json = await get(emu, '/api/v2/user/webhooks', { token: 'demo-token', json: true });
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual([{ url: 'https://hooks.example.test/plex' }]);
    const xml = await get(emu, '/api/v2/user/webhooks', { token: 'demo-token' });
    expect(await xml.text()).toBe(
      `${XML_DECL}<webhooks>\n  <webhook url="https://hooks.example.test/plex"/>\n</webhooks>\n`,
    );
  });

  it('POST urls[]=… replaces the list (201, the new list), in order, without duplicates', async () => {
    const emu = createEmulator();
    const form = new URLSearchParams();
    for (const u of ['https://a.example/1', 'http://b.example/2?x=1&y=2', 'https://a.example/1'])
      form.append('urls[]', u);
    const res = await send(emu, 'POST', '/api/v2/user/webhooks', { json: true, form: form.toString() });
    expect(res.status).toBe(201);
    const expected = [{ url: 'https://a.example/1' }, { url: 'http://b.example/2?x=1&y=2' }];
    expect(await res.json()).toEqual(expected);
    expect(
      await (await get(emu, '/api/v2/user/webhooks', { token: 'demo-token', json: true })).json(),
    ).toEqual(expected);
    expect(emu.state.accounts.get(10000001)!.webhooks).toEqual([
      'https://a.example/1',
      'http://b.example/2?x=1&y=2',
    ]);
  });

  it('POST urls= (empty) clears; XML answer is an empty list', async () => {
    const emu = createEmulator();
    const res = await send(emu, 'POST', '/api/v2/user/webhooks', { form: 'urls=' });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe(`${XML_DECL}<webhooks></webhooks>\n`);
    expect(
      await (await get(emu, '/api/v2/user/webhooks', { token: 'demo-token', json: true })).json(),
    ).toEqual([]);
  });

  it('POST takes a JSON body {"urls": […]} too', async () => {
    const emu = createEmulator();
    const res = await send(emu, 'POST', '/api/v2/user/webhooks', {
      json: true,
      body: '{"urls":["https://j.example/h"]}',
    });
    expect(await res.json()).toEqual([{ url: 'https://j.example/h' }]);
  });

  it('POST refuses a missing list and non-http(s) URLs (400 1000), changing nothing', async () => {
    const emu = createEmulator();
    const missing = await send(emu, 'POST', '/api/v2/user/webhooks', { json: true, form: 'other=1' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual(
      jsonError(1000, 'urls is required (urls[]=… or urls= to clear)', 400),
    );
    const bad = await send(emu, 'POST', '/api/v2/user/webhooks', {
      json: true,
      form: 'urls[]=ftp%3A%2F%2Fx&urls[]=https%3A%2F%2Fok',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual(jsonError(1000, 'Invalid webhook URL: ftp://x', 400));
    const notUrl = await send(emu, 'POST', '/api/v2/user/webhooks', { json: true, form: 'urls[]=hooks' });
    expect(notUrl.status).toBe(400);
    const badJson = await send(emu, 'POST', '/api/v2/user/webhooks', { json: true, body: '{"urls":' });
    expect(badJson.status).toBe(400);
    expect(emu.state.accounts.get(10000001)!.webhooks).toEqual(['https://hooks.example.test/plex']);
  });

  it('needs Plex Pass: free and managed accounts get 403 1043 (GET and POST)', async () => {
    const emu = createEmulator();
    for (const token of ['free-token', 'kids-token']) {
      const g = await get(emu, '/api/v2/user/webhooks', { token });
      expect(g.status).toBe(403);
      expect(await g.text()).toBe(xmlError(...NOT_AVAILABLE));
      const p = await send(emu, 'POST', '/api/v2/user/webhooks', { token, json: true, form: 'urls=' });
      expect(p.status).toBe(403);
      expect(await p.json()).toEqual(jsonError(...NOT_AVAILABLE));
    }
    expect((await get(emu, '/api/v2/user/webhooks')).status).toBe(401);
  });
});

describe('/api/v2/user/privacy', () => {
  it('GET: the plex-api.rs shape; PUT optOutPlayback/optOutLibraryStats changes it', async () => {
    const emu = createEmulator();
    const before = await (await get(emu, '/api/v2/user/privacy', { token: 'demo-token', json: true })).json();
    expect(before).toMatchObject({
      optOutPlayback: false,
      optOutLibraryStats: false,
      domain: 'analytics.plex.tv',
      baseUrl: 'https://analytics.plex.tv',
    });
    expect(before.metrics.find((m: { event: string }) => m.event === 'playback:itemstart').status).toBe(
      'identifiable',
    );

    const put = await send(emu, 'PUT', '/api/v2/user/privacy', {
      json: true,
      form: 'optOutPlayback=1&optOutLibraryStats=1',
    });
    expect(put.status).toBe(200);
    const after = await put.json();
    expect(after).toMatchObject({ optOutPlayback: true, optOutLibraryStats: true });
    // With both opt-outs on, the statuses are exactly the capture's (made with both on).
    const capture = JSON.parse(
      readFileSync(
        new URL('../../../fixtures/realworld/plextv/plex-api.rs/api/v2/user/privacy.json', import.meta.url),
        'utf8',
      ),
    );
    const captured = new Map(
      (capture.metrics as Array<{ event: string; status: string }>).map((m) => [m.event, m.status]),
    );
    for (const m of after.metrics as Array<{ event: string; status: string }>)
      expect(m.status, m.event).toBe(captured.get(m.event));

    // Only what is sent changes; query parameters work too; true/false are accepted.
    await send(emu, 'PUT', '/api/v2/user/privacy?optOutLibraryStats=false');
    expect(emu.state.accounts.get(10000001)!.privacy).toEqual({
      optOutPlayback: true,
      optOutLibraryStats: false,
    });
    // Per account.
    expect(emu.state.accounts.get(10000002)!.privacy).toEqual({
      optOutPlayback: false,
      optOutLibraryStats: false,
    });
  });

  it('XML: <privacy flags 0/1 domain baseUrl><metrics><metric event status/></metrics></privacy>', async () => {
    const text = await (await get(createEmulator(), '/api/v2/user/privacy', { token: 'free-token' })).text();
    expect(text).toContain(
      '<privacy optOutPlayback="0" optOutLibraryStats="0" domain="analytics.plex.tv" baseUrl="https://analytics.plex.tv">\n  <metrics>\n    <metric event="cameraupload:batch" status="identifiable"/>',
    );
  });

  it('a malformed flag is 400 1000', async () => {
    const res = await send(createEmulator(), 'PUT', '/api/v2/user/privacy', {
      json: true,
      form: 'optOutPlayback=maybe',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(jsonError(1000, 'optOutPlayback must be 0, 1, true or false', 400));
  });
});

describe('/api/v2/user/{uuid}/settings/opt_outs', () => {
  const PATH = '/api/v2/user/a1b2c3d4e5f60001/settings/opt_outs';

  it('GET: XML <optOuts><optOut key value/></optOuts>; JSON an object keyed by provider', async () => {
    const emu = createEmulator();
    const xml = await (await get(emu, PATH, { token: 'demo-token' })).text();
    expect(xml).toContain('<optOuts>\n  <optOut key="tv.plex.provider.podcasts" value="opt_in"/>');
    const json = await (await get(emu, PATH, { token: 'demo-token', json: true })).json();
    expect(json).toEqual(Object.fromEntries(ONLINE_MEDIA_SOURCE_KEYS.map((k) => [k, 'opt_in'])));
  });

  it('POST ?key=&value= changes one source and answers the list', async () => {
    const emu = createEmulator();
    const res = await send(emu, 'POST', `${PATH}?key=tv.plex.provider.vod&value=opt_out`, { json: true });
    expect(res.status).toBe(200);
    expect((await res.json())['tv.plex.provider.vod']).toBe('opt_out');
    await send(emu, 'POST', PATH, { form: 'key=scrobbling&value=opt_out_managed' });
    const json = await (await get(emu, PATH, { token: 'demo-token', json: true })).json();
    expect(json).toMatchObject({ 'tv.plex.provider.vod': 'opt_out', scrobbling: 'opt_out_managed' });
  });

  it('refuses unknown keys and values, music + opt_out_managed, and other accounts’ uuids', async () => {
    const emu = createEmulator();
    const post = async (query: string) => send(emu, 'POST', `${PATH}?${query}`, { json: true });
    expect(await (await post('key=tv.plex.provider.nope&value=opt_in')).json()).toEqual(
      jsonError(1000, 'Unknown online media source "tv.plex.provider.nope"', 400),
    );
    expect(await (await post('key=scrobbling&value=maybe')).json()).toEqual(
      jsonError(1000, 'value must be opt_in, opt_out, opt_out_managed', 400),
    );
    expect((await post('key=tv.plex.provider.music&value=opt_out_managed')).status).toBe(400);
    const other = await get(emu, '/api/v2/user/a1b2c3d4e5f60002/settings/opt_outs', {
      token: 'demo-token',
      json: true,
    });
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual(jsonError(...NOT_AVAILABLE));
    const own = await get(emu, '/api/v2/user/a1b2c3d4e5f60002/settings/opt_outs', {
      token: 'free-token',
      json: true,
    });
    expect(own.status).toBe(200);
  });
});

describe('/api/v2/user/view_state_sync', () => {
  it('GET {"consent": bool} / <viewStateSync consent/>; PUT ?consent=true|false', async () => {
    const emu = createEmulator();
    expect(
      await (await get(emu, '/api/v2/user/view_state_sync', { token: 'demo-token', json: true })).json(),
    ).toEqual({
      consent: true,
    });
    expect(await (await get(emu, '/api/v2/user/view_state_sync', { token: 'free-token' })).text()).toBe(
      `${XML_DECL}<viewStateSync consent="0"/>\n`,
    );
    const put = await send(emu, 'PUT', '/api/v2/user/view_state_sync?consent=false', { json: true });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ consent: false });
    // python-plexapi sends Python's "True".
    await send(emu, 'PUT', '/api/v2/user/view_state_sync?consent=True');
    expect(emu.state.accounts.get(10000001)!.viewStateSync).toBe(true);
    const bad = await send(emu, 'PUT', '/api/v2/user/view_state_sync', { json: true });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual(jsonError(1000, 'consent is required (true or false)', 400));
  });
});

describe('GET /api/claim/token.json', () => {
  it('{"token":"claim-…"}, JSON whatever Accept says, kept 4 minutes in state', async () => {
    const emu = createEmulator();
    const res = await get(emu, '/api/claim/token.json', { token: 'demo-token' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { token } = await res.json();
    expect(token).toMatch(/^claim-[A-Za-z0-9_-]{20}$/);
    const stored = emu.state.claimTokens.get(token)!;
    expect(stored).toMatchObject({ accountId: 10000001 });
    expect(stored.expiresAt - stored.createdAt).toBe(CLAIM_TOKEN_SECONDS);
    expect(CLAIM_TOKEN_SECONDS).toBe(240);

    const second = (await (await get(emu, '/api/claim/token.json', { token: 'free-token' })).json()).token;
    expect(second).not.toBe(token);
    expect(emu.state.claimTokens.size).toBe(2);
    // Expired tokens are dropped when the next is made.
    emu.control.setClock(emu.state.nowMs + 241_000);
    await get(emu, '/api/claim/token.json', { token: 'demo-token' });
    expect(emu.state.claimTokens.size).toBe(1);
    expect(emu.state.claimTokens.has(token)).toBe(false);
  });

  it('needs a token (401 in JSON)', async () => {
    const res = await get(createEmulator(), '/api/claim/token.json');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(jsonError(1001, 'User could not be authenticated', 401));
  });
});

describe('GET /api/v2/geoip', () => {
  it('the documentation ranges: JSON is the PIN location shape', async () => {
    const emu = createEmulator();
    const at = async (ip: string) =>
      (
        await get(emu, `/api/v2/geoip?ip_address=${encodeURIComponent(ip)}`, {
          token: 'demo-token',
          json: true,
        })
      ).json();
    expect(await at('203.0.113.7')).toEqual({
      code: 'US',
      european_union_member: false,
      continent_code: 'NA',
      country: 'United States',
      city: 'San Francisco',
      time_zone: 'America/Los_Angeles',
      postal_code: '94103',
      in_privacy_restricted_country: false,
      in_privacy_restricted_region: false,
      subdivisions: 'California',
      coordinates: '37.7749, -122.4194',
    });
    expect(await at('198.51.100.4')).toMatchObject({
      code: 'GB',
      city: 'London',
      european_union_member: false,
    });
    expect(await at('192.0.2.1')).toMatchObject({ code: 'DE', european_union_member: true });
    expect(await at('2001:DB8::1')).toMatchObject({ code: 'US' });
  });

  it('unknown, private and loopback addresses: null in JSON, "" and "Unknown" flags in XML', async () => {
    const emu = createEmulator();
    for (const ip of ['10.1.2.3', '127.0.0.1', '8.8.8.8', '::1']) {
      const json = await (
        await get(emu, `/api/v2/geoip?ip_address=${ip}`, { token: 'demo-token', json: true })
      ).json();
      expect(Object.values(json).every((v) => v === null)).toBe(true);
    }
    const xml = await (await get(emu, '/api/v2/geoip?ip_address=10.1.2.3', { token: 'demo-token' })).text();
    expect(xml).toBe(
      `${XML_DECL}<location code="" european_union_member="Unknown" continent_code="" country="" city="" time_zone="" postal_code="" in_privacy_restricted_country="Unknown" in_privacy_restricted_region="Unknown" subdivisions="" coordinates=""/>\n`,
    );
  });

  it('XML <location> with snake_case attributes and 0/1 flags', async () => {
    const xml = await (
      await get(createEmulator(), '/api/v2/geoip?ip_address=192.0.2.9', { token: 'demo-token' })
    ).text();
    expect(xml).toContain('<location code="DE" european_union_member="1" continent_code="EU"');
  });

  it('without ip_address: the caller; malformed: 400 1000; no token: 401', async () => {
    const emu = createEmulator();
    expect((await (await get(emu, '/api/v2/geoip', { token: 'demo-token', json: true })).json()).code).toBe(
      'US',
    );
    const bad = await get(emu, '/api/v2/geoip?ip_address=999.1.1.1', { token: 'demo-token', json: true });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual(jsonError(1000, 'Invalid IP address: 999.1.1.1', 400));
    expect((await get(emu, '/api/v2/geoip?ip_address=example.com', { token: 'demo-token' })).status).toBe(
      400,
    );
    expect((await get(emu, '/api/v2/geoip?ip_address=1.2.3.4')).status).toBe(401);
  });
});

describe('GET /:/ip', () => {
  it('in process: the documented fixed address, text/plain, no token or client identifier needed', async () => {
    const res = await createEmulator().fetch('https://plex.tv/:/ip');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe(IN_PROCESS_IP);
    expect(IN_PROCESS_IP).toBe('203.0.113.10');
  });

  it('over loopback: 127.0.0.1 (and devices.xml reports it as publicAddress)', async () => {
    const emu = createEmulator();
    const server = await emu.listen();
    try {
      expect(await (await fetch(`${server.url}/:/ip`)).text()).toBe('127.0.0.1');
      const devices = await (
        await fetch(`${server.url}/devices.xml`, { headers: { ...CLIENT, 'X-Plex-Token': 'free-token' } })
      ).text();
      expect(devices).toContain('<MediaContainer publicAddress="127.0.0.1" size="1">');
    } finally {
      await server.close();
    }
  });

  it('only GET', async () => {
    const res = await createEmulator().fetch('https://plex.tv/:/ip', { method: 'POST', headers: CLIENT });
    expect(res.status).toBe(404);
  });
});
