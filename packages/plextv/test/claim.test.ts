/** The claim token (endpoints/claim.ts) against a scripted fetch, decoding the real capture. */
import { createClient, type DecodeError, getClaimToken } from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';
import { json, type Recorded, scriptedFetch } from './fake-fetch.js';

const TOKEN = 'secret-token-abc';
const BASE = 'https://plex.test';

function setup(steps: Parameters<typeof scriptedFetch>[0]) {
  const { fetch, calls } = scriptedFetch(steps);
  const client = createClient({
    clientIdentifier: 'test-client',
    baseUrl: BASE,
    fetch,
    token: TOKEN,
    retry: false,
  });
  return { client, calls };
}

const jsonText = (body: string) => new Response(body, { headers: { 'content-type': 'application/json' } });

/** The token goes in the header and nowhere else. */
function tokenOnlyInHeader(call: Recorded, expected: string | null = TOKEN) {
  expect(call.headers.get('x-plex-token')).toBe(expected);
  expect(call.url).not.toContain(TOKEN);
  expect(call.body ?? '').not.toContain(TOKEN);
}

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
