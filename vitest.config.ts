import { defineConfig } from 'vitest/config';

/**
 * Two projects:
 * - `fast`: the library, the emulator and the CLI in-process (`npm run test:fast`, well under a minute);
 * - `e2e`: every `*.e2e.test.ts` — files that spawn node subprocesses (the built bins), launch Chromium, or
 *   run long load/fault loops (`npm run test:e2e`).
 * `npm test` runs both. Both need `npm run build` first: the workspace packages resolve to their dist.
 */
const ROOTS = ['packages/*/test/**/', 'examples/*/test/**/', 'reliability/**/'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Subprocess CLI tests and loopback servers are happier with a bounded pool on 2 cores.
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ROOTS.map((root) => `${root}*.test.ts`),
          exclude: ['**/node_modules/**', '**/*.e2e.test.ts'],
        },
      },
      { extends: true, test: { name: 'e2e', include: ROOTS.map((root) => `${root}*.e2e.test.ts`) } },
    ],
  },
});
