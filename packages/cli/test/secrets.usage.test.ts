/**
 * Secrets typed where they do not belong (a password as an argument, credentials in a URL, a PIN where none
 * fits) are not echoed back, even with PLEXTV_DEBUG=1. The matrix of every command through every failure,
 * in-process and over loopback, is secrets.e2e.test.ts.
 */
import { createEmulator } from 'plextv-emulator';
import { describe, expect, test } from 'vitest';
import { ExitCode } from '../src/index.js';
import { runIn, tempDir } from './helpers.js';

describe('secrets typed where they do not belong are not echoed back (usage errors, PLEXTV_DEBUG=1)', () => {
  const SECRET = 'hunter2-typed-secret';
  test.each([
    [['login', `--password=${SECRET}`], {}],
    [['login', `--password-stdin=${SECRET}`, '--json'], {}],
    [['login', SECRET], {}],
    [['login', '-l', 'demo', '--password', SECRET], {}],
    [['--base-url', `https://me:${SECRET}@plex.tv`, 'whoami'], {}],
    [['--base-url', `https://${SECRET}@plex.tv`, 'whoami', '--json'], {}],
    [['--base-url', `http://127.0.0.1:9/?X-Plex-Token=${SECRET}`, 'whoami'], {}],
    [['--base-url', `ftp://me:${SECRET}@plex.tv`, 'whoami'], {}],
    [['whoami'], { PLEXTV_BASE_URL: `https://me:${SECRET}@plex.tv` }],
    [['login', '--auth-url', `https://me:${SECRET}@app.plex.tv/auth`], {}],
    [['login', '--json'], { PLEXTV_AUTH_URL: `https://app.plex.tv/auth#${SECRET}` }],
    [['webhooks', 'add', `https://me:${SECRET}@hooks.example.test/x`], { PLEX_TOKEN: 'demo-token' }],
    [['home', 'switch', 'Kids', '--pin', SECRET], { PLEX_TOKEN: 'demo-token' }],
    [['home', 'pin', 'set', '--pin', '1234', '--current', SECRET], { PLEX_TOKEN: 'demo-token' }],
    [['whoami', '--token', SECRET], {}],
    [['whoami', '--token', SECRET, '--bogus'], {}],
    [['token', '--token', SECRET, '--json'], {}],
    [['logout', '--token', SECRET], {}],
    [['devices', '--json'], { PLEX_TOKEN: SECRET }],
  ] as Array<[string[], Record<string, string>]>)('%j %j', async (args, env) => {
    const emulator = createEmulator();
    const temp = await tempDir();
    try {
      const result = await runIn([...args, '--config-dir', temp.dir], {
        fetch: emulator.fetch,
        env: { PLEXTV_DEBUG: '1', ...env },
      });
      expect(result.code).not.toBe(ExitCode.UNEXPECTED);
      expect(result.stdout).not.toContain(SECRET);
      expect(result.stderr).not.toContain(SECRET);
      expect(result.stderr).not.toContain('hunter2');
    } finally {
      await temp.cleanup();
    }
  });
});
