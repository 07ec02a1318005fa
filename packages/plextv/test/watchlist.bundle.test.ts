/**
 * An app that reads the watchlist, bundled for the browser: its first chunk stays within the budget
 * (≤ 10 KB gzip, KB = 1024 bytes; the XML parser is a chunk loaded only on an XML answer), and the bundle reads
 * the emulator's watchlist in a context with only web globals. `npm run bench -- size` reports the same row.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { createEmulator } from 'plextv-emulator';
import { expect, test } from 'vitest';
import { browserBundle, runWithWebGlobals } from './web-context.js';

const APP = `import { createClient, watchlist } from 'plextv';
const plex = createClient({ clientIdentifier: 'id', product: 'App', token: 't' });
for await (const item of watchlist(plex)) console.log(item.title, item.guids.imdb);`;

test('the watchlist app: first chunk ≤ 10 KB gzip, the XML parser in a lazy chunk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plextv-watchlist-size-'));
  try {
    writeFileSync(join(dir, 'entry.mjs'), APP);
    await build({
      entryPoints: [join(dir, 'entry.mjs')],
      bundle: true,
      minify: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outdir: join(dir, 'out'),
      nodePaths: [join(process.cwd(), 'node_modules')],
      logLevel: 'silent',
    });
    const files = readdirSync(join(dir, 'out'));
    const entry = readFileSync(join(dir, 'out', 'entry.js'));
    expect(gzipSync(entry, { level: 9 }).length).toBeLessThanOrEqual(10 * 1024);
    // The XML parser's own error text is in another chunk, imported on demand.
    const lazy = files.filter((f) => f !== 'entry.js').map((f) => readFileSync(join(dir, 'out', f), 'utf8'));
    expect(entry.toString()).not.toMatch(/Missing end tag|Unclosed/i);
    expect(lazy.some((code) => /Missing end tag|Unclosed/i.test(code))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the browser bundle reads the watchlist with only web globals', async () => {
  const code = await browserBundle(['createClient', 'getWatchlist', 'watchlist']);
  const emulator = createEmulator();
  const lib = runWithWebGlobals(code, {
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => emulator.fetch(input, init)) as typeof fetch,
  });
  const plex = lib.createClient({
    clientIdentifier: 'browser-watchlist',
    product: 'Browser',
    token: 'demo-token',
  });
  const titles: string[] = [];
  for await (const item of lib.watchlist(plex, { pageSize: 10 })) titles.push(item.title ?? '');
  expect(titles).toHaveLength(25);
  expect(titles[0]).toBe('Oppenheimer');
  const page = await lib.getWatchlist(plex, { size: 1 });
  expect(page.notModified ? undefined : page.items[0]?.guid).toBe('plex://movie/613b69464d1516c90af83633');
});
