#!/usr/bin/env node
/**
 * plextv-emulator [--port N] [--host H] [--allowed-host NAME]… [--control-secret S] [--seed file.json]
 *                 [--now ISO|now] [--servers] [--max-body-bytes N] [--request-log-size N] [--max-pins N]
 * Serves the emulator on loopback until SIGINT/SIGTERM. The first stdout line is the URL, so
 * scripts can read it.
 */

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createEmulator, demoSeed, type EmulatorOptions, type EmulatorSeed, loadSeed } from './index.js';

const USAGE = `Usage: plextv-emulator [--port N] [--host H] [--allowed-host NAME]… [--control-secret S]
                       [--seed file.json] [--now ISO|now] [--servers]
                       [--max-body-bytes N] [--request-log-size N] [--max-pins N]

  --port N          port to listen on (default 0: a free port)
  --host H          interface to bind (default 127.0.0.1). Beyond loopback a control secret
                    is required
  --allowed-host NAME
                    also answer requests whose Host header names NAME (repeatable; "*" = any).
                    Always allowed: the --host address, localhost, 127.0.0.1, ::1 (and the
                    machine's addresses when bound to 0.0.0.0 or ::); others get a 403
  --control-secret S
                    the control API (/__emulator/...) then needs the header
                    "X-Emulator-Secret: S" (401 without it); default: the environment
                    variable PLEXTV_EMULATOR_CONTROL_SECRET, else none
  --seed file.json  accounts/homes/tokens to start with (default: the built-in demo seed)
  --now ISO|now     start the (frozen) emulator clock here; "now" = the real time, which real
                    JWT clients need (default: the seed's now, 2025-01-15T12:00:00Z for the demo)
  --servers         also start the fake Plex Media Servers (one loopback port per connection of
                    every seeded server); resources then point at them
  --max-body-bytes N
                    largest request body accepted; larger ones get a 413, refused while
                    they stream (default 1048576)
  --request-log-size N
                    request records kept for /__emulator/requests, the newest (default 1000)
  --max-pins N      sign-in PINs kept at most; beyond that the oldest is dropped (default 10000)
  -h, --help        show this help`;

function fail(message: string): never {
  process.stderr.write(`plextv-emulator: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: {
    port?: string;
    host?: string;
    'allowed-host'?: string[];
    'control-secret'?: string;
    seed?: string;
    now?: string;
    servers?: boolean;
    'max-body-bytes'?: string;
    'request-log-size'?: string;
    'max-pins'?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        'control-secret': { type: 'string' },
        seed: { type: 'string' },
        now: { type: 'string' },
        servers: { type: 'boolean' },
        'max-body-bytes': { type: 'string' },
        'request-log-size': { type: 'string' },
        'max-pins': { type: 'string' },
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

  if (values.now !== undefined) {
    const now = values.now === 'now' ? new Date().toISOString() : values.now;
    if (Number.isNaN(Date.parse(now))) fail(`--now must be an ISO-8601 date or "now", got ${values.now}`);
    seed = { ...seed, now };
  }

  // An empty environment variable counts as unset; an empty flag is a mistake.
  const controlSecret = values['control-secret'] ?? (process.env.PLEXTV_EMULATOR_CONTROL_SECRET || undefined);
  if (controlSecret === '') fail('--control-secret must not be empty');

  const limit = (
    name: 'max-body-bytes' | 'request-log-size' | 'max-pins',
    min: number,
  ): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min)
      fail(`--${name} must be an integer >= ${min}, got ${raw}`);
    return n;
  };
  const options: EmulatorOptions = {};
  const maxBodyBytes = limit('max-body-bytes', 0);
  if (maxBodyBytes !== undefined) options.maxBodyBytes = maxBodyBytes;
  const requestLogSize = limit('request-log-size', 0);
  if (requestLogSize !== undefined) options.requestLogSize = requestLogSize;
  const maxPins = limit('max-pins', 1);
  if (maxPins !== undefined) options.maxPins = maxPins;

  const emulator = createEmulator(seed, options);
  let server: Awaited<ReturnType<typeof emulator.listen>>;
  try {
    server = await emulator.listen({
      port,
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(values['allowed-host'] !== undefined ? { allowedHosts: values['allowed-host'] } : {}),
      ...(controlSecret !== undefined ? { controlSecret } : {}),
    });
  } catch (err) {
    fail(`cannot listen: ${(err as Error).message}`);
  }

  if (values.servers) {
    try {
      await emulator.servers.start();
    } catch (err) {
      await server.close();
      fail(`cannot start the fake servers: ${(err as Error).message}`);
    }
  }

  const lines = [`plextv-emulator listening on ${server.url}`, '', 'Accounts:'];
  for (const account of emulator.state.accounts.values()) {
    const login = account.managed ? `(managed: ${account.title})` : `${account.username} <${account.email}>`;
    const tokens = [...emulator.state.tokens.values()]
      // Seeded account tokens only: device tokens (which carry their client identifier) are in /devices.xml.
      .filter((t) => t.accountId === account.id && t.clientIdentifier === null)
      .map((t) => t.token);
    const home = [...emulator.state.homes.values()].find((h) => h.memberIds.includes(account.id));
    const flags = [
      account.subscription.active ? 'Plex Pass' : 'free',
      account.twoFactorCode !== null ? '2FA' : null,
      home ? (home.adminId === account.id ? `${home.name} admin` : `${home.name} member`) : null,
      account.guest ? 'Home guest' : null,
      account.homePin !== null ? `Home PIN ${account.homePin}` : null,
    ].filter(Boolean);
    lines.push(`  ${login}  [${flags.join(', ')}]  id ${account.id}  token ${tokens.join(', ') || '-'}`);
  }
  const who = (id: number) =>
    emulator.state.accounts.get(id)?.username || emulator.state.invitees.get(id)?.email || String(id);
  if (emulator.state.friendships.length > 0) {
    lines.push('', 'Friends (GET /api/v2/friends; ?status=pending_sent|pending_received):');
    for (const f of emulator.state.friendships) {
      lines.push(
        `  ${who(f.inviterId)} ${f.status === 'accepted' ? '<->' : '->'} ${who(f.inviteeId)}  [${f.status}]`,
      );
    }
  }
  const { watchlists, privateWatchlists } = emulator.state.discover;
  if (watchlists.size > 0) {
    lines.push('', 'Watchlists (GET /library/sections/watchlist/all; friends: POST /api on community):');
    for (const [id, entries] of watchlists) {
      lines.push(`  ${who(id)}: ${entries.length} items${privateWatchlists.has(id) ? ' (private)' : ''}`);
    }
  }
  lines.push(
    '',
    "2FA: a 2FA account's seeded twoFactorCode is the only valid verification code (demo seed: 123456);",
    '     send it as verificationCode, or append it to the password.',
    '',
    `Try: curl -H 'X-Plex-Client-Identifier: demo' -H 'X-Plex-Token: <token>' -H 'Accept: application/json' ${server.url}/api/v2/user`,
    `Sign-in page (stands in for app.plex.tv/auth): ${server.url}/auth#?clientID=<id>&code=<pin code>`,
    `Link page (stands in for plex.tv/link, for 4-character codes): ${server.url}/link`,
    `Control API: ${server.url}/__emulator/pins (see the README)${controlSecret !== undefined ? "; send the control secret as 'X-Emulator-Secret: <secret>'" : ''}. Clock: ${new Date(emulator.state.nowMs).toISOString()} (frozen)`,
    `Faults: curl -X POST${controlSecret !== undefined ? " -H 'X-Emulator-Secret: <secret>'" : ''} -d '{"path":"/api/v2/user","status":503}' ${server.url}/__emulator/faults (kinds: status, latency, reset, truncate, trickle, invalid); log: ${server.url}/__emulator/requests`,
  );
  if (emulator.servers.running) {
    lines.push(
      '',
      `Fake servers (behaviours: POST ${server.url}/__emulator/servers/{name}/connections/{index}):`,
    );
    for (const s of emulator.servers.list()) {
      lines.push(`  ${s.name} (${s.machineIdentifier})`);
      for (const c of s.connections) {
        const where = [c.local ? 'local' : 'remote', c.relay ? 'relay' : null, c.IPv6 ? 'IPv6' : null].filter(
          Boolean,
        );
        lines.push(
          `    #${c.index} ${c.listed.uri}  ${where.join(' ')}  ${c.behaviour}${c.listening ? '' : ' (not listening)'}`,
        );
      }
    }
  }
  lines.push('', 'Passwords are in the seed (demo seed: see the plextv-emulator README). Ctrl-C to stop.');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`plextv-emulator: ${signal}, shutting down\n`);
    Promise.all([server.close(), emulator.servers.stop()]).then(
      () => process.exit(0),
      (err: Error) => {
        process.stderr.write(`plextv-emulator: close failed: ${err.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Only now print the URL: a test may signal us as soon as it reads it, and without the handlers
  // above a signal would kill the process with the default action instead of a clean exit.
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err)));
