/** `npm start`'s script: boots the emulator, logs in, shows whoami, devices, servers, connect, cleans up, exits 0. */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { ANSI, cleanEnv } from './helpers.js';

const DEMO = fileURLToPath(new URL('../../../scripts/demo.mjs', import.meta.url));

test('scripts/demo.mjs runs login, whoami, devices, servers, connect, home and friends/share, then a PIN sign-in, against the embedded emulator, readable when piped', async () => {
  const before = new Set((await readdir(tmpdir())).filter((name) => name.startsWith('plextv-demo-')));
  const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [DEMO], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        stdout += c;
      });
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        stderr += c;
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    },
  );
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(
    /plextv demo — against the embedded plex\.tv emulator at http:\/\/127\.0\.0\.1:\d+/,
  );
  expect(result.stdout).toContain('Signed in as demo (demo@plextv.test)');
  expect(result.stdout).toMatch(/Plex Pass\s+active/);
  expect(result.stdout).toMatch(/^NAME\s+PRODUCT\s+PLATFORM\s+LAST SEEN\s+CLIENT ID$/m);
  // demo's six seeded devices, and this CLI, registered by its sign-in.
  expect(result.stdout).toContain('7 devices');
  expect(result.stdout).toMatch(/^plextv-cli on .+ \(this plextv\)\s+plextv-cli /m);
  expect(result.stdout).toMatch(/^ {2}✔ http:\/\/127\.0\.0\.1:\d+ {2}local · http · IPv4/m);
  expect(result.stdout).toContain('2 servers: 1 reachable, 1 unreachable from here.');
  expect(result.stdout).toMatch(
    /\$ plextv connect 'Demo Server' --base-url \S+\nhttp:\/\/127\.0\.0\.1:\d+\n/,
  );
  expect(result.stdout).toContain('error: Cannot reach "Basement NAS": all 2 candidates failed');
  expect(result.stdout).toContain('(exit 12)');
  expect(result.stdout).not.toContain('device-token');
  expect(result.stdout).toMatch(/^Kids\s+managed\s+little_kid\s+yes\s+10000003$/m);
  expect(result.stdout).toContain('✔ You are now Kids, a managed user (little_kid).');
  expect(result.stdout).toMatch(
    /^freeuser\s+friend\s+freeuser\s+free@plextv\.test\s+Demo Server: Movies, TV Shows\s+sync$/m,
  );
  expect(result.stdout).toContain(
    '✔ Updated the share of "Demo Server" with "freeuser" (free@plextv.test): Movies, TV Shows, Music (was Movies, TV Shows).',
  );
  expect(result.stdout).not.toContain('2468\n');
  expect(result.stdout).toContain(
    "Demo: PIN sign-in — the emulator approves the request for you (in real life you'd open the URL)",
  );
  expect(result.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth#\?clientID=\S+&code=[a-z0-9]{25}&\S+$/m);
  expect(result.stdout).toMatch(/emulator: request [a-z0-9]{6}… approved for "demo"/);
  expect(result.stdout.match(/Signed in as demo \(demo@plextv\.test\)/g)).toHaveLength(2);
  expect(result.stdout).not.toMatch(/[█▀▄]/); // no QR code when piped
  expect(result.stdout).not.toMatch(ANSI);
  const after = (await readdir(tmpdir())).filter(
    (name) => name.startsWith('plextv-demo-') && !before.has(name),
  );
  expect(after).toEqual([]);
}, 60_000); // a dozen CLI runs in one subprocess: slow on a loaded machine
