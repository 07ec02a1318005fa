/**
 * Plex Media Server downloads and the cloud server (endpoints/downloads.ts, endpoints/cloud-server.ts, #11): the
 * Tautulli-shaped bodies, the requests, and both against the emulator.
 */
import {
  createClient,
  DecodeError,
  findServerDownload,
  getCloudServer,
  getServerDownloads,
  parseCloudServer,
  parseServerDownloads,
  UnauthorizedError,
} from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { describe, expect, test } from 'vitest';
import { BASE, jsonText, request, setup, tokenOnlyInHeader, xmlText } from './endpoint-kit.js';

const DOWNLOADS = JSON.stringify({
  computer: {
    Linux: {
      id: 'linux',
      name: 'Linux',
      release_date: 1_700_000_000,
      version: '1.40.0.7998-c29d4c0c8',
      requirements: 'glibc',
      extra_info: '',
      items_added: 'NEW:\n- a',
      items_fixed: 'FIXES:\n- b',
      newKey: 1,
      releases: [
        {
          label: 'Ubuntu 64-bit',
          build: 'linux-x86_64',
          distro: 'debian',
          url: 'https://downloads.plex.tv/x.deb',
          checksum: 'abc',
          size: 9,
        },
      ],
    },
    Windows: { id: 'windows', name: 'Windows', version: '1.40.0.7998-c29d4c0c8', releases: [] },
  },
  nas: {
    Synology: { id: 'synology', name: 'Synology', version: '1.39.0.1-a', releases: [] },
    Odd: 'not a map',
  },
  generated: 'kept',
});

describe('the bodies', () => {
  test('downloads: each platform by its key, release notes and packages; unknown keys kept', async () => {
    const downloads = await parseServerDownloads(DOWNLOADS);
    expect(Object.keys(downloads.computer)).toEqual(['Linux', 'Windows']);
    expect(Object.keys(downloads.nas)).toEqual(['Synology']);
    expect(downloads.extra).toEqual({ generated: 'kept' });
    expect(downloads.computer.Linux).toEqual({
      platform: 'Linux',
      id: 'linux',
      name: 'Linux',
      version: '1.40.0.7998-c29d4c0c8',
      releaseDate: new Date(1_700_000_000_000),
      requirements: 'glibc',
      extraInfo: undefined,
      itemsAdded: 'NEW:\n- a',
      itemsFixed: 'FIXES:\n- b',
      releases: [
        {
          label: 'Ubuntu 64-bit',
          build: 'linux-x86_64',
          distro: 'debian',
          url: 'https://downloads.plex.tv/x.deb',
          checksum: 'abc',
          extra: { size: 9 },
        },
      ],
      extra: { newKey: 1 },
    });
  });

  test('findServerDownload: by key or id, case-insensitively, computer first then nas', async () => {
    const downloads = await parseServerDownloads(DOWNLOADS);
    expect(findServerDownload(downloads, 'linux')?.platform).toBe('Linux');
    expect(findServerDownload(downloads, 'SYNOLOGY')?.version).toBe('1.39.0.1-a');
    expect(findServerDownload(downloads, 'Amiga')).toBeUndefined();
  });

  test('a platform named __proto__ stays an ordinary key; an empty object is no platforms', async () => {
    const downloads = await parseServerDownloads('{"computer":{"__proto__":{"version":"1"}}}');
    expect(Object.keys(downloads.computer)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(downloads.computer)).toBe(Object.prototype);
    expect(await parseServerDownloads('{}')).toEqual({ computer: {}, nas: {}, extra: {} });
    await expect(parseServerDownloads('[1,2]')).rejects.toBeInstanceOf(DecodeError);
  });

  test('cloud server: the XML Tautulli reads and a JSON object give one model; anything else kept', async () => {
    const xml = await parseCloudServer('<info running="1"><server address="10.0.0.5" port="32400"/></info>');
    const json = await parseCloudServer('{"running":true,"servers":[{"address":"10.0.0.5","port":"32400"}]}');
    expect(xml).toEqual({
      running: true,
      servers: [{ address: '10.0.0.5', extra: { port: '32400' } }],
      extra: {},
    });
    expect(json).toEqual(xml);
    expect(await parseCloudServer('{"region":"us"}')).toEqual({
      running: undefined,
      servers: [],
      extra: { region: 'us' },
    });
  });
});

describe('the requests', () => {
  test('getServerDownloads: GET /api/downloads/5.json, channel only when asked, token only in the header', async () => {
    const { client, calls } = setup([jsonText(DOWNLOADS), jsonText('{}')]);
    await getServerDownloads(client);
    await getServerDownloads(client, { channel: 'plexpass' });
    expect(request(calls[0]!)).toEqual({
      method: 'GET',
      origin: BASE,
      path: '/api/downloads/5.json',
      query: {},
    });
    expect(request(calls[1]!).query).toEqual({ channel: 'plexpass' });
    tokenOnlyInHeader(calls[1]!);
  });

  test('getCloudServer: GET /api/v2/cloud_server', async () => {
    const { client, calls } = setup([xmlText('<info running="0"/>')]);
    expect((await getCloudServer(client)).running).toBe(false);
    expect(request(calls[0]!)).toMatchObject({ method: 'GET', path: '/api/v2/cloud_server' });
    tokenOnlyInHeader(calls[0]!);
  });
});

describe('against the emulator', () => {
  const emulator = createEmulator();
  const client = (token?: string) =>
    createClient({
      clientIdentifier: 'downloads-tests',
      fetch: emulator.fetch.bind(emulator),
      token,
      retry: false,
    });

  test('downloads need no token; the plexpass channel has a newer build', async () => {
    const publicBuilds = await getServerDownloads(client());
    const beta = await getServerDownloads(client('demo-token'), { channel: 'plexpass' });
    const linux = findServerDownload(publicBuilds, 'Linux')!;
    expect(linux.releases[0]).toMatchObject({ build: 'linux-x86_64', distro: 'debian' });
    expect(linux.releases[0]!.url).toMatch(/^https:\/\//);
    expect(findServerDownload(beta, 'Linux')!.version).not.toBe(linux.version);
    expect(Object.keys(publicBuilds.nas)).toContain('Synology');
  });

  test('cloud server: none running; needs a token', async () => {
    expect(await getCloudServer(client('demo-token'))).toEqual({ running: false, servers: [], extra: {} });
    await expect(getCloudServer(client())).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
