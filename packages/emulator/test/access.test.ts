/**
 * Who may use a loopback server: the Host check (DNS rebinding), no CORS on the control API and no
 * cross-origin browser requests to it, and the opt-in control secret.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTROL_SECRET_HEADER, createEmulator, type RunningServer } from '../src/index.js';
import { CLIENT, JSON_ACCEPT } from './helpers.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(options: Parameters<ReturnType<typeof createEmulator>['listen']>[0] = {}) {
  const emu = createEmulator();
  const server = await emu.listen(options);
  servers.push(server);
  return { emu, server };
}

/** node:http, so the Host header can be anything (fetch would not let us choose it). */
function raw(
  server: RunningServer,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, method, path, headers, setHost: headers.Host === undefined },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('Host check (loopback server)', () => {
  it('refuses a Host that is not an address the server answers to, on every path', async () => {
    const { server } = await start();
    for (const path of ['/api/v2/user', '/__emulator/pins', '/auth']) {
      const res = await raw(server, 'GET', path, {
        ...JSON_ACCEPT,
        'X-Plex-Token': 'demo-token',
        Host: `rebound.attacker.example:${server.port}`,
      });
      expect(res.status, path).toBe(403);
      expect(JSON.parse(res.text).errors[0]).toMatchObject({ code: 1000, status: 403 });
      expect(res.text).toContain('rebound.attacker.example');
    }
    // XML for plex.tv routes that did not ask for JSON, as every other error.
    const xml = await raw(server, 'GET', '/api/v2/user', { ...CLIENT, Host: 'evil.test' });
    expect(xml.status).toBe(403);
    expect(xml.text).toContain('<errors>');
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`]) {
      const ok = await raw(server, 'GET', '/api/v2/user', {
        ...JSON_ACCEPT,
        'X-Plex-Token': 'demo-token',
        Host: host,
      });
      expect(ok.status, host).toBe(200);
    }
  });

  it('allowedHosts adds names; "*" turns the check off', async () => {
    const { server } = await start({ allowedHosts: ['Emulator.Test'] });
    const ok = await raw(server, 'GET', '/__emulator/clock', { Host: `emulator.test:${server.port}` });
    expect(ok.status).toBe(200);
    expect((await raw(server, 'GET', '/__emulator/clock', { Host: 'other.test' })).status).toBe(403);
    const { server: open } = await start({ allowedHosts: ['*'] });
    expect((await raw(open, 'GET', '/__emulator/clock', { Host: 'other.test' })).status).toBe(200);
  });

  it('is not applied in process (no socket, no other page)', async () => {
    const emu = createEmulator();
    const res = await emu.fetch('http://rebound.attacker.example/__emulator/clock');
    expect(res.status).toBe(200);
  });
});

describe('control API: no CORS, no cross-origin browser requests', () => {
  it('answers no preflight and sends no Access-Control-* headers under /__emulator/', async () => {
    const { server } = await start();
    const preflight = await fetch(`${server.url}/__emulator/tokens`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.ok).toBe(false);
    const get = await fetch(`${server.url}/__emulator/clock`);
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    // In process too: the control API never has CORS.
    const emu = createEmulator();
    const inProcess = await emu.fetch('http://emulator.local/__emulator/clock', {
      headers: { Origin: 'http://127.0.0.1:5173' },
    });
    expect(inProcess.headers.get('access-control-allow-origin')).toBeNull();
    // plex.tv routes keep their permissive CORS (a page on another loopback port signs in with them).
    const plex = await fetch(`${server.url}/api/v2/users/signin`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-plex-client-identifier',
      },
    });
    expect(plex.status).toBe(204);
    expect(plex.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses a "simple" cross-origin request (no preflight) to the control API', async () => {
    const { emu, server } = await start();
    const before = emu.state.tokens.size;
    const attempts: Record<string, string>[] = [
      { Origin: 'http://127.0.0.1:5173' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ];
    for (const headers of attempts) {
      const res = await fetch(`${server.url}/__emulator/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', ...headers },
        body: '{"login":"demo"}',
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect((await res.json()).errors[0]).toMatchObject({ code: 1000, status: 403 });
    }
    expect(emu.state.tokens.size).toBe(before);
    // The same origin (the auth page calling its back end) and non-browser clients are fine.
    const same = await fetch(`${server.url}/__emulator/tokens`, {
      method: 'POST',
      headers: { Origin: server.url, 'Sec-Fetch-Site': 'same-origin' },
      body: '{"login":"demo"}',
    });
    expect(same.status).toBe(200);
    const curl = await fetch(`${server.url}/__emulator/tokens`, { method: 'POST', body: '{"login":"demo"}' });
    expect(curl.status).toBe(200);
  });
});

describe('control secret', () => {
  it('is required on /__emulator/… (not on the auth page back end nor plex.tv routes) when set', async () => {
    const { emu, server } = await start({ controlSecret: 's3cret' });
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/__emulator/tokens`, { method: 'POST', headers, body: '{"login":"demo"}' });
    const attempts: Record<string, string>[] = [
      {},
      { [CONTROL_SECRET_HEADER]: 'wrong' },
      { [CONTROL_SECRET_HEADER]: 's3cre' },
    ];
    for (const headers of attempts) {
      const res = await post(headers);
      expect(res.status).toBe(401);
      expect((await res.json()).errors[0]).toMatchObject({ code: 1001, status: 401 });
    }
    const ok = await post({ [CONTROL_SECRET_HEADER]: 's3cret' });
    expect(ok.status).toBe(200);
    expect((await ok.json()).token).toEqual(expect.any(String));
    // The auth page's own API stays usable by the page (passwords guard it).
    const pin = await fetch(`${server.url}/__emulator/auth/pin?code=NOPE&clientID=x`);
    expect(pin.status).toBe(404);
    const user = await fetch(`${server.url}/api/v2/user`, {
      headers: { ...JSON_ACCEPT, 'X-Plex-Token': 'demo-token' },
    });
    expect(user.status).toBe(200);
    // The in-process control is not behind it.
    expect(emu.control.issueToken('demo')).toEqual(expect.any(String));
  });

  it('is required to listen beyond loopback', async () => {
    const emu = createEmulator();
    await expect(emu.listen({ host: '0.0.0.0' })).rejects.toThrow(/beyond loopback\) needs a controlSecret/);
    await expect(emu.listen({ host: '::' })).rejects.toThrow(/controlSecret/);
    await expect(emu.listen({ controlSecret: '' })).rejects.toThrow(/must not be empty/);
  });
});

describe('bin: --allowed-host, --control-secret, PLEXTV_EMULATOR_CONTROL_SECRET', () => {
  const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  function run(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
    });
    child.stderr!.on('data', (d) => {
      out += d;
    });
    const url = new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', () => {
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exit ${code}: ${out}`)));
    });
    url.catch(() => {});
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { url, exit, output: () => out };
  }

  it('takes the secret from the flag or the environment, and refuses 0.0.0.0 without one', async () => {
    const flag = run(['--control-secret', 'flag-secret', '--allowed-host', 'emu.test']);
    const base = await flag.url;
    expect(flag.output()).toContain('X-Emulator-Secret: <secret>');
    expect((await fetch(`${base}/__emulator/clock`)).status).toBe(401);
    expect(
      (await fetch(`${base}/__emulator/clock`, { headers: { [CONTROL_SECRET_HEADER]: 'flag-secret' } }))
        .status,
    ).toBe(200);

    const env = run([], { PLEXTV_EMULATOR_CONTROL_SECRET: 'env-secret' });
    const envBase = await env.url;
    expect((await fetch(`${envBase}/__emulator/clock`)).status).toBe(401);
    expect(
      (await fetch(`${envBase}/__emulator/clock`, { headers: { [CONTROL_SECRET_HEADER]: 'env-secret' } }))
        .status,
    ).toBe(200);

    const wide = run(['--host', '0.0.0.0'], { PLEXTV_EMULATOR_CONTROL_SECRET: '' });
    expect(await wide.exit).toBe(2);
    expect(wide.output()).toMatch(/needs a controlSecret/);
  });

  it('documents the flags in --help', async () => {
    const help = run(['--help']);
    expect(await help.exit).toBe(0);
    for (const flag of [
      '--allowed-host',
      '--control-secret',
      'PLEXTV_EMULATOR_CONTROL_SECRET',
      'X-Emulator-Secret',
    ])
      expect(help.output()).toContain(flag);
  });
});
