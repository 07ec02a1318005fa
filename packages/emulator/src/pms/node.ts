/**
 * Fake Plex Media Servers over real loopback sockets (Node only; loaded lazily by
 * `emulator.servers.start()`). One listener per seeded connection: 127.0.0.1, or ::1 for IPv6
 * connections when the host has IPv6. Each listener is a raw `net.Server`, so a black hole can hold
 * a socket without ever answering (even a TLS ClientHello); every other socket is handed to a
 * `node:http` server that answers as a PMS would:
 *
 *   GET /identity  (public)        <MediaContainer size="0" claimed="1" machineIdentifier version/>
 *   GET /          (X-Plex-Token)  <MediaContainer size="0" friendlyName machineIdentifier myPlexUsername
 *                                   ownerFeatures platform version transcoder…/> (./root.ts); 401
 *                                   without a token the server accepts
 *   anything else                  404
 *
 * JSON (`{"MediaContainer": {…}}`) when Accept contains application/json. CORS is open, as on PMS.
 */

import {
  createServer as createHttpServer,
  type Server as HttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { ConnectionBehaviour } from './behaviour.js';
import { WRONG_MACHINE_IDENTIFIER } from './behaviour.js';
import type { PmsBinding, PmsConnectionSpec, PmsDriver, PmsRegistry, PmsServerSpec } from './registry.js';
import { rootAttributes } from './root.js';

const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

interface Listener {
  spec: PmsConnectionSpec;
  server: PmsServerSpec;
  binding: PmsBinding;
  /** False: the listing names ::1 but the host has no IPv6, so nothing ever listens. */
  servable: boolean;
  net: NetServer;
  http: HttpServer;
  sockets: Set<Socket>;
  /** The sockets a black hole holds (never handed to the http server). */
  held: Set<Socket>;
  timers: Set<ReturnType<typeof setTimeout>>;
}

function listenOn(net: NetServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    net.once('error', onError);
    net.listen({ port, host, exclusive: true }, () => {
      net.off('error', onError);
      const address = net.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

function closeNet(net: NetServer): Promise<void> {
  return new Promise((resolve) => {
    if (!net.listening) return resolve();
    net.close(() => resolve());
  });
}

async function ipv6Available(): Promise<boolean> {
  const probe = createNetServer();
  try {
    await listenOn(probe, 0, '::1');
    return true;
  } catch {
    return false;
  } finally {
    await closeNet(probe);
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'Content-Type',
    'X-Plex-Protocol': '1.0',
    // One request per connection: a behaviour change then takes effect on the client's next
    // request, which opens a new connection (ECONNREFUSED once refused, and so on).
    Connection: 'close',
  });
  res.end(body);
}

function escapeAttr(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function mediaContainer(
  req: IncomingMessage,
  res: ServerResponse,
  fields: Array<[string, string | number | boolean]>,
): void {
  if ((req.headers.accept ?? '').toLowerCase().includes('application/json')) {
    send(
      res,
      200,
      'application/json; charset=utf-8',
      JSON.stringify({ MediaContainer: Object.fromEntries(fields) }),
    );
    return;
  }
  const attrs = fields
    .map(([k, v]) => ` ${k}="${typeof v === 'boolean' ? (v ? '1' : '0') : escapeAttr(String(v))}"`)
    .join('');
  send(
    res,
    200,
    'text/xml;charset=utf-8',
    `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer${attrs}>\n</MediaContainer>\n`,
  );
}

function htmlStatus(res: ServerResponse, status: number): void {
  const reason = REASONS[status] ?? 'Error';
  send(
    res,
    status,
    'text/html',
    `<html><head><title>${reason}</title></head><body><h1>${status} ${reason}</h1></body></html>`,
  );
}

function answer(
  registry: PmsRegistry,
  l: Listener,
  b: ConnectionBehaviour,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (b.kind === 'status') {
    htmlStatus(res, b.status);
    return;
  }
  const url = new URL(req.url ?? '/', 'http://pms.local');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
      'Access-Control-Max-Age': '600',
      Connection: 'close',
    });
    res.end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    htmlStatus(res, 404);
    return;
  }
  const machineIdentifier =
    b.kind === 'wrong-identity' ? WRONG_MACHINE_IDENTIFIER : l.server.machineIdentifier;
  if (path === '/identity') {
    mediaContainer(req, res, [
      ['size', 0],
      ['claimed', true],
      ['machineIdentifier', machineIdentifier],
      ['version', l.server.version],
    ]);
    return;
  }
  if (path === '/') {
    const header = req.headers['x-plex-token'];
    const token = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('X-Plex-Token') ?? '';
    if (!registry.acceptsToken(l.server, token)) {
      htmlStatus(res, 401);
      return;
    }
    const owner = registry.ownerOf?.(l.server.machineIdentifier) ?? null;
    mediaContainer(req, res, rootAttributes(l.server, machineIdentifier, owner));
    return;
  }
  htmlStatus(res, 404);
}

function makeListener(
  registry: PmsRegistry,
  server: PmsServerSpec,
  spec: PmsConnectionSpec,
  host: string,
  servable: boolean,
): Listener {
  const sockets = new Set<Socket>();
  const held = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const l: Listener = {
    spec,
    server,
    binding: { host, port: 0, listening: false },
    servable,
    sockets,
    held,
    timers,
    net: createNetServer(),
    http: createHttpServer((req, res) => {
      const b = registry.behaviour(spec.key);
      // A socket accepted before a switch to black-hole or refused is dropped on the switch; this
      // only guards a request already in flight.
      if (b.kind === 'black-hole' || b.kind === 'refused') return;
      const latency = 'latencyMs' in b ? b.latencyMs : 0;
      if (latency === 0) {
        answer(registry, l, b, req, res);
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) answer(registry, l, b, req, res);
      }, latency);
      timers.add(timer);
    }),
  };
  l.http.keepAliveTimeout = 5_000;
  l.net.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      held.delete(socket);
    });
    socket.on('error', () => {});
    // A black hole keeps the socket open and never reads or writes.
    if (registry.behaviour(spec.key).kind === 'black-hole') {
      held.add(socket);
      return;
    }
    l.http.emit('connection', socket);
  });
  l.net.on('error', () => {});
  return l;
}

/** Close sockets: all of them, or only those a black hole holds. */
function dropSockets(l: Listener, which: 'all' | 'held' = 'all'): void {
  for (const socket of which === 'all' ? l.sockets : l.held) socket.destroy();
  l.held.clear();
  if (which === 'held') return;
  l.sockets.clear();
  for (const timer of l.timers) clearTimeout(timer);
  l.timers.clear();
}

/**
 * Open a listener for every seeded connection (a free port each, kept for the whole run so the
 * listings stay stable), then close the ones whose behaviour is `refused`.
 */
export async function startPms(registry: PmsRegistry, options: { ipv6?: boolean }): Promise<PmsDriver> {
  const ipv6 = options.ipv6 !== false && (await ipv6Available());
  const listeners = new Map<string, Listener>();
  const bindings = new Map<string, PmsBinding>();

  const apply = async (key: string): Promise<void> => {
    const l = listeners.get(key);
    if (!l) return;
    const kind = registry.behaviour(key).kind;
    // Refused and black-hole stop answering now, so open sockets go; answering behaviours only
    // release what an earlier black hole held (requests in flight finish as they started).
    dropSockets(l, kind === 'refused' || kind === 'black-hole' ? 'all' : 'held');
    const wantOpen = l.servable && kind !== 'refused';
    if (wantOpen && !l.net.listening) await listenOn(l.net, l.binding.port, l.binding.host);
    else if (!wantOpen && l.net.listening) await closeNet(l.net);
    l.binding.listening = l.net.listening;
  };

  const stopAll = async (): Promise<void> => {
    await Promise.all(
      [...listeners.values()].map(async (l) => {
        const closed = closeNet(l.net);
        dropSockets(l);
        l.http.closeAllConnections();
        await closed;
        l.binding.listening = false;
      }),
    );
  };

  try {
    for (const server of registry.servers) {
      for (const spec of server.connections) {
        const host = spec.IPv6 ? '::1' : '127.0.0.1';
        const servable = !spec.IPv6 || ipv6;
        const l = makeListener(registry, server, spec, host, servable);
        listeners.set(spec.key, l);
        bindings.set(spec.key, l.binding);
        if (servable) {
          l.binding.port = await listenOn(l.net, 0, host);
        } else {
          // No IPv6 here: reserve a number (from an IPv4 port) so the listing is well formed;
          // nothing will ever listen on [::1] for it.
          const probe = createNetServer();
          l.binding.port = await listenOn(probe, 0, '127.0.0.1');
          await closeNet(probe);
        }
        l.binding.listening = l.net.listening;
      }
    }
    await Promise.all([...listeners.keys()].map(apply));
  } catch (err) {
    await stopAll();
    throw err;
  }

  registry.bindings = bindings;
  return {
    ipv6,
    apply,
    async stop() {
      await stopAll();
      registry.bindings = null;
    },
  };
}
