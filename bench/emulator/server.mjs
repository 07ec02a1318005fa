#!/usr/bin/env node
// One HTTP server for bench/emulator/run.mjs, in its own process (so the load generator has the other core):
// forked with the kind as argument; sends { port } once listening, and exits when the parent disconnects.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createEmulator } from 'plextv-emulator';

export const KINDS = ['hello', 'static', 'adaptor', 'emulator'];
export const REQUEST_HEADERS = {
  'X-Plex-Client-Identifier': 'bench-client',
  'X-Plex-Token': 'demo-token',
  Accept: 'application/json',
};

async function start(kind) {
  if (kind === 'emulator') return (await createEmulator().listen()).port;
  let server;
  if (kind === 'hello') {
    server = createServer((_req, res) => res.end('hello world'));
  } else if (kind === 'static') {
    // The emulator's very answer (status, headers, body), computed once, served by bare node:http.
    const answer = await createEmulator().fetch('/api/v2/user', { headers: REQUEST_HEADERS });
    const headers = Object.fromEntries(answer.headers);
    const body = Buffer.from(await answer.text());
    server = createServer((_req, res) => {
      res.writeHead(answer.status, { ...headers, 'content-length': body.length });
      res.end(body);
    });
  } else if (kind === 'adaptor') {
    // The emulator's HTTP adaptor (@hono/node-server, as plextv-emulator resolves it) with a trivial handler.
    const { createAdaptorServer } = createRequire(import.meta.resolve('plextv-emulator'))(
      '@hono/node-server',
    );
    server = createAdaptorServer({ fetch: () => new Response('hello world') });
  } else {
    throw new Error(`unknown kind ${kind}`);
  }
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.address().port;
}

if (process.send) {
  const port = await start(process.argv[2]);
  process.send({ port });
  process.on('disconnect', () => process.exit(0));
}
