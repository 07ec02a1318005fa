#!/usr/bin/env node
// Bundle size, plextv vs @ctrl/plex 3.12.1: esbuild --minify, gzip -9, for three apps.
// @ctrl/plex does not bundle for the browser (it imports node:os and friends): that failure is recorded, and
// both libraries are also bundled for Node (platform 'node': only Node's built-ins left external).
//   node bench/size/run.mjs [--json]
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { isMain, ratio, table } from '../lib.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** One app per row, written the way each library's README has you write it. */
export const APPS = [
  {
    name: 'sign in + read the account',
    plextv: `import { createClient, getUser, signIn } from 'plextv';
const plex = createClient({ clientIdentifier: 'id', product: 'App' });
const a = await signIn(plex, { login: 'l', password: 'p' });
console.log(await getUser(plex.withToken(a.authToken)));`,
    ctrl: `import { MyPlexAccount } from '@ctrl/plex';
const account = await new MyPlexAccount(null, 'l', 'p').connect();
console.log(account.email, account.subscriptionPlan);`,
  },
  {
    name: 'list resources + connect',
    plextv: `import { connect, createClient, findResource, getResources } from 'plextv';
const plex = createClient({ clientIdentifier: 'id', product: 'App', token: 't' });
const server = findResource(await getResources(plex), 'My Server');
console.log((await connect(server)).uri);`,
    ctrl: `import { MyPlexAccount } from '@ctrl/plex';
const account = new MyPlexAccount(null, '', '', 't');
const server = await (await account.resource('My Server')).connect();
console.log(server.baseurl);`,
  },
  {
    // @ctrl/plex 3.12.1 has no watchlist API (it came in 7.x): no peer figure for this row.
    name: 'read the watchlist',
    plextv: `import { createClient, watchlist } from 'plextv';
const plex = createClient({ clientIdentifier: 'id', product: 'App', token: 't' });
for await (const item of watchlist(plex)) console.log(item.title, item.guids.imdb);`,
  },
  {
    name: 'whole library (import *)',
    plextv: `import * as lib from 'plextv'; console.log(lib);`,
    ctrl: `import * as lib from '@ctrl/plex'; console.log(lib);`,
  },
];

/**
 * Bundle one entry; returns { initial, lazy, minified } (gzip -9 bytes of the entry chunk, of the chunks it
 * loads on demand, and the minified bytes of all of them), or { error } with esbuild's first message.
 */
export async function bundle(source, platform, { externalBuiltins = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'plextv-bench-size-'));
  try {
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, source);
    try {
      await build({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        splitting: true,
        format: 'esm',
        platform,
        target: platform === 'node' ? 'node20' : 'es2022',
        outdir: join(dir, 'out'),
        nodePaths: [join(root, 'node_modules')],
        absWorkingDir: root,
        logLevel: 'silent',
        // Only for the "would it fit" estimate: leave Node's built-ins unresolved in a browser build.
        external: externalBuiltins ? ['node:*', ...builtinModules] : [],
        // CommonJS dependencies (xml2js, ws) require() Node built-ins: give the ESM bundle a require.
        banner:
          platform === 'node'
            ? { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" }
            : {},
      });
    } catch (error) {
      const first = error.errors?.[0];
      const where = first?.location ? ` (${first.location.file.replace(/^.*node_modules\//, '')})` : '';
      const unresolved = [
        ...new Set(
          (error.errors ?? []).map((e) => /Could not resolve "([^"]+)"/.exec(e.text)?.[1]).filter(Boolean),
        ),
      ];
      return {
        error: first ? `${first.text}${where}` : String(error.message ?? error),
        count: error.errors?.length ?? 1,
        unresolved,
      };
    }
    const files = readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.js'));
    const read = (f) => readFileSync(join(dir, 'out', f));
    const gz = (f) => gzipSync(read(f), { level: 9 }).length;
    const initial = gz('entry.js');
    const lazy = files.filter((f) => f !== 'entry.js').reduce((sum, f) => sum + gz(f), 0);
    const minified = files.reduce((sum, f) => sum + read(f).length, 0);
    return { initial, lazy, minified };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A row whose app @ctrl/plex 3.12.1 cannot write (it has no such API). */
const NO_PEER = { error: 'no such API in @ctrl/plex 3.12.1', none: true };

export async function measureAll() {
  const rows = [];
  for (const app of APPS) {
    rows.push({
      name: app.name,
      plextvBrowser: await bundle(app.plextv, 'browser'),
      plextvNode: await bundle(app.plextv, 'node'),
      ctrlBrowser: app.ctrl ? await bundle(app.ctrl, 'browser') : NO_PEER,
      ctrlBrowserExt: app.ctrl ? await bundle(app.ctrl, 'browser', { externalBuiltins: true }) : NO_PEER,
      ctrlNode: app.ctrl ? await bundle(app.ctrl, 'node') : NO_PEER,
    });
  }
  return rows;
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const total = (m) => (m.error ? Number.NaN : m.initial + m.lazy);

/** The table cells after plextv's browser figure, against @ctrl/plex. */
const peerCells = (r) => [
  r.ctrlBrowser.error ? 'fails to build' : kb(total(r.ctrlBrowser)),
  kb(total(r.ctrlBrowserExt)),
  ratio(total(r.ctrlBrowserExt), total(r.plextvBrowser), 1),
  kb(total(r.plextvNode)),
  kb(total(r.ctrlNode)),
  ratio(total(r.ctrlNode), total(r.plextvNode), 1),
];
/** The same for an app @ctrl/plex 3.12.1 has no API for. */
const noPeerCells = (r) => ['no watchlist API', '—', '—', kb(total(r.plextvNode)), '—', '—'];

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { json: { type: 'boolean' } } });
  const rows = await measureAll();
  if (values.json) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    console.log(
      'Bundle size: esbuild --minify, gzip -9 (KB = 1024 bytes). "+ lazy" = chunks loaded on demand.\n',
    );
    console.log(
      table(
        [
          'app',
          'plextv, browser',
          '@ctrl/plex 3.12.1, browser',
          '@ctrl/plex, browser, built-ins external¹',
          'ratio¹',
          'plextv, node',
          '@ctrl/plex, node',
          'ratio (node)',
        ],
        rows.map((r) => [
          r.name,
          `${kb(r.plextvBrowser.initial)} + ${kb(r.plextvBrowser.lazy)} lazy`,
          ...(r.ctrlNode.none ? noPeerCells(r) : peerCells(r)),
        ]),
      ),
    );
    console.log(
      '\nratio = @ctrl/plex ÷ plextv, all chunks (initial + lazy). ¹ Node built-ins left unresolved: a bundle that',
    );
    console.log('  would not run, but shows the weight of its own code and dependencies in a browser build.');
    const failure = rows.find((r) => r.ctrlBrowser.error && !r.ctrlBrowser.none)?.ctrlBrowser;
    if (failure)
      console.log(
        `\n@ctrl/plex with platform 'browser' fails: ${failure.count} error(s), the first: ${failure.error}.` +
          `\n  Unresolved: ${failure.unresolved.join(', ')}.`,
      );
    console.log('\nMinified, before gzip (node bundles, all chunks):');
    for (const r of rows)
      console.log(
        `  ${r.name}: plextv ${kb(r.plextvNode.minified)}, @ctrl/plex ${r.ctrlNode.none ? '—' : kb(r.ctrlNode.minified)}`,
      );
    console.log(
      '\nnode: platform "node", everything bundled except Node built-ins (node:*), ESM with splitting.',
    );
  }
}
