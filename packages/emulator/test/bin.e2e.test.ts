import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT, JSON_ACCEPT } from './helpers.js';

// `npm test` builds first, so the compiled bin is what users actually run.
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function start(args: string[]): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => {
    err += d;
  });
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`bin exited ${code} before listening: ${out}${err}`)));
  });
  return { child, url, output: () => out + err };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null) return Promise.resolve({ code: child.exitCode, signal: null });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('plextv-emulator bin', () => {
  it('starts on port 0, prints URL + logins + 2FA rule, serves, and exits cleanly on SIGTERM', async () => {
    const { child, url, output } = start(['--port', '0']);
    const base = await url;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${base}/api/v2/user`, {
      headers: { ...JSON_ACCEPT, 'X-Plex-Token': 'demo-token' },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).username).toBe('demo');
    const text = output();
    expect(text).toContain('demo <demo@plextv.test>');
    expect(text).toContain('freeuser <free@plextv.test>');
    expect(text).toContain('token demo-token');
    expect(text).toContain('Demo Home admin');
    expect(text).toContain('(managed: Kids)  [free, Demo Home member, Home PIN 2468]');
    expect(text).toContain('  demo <-> freeuser  [accepted]');
    expect(text).toContain('  demo -> newfriend@example.test  [pending]');
    expect(text).toContain('123456');
    expect(text).toContain(
      'State: in memory, lost on exit (start with --state FILE to keep it across restarts)',
    );
    expect(text).toContain('password demo-password');
    expect(text).toContain(`${base}/auth#?clientID=<id>&code=<pin code>`);
    expect(text).toContain(`${base}/__emulator/pins`);
    expect(text).toContain(
      `${base}/__emulator/faults (kinds: status, latency, reset, truncate, trickle, invalid)`,
    );
    expect(text).toContain('Clock: 2025-01-15T12:00:00.000Z (frozen)');
    child.kill('SIGTERM');
    expect(await exited(child)).toEqual({ code: 0, signal: null });
  });

  it('dist/bin.js is executable and runs through its shebang (the root build chmods bins)', async () => {
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
    const child = spawn(BIN, ['--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
    });
    expect((await exited(child)).code).toBe(0);
    expect(out).toMatch(/^Usage: plextv-emulator /);
  });

  it('SIGINT also shuts down cleanly', async () => {
    const { child, url } = start([]);
    await url;
    child.kill('SIGINT');
    expect((await exited(child)).code).toBe(0);
  });

  it('--seed loads a JSON seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plextv-emulator-'));
    const file = join(dir, 'seed.json');
    writeFileSync(
      file,
      JSON.stringify({
        accounts: [
          {
            id: 7,
            uuid: '0000000000000007',
            username: 'seeded',
            email: 's@x.test',
            password: 'p',
            joinedAt: '2020-01-01T00:00:00Z',
            tokens: ['seeded-token'],
          },
        ],
      }),
    );
    const { child, url, output } = start(['--seed', file, '--host', '127.0.0.1']);
    const base = await url;
    const res = await fetch(`${base}/api/v2/ping`, {
      headers: { ...CLIENT, 'X-Plex-Token': 'seeded-token' },
    });
    expect(res.status).toBe(200);
    expect(output()).toContain('seeded <s@x.test>');
    child.kill('SIGTERM');
    expect((await exited(child)).code).toBe(0);
  });

  it('rejects a bad seed with the validation message and exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plextv-emulator-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ accounts: [{ id: 1, uuid: 'nothex' }] }));
    const { child, url, output } = start(['--seed', file]);
    url.catch(() => {});
    expect((await exited(child)).code).toBe(2);
    expect(output()).toMatch(/seed\.accounts\[0\]\.uuid: expected 16 lower-case hex characters/);
  });

  it('--now sets the emulator clock ("now" = the real time)', async () => {
    for (const [arg, check] of [
      ['2030-01-01T00:00:00Z', (ms: number) => ms === Date.parse('2030-01-01T00:00:00Z')],
      ['now', (ms: number) => Math.abs(ms - Date.now()) < 60_000],
    ] as const) {
      const { child, url } = start(['--now', arg]);
      const clock = await (await fetch(`${await url}/__emulator/clock`)).json();
      expect(check(Date.parse(clock.now)), `${arg}: ${clock.now}`).toBe(true);
      child.kill('SIGTERM');
      expect((await exited(child)).code).toBe(0);
    }
  });

  it('--servers starts the fake Plex Media Servers, lists them, and closes them on exit', async () => {
    const { child, url, output } = start(['--servers']);
    const base = await url;
    const text = output();
    expect(text).toContain('Fake servers');
    expect(text).toContain('Demo Server (a1b2c3d4e5f60718293a4b5c6d7e8f9000000001)');
    expect(text).toMatch(/#0 https:\/\/127\.0\.0\.1:\d+ {2}local {2}refused \(not listening\)/);
    const local = /#1 (http:\/\/127\.0\.0\.1:\d+) {2}local {2}up/.exec(text)?.[1];
    expect(local).toBeDefined();
    const identity = await fetch(`${local}/identity`);
    expect(await identity.text()).toContain('machineIdentifier="a1b2c3d4e5f60718293a4b5c6d7e8f9000000001"');
    const resources = await (
      await fetch(`${base}/api/v2/resources`, { headers: { ...JSON_ACCEPT, 'X-Plex-Token': 'demo-token' } })
    ).json();
    expect(resources[0].connections[0].uri).toBe(local);
    child.kill('SIGTERM');
    expect((await exited(child)).code).toBe(0);
    await expect(fetch(`${local}/identity`)).rejects.toThrow();
  });

  it('--state keeps the world across restarts: a token got before still works after; the file is 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plextv-emulator-'));
    const file = join(dir, 'world.json');
    const first = start(['--state', file]);
    const base = await first.url;
    expect(first.output()).toContain(`State: ${file} (new, from the seed;`);
    const signin = await fetch(`${base}/api/v2/users/signin`, {
      method: 'POST',
      headers: { ...JSON_ACCEPT, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'login=freeuser&password=free-password',
    });
    expect(signin.status).toBe(201);
    const { authToken } = await signin.json();
    first.child.kill('SIGINT');
    expect((await exited(first.child)).code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = start(['--state', file]);
    const again = await second.url;
    expect(second.output()).toContain(`State: ${file} (restored from it;`);
    const res = await fetch(`${again}/api/v2/user`, {
      headers: { ...JSON_ACCEPT, 'X-Plex-Token': authToken },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).username).toBe('freeuser');
    // The restored world keeps its clock (the seed's frozen one here).
    expect((await (await fetch(`${again}/__emulator/clock`)).json()).now).toBe('2025-01-15T12:00:00.000Z');
    second.child.kill('SIGTERM');
    expect((await exited(second.child)).code).toBe(0);

    // An explicit --now still sets the clock of a restored world.
    const third = start(['--state', file, '--now', '2030-01-01T00:00:00Z']);
    const later = await third.url;
    expect((await (await fetch(`${later}/__emulator/clock`)).json()).now).toBe('2030-01-01T00:00:00.000Z');
    third.child.kill('SIGTERM');
    expect((await exited(third.child)).code).toBe(0);
  });

  it('--state with a file that is not a state file: exit 2 naming it, the file untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plextv-emulator-'));
    const file = join(dir, 'notes.json');
    writeFileSync(file, '{"todo": []}');
    const { child, url, output } = start(['--state', file]);
    url.catch(() => {});
    expect((await exited(child)).code).toBe(2);
    expect(output()).toContain(`plextv-emulator: state file ${file}: is not a plextv-emulator state file`);
    expect(readFileSync(file, 'utf8')).toBe('{"todo": []}');
  });

  it('rejects unknown flags and bad ports', async () => {
    for (const args of [['--nope'], ['--port', 'abc'], ['--now', 'soon']]) {
      const { child, url, output } = start(args);
      url.catch(() => {});
      expect((await exited(child)).code, args.join(' ')).toBe(2);
      expect(output()).toMatch(/plextv-emulator: /);
    }
  });
});
