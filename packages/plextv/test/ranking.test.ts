/** Connection ranking: the rules, one by one, on hand-made and real resources. */
import {
  type PlexResource,
  parseResources,
  planConnections,
  type ResourceConnection,
  rankConnections,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';

const conn = (c: Partial<ResourceConnection> & { uri: string }): ResourceConnection => ({ extra: {}, ...c });
const resource = (r: Partial<PlexResource>): PlexResource => ({
  clientIdentifier: 'machine-1',
  name: 'Server',
  provides: ['server'],
  owned: true,
  connections: [],
  extra: {},
  ...r,
});

const MIXED = resource({
  connections: [
    conn({
      protocol: 'https',
      address: '2.2.2.2',
      port: 443,
      uri: 'https://2-2-2-2.h.plex.direct:443',
      local: false,
    }),
    conn({
      protocol: 'https',
      address: '3.3.3.3',
      port: 8443,
      uri: 'https://3-3-3-3.h.plex.direct:8443',
      local: false,
      relay: true,
    }),
    conn({
      protocol: 'https',
      address: 'fd00::5',
      port: 32400,
      uri: 'https://fd00--5.h.plex.direct:32400',
      local: true,
      IPv6: true,
    }),
    conn({
      protocol: 'https',
      address: '10.0.0.5',
      port: 32400,
      uri: 'https://10-0-0-5.h.plex.direct:32400',
      local: true,
    }),
  ],
});

describe('default ranking', () => {
  test('local → remote → relay, https → http, IPv4 → IPv6; only private local addresses get an http fallback', () => {
    expect(rankConnections(MIXED).map((c) => [c.uri, c.location, c.scheme, c.ipVersion, c.source])).toEqual([
      ['https://10-0-0-5.h.plex.direct:32400', 'local', 'https', 'ipv4', 'advertised'],
      ['https://fd00--5.h.plex.direct:32400', 'local', 'https', 'ipv6', 'advertised'],
      ['http://10.0.0.5:32400', 'local', 'http', 'ipv4', 'direct'],
      ['http://[fd00::5]:32400', 'local', 'http', 'ipv6', 'direct'],
      ['https://2-2-2-2.h.plex.direct', 'remote', 'https', 'ipv4', 'advertised'],
      ['https://3-3-3-3.h.plex.direct:8443', 'relay', 'https', 'ipv4', 'advertised'],
    ]);
  });

  test('each candidate says why it is where it is', () => {
    const [first, , third, fourth] = rankConnections(MIXED);
    expect(first!.reason).toBe(
      "#1: local (1st of local > remote > relay), https (1st of https > http), IPv4 (1st of IPv4 > IPv6), then plex.tv's order; the URL plex.tv advertises",
    );
    expect(third!.reason).toContain('http (2nd of https > http)');
    expect(third!.reason).toContain('fallback when the plex.direct name does not resolve');
    expect(fourth!.reason).toContain('IPv6 (2nd of IPv4 > IPv6)');
  });

  test('local connections of a resource you do not own are skipped, with the reason', async () => {
    const [shared] = await parseResources(capture('node-plex-api-credentials/fetch_access_token.xml'));
    const plan = planConnections(shared!);
    expect(plan.candidates).toEqual([]);
    expect(plan.skipped).toEqual([
      expect.objectContaining({
        uri: 'https://192-168-1-64.d5c8ac9fc91b5.plex.direct:32400',
        reason: expect.stringContaining('do not own'),
      }),
    ]);
    // … unless asked for.
    expect(rankConnections(shared!, { unownedLocal: true }).map((c) => c.uri)).toEqual([
      'https://192-168-1-64.d5c8ac9fc91b5.plex.direct:32400',
      'http://192.168.1.64:32400',
    ]);
  });

  test('httpsRequired: no http candidate at all', () => {
    const plan = planConnections({ ...MIXED, httpsRequired: true });
    expect(plan.candidates.every((c) => c.scheme === 'https')).toBe(true);
    expect(plan.candidates).toHaveLength(4);
    expect(plan.skipped.filter((s) => s.reason === 'the resource requires https').map((s) => s.uri)).toEqual([
      'http://[fd00::5]:32400',
      'http://10.0.0.5:32400',
    ]);
    expect(rankConnections({ ...MIXED, httpsRequired: true }, { ignoreHttpsRequired: true })).toHaveLength(6);
  });

  test('duplicates are removed (2019 capture: the same connection three times)', async () => {
    const r = await parseResources(
      capture('plex-api.rs/legacy-2021-src-tests/resources.rs.decode_resources.xml'),
    );
    const plan = planConnections(r[1]!);
    expect(plan.candidates.map((c) => c.uri)).toEqual([
      'https://127-0-0-1.fa57cb88b6aa4d8bbccbba16d2a218dd.plex.direct:32400',
      'http://127.0.0.1:32400',
    ]);
    expect(plan.skipped.filter((s) => s.reason.startsWith('same URL as candidate #'))).toHaveLength(4);
  });

  test('IPv6 literals are bracketed; an unbracketed advertised IPv6 uri is rebuilt from address and port', () => {
    const r = resource({
      connections: [
        conn({
          protocol: 'http',
          address: '2001:db8::7',
          port: 32400,
          uri: 'http://2001:db8::7:32400',
          local: true,
        }),
        conn({
          protocol: 'http',
          address: '[fe80::1]',
          port: 32400,
          uri: 'http://[fe80::1]:32400',
          local: true,
        }),
      ],
    });
    expect(rankConnections(r).map((c) => [c.uri, c.ipVersion, c.source])).toEqual([
      ['http://[2001:db8::7]:32400', 'ipv6', 'direct'],
      ['http://[fe80::1]:32400', 'ipv6', 'advertised'],
    ]);
  });

  test('IPv6 flag absent (v1 XML): the address decides', () => {
    const r = resource({
      connections: [
        conn({ protocol: 'http', address: 'fd00::9', port: 1, uri: 'http://[fd00::9]:1', local: true }),
        conn({ protocol: 'http', address: '10.0.0.9', port: 1, uri: 'http://10.0.0.9:1', local: true }),
      ],
    });
    expect(rankConnections(r).map((c) => c.ipVersion)).toEqual(['ipv4', 'ipv6']);
  });

  test('unusable connections are skipped with a reason', () => {
    const plan = planConnections(
      resource({ connections: [conn({ uri: 'ftp://x', protocol: 'ftp' }), conn({ uri: 'nonsense' })] }),
    );
    expect(plan.candidates).toEqual([]);
    expect(plan.skipped.map((s) => s.reason)).toEqual([
      'neither its uri nor its address and port make an http(s) URL',
      'neither its uri nor its address and port make an http(s) URL',
    ]);
  });
});

describe('options', () => {
  const uris = (options: Parameters<typeof rankConnections>[1]) =>
    rankConnections(MIXED, options).map((c) => c.uri);

  test('locations: leave one out to never try it, reorder to prefer', () => {
    expect(uris({ locations: ['relay'] })).toEqual(['https://3-3-3-3.h.plex.direct:8443']);
    expect(uris({ locations: ['remote', 'local'] })[0]).toBe('https://2-2-2-2.h.plex.direct');
    expect(planConnections(MIXED, { locations: ['local'] }).skipped.map((s) => s.reason)).toEqual([
      'remote connections are not wanted (locations)',
      'relay connections are not wanted (locations)',
    ]);
  });

  test('schemes and ipVersions', () => {
    expect(uris({ schemes: ['http', 'https'], locations: ['local'] })).toEqual([
      'http://10.0.0.5:32400',
      'http://[fd00::5]:32400',
      'https://10-0-0-5.h.plex.direct:32400',
      'https://fd00--5.h.plex.direct:32400',
    ]);
    expect(uris({ schemes: ['https'], ipVersions: ['ipv6'] })).toEqual([
      'https://fd00--5.h.plex.direct:32400',
    ]);
    expect(uris({ ipVersions: ['ipv6', 'ipv4'], locations: ['local'] })[0]).toBe(
      'https://fd00--5.h.plex.direct:32400',
    );
  });

  test('priority: scheme before location', () => {
    expect(uris({ priority: ['scheme', 'location', 'ipVersion'] })).toEqual([
      'https://10-0-0-5.h.plex.direct:32400',
      'https://fd00--5.h.plex.direct:32400',
      'https://2-2-2-2.h.plex.direct',
      'https://3-3-3-3.h.plex.direct:8443',
      'http://10.0.0.5:32400',
      'http://[fd00::5]:32400',
    ]);
  });

  test("preferLocal: false puts remote first; 'auto' does so only when publicAddressMatches is false", () => {
    const remoteFirst = rankConnections(MIXED, { preferLocal: false });
    expect(remoteFirst.map((c) => c.location)).toEqual([
      'remote',
      'local',
      'local',
      'local',
      'local',
      'relay',
    ]);
    expect(remoteFirst[1]!.reason).toContain('local demoted after remote (preferLocal)');
    expect(
      rankConnections({ ...MIXED, publicAddressMatches: false }, { preferLocal: 'auto' })[0]!.location,
    ).toBe('remote');
    expect(
      rankConnections({ ...MIXED, publicAddressMatches: true }, { preferLocal: 'auto' })[0]!.location,
    ).toBe('local');
  });

  test("httpFallback: 'local' (default) only for private local addresses; true for every non-relay; false never", () => {
    const http = (r: PlexResource, options = {}) =>
      rankConnections(r, options)
        .filter((c) => c.source === 'direct')
        .map((c) => c.uri);
    expect(http(MIXED)).toEqual(['http://10.0.0.5:32400', 'http://[fd00::5]:32400']);
    expect(http(MIXED, { httpFallback: true })).toEqual([
      'http://10.0.0.5:32400',
      'http://[fd00::5]:32400',
      'http://2.2.2.2:443',
    ]);
    // A "local" connection on a public address (a hostile or confused list) gets no derived http URL.
    const publicLocal = resource({
      connections: [
        conn({
          protocol: 'https',
          address: '8.8.8.8',
          port: 32400,
          uri: 'https://x.plex.direct:32400',
          local: true,
        }),
        conn({
          protocol: 'https',
          address: '172.32.0.1',
          port: 1,
          uri: 'https://y.plex.direct:1',
          local: true,
        }),
        conn({
          protocol: 'https',
          address: '100.100.1.1',
          port: 1,
          uri: 'https://z.plex.direct:1',
          local: true,
        }),
        conn({ protocol: 'https', address: 'fe80::1', port: 1, uri: 'https://w.plex.direct:1', local: true }),
      ],
    });
    expect(http(publicLocal)).toEqual(['http://100.100.1.1:1', 'http://[fe80::1]:1']);
  });

  test('httpFallback: false keeps only the advertised URLs', () => {
    expect(rankConnections(MIXED, { httpFallback: false }).every((c) => c.source === 'advertised')).toBe(
      true,
    );
  });
});
