import {
  createClient,
  DEFAULT_BASE_URL,
  DEFAULT_CLIENTS_BASE_URL,
  DEFAULT_COMMUNITY_URL,
  DEFAULT_DISCOVER_URL,
  DEFAULT_METADATA_URL,
  type Host,
} from 'plextv';
import { describe, expect, test } from 'vitest';
import { json, scriptedFetch } from './fake-fetch.js';

const HOSTS: Host[] = ['plex.tv', 'clients', 'discover', 'metadata', 'community'];

describe('hosts', () => {
  test('each host has its default origin', () => {
    const client = createClient({ clientIdentifier: 'c' });
    expect(HOSTS.map((h) => client.hostUrl(h))).toEqual([
      DEFAULT_BASE_URL,
      DEFAULT_CLIENTS_BASE_URL,
      DEFAULT_DISCOVER_URL,
      DEFAULT_METADATA_URL,
      DEFAULT_COMMUNITY_URL,
    ]);
  });

  test('a lone baseUrl (an emulator) serves every host; a host option wins over it', () => {
    const one = createClient({ clientIdentifier: 'c', baseUrl: 'http://127.0.0.1:9' });
    expect(new Set(HOSTS.map((h) => one.hostUrl(h)))).toEqual(new Set(['http://127.0.0.1:9']));
    const own = createClient({
      clientIdentifier: 'c',
      baseUrl: 'http://a.test',
      discoverUrl: 'http://d.test',
      metadataUrl: 'http://m.test',
      communityUrl: 'http://c.test',
    });
    expect(HOSTS.map((h) => own.hostUrl(h))).toEqual([
      'http://a.test',
      'http://a.test',
      'http://d.test',
      'http://m.test',
      'http://c.test',
    ]);
  });

  test('a request goes to its host, the token in the header only', async () => {
    const { fetch, calls } = scriptedFetch(HOSTS.map(() => json({})));
    const client = createClient({
      clientIdentifier: 'c',
      token: 'secret-token-abc',
      fetch,
      discoverUrl: 'https://d.test',
      metadataUrl: 'https://m.test',
      communityUrl: 'https://c.test',
    });
    for (const host of HOSTS) await client.request({ method: 'GET', path: '/x', host });
    expect(calls.map((c) => new URL(c.url).origin)).toEqual([
      DEFAULT_BASE_URL,
      DEFAULT_CLIENTS_BASE_URL,
      'https://d.test',
      'https://m.test',
      'https://c.test',
    ]);
    for (const c of calls) {
      expect(c.url).not.toContain('secret-token-abc');
      expect(c.headers.get('x-plex-token')).toBe('secret-token-abc');
    }
  });
});
