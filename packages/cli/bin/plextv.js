#!/usr/bin/env node
// The installed `plextv` command. A committed file (not a build output), so npm links it at install time,
// before `prepare` has built dist/; it only loads the built program (dist/cli.js: one bundled module, see
// scripts/build-cli.mjs).
import('../dist/cli.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    console.error('plextv: not built yet; run `npm run build` in the repository (npm install does it).');
    process.exit(1);
  }
  throw error;
});
