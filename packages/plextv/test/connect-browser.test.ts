/**
 * The resources/devices/webhooks family and `connect` stay browser-safe: they bundle for `platform: 'browser'`
 * with no Node built-in, and `connect` runs in a context that has only web globals.
 */
import { afterAll, expect, test } from 'vitest';
import { type FakePms, startPms } from './fake-pms.js';
import { browserBundle, runWithWebGlobals } from './web-context.js';

const EXPORTS = [
  'connect',
  'rankConnections',
  'planConnections',
  'ConnectionFailedError',
  'getResources',
  'parseResources',
  'findResource',
  'getDevices',
  'removeDevice',
  'getWebhooks',
  'addWebhook',
  'removeWebhook',
  'getClaimToken',
  'getGeoIp',
  'getPublicIp',
  'getPrivacy',
  'setPrivacy',
  'getOnlineMediaSources',
  'getViewStateSync',
];

const servers: FakePms[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

test('bundles for the browser without any Node built-in', async () => {
  expect(await browserBundle(EXPORTS)).not.toMatch(/\brequire\(["']|from ["']node:/);
});

test('connect runs with web globals only (no process, Buffer or performance)', async () => {
  const code = await browserBundle(EXPORTS);
  const good = await startPms({ kind: 'up', machineIdentifier: 'web-machine' });
  const refused = await startPms({ kind: 'refused' });
  servers.push(good, refused);
  const lib = runWithWebGlobals(code, {
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)) as typeof fetch,
  });
  const resource = {
    name: 'Web',
    clientIdentifier: 'web-machine',
    provides: ['server'],
    owned: true,
    accessToken: 'web-token',
    connections: [
      {
        protocol: 'http',
        address: '127.0.0.1',
        port: refused.port,
        uri: refused.uri,
        local: true,
        extra: {},
      },
      { protocol: 'http', address: '127.0.0.1', port: good.port, uri: good.uri, local: false, extra: {} },
    ],
    extra: {},
  };
  const result = await lib.connect(resource, { timeout: 2_000 });
  expect(result.uri).toBe(good.uri);
  expect(result.attempts.map((a) => a.outcome)).toEqual(['refused', 'ok']);
  expect(good.requests[0]!.headers['x-plex-token']).toBe('web-token');
});
