#!/usr/bin/env node
/**
 * `npm start`: the plextv CLI against an embedded plex.tv emulator, offline.
 *
 * Boots the emulator on a free loopback port, makes a throwaway config directory, runs the built CLI
 * (packages/cli/dist/bin.js) as a subprocess — `plextv login` (password piped on stdin, 2FA code given),
 * then `plextv whoami` — and cleans up. Colours only on a terminal (and never with NO_COLOR).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
const DEMO = { login: 'demo', password: 'demo-password', code: '123456' };

const color =
  process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb'
    ? (open, close) => (text) => `\u001b[${open}m${text}\u001b[${close}m`
    : () => (text) => text;
const bold = color(1, 22);
const dim = color(2, 22);
const cyan = color(36, 39);
const green = color(32, 39);
const red = color(31, 39);

const say = (text = '') => process.stdout.write(`${text}\n`);

function heading(text) {
  say();
  say(bold(cyan(`▸ ${text}`)));
}

/** Run the CLI with `args`; `input` goes to its stdin. Its output goes straight to ours. */
function plextv(args, { input = '', env }) {
  const shown = args.map((a) => (/^[\w@./:=-]+$/.test(a) ? a : `'${a}'`)).join(' ');
  say(`${dim('$')} ${bold('plextv')} ${shown}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    child.stdin.end(input);
  });
}

async function main() {
  if (!existsSync(BIN)) {
    console.error(red(`error: ${BIN} is missing: run \`npm run build\` first (\`npm start\` does).`));
    return 1;
  }
  let createEmulator;
  try {
    ({ createEmulator } = await import('plextv-emulator'));
  } catch (error) {
    console.error(red(`error: cannot load plextv-emulator (${error.message}): run \`npm run build\` first.`));
    return 1;
  }

  const server = await createEmulator().listen({ host: '127.0.0.1' });
  const configDir = await mkdtemp(join(tmpdir(), 'plextv-demo-'));
  const cleanup = async () => {
    await server.close().catch(() => {});
    await rm(configDir, { recursive: true, force: true }).catch(() => {});
  };
  const onSignal = () => {
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  // The CLI's config goes to a throwaway directory; nothing of the user's environment leaks in.
  const env = { ...process.env, PLEXTV_CONFIG_DIR: configDir };
  for (const key of ['PLEX_TOKEN', 'PLEXTV_BASE_URL', 'PLEXTV_DEBUG']) delete env[key];

  try {
    say(`${bold('plextv demo')} — against the embedded plex.tv emulator at ${bold(server.url)}`);
    say(dim(`Config directory: ${configDir} (removed at the end). No request leaves this machine.`));

    heading(`Sign in as "${DEMO.login}" (password on stdin, two-factor code ${DEMO.code})`);
    say(dim(`  (piping the password "${DEMO.password}" into --password-stdin)`));
    const loginCode = await plextv(
      ['login', '--login', DEMO.login, '--password-stdin', '--code', DEMO.code, '--base-url', server.url],
      { input: `${DEMO.password}\n`, env },
    );
    if (loginCode !== 0) throw new Error(`plextv login exited with ${loginCode}`);

    heading('Who am I? (GET /api/v2/user with the stored token)');
    const whoamiCode = await plextv(['whoami', '--base-url', server.url], { env });
    if (whoamiCode !== 0) throw new Error(`plextv whoami exited with ${whoamiCode}`);

    say();
    say(`${green('✔')} Done. To try it by hand, run the emulator in one terminal and the CLI in another:`);
    say(`    ${dim('npx plextv-emulator --port 32400')}`);
    say(
      `    ${dim('npx plextv login --base-url http://127.0.0.1:32400')}   ${dim('# demo / demo-password / 123456')}`,
    );
    return 0;
  } catch (error) {
    say();
    console.error(red(`demo failed: ${error instanceof Error ? error.message : String(error)}`));
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}

process.exitCode = await main();
