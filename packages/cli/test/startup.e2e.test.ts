/**
 * What `plextv whoami` loads (not how long it takes: a timing test would be flaky on a shared machine; the
 * times are in BENCHMARKS.md). A run with a token must not load Node's undici (the global fetch, Headers,
 * Request, Response: about twice a bare node start), the prompts, spinner or QR code, the XML parser, nor the
 * emulator.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator } from 'plextv-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv } from './helpers.js';

const MODULE_LOG = fileURLToPath(new URL('./fixtures/module-log.mjs', import.meta.url));

let server: Awaited<ReturnType<ReturnType<typeof createEmulator>['listen']>>;
let dir: string;
beforeAll(async () => {
  server = await createEmulator().listen();
  dir = await mkdtemp(join(tmpdir(), 'plextv-startup-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the built CLI with `args`, and returns its output and every module it loaded. */
async function loaded(args: string[], env: Record<string, string> = {}) {
  const log = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  // Not spawnSync: the emulator answers from this process.
  const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', MODULE_LOG, BIN, ...args],
      {
        env: cleanEnv({
          PLEX_TOKEN: 'demo-token',
          PLEXTV_BASE_URL: server.url,
          PLEXTV_CONFIG_DIR: join(dir, 'config'),
          MODULE_LOG: log,
          ...env,
        }),
        encoding: 'utf8',
      },
      (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
    );
  });
  const modules = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, modules };
}

const HEAVY = [
  /undici/,
  /@inquirer/,
  /yocto-spinner/,
  /uqr/,
  /parse-xml/,
  /plextv-emulator|packages\/emulator/,
];

describe('startup: what a command loads', () => {
  it('`plextv whoami` with a token reads the account without undici, prompts, spinner, QR code or emulator', async () => {
    const run = await loaded(['whoami']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('demo');
    // The log works: it saw the CLI itself and node:http.
    expect(run.modules.some((m) => m.includes('packages/cli/dist/cli.cjs'))).toBe(true);
    expect(run.modules).toContain('NativeModule http');
    for (const heavy of HEAVY) expect(run.modules.filter((m) => heavy.test(m))).toEqual([]);
  });

  it('`plextv devices` (an XML answer) loads the XML parser from its own file beside the bundle', async () => {
    const run = await loaded(['devices', '--json']);
    expect(run.code).toBe(0);
    // Seen by the ES module hook (a file: URL) and in require.cache (a path): the one file, either way.
    const parsers = run.modules.filter((m) => /parse-xml/.test(m));
    expect(parsers.length).toBeGreaterThan(0);
    for (const m of parsers) expect(m).toMatch(/packages\/cli\/dist\/parse-xml\.cjs$/);
  });

  it('with HTTPS_PROXY set it takes the global fetch (undici), which honours no proxy on node:http', async () => {
    // A proxy on loopback's own address would be used for the request by a proxy-aware fetch: Node 20's
    // global fetch ignores the variable, so the request still reaches the emulator.
    const run = await loaded(['whoami', '--json'], { HTTPS_PROXY: 'http://127.0.0.1:9' });
    expect(run.code).toBe(0);
    expect(run.modules).toContain('NativeModule internal/deps/undici/undici');
  });
});
