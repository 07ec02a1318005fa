#!/usr/bin/env node
/**
 * plextv-emulator [--port N] [--host H] [--seed file.json]
 * Serves the emulator on loopback until SIGINT/SIGTERM. The first stdout line is the URL, so
 * scripts can read it.
 */

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createEmulator, demoSeed, type EmulatorSeed, loadSeed } from './index.js';

const USAGE = `Usage: plextv-emulator [--port N] [--host H] [--seed file.json]

  --port N          port to listen on (default 0: a free port)
  --host H          interface to bind (default 127.0.0.1)
  --seed file.json  accounts/homes/tokens to start with (default: the built-in demo seed)
  -h, --help        show this help`;

function fail(message: string): never {
  process.stderr.write(`plextv-emulator: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { port?: string; host?: string; seed?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0-65535, got ${values.port}`);

  let seed: EmulatorSeed = demoSeed;
  if (values.seed !== undefined) {
    let text: string;
    try {
      text = readFileSync(values.seed, 'utf8');
    } catch (err) {
      fail(`cannot read seed ${values.seed}: ${(err as Error).message}`);
    }
    try {
      seed = loadSeed(text);
    } catch (err) {
      fail(`bad seed ${values.seed}: ${(err as Error).message}`);
    }
  }

  const emulator = createEmulator(seed);
  let server: Awaited<ReturnType<typeof emulator.listen>>;
  try {
    server = await emulator.listen({ port, ...(values.host !== undefined ? { host: values.host } : {}) });
  } catch (err) {
    fail(`cannot listen: ${(err as Error).message}`);
  }

  const lines = [`plextv-emulator listening on ${server.url}`, '', 'Accounts:'];
  for (const account of emulator.state.accounts.values()) {
    const login = account.managed ? `(managed: ${account.title})` : `${account.username} <${account.email}>`;
    const tokens = [...emulator.state.tokens.values()]
      .filter((t) => t.accountId === account.id)
      .map((t) => t.token);
    const flags = [
      account.subscription.active ? 'Plex Pass' : 'free',
      account.twoFactorCode !== null ? '2FA' : null,
      account.guest ? 'Home guest' : null,
    ].filter(Boolean);
    lines.push(`  ${login}  [${flags.join(', ')}]  id ${account.id}  token ${tokens.join(', ') || '-'}`);
  }
  lines.push(
    '',
    "2FA: a 2FA account's seeded twoFactorCode is the only valid verification code (demo seed: 123456);",
    '     send it as verificationCode, or append it to the password.',
    '',
    `Try: curl -H 'X-Plex-Client-Identifier: demo' -H 'X-Plex-Token: <token>' -H 'Accept: application/json' ${server.url}/api/v2/user`,
    'Passwords are in the seed (demo seed: see the plextv-emulator README). Ctrl-C to stop.',
  );
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`plextv-emulator: ${signal}, shutting down\n`);
    server.close().then(
      () => process.exit(0),
      (err: Error) => {
        process.stderr.write(`plextv-emulator: close failed: ${err.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err)));
