/**
 * plextv must run in browsers: it bundles for `platform: 'browser'` (esbuild refuses Node built-ins there),
 * and the bundle signs in and reads the account inside a bare JS context with no Node globals at all.
 */
import { build } from 'esbuild';
import { createEmulator } from 'plextv-emulator';
import { expect, test } from 'vitest';
import { browserBundle, runWithWebGlobals } from './web-context.js';

const EXPORTS = ['createClient', 'signIn', 'getUser', 'parseUserPlexAccount', 'TwoFactorRequiredError'];

test('bundles for the browser without any Node built-in', async () => {
  const code = await browserBundle(EXPORTS);
  expect(code).not.toMatch(/\brequire\(["']|from ["']node:/);
});

test('signs in with 2FA and reads the account in a context with only web globals', async () => {
  const code = await browserBundle(EXPORTS);
  const emulator = createEmulator();
  const lib = runWithWebGlobals(code, {
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => emulator.fetch(input, init)) as typeof fetch,
    navigator: {
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0.0.0 Safari/537.36',
    },
  });
  const plex = lib.createClient({
    clientIdentifier: 'browser-test',
    product: 'Browser',
    baseUrl: 'https://plex.tv',
  });
  const needCode = await lib
    .signIn(plex, { login: 'demo', password: 'demo-password' })
    .catch((e: unknown) => e);
  expect(needCode).toBeInstanceOf(lib.TwoFactorRequiredError);
  const account = await lib.signIn(plex, { login: 'demo', password: 'demo-password', code: '123456' });
  const me = await lib.getUser(plex.withToken(account.authToken));
  expect(me.username).toBe('demo');
  const sent = emulator.control.requests();
  expect(sent.length).toBe(3);
  expect(plex.identityHeaders['X-Plex-Platform']).toBe('Chrome');
  expect(plex.identityHeaders['X-Plex-Platform-Version']).toBe('131.0.0.0');
});

test('XML decodes when a bundler splits the lazy XML parser into its own chunk', async () => {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const dir = mkdtempSync(join(tmpdir(), 'plextv-split-'));
  try {
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, `export { parseUserPlexAccount } from 'plextv';`);
    await build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      outdir: join(dir, 'out'),
      nodePaths: [join(process.cwd(), 'node_modules')],
      logLevel: 'silent',
    });
    const lib = (await import(pathToFileURL(join(dir, 'out', 'entry.js')).href)) as typeof import('plextv');
    const account = await lib.parseUserPlexAccount('<user id="7" uuid="abc" username="split"/>');
    expect(account).toMatchObject({ id: 7, username: 'split' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
