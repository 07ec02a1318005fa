/**
 * Secrets never reach the output, over real sockets: the built bin against the emulator on loopback, with
 * PLEXTV_DEBUG=1, through every kind of failure (the in-process matrix of every command is secrets.test.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient, createPin, generateDeviceKey, waitForPin } from 'plextv';
import { createEmulator, type Emulator, type RunningServer } from 'plextv-emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigStore, DeviceKeyStore, ExitCode } from '../src/index.js';
import { cli, closedPort, type Result, tempDir } from './helpers.js';
import { CODE, leaked, PASSWORDS, WRONG_PASSWORD } from './secret-leaks.js';

const DAY = 86_400_000;

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
