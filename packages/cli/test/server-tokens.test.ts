/**
 * `plextv servers tokens SERVER` in-process against the emulator: each user's libraries and whether a token is
 * there, the tokens only with --show-tokens; and `plextv share --json` saying which sharing API answered.
 */
import { DEMO_SERVER_ID } from 'plextv-emulator';
import { describe, expect, test } from 'vitest';
import { ExitCode } from '../src/index.js';
import { emulatorSession } from './helpers.js';

const TOKENS = ['free-demo-server-token', 'kids-demo-server-token'];

const session = emulatorSession();

function plextv(args: string[], token = 'demo-token') {
  return session.run(args, { env: { PLEX_TOKEN: token } });
}

interface UsersJson {
  server: { name: string; machineIdentifier: string };
  users: Array<Record<string, unknown>>;
}

describe('servers tokens', () => {
  test('a table of each user, their libraries, and whether they have a token; no token printed', async () => {
    const result = await plextv(['servers', 'tokens', 'Demo Server']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^USER\s+LIBRARIES\s+TOKEN$/);
    expect(lines[1]).toMatch(/^freeuser \(free@plextv\.test\)\s+Movies, TV Shows\s+yes$/);
    // The managed Home user has no username in the shares: its name comes from /api/users.
    expect(lines[2]).toMatch(/^Kids\s+all libraries\s+yes$/);
    expect(lines[3]).toBe('2 users of "Demo Server". Add --show-tokens to print the tokens.');
    for (const token of TOKENS) expect(result.stdout + result.stderr).not.toContain(token);
  });

  test('--show-tokens prints them, in the table and in --json', async () => {
    const table = await plextv(['servers', 'tokens', 'Demo Server', '--show-tokens']);
    expect(table.stdout).toMatch(
      /freeuser \(free@plextv\.test\)\s+Movies, TV Shows\s+free-demo-server-token\n/,
    );
    expect(table.stdout).toMatch(/Kids\s+all libraries\s+kids-demo-server-token\n/);
    const json = await plextv(['servers', 'tokens', DEMO_SERVER_ID, '--json', '--show-tokens']);
    const data = JSON.parse(json.stdout) as UsersJson;
    expect(data.users.map((u) => u.accessToken)).toEqual(TOKENS);
  });

  test('--json without --show-tokens: hasToken, never the token; by machine identifier', async () => {
    const result = await plextv(['servers', 'tokens', DEMO_SERVER_ID, '--json']);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as UsersJson;
    expect(data.server).toEqual({ name: 'Demo Server', machineIdentifier: DEMO_SERVER_ID });
    expect(data.users).toEqual([
      expect.objectContaining({
        userId: 10000002,
        username: 'freeuser',
        email: 'free@plextv.test',
        allLibraries: false,
        libraries: [
          expect.objectContaining({ title: 'Movies' }),
          expect.objectContaining({ title: 'TV Shows' }),
        ],
        hasToken: true,
      }),
      expect.objectContaining({ userId: 10000003, title: 'Kids', allLibraries: true, hasToken: true }),
    ]);
    for (const user of data.users) expect(user).not.toHaveProperty('accessToken');
    for (const token of TOKENS) expect(result.stdout).not.toContain(token);
  });

  test('a server nobody uses; a server shared with you (owner only); an unknown server: exit 2', async () => {
    expect((await plextv(['servers', 'tokens', 'Basement NAS'])).stdout).toBe(
      '"Basement NAS" is not shared with anyone.\n',
    );
    const shared = await plextv(['servers', 'tokens', 'Demo Server'], 'free-token');
    expect(shared.code).toBe(ExitCode.USAGE);
    expect(shared.stderr).toMatch(/shared with you by demo: only its owner can list who uses it/);
    const typo = await plextv(['servers', 'tokns', 'Demo Server']);
    expect(typo.code).toBe(ExitCode.USAGE);
    expect(typo.stderr).toMatch(/unknown command 'tokns' for 'plextv servers' \(did you mean tokens\?\)/);
    const unknown = await plextv(['servers', 'tokens', 'Nope']);
    expect(unknown.code).toBe(ExitCode.USAGE);
    expect(unknown.stderr).toMatch(/No server named "Nope"/);
  });
});

describe('share --json says which sharing API answered', () => {
  test('v2 when it works; v1 when plex.tv says the v2 endpoint does not exist', async () => {
    const v2 = await plextv(['share', 'Demo Server', 'carol', '--libraries', 'Movies', '--json']);
    expect(v2.code).toBe(0);
    expect(JSON.parse(v2.stdout)).toMatchObject({ ok: true, action: 'created', api: 'v2' });

    session.emulator.control.reset();
    session.emulator.control.fault({
      method: 'POST',
      path: '/api/v2/shared_servers',
      status: 404,
      code: 1002,
      times: Number.POSITIVE_INFINITY,
    });
    const v1 = await plextv(['share', 'Demo Server', 'carol', '--libraries', 'Movies', '--json']);
    expect(v1.stderr).toBe('');
    expect(v1.code).toBe(0);
    expect(JSON.parse(v1.stdout)).toMatchObject({ ok: true, action: 'created', api: 'v1' });
  });
});
