/**
 * `run()` in-process for the devices/servers/connect/webhooks/claim/geo/privacy commands: argument errors,
 * confirmations with a scripted prompter, Ctrl-C, and the helpers behind the tables and selection.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pc from 'picocolors';
import { ConnectionFailedError } from 'plextv';
import { createEmulator, DEMO_SERVER_ID, demoSeed, type Emulator, type EmulatorSeed } from 'plextv-emulator';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { lastSeen } from '../src/commands/devices.js';
import { parseOnOff } from '../src/commands/privacy.js';
import { checkUrl } from '../src/commands/webhooks.js';
import { describeFailure, ExitCode, type Prompter, UsageError } from '../src/index.js';
import { selectOne, shortIds } from '../src/select.js';
import { renderTable, visibleWidth } from '../src/ui/table.js';
import { ANSI, runIn, tempDir } from './helpers.js';

const DEMO_TOKEN = 'demo-token';

let emulator: Emulator;
let config: { dir: string; cleanup: () => Promise<void> };

beforeEach(async () => {
  emulator = createEmulator();
  config = await tempDir();
});

afterEach(async () => {
  await emulator.servers.stop();
  await config.cleanup();
});

/** `run(args)` in-process, the emulator standing in for https://plex.tv, as demo (unless `token`). */
function plextv(args: string[], options: Parameters<typeof runIn>[1] & { token?: string | null } = {}) {
  const { token = DEMO_TOKEN, env, ...rest } = options;
  return runIn([...args, '--config-dir', config.dir], {
    fetch: emulator.fetch,
    env: { ...(token === null ? {} : { PLEX_TOKEN: token }), ...env },
    ...rest,
  });
}

/** The emulator with the demo seed's devices changed by `edit`. */
function withDevices(
  edit: (devices: NonNullable<EmulatorSeed['devices']>) => EmulatorSeed['devices'],
): Emulator {
  return createEmulator({ ...demoSeed, devices: edit(structuredClone(demoSeed.devices ?? [])) });
}

/** A prompter that answers yes/no questions from a list and records them. */
function answering(...answers: boolean[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    input: async (message) => {
      throw new Error(`unexpected prompt: ${message}`);
    },
    password: async (message) => {
      throw new Error(`unexpected prompt: ${message}`);
    },
    confirm: async (message) => {
      asked.push(message);
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`unexpected question: ${message}`);
      return answer;
    },
  };
}

describe('argument errors: exit 2, one line, nothing sent', () => {
  test.each([
    [['devices', '--show-tokens']],
    [['servers', '--show-tokens']],
    [['connect', 'Demo Server', '--show-tokens']],
    [['devices', 'rm']],
    [['devices', 'rm', 'a', 'b']],
    [['devices', 'rmm', 'x']],
    [['webhooks', 'st']],
    [['connect']],
    [['webhooks', 'add']],
    [['webhooks', 'rm']],
    [['webhooks', 'add', 'mailto:me@example.com']],
    [['webhooks', 'set', 'https://ok.example.com/', 'nope']],
    [['geoip', 'localhost']],
    [['geoip', '1.2.3.4', '5.6.7.8']],
    [['privacy', '--playback']],
    [['privacy', '--library-stats', 'sometimes']],
    [['claim', 'extra']],
    [['ip', '1.2.3.4']],
  ])('%j', async (args) => {
    const result = await plextv(args);
    expect(result.code).toBe(ExitCode.USAGE);
    // One line; a missing argument's is followed by the command's usage line (#13).
    const lines = result.stderr.trim().split('\n');
    const usage = /missing required argument/.test(lines[0] ?? '') ? 1 : 0;
    expect(lines).toHaveLength(1 + usage);
    if (usage) expect(lines[1]).toMatch(/^Usage: plextv /);
    expect(result.stdout).toBe('');
    expect(emulator.control.requests()).toEqual([]);
  });

  test('--json: the usage error is a JSON document too', async () => {
    const result = await plextv(['webhooks', 'add', 'ftp://x.example.com/', '--json']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: 'USAGE', exitCode: 2 } });
  });

  test('--help for the new commands', async () => {
    for (const command of ['devices', 'servers', 'connect', 'webhooks', 'claim', 'ip', 'geoip', 'privacy']) {
      const result = await plextv([command, '--help']);
      expect(result.code).toBe(ExitCode.OK);
      expect(result.stdout).toContain(`plextv ${command}`);
    }
    expect((await plextv(['webhooks', '--help'])).stdout).toMatch(/add.*\n.*rm|rm[\s\S]*set/);
    expect((await plextv(['connect', '--help'])).stdout).toContain('--timeout');
    const main = await plextv(['--help']);
    expect(main.stdout).toContain('12 server unreachable');
  });
});

describe('not logged in', () => {
  test.each([
    [['devices']],
    [['servers']],
    [['connect', 'x']],
    [['webhooks']],
    [['claim']],
    [['geoip']],
    [['privacy']],
  ])('%j: exit 3', async (args) => {
    const result = await plextv(args, { token: null });
    expect(result.code).toBe(ExitCode.NOT_LOGGED_IN);
    expect(emulator.control.requests()).toEqual([]);
  });

  test('ip needs no login', async () => {
    const result = await plextv(['ip'], { token: null });
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout.trim()).not.toBe('');
  });

  test('a rejected token: exit 4', async () => {
    const result = await plextv(['devices'], { token: 'wrong-token-1234' });
    expect(result.code).toBe(ExitCode.TOKEN_REJECTED);
    expect(result.stderr).toContain('PLEX_TOKEN');
  });
});

describe('confirmation on a terminal', () => {
  const webhooks = () => emulator.state.accounts.get(10000001)!.webhooks;

  test('devices rm asks; yes removes', async () => {
    const prompter = answering(true);
    const result = await plextv(['devices', 'rm', 'iPhone'], { interactive: true, prompter });
    expect(result.code).toBe(ExitCode.OK);
    expect(prompter.asked).toEqual([
      'Remove "iPhone" (7E1B3C2A), Plex for iOS 8.40 on iOS, last seen 2025-01-14 from the account? It will be signed out.',
    ]);
    expect(emulator.state.devices.has(30000004)).toBe(false);
  });

  test('devices rm: no removes nothing (exit 0)', async () => {
    const result = await plextv(['devices', 'rm', 'iPhone', '--json'], {
      interactive: true,
      prompter: answering(false),
    });
    expect(result.code).toBe(ExitCode.OK);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, removed: null, cancelled: true });
    expect(emulator.state.devices.has(30000004)).toBe(true);
    expect(emulator.control.requests().some((r) => r.method === 'DELETE')).toBe(false);
  });

  test('--yes does not ask', async () => {
    const prompter = answering();
    const result = await plextv(['devices', 'rm', 'iPhone', '--yes'], { interactive: true, prompter });
    expect(result.code).toBe(ExitCode.OK);
    expect(prompter.asked).toEqual([]);
  });

  test('a prompter without confirm: asked as text, "y" means yes', async () => {
    const asked: string[] = [];
    const prompter: Prompter = {
      input: async (message) => {
        asked.push(message);
        return 'y';
      },
      password: async () => '',
    };
    const result = await plextv(['webhooks', 'set'], { interactive: true, prompter });
    expect(result.code).toBe(ExitCode.OK);
    expect(asked).toEqual(['Remove all 1 webhook (https://hooks.example.test/plex)? (y/N)']);
    expect(webhooks()).toEqual([]);
  });

  test('webhooks set (clear): no keeps them; nothing to clear asks nothing', async () => {
    const declined = await plextv(['webhooks', 'set', '--json'], {
      interactive: true,
      prompter: answering(false),
    });
    expect(declined.code).toBe(ExitCode.OK);
    expect(JSON.parse(declined.stdout)).toMatchObject({ ok: true, changed: false, cancelled: true });
    expect(webhooks()).toHaveLength(1);
    webhooks().length = 0;
    const empty = await plextv(['webhooks', 'set'], { interactive: true, prompter: answering() });
    expect(empty.code).toBe(ExitCode.OK);
    expect(empty.stdout).toContain('No webhooks to clear');
  });

  test('removing the device that is this plextv: marked in the list, a warning first', async () => {
    await writeFile(
      join(config.dir, 'config.json'),
      JSON.stringify({ clientIdentifier: 'emulator-home-assistant-01' }),
    );
    const listed = await plextv(['devices']);
    expect(listed.stdout).toMatch(/Home Assistant \(this plextv\)/);
    const result = await plextv(['devices', 'rm', 'Home Assistant', '--json'], {
      interactive: true,
      prompter: answering(true),
    });
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toContain('this is plextv itself');
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, self: true });
  });

  test('two devices with the same name: exit 2, name one by its client identifier', async () => {
    emulator = withDevices((devices) =>
      devices.map((d) => (d.name === 'Chrome' ? { ...d, name: 'iPhone' } : d)),
    );
    const result = await plextv(['devices', 'rm', 'iphone', '--yes']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('2 devices match the name "iphone"');
    expect(result.stderr).toContain('emulatorp');
    expect(result.stderr).toContain('7E1B3C2A');
    expect(emulator.state.devices.size).toBe(7);
  });
});

describe('servers', () => {
  test('no servers: says so; --json []', async () => {
    emulator = withDevices(() => []);
    const result = await plextv(['servers']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toContain('No Plex Media Servers');
    expect(JSON.parse((await plextv(['servers', '--json'])).stdout)).toEqual([]);
    const connect = await plextv(['connect', 'Demo Server']);
    expect(connect.code).toBe(ExitCode.USAGE);
    expect(connect.stderr).toContain('the account has no servers');
  });

  test('colours on a terminal only', async () => {
    await emulator.servers.start();
    expect((await plextv(['servers'])).stdout).not.toMatch(ANSI);
    expect((await plextv(['servers'], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
  });

  test('servers are probed with serverFetch (not the plex.tv fetch), with the identity headers', async () => {
    const probes: Request[] = [];
    const serverFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      probes.push(request);
      if (!request.url.startsWith('http://192.168.1.10:32400/')) throw new TypeError('fetch failed');
      return new Response(`<MediaContainer machineIdentifier="${DEMO_SERVER_ID}" version="1.2.3"/>`, {
        headers: { 'content-type': 'text/xml' },
      });
    };
    const result = await plextv(['connect', 'Demo Server'], { serverFetch });
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe('http://192.168.1.10:32400\n');
    const probe = probes.find((p) => p.url === 'http://192.168.1.10:32400/identity');
    expect(probe?.headers.get('x-plex-token')).toBe('demo-server-access-token');
    expect(probe?.headers.get('x-plex-client-identifier')).toMatch(/^[0-9a-f-]{36}$/);
    expect(probe?.headers.get('x-plex-product')).toBe('plextv-cli');
    expect(emulator.control.requests().some((r) => r.path.endsWith('/identity'))).toBe(false);
    expect(result.stdout + result.stderr).not.toContain('demo-server-access-token');
  });

  test('Ctrl-C while probing: exit 130, at once', async () => {
    await emulator.servers.start();
    for (const index of [0, 1, 2, 3, 4, 5]) {
      await emulator.control.setConnectionBehaviour('Demo Server', index, 'black-hole');
    }
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const result = await plextv(['connect', 'Demo Server', '--timeout', '10000'], {
      signal: controller.signal,
    });
    expect(result.code).toBe(ExitCode.INTERRUPTED);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.stdout).toBe('');
  });
});

describe('helpers', () => {
  test('shortIds: 8 characters, longer only where two identifiers share a prefix', () => {
    const ids = shortIds([
      { clientIdentifier: 'abcdef0123456789' },
      { clientIdentifier: 'abcdef01999' },
      { clientIdentifier: '42' },
      { clientIdentifier: 'f00dfeedcafe' },
    ]);
    expect([...ids.values()]).toEqual(['abcdef012', 'abcdef019', '42', 'f00dfeed']);
  });

  test('shortIds: identifiers that differ only at the end show as prefix…suffix, which selectOne takes', () => {
    const items = [
      { clientIdentifier: 'a1b2c3d4e5f60718293a4b5c6d7e8f9000000001', name: 'One' },
      { clientIdentifier: 'a1b2c3d4e5f60718293a4b5c6d7e8f9000000002', name: 'Two' },
      { clientIdentifier: 'a1b2c3d4e5f60718293a4b5c6d7e8f9000010002', name: 'Three' },
    ];
    expect([...shortIds(items).values()]).toEqual(['a1b2c3d4…0001', 'a1b2c3d4…00002', 'a1b2c3d4…10002']);
    expect(selectOne(items, 'a1b2c3d4…0001', 'server').name).toBe('One');
    expect(selectOne(items, 'A1B2C3D4...00002', 'server').name).toBe('Two');
    expect(() => selectOne(items, 'a1b2c3d4…0002', 'server')).toThrow(/2 servers match/);
  });

  test('selectOne: id, client identifier, name (any case), unique prefix; else a usage error', () => {
    const items = [
      { id: '1', clientIdentifier: 'aaaa1111', name: 'One' },
      { id: '2', clientIdentifier: 'aaaa2222', name: 'Two' },
      { id: '3', clientIdentifier: 'bbbb3333', name: 'aaaa1111' },
    ];
    expect(selectOne(items, '2', 'device').id).toBe('2');
    expect(selectOne(items, 'aaaa1111', 'device').id).toBe('1');
    expect(selectOne(items, ' TWO ', 'device').id).toBe('2');
    expect(selectOne(items, 'bbbb', 'device').id).toBe('3');
    expect(() => selectOne(items, 'aaaa', 'device')).toThrow(/2 devices match the client identifier prefix/);
    expect(() => selectOne(items, 'zzz', 'device')).toThrow(UsageError);
    expect(() => selectOne([], 'x', 'server')).toThrow(/the account has no servers/);
    expect(() => selectOne(items, '  ', 'device')).toThrow(UsageError);
  });

  test('renderTable aligns columns, ignores colours when measuring, cuts the shrinkable ones', () => {
    const c = pc.createColors(true);
    const table = renderTable(
      ['NAME', 'WHAT'],
      [
        [c.green('a'), 'x'.repeat(50)],
        ['bbbb', 'short'],
      ],
      { c: pc.createColors(false), columns: 30, shrink: [1] },
    );
    const lines = table.split('\n');
    expect(lines[0]).toBe('NAME  WHAT');
    expect(lines[1]).toBe(`${c.green('a')}     ${'x'.repeat(23)}…`);
    expect(visibleWidth(lines[1]!)).toBe(30);
    expect(lines[2]).toBe('bbbb  short');
  });

  test('lastSeen: relative, then the day', () => {
    const now = Date.parse('2025-01-15T12:00:00Z');
    expect(lastSeen(new Date(now - 3 * 3_600_000), now)).toBe('3 hours ago');
    expect(lastSeen(new Date(now - 90 * 86_400_000), now)).toBe('2024-10-17');
    expect(lastSeen(undefined, now)).toBe('');
    expect(lastSeen(new Date(now + 5000), now)).toBe('just now');
  });

  test('parseOnOff and checkUrl', () => {
    expect(parseOnOff('ON')).toBe(true);
    expect(parseOnOff('no')).toBe(false);
    expect(() => parseOnOff('maybe')).toThrow(/on or off/);
    expect(checkUrl(' https://x.example.com/h ')).toBe('https://x.example.com/h');
    expect(() => checkUrl('https://u:secretpw@x.example.com/')).toThrow(UsageError);
    try {
      checkUrl('https://u:secretpw@x.example.com/');
    } catch (error) {
      expect((error as Error).message).not.toContain('secretpw');
    }
  });

  test('describeFailure: ConnectionFailedError is exit 12 with the attempts as details', () => {
    const error = new ConnectionFailedError(
      { name: 'S', clientIdentifier: 'srv' },
      [{ uri: 'http://127.0.0.1:1', rank: 0, outcome: 'refused', ms: 2, detail: 'ECONNREFUSED' }],
      [],
    );
    const failure = describeFailure(error);
    expect(failure).toMatchObject({ kind: 'SERVER_UNREACHABLE', exitCode: 12 });
    expect(failure.details).toMatchObject({ attempts: [{ outcome: 'refused' }], skipped: [] });
    expect(ExitCode.SERVER_UNREACHABLE).toBe(12);
  });
});
