/**
 * The built `plextv` as a subprocess against the emulator over loopback HTTP (demo seed), with its fake Plex
 * Media Servers running: devices, servers/connect (connections up, refused, black-holed, answering as
 * another server), webhooks, claim, ip, geoip, privacy. Every output is checked for secrets.
 */
import {
  BASEMENT_NAS_ID,
  createEmulator,
  DEMO_SERVER_ID,
  type Emulator,
  type RunningServer,
} from 'plextv-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ExitCode } from '../src/index.js';
import { cli, type Result, tempDir } from './helpers.js';

const DEMO_TOKEN = 'demo-token';
const FREE_TOKEN = 'free-token';
const DEMO_ID = 10000001;

let emulator: Emulator;
let server: RunningServer;
let config: { dir: string; cleanup: () => Promise<void> };
let outputs: Result[];
/** Every token the seed knows: account tokens, device tokens, server access tokens (owner's and shares'). */
let secrets: string[];

beforeAll(async () => {
  emulator = createEmulator();
  server = await emulator.listen();
  await emulator.servers.start();
});

afterAll(async () => {
  await emulator.servers.stop();
  await server.close();
});

beforeEach(async () => {
  emulator.control.reset();
  config = await tempDir();
  outputs = [];
  secrets = [...emulator.state.tokens.keys()];
  for (const device of emulator.state.devices.values()) {
    secrets.push(device.token);
    if (device.accessToken) secrets.push(device.accessToken);
    for (const share of device.shares) secrets.push(share.accessToken);
  }
});

afterEach(async () => {
  await config.cleanup();
  for (const { stdout, stderr } of outputs) {
    for (const secret of secrets) {
      expect(stdout).not.toContain(secret);
      expect(stderr).not.toContain(secret);
    }
  }
});

/** `plextv …args` as demo (or `token`), against the emulator. `keep`: output may hold secrets (asked for). */
async function plextv(args: string[], options: { token?: string; keep?: boolean } = {}): Promise<Result> {
  const result = await cli([...args, '--base-url', server.url, '--config-dir', config.dir], {
    env: { PLEX_TOKEN: options.token ?? DEMO_TOKEN },
  });
  if (!options.keep) outputs.push(result);
  return result;
}

function json<T = unknown>(result: Result): T {
  return JSON.parse(result.stdout) as T;
}

/** Where the emulator's fake server listens for connection `index` of a seeded server right now. */
function listed(serverName: string, index: number): string {
  const found = emulator.servers.list().find((s) => s.name === serverName);
  const connection = found?.connections.find((c) => c.index === index);
  if (!connection) throw new Error(`no connection ${index} of ${serverName}`);
  return connection.listed.uri;
}

const directHttp = (uri: string) => uri.replace(/^https:/, 'http:');

/** What `servers --json` (each) and `connect --json` say about a server. */
interface ServerJson {
  name: string;
  clientIdentifier: string;
  owned: boolean | null;
  owner: string | null;
  reachable: boolean;
  uri: string | null;
  error: string | null;
  connection: { rank: number; uri: string; reason: string; location: string; outcome: string } | null;
  identity: { machineIdentifier: string } | null;
  attempts: Array<{ rank: number; uri: string; outcome: string; ms: number | null; reason: string }>;
  skipped: Array<{ uri: string; reason: string }>;
  accessToken?: string | null;
  [key: string]: unknown;
}

describe('devices', () => {
  test('a table of the account’s devices, most recently seen first, with short client ids', async () => {
    const result = await plextv(['devices']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+PRODUCT\s+PLATFORM\s+LAST SEEN\s+CLIENT ID$/);
    const names = lines.slice(1, -1).map((line) => line.split(/\s{2,}/)[0]);
    expect(names).toEqual([
      'Home Assistant',
      'Demo Server',
      'Chrome',
      'Living Room HTPC',
      'iPhone',
      'Basement NAS',
    ]);
    expect(lines[2]).toMatch(
      /^Demo Server\s+Plex Media Server 1\.41\.3\.9314-a0bfb8370\s+Linux\s+2025-01-15\s+a1b2c3d4…0001$/,
    );
    expect(lines[5]).toMatch(/\s7E1B3C2A$/);
    expect(lines[6]).toMatch(/\sa1b2c3d4…0002$/);
    expect(lines.at(-1)).toContain('6 devices');
    // freeuser's browser is not demo's.
    expect(result.stdout).not.toContain('Firefox');
  });

  test('--json: the full models, tokens redacted; --show-tokens keeps them', async () => {
    const result = await plextv(['devices', '--json']);
    expect(result.code).toBe(ExitCode.OK);
    const devices = json<Array<Record<string, unknown>>>(result);
    expect(devices).toHaveLength(6);
    expect(devices[0]).toMatchObject({
      id: '30000001',
      clientIdentifier: DEMO_SERVER_ID,
      name: 'Demo Server',
      provides: ['server'],
      token: '[redacted]',
      lastSeenAt: '2025-01-15T11:58:00.000Z',
    });
    const shown = await plextv(['devices', 'list', '--json', '--show-tokens'], { keep: true });
    expect(json<Array<{ token: string }>>(shown)[0]!.token).toBe('demo-server-device-token');
  });

  test('rm --yes removes that device (its token stops working) and only it', async () => {
    const result = await plextv(['devices', 'rm', 'iphone', '--yes']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toMatch(
      /^✔ Removed "iPhone" \(7E1B3C2A\), Plex for iOS 8\.40 on iOS, last seen 2025-01-14/,
    );
    expect(emulator.state.devices.has(30000004)).toBe(false);
    expect(emulator.state.devices.size).toBe(6);
    expect(emulator.state.tokens.has('demo-iphone-device-token')).toBe(false);
    const deletes = emulator.control.requests().filter((r) => r.method === 'DELETE');
    expect(deletes).toEqual([{ method: 'DELETE', path: '/devices/30000004.xml', status: 200 }]);
  });

  test('rm by the short ids the table shows, or by plex.tv id; --json', async () => {
    const bySuffix = await plextv(['devices', 'rm', 'a1b2c3d4…0002', '--yes', '--json']);
    expect(bySuffix.code).toBe(ExitCode.OK);
    expect(json(bySuffix)).toEqual({
      ok: true,
      removed: {
        id: '30000002',
        clientIdentifier: BASEMENT_NAS_ID,
        name: 'Basement NAS',
        product: 'Plex Media Server',
        platform: 'Linux',
      },
      self: false,
    });
    expect((await plextv(['devices', 'remove', 'emulator-ho', '-y'])).code).toBe(ExitCode.OK);
    expect((await plextv(['devices', 'rm', '30000003', '--yes'])).code).toBe(ExitCode.OK);
    expect([...emulator.state.devices.keys()]).toEqual([30000001, 30000004, 30000005, 30000007]);
  });

  test('rm without --yes and no terminal: exit 2, nothing removed', async () => {
    const result = await plextv(['devices', 'rm', 'iPhone']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('pass --yes');
    expect(result.stdout).toBe('');
    expect(emulator.state.devices.has(30000004)).toBe(true);
  });

  test('rm of an unknown device, or another account’s: exit 2 naming the devices there are', async () => {
    const result = await plextv(['devices', 'rm', 'Firefox', '--yes', '--json']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('No device named "Firefox"');
    expect(result.stderr).toContain('"iPhone" (7E1B3C2A)');
    expect(json(result)).toMatchObject({ ok: false, error: { code: 'USAGE', exitCode: 2 } });
    expect(emulator.state.devices.has(30000007)).toBe(true);
  });
});

describe('servers and connect', () => {
  test('servers: owned servers, the address chosen and why, the better ones that failed; an offline one', async () => {
    const result = await plextv(['servers', '--timeout', '2000']);
    expect(result.code).toBe(ExitCode.OK);
    const out = result.stdout;
    const local = listed('Demo Server', 1);
    expect(out).toMatch(/^Demo Server {2}owned · Plex Media Server 1\.41\.3\.9314-a0bfb8370 · Linux/);
    expect(out).toContain(`✔ ${local}  local · http · IPv4 · candidate 3 of `);
    expect(out).toContain('why: local (1st of local > remote > relay), http (2nd of https > http)');
    expect(out).toContain(`✖ #1 ${listed('Demo Server', 0)}: refused (ECONNREFUSED)`);
    expect(out).toContain(`✖ #2 ${directHttp(listed('Demo Server', 0))}: refused (ECONNREFUSED)`);
    expect(out).toMatch(/Basement NAS {2}owned/);
    expect(out).toContain('✖ unreachable: all 2 candidates failed (plex.tv lists it as offline)');
    expect(out).toContain('2 servers: 1 reachable, 1 unreachable from here.');
    // Players and apps are not servers.
    expect(out).not.toContain('iPhone');
  });

  test('servers --json: owner, chosen connection, every attempt and what was skipped', async () => {
    const result = await plextv(['servers', '--json']);
    expect(result.code).toBe(ExitCode.OK);
    const [demo, nas] = json<ServerJson[]>(result) as [ServerJson, ServerJson];
    expect(demo).toMatchObject({
      name: 'Demo Server',
      clientIdentifier: DEMO_SERVER_ID,
      owned: true,
      owner: null,
      reachable: true,
      uri: listed('Demo Server', 1),
      identity: { machineIdentifier: DEMO_SERVER_ID },
      connection: { rank: 2, location: 'local', outcome: 'ok' },
      error: null,
    });
    expect(demo.connection?.reason).toMatch(/^#3: local/);
    expect(demo.attempts.slice(0, 3).map((a) => a.outcome)).toEqual(['refused', 'refused', 'ok']);
    for (const a of demo.attempts) expect(a.outcome === 'ok' || a.rank !== 2).toBe(true);
    expect(demo).not.toHaveProperty('accessToken');
    expect(nas).toMatchObject({ name: 'Basement NAS', reachable: false, uri: null, connection: null });
    expect(nas.error).toContain('all 2 candidates failed');
    // Only the local address gets a derived plain-http copy (#12: never a remote one), and https is required.
    expect(nas.skipped.map((s) => s.reason)).toEqual(['the resource requires https']);
  });

  test('a server shared with you: its owner, and its local addresses are not tried', async () => {
    const result = await plextv(['servers', '--json'], { token: FREE_TOKEN });
    expect(result.code).toBe(ExitCode.OK);
    const servers = json<ServerJson[]>(result);
    expect(servers).toHaveLength(1);
    expect(servers[0]).toMatchObject({ name: 'Demo Server', owned: false, owner: 'demo', reachable: true });
    expect(servers[0]!.connection?.location).toBe('remote');
    expect(servers[0]!.uri).toBe(listed('Demo Server', 3));
    expect(servers[0]!.skipped.some((s) => s.reason.includes('do not own'))).toBe(true);
    const human = await plextv(['servers'], { token: FREE_TOKEN });
    expect(human.stdout).toMatch(/^Demo Server {2}shared by demo/);
  });

  test('--show-tokens adds the access token (the one for this account)', async () => {
    const mine = await plextv(['connect', 'Demo Server', '--json', '--show-tokens'], { keep: true });
    expect(json<ServerJson>(mine).accessToken).toBe('demo-server-access-token');
    const shared = await plextv(['servers', '--json', '--show-tokens'], { token: FREE_TOKEN, keep: true });
    expect(json<ServerJson[]>(shared)[0]!.accessToken).toBe('free-demo-server-token');
  });

  test('connect prints the best URL alone on its line', async () => {
    const result = await plextv(['connect', 'demo server']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe(`${listed('Demo Server', 1)}\n`);
    expect(result.stderr).toBe('');
    const byId = await plextv(['connect', DEMO_SERVER_ID.slice(0, 8) + '…0001']);
    expect(byId.stdout).toBe(result.stdout);
  });

  test('a black-holed best candidate does not hold up the next one: it wins within the bounded wait', async () => {
    await emulator.control.setConnectionBehaviour('Demo Server', 0, 'black-hole');
    const started = Date.now();
    const result = await plextv(['connect', 'Demo Server', '--json', '--timeout', '500']);
    const elapsed = Date.now() - started;
    expect(result.code).toBe(ExitCode.OK);
    const data = json<ServerJson>(result);
    expect(data.uri).toBe(listed('Demo Server', 1));
    // The better-ranked black-holed ones are given up once the wait after the first answer ran out (#12), or
    // time out first when that answer was slow (a loaded machine): either way the third one wins.
    const [first, second, third] = data.attempts.map((a) => a.outcome);
    expect(['cancelled', 'timeout']).toContain(first);
    expect(['cancelled', 'timeout']).toContain(second);
    expect(third).toBe('ok');
    expect(elapsed).toBeLessThan(5000);
  });

  test('refused and wrong-identity candidates are passed over for the remote address', async () => {
    await emulator.control.setConnectionBehaviour('Demo Server', 1, 'wrong-identity');
    const result = await plextv(['connect', 'Demo Server', '--json']);
    expect(result.code).toBe(ExitCode.OK);
    const data = json<ServerJson>(result);
    expect(data.uri).toBe(listed('Demo Server', 3));
    expect(data.connection).toMatchObject({ location: 'remote', outcome: 'ok' });
    // No derived plain-http copy of the remote address any more (#12): the remote https one is fifth.
    expect(data.attempts.map((a) => a.outcome).slice(0, 5)).toEqual([
      'refused',
      'refused',
      'wrong-identity',
      'refused',
      'ok',
    ]);
    for (const a of data.attempts) expect(typeof a.ms).toBe('number');
  });

  test('an unreachable server: exit 12, nothing on stdout, one line per candidate on stderr', async () => {
    const result = await plextv(['connect', 'Basement NAS']);
    expect(result.code).toBe(ExitCode.SERVER_UNREACHABLE);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      'error: Cannot reach "Basement NAS": all 2 candidates failed (plex.tv lists it as offline)',
      expect.stringMatching(
        new RegExp(`^  #1 ${listed('Basement NAS', 0)}: refused \\(ECONNREFUSED\\) after \\d+ ms$`),
      ),
      expect.stringMatching(
        new RegExp(`^  #2 ${listed('Basement NAS', 1)}: refused \\(ECONNREFUSED\\) after \\d+ ms$`),
      ),
      `  not tried ${directHttp(listed('Basement NAS', 0))}: the resource requires https`,
    ]);
  });

  test('unreachable with --json: the error document carries every attempt', async () => {
    for (const index of [1, 3, 5])
      await emulator.control.setConnectionBehaviour('Demo Server', index, 'refused');
    const result = await plextv(['connect', 'Demo Server', '--json']);
    expect(result.code).toBe(12);
    const data = json<ServerJson & { ok: boolean; error: unknown }>(result);
    expect(data).toMatchObject({
      ok: false,
      error: { code: 'SERVER_UNREACHABLE', exitCode: 12 },
      name: 'Demo Server',
      reachable: false,
    });
    expect(data.attempts.length).toBeGreaterThanOrEqual(7);
    expect(new Set(data.attempts.map((a) => a.outcome))).toEqual(new Set(['refused']));
    expect(result.stderr.trim().split('\n').length).toBe(1 + data.attempts.length + data.skipped.length);
  });

  test('no server of that name (a player is not one): exit 2', async () => {
    const result = await plextv(['connect', 'iPhone']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('No server named "iPhone" (servers: "Demo Server" (a1b2c3d4…0001)');
  });
});

describe('webhooks', () => {
  const SEEDED = 'https://hooks.example.test/plex';
  const NEW = 'https://hooks.example.net/plex?key=1';
  const webhooks = () => emulator.state.accounts.get(DEMO_ID)!.webhooks;

  test('list: one URL a line; --json an array', async () => {
    const result = await plextv(['webhooks']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe(`${SEEDED}\n`);
    expect(json(await plextv(['webhooks', 'ls', '--json']))).toEqual([SEEDED]);
  });

  test('add keeps the others; the same URL again writes nothing', async () => {
    const added = await plextv(['webhooks', 'add', NEW, '--json']);
    expect(added.code).toBe(ExitCode.OK);
    expect(json(added)).toEqual({ ok: true, changed: true, webhooks: [SEEDED, NEW] });
    expect(webhooks()).toEqual([SEEDED, NEW]);
    const again = await plextv(['webhooks', 'add', NEW]);
    expect(again.code).toBe(ExitCode.OK);
    expect(again.stdout).toContain('already a webhook');
    expect(emulator.control.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  test('rm keeps the others; a URL that is not there: exit 2, nothing written', async () => {
    await plextv(['webhooks', 'add', NEW]);
    const removed = await plextv(['webhooks', 'rm', SEEDED]);
    expect(removed.code).toBe(ExitCode.OK);
    expect(removed.stdout).toContain(`Removed ${SEEDED} (1 webhook left)`);
    expect(webhooks()).toEqual([NEW]);
    const missing = await plextv(['webhooks', 'rm', SEEDED]);
    expect(missing.code).toBe(ExitCode.USAGE);
    expect(missing.stderr).toContain('is not one of');
    expect(webhooks()).toEqual([NEW]);
  });

  test('set replaces the list; set alone clears with --yes, refuses without', async () => {
    const set = await plextv(['webhooks', 'set', NEW, 'https://two.example.org/']);
    expect(set.code).toBe(ExitCode.OK);
    expect(webhooks()).toEqual([NEW, 'https://two.example.org/']);
    const refused = await plextv(['webhooks', 'set']);
    expect(refused.code).toBe(ExitCode.USAGE);
    expect(refused.stderr).toContain('--yes');
    expect(webhooks()).toHaveLength(2);
    const cleared = await plextv(['webhooks', 'set', '--yes', '--json']);
    expect(cleared.code).toBe(ExitCode.OK);
    expect(json(cleared)).toEqual({ ok: true, changed: true, webhooks: [] });
    expect(webhooks()).toEqual([]);
    const empty = await plextv(['webhooks']);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toBe('No webhooks.\n');
  });

  test.each([
    ['ftp://example.com/hook', /http or https/],
    ['not a url', /not an absolute URL/],
    ['https://user:pw@example.com/hook', /credentials/],
  ])('an invalid URL (%s): exit 2 with the reason, nothing sent', async (url, reason) => {
    const result = await plextv(['webhooks', 'add', url]);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).not.toContain(':pw@');
    expect(emulator.control.requests()).toEqual([]);
  });

  test('an account without Plex Pass: the refusal says so (exit 13)', async () => {
    const result = await plextv(['webhooks', 'add', NEW], { token: FREE_TOKEN });
    expect(result.code).toBe(ExitCode.FORBIDDEN);
    expect(result.code).toBe(13);
    expect(result.stderr).toMatch(/^error: Webhooks are a Plex Pass feature: .* \(HTTP 403, code 1043: /);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('claim, ip, geoip, privacy', () => {
  test('claim: the token alone on stdout (a live one), the hint on stderr', async () => {
    const result = await plextv(['claim'], { keep: true });
    expect(result.code).toBe(ExitCode.OK);
    const token = result.stdout.trim();
    expect(result.stdout).toBe(`${token}\n`);
    expect(token).toMatch(/^claim-/);
    expect(emulator.state.claimTokens.get(token)?.accountId).toBe(DEMO_ID);
    expect(result.stderr).toMatch(/^Use it within 4 minutes, e\.g\. as PLEX_CLAIM for the Docker image/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const asJson = await plextv(['claim', '--json'], { keep: true });
    const data = json<{ ok: boolean; token: string; expiresIn: number }>(asJson);
    expect(data).toMatchObject({ ok: true, expiresIn: 240 });
    expect(emulator.state.claimTokens.has(data.token)).toBe(true);
  });

  test('ip: the address plex.tv sees', async () => {
    const result = await plextv(['ip']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe('127.0.0.1\n');
    expect(json(await plextv(['ip', '--json']))).toEqual({ ok: true, ip: '127.0.0.1' });
  });

  test('geoip: an address, or yours (unknown on loopback); a bad address: exit 2', async () => {
    const london = await plextv(['geoip', '198.51.100.7']);
    expect(london.code).toBe(ExitCode.OK);
    expect(london.stdout).toMatch(/^198\.51\.100\.7\n/);
    expect(london.stdout).toMatch(/Location\s+London, England, United Kingdom \(GB\)/);
    expect(london.stdout).toMatch(/Time zone\s+Europe\/London/);
    const asJson = await plextv(['geoip', '192.0.2.5', '--json']);
    expect(json(asJson)).toMatchObject({
      ip: '192.0.2.5',
      code: 'DE',
      city: 'Berlin',
      europeanUnionMember: true,
    });
    const mine = await plextv(['geoip']);
    expect(mine.code).toBe(ExitCode.OK);
    expect(mine.stdout).toContain('plex.tv does not know where this address is.');
    expect((await plextv(['geoip', '300.1.1.1'])).code).toBe(ExitCode.USAGE);
  });

  test('privacy: show, turn playback sharing off, then library stats off and playback on', async () => {
    const privacy = () => emulator.state.accounts.get(DEMO_ID)!.privacy;
    const shown = await plextv(['privacy']);
    expect(shown.code).toBe(ExitCode.OK);
    expect(shown.stdout).toMatch(/Playback events\s+on \(shared with Plex\)/);
    expect(shown.stdout).toMatch(/Library stats\s+on \(shared with Plex\)/);
    expect(shown.stdout).toMatch(/Events\s+\d+ identifiable, \d+ anonymous/);
    const off = await plextv(['privacy', '--playback', 'off']);
    expect(off.code).toBe(ExitCode.OK);
    expect(off.stdout).toMatch(/Playback events\s+off \(opted out\)/);
    expect(privacy()).toEqual({ optOutPlayback: true, optOutLibraryStats: false });
    const both = await plextv(['privacy', '--playback', 'on', '--library-stats', 'off', '--json']);
    expect(json(both)).toMatchObject({
      optOutPlayback: false,
      optOutLibraryStats: true,
      playback: 'on',
      libraryStats: 'off',
      changed: ['playback', 'libraryStats'],
      baseUrl: expect.any(String),
    });
    expect(privacy()).toEqual({ optOutPlayback: false, optOutLibraryStats: true });
  });
});
