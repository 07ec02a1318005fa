import { describe, expect, it } from 'vitest';
import { CLAIM_TOKEN_SECONDS, createEmulator } from '../src/index.js';
import { get, jsonError } from './helpers.js';

describe('GET /api/claim/token.json', () => {
  it('{"token":"claim-…"}, JSON whatever Accept says, kept 4 minutes in state', async () => {
    const emu = createEmulator();
    const res = await get(emu, '/api/claim/token.json', { token: 'demo-token' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { token } = await res.json();
    expect(token).toMatch(/^claim-[A-Za-z0-9_-]{20}$/);
    const stored = emu.state.claimTokens.get(token)!;
    expect(stored).toMatchObject({ accountId: 10000001 });
    expect(stored.expiresAt - stored.createdAt).toBe(CLAIM_TOKEN_SECONDS);
    expect(CLAIM_TOKEN_SECONDS).toBe(240);

    const second = (await (await get(emu, '/api/claim/token.json', { token: 'free-token' })).json()).token;
    expect(second).not.toBe(token);
    expect(emu.state.claimTokens.size).toBe(2);
    // Expired tokens are dropped when the next is made.
    emu.control.setClock(emu.state.nowMs + 241_000);
    await get(emu, '/api/claim/token.json', { token: 'demo-token' });
    expect(emu.state.claimTokens.size).toBe(1);
    expect(emu.state.claimTokens.has(token)).toBe(false);
  });

  it('needs a token (401 in JSON)', async () => {
    const res = await get(createEmulator(), '/api/claim/token.json');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(jsonError(1001, 'User could not be authenticated', 401));
  });
});
