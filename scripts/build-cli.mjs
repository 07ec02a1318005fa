#!/usr/bin/env node
// packages/cli/dist/cli.cjs, what the `plextv` executable (bin/plextv.cjs) runs: one bundled CommonJS file
// (esbuild, from src/bin.ts) instead of tsc's dist/bin.js and the one file per module it imports. Startup is
// most of what a CLI run costs: Node's module loader pays per file (the CLI's ~50 files, commander's 8 and
// plextv's 4 cost about 1.2× a bare `node -e ""` in CPU time, one bundle of the same code about 0.5×), and its
// ES module loader costs more than its CommonJS one (an ES module entry: ~+10 ms of CPU; BENCHMARKS.md,
// "Startup"). Bundled: the CLI's own code, commander, picocolors and plextv. Left out of the bundle: what the
// CLI loads only when needed — @inquirer/prompts, yocto-spinner and uqr (resolved from node_modules), and
// plextv's XML parser (@rgrove/parse-xml, imported on the first XML body), bundled into its own file,
// dist/parse-xml.cjs. The rest of dist/ (index.js, the `plextv-cli` API for tests and embedding) stays tsc's
// output; the bundle has a name tsc never writes, so `tsc -b` cannot overwrite it.
// The root `npm run build` runs tsc, then scripts/build-plextv.mjs (the bundle takes plextv's dist), then this.
//   node scripts/build-cli.mjs
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkg = fileURLToPath(new URL('../packages/cli/', import.meta.url));
const dist = join(pkg, 'dist');

/** Loaded on demand by the CLI and large: resolved from node_modules when first needed, never bundled. */
export const LAZY_EXTERNAL = ['@inquirer/prompts', 'yocto-spinner', 'uqr'];

/** plextv's lazily imported XML parser, as its own file beside the bundle (CommonJS output has no chunks). */
const XML_PARSER = './parse-xml.cjs';

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
};

/** `import('@rgrove/parse-xml')` in plextv becomes `import('./parse-xml.cjs')`, left as a dynamic import. */
const xmlParserBeside = {
  name: 'plextv-cli-xml-parser-beside',
  setup(b) {
    b.onResolve({ filter: /^@rgrove\/parse-xml$/ }, () => ({ path: XML_PARSER, external: true }));
  },
};

export async function buildCli() {
  // What earlier builds left (the ES module bundle and its chunks).
  for (const old of ['chunks', 'cli.js', 'cli.js.map'])
    rmSync(join(dist, old), { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: [fileURLToPath(import.meta.resolve('@rgrove/parse-xml'))],
    outfile: join(dist, XML_PARSER),
  });
  await build({
    ...common,
    entryPoints: [join(pkg, 'src/bin.ts')],
    outfile: join(dist, 'cli.cjs'),
    external: LAZY_EXTERNAL,
    plugins: [xmlParserBeside],
    // src/ui/qr.ts loads uqr through `createRequire(import.meta.url)` (it is also tsc's ES module output).
    define: { 'import.meta.url': '__plextvImportMetaUrl' },
    banner: { js: "var __plextvImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildCli();
