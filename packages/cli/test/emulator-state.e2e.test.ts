/**
 * Operating the emulator by hand: `plextv-emulator --state FILE` keeps the world, so a login the CLI
 * stored keeps working after the emulator restarts (the built bins of both, as a user runs them).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { ExitCode } from '../src/index.js';
import { cli, tempDir } from './helpers.js';

const EMULATOR = fileURLToPath(new URL('../../emulator/dist/bin.js', import.meta.url));

const running: ChildProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Starts the emulator bin; resolves with its URL once it listens. */
function emulator(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [EMULATOR, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr?.on('data', (chunk) => {
      out += chunk;
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}): ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('plextv against plextv-emulator --state', () => {
  test('a stored login keeps working across an emulator restart', async () => {
    const temp = await tempDir();
    cleanups.push(temp.cleanup);
    const stateFile = join(temp.dir, 'world.json');
    const configDir = join(temp.dir, 'plextv');

    const first = await emulator(['--state', stateFile]);
    const port = new URL(first.url).port;
    const plextv = (url: string, args: string[], input?: string) =>
      cli([...args, '--base-url', url, '--config-dir', configDir], input === undefined ? {} : { input });
    const login = await plextv(
      first.url,
      ['login', '--login', 'freeuser', '--password-stdin'],
      'free-password\n',
    );
    expect(login.stderr).toBe('');
    expect(login.code).toBe(ExitCode.OK);
    expect(await stop(first.child)).toBe(0);
    expect((await stat(stateFile)).mode & 0o777).toBe(0o600);

    // Same port, as a user restarting it would; the world comes back from the file.
    const second = await emulator(['--state', stateFile, '--port', port]);
    const whoami = await plextv(second.url, ['whoami', '--json']);
    expect(whoami.stderr).toBe('');
    expect(whoami.code).toBe(ExitCode.OK);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ username: 'freeuser' });
    expect(await stop(second.child)).toBe(0);

    // Without --state the same restart forgets the sign-in: the stored token is refused.
    const third = await emulator(['--port', port]);
    const forgotten = await plextv(third.url, ['whoami']);
    expect(forgotten.code).not.toBe(ExitCode.OK);
    await stop(third.child);
  });
});
