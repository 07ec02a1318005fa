import { defineConfig } from 'vitest/config';

/**
 * Two projects:
 * - `fast`: the library, the emulator and the CLI in-process (`npm run test:fast`);
 * - `e2e`: every `*.e2e.test.ts` — files that spawn node subprocesses (the built bins), launch Chromium, or
 *   run long load/fault/fuzz loops (`npm run test:e2e`).
 * `npm test` runs both. Both need `npm run build` first: the workspace packages resolve to their dist.
 */
const ROOTS = ['packages/*/test/**/', 'examples/*/test/**/', 'reliability/**/'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Subprocess CLI tests and loopback servers are happier with a bounded pool on 2 cores.
    pool: 'forks',
    // `npm run test:fast` adds --no-isolate: its many small files then share a worker, loading vitest, plextv
    // and the emulator once rather than once per file (about a quarter of the CPU time). vitest.setup.ts gives
    // each file fresh web globals. `npm test` (and CI) keeps every file isolated. It also runs two workers
    // (vitest's default is one on 2 cores): the in-process files mostly wait on timers and loopback, so
    // two halve the wall time (~61 → ~36 s here).
    setupFiles: ['./vitest.setup.ts'],
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
