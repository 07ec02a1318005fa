/**
 * Tiny loopback "Plex Media Servers" for `connect` tests, on real sockets: each answers `GET /identity` (or
 * misbehaves) in one of a few modes.
 *
 * - `up`: answers `/identity` with `machineIdentifier` (XML or JSON), after `latency` ms;
 * - `status`: answers every request with an HTTP error;
 * - `html`: answers 200 with something that is not an identity;
 * - `blackhole`: accepts the TCP connection and never says a word;
 * - `refused`: a closed port (nothing listens).
 */
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';

export type PmsMode =
  | {
      kind: 'up';
      machineIdentifier: string;
      version?: string;
      latency?: number;
      format?: 'xml' | 'json' | 'auto';
    }
  | { kind: 'status'; status: number }
  | { kind: 'html' }
  | { kind: 'blackhole' }
  | { kind: 'refused' };

export interface PmsRequest {
  url: string;
  method: string;
  headers: IncomingHttpHeaders;
}

export interface FakePms {
  /** `http://127.0.0.1:1234` or `http://[::1]:1234`. */
  uri: string;
  host: string;
  port: number;
  requests: PmsRequest[];
  /**
   * Sockets accepted, and those that carried a request (`asked`), with how many of each are closed: a black
   * hole's sockets close only when the client aborts. (undici may open a spare idle socket after an abort; it
   * never carries a request.)
   */
  sockets: { accepted: number; closed: number; asked: number; askedClosed: number };
  close(): Promise<void>;
}

const hostInUri = (host: string) => (host.includes(':') ? `[${host}]` : host);

export async function startPms(mode: PmsMode, host = '127.0.0.1'): Promise<FakePms> {
  const requests: PmsRequest[] = [];
  const sockets = { accepted: 0, closed: 0, asked: 0, askedClosed: 0 };
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.accepted++;
    open.add(socket);
    let asked = false;
    socket.once('data', () => {
      asked = true;
      sockets.asked++;
    });
    socket.on('close', () => {
      sockets.closed++;
      if (asked) sockets.askedClosed++;
      open.delete(socket);
    });
  };

  if (mode.kind === 'refused') {
    // Bind a port, then free it: nothing listens there any more.
    const probe = createNetServer();
    const port = await listen(probe, host);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return { uri: `http://${hostInUri(host)}:${port}`, host, port, requests, sockets, close: async () => {} };
  }

  if (mode.kind === 'blackhole') {
    const server = createNetServer((socket) => {
      track(socket);
      socket.on('data', () => {}); // read and ignore; never answer
      socket.on('error', () => {});
    });
    const port = await listen(server, host);
    return {
      uri: `http://${hostInUri(host)}:${port}`,
      host,
      port,
      requests,
      sockets,
      close: () => closeServer(server, open),
    };
  }

  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createHttpServer((req, res) => {
    requests.push({ url: req.url ?? '', method: req.method ?? '', headers: req.headers });
    if (mode.kind === 'status') {
      res.writeHead(mode.status, { 'content-type': 'text/html' }).end('<html><body>nope</body></html>');
      return;
    }
    if (mode.kind === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome to nginx</body></html>');
      return;
    }
    if (req.url?.split('?')[0] !== '/identity') {
      res.writeHead(404).end();
      return;
    }
    const wantsJson = (req.headers.accept ?? '').includes('json');
    const format =
      mode.format === 'json' || ((mode.format ?? 'auto') === 'auto' && wantsJson) ? 'json' : 'xml';
    const version = mode.version ?? '1.40.0.7998-c29d4c0c8';
    const body =
      format === 'json'
        ? JSON.stringify({
            MediaContainer: { size: 0, claimed: true, machineIdentifier: mode.machineIdentifier, version },
          })
        : `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="0" claimed="1" machineIdentifier="${mode.machineIdentifier}" version="${version}">\n</MediaContainer>\n`;
    const answer = () => {
      if (res.destroyed) return;
      res.writeHead(200, {
        'content-type': format === 'json' ? 'application/json' : 'text/xml;charset=utf-8',
      });
      res.end(body);
    };
    if (mode.latency) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, mode.latency);
      timers.add(timer);
    } else answer();
  });
  server.on('connection', track);
  const port = await listen(server, host);
  return {
    uri: `http://${hostInUri(host)}:${port}`,
    host,
    port,
    requests,
    sockets,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      await closeServer(server, open);
    },
  };
}

function listen(server: Server | NetServer, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no port'));
      else resolve(address.port);
    });
  });
}

function closeServer(server: Server | NetServer, open: Set<Socket>): Promise<void> {
  for (const socket of open) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Whether this machine can listen on ::1 (some CI containers have no IPv6 loopback). */
export async function ipv6LoopbackAvailable(): Promise<boolean> {
  const server = createNetServer();
  try {
    await listen(server, '::1');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return true;
  } catch {
    return false;
  }
}
