/** Removed endpoints answer 410 Gone, as plex.tv does. */
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import { call, type Doc, get, jsonOf, XML_DECL } from './helpers.js';

const FREE = 10000002;

async function friends(emu: Emulator, token: string, query = ''): Promise<Doc[]> {
  return jsonOf(get(emu, `/api/v2/friends${query}`, { token, json: true }));
}

describe('removed endpoints answer 410 Gone, as plex.tv does', () => {
  const GONE = `${XML_DECL}<Response code="410" status="This endpoint was deprecated and removed"/>\n`;
  it.each([
    ['DELETE', '/api/friends/10000002'],
    ['PUT', '/api/friends/10000002?allowSync=1'],
    ['GET', '/api/friends/10000002'],
    ['GET', '/api/invites/requests'],
    ['GET', '/api/invites/requested'],
    ['PUT', '/api/invites/requests/10000005?friend=1&server=0&home=0'],
    ['DELETE', '/api/invites/requested/newfriend@example.test?friend=1&server=0&home=0'],
    ['POST', '/api/invites/requested/'],
  ])('%s %s', async (method, path) => {
    const emu = createEmulator();
    const res = await call(emu, method, path, { token: 'demo-token', json: true });
    expect(res.status).toBe(410);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(await res.text()).toBe(GONE);
  });

  it('even without a client identifier or token; and they change nothing', async () => {
    const emu = createEmulator();
    const res = await emu.fetch('https://plex.tv/api/friends/10000002', { method: 'DELETE' });
    expect(res.status).toBe(410);
    expect((await friends(emu, 'demo-token')).map((f) => f.id)).toContain(FREE);
    expect(emu.control.requests()[0]).toEqual({
      method: 'DELETE',
      path: '/api/friends/10000002',
      status: 410,
    });
  });
});
