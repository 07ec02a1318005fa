/** `plextv devices` after `plextv login`: the CLI's own sign-in shows as one of the account's devices. */
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ExitCode } from '../src/index.js';
import { emulatorSession } from './helpers.js';

const session = emulatorSession();

function plextv(args: string[], input?: string) {
  return session.run(args, input ? { input } : {});
}

async function storedClientIdentifier(): Promise<string> {
  const stored = JSON.parse(await readFile(join(session.configDir, 'config.json'), 'utf8')) as {
    clientIdentifier: string;
  };
  return stored.clientIdentifier;
}

describe('plextv devices shows this CLI once it has signed in', () => {
  test('password login: the device has the CLI name, product and client identifier', async () => {
    const login = await plextv(['login', '--login', 'freeuser', '--password-stdin'], 'free-password\n');
    expect(login.stderr).toBe('');
    expect(login.code).toBe(ExitCode.OK);
    const self = await storedClientIdentifier();

    const json = await plextv(['devices', '--json']);
    expect(json.code).toBe(ExitCode.OK);
    const devices = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    const mine = devices.filter((d) => d.clientIdentifier === self);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ name: `plextv-cli on ${hostname()}`, product: 'plextv-cli' });
    expect(mine[0]!.token).toBe('[redacted]');

    const table = await plextv(['devices']);
    expect(table.code).toBe(ExitCode.OK);
    const row = table.stdout.split('\n').find((line) => line.includes('(this plextv)'));
    expect(row).toContain(`plextv-cli on ${hostname()}`);
    expect(row).toContain('plextv-cli');
  });

  test('removing its own device signs the CLI out', async () => {
    await plextv(['login', '--login', 'freeuser', '--password-stdin'], 'free-password\n');
    const self = await storedClientIdentifier();
    const removed = await plextv(['devices', 'rm', self, '--yes']);
    expect(removed.code).toBe(ExitCode.OK);
    const after = await plextv(['devices', '--json']);
    expect(after.code).not.toBe(ExitCode.OK);
  });
});
