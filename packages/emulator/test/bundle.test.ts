import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The in-process emulator and the MSW handlers must stay usable in a browser bundle: only
// `listen` (loaded lazily, Node-only) may touch node:http. `npm test` builds dist first.
describe('browser bundle', () => {
  it.each([['index.js'], ['msw.js']])(
    'dist/%s bundles for the browser without Node built-ins',
    async (entry) => {
      const result = await build({
        entryPoints: [fileURLToPath(new URL(`../dist/${entry}`, import.meta.url))],
        bundle: true,
        platform: 'browser',
        format: 'esm',
        write: false,
        logLevel: 'silent',
      });
      expect(result.errors).toEqual([]);
      const code = result.outputFiles[0]!.text;
      expect(code).not.toMatch(/from\s*["']node:/);
      expect(code).not.toContain('@hono/node-server');
    },
  );
});
