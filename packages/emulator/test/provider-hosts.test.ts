/**
 * The provider, community and RSS hosts served three ways: in process by host name (the other
 * tests), over loopback HTTP on the emulator's one origin (every host together), and through the
 * MSW handlers' default origins.
 */

import { request } from 'node:http';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';
import { DEFAULT_BASE_URLS, plexTvHandlers } from '../src/msw.js';
import { FRIENDS_QUERY, WATCHLIST_QUERY } from './provider-helpers.js';

const JSON_TOKEN = { Accept: 'application/json', 'X-Plex-Token': 'demo-token' };

describe('over loopback HTTP: every host on one origin', () => {
  it('watchlist, actions, metadata, search, GraphQL and RSS all answer; plex.tv routes keep working', async () => {
    const emu = createEmulator();
    const server = await emu.listen();
    const base = server.url;
    try {
      const wl = await fetch(`${base}/library/sections/watchlist/all?X-Plex-Container-Size=5`, {
        headers: JSON_TOKEN,
      });
      expect(wl.status).toBe(200);
      const page = (await wl.json()) as {
        MediaContainer: { size: number; totalSize: number; identifier: string };
      };
      expect(page.MediaContainer).toMatchObject({
        size: 5,
        totalSize: 25,
        identifier: 'tv.plex.provider.discover',
      });
      const etag = wl.headers.get('etag')!;
      const cached = await fetch(`${base}/library/sections/watchlist/all?X-Plex-Container-Size=5`, {
        headers: { ...JSON_TOKEN, 'If-None-Match': etag },
      });
      expect(cached.status).toBe(304);
      const add = await fetch(`${base}/actions/addToWatchlist?ratingKey=5d776825880197001ec967c2`, {
        method: 'PUT',
        headers: JSON_TOKEN,
      });
      expect(add.status).toBe(200);
      const item = await fetch(`${base}/library/metadata/5d776825880197001ec967c2`, { headers: JSON_TOKEN });
      expect(item.status).toBe(200);
      const search = await fetch(`${base}/library/search?query=matrix&searchProviders=discover`, {
        headers: JSON_TOKEN,
      });
      expect(((await search.json()) as { MediaContainer: { size: number } }).MediaContainer.size).toBe(1);
      const friends = await fetch(`${base}/api`, {
        method: 'POST',
        headers: { ...JSON_TOKEN, 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: FRIENDS_QUERY }),
      });
      expect(
        ((await friends.json()) as { data: { allFriendsV2: unknown[] } }).data.allFriendsV2,
      ).toHaveLength(1);
      const rss = await fetch(`${base}/rss`, {
        method: 'POST',
        headers: { ...JSON_TOKEN, 'Content-Type': 'application/json' },
        body: JSON.stringify({ feedType: 'watchlist' }),
      });
      const info = (await rss.json()) as { RSSInfo: Array<{ uuid: string; url: string }> };
      // On the emulator's own origin the feed lives at /rss/{uuid}.
      expect(info.RSSInfo[0]?.url).toBe(`${base}/rss/${info.RSSInfo[0]?.uuid}`);
      const feed = await fetch(`${info.RSSInfo[0]?.url}?format=json`);
      expect(((await feed.json()) as { items: unknown[] }).items).toHaveLength(26);
      // plex.tv's own routes are unaffected, and `/` on this origin stays plex.tv's 404.
      const user = await fetch(`${base}/api/v2/user`, {
        headers: { ...JSON_TOKEN, 'X-Plex-Client-Identifier': 'hosts-test' },
      });
      expect(user.status).toBe(200);
      const root = await fetch(`${base}/`, { headers: { 'X-Plex-Client-Identifier': 'hosts-test' } });
      expect(root.status).toBe(404);
      await root.text();
    } finally {
      await server.close();
    }
  });
});

/** A GET over a socket with a chosen Host header (fetch will not send one). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Host: host, ...JSON_TOKEN } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('over loopback HTTP with the real host names allowed', () => {
  it('the Host guard refuses names not allowed; an allowed provider host gets its own behaviour', async () => {
    const emu = createEmulator();
    const server = await emu.listen({
      allowedHosts: ['discover.provider.plex.tv', 'metadata.provider.plex.tv'],
    });
    try {
      const path = `${server.url}/library/sections/watchlist/all`;
      expect((await getWithHost(path, 'discover.provider.plex.tv')).status).toBe(200);
      const moved = await getWithHost(path, 'metadata.provider.plex.tv');
      expect(moved.status).toBe(404);
      expect(moved.body).toContain("Section 'watchlist' not found!");
      expect((await getWithHost(path, 'community.plex.tv')).status).toBe(403);
    } finally {
      await server.close();
    }
  });
});

describe('MSW handlers: the default origins include the discover, metadata, community and RSS hosts', () => {
  const emu = createEmulator();
  const msw = setupServer(...plexTvHandlers(emu));
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => emu.control.reset());
  afterAll(() => msw.close());

  it('lists the six origins', () => {
    expect(DEFAULT_BASE_URLS).toEqual([
      'https://plex.tv',
      'https://clients.plex.tv',
      'https://discover.provider.plex.tv',
      'https://metadata.provider.plex.tv',
      'https://community.plex.tv',
      'https://rss.plex.tv',
    ]);
  });

  it('each host with its own behaviour, through the global fetch', async () => {
    const wl = await fetch('https://discover.provider.plex.tv/library/sections/watchlist/all', {
      headers: JSON_TOKEN,
    });
    expect(wl.status).toBe(200);
    const moved = await fetch('https://metadata.provider.plex.tv/library/sections/watchlist/all', {
      headers: JSON_TOKEN,
    });
    expect(moved.status).toBe(404);
    await moved.text();
    const state = await fetch(
      'https://metadata.provider.plex.tv/library/metadata/5d7768ad96b655001fdc3c6a/userState',
      { headers: JSON_TOKEN },
    );
    expect(
      ((await state.json()) as { MediaContainer: { UserState: Array<{ viewCount: number }> } }).MediaContainer
        .UserState[0]?.viewCount,
    ).toBe(1);
    const root = await fetch('https://metadata.provider.plex.tv/', {
      headers: { Accept: 'application/json' },
    });
    expect(((await root.json()) as { MediaProvider: { identifier: string } }).MediaProvider.identifier).toBe(
      'tv.plex.provider.metadata',
    );
    const friend = await fetch('https://community.plex.tv/api', {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'X-Plex-Token': 'free-token',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ query: WATCHLIST_QUERY, variables: { uuid: 'a1b2c3d4e5f60001', first: 3 } }),
    });
    expect(
      ((await friend.json()) as { data: { user: { watchlist: { nodes: unknown[] } } } }).data.user.watchlist
        .nodes,
    ).toHaveLength(3);
    const rss = await fetch('https://discover.provider.plex.tv/rss', {
      method: 'POST',
      headers: { 'X-Plex-Token': 'demo-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ feedType: 'watchlist' }),
    });
    const url = ((await rss.json()) as { RSSInfo: Array<{ url: string }> }).RSSInfo[0]?.url;
    expect(url).toMatch(/^https:\/\/rss\.plex\.tv\/[0-9a-f-]{36}$/);
    const feed = await fetch(`${url}?format=json`);
    expect(((await feed.json()) as { items: unknown[] }).items).toHaveLength(25);
  });
});
