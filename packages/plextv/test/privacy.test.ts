/**
 * Privacy, online media sources and view-state sync (endpoints/privacy.ts) against a scripted fetch: method,
 * URL, headers (the token only in X-Plex-Token) and body, and decoding the real captures.
 */
import {
  getOnlineMediaSources,
  getPrivacy,
  getViewStateSync,
  setOnlineMediaSource,
  setPrivacy,
  setViewStateSync,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import { BASE, empty, form, jsonText, setup, tokenOnlyInHeader } from './endpoint-kit.js';
import { json, xml } from './fake-fetch.js';

describe('privacy', () => {
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
