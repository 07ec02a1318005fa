#!/usr/bin/env node
// Browser bundle size of plextv (esbuild, minified, gzip -9): what an app pays for what it imports.
// Usage: npm run size [-- --json]
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

export const SCENARIOS = {
  'sign-in + account (client, signIn, getUser)': `import { createClient, signIn, getUser } from 'plextv';
const plex = createClient({ clientIdentifier: 'id', product: 'App' });
const a = await signIn(plex, { login: 'l', password: 'p' });
console.log(await getUser(plex.withToken(a.authToken)));`,
  'watchlist (client, watchlist)': `import { createClient, watchlist } from 'plextv';
const plex = createClient({ clientIdentifier: 'id', product: 'App', token: 't' });
for await (const item of watchlist(plex)) console.log(item.title, item.guid);`,
  'whole library (import *)': `import * as plextv from 'plextv'; console.log(plextv);`,
};

/** Bundle one entry for the browser; returns { initial, lazy } gzip sizes in bytes. */
export async function measure(source) {
  const dir = mkdtempSync(join(tmpdir(), 'plextv-size-'));
  try {
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, source);
    await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outdir: join(dir, 'out'),
      nodePaths: [join(root, 'node_modules')],
      absWorkingDir: root,
      logLevel: 'silent',
    });
    const files = readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.js'));
    const gz = (f) => gzipSync(readFileSync(join(dir, 'out', f)), { level: 9 }).length;
    const initial = gz('entry.js');
    const lazy = files.filter((f) => f !== 'entry.js').reduce((sum, f) => sum + gz(f), 0);
    return { initial, lazy };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = [];
  for (const [name, source] of Object.entries(SCENARIOS)) rows.push({ name, ...(await measure(source)) });
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
    console.log('plextv browser bundle (esbuild --minify, gzip -9)\n');
    console.log(`${'app'.padEnd(46)}${'initial'.padStart(10)}${'lazy XML chunk'.padStart(17)}`);
    for (const r of rows)
      console.log(`${r.name.padEnd(46)}${kb(r.initial).padStart(10)}${kb(r.lazy).padStart(17)}`);
    console.log(
      '\nThe XML parser loads only when plex.tv answers XML (JSON is asked for wherever plex.tv offers it).',
    );
  }
}
