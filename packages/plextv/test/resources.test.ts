/**
 * Resources (endpoints/resources.ts) against a scripted fetch: method, URL, headers (the token only in
 * X-Plex-Token), and decoding the real captures.
 */
import { DecodeError, findResource, getResources } from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import { jsonText, setup, tokenOnlyInHeader, xmlText } from './endpoint-kit.js';
import { json } from './fake-fetch.js';

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
