#!/usr/bin/env node
// packages/cli/dist/cli.js, what the `plextv` executable (bin/plextv.js) runs: one bundled ES module (esbuild,
// from src/bin.ts) instead of tsc's dist/bin.js and the one file per module it imports. Startup is most of
// what a CLI run costs, and Node's module loader pays per file: the CLI's ~50 files, commander's 8 and
// plextv's 4 cost about 1.2× a bare `node -e ""` in CPU time, one bundle of the same code about 0.5×
// (BENCHMARKS.md, "Startup"). Bundled: the CLI's own code, commander, picocolors and plextv (its XML parser a
// chunk loaded on the first XML body, as in the library). Left external: what the CLI loads only when needed
// (@inquirer/prompts, yocto-spinner, uqr). The rest of dist/ (index.js, the `plextv-cli` API for tests and
// embedding) stays tsc's output; the bundle has a name tsc never writes, so `tsc -b` cannot overwrite it.
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

export async function buildCli() {
  rmSync(join(dist, 'chunks'), { recursive: true, force: true });
  await build({
    entryPoints: { cli: join(pkg, 'src/bin.ts') },
    outdir: dist,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: LAZY_EXTERNAL,
    chunkNames: 'chunks/[name]-[hash]',
    // commander is CommonJS and requires Node built-ins: give the bundle a `require`.
    banner: {
      js: "import { createRequire as __plextvCreateRequire } from 'node:module';\nconst require = __plextvCreateRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildCli();
