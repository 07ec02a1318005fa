import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'reliability/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Subprocess CLI tests and loopback servers are happier with a bounded pool on 2 cores.
    pool: 'forks',
  },
});
