/** GET /api/downloads/5.json and GET /api/v2/cloud_server (both unverified shapes). */
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';
import { get } from './helpers.js';

describe('Plex Media Server downloads', () => {
  it('answers JSON to a bare request (no client identifier, no token), as update scripts send it', async () => {
    const emu = createEmulator();
    const res = await emu.fetch('https://plex.tv/api/downloads/5.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as {
      computer: Record<string, { version: string; releases: Array<Record<string, string>> }>;
      nas: Record<string, unknown>;
    };
    expect(Object.keys(body.computer)).toEqual(['Linux', 'Windows', 'MacOSX']);
    expect(Object.keys(body.nas)).toEqual(['Synology']);
    const [release] = body.computer.Linux!.releases;
    expect(Object.keys(release!)).toEqual(['label', 'build', 'distro', 'url', 'checksum']);
    expect(release!.url).toContain(body.computer.Linux!.version);
  });

  it('the plexpass channel has a newer build; other files are 404', async () => {
    const emu = createEmulator();
    const version = async (query: string) =>
      (
        (await (await emu.fetch(`https://plex.tv/api/downloads/5.json${query}`)).json()) as {
          computer: { Linux: { version: string } };
        }
      ).computer.Linux.version;
    const publicVersion = await version('');
    const beta = await version('?channel=plexpass');
    expect(beta.localeCompare(publicVersion, undefined, { numeric: true })).toBe(1);
    expect((await get(emu, '/api/downloads/latest.xml')).status).toBe(404);
  });
});

describe('cloud server', () => {
  it('no cloud server running, in JSON or XML; a token is needed', async () => {
    const emu = createEmulator();
    const json = await get(emu, '/api/v2/cloud_server', { token: 'demo-token', json: true });
    expect(await json.json()).toEqual({ running: false, servers: [] });
    const xml = await get(emu, '/api/v2/cloud_server', { token: 'demo-token' });
    expect(await xml.text()).toContain('<info running="0"/>');
    expect((await get(emu, '/api/v2/cloud_server')).status).toBe(401);
  });
});
