/** The claim token (endpoints/claim.ts) against a scripted fetch, decoding the real capture. */
import { type DecodeError, getClaimToken } from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import { BASE, jsonText, setup, tokenOnlyInHeader } from './endpoint-kit.js';
import { json } from './fake-fetch.js';

describe('claim token', () => {
  test('getClaimToken: GET /api/claim/token.json → the claim- token', async () => {
    const { client, calls } = setup([jsonText(capture('plex-api.rs/api/claim/token.json')), json({})]);
    const token = await getClaimToken(client);
    expect(token).toBe('claim-TOKEN');
    expect(token.startsWith('claim-')).toBe(true);
    expect(calls[0]!.url).toBe(`${BASE}/api/claim/token.json`);
    tokenOnlyInHeader(calls[0]!);
    const error = await getClaimToken(client).catch((e: unknown) => e);
    expect((error as DecodeError).field).toBe('claim.token');
  });
});
