/** Geo-IP and the public IP (endpoints/geo.ts) against a scripted fetch. */
import { DecodeError, getGeoIp, getPublicIp } from 'plextv';
import { describe, expect, test } from 'vitest';
import { BASE, setup, tokenOnlyInHeader } from './endpoint-kit.js';
import { json, xml } from './fake-fetch.js';

const text = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain' } });

describe('geo', () => {
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
