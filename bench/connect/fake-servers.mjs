// Loopback stand-ins for Plex Media Server connections: each answers `/` and `/identity` (JSON) with the
// server's machine identifier, after `latency` ms — or never (`black-hole`: accepts, never answers).
import { createServer } from 'node:http';

/** Start one server per behaviour; returns { urls, close }. */
export async function startServers(machineIdentifier, behaviours) {
  const servers = [];
  const sockets = new Set();
  for (const behaviour of behaviours) {
    const server = createServer((_req, res) => {
      if (behaviour.kind === 'black-hole') return; // keep the socket, never answer
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            MediaContainer: {
              size: 0,
              machineIdentifier,
              version: '1.41.0.0000',
              friendlyName: 'Bench',
              ownerFeatures: 'webhooks',
            },
          }),
        );
      }, behaviour.latency ?? 0);
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
  }
  return {
    urls: servers.map((s) => `http://127.0.0.1:${s.address().port}`),
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

/** A v2 resource (JSON shape) whose connections are `urls`, best-ranked first: local ones, then remote. */
export function resourceFor(machineIdentifier, urls, localCount = 3) {
  return {
    name: 'Bench Server',
    product: 'Plex Media Server',
    clientIdentifier: machineIdentifier,
    provides: 'server',
    owned: true,
    accessToken: 'bench-access-token',
    httpsRequired: false,
    connections: urls.map((uri, i) => {
      const { hostname, port } = new URL(uri);
      return {
        protocol: 'http',
        address: hostname,
        port: Number(port),
        uri,
        local: i < localCount,
        relay: false,
        IPv6: false,
      };
    }),
  };
}
