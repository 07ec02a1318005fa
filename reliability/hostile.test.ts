/**
 * Hostile plex.tv (issue #12), beside the fault matrix: a loopback "plex.tv" that redirects every request to
 * another origin, or answers without end, or answers an absurd document. Every operation named in the issue
 * must fail with the typed error, quickly, and nothing must reach the other origin: the rule lives in the
 * transport, not in each call.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createClient,
  getResources,
  getUser,
  getWebhooks,
  linkPin,
  type PlexTvClient,
  RedirectRefusedError,
  ResponseTooLargeError,
  signIn,
  signOut,
  verifyPlexJwt,
} from 'plextv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

type Mode = 'redirect-302' | 'redirect-307' | 'endless' | 'attributes';

interface Server {
  origin: string;
  seen: Array<{ method: string; url: string; token: string | undefined; body: string }>;
  close(): Promise<void>;
}

async function start(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const seen: Server['seen'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const token = req.headers['x-plex-token'];
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        token: typeof token === 'string' ? token : undefined,
        body,
      });
      handle(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const TOKEN = 'hostile-test-token-0123';
const ATTRIBUTES = (() => {
  let attrs = '';
  for (let i = 0; i < 300_000; i++) attrs += ` a${i}="1"`;
  return `<MediaContainer${attrs}/>`;
})();

let mode: Mode = 'redirect-302';
let attacker: Server;
let plex: Server;

beforeAll(async () => {
  attacker = await start((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":[]}'),
  );
  plex = await start((_req, res) => {
    if (mode === 'redirect-302' || mode === 'redirect-307') {
      res.writeHead(mode === 'redirect-302' ? 302 : 307, { location: `${attacker.origin}/collect` }).end();
    } else if (mode === 'endless') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":"');
      const chunk = Buffer.alloc(65_536, 'x');
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) {}
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    } else {
      res.writeHead(200, { 'content-type': 'application/xml' }).end(ATTRIBUTES);
    }
  });
});
afterAll(async () => {
  await Promise.all([attacker.close(), plex.close()]);
});

const OPERATIONS: Array<{ name: string; call: (c: PlexTvClient) => Promise<unknown>; readsBody?: false }> = [
  { name: 'getUser', call: (c) => getUser(c) },
  { name: 'getResources', call: (c) => getResources(c) },
  { name: 'getWebhooks', call: (c) => getWebhooks(c) },
  { name: 'linkPin', call: (c) => linkPin(c, 'ABCD'), readsBody: false },
  { name: 'signOut', call: (c) => signOut(c), readsBody: false },
  {
    name: 'signIn',
    call: (c) => signIn(c.withToken(undefined), { login: 'me@example.com', password: 'hostile-password' }),
  },
  { name: 'verifyPlexJwt (key set)', call: (c) => verifyPlexJwt(c, 'eyJhbGciOiJFZERTQSJ9.e30.c2ln') },
];

const client = (maxResponseBytes?: number) =>
  createClient({
    clientIdentifier: 'hostile-test',
    token: TOKEN,
    baseUrl: plex.origin,
    clientsBaseUrl: plex.origin,
    ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }),
  });

describe.sequential('a hostile plex.tv', () => {
  for (const m of ['redirect-302', 'redirect-307'] as const) {
    test(`${m} to another origin: every operation fails with RedirectRefusedError; nothing reaches it`, async () => {
      mode = m;
      for (const op of OPERATIONS) {
        const error = await op.call(client()).catch((e: unknown) => e);
        expect(error, op.name).toBeInstanceOf(RedirectRefusedError);
        expect((error as RedirectRefusedError).location, op.name).toBe(attacker.origin);
      }
      expect(attacker.seen).toEqual([]);
    });
  }

  test('an endless answer: every operation that reads its answer fails with ResponseTooLargeError within 5 s', async () => {
    mode = 'endless';
    for (const op of OPERATIONS.filter((o) => o.readsBody !== false)) {
      const started = Date.now();
      const error = await op.call(client(2 * 1024 * 1024)).catch((e: unknown) => e);
      expect(error, op.name).toBeInstanceOf(ResponseTooLargeError);
      expect(Date.now() - started, op.name).toBeLessThan(5_000);
    }
  });

  test('300,000 XML attributes: refused before parsing, not seconds of work', async () => {
    mode = 'attributes';
    for (const op of OPERATIONS.filter((o) => o.readsBody !== false)) {
      const started = Date.now();
      const error = await op.call(client()).catch((e: unknown) => e);
      expect(error, op.name).toMatchObject({ name: 'ResponseTooLargeError', unit: 'items' });
      expect(Date.now() - started, op.name).toBeLessThan(2_000);
    }
  });

  test('no error names the path the redirect pointed to, nor the token or password', async () => {
    mode = 'redirect-307';
    for (const op of OPERATIONS) {
      const error = (await op.call(client()).catch((e: unknown) => e)) as Error;
      const text = `${error.message} ${JSON.stringify(error)} ${error.stack}`;
      expect(text).not.toContain('/collect');
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('hostile-password');
    }
  });
});
