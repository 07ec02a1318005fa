/** Faults through MSW: in-process semantics, a reset before the answer as MSW's network error. */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';
import { plexTvHandlers } from '../src/msw.js';
import { call, JSON_ACCEPT } from './helpers.js';

const USER = '/api/v2/user';
const headers = { ...JSON_ACCEPT, 'X-Plex-Token': 'demo-token' };

describe('faults through MSW', () => {
  const emu = createEmulator();
  const msw = setupServer(...plexTvHandlers(emu));
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => msw.close());

  it('a reset before the answer is a network error (Response.error()); a truncated body fails to read', async () => {
    emu.control.fault({ path: USER, kind: 'reset' });
    await expect(fetch(`https://plex.tv${USER}`, { headers })).rejects.toThrow(TypeError);
    emu.control.fault({ path: USER, kind: 'truncate' });
    const res = await fetch(`https://plex.tv${USER}`, { headers });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect((await call(emu, 'GET', USER, { token: 'demo-token' })).status).toBe(200);
  });
});
