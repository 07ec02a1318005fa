/**
 * MyPlexAccount's device, resource, webhook, claim, geo and privacy methods (the @ctrl/plex / python-plexapi
 * surface, compat/my-plex-account.ts) on a scripted fetch.
 */
import { MyPlexAccount, NotFoundError } from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import { ACCOUNT, json, type Recorded, scriptedFetch } from './fake-fetch.js';

const TOKEN = 'secret-token-abc';
const BASE = 'https://plex.test';

const text = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain' } });
const jsonText = (body: string) => new Response(body, { headers: { 'content-type': 'application/json' } });
const xmlText = (body: string) => new Response(body, { headers: { 'content-type': 'application/xml' } });
const empty = () => new Response(null, { status: 204 });

const form = (call: Recorded) => [...new URLSearchParams(call.body ?? '').entries()];

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
