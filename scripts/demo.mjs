#!/usr/bin/env node
/**
 * `npm start`: the plextv CLI against an embedded plex.tv emulator, offline.
 *
 * Boots the emulator on a free loopback port (with its fake Plex Media Servers), makes a throwaway config
 * directory, runs the built CLI (packages/cli/bin/plextv.cjs) as a subprocess — `plextv login --password-stdin`
 * (2FA code given), `plextv whoami`, `plextv devices`, `plextv servers`, `plextv connect` (a server that
 * answers, then one that does not: exit 12), `plextv home` and `home switch Kids --pin 2468`, `plextv friends` and
 * `plextv share` (one more library for freeuser) — then a PIN sign-in (`plextv login`, with a fresh config
 * directory) that the demo approves through the emulator's control API, as a person would on the auth page.
 * Cleans up at the end.
 * Colours (and the QR code) only on a terminal, never with NO_COLOR.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../packages/cli/bin/plextv.cjs', import.meta.url));
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

const yellow = color(33, 39);
const tty = process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

const say = (text = '') => process.stdout.write(`${text}\n`);

function heading(text) {
  say();
  say(bold(cyan(`▸ ${text}`)));
}

/**
 * Run the CLI with `args`; `input` goes to its stdin. Its output goes straight to ours (`stderrToStdout`: its
 * stderr to our stdout, for a failure the demo shows on purpose).
 */
function plextv(args, { input = '', env, stderrToStdout = false }) {
  const shown = args.map((a) => (/^[\w@./:=-]+$/.test(a) ? a : `'${a}'`)).join(' ');
  say(`${dim('$')} ${bold('plextv')} ${shown}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env,
      stdio: ['pipe', 'inherit', stderrToStdout ? 'pipe' : 'inherit'],
    });
    child.stderr?.on('data', (chunk) => process.stdout.write(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    child.stdin.end(input);
  });
}

/**
 * `plextv login` by PIN: its output (stdout and stderr) is shown as it comes; once it prints the auth link
 * and waits, the emulator approves the request for `login`, as clicking "Approve" on the auth page would.
 */
function pinLogin(args, { env, emulator, login }) {
  say(`${dim('$')} ${bold('plextv')} ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    // On a terminal, colours and the QR code as the CLI would show them there (its stderr is a pipe here).
    const childEnv = tty ? { ...env, FORCE_COLOR: '1' } : env;
    const child = spawn(process.execPath, [BIN, ...args, ...(tty ? ['--qr'] : [])], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let approved = false;
    child.stdout.on('data', (chunk) => process.stdout.write(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      process.stdout.write(chunk);
      stderr += chunk;
      if (approved) return;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes may surround the line
      const plain = stderr.replace(/\u001b\[[\d;]*m/g, '');
      const url = plain.match(/^https?:\/\/\S+#\?\S*$/m)?.[0];
      if (!url || !/Waiting/.test(plain)) return;
      approved = true;
      const code = new URLSearchParams(url.slice(url.indexOf('#?') + 2)).get('code');
      // A moment of waiting, as a person would take to open the link.
      setTimeout(() => {
        try {
          emulator.control.approvePin(code, login);
          say(
            yellow(
              `  ↳ emulator: request ${code.slice(0, 6)}… approved for "${login}" (as the Approve button would)`,
            ),
          );
        } catch (error) {
          child.kill('SIGINT');
          reject(error);
        }
      }, 800);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
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

  const emulator = createEmulator();
  const server = await emulator.listen({ host: '127.0.0.1' });
  const configDir = await mkdtemp(join(tmpdir(), 'plextv-demo-'));
  const pinConfigDir = await mkdtemp(join(tmpdir(), 'plextv-demo-'));
  // Fake Plex Media Servers on loopback: the resources plex.tv lists point at them.
  await emulator.servers.start();
  const cleanup = async () => {
    await emulator.servers.stop().catch(() => {});
    await server.close().catch(() => {});
    for (const dir of [configDir, pinConfigDir])
      await rm(dir, { recursive: true, force: true }).catch(() => {});
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

    heading('Devices signed in to the account (GET /devices.xml; their tokens are never shown)');
    const devicesCode = await plextv(['devices', '--base-url', server.url], { env });
    if (devicesCode !== 0) throw new Error(`plextv devices exited with ${devicesCode}`);

    heading('Servers, and the address that reaches each from here (every address probed at once)');
    say(
      dim('  (the emulator runs fake Plex Media Servers on loopback: https ones refuse, http ones answer)'),
    );
    const serversCode = await plextv(['servers', '--timeout', '2000', '--base-url', server.url], { env });
    if (serversCode !== 0) throw new Error(`plextv servers exited with ${serversCode}`);

    heading('The best URL of a server, for scripts: $(plextv connect "Demo Server")');
    const connectCode = await plextv(['connect', 'Demo Server', '--base-url', server.url], { env });
    if (connectCode !== 0) throw new Error(`plextv connect exited with ${connectCode}`);
    say(dim('  A server none of whose addresses answers: exit 12, and why, one line per address:'));
    const unreachableCode = await plextv(['connect', 'Basement NAS', '--base-url', server.url], {
      env,
      stderrToStdout: true,
    });
    if (unreachableCode !== 12)
      throw new Error(`plextv connect (unreachable) exited with ${unreachableCode}`);
    say(dim(`  (exit ${unreachableCode})`));

    heading('Plex Home: its members, and switching to one (a managed user with a Home PIN)');
    const homeCode = await plextv(['home', '--base-url', server.url], { env });
    if (homeCode !== 0) throw new Error(`plextv home exited with ${homeCode}`);
    const switchCode = await plextv(['home', 'switch', 'Kids', '--pin', '2468', '--base-url', server.url], {
      env,
    });
    if (switchCode !== 0) throw new Error(`plextv home switch exited with ${switchCode}`);

    heading('Friends and sharing: what is shared with whom, then one more library for a friend');
    const friendsCode = await plextv(['friends', '--base-url', server.url], { env });
    if (friendsCode !== 0) throw new Error(`plextv friends exited with ${friendsCode}`);
    const shareCode = await plextv(
      ['share', 'Demo Server', 'freeuser', '--libraries', 'Movies,TV Shows,Music', '--base-url', server.url],
      { env },
    );
    if (shareCode !== 0) throw new Error(`plextv share exited with ${shareCode}`);

    heading(
      "Demo: PIN sign-in — the emulator approves the request for you (in real life you'd open the URL)",
    );
    say(dim(`  (a fresh config directory: ${pinConfigDir})`));
    const pinCode = await pinLogin(['login', '--base-url', server.url], {
      env: { ...env, PLEXTV_CONFIG_DIR: pinConfigDir },
      emulator,
      login: DEMO.login,
    });
    if (pinCode !== 0) throw new Error(`plextv login (PIN) exited with ${pinCode}`);

    say();
    say(`${green('✔')} Done. To try it by hand, run the emulator in one terminal and the CLI in another:`);
    say(`    ${dim('npx plextv-emulator --port 32400 --servers')}`);
    say(
      `    ${dim('npx plextv login --base-url http://127.0.0.1:32400')}   ${dim('# open the link: demo / demo-password / 123456')}`,
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
