/**
 * Webhooks (endpoints/webhooks.ts) against a scripted fetch: method, URL, headers (the token only in
 * X-Plex-Token) and body, and decoding the real captures.
 */
import { addWebhook, checkWebhookUrl, getWebhooks, NotFoundError, removeWebhook, setWebhooks } from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import { BASE, empty, form, jsonText, setup, tokenOnlyInHeader } from './endpoint-kit.js';
import { json, xml } from './fake-fetch.js';

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
