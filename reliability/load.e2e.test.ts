/**
 * Load: the emulator over loopback under 1,000 concurrent PIN polls and 10,000 mixed requests — no errors,
 * and the state is consistent afterwards. Bounded in count and time; loopback only.
 */
import { createEmulator } from 'plextv-emulator';
import { afterAll, beforeAll, expect, test } from 'vitest';

const emulator = createEmulator({
  ...(await import('plextv-emulator')).demoSeed,
  now: new Date().toISOString(),
});
let url = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const server = await emulator.listen();
  url = server.url;
  close = server.close;
});
afterAll(() => close());

/** Run `jobs` with at most `limit` in flight. */
async function pool<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

const headers = (client: string, token?: string): Record<string, string> => ({
  'X-Plex-Client-Identifier': client,
  'X-Plex-Product': 'load test',
  Accept: 'application/json',
  ...(token ? { 'X-Plex-Token': token } : {}),
});

test('1,000 concurrent PIN polls, half approved: every poll answers, approvals land exactly', async () => {
  const N = 1000;
  const pins = await pool(
    Array.from({ length: N }, (_, i) => async () => {
      const res = await fetch(`${url}/api/v2/pins?strong=true`, {
        method: 'POST',
        headers: headers(`load-${i}`),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: number; code: string };
    }),
    100,
  );
  for (let i = 0; i < N; i += 2) emulator.control.approvePin(pins[i]!.id, 'demo');
  const polls = await Promise.all(
    pins.map(async (pin, i) => {
      const res = await fetch(`${url}/api/v2/pins/${pin.id}`, { headers: headers(`load-${i}`) });
      return { status: res.status, body: (await res.json()) as { authToken: string | null } };
    }),
  );
  expect(polls.filter((p) => p.status !== 200)).toEqual([]);
  const approved = polls.filter((p) => p.body.authToken);
  expect(approved).toHaveLength(N / 2);
  expect(new Set(approved.map((p) => p.body.authToken)).size).toBe(N / 2);
  // Each approved token works.
  const checks = await pool(
    approved
      .slice(0, 50)
      .map(
        (p) => async () =>
          (await fetch(`${url}/api/v2/user`, { headers: headers('load-check', p.body.authToken!) })).status,
      ),
    25,
  );
  expect(checks.every((s) => s === 200)).toBe(true);
}, 120_000);

test('10,000 mixed requests at 200 in flight: zero errors, consistent state', async () => {
  const logged = () => {
    // The log is a ring buffer: count what it dropped too.
    const log = emulator.control.requestLog();
    return log.requests.length + log.dropped;
  };
  const before = logged();
  const kinds = [
    () => fetch(`${url}/api/v2/user`, { headers: headers('mix', 'demo-token') }),
    () => fetch(`${url}/api/v2/ping`, { headers: headers('mix', 'free-token') }),
    () => fetch(`${url}/api/v2/resources?includeHttps=1`, { headers: headers('mix', 'demo-token') }),
    () => fetch(`${url}/api/v2/home/user`, { headers: headers('mix', 'kids-token') }),
    () => fetch(`${url}/api/v2/user/webhooks`, { headers: headers('mix', 'demo-token') }),
  ];
  const N = 10_000;
  const statuses = await pool(
    Array.from({ length: N }, (_, i) => async () => {
      const res = await kinds[i % kinds.length]!();
      await res.arrayBuffer();
      return res.status;
    }),
    200,
  );
  expect(statuses.filter((s) => s !== 200)).toEqual([]);
  expect(logged() - before).toBe(N);
  // Nothing drifted: the seeded accounts still answer as before.
  const me = (await (
    await fetch(`${url}/api/v2/user`, { headers: headers('mix', 'demo-token') })
  ).json()) as { username: string };
  expect(me.username).toBe('demo');
}, 180_000);
