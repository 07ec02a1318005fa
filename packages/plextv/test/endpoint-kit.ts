/**
 * What the endpoint tests share: a client on a scripted fetch, canned responses, and the checks every request
 * gets (the token only in the X-Plex-Token header; method, path and query; the form body).
 */
import { createClient } from 'plextv';
import { expect } from 'vitest';
import { type Recorded, scriptedFetch } from './fake-fetch.js';

export const TOKEN = 'secret-token-abc';
export const BASE = 'https://plex.test';
export const CLIENTS = 'https://clients.plex.test';
export const DISCOVER = 'https://discover.plex.test';
export const METADATA = 'https://metadata.plex.test';
export const COMMUNITY = 'https://community.plex.test';

/** A client with a token on a scripted fetch (no retries), each host on its own origin, and the requests it made. */
export function setup(steps: Parameters<typeof scriptedFetch>[0]) {
  const { fetch, calls } = scriptedFetch(steps);
  const client = createClient({
    clientIdentifier: 'test-client',
    baseUrl: BASE,
    clientsBaseUrl: CLIENTS,
    discoverUrl: DISCOVER,
    metadataUrl: METADATA,
    communityUrl: COMMUNITY,
    fetch,
    token: TOKEN,
    retry: false,
  });
  return { client, calls };
}

export const jsonText = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'application/json' } });
export const xmlText = (body: string) =>
  new Response(body, { headers: { 'content-type': 'application/xml' } });
export const empty = () => new Response(null, { status: 204 });

/** The token goes in the header and nowhere else (`expected: null`: no token header at all). */
export function tokenOnlyInHeader(call: Recorded, expected: string | null = TOKEN) {
  expect(call.headers.get('x-plex-token')).toBe(expected);
  for (const secret of new Set([TOKEN, expected ?? TOKEN])) {
    expect(call.url).not.toContain(secret);
    expect(call.body ?? '').not.toContain(secret);
  }
}

/** Method, path and query of a recorded call. */
export function request(call: Recorded) {
  const url = new URL(call.url);
  return {
    method: call.method,
    origin: url.origin,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
  };
}

/** A recorded form body as [key, value] pairs. */
export const form = (call: Recorded) => [...new URLSearchParams(call.body ?? '').entries()];
