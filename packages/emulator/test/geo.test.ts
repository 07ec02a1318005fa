import { describe, expect, it } from 'vitest';
import { createEmulator, geolocate, IN_PROCESS_IP, PIN_LOCATION } from '../src/index.js';
import { CLIENT, get, jsonError, XML_DECL } from './helpers.js';

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

  it('unplaceable addresses (private, loopback, link-local, CGNAT, multicast…): null in JSON, "" and "Unknown" flags in XML', async () => {
    const emu = createEmulator();
    for (const ip of [
      '10.1.2.3',
      '127.0.0.1',
      '172.16.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.1.1',
      '224.0.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      'ff02::1',
      '::ffff:10.0.0.1',
    ]) {
      const json = await (
        await get(emu, `/api/v2/geoip?ip_address=${ip}`, { token: 'demo-token', json: true })
      ).json();
      expect(
        Object.values(json).every((v) => v === null),
        ip,
      ).toBe(true);
    }
    const xml = await (await get(emu, '/api/v2/geoip?ip_address=10.1.2.3', { token: 'demo-token' })).text();
    expect(xml).toBe(
      `${XML_DECL}<location code="" european_union_member="Unknown" continent_code="" country="" city="" time_zone="" postal_code="" in_privacy_restricted_country="Unknown" in_privacy_restricted_region="Unknown" subdivisions="" coordinates=""/>\n`,
    );
  });

  it('any other address: a made-up real-looking place, the same for the same address', async () => {
    const at = async (ip: string) =>
      (
        await get(createEmulator(), `/api/v2/geoip?ip_address=${encodeURIComponent(ip)}`, {
          token: 'demo-token',
          json: true,
        })
      ).json();
    const google = await at('8.8.8.8');
    expect(Object.keys(google)).toEqual(Object.keys(PIN_LOCATION));
    expect(Object.values(google).every((v) => v !== null)).toBe(true);
    expect(google.code).toMatch(/^[A-Z]{2}$/);
    expect(google.continent_code).toMatch(/^(NA|SA|EU|AS|OC|AF)$/);
    expect(google.coordinates).toMatch(/^-?\d+\.\d+, -?\d+\.\d+$/);
    expect(google.time_zone).toMatch(/^[A-Z][a-z]+\/[A-Za-z_]+$/);
    // Another emulator, the same answer: a hash of the address, not a random pick.
    expect(await at('8.8.8.8')).toEqual(google);
    expect(geolocate('8.8.8.8')).toEqual(google);
    // One address has one canonical form (IPv6 written out or compressed; IPv4-mapped = IPv4).
    expect(geolocate('2606:4700:0:0:0:0:0:1111')).toEqual(geolocate('2606:4700::1111'));
    expect(geolocate('2606:4700::1111').city).not.toBeNull();
    expect(geolocate('::ffff:8.8.8.8')).toEqual(google);
    expect(geolocate('::ffff:192.0.2.1')).toMatchObject({ city: 'Berlin' });
    // Spread over the table, not one place for everyone.
    const cities = new Set(Array.from({ length: 64 }, (_, i) => geolocate(`81.2.${i}.${i * 3}`).city));
    expect(cities.size).toBeGreaterThanOrEqual(8);
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
