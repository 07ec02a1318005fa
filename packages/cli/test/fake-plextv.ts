/**
 * A small scripted plex.tv for the devices/servers/webhooks/claim/geo/privacy commands (as a fetch, and over
 * loopback HTTP for subprocess tests), and tiny "Plex Media Servers" on real loopback sockets that answer
 * `/identity` (or misbehave: refused, black hole, another server's identity).
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';

export const TOKEN = 'fake-account-token-0001';

export interface FakeDevice {
  id: string;
  clientIdentifier: string;
  name?: string;
  product?: string;
  productVersion?: string;
  platform?: string;
  lastSeenAt?: number;
  token?: string;
  provides?: string;
}

export interface FakeConnection {
  uri: string;
  local: boolean;
  relay?: boolean;
  protocol?: 'http' | 'https';
  address?: string;
  port?: number;
}

export interface FakeResource {
  name: string;
  clientIdentifier: string;
  product?: string;
  productVersion?: string;
  platform?: string;
  provides: string;
  owned: boolean;
  sourceTitle?: string | null;
  ownerId?: number | null;
  presence?: boolean;
  accessToken?: string | null;
  httpsRequired?: boolean;
  connections: FakeConnection[];
}

export interface FakeState {
  devices: FakeDevice[];
  resources: FakeResource[];
  webhooks: string[];
  /** Answer the webhook routes with 403 (an account without Plex Pass). */
  noPlexPass: boolean;
  claimTokens: string[];
  privacy: { optOutPlayback: boolean; optOutLibraryStats: boolean };
  publicIp: string;
  requests: Array<{ method: string; path: string; body?: string }>;
}

export function initialState(): FakeState {
  return {
    devices: [
      {
        id: '101',
        clientIdentifier: '1e0d5c2a-7f3b-4c1e-9a2d-3b4c5d6e7f80',
        name: 'Living Room TV',
        product: 'Plex for Android (TV)',
        productVersion: '10.1',
        platform: 'Android',
        lastSeenAt: Math.floor(Date.now() / 1000) - 3 * 3600,
        token: 'device-secret-token-101',
        provides: 'client,player',
      },
      {
        id: '102',
        clientIdentifier: '1e0d9b77-52aa-4d0e-8c61-0f1e2d3c4b5a',
        name: 'Phone',
        product: 'Plex for iOS',
        productVersion: '8.30',
        platform: 'iOS',
        lastSeenAt: Math.floor(Date.now() / 1000) - 2 * 86400,
        token: 'device-secret-token-102',
      },
      {
        id: '103',
        clientIdentifier: 'f9e8d7c6b5a4',
        name: 'Demo Server',
        product: 'Plex Media Server',
        productVersion: '1.41.3',
        platform: 'Linux',
        lastSeenAt: Math.floor(Date.now() / 1000) - 60,
        token: 'device-secret-token-103',
        provides: 'server',
      },
    ],
    resources: [],
    webhooks: ['https://hooks.example.com/one', 'https://hooks.example.com/two'],
    noPlexPass: false,
    claimTokens: [],
    privacy: { optOutPlayback: false, optOutLibraryStats: true },
    publicIp: '203.0.113.7',
    requests: [],
  };
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function xmlAttrs(record: Record<string, unknown>): string {
  return Object.entries(record)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}="${xmlEscape(String(v))}"`)
    .join(' ');
}

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
const xml = (text: string, status = 200) =>
  new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${text}`, {
    status,
    headers: { 'content-type': 'application/xml' },
  });
const error = (status: number, code: number, message: string) =>
  json({ errors: [{ code, message, status }] }, status);

/** The fake plex.tv as a fetch handler. Anything not for `origin` goes to the real network (the fake PMSs). */
export function fakePlexTv(state: FakeState, origin: string): typeof fetch {
  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = request.method === 'GET' ? undefined : await request.text();
    state.requests.push({ method: request.method, path: url.pathname, ...(body ? { body } : {}) });
    if (!request.headers.get('x-plex-client-identifier')) {
      return error(400, 1000, 'X-Plex-Client-Identifier is missing');
    }
    const path = url.pathname;
    if (request.method === 'GET' && path === '/:/ip') {
      return new Response(`${state.publicIp}\n`, { headers: { 'content-type': 'text/plain' } });
    }
    if (request.method === 'GET' && path === '/api/v2/geoip') {
      const ip = url.searchParams.get('ip_address') ?? state.publicIp;
      if (ip === '192.0.2.1') return json({ code: 'XX', country: null, city: null });
      return json({
        code: 'DE',
        continent_code: 'EU',
        country: 'Germany',
        city: 'Berlin',
        european_union_member: true,
        time_zone: 'Europe/Berlin',
        postal_code: '10115',
        in_privacy_restricted_country: true,
        in_privacy_restricted_region: false,
        subdivisions: 'Land Berlin',
        coordinates: '52.5196, 13.4069',
      });
    }
    if (request.headers.get('x-plex-token') !== TOKEN) {
      return error(401, 1001, 'User could not be authenticated');
    }
    if (request.method === 'GET' && path === '/devices.xml') {
      const devices = state.devices
        .map(
          (d) =>
            `  <Device ${xmlAttrs({
              name: d.name ?? '',
              publicAddress: '203.0.113.7',
              product: d.product ?? '',
              productVersion: d.productVersion ?? '',
              platform: d.platform ?? '',
              platformVersion: '',
              device: '',
              model: '',
              vendor: '',
              provides: d.provides ?? '',
              clientIdentifier: d.clientIdentifier,
              version: d.productVersion ?? '',
              id: d.id,
              token: d.token,
              createdAt: 1700000000,
              lastSeenAt: d.lastSeenAt,
              screenResolution: '',
              screenDensity: '',
            })}>\n  </Device>`,
        )
        .join('\n');
      return xml(`<MediaContainer publicAddress="203.0.113.7">\n${devices}\n</MediaContainer>`);
    }
    const removed = /^\/devices\/([^/]+)\.xml$/.exec(path);
    if (request.method === 'DELETE' && removed) {
      const index = state.devices.findIndex((d) => d.id === decodeURIComponent(removed[1]!));
      if (index === -1) return error(404, 1002, 'Device not found');
      state.devices.splice(index, 1);
      return new Response(null, { status: 200 });
    }
    if (request.method === 'GET' && path === '/api/v2/resources') {
      return json(
        state.resources.map((r) => ({
          name: r.name,
          product: r.product ?? 'Plex Media Server',
          productVersion: r.productVersion ?? '1.41.3.9314',
          platform: r.platform ?? 'Linux',
          platformVersion: '6.1',
          device: 'PC',
          clientIdentifier: r.clientIdentifier,
          createdAt: '2024-01-01T00:00:00Z',
          lastSeenAt: '2025-01-15T11:00:00Z',
          provides: r.provides,
          ownerId: r.owned ? null : (r.ownerId ?? 20000002),
          sourceTitle: r.owned ? null : (r.sourceTitle ?? 'alice'),
          publicAddress: '203.0.113.7',
          accessToken: r.accessToken ?? null,
          owned: r.owned,
          home: false,
          synced: false,
          relay: true,
          presence: r.presence ?? true,
          httpsRequired: r.httpsRequired ?? false,
          publicAddressMatches: true,
          dnsRebindingProtection: false,
          natLoopbackSupported: false,
          connections: r.connections.map((c) => {
            const u = new URL(c.uri);
            return {
              protocol: c.protocol ?? u.protocol.slice(0, -1),
              address: c.address ?? u.hostname.replace(/^\[(.*)\]$/, '$1'),
              port: c.port ?? Number(u.port),
              uri: c.uri,
              local: c.local,
              relay: c.relay ?? false,
              IPv6: u.hostname.startsWith('['),
            };
          }),
        })),
      );
    }
    if (path === '/api/v2/user/webhooks') {
      if (state.noPlexPass) return error(403, 1998, 'Webhooks require an active Plex Pass subscription');
      if (request.method === 'GET') return json(state.webhooks.map((u) => ({ url: u })));
      if (request.method === 'POST') {
        const form = new URLSearchParams(body ?? '');
        state.webhooks = form.has('urls') && !form.has('urls[]') ? [] : form.getAll('urls[]');
        return new Response(null, { status: 201 });
      }
    }
    if (request.method === 'GET' && path === '/api/claim/token.json') {
      const token = `claim-${Math.random().toString(36).slice(2, 12)}${state.claimTokens.length}`;
      state.claimTokens.push(token);
      return json({ token });
    }
    if (path === '/api/v2/user/privacy') {
      if (request.method === 'GET') {
        return json({
          ...state.privacy,
          domain: 'analytics.plex.tv',
          baseUrl: 'https://analytics.plex.tv',
          metrics: [
            {
              event: 'playback:itemstart',
              status: state.privacy.optOutPlayback ? 'anonymous' : 'identifiable',
            },
            {
              event: 'library:stats',
              status: state.privacy.optOutLibraryStats ? 'anonymous' : 'identifiable',
            },
          ],
        });
      }
      if (request.method === 'PUT') {
        const form = new URLSearchParams(body ?? '');
        for (const key of ['optOutPlayback', 'optOutLibraryStats'] as const) {
          const v = form.get(key);
          if (v !== null) state.privacy[key] = v === '1' || v === 'true';
        }
        return new Response(null, { status: 204 });
      }
    }
    return error(404, 1002, 'The requested endpoint could not be found');
  };
  return async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).origin !== origin) return fetch(request);
    return handle(request);
  };
}

/** The fake plex.tv over loopback HTTP, for the built CLI as a subprocess. */
export async function listenPlexTv(state: FakeState): Promise<{ url: string; close: () => Promise<void> }> {
  let handler: typeof fetch | undefined;
  const server: Server = createHttpServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const response = await handler!(`${url}${req.url}`, {
      method: req.method,
      headers,
      ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  handler = fakePlexTv(state, url);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type PmsMode =
  | { kind: 'up'; machineIdentifier: string; latency?: number }
  | { kind: 'blackhole' }
  | { kind: 'refused' };

export interface FakePms {
  uri: string;
  port: number;
  /** How many `/identity` requests it got. */
  hits: number;
  close(): Promise<void>;
}

/** A fake Plex Media Server on 127.0.0.1 that answers `/identity` (or misbehaves). */
export async function startPms(mode: PmsMode): Promise<FakePms> {
  const listen = (server: Server | NetServer) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  if (mode.kind === 'refused') {
    const probe = createNetServer();
    const port = await listen(probe);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return { uri: `http://127.0.0.1:${port}`, port, hits: 0, close: async () => {} };
  }
  if (mode.kind === 'blackhole') {
    const sockets = new Set<Socket>();
    const server = createNetServer((socket) => {
      sockets.add(socket);
      socket.on('data', () => {});
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    });
    const port = await listen(server);
    const pms: FakePms = {
      uri: `http://127.0.0.1:${port}`,
      port,
      hits: 0,
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    };
    return pms;
  }
  const pms: FakePms = { uri: '', port: 0, hits: 0, close: async () => {} };
  const server = createHttpServer((req, res) => {
    if (req.url?.startsWith('/identity')) pms.hits++;
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="0" claimed="1" machineIdentifier="${mode.machineIdentifier}" version="1.41.3.9314"/>`,
      );
    }, mode.latency ?? 0);
  });
  pms.port = await listen(server);
  pms.uri = `http://127.0.0.1:${pms.port}`;
  pms.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return pms;
}
