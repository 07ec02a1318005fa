/**
 * Secrets never reach the output: every command, on its success path and its failure paths, with a
 * legacy token (stored), a Plex JWT (stored, due for renewal, with its device key) or a token from the
 * environment in play — and with PLEXTV_DEBUG=1, whose stack traces and causes are scrubbed too.
 *
 * A secret is any credential the emulator holds after the run (account tokens, renewed Plex JWTs, device
 * and server access tokens, share tokens, claim tokens, passwords), the device key's private half, the
 * emulator's service token/secret, and the Home PINs and two-factor codes used. None may appear in stdout
 * or stderr, except on stdout where the user asked for it (`token --show`, `--show-token(s)`, `claim`)
 * and the command succeeded.
 *
 * Failures are injected per run: the token revoked, plex.tv unreachable (a hostile fetch whose error
 * quotes the URL, headers and body), no answer in time, rate limited, 5xx, 401/403 whose message echoes
 * the token and password, and malformed answers (the route's document cut in half). Every run gets its
 * own emulator (in-process, standing in for https://plex.tv) and config directory, so they run at once.
 *
 * Then the same over real sockets: the built bin against the emulator on loopback, with PLEXTV_DEBUG=1.
 *
 * An e2e file: the matrix is some 2,250 in-process runs (CPU-bound, about a minute on 2 cores), plus the bin.
 * Secrets typed where they do not belong (usage errors): secrets.usage.test.ts, in the fast project.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient, createPin, generateDeviceKey, waitForPin } from 'plextv';
import { createEmulator, type Emulator, type FaultSpec, type RunningServer } from 'plextv-emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigStore, DeviceKeyStore, ExitCode } from '../src/index.js';
import { cli, closedPort, type Result, runIn, tempDir } from './helpers.js';

const BASE = 'https://plex.tv';
const PASSWORDS: Record<string, string> = { demo: 'demo-password', freeuser: 'free-password' };
const CODE = '123456';
const WRONG_PASSWORD = 'wrong-password-0123';
/**
 * Short secrets (Home PINs, two-factor codes): never printed as a number of their own (not inside an id, a
 * token, a time, a port or a JSON number).
 */
const SHORT_SECRETS = /(?<![\w.:/-]|: )(1357|2468|4321|1111|123456|654321)(?![\w:-]|\s?ms\b)/;
const SERVICE_SECRETS = ['emulator-service-token', 'emulator-service-secret'];
const DAY = 86_400_000;

type Cred = 'legacy' | 'jwt' | 'env';
type Mode =
  | 'ok'
  | 'ok-debug'
  | 'rejected'
  | 'network'
  | 'timeout'
  | 'rate-limited'
  | 'server-error'
  | 'forbidden-echo'
  | 'unauthorized-echo'
  | 'malformed';

const CREDS: Cred[] = ['legacy', 'jwt', 'env'];
const MODES: Mode[] = [
  'ok',
  'ok-debug',
  'rejected',
  'network',
  'timeout',
  'rate-limited',
  'server-error',
  'forbidden-echo',
  'unauthorized-echo',
  'malformed',
];

const ENV_MODES: Mode[] = ['ok', 'ok-debug', 'rejected', 'unauthorized-echo', 'forbidden-echo'];

/** One run's world: its own emulator, config directory and signed-in account. */
interface World {
  emulator: Emulator;
  dir: string;
  /** The token the run acts with (stored, or in PLEX_TOKEN). */
  token: string;
  env: Record<string, string>;
  /** The device key's private half (Plex JWT only). */
  keyD?: string;
  cleanup: () => Promise<void>;
}

interface Case {
  name: string;
  args: string[] | ((world: World) => Promise<string[]>);
  /** stdin (the password for --password-stdin). */
  input?: string;
  /** The account the world signs in as (default demo). */
  as?: 'demo' | 'freeuser';
  /** The exit code without injected failures (default 0). */
  code?: number;
  /** On success, stdout may hold secrets: the user asked for them. */
  shows?: boolean;
  /** The fake Plex Media Servers run (servers, connect). */
  servers?: boolean;
  /** A PIN sign-in: approve (or expire) the request the run creates. */
  pin?: 'approve' | 'expire';
}

/** A 4-character sign-in code of another device, for `plextv link`. */
async function otherDevicesCode(world: World): Promise<string> {
  const tv = createClient({
    clientIdentifier: 'living-room-tv',
    product: 'Plex for TV',
    fetch: world.emulator.fetch,
  });
  return (await createPin(tv, { strong: false })).code;
}

const CASES: Case[] = [
  // login, every way, and its failures
  {
    name: 'login --password-stdin --code',
    args: ['login', '-l', 'demo', '--password-stdin', '--code', CODE],
    input: PASSWORDS.demo,
  },
  {
    name: 'login --password-stdin --json',
    args: ['login', '-l', 'demo', '--password-stdin', '--code', CODE, '--json'],
    input: PASSWORDS.demo,
  },
  {
    name: 'login: wrong password',
    args: ['login', '-l', 'demo', '--password-stdin', '--code', CODE],
    input: WRONG_PASSWORD,
    code: ExitCode.INVALID_CREDENTIALS,
  },
  {
    name: 'login: two-factor code needed',
    args: ['login', '-l', 'demo', '--password-stdin'],
    input: PASSWORDS.demo,
    code: ExitCode.TWO_FACTOR,
  },
  {
    name: 'login: wrong two-factor code',
    args: ['login', '-l', 'demo', '--password-stdin', '--code', '654321', '--json'],
    input: PASSWORDS.demo,
    code: ExitCode.TWO_FACTOR,
  },
  { name: 'login (PIN)', args: ['login', '--no-qr'], pin: 'approve' },
  { name: 'login --jwt (PIN)', args: ['login', '--jwt', '--no-qr', '--json'], pin: 'approve' },
  { name: 'login --code-only', args: ['login', '--code-only'], pin: 'approve' },
  {
    name: 'login: the request expires',
    args: ['login', '--no-qr'],
    pin: 'expire',
    code: ExitCode.PIN_EXPIRED,
  },
  // who, token, logout
  { name: 'whoami', args: ['whoami'] },
  { name: 'whoami --json', args: ['whoami', '--json'] },
  { name: 'whoami --json --show-token', args: ['whoami', '--json', '--show-token'], shows: true },
  { name: 'token', args: ['token'] },
  { name: 'token --json', args: ['token', '--json'] },
  { name: 'token --show', args: ['token', '--show'], shows: true },
  { name: 'token --json --show', args: ['token', '--json', '--show'], shows: true },
  { name: 'link <code>', args: async (world) => ['link', await otherDevicesCode(world)] },
  { name: 'link: unknown code', args: ['link', 'ZZZZ', '--json'], code: ExitCode.PIN_EXPIRED },
  { name: 'logout', args: ['logout'] },
  { name: 'logout --json', args: ['logout', '--json'] },
  { name: 'logout --local', args: ['logout', '--local'] },
  // devices, servers, connect
  { name: 'devices', args: ['devices'] },
  { name: 'devices --json', args: ['devices', '--json'] },
  { name: 'devices --json --show-tokens', args: ['devices', '--json', '--show-tokens'], shows: true },
  { name: 'devices rm --yes', args: ['devices', 'rm', 'Home Assistant', '--yes'] },
  { name: 'servers', args: ['servers', '--timeout', '2000'], servers: true },
  { name: 'servers --json', args: ['servers', '--json', '--timeout', '2000'], servers: true },
  {
    name: 'servers --json --show-tokens',
    args: ['servers', '--json', '--show-tokens', '--timeout', '2000'],
    servers: true,
    shows: true,
  },
  { name: 'servers tokens', args: ['servers', 'tokens', 'Demo Server'] },
  { name: 'servers tokens --json', args: ['servers', 'tokens', 'Demo Server', '--json'] },
  {
    name: 'servers tokens --show-tokens',
    args: ['servers', 'tokens', 'Demo Server', '--show-tokens'],
    shows: true,
  },
  {
    name: 'servers tokens --json --show-tokens',
    args: ['servers', 'tokens', 'Demo Server', '--json', '--show-tokens'],
    shows: true,
  },
  { name: 'connect', args: ['connect', 'Demo Server', '--timeout', '2000'], servers: true },
  {
    name: 'connect --json --show-tokens',
    args: ['connect', 'Demo Server', '--json', '--show-tokens', '--timeout', '2000'],
    servers: true,
    shows: true,
  },
  {
    name: 'connect: unreachable server',
    args: ['connect', 'Basement NAS', '--timeout', '2000'],
    servers: true,
    code: ExitCode.SERVER_UNREACHABLE,
  },
  {
    name: 'connect --json: unreachable server',
    args: ['connect', 'Basement NAS', '--json', '--timeout', '2000'],
    servers: true,
    code: ExitCode.SERVER_UNREACHABLE,
  },
  // webhooks, claim, ip, geoip, privacy
  { name: 'webhooks', args: ['webhooks'] },
  { name: 'webhooks add', args: ['webhooks', 'add', 'https://hooks.example.test/new', '--json'] },
  { name: 'webhooks rm', args: ['webhooks', 'rm', 'https://hooks.example.test/plex'] },
  { name: 'webhooks set --yes', args: ['webhooks', 'set', '--yes'] },
  {
    name: 'webhooks: forbidden without Plex Pass',
    args: ['webhooks', 'add', 'https://hooks.example.test/x'],
    as: 'freeuser',
    code: ExitCode.FORBIDDEN,
  },
  { name: 'claim', args: ['claim'], shows: true },
  { name: 'claim --json', args: ['claim', '--json'], shows: true },
  { name: 'ip', args: ['ip'] },
  { name: 'geoip', args: ['geoip'] },
  { name: 'geoip <ip> --json', args: ['geoip', '203.0.113.7', '--json'] },
  { name: 'privacy', args: ['privacy'] },
  { name: 'privacy --playback off --json', args: ['privacy', '--playback', 'off', '--json'] },
  // watchlist, search, info
  { name: 'watchlist', args: ['watchlist'] },
  { name: 'watchlist --json --page-size 7', args: ['watchlist', '--json', '--page-size', '7'] },
  { name: 'watchlist add', args: ['watchlist', 'add', 'The Matrix'] },
  { name: 'watchlist rm --json', args: ['watchlist', 'rm', 'Oppenheimer', '--json'] },
  { name: "watchlist --friend: a friend's list", args: ['watchlist', '--friend', 'demo'], as: 'freeuser' },
  {
    name: "watchlist --friend: a friend's private list",
    args: ['watchlist', '--friend', 'freeuser', '--json'],
    code: ExitCode.FORBIDDEN,
  },
  { name: 'search', args: ['search', 'dune'] },
  { name: 'info --json', args: ['info', 'Breaking Bad', '--json'] },
  { name: 'info: ambiguous', args: ['info', 'Breaking Dawn'], code: ExitCode.USAGE },
  // Plex Home
  { name: 'home', args: ['home'] },
  { name: 'home --json', args: ['home', '--json'] },
  { name: 'home add', args: ['home', 'add', 'Teen', '--profile', 'teen'] },
  { name: 'home invite', args: ['home', 'invite', 'carol'] },
  { name: 'home remove --yes', args: ['home', 'remove', 'Guest', '--yes'] },
  { name: 'home switch --pin', args: ['home', 'switch', 'Kids', '--pin', '2468'] },
  { name: 'home switch --save', args: ['home', 'switch', 'Kids', '--pin', '2468', '--save'] },
  {
    name: 'home switch --show-token',
    args: ['home', 'switch', 'Kids', '--pin', '2468', '--show-token'],
    shows: true,
  },
  {
    name: 'home switch --json --show-token',
    args: ['home', 'switch', 'Kids', '--pin', '2468', '--json', '--show-token'],
    shows: true,
  },
  {
    name: 'home switch: wrong Home PIN',
    args: ['home', 'switch', 'Kids', '--pin', '1111'],
    code: ExitCode.HOME_PIN,
  },
  {
    name: 'home switch: Home PIN needed',
    args: ['home', 'switch', 'Kids', '--json'],
    code: ExitCode.HOME_PIN,
  },
  { name: 'home pin set (managed user)', args: ['home', 'pin', 'set', 'Kids', '--pin', '1111'] },
  {
    name: 'home pin set (own, --current)',
    args: ['home', 'pin', 'set', '--pin', '4321', '--current', '1357'],
  },
  {
    name: 'home pin set: wrong --current',
    args: ['home', 'pin', 'set', '--pin', '4321', '--current', '1111'],
    code: ExitCode.HOME_PIN,
  },
  { name: 'home pin remove (managed user)', args: ['home', 'pin', 'remove', 'Kids'] },
  { name: 'home pin remove (own)', args: ['home', 'pin', 'remove', '--current', '1357', '--json'] },
  // friends and sharing
  { name: 'friends', args: ['friends'] },
  { name: 'friends --json', args: ['friends', '--json'] },
  { name: 'friends pending', args: ['friends', 'pending'] },
  { name: 'friends invite', args: ['friends', 'invite', 'carol'] },
  { name: 'friends accept', args: ['friends', 'accept', 'carol', '--json'], as: 'freeuser' },
  { name: 'friends cancel', args: ['friends', 'cancel', 'newfriend@example.test'] },
  { name: 'friends remove --yes', args: ['friends', 'remove', 'freeuser', '--yes'] },
  { name: 'share (new, pending)', args: ['share', 'Demo Server', 'carol', '--libraries', 'Movies'] },
  {
    name: 'share --json (update)',
    args: ['share', 'Demo Server', 'freeuser', '--libraries', 'Movies,Music', '--json'],
  },
  {
    name: 'share: refused (403)',
    args: ['share', 'Demo Server', 'carol', '--all'],
    as: 'freeuser',
    code: ExitCode.USAGE,
  },
  { name: 'unshare --yes --json', args: ['unshare', 'Demo Server', 'freeuser', '--yes', '--json'] },
];

/** Sign `login` in as `cred` in a fresh emulator and config directory. */
async function makeWorld(cred: Cred, login: 'demo' | 'freeuser'): Promise<World> {
  const emulator = createEmulator();
  const temp = await tempDir();
  const dir = join(temp.dir, 'plextv');
  const cleanup = async () => {
    await emulator.servers.stop();
    await temp.cleanup();
  };
  const store = new ConfigStore(dir);
  const config = await store.readOrCreate();
  if (cred === 'env') {
    const token = emulator.control.issueToken(login);
    return { emulator, dir, token, env: { PLEX_TOKEN: token }, cleanup };
  }
  if (cred === 'legacy') {
    const code = await runIn(
      [
        'login',
        '-l',
        login,
        '--password-stdin',
        ...(login === 'demo' ? ['--code', CODE] : []),
        '--config-dir',
        dir,
      ],
      { fetch: emulator.fetch, input: PASSWORDS[login] },
    );
    expect(code.code, code.stderr).toBe(ExitCode.OK);
    const token = (await store.read())?.token;
    return { emulator, dir, token: token!, env: {}, cleanup };
  }
  // A Plex JWT issued 6½ days ago by the emulator's clock: every command renews it first.
  const now = Date.now();
  emulator.control.setClock(now - 6.5 * DAY);
  const client = createClient({
    clientIdentifier: config.clientIdentifier,
    product: 'plextv-cli',
    fetch: emulator.fetch,
  });
  const key = await generateDeviceKey();
  const pin = await createPin(client, { strong: true, deviceKey: key });
  emulator.control.approvePin(pin.code, login);
  const token = (await waitForPin(client, pin, { deviceKey: key })).authToken!;
  emulator.control.setClock(now);
  const keys = new DeviceKeyStore(dir);
  const stored = await keys.write(key, { baseUrl: BASE, clientIdentifier: config.clientIdentifier });
  await store.update((c) => ({
    ...c!,
    baseUrl: BASE,
    token,
    account: {
      id: login === 'demo' ? 10000001 : 10000002,
      uuid: login === 'demo' ? 'a1b2c3d4e5f60001' : 'a1b2c3d4e5f60002',
    },
  }));
  return { emulator, dir, token, env: {}, keyD: stored.key.d, cleanup };
}

/** A fetch whose failure quotes everything it was given (URL, headers, body) in its cause: the worst case. */
const hostileFetch: typeof fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  const headers = JSON.stringify(
    Object.fromEntries(new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined))),
  );
  const body = typeof init?.body === 'string' ? init.body : String(init?.body ?? '');
  const cause = Object.assign(new Error(`connect ECONNREFUSED ${url} headers=${headers} body=${body}`), {
    code: 'ECONNREFUSED',
    url,
    headers,
  });
  throw new TypeError(`fetch failed for ${url} ${headers}`, { cause });
};

/** A fetch that never answers (until the request is aborted). */
const hangingFetch: typeof fetch = (input, init) =>
  new Promise((_, reject) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

/** Everything secret the world holds now (after the run: renewed JWTs, new shares, claim tokens…). */
async function secretsOf(world: World, extra: string[]): Promise<string[]> {
  const found = new Set<string>([
    ...SERVICE_SECRETS,
    ...Object.values(PASSWORDS),
    WRONG_PASSWORD,
    world.token,
    ...extra,
  ]);
  const state = world.emulator.state;
  for (const token of state.tokens.keys()) found.add(token);
  for (const jwt of state.revokedJwts) found.add(jwt);
  for (const claim of state.claimTokens.keys()) found.add(claim);
  const walk = (value: unknown, depth: number): void => {
    if (depth > 6 || value === null || typeof value !== 'object') return;
    if (value instanceof Map || value instanceof Set) {
      for (const inner of value.values()) walk(inner, depth + 1);
      return;
    }
    if (Array.isArray(value)) {
      for (const inner of value) walk(inner, depth + 1);
      return;
    }
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === 'string' && /token|secret|password/i.test(key)) found.add(inner);
      else walk(inner, depth + 1);
    }
  };
  walk(state.accounts, 0);
  walk(state.devices, 0);
  if (world.keyD) found.add(world.keyD);
  try {
    const config = JSON.parse(await readFile(join(world.dir, 'config.json'), 'utf8'));
    if (typeof config.token === 'string') found.add(config.token);
  } catch {
    // no config
  }
  try {
    const key = JSON.parse(await readFile(join(world.dir, 'device-key.json'), 'utf8'));
    if (typeof key.key?.d === 'string') found.add(key.key.d);
  } catch {
    // no key
  }
  return [...found].filter((s) => typeof s === 'string' && s.length >= 8);
}

interface Run {
  label: string;
  result: Result;
  secrets: string[];
  /** Secrets the user asked for on stdout (token --show, …, claim), when the command succeeded. */
  shown: boolean;
  /** Secrets that must never show, even when asked for tokens. */
  never: string[];
}

async function runCase(c: Case, cred: Cred, mode: Mode): Promise<Run> {
  const world = await makeWorld(cred, c.as ?? 'demo');
  try {
    if (c.servers) await world.emulator.servers.start({ ipv6: false });
    let args = typeof c.args === 'function' ? await c.args(world) : [...c.args];
    let fetch: typeof globalThis.fetch = world.emulator.fetch;
    let serverFetch: typeof globalThis.fetch | undefined;
    // plex.tv echoing the request's own credentials: its token, and the password a sign-in sent.
    const echo = `rejected token ${world.token}${c.input ? ` (password ${c.input})` : ''}`;
    // Every request to plex.tv, until the run ends.
    const fault = (spec: Record<string, unknown>) =>
      world.emulator.control.fault({ ...spec, path: '/*', times: 'Infinity' } as unknown as FaultSpec);
    switch (mode) {
      case 'rejected':
        world.emulator.control.revokeToken(world.token);
        break;
      case 'network':
        fetch = hostileFetch;
        serverFetch = hostileFetch;
        break;
      case 'timeout':
        fetch = hangingFetch;
        serverFetch = hangingFetch;
        args = [...args, '--timeout', '50'];
        break;
      case 'rate-limited':
        fault({ status: 429, retryAfter: 120, message: echo });
        break;
      case 'server-error':
        fault({ status: 500, message: echo });
        break;
      case 'forbidden-echo':
        fault({ status: 403, code: 1043, message: echo });
        break;
      case 'unauthorized-echo':
        fault({ status: 401, code: 1001, message: echo });
        break;
      case 'malformed':
        fault({ kind: 'invalid' });
        break;
    }
    let stop = false;
    const approver = c.pin
      ? (async () => {
          while (!stop) {
            for (const pin of world.emulator.control.pins()) {
              if (pin.approved || pin.expired) continue;
              if (c.pin === 'approve') world.emulator.control.approvePin(pin.code, c.as ?? 'demo');
              else world.emulator.control.expirePin(pin.code);
            }
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        })()
      : undefined;
    const debug = mode !== 'ok';
    let result: Result;
    try {
      result = await runIn([...args, '--config-dir', world.dir], {
        fetch,
        ...(serverFetch ? { serverFetch } : {}),
        input: c.input,
        env: { ...world.env, ...(debug ? { PLEXTV_DEBUG: '1' } : {}) },
      });
    } finally {
      stop = true;
      await approver;
    }
    const secrets = await secretsOf(world, []);
    const never = [...Object.values(PASSWORDS), WRONG_PASSWORD, ...(world.keyD ? [world.keyD] : [])];
    return {
      label: `${c.name} [${cred}, ${mode}]`,
      result,
      secrets,
      shown: c.shows === true && result.code === 0,
      never,
    };
  } finally {
    await world.cleanup();
  }
}

/** The secrets in `text`, by name (never the secret itself in a failure message: its first characters). */
function leaked(text: string, secrets: string[]): string[] {
  const found = secrets
    .filter((s) => text.includes(s))
    .map((s) => {
      const at = text.indexOf(s);
      const around = `${text.slice(Math.max(0, at - 60), at)}<SECRET>${text.slice(at + s.length, at + s.length + 20)}`;
      return `${s.slice(0, 6)}…(${s.length} chars) in "${around.replace(/\s+/g, ' ')}"`;
    });
  const short = SHORT_SECRETS.exec(text);
  if (short)
    found.push(
      `a PIN/code ${short[1]!.slice(0, 1)}… at "${text.slice(Math.max(0, short.index - 20), short.index)}"`,
    );
  return found;
}

function check(run: Run): string[] {
  const problems: string[] = [];
  const { stdout, stderr } = run.result;
  for (const secret of leaked(stderr, run.secrets)) problems.push(`${run.label}: stderr has ${secret}`);
  const onStdout = run.shown ? leaked(stdout, run.never) : leaked(stdout, run.secrets);
  for (const secret of onStdout) problems.push(`${run.label}: stdout has ${secret}`);
  if (run.result.stderr.includes('Unexpected error'))
    problems.push(`${run.label}: ${run.result.stderr.split('\n')[0]}`);
  return problems;
}

describe('no command prints a secret it was not asked for (in-process, every failure injected)', () => {
  test.concurrent.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      // A token from the environment differs from a stored one only in where it comes from: the modes that
      // turn on the token (rejected, echoed) are enough there.
      const modesFor = (cred: Cred) => (cred === 'env' ? ENV_MODES : MODES);
      const runs = await Promise.all(
        CREDS.flatMap((cred) => modesFor(cred).map((mode) => runCase(c, cred, mode))),
      );
      // The case does what it says without injected failures…
      for (const run of runs.filter((r) => r.label.endsWith('ok]') || r.label.endsWith('ok-debug]'))) {
        const expected = c.code ?? ExitCode.OK;
        // (logging in again with a token from the environment: same answer; a Home switch to a member is
        // only for demo)
        expect(run.result.code, `${run.label}\n${run.result.stderr}`).toBe(expected);
      }
      // …the asked-for secrets are really there (so the check above can see them)…
      if (c.shows) {
        const ok = runs.find((r) => r.label.endsWith('ok]'))!;
        expect(
          ok.secrets.some((s) => ok.result.stdout.includes(s)),
          `${ok.label}: no secret shown`,
        ).toBe(true);
      }
      // …and no run, failing or not, shows any other.
      expect(runs.flatMap(check)).toEqual([]);
      // Debug output really is there under PLEXTV_DEBUG=1 when something failed.
      const failed = runs.filter((r) => r.result.code !== 0 && !r.label.endsWith('ok]'));
      for (const run of failed.filter(
        (r) => /network|malformed/.test(r.label) && r.result.code !== ExitCode.USAGE,
      )) {
        expect(run.result.stderr, run.label).toMatch(/\n\s+at /);
      }
    },
    60_000,
  );
});

describe('the built bin over loopback, PLEXTV_DEBUG=1: no secret in any output', () => {
  let emulator: Emulator;
  let server: RunningServer;
  beforeAll(async () => {
    emulator = createEmulator();
    server = await emulator.listen();
  });
  afterAll(async () => {
    await server.close();
  });

  async function bin(
    dir: string,
    args: string[],
    input?: string,
    base = server.url,
    env: Record<string, string> = {},
  ): Promise<Result> {
    return cli([...args, '--base-url', base, '--config-dir', dir], {
      input,
      env: { PLEXTV_DEBUG: '1', ...env },
    });
  }

  test('each failure, with a stored legacy token and with a stored Plex JWT', async () => {
    const temp = await tempDir();
    try {
      const results: Array<[string, Result]> = [];
      const dir = join(temp.dir, 'plextv');
      const signin = await bin(
        dir,
        ['login', '-l', 'demo', '--password-stdin', '--code', CODE],
        PASSWORDS.demo,
      );
      expect(signin.code).toBe(ExitCode.OK);
      const token = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')).token as string;
      const port = await closedPort();
      const add = async (name: string, run: Promise<Result>) => results.push([name, await run]);

      await add(
        'wrong password',
        bin(dir, ['login', '-l', 'demo', '--password-stdin', '--code', CODE], WRONG_PASSWORD),
      );
      await add('2FA needed', bin(dir, ['login', '-l', 'demo', '--password-stdin'], PASSWORDS.demo));
      const closed = `http://127.0.0.1:${port}`;
      await add('network failure', bin(dir, ['whoami'], undefined, closed, { PLEX_TOKEN: token }));
      await add(
        'network failure (--token)',
        bin(dir, ['devices', '--token', token, '--json'], undefined, closed),
      );
      await add(
        'network failure (login)',
        bin(dir, ['login', '-l', 'demo', '--password-stdin'], PASSWORDS.demo, `http://127.0.0.1:${port}`),
      );
      for (const kind of ['reset', 'truncate', 'invalid'] as const) {
        emulator.control.fault({ path: '/*', times: 'Infinity', kind });
        await add(`${kind} (whoami)`, bin(dir, ['whoami', '--json']));
        await add(
          `${kind} (login)`,
          bin(dir, ['login', '-l', 'demo', '--password-stdin', '--code', CODE], PASSWORDS.demo),
        );
        await add(`${kind} (devices)`, bin(dir, ['devices', '--json']));
        emulator.control.clearFaults();
      }
      emulator.control.fault({
        path: '/*',
        times: 'Infinity',
        status: 429,
        retryAfter: 120,
        message: `echo ${token}`,
      });
      await add('rate limited', bin(dir, ['devices']));
      emulator.control.clearFaults();
      emulator.control.fault({
        path: '/*',
        times: 'Infinity',
        status: 403,
        code: 1043,
        message: `echo ${token}`,
      });
      await add('forbidden', bin(dir, ['webhooks']));
      emulator.control.clearFaults();
      await add('wrong Home PIN', bin(dir, ['home', 'switch', 'Kids', '--pin', '1111']));
      await add('unreachable server', bin(dir, ['connect', 'Basement NAS', '--timeout', '500', '--json']));
      emulator.control.revokeToken(token);
      await add('rejected token', bin(dir, ['whoami']));
      await add('rejected token (logout)', bin(dir, ['logout', '--json']));

      // A Plex JWT that is due, then every failure of its renewal.
      const jwtDir = join(temp.dir, 'jwt');
      const world = await jwtInto(emulator, jwtDir, server.url);
      emulator.control.fault({
        path: '/api/v2/auth/*',
        times: 'Infinity',
        status: 500,
        message: `echo ${world.token}`,
      });
      await add('JWT renewal fails (still valid)', bin(jwtDir, ['whoami']));
      emulator.control.clearFaults();
      emulator.control.fault({ path: '/api/v2/auth/*', times: 'Infinity', kind: 'invalid' });
      await add('JWT renewal answer malformed', bin(jwtDir, ['token']));
      emulator.control.clearFaults();
      await add('JWT renewed', bin(jwtDir, ['whoami']));

      const secrets = [
        ...emulator.state.tokens.keys(),
        ...emulator.state.revokedJwts,
        token,
        world.token,
        world.keyD,
        JSON.parse(await readFile(join(jwtDir, 'config.json'), 'utf8')).token,
        ...Object.values(PASSWORDS),
        WRONG_PASSWORD,
        'demo-server-access-token',
        'nas-access-token',
        'demo-server-device-token',
      ];
      const problems: string[] = [];
      for (const [name, result] of results) {
        for (const s of leaked(result.stdout, secrets)) problems.push(`${name}: stdout has ${s}`);
        for (const s of leaked(result.stderr, secrets)) problems.push(`${name}: stderr has ${s}`);
      }
      expect(problems).toEqual([]);
      // They did fail, with their exit codes, and the debug dump was printed.
      const codes = Object.fromEntries(results.map(([name, r]) => [name, r.code]));
      expect(codes).toMatchObject({
        'wrong password': ExitCode.INVALID_CREDENTIALS,
        '2FA needed': ExitCode.TWO_FACTOR,
        'network failure': ExitCode.NETWORK,
        'rate limited': ExitCode.RATE_LIMITED,
        forbidden: ExitCode.FORBIDDEN,
        'wrong Home PIN': ExitCode.HOME_PIN,
        'unreachable server': ExitCode.SERVER_UNREACHABLE,
        'rejected token': ExitCode.TOKEN_REJECTED,
        'JWT renewal fails (still valid)': ExitCode.OK,
        'JWT renewed': ExitCode.OK,
      });
      expect(results.find(([n]) => n === 'network failure')![1].stderr).toMatch(/\n\s+at /);
    } finally {
      await temp.cleanup();
    }
  }, 120_000);
});

/** Store a due Plex JWT (and its key) for `base` in `dir`, signed in through the emulator's control API. */
async function jwtInto(
  emulator: Emulator,
  dir: string,
  base: string,
): Promise<{ token: string; keyD: string }> {
  const store = new ConfigStore(dir);
  const config = await store.readOrCreate();
  const now = Date.now();
  emulator.control.setClock(now - 6.5 * DAY);
  const client = createClient({
    clientIdentifier: config.clientIdentifier,
    product: 'plextv-cli',
    baseUrl: base,
  });
  const key = await generateDeviceKey();
  const pin = await createPin(client, { strong: true, deviceKey: key });
  emulator.control.approvePin(pin.code, 'demo');
  const token = (await waitForPin(client, pin, { deviceKey: key })).authToken!;
  emulator.control.setClock(now);
  const stored = await new DeviceKeyStore(dir).write(key, {
    baseUrl: base,
    clientIdentifier: config.clientIdentifier,
  });
  await store.update((c) => ({
    ...c!,
    baseUrl: base,
    token,
    account: { id: 10000001, uuid: 'a1b2c3d4e5f60001' },
  }));
  return { token, keyD: stored.key.d };
}
