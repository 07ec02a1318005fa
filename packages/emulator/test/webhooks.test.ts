import { describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';
import { get, jsonError, NOT_AVAILABLE, send, XML_DECL, xmlError } from './helpers.js';

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
