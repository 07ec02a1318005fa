/**
 * The built `plextv` as a subprocess: devices, servers/connect (over fake Plex Media Servers on loopback
 * sockets: up, refused, black hole, another server's identity), webhooks, claim, ip, geoip, privacy, against
 * a scripted plex.tv over loopback HTTP. Every output is checked for secrets.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ExitCode } from '../src/index.js';
import { type FakePms, type FakeState, initialState, listenPlexTv, startPms, TOKEN } from './fake-plextv.js';
import { cli, type Result, tempDir } from './helpers.js';

const ACCESS_TOKENS = ['server-access-token-demo', 'server-access-token-alice', 'server-access-token-gone'];

let state: FakeState;
let plex: { url: string; close: () => Promise<void> };
let config: { dir: string; cleanup: () => Promise<void> };
let outputs: Result[];
const pms: Record<'up' | 'slow' | 'refused' | 'blackhole' | 'wrong', FakePms> = {} as never;

beforeAll(async () => {
  state = initialState();
  plex = await listenPlexTv(state);
  pms.up = await startPms({ kind: 'up', machineIdentifier: 'demo-server-machine-id' });
  pms.slow = await startPms({ kind: 'up', machineIdentifier: 'demo-server-machine-id', latency: 150 });
  pms.refused = await startPms({ kind: 'refused' });
  pms.blackhole = await startPms({ kind: 'blackhole' });
  pms.wrong = await startPms({ kind: 'up', machineIdentifier: 'not-the-alice-server' });
});

afterAll(async () => {
  await plex.close();
  for (const server of Object.values(pms)) await server.close();
});

beforeEach(async () => {
  Object.assign(state, initialState());
  state.resources = [
    {
      name: 'Demo Server',
      clientIdentifier: 'demo-server-machine-id',
      provides: 'server',
      owned: true,
      accessToken: ACCESS_TOKENS[0]!,
      // The best-ranked candidate is a black hole, the second refuses: the third (remote) answers.
      connections: [
        { uri: pms.blackhole.uri, local: true },
        { uri: pms.refused.uri, local: true },
        { uri: pms.up.uri, local: false },
      ],
    },
    {
      name: 'Alice’s Server',
      clientIdentifier: 'alice-server-machine-id',
      provides: 'server',
      owned: false,
      sourceTitle: 'alice',
      accessToken: ACCESS_TOKENS[1]!,
      connections: [
        { uri: 'http://192.168.1.20:32400', local: true },
        { uri: pms.wrong.uri, local: false },
        { uri: pms.refused.uri, local: false },
      ],
    },
    {
      name: 'Living Room TV',
      clientIdentifier: 'tv-client-id',
      provides: 'client,player',
      owned: true,
      accessToken: ACCESS_TOKENS[2]!,
      connections: [],
    },
  ];
  config = await tempDir();
  outputs = [];
});

afterEach(async () => {
  await config.cleanup();
  // No secret ever shows up unasked: the account token, device tokens, server access tokens.
  const secrets = [TOKEN, ...initialState().devices.map((d) => d.token!), ...ACCESS_TOKENS];
  for (const { stdout, stderr } of outputs) {
    for (const secret of secrets) {
      expect(stdout).not.toContain(secret);
      expect(stderr).not.toContain(secret);
    }
  }
});

async function plextv(args: string[], options: { input?: string; keep?: boolean } = {}): Promise<Result> {
  const result = await cli([...args, '--base-url', plex.url, '--config-dir', config.dir], {
    input: options.input,
    env: { PLEX_TOKEN: TOKEN },
  });
  if (!options.keep) outputs.push(result);
  return result;
}

/** What `servers --json` (each) and `connect --json` say about a server. */
interface ServerJson {
  name: string;
  reachable: boolean;
  uri: string | null;
  error: string | null;
  connection: { reason: string } | null;
  attempts: Array<{ outcome: string }>;
  skipped: Array<{ uri: string; reason: string }>;
  [key: string]: unknown;
}

function json(result: Result): unknown {
  return JSON.parse(result.stdout);
}

describe('devices', () => {
  test('a table with name, product, platform, last seen and a short client id; most recent first', async () => {
    const result = await plextv(['devices']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+PRODUCT\s+PLATFORM\s+LAST SEEN\s+CLIENT ID$/);
    expect(lines[1]).toMatch(/^Demo Server\s+Plex Media Server 1\.41\.3\s+Linux\s+1 minute ago\s+f9e8d7c6$/);
    expect(lines[2]).toMatch(/^Living Room TV\s+.*Android\s+3 hours ago\s+1e0d5c2a$/);
    expect(lines[3]).toMatch(/^Phone\s+Plex for iOS 8\.30\s+iOS\s+2 days ago\s+1e0d9b77$/);
    expect(lines.at(-1)).toContain('3 devices');
  });

  test('--json: the full models, tokens redacted; --show-tokens keeps them', async () => {
    const result = await plextv(['devices', '--json']);
    expect(result.code).toBe(ExitCode.OK);
    const devices = json(result) as Array<Record<string, unknown>>;
    expect(devices).toHaveLength(3);
    expect(devices[0]).toMatchObject({
      id: '101',
      clientIdentifier: state.devices[0]!.clientIdentifier,
      name: 'Living Room TV',
      token: '[redacted]',
      provides: ['client', 'player'],
    });
    expect(typeof devices[0]!.lastSeenAt).toBe('string');

    const shown = await plextv(['devices', '--json', '--show-tokens'], { keep: true });
    expect(shown.code).toBe(ExitCode.OK);
    expect((json(shown) as Array<{ token: string }>).map((d) => d.token)).toEqual(
      state.devices.map((d) => d.token),
    );
  });

  test('rm by name with --yes removes that device only', async () => {
    const result = await plextv(['devices', 'rm', 'phone', '--yes']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toContain('Removed "Phone"');
    expect(state.devices.map((d) => d.name)).toEqual(['Living Room TV', 'Demo Server']);
    expect(state.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/devices/102.xml',
    ]);
  });

  test('rm by short client id or plex.tv id, --json', async () => {
    const byShort = await plextv(['devices', 'remove', '1E0D5C2A', '--yes', '--json']);
    expect(byShort.code).toBe(ExitCode.OK);
    expect(json(byShort)).toMatchObject({ ok: true, removed: { id: '101', name: 'Living Room TV' } });
    const byId = await plextv(['devices', 'rm', '103', '-y']);
    expect(byId.code).toBe(ExitCode.OK);
    expect(state.devices.map((d) => d.id)).toEqual(['102']);
  });

  test('rm without --yes and without a terminal: exit 2, nothing removed', async () => {
    const result = await plextv(['devices', 'rm', 'Phone']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('--yes');
    expect(result.stdout).toBe('');
    expect(state.devices).toHaveLength(3);
    expect(state.requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  test('rm of an unknown device: exit 2 naming the devices there are', async () => {
    const result = await plextv(['devices', 'rm', 'Toaster', '--yes', '--json']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('No device named "Toaster"');
    expect(result.stderr).toContain('"Phone"');
    expect(json(result)).toMatchObject({ ok: false, error: { code: 'USAGE', exitCode: 2 } });
  });
});

describe('servers and connect', () => {
  test('servers: each server (not the TV), owned or shared, the chosen address and why; failures summarised', async () => {
    const result = await plextv(['servers', '--timeout', '300']);
    expect(result.code).toBe(ExitCode.OK);
    const out = result.stdout;
    expect(out).not.toContain('Living Room TV');
    expect(out).toMatch(/Demo Server\s+owned/);
    expect(out).toContain(`✔ ${pms.up.uri}`);
    expect(out).toMatch(/remote · http · IPv4 · candidate 3 of 3/);
    expect(out).toMatch(/why: remote \(2nd of local > remote > relay\)/);
    expect(out).toContain(`#1 ${pms.blackhole.uri}: timed out (no answer within 300 ms)`);
    expect(out).toContain(`#2 ${pms.refused.uri}: refused (ECONNREFUSED)`);
    expect(out).toMatch(/Alice’s Server\s+shared by alice/);
    expect(out).toContain('✖ unreachable: all 2 candidates failed');
    expect(out).toContain(`#1 ${pms.wrong.uri}: another server answered`);
    expect(out).toContain('2 servers: 1 reachable, 1 unreachable');
  });

  test('servers --json: every server with owner, chosen connection, attempts and skipped addresses', async () => {
    const result = await plextv(['servers', '--json', '--timeout', '300']);
    expect(result.code).toBe(ExitCode.OK);
    const servers = json(result) as Array<Record<string, unknown>>;
    expect(servers.map((s) => s.name)).toEqual(['Demo Server', 'Alice’s Server']);
    const [demo, alice] = servers as unknown as [ServerJson, ServerJson];
    expect(demo).toMatchObject({
      owned: true,
      owner: null,
      reachable: true,
      uri: pms.up.uri,
      connection: { rank: 2, location: 'remote', outcome: 'ok' },
      identity: { machineIdentifier: 'demo-server-machine-id' },
      error: null,
    });
    expect(demo.attempts.map((a) => a.outcome)).toEqual(['timeout', 'refused', 'ok']);
    expect(demo.connection?.reason).toMatch(/^#3: remote/);
    expect(demo).not.toHaveProperty('accessToken');
    expect(alice).toMatchObject({ owned: false, owner: 'alice', reachable: false, uri: null });
    expect(alice.error).toContain('all 2 candidates failed');
    expect(alice.skipped).toEqual([
      { uri: 'http://192.168.1.20:32400', reason: expect.stringContaining('do not own') },
    ]);
  });

  test('servers --json --show-tokens includes the access tokens', async () => {
    const result = await plextv(['servers', '--json', '--show-tokens', '--timeout', '300'], { keep: true });
    expect(result.code).toBe(ExitCode.OK);
    const servers = json(result) as Array<{ accessToken: string }>;
    expect(servers.map((s) => s.accessToken)).toEqual(ACCESS_TOKENS.slice(0, 2));
  });

  test('connect prints the best URL alone; a black-holed best candidate costs one --timeout', async () => {
    const started = Date.now();
    const result = await plextv(['connect', 'demo server', '--timeout', '400']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe(`${pms.up.uri}\n`);
    expect(result.stderr).toBe('');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  test('connect --json: every candidate with its outcome and time, plus the skipped ones', async () => {
    const result = await plextv(['connect', 'demo-server-machine-id', '--json', '--timeout', '300']);
    expect(result.code).toBe(ExitCode.OK);
    const data = json(result) as ServerJson;
    expect(data).toMatchObject({ ok: true, uri: pms.up.uri, reachable: true });
    expect(data.attempts).toHaveLength(3);
    for (const attempt of data.attempts) {
      expect(attempt).toEqual(
        expect.objectContaining({
          rank: expect.any(Number),
          uri: expect.any(String),
          outcome: expect.any(String),
          ms: expect.any(Number),
          reason: expect.any(String),
        }),
      );
    }
    expect(data.skipped).toEqual([]);
  });

  test('connect picks the best candidate when it is up, even if a worse one is faster', async () => {
    state.resources[0]!.connections = [
      { uri: pms.slow.uri, local: true },
      { uri: pms.up.uri, local: false },
    ];
    const result = await plextv(['connect', 'Demo Server']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout.trim()).toBe(pms.slow.uri);
  });

  test('an unreachable server: exit 12, one line per candidate on stderr, nothing on stdout', async () => {
    const result = await plextv(['connect', 'Alice’s Server', '--timeout', '300']);
    expect(result.code).toBe(ExitCode.SERVER_UNREACHABLE);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('error: Cannot reach "Alice’s Server": all 2 candidates failed');
    expect(lines[1]).toContain(`#1 ${pms.wrong.uri}: another server answered`);
    expect(lines[2]).toContain(`#2 ${pms.refused.uri}: refused (ECONNREFUSED)`);
    expect(lines[3]).toContain('not tried http://192.168.1.20:32400');
    expect(lines).toHaveLength(4);
  });

  test('an unreachable server with --json: the error document carries the attempts', async () => {
    const result = await plextv(['connect', 'alice-server-machine-id', '--json', '--timeout', '300']);
    expect(result.code).toBe(12);
    const data = json(result) as ServerJson;
    expect(data).toMatchObject({
      ok: false,
      error: { code: 'SERVER_UNREACHABLE', exitCode: 12 },
      reachable: false,
    });
    expect(data.attempts.map((a) => a.outcome)).toEqual(['wrong-identity', 'refused']);
    expect(data.skipped).toHaveLength(1);
  });

  test('a server with no address at all: exit 12', async () => {
    state.resources[0]!.connections = [];
    const result = await plextv(['connect', 'Demo Server']);
    expect(result.code).toBe(ExitCode.SERVER_UNREACHABLE);
    expect(result.stderr).toContain('it has no address to try');
  });

  test('connect to a device that is not a server, or to nothing: exit 2', async () => {
    const player = await plextv(['connect', 'Living Room TV']);
    expect(player.code).toBe(ExitCode.USAGE);
    expect(player.stderr).toContain('No server named "Living Room TV"');
    const missing = await plextv(['connect']);
    expect(missing.code).toBe(ExitCode.USAGE);
  });
});

describe('webhooks', () => {
  const [ONE, TWO] = initialState().webhooks as [string, string];
  const NEW = 'https://hooks.example.net/plex?key=1';

  test('list: one URL a line; --json an array', async () => {
    const result = await plextv(['webhooks']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe(`${ONE}\n${TWO}\n`);
    const listed = await plextv(['webhooks', 'list', '--json']);
    expect(json(listed)).toEqual([ONE, TWO]);
  });

  test('add keeps the others; adding it again changes nothing', async () => {
    const added = await plextv(['webhooks', 'add', NEW, '--json']);
    expect(added.code).toBe(ExitCode.OK);
    expect(json(added)).toEqual({ ok: true, changed: true, webhooks: [ONE, TWO, NEW] });
    expect(state.webhooks).toEqual([ONE, TWO, NEW]);
    const again = await plextv(['webhooks', 'add', NEW]);
    expect(again.code).toBe(ExitCode.OK);
    expect(again.stdout).toContain('already a webhook');
    expect(state.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  test('rm keeps the others; a URL that is not there: exit 2', async () => {
    const removed = await plextv(['webhooks', 'rm', ONE]);
    expect(removed.code).toBe(ExitCode.OK);
    expect(removed.stdout).toContain(`Removed ${ONE} (1 webhook left)`);
    expect(state.webhooks).toEqual([TWO]);
    const missing = await plextv(['webhooks', 'rm', ONE]);
    expect(missing.code).toBe(ExitCode.USAGE);
    expect(missing.stderr).toContain('is not one of');
    expect(state.webhooks).toEqual([TWO]);
  });

  test('set replaces the list; set with no URL clears after --yes, refuses without', async () => {
    const set = await plextv(['webhooks', 'set', NEW, TWO]);
    expect(set.code).toBe(ExitCode.OK);
    expect(state.webhooks).toEqual([NEW, TWO]);
    const refused = await plextv(['webhooks', 'set']);
    expect(refused.code).toBe(ExitCode.USAGE);
    expect(refused.stderr).toContain('--yes');
    expect(state.webhooks).toEqual([NEW, TWO]);
    const cleared = await plextv(['webhooks', 'set', '--yes', '--json']);
    expect(cleared.code).toBe(ExitCode.OK);
    expect(json(cleared)).toEqual({ ok: true, changed: true, webhooks: [] });
    expect(state.webhooks).toEqual([]);
    expect(state.requests.at(-1)).toMatchObject({ method: 'POST', body: 'urls=' });
    const empty = await plextv(['webhooks']);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toBe('No webhooks.\n');
  });

  test.each([
    ['ftp://example.com/hook', /http or https/],
    ['not a url', /not an absolute URL/],
    ['https://user:pw@example.com/hook', /credentials/],
  ])('an invalid URL (%s): exit 2 with the reason, nothing sent', async (url, reason) => {
    const before = state.requests.length;
    const result = await plextv(['webhooks', 'add', url]);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).not.toContain(':pw@');
    expect(state.requests.length).toBe(before);
  });

  test('an account without Plex Pass: the refusal says so', async () => {
    state.noPlexPass = true;
    const result = await plextv(['webhooks', 'add', NEW]);
    expect(result.code).toBe(ExitCode.UNEXPECTED);
    expect(result.stderr).toMatch(/Webhooks are a Plex Pass feature/);
    expect(result.stderr).toContain('403');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('claim, ip, geoip, privacy', () => {
  test('claim: the token alone on stdout, the hint on stderr', async () => {
    const result = await plextv(['claim']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe(`${state.claimTokens[0]}\n`);
    expect(result.stdout).toMatch(/^claim-/);
    expect(result.stderr).toMatch(/within 4 minutes.*PLEX_CLAIM/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const asJson = await plextv(['claim', '--json']);
    expect(json(asJson)).toEqual({ ok: true, token: state.claimTokens[1], expiresIn: 240 });
  });

  test('ip', async () => {
    const result = await plextv(['ip']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe('203.0.113.7\n');
    expect(json(await plextv(['ip', '--json']))).toEqual({ ok: true, ip: '203.0.113.7' });
  });

  test('geoip: yours, or the address given; --json the location; a bad address: exit 2', async () => {
    const mine = await plextv(['geoip']);
    expect(mine.code).toBe(ExitCode.OK);
    expect(mine.stdout).toMatch(/Location\s+Berlin, Land Berlin, Germany \(DE\)/);
    expect(mine.stdout).toMatch(/Time zone\s+Europe\/Berlin/);
    const given = await plextv(['geoip', '2001:db8::1', '--json']);
    expect(json(given)).toMatchObject({ ip: '2001:db8::1', code: 'DE', timeZone: 'Europe/Berlin' });
    expect(state.requests.at(-1)?.path).toBe('/api/v2/geoip');
    const unknown = await plextv(['geoip', '192.0.2.1']);
    expect(unknown.code).toBe(ExitCode.OK);
    expect(unknown.stdout).not.toContain('undefined');
    const bad = await plextv(['geoip', '300.1.1.1']);
    expect(bad.code).toBe(ExitCode.USAGE);
  });

  test('privacy: show, then turn playback sharing off and library stats on', async () => {
    const shown = await plextv(['privacy']);
    expect(shown.code).toBe(ExitCode.OK);
    expect(shown.stdout).toMatch(/Playback events\s+on \(shared with Plex\)/);
    expect(shown.stdout).toMatch(/Library stats\s+off \(opted out\)/);
    const changed = await plextv(['privacy', '--playback', 'off', '--library-stats', 'on', '--json']);
    expect(changed.code).toBe(ExitCode.OK);
    expect(json(changed)).toMatchObject({
      optOutPlayback: true,
      optOutLibraryStats: false,
      playback: 'off',
      libraryStats: 'on',
      changed: ['playback', 'libraryStats'],
    });
    expect(state.privacy).toEqual({ optOutPlayback: true, optOutLibraryStats: false });
    const put = state.requests.find((r) => r.method === 'PUT');
    expect(Object.fromEntries(new URLSearchParams(put?.body))).toEqual({
      optOutPlayback: '1',
      optOutLibraryStats: '0',
    });
    const bad = await plextv(['privacy', '--playback', 'maybe']);
    expect(bad.code).toBe(ExitCode.USAGE);
  });
});
