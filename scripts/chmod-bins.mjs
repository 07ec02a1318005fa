// tsc (and scripts/build-cli.mjs) write dist/bin.js without the executable bit; npm links bins at install time, before the build.
import { chmodSync, existsSync } from 'node:fs';

for (const bin of ['packages/cli/dist/bin.js', 'packages/emulator/dist/bin.js']) {
  if (existsSync(bin)) chmodSync(bin, 0o755);
}
