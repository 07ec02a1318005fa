/**
 * Faults: the library's operations and the CLI's commands against the emulator over loopback HTTP, through
 * every kind of injected fault (429 with and without Retry-After, 500/502/503, latency, connection resets
 * before and during the answer, truncated and trickled bodies, malformed documents).
 *
 * - GETs recover when the fault is transient and within the retry budget, or fail with the right typed
 *   error inside their deadline.
 * - Sign-in and the other non-idempotent calls are never repeated: exactly one request reaches the route.
 * - The CLI prints one `error: …` line on stderr and exits with its documented code; nothing hangs.
 *
 * Table-driven: one emulator per case (cheap), cases of an operation run concurrently, each row compared
 * with its expected outcome so a failure shows the whole table.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createClient,
  createPin,
  getDevices,
  getFriends,
  getHomeUsers,
  getResources,
  getUser,
  inviteFriend,
  type PlexTvClient,
  PlexTvError,
  ping,
  RateLimitedError,
  ServerError,
  shareServer,
  signIn,
  signOut,
  waitForPin,
} from 'plextv';
import {
  createEmulator,
  DEMO_SECTION_IDS,
  DEMO_SERVER_ID,
  type Emulator,
  type FaultAnswer,
  type FaultSpec,
} from 'plextv-emulator';
import { describe, expect, test } from 'vitest';

// ---- the library ------------------------------------------------------------------------------------

/**
 * Per-attempt timeouts and the retry budget of the clients under test. The cases about timeouts get a short
 * one (and faults far longer than it); every other case a long one, so that a busy machine (the suite shares
 * 2 cores with other test files) cannot turn them into timeouts, and retries, they are not about.
 */
const SHORT = 1000;
const LONG = 5000;
const RETRY = { attempts: 3, deadline: 4500, baseDelay: 20, maxDelay: 80 };
/** Scheduling slack on a busy 2-core machine. */
const SLACK = 1500;

interface Operation {
  name: string;
  method: string;
  path: string;
  call(client: PlexTvClient): Promise<unknown>;
  /** false: the call ignores a 2xx body (a mangled one is no error). */
  readsBody?: boolean;
}

const GETS: Operation[] = [
  { name: 'getUser', method: 'GET', path: '/api/v2/user', call: (c) => getUser(c) },
  { name: 'ping', method: 'GET', path: '/api/v2/ping', call: (c) => ping(c), readsBody: false },
  { name: 'getResources', method: 'GET', path: '/api/v2/resources', call: (c) => getResources(c) },
  { name: 'getDevices', method: 'GET', path: '/devices.xml', call: (c) => getDevices(c) },
  { name: 'getHomeUsers', method: 'GET', path: '/api/v2/home/users', call: (c) => getHomeUsers(c) },
  { name: 'getFriends', method: 'GET', path: '/api/v2/friends', call: (c) => getFriends(c) },
];

const NON_IDEMPOTENT: Operation[] = [
  {
    name: 'signIn',
    method: 'POST',
    path: '/api/v2/users/signin',
    call: (c) => signIn(c.withToken(undefined), { login: 'freeuser', password: 'free-password' }),
  },
  {
    name: 'signOut',
    method: 'DELETE',
    path: '/api/v2/users/signout',
    call: (c) => signOut(c),
    readsBody: false,
  },
  { name: 'createPin', method: 'POST', path: '/api/v2/pins', call: (c) => createPin(c.withToken(undefined)) },
  {
    name: 'inviteFriend',
    method: 'POST',
    path: '/api/v2/friends/invite',
    call: (c) => inviteFriend(c, 'carol'),
  },
  {
    name: 'shareServer',
    method: 'POST',
    path: '/api/v2/shared_servers',
    call: (c) =>
      shareServer(c, {
        machineIdentifier: DEMO_SERVER_ID,
        invitedEmail: 'carol@plextv.test',
        librarySectionIds: [DEMO_SECTION_IDS.music],
      }),
  },
];

/** What a call ended with: `ok`, or the error's class with what matters about it. */
interface Outcome {
  /** `ok` or the error's name (`RateLimitedError`, `TimeoutError`, …). */
  result: string;
  /** Requests that reached the route. */
  requests: number;
  /** RateLimitedError: plex.tv's Retry-After in ms (undefined without one). */
  retryAfterMs?: number | undefined;
  /** ServerError: the HTTP status. */
  status?: number | undefined;
}

type FaultBody = FaultAnswer & { times?: number };

interface FaultCase {
  name: string;
  fault: FaultBody;
  /** A GET (retried within RETRY). */
  get: Outcome;
  /** A non-idempotent call: one attempt, whatever happens. */
  once: Outcome;
  /** Shortest acceptable time for a GET (a Retry-After honoured, a latency waited out). */
  getMinMs?: number;
  onceMinMs?: number;
  /** The per-attempt timeout: SHORT for the cases about timeouts. Default LONG. */
  timeout?: number;
}

const ok = (requests: number): Outcome => ({ result: 'ok', requests });
const failed = (result: string, requests: number, extra: Partial<Outcome> = {}): Outcome => ({
  result,
  requests,
  ...extra,
});

const FOREVER = { times: Number.POSITIVE_INFINITY };

const FAULTS: FaultCase[] = [
  {
    name: '429 + Retry-After: 1, once',
    fault: { status: 429, retryAfter: 1 },
    get: ok(2),
    getMinMs: 990,
    once: failed('RateLimitedError', 1, { retryAfterMs: 1000 }),
  },
  {
    name: '429 + Retry-After beyond the deadline',
    fault: { status: 429, retryAfter: 60, ...FOREVER },
    get: failed('RateLimitedError', 1, { retryAfterMs: 60_000 }),
    once: failed('RateLimitedError', 1, { retryAfterMs: 60_000 }),
  },
  {
    name: '429 without Retry-After, once',
    fault: { status: 429 },
    get: ok(2),
    once: failed('RateLimitedError', 1, { retryAfterMs: undefined }),
  },
  {
    name: '429 without Retry-After, always',
    fault: { status: 429, ...FOREVER },
    get: failed('RateLimitedError', 3, { retryAfterMs: undefined }),
    once: failed('RateLimitedError', 1, { retryAfterMs: undefined }),
  },
  {
    // The documented policy retries 429/502/503/504 only: a 500 is not retried, even for a GET.
    name: '500, once',
    fault: { status: 500 },
    get: failed('ServerError', 1, { status: 500 }),
    once: failed('ServerError', 1, { status: 500 }),
  },
  {
    name: '502, once',
    fault: { status: 502 },
    get: ok(2),
    once: failed('ServerError', 1, { status: 502 }),
  },
  {
    name: '503, always',
    fault: { status: 503, ...FOREVER },
    get: failed('ServerError', 3, { status: 503 }),
    once: failed('ServerError', 1, { status: 503 }),
  },
  {
    name: 'any other status (418)',
    fault: { status: 418 },
    get: failed('PlexTvError', 1),
    once: failed('PlexTvError', 1),
  },
  {
    name: 'latency 150 ms (within the timeout)',
    fault: { kind: 'latency', ms: 150 },
    get: ok(1),
    once: ok(1),
    getMinMs: 145,
    onceMinMs: 145,
  },
  {
    name: 'latency 10 s, once (past the timeout)',
    fault: { kind: 'latency', ms: 10_000 },
    get: ok(2),
    once: failed('TimeoutError', 1),
    getMinMs: SHORT - 5,
    onceMinMs: SHORT - 5,
    timeout: SHORT,
  },
  {
    name: 'latency 10 s, always',
    fault: { kind: 'latency', ms: 10_000, ...FOREVER },
    get: failed('TimeoutError', 3),
    once: failed('TimeoutError', 1),
    getMinMs: 2 * SHORT,
    onceMinMs: SHORT - 5,
    timeout: SHORT,
  },
  {
    name: 'reset before the answer, once',
    fault: { kind: 'reset' },
    get: ok(2),
    once: failed('NetworkError', 1),
  },
  {
    name: 'reset before the answer, always',
    fault: { kind: 'reset', ...FOREVER },
    get: failed('NetworkError', 3),
    once: failed('NetworkError', 1),
  },
  {
    name: 'reset after the headers and 10 bytes, once',
    fault: { kind: 'reset', afterBytes: 10 },
    get: ok(2),
    once: failed('NetworkError', 1),
  },
  {
    name: 'truncated body, once',
    fault: { kind: 'truncate' },
    get: ok(2),
    once: failed('NetworkError', 1),
  },
  {
    name: 'truncated body, always',
    fault: { kind: 'truncate', ...FOREVER },
    get: failed('NetworkError', 3),
    once: failed('NetworkError', 1),
  },
  {
    name: 'trickled body that arrives in time',
    fault: { kind: 'trickle', bytes: 512, intervalMs: 5 },
    get: ok(1),
    once: ok(1),
  },
  {
    // One byte, then nothing for longer than the timeout: too slow for any body of 2 bytes or more.
    name: 'trickled body too slow for the timeout, always',
    fault: { kind: 'trickle', bytes: 1, intervalMs: 10_000, ...FOREVER },
    get: failed('TimeoutError', 3),
    once: failed('TimeoutError', 1),
    getMinMs: 2 * SHORT,
    onceMinMs: SHORT - 5,
    timeout: SHORT,
  },
  {
    name: 'malformed JSON/XML',
    fault: { kind: 'invalid' },
    get: failed('DecodeError', 1),
    once: failed('DecodeError', 1),
  },
];

/** Requests to the route so far, once they stop coming: a faulted request is logged when the route is done. */
async function routeRequests(
  emulator: Emulator,
  op: Pick<Operation, 'method' | 'path'>,
  expected: number,
): Promise<number> {
  const count = () =>
    emulator.control.requests().filter((r) => r.method === op.method && r.path === op.path).length;
  const until = Date.now() + 1500;
  while (count() < expected && Date.now() < until) await sleep(10);
  await sleep(50); // anything more would have come by now
  return count();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Run one operation through every fault, each against its own emulator. The emulators are all made and
 * listening before the first call, so that no case's timing pays for another's setup.
 */
async function runMatrix(op: Operation, idempotent: boolean) {
  const cases = await Promise.all(
    FAULTS.map(async (fault) => {
      const emulator = createEmulator();
      const server = await emulator.listen();
      const token = emulator.control.issueToken('demo');
      emulator.control.fault({ path: op.path, method: op.method, ...fault.fault } as FaultSpec);
      return { fault, emulator, server, token };
    }),
  );
  try {
    return await Promise.all(
      cases.map((c) => runCase(op, c.fault, idempotent, c.emulator, c.server.url, c.token)),
    );
  } finally {
    await Promise.all(cases.map((c) => c.server.close()));
  }
}

/** One operation through one fault: the row to compare with `expected`. */
async function runCase(
  op: Operation,
  fault: FaultCase,
  idempotent: boolean,
  emulator: Emulator,
  baseUrl: string,
  token: string,
) {
  // Calls that do not use the answer's body (ping, sign-out) succeed whatever a 2xx body holds.
  const expected =
    op.readsBody === false && fault.fault.kind === 'invalid' ? ok(1) : idempotent ? fault.get : fault.once;
  const timeout = fault.timeout ?? LONG;
  const minMs = (idempotent ? fault.getMinMs : fault.onceMinMs) ?? 0;
  const maxMs = (idempotent ? Math.max(RETRY.deadline, timeout) : timeout) + SLACK;
  const client = createClient({
    clientIdentifier: 'reliability-faults',
    product: 'reliability',
    baseUrl,
    token,
    timeout,
    retry: RETRY,
  });
  const start = performance.now();
  let outcome: Omit<Outcome, 'requests'>;
  try {
    await op.call(client);
    outcome = { result: 'ok' };
  } catch (error) {
    if (!(error instanceof PlexTvError)) throw error;
    outcome = { result: error.name };
    if (error instanceof RateLimitedError) outcome.retryAfterMs = error.retryAfterMs;
    if (error instanceof ServerError) outcome.status = error.status;
    // Every error names the request it is about.
    expect({ method: error.method, path: error.path }).toEqual({ method: op.method, path: op.path });
  }
  const ms = performance.now() - start;
  const requests = await routeRequests(emulator, op, expected.requests);
  return {
    actual: {
      fault: fault.name,
      ...outcome,
      requests,
      time: ms >= minMs && ms <= maxMs ? 'ok' : `${Math.round(ms)} ms, not within ${minMs}-${maxMs} ms`,
    },
    expected: { fault: fault.name, ...expected, time: 'ok' },
  };
}

describe.concurrent('library: GETs recover or fail typed within their deadline', () => {
  for (const op of GETS) {
    test(`${op.name} (${op.method} ${op.path})`, async () => {
      const rows = await runMatrix(op, true);
      expect(rows.map((r) => r.actual)).toEqual(rows.map((r) => r.expected));
    });
  }
});

describe.concurrent('library: non-idempotent calls are sent exactly once, whatever happens', () => {
  for (const op of NON_IDEMPOTENT) {
    test(`${op.name} (${op.method} ${op.path})`, async () => {
      const rows = await runMatrix(op, false);
      expect(rows.map((r) => r.actual)).toEqual(rows.map((r) => r.expected));
      expect(rows.map((r) => r.actual.requests).every((n) => n === 1)).toBe(true);
    });
  }
});

// ---- waiting for a PIN: polls that ride out trouble ------------------------------------------------

interface PinCase {
  name: string;
  fault: FaultBody;
  /** ok: the approved PIN arrives; otherwise the error's name. */
  result: string;
  /** Longest acceptable wait. */
  maxMs: number;
  /** A deadline for waitForPin (ms), when the case is about giving up. */
  giveUpAfter?: number;
  /** Other results that are right too (timing-dependent). */
  alsoRight?: string[];
}

const PIN_CASES: PinCase[] = [
  { name: '503 three times', fault: { status: 503, times: 3 }, result: 'ok', maxMs: 3000 },
  {
    name: '500 twice (not retried by the transport: waitForPin polls again)',
    fault: { status: 500, times: 2 },
    result: 'ok',
    maxMs: 3000,
  },
  { name: '429 + Retry-After: 1', fault: { status: 429, retryAfter: 1 }, result: 'ok', maxMs: 4000 },
  { name: 'reset three times', fault: { kind: 'reset', times: 3 }, result: 'ok', maxMs: 3000 },
  { name: 'truncated three times', fault: { kind: 'truncate', times: 3 }, result: 'ok', maxMs: 3000 },
  { name: 'a malformed answer', fault: { kind: 'invalid' }, result: 'DecodeError', maxMs: 2000 },
  // Issue #12: giving up at `timeout` while the PIN is still valid is a TimeoutError (it used to say
  // PinExpiredError), and a storm of 429s says RateLimitedError.
  {
    name: '503 until the wait runs out',
    fault: { status: 503, ...FOREVER },
    result: 'TimeoutError',
    giveUpAfter: 1500,
    maxMs: 1500 + SLACK,
  },
  {
    name: '429 + Retry-After: 0 until the wait runs out',
    fault: { status: 429, retryAfter: 0, ...FOREVER },
    result: 'RateLimitedError',
    // When the wait runs out during a poll (a loaded machine), TimeoutError is the right answer too.
    alsoRight: ['TimeoutError'],
    giveUpAfter: 1500,
    maxMs: 1500 + SLACK,
  },
];

/** A PIN approved at once, its polls faulted: how waitForPin (client timeout SHORT) ends, and when. */
async function waitThrough(fault: FaultBody, giveUpAfter?: number) {
  const emulator = createEmulator();
  const server = await emulator.listen();
  try {
    const client = createClient({
      clientIdentifier: 'reliability-pin',
      baseUrl: server.url,
      timeout: SHORT,
      retry: RETRY,
    });
    const pin = await createPin(client);
    emulator.control.approvePin(pin.id, 'freeuser');
    emulator.control.fault({ path: `/api/v2/pins/${pin.id}`, method: 'GET', ...fault } as FaultSpec);
    const start = performance.now();
    let result: string;
    try {
      const approved = await waitForPin(client, pin, { interval: 50, timeout: giveUpAfter ?? 20_000 });
      result = approved.authToken ? 'ok' : 'no token';
    } catch (error) {
      result = (error as Error).name;
    }
    return { result, ms: performance.now() - start };
  } finally {
    await server.close();
  }
}

describe.concurrent('library: waitForPin rides out trouble on its polls', () => {
  test('transient faults, a malformed answer, and faults that outlast the wait', async () => {
    const rows = await Promise.all(
      PIN_CASES.map(async (c) => {
        const { result, ms } = await waitThrough(c.fault, c.giveUpAfter);
        const right = c.alsoRight?.includes(result) ? c.result : result;
        return {
          actual: { name: c.name, result: right, inTime: ms <= c.maxMs ? true : Math.round(ms) },
          expected: { name: c.name, result: c.result, inTime: true },
        };
      }),
    );
    expect(rows.map((r) => r.actual)).toEqual(rows.map((r) => r.expected));
  });

  // Known issue (reported): waitForPin gives each poll up to 15 s (or what is left of the wait), whatever the
  // client's `timeout`: one hung poll holds the wait for 15 s, not `timeout`. Remove `.fails` once fixed.
  test('a hung poll is given up after the client timeout, not 15 s', async () => {
    const { result, ms } = await waitThrough({ kind: 'latency', ms: 5000 });
    expect(result).toBe('ok');
    expect(ms).toBeLessThan(SHORT + 1500);
  });
});

// ---- the CLI ----------------------------------------------------------------------------------------

const BIN = fileURLToPath(new URL('../packages/cli/bin/plextv.cjs', import.meta.url));
/** No CLI run may take longer than this: past it, the test kills it and fails. */
const CLI_LIMIT_MS = 15_000;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  killed: boolean;
}

/** `node packages/cli/bin/plextv.cjs …args` with `input` on stdin, in an environment free of the developer's PLEX*. */
function cli(args: string[], input = '', extraEnv: Record<string, string> = {}): Promise<CliRun> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(PLEX|PLEXTV)_|^(NO_COLOR|FORCE_COLOR|XDG_CONFIG_HOME)$/.test(key))
      env[key] = value;
  }
  Object.assign(env, extraEnv);
  env.NO_COLOR = '1';
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, CLI_LIMIT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - start, killed });
    });
    child.stdin.end(input);
  });
}

interface Command {
  name: string;
  args: string[];
  input?: string;
  method: string;
  path: string;
  /** Non-idempotent: exactly one request must reach the route. */
  once: boolean;
  /** Acts with the demo token (`--token`). */
  token: boolean;
}

const COMMANDS: Command[] = [
  { name: 'whoami', args: ['whoami'], method: 'GET', path: '/api/v2/user', once: false, token: true },
  { name: 'devices', args: ['devices'], method: 'GET', path: '/devices.xml', once: false, token: true },
  {
    name: 'friends list',
    args: ['friends', 'list'],
    method: 'GET',
    path: '/api/v2/friends',
    once: false,
    token: true,
  },
  {
    name: 'home list',
    args: ['home', 'list'],
    method: 'GET',
    path: '/api/v2/home/users',
    once: false,
    token: true,
  },
  {
    name: 'login --password',
    args: ['login', '--password', '--login', 'freeuser', '--password-stdin'],
    input: 'free-password',
    method: 'POST',
    path: '/api/v2/users/signin',
    once: true,
    token: false,
  },
  {
    name: 'login --code-only (PIN)',
    args: ['login', '--code-only'],
    method: 'POST',
    path: '/api/v2/pins',
    once: true,
    token: false,
  },
  {
    name: 'logout',
    args: ['logout'],
    method: 'DELETE',
    path: '/api/v2/users/signout',
    once: true,
    token: true,
  },
  {
    name: 'friends invite',
    args: ['friends', 'invite', 'carol'],
    method: 'POST',
    path: '/api/v2/friends/invite',
    once: true,
    token: true,
  },
];

interface CliFault {
  name: string;
  fault: FaultBody;
  /** Extra global options (a small --timeout for the slow faults). */
  options?: string[];
  code: number;
  /** What the one stderr line says. */
  says: RegExp;
}

const CLI_FAULTS: CliFault[] = [
  {
    name: '429 + Retry-After: 120',
    fault: { status: 429, retryAfter: 120, ...FOREVER },
    code: 8,
    says: /rate limiting requests \(HTTP 429\): retry after 120 seconds/,
  },
  {
    name: '429',
    fault: { status: 429, ...FOREVER },
    code: 8,
    says: /rate limiting requests \(HTTP 429\): try again later/,
  },
  { name: '500', fault: { status: 500, ...FOREVER }, code: 10, says: /failed \(HTTP 500\)/ },
  { name: '503', fault: { status: 503, ...FOREVER }, code: 10, says: /failed \(HTTP 503\)/ },
  {
    name: 'reset',
    fault: { kind: 'reset', ...FOREVER },
    code: 7,
    says: /Cannot reach .*connection reset \(ECONNRESET\)/,
  },
  {
    name: 'truncated body',
    fault: { kind: 'truncate', ...FOREVER },
    code: 7,
    says: /Cannot reach|connection/,
  },
  {
    name: 'latency past --timeout',
    fault: { kind: 'latency', ms: 10_000, ...FOREVER },
    options: ['--timeout', '1000'],
    code: 7,
    says: /did not answer in time/,
  },
  {
    name: 'trickle past --timeout',
    fault: { kind: 'trickle', bytes: 1, intervalMs: 2000, ...FOREVER },
    options: ['--timeout', '1000'],
    code: 7,
    says: /did not answer in time/,
  },
  {
    name: 'malformed answer',
    fault: { kind: 'invalid', ...FOREVER },
    code: 1,
    says: /answered something unexpected/,
  },
];

async function runCli(command: Command, fault: CliFault) {
  const emulator = createEmulator();
  const server = await emulator.listen();
  const configDir = await mkdtemp(join(tmpdir(), 'plextv-faults-'));
  try {
    const token = emulator.control.issueToken('demo');
    emulator.control.fault({ path: command.path, method: command.method, ...fault.fault } as FaultSpec);
    const run = await cli(
      [...command.args, '--base-url', server.url, '--config-dir', configDir, ...(fault.options ?? [])],
      command.input,
      // PLEX_TOKEN, not --token: --token now warns (it shows in ps) and the rows check for one stderr line.
      command.token ? { PLEX_TOKEN: token } : {},
    );
    const lines = run.stderr.trimEnd().split('\n');
    const requests = command.once ? await routeRequests(emulator, command, 1) : 0;
    return {
      actual: {
        fault: fault.name,
        code: run.killed ? 'killed (hung)' : run.code,
        oneLine: lines.length === 1 && lines[0]!.startsWith('error: ') ? 'ok' : run.stderr,
        says: fault.says.test(run.stderr) ? 'ok' : run.stderr,
        secretFree: run.stderr.includes(token) || run.stderr.includes('free-password') ? run.stderr : 'ok',
        stdout: run.stdout,
        ...(command.once ? { requests } : {}),
      },
      expected: {
        fault: fault.name,
        code: fault.code,
        oneLine: 'ok',
        says: 'ok',
        secretFree: 'ok',
        stdout: '',
        ...(command.once ? { requests: 1 } : {}),
      },
    };
  } finally {
    await server.close();
    await rm(configDir, { recursive: true, force: true });
  }
}

describe.concurrent('CLI: one line on stderr, the documented exit code, nothing hangs', () => {
  for (const command of COMMANDS) {
    test(`plextv ${command.name} (${command.method} ${command.path})`, async () => {
      const rows = [];
      // Two at a time per command: five commands run at once, on two cores.
      // `logout` does not read the answer's body: a mangled 2xx body is a sign-out like any other.
      const faults = CLI_FAULTS.filter((f) => !(command.name === 'logout' && f.name === 'malformed answer'));
      for (let i = 0; i < faults.length; i += 2) {
        rows.push(...(await Promise.all(faults.slice(i, i + 2).map((fault) => runCli(command, fault)))));
      }
      expect(rows.map((r) => r.actual)).toEqual(rows.map((r) => r.expected));
    }, 60_000);
  }
});
