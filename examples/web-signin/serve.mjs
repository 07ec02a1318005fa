#!/usr/bin/env node
// Serve the "Sign in with Plex" example on loopback, against the embedded plex.tv emulator.
//   node examples/web-signin/serve.mjs [--port N] [--plex-url URL]
// Exported `startExample()` is what the browser tests use.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

async function bundle() {
  const out = await build({
    entryPoints: [`${here}app.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: true,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** Start the page (and an emulator unless `plexUrl` is given). Resolves with { url, plexUrl, emulator, close }. */
export async function startExample({ port = 0, plexUrl } = {}) {
  let emulator;
  let plex;
  if (!plexUrl) {
    const { createEmulator, demoSeed } = await import('plextv-emulator');
    // The real clock, so PIN expiry and JWT lifetimes mean what they say in the browser.
    emulator = createEmulator({ ...demoSeed, now: new Date().toISOString() });
    plex = await emulator.listen();
    plexUrl = plex.url;
  }
  const html = readFileSync(`${here}index.html`, 'utf8');
  const js = await bundle();
  const config = `window.PLEXTV_EXAMPLE = ${JSON.stringify({ baseUrl: plexUrl, authAppUrl: `${plexUrl}/auth` })};`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (type, body) => {
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (path === '/' || path === '/index.html') return send('text/html', html);
    if (path === '/app.js') return send('text/javascript', js);
    if (path === '/config.js') return send('text/javascript', config);
    res.writeHead(404).end('not found');
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return {
    url,
    plexUrl,
    emulator,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await plex?.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, 'plex-url': { type: 'string' } } });
  const example = await startExample({ port: Number(values.port ?? 0), plexUrl: values['plex-url'] });
  console.log(`Sign in with Plex example: ${example.url}`);
  console.log(`plex.tv (emulator): ${example.plexUrl} — sign in as demo / demo-password, code 123456`);
  const stop = async () => {
    await example.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
