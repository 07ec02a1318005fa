#!/usr/bin/env node
// The installed `plextv` command. A committed file (not a build output), so npm links it at install time,
// before `prepare` has built dist/; it only loads the built program (dist/cli.cjs: one bundled file, see
// scripts/build-cli.mjs). CommonJS, like the bundle: Node then never starts its ES module loader for a
// command that needs none (about +10 ms of CPU at startup).
try {
  require.resolve('../dist/cli.cjs');
} catch {
  console.error('plextv: not built yet; run `npm run build` in the repository (npm install does it).');
  process.exit(1);
}
require('../dist/cli.cjs');
