/** A loopback HTTP server scripted per test: records every request (with its body) and answers from a handler. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Loopback {
  origin: string;
  requests: SeenRequest[];
  /** Sockets the server saw closed (a cancelled download closes its socket). */
  closed: number;
  close(): Promise<void>;
}

export async function loopback(
  handler: (req: SeenRequest, res: ServerResponse) => unknown,
): Promise<Loopback> {
  const requests: SeenRequest[] = [];
  const state = { closed: 0 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(seen);
      void handler(seen, res);
    });
  });
  server.on('connection', (socket) => socket.on('close', () => state.closed++));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    get closed() {
      return state.closed;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
