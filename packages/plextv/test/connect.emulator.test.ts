/** `connect` over the emulator's fake Plex Media Servers (real loopback sockets). */
import { ConnectionFailedError, connect, createClient, findResource, getResources } from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

const emulator = createEmulator();
const client = (token: string) =>
  createClient({
    clientIdentifier: 'devices-tests',
    baseUrl: 'https://plex.tv',
    fetch: emulator.fetch.bind(emulator),
    token,
  });

beforeEach(() => emulator.control.reset());

describe('connect over the emulator’s fake servers', () => {
  beforeAll(async () => {
    await emulator.servers.start();
  });
  afterAll(async () => {
    await emulator.servers.stop();
  });

  const demoServer = async (token = 'demo-token') =>
    findResource(await getResources(client(token)), 'Demo Server')!;

  test('the best working connection: local https is refused (no TLS here), so local http wins', async () => {
    const result = await connect(await demoServer(), { timeout: 2_000 });
    expect(result.identity.machineIdentifier).toBe('a1b2c3d4e5f60718293a4b5c6d7e8f9000000001');
    expect(result.candidate.location).toBe('local');
    expect(result.uri.startsWith('http://127.0.0.1:')).toBe(true);
    expect(result.attempts[0]).toMatchObject({ outcome: 'refused' });
  });

  test('a black-holed local address costs the per-attempt timeout, then remote wins; wrong identity is rejected', async () => {
    await emulator.control.setConnectionBehaviour('Demo Server', 1, 'black-hole');
    await emulator.control.setConnectionBehaviour('Demo Server', 3, 'wrong-identity');
    const started = Date.now();
    // patience: Infinity is the pre-#12 default (wait for the better candidate to time out).
    const result = await connect(await demoServer(), { timeout: 500, patience: Number.POSITIVE_INFINITY });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(result.candidate.location).not.toBe('local');
    const outcomes = Object.fromEntries(result.attempts.map((a) => [a.uri, a.outcome]));
    expect(Object.values(outcomes)).toContain('timeout');
    expect(Object.values(outcomes)).toContain('wrong-identity');
  });

  test('a friend connecting to a shared server skips its local addresses', async () => {
    const result = await connect(await demoServer('free-token'), { timeout: 2_000 });
    expect(result.candidate.location).not.toBe('local');
  });

  test('every connection down: one ConnectionFailedError with every reason, no token in it', async () => {
    for (const i of [1, 3, 5]) await emulator.control.setConnectionBehaviour('Demo Server', i, 'refused');
    const error = (await connect(await demoServer(), { timeout: 500 }).catch(
      (e: unknown) => e,
    )) as ConnectionFailedError;
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect(error.attempts.length).toBeGreaterThanOrEqual(4);
    expect(error.attempts.every((a) => a.outcome !== 'ok')).toBe(true);
    expect(`${error.message}${JSON.stringify(error)}`).not.toContain('demo-server-access-token');
  });
});
