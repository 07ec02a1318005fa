/**
 * Properties: one resource rendered as v2 JSON, v2 XML and v1 XML decodes to the same model (the one it was
 * made from); and the ranking rules hold for any resource and any options.
 */
import fc from 'fast-check';
import {
  type ConnectionLocation,
  type ConnectionScheme,
  type IpVersion,
  type PlexResource,
  parseResources,
  planConnections,
  type RankKey,
  type RankOptions,
  type ResourceConnection,
} from 'plextv';
import { describe, expect, test } from 'vitest';

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const text = fc.stringMatching(/^[A-Za-z0-9’&<>"'._#() -]{1,16}$/).filter((s) => s.trim() === s);
const epoch = fc.integer({ min: 1, max: 4_000_000_000 });

const ipv4 = fc.tuple(...[0, 0, 0, 0].map(() => fc.integer({ min: 0, max: 255 }))).map((p) => p.join('.'));
const ipv6 = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 })
  .map((p) => p.map((n) => n.toString(16)).join(':'));
const hostname = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}\.(example|test)$/);

const connectionArb: fc.Arbitrary<ResourceConnection> = fc
  .record({
    protocol: fc.constantFrom('http', 'https'),
    kind: fc.constantFrom('v4', 'v6', 'host'),
    v4: ipv4,
    v6: ipv6,
    host: hostname,
    port: fc.integer({ min: 1, max: 65535 }),
    local: fc.boolean(),
    relay: fc.boolean(),
    plexDirect: fc.boolean(),
  })
  .map((c) => {
    const address = c.kind === 'v4' ? c.v4 : c.kind === 'v6' ? c.v6 : c.host;
    const dashed = address.replace(/[.:]/g, '-');
    const uri =
      c.protocol === 'https' && c.plexDirect
        ? `https://${dashed}.0123abcd.plex.direct:${c.port}`
        : `${c.protocol}://${c.kind === 'v6' ? `[${address}]` : address}:${c.port}`;
    return {
      protocol: c.protocol,
      address,
      port: c.port,
      uri,
      local: c.local,
      relay: c.relay,
      IPv6: c.kind === 'v6',
      extra: {},
    };
  });

const resourceArb: fc.Arbitrary<PlexResource> = fc
  .record({
    name: opt(text),
    clientIdentifier: fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/),
    product: opt(text),
    productVersion: opt(text),
    platform: opt(text),
    platformVersion: opt(text),
    device: opt(text),
    createdAt: opt(epoch),
    lastSeenAt: opt(epoch),
    provides: fc.uniqueArray(fc.constantFrom('server', 'client', 'player', 'controller', 'sync-target'), {
      maxLength: 4,
    }),
    ownerId: opt(fc.integer({ min: 1, max: 2 ** 40 })),
    sourceTitle: opt(text),
    publicAddress: opt(ipv4),
    accessToken: opt(fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/)),
    owned: opt(fc.boolean()),
    home: opt(fc.boolean()),
    synced: opt(fc.boolean()),
    relay: opt(fc.boolean()),
    presence: opt(fc.boolean()),
    httpsRequired: opt(fc.boolean()),
    publicAddressMatches: opt(fc.boolean()),
    dnsRebindingProtection: opt(fc.boolean()),
    natLoopbackSupported: opt(fc.boolean()),
    connections: fc.array(connectionArb, { maxLength: 6 }),
  })
  .map((r) => ({
    ...r,
    createdAt: r.createdAt === undefined ? undefined : new Date(r.createdAt * 1000),
    lastSeenAt: r.lastSeenAt === undefined ? undefined : new Date(r.lastSeenAt * 1000),
    extra: {},
  }));

const FLAGS = [
  'owned',
  'home',
  'synced',
  'relay',
  'presence',
  'httpsRequired',
  'publicAddressMatches',
  'dnsRebindingProtection',
  'natLoopbackSupported',
] as const;
const STRINGS = ['name', 'product', 'productVersion', 'platform', 'platformVersion', 'device'] as const;

const isoSeconds = (d: Date) => d.toISOString().replace('.000Z', 'Z');
const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attrs = (entries: Array<[string, string | undefined]>) =>
  entries
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
const flag = (b: boolean | undefined) => (b === undefined ? undefined : b ? '1' : '0');

/** v2 JSON as plex.tv writes it: null for no value, real booleans, int ports, ISO dates. */
function renderJson(list: PlexResource[]): string {
  return JSON.stringify(
    list.map((r) => {
      const out: Record<string, unknown> = {};
      for (const k of STRINGS) out[k] = r[k] ?? null;
      out.clientIdentifier = r.clientIdentifier;
      out.createdAt = r.createdAt ? isoSeconds(r.createdAt) : null;
      out.lastSeenAt = r.lastSeenAt ? isoSeconds(r.lastSeenAt) : null;
      out.provides = r.provides.join(',');
      out.ownerId = r.ownerId ?? null;
      out.sourceTitle = r.sourceTitle ?? null;
      out.publicAddress = r.publicAddress ?? null;
      out.accessToken = r.accessToken ?? null;
      for (const k of FLAGS) if (r[k] !== undefined) out[k] = r[k];
      // Some resources have no `connections` key at all (PlexKit).
      if (r.connections.length > 0) {
        out.connections = r.connections.map((c) => ({
          protocol: c.protocol,
          address: c.address,
          port: c.port,
          uri: c.uri,
          local: c.local,
          relay: c.relay,
          IPv6: c.IPv6,
        }));
      }
      return out;
    }),
  );
}

function resourceAttrs(r: PlexResource, dates: (d: Date) => string, blank: string | undefined) {
  return attrs([
    ...STRINGS.map((k): [string, string | undefined] => [k, r[k]]),
    ['clientIdentifier', r.clientIdentifier],
    ['createdAt', r.createdAt && dates(r.createdAt)],
    ['lastSeenAt', r.lastSeenAt && dates(r.lastSeenAt)],
    ['provides', r.provides.join(',')],
    ['ownerId', r.ownerId === undefined ? blank : String(r.ownerId)],
    ['sourceTitle', r.sourceTitle ?? blank],
    ['publicAddress', r.publicAddress],
    ['accessToken', r.accessToken],
    ...FLAGS.map((k): [string, string | undefined] => [k, flag(r[k])]),
  ]);
}

const connectionAttrs = (c: ResourceConnection) =>
  attrs([
    ['protocol', c.protocol],
    ['address', c.address],
    ['port', String(c.port)],
    ['uri', c.uri],
    ['local', flag(c.local)],
    ['relay', flag(c.relay)],
    ['IPv6', flag(c.IPv6)],
  ]);

/** v2 XML: lower-case elements with a <connections> wrapper, 0/1 flags, "" for no owner, ISO dates. */
function renderV2Xml(list: PlexResource[]): string {
  const items = list.map(
    (r) =>
      `<resource${resourceAttrs(r, isoSeconds, '')}><connections>${r.connections
        .map((c) => `<connection${connectionAttrs(c)}/>`)
        .join('')}</connections></resource>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<resources>${items.join('\n')}</resources>`;
}

/** v1 XML: <MediaContainer size> (not trusted) with <Device> and flat <Connection> children, epoch dates. */
function renderV1Xml(list: PlexResource[]): string {
  const epochOf = (d: Date) => String(d.getTime() / 1000);
  const items = list.map(
    (r) =>
      `  <Device${resourceAttrs(r, epochOf, undefined)}>\n${r.connections
        .map((c) => `    <Connection${connectionAttrs(c)}/>\n`)
        .join('')}  </Device>`,
  );
  return `<MediaContainer size="${list.length + 1}">\n${items.join('\n')}\n</MediaContainer>`;
}

describe('one resource, three wire forms', () => {
  test('v2 JSON ≡ v2 XML ≡ v1 XML ≡ the resource they were rendered from', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(resourceArb, { maxLength: 3 }), async (list) => {
        const fromJson = await parseResources(renderJson(list));
        const fromV2Xml = await parseResources(renderV2Xml(list));
        const fromV1Xml = await parseResources(renderV1Xml(list));
        expect(fromJson).toEqual(list);
        expect(fromV2Xml).toEqual(fromJson);
        expect(fromV1Xml).toEqual(fromJson);
      }),
      { numRuns: 150 },
    );
  });
});

// ---- Ranking ----

const locationsArb = fc.shuffledSubarray<ConnectionLocation>(['local', 'remote', 'relay'], { minLength: 1 });
const schemesArb = fc.shuffledSubarray<ConnectionScheme>(['https', 'http'], { minLength: 1 });
const ipArb = fc.shuffledSubarray<IpVersion>(['ipv4', 'ipv6'], { minLength: 1 });
const priorityArb = fc.shuffledSubarray<RankKey>(['location', 'scheme', 'ipVersion'], {
  minLength: 3,
  maxLength: 3,
});
const optionsArb: fc.Arbitrary<RankOptions> = fc.record(
  {
    locations: locationsArb,
    schemes: schemesArb,
    ipVersions: ipArb,
    priority: priorityArb,
    preferLocal: fc.constantFrom(true, false, 'auto' as const),
    httpFallback: fc.boolean(),
    unownedLocal: fc.boolean(),
    ignoreHttpsRequired: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('ranking properties', () => {
  test('default options: local < remote < relay, then https < http, then IPv4 < IPv6; no duplicates; rules kept', () => {
    fc.assert(
      fc.property(resourceArb, (resource) => {
        const { candidates, skipped } = planConnections(resource);
        const key = (c: (typeof candidates)[number]) => [
          ['local', 'remote', 'relay'].indexOf(c.location),
          ['https', 'http'].indexOf(c.scheme),
          ['ipv4', 'ipv6'].indexOf(c.ipVersion),
        ];
        for (let i = 1; i < candidates.length; i++) {
          const [a, b] = [key(candidates[i - 1]!), key(candidates[i]!)];
          expect(compare(a, b)).toBeLessThanOrEqual(0);
        }
        const uris = candidates.map((c) => c.uri.toLowerCase());
        expect(new Set(uris).size).toBe(uris.length);
        if (resource.owned === false) expect(candidates.some((c) => c.location === 'local')).toBe(false);
        if (resource.httpsRequired) expect(candidates.some((c) => c.scheme === 'http')).toBe(false);
        candidates.forEach((c, i) => {
          expect(c.rank).toBe(i);
          expect(c.reason).toMatch(new RegExp(`^#${i + 1}: `));
          const url = new URL(c.uri);
          expect(`${url.protocol}`).toBe(`${c.scheme}:`);
          expect(c.uri.endsWith('/')).toBe(false);
          // IPv6 literals are always bracketed.
          if (c.ipVersion === 'ipv6' && c.source === 'direct')
            expect(url.hostname.startsWith('[')).toBe(true);
        });
        // Relays only ever get the URL plex.tv advertises.
        expect(
          candidates.some(
            (c) => c.location === 'relay' && c.source === 'direct' && c.connection.protocol === 'https',
          ),
        ).toBe(false);
        // Every connection is either a candidate or explained.
        for (const c of resource.connections) {
          const used = candidates.some((x) => x.connection === c) || skipped.some((x) => x.connection === c);
          expect(used).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('any options: the order follows the given preference lists, in the given priority', () => {
    fc.assert(
      fc.property(resourceArb, optionsArb, (resource, options) => {
        const { candidates } = planConnections(resource, options);
        const preferLocal =
          options.preferLocal === 'auto'
            ? resource.publicAddressMatches !== false
            : options.preferLocal !== false;
        const locations = [...(options.locations ?? ['local', 'remote', 'relay'])];
        if (
          !preferLocal &&
          locations.indexOf('local') < locations.indexOf('remote') &&
          locations.includes('local')
        ) {
          locations.splice(locations.indexOf('local'), 1);
          locations.splice(locations.indexOf('remote') + 1, 0, 'local');
        }
        const orders: Record<RankKey, readonly string[]> = {
          location: locations,
          scheme: options.schemes ?? ['https', 'http'],
          ipVersion: options.ipVersions ?? ['ipv4', 'ipv6'],
        };
        const priority = options.priority ?? ['location', 'scheme', 'ipVersion'];
        const key = (c: (typeof candidates)[number]) => priority.map((k) => orders[k].indexOf(c[k]));
        for (const c of candidates) {
          expect(orders.location).toContain(c.location);
          expect(orders.scheme).toContain(c.scheme);
          expect(orders.ipVersion).toContain(c.ipVersion);
        }
        for (let i = 1; i < candidates.length; i++) {
          expect(compare(key(candidates[i - 1]!), key(candidates[i]!))).toBeLessThanOrEqual(0);
        }
        if (resource.owned === false && !options.unownedLocal) {
          expect(candidates.some((c) => c.location === 'local')).toBe(false);
        }
        if (resource.httpsRequired && !options.ignoreHttpsRequired) {
          expect(candidates.some((c) => c.scheme === 'http')).toBe(false);
        }
        if (options.httpFallback === false) {
          expect(candidates.some((c) => c.source === 'direct' && c.connection.protocol === 'https')).toBe(
            false,
          );
        }
        const uris = candidates.map((c) => c.uri.toLowerCase());
        expect(new Set(uris).size).toBe(uris.length);
      }),
      { numRuns: 400 },
    );
  });
});

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return 0;
}
