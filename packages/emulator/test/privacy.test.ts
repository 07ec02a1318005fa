/** /api/v2/user/privacy, online media source opt-outs and view-state sync. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEmulator, ONLINE_MEDIA_SOURCE_KEYS } from '../src/index.js';
import { get, jsonError, NOT_AVAILABLE, send, XML_DECL } from './helpers.js';

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
