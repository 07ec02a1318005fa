/**
 * `run()` in-process: argument parsing edge cases, prompts (with a scripted prompter), colours, `--json`
 * errors, Ctrl-C, against the emulator's in-process fetch.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ExitCode, type Prompter, VERSION } from '../src/index.js';
import { ANSI, emulatorSession } from './helpers.js';

const BASE = 'https://plex.tv';

const session = emulatorSession();

/** `run(args --config-dir <temp>)` with the emulator standing in for https://plex.tv. */
const plextv = session.run;

/** A prompter that answers from a script and records the questions. */
function scripted(answers: Record<string, string>): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const answer = async (message: string) => {
    asked.push(message);
    const key = Object.keys(answers).find((k) => message.toLowerCase().includes(k));
    if (key === undefined) throw new Error(`unexpected prompt: ${message}`);
    return answers[key]!;
  };
  return { asked, input: answer, password: answer };
}

describe('arguments', () => {
  test('no command: help on stderr, exit 2', async () => {
    const result = await plextv([]);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('Usage: plextv');
  });

  test('--help: exit 0, lists the commands, env vars and exit codes', async () => {
    const result = await plextv(['--help']);
    expect(result.code).toBe(ExitCode.OK);
    for (const word of [
      'login',
      'whoami',
      'token',
      'logout',
      'PLEX_TOKEN',
      'PLEXTV_BASE_URL',
      'Exit codes',
    ]) {
      expect(result.stdout).toContain(word);
    }
    const loginHelp = await plextv(['login', '--help']);
    expect(loginHelp.code).toBe(ExitCode.OK);
    expect(loginHelp.stdout).toContain('--password-stdin');
    const helpLogin = await plextv(['help', 'login']);
    expect(helpLogin.code).toBe(ExitCode.OK);
    expect(helpLogin.stdout).toBe(loginHelp.stdout);
  });

  test('--help names every exit code, in order, once', async () => {
    const result = await plextv(['--help']);
    const section = result.stdout.slice(result.stdout.indexOf('Exit codes:'));
    const codes = [...section.matchAll(/(?:^ {2}| · )(\d+) /gm)].map((match) => Number(match[1]));
    expect(codes).toEqual(Object.values(ExitCode));
    expect(section).toContain('0 ok · 1 unexpected · 2 usage');
    expect(section).toContain(
      '14 Home PIN required or wrong · 15 no plex.tv account (friend, title) by that name · 130 interrupted',
    );
  });

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
    const result = await plextv(['--version']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout.trim()).toBe(VERSION);
  });

  test('unknown command or option: exit 2', async () => {
    expect((await plextv(['whoareyou'])).code).toBe(ExitCode.USAGE);
    const bad = await plextv(['whoami', '--jsn']);
    expect(bad.code).toBe(ExitCode.USAGE);
    expect(bad.stderr).toContain('--json');
  });

  test('a password as an argument is refused, with a hint', async () => {
    const result = await plextv(['login', '--password', 'hunter22']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('--password-stdin');
    expect(session.emulator.control.requests()).toEqual([]);
  });

  test('global options work before and after the command', async () => {
    const token = session.emulator.control.issueToken('freeuser');
    const before = await plextv(['--json', '--token', token, 'whoami']);
    const after = await plextv(['whoami', '--token', token, '--json']);
    expect(before.code).toBe(ExitCode.OK);
    expect(JSON.parse(before.stdout)).toEqual(JSON.parse(after.stdout));
  });

  test.each([
    [['--timeout', 'abc']],
    [['--timeout', '0']],
    [['--timeout', '-5']],
    [['--base-url', 'ftp://example.com']],
    [['--base-url', 'not a url']],
    [['--base-url', 'https://plex.tv/?x=1']],
    [['--token', '']],
  ])('bad global option %j: exit 2', async (args) => {
    const result = await plextv(['whoami', ...args]);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('PLEXTV_BASE_URL sets the base URL; --base-url wins over it', async () => {
    const env = { PLEXTV_BASE_URL: 'http://session.emulator.local/', PLEX_TOKEN: 'x-token' };
    const viaEnv = await plextv(['token', '--json'], { env });
    expect(JSON.parse(viaEnv.stdout).baseUrl).toBe('http://session.emulator.local');
    const viaFlag = await plextv(['token', '--json', '--base-url', 'https://plex.tv/'], { env });
    expect(JSON.parse(viaFlag.stdout).baseUrl).toBe(BASE);
  });

  test('usage errors under --json also give a JSON error on stdout', async () => {
    const result = await plextv(['whoami', '--json', '--bogus']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: 'USAGE', exitCode: 2 } });
  });

  test('login --password: no login and no terminal → exit 2; --password-stdin without --login → exit 2', async () => {
    const noLogin = await plextv(['login', '--password']);
    expect(noLogin.code).toBe(ExitCode.USAGE);
    expect(noLogin.stderr).toContain('--login');
    const stdinNoLogin = await plextv(['login', '--password-stdin'], { input: 'pw', interactive: true });
    expect(stdinNoLogin.code).toBe(ExitCode.USAGE);
  });

  test('--show-token needs --json', async () => {
    const result = await plextv(['whoami', '--show-token', '--token', 'abcd1234']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).not.toContain('abcd1234');
  });
});

describe('interactive login', () => {
  test('asks for login, password and, when plex.tv wants it, the two-factor code', async () => {
    const prompter = scripted({ username: 'demo', password: 'demo-password', 'two-factor': '123 456' });
    const result = await plextv(['login', '--password'], { interactive: true, prompter });
    expect(result.code).toBe(ExitCode.OK);
    expect(prompter.asked).toHaveLength(3);
    expect(result.stdout).toContain('Signed in as demo (demo@plextv.test)');
    expect(result.stderr).toContain('two-factor');
    const signins = session.emulator.control.requests().filter((r) => r.path === '/api/v2/users/signin');
    expect(signins.map((r) => r.status)).toEqual([401, 201]);
  });

  test('a wrong code at the prompt: exit 5 after one retry', async () => {
    const prompter = scripted({ password: 'demo-password', 'two-factor': '000000' });
    const result = await plextv(['login', '--login', 'demo'], { interactive: true, prompter });
    expect(result.code).toBe(ExitCode.TWO_FACTOR);
    expect(session.emulator.control.requests().filter((r) => r.path === '/api/v2/users/signin')).toHaveLength(
      2,
    );
  });

  test('--code given: never prompts for it', async () => {
    const prompter = scripted({ password: 'demo-password' });
    const result = await plextv(['login', '--login', 'demo', '--code', '999999'], {
      interactive: true,
      prompter,
    });
    expect(result.code).toBe(ExitCode.TWO_FACTOR);
    expect(prompter.asked).toEqual(['Password']);
  });

  test('Ctrl-C at a prompt: exit 130, nothing stored', async () => {
    const prompter: Prompter = {
      input: async () => 'demo',
      password: async () => {
        const error = new Error('User force closed the prompt with SIGINT');
        error.name = 'ExitPromptError';
        throw error;
      },
    };
    const result = await plextv(['login', '--password'], { interactive: true, prompter });
    expect(result.code).toBe(ExitCode.INTERRUPTED);
    expect(result.stderr).toContain('Interrupted');
    expect(session.emulator.control.requests()).toEqual([]);
  });

  test('an aborted run (SIGINT) during a request: exit 130', async () => {
    const controller = new AbortController();
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        setTimeout(() => controller.abort(), 20);
      });
    const result = await plextv(['whoami', '--token', 'abcd1234'], {
      fetch: hanging,
      signal: controller.signal,
    });
    expect(result.code).toBe(ExitCode.INTERRUPTED);
  });
});

/** Approve the first sign-in request the emulator sees, as soon as there is one. */
async function approveWhenCreated(login = 'demo'): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const [pin] = session.emulator.control.pins();
    if (pin) {
      session.emulator.control.approvePin(pin.id, login);
      return pin.code;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no PIN was created');
}

describe('PIN login in-process', () => {
  test('against plex.tv the link goes to app.plex.tv/auth; on a terminal a QR code of it (stderr only)', async () => {
    const [result, code] = await Promise.all([
      plextv(['login', '--json'], { tty: true }),
      approveWhenCreated(),
    ]);
    expect(result.code).toBe(ExitCode.OK);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, account: { username: 'demo' } });
    const lines = result.stderr.split('\n');
    const url = lines.find((line) => line.startsWith('https://app.plex.tv/auth#?'));
    expect(url).toContain(`code=${code}`);
    expect(result.stderr).toMatch(/[█▀▄]{20}/);
    expect(result.stderr).toContain('Scan this QR code');
    expect(result.stdout).not.toMatch(/[█▀▄]/);
  });

  test('the QR code is left out with --no-qr, and on a terminal too small for it', async () => {
    const [noQr] = await Promise.all([plextv(['login', '--no-qr'], { tty: true }), approveWhenCreated()]);
    expect(noQr.code).toBe(ExitCode.OK);
    expect(noQr.stderr).not.toMatch(/[█▀▄]/);
    session.emulator.control.reset();
    const [narrow] = await Promise.all([plextv(['login'], { tty: true, columns: 40 }), approveWhenCreated()]);
    expect(narrow.code).toBe(ExitCode.OK);
    expect(narrow.stderr).not.toMatch(/[█▀▄]/);
    expect(narrow.stderr).toContain('--qr forces it');
  });

  test('--code-only against plex.tv: "Go to https://plex.tv/link and enter ABCD"', async () => {
    const [result, code] = await Promise.all([plextv(['login', '--code-only']), approveWhenCreated()]);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toContain(`Go to https://plex.tv/link and enter ${code}`);
    expect(code).toMatch(/^[A-Z0-9]{4}$/);
    expect(result.stdout).toContain('Signed in as demo');
  });

  test('an aborted run while waiting: exit 130, nothing stored', async () => {
    const controller = new AbortController();
    const waiting = plextv(['login'], { signal: controller.signal });
    for (let i = 0; i < 500 && session.emulator.control.pins().length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    controller.abort();
    const result = await waiting;
    expect(result.code).toBe(ExitCode.INTERRUPTED);
    expect(result.stderr).toContain('Sign-in cancelled');
    const stored = JSON.parse(await readFile(join(session.configDir, 'config.json'), 'utf8'));
    expect(stored).not.toHaveProperty('token');
  });
});

describe('output', () => {
  test('colours only on a terminal, and never with NO_COLOR or --no-color', async () => {
    const token = session.emulator.control.issueToken('demo');
    const piped = await plextv(['whoami', '--token', token]);
    expect(piped.stdout).not.toMatch(ANSI);
    const tty = await plextv(['whoami', '--token', token], { tty: true });
    expect(tty.stdout).toMatch(ANSI);
    const noColorEnv = await plextv(['whoami', '--token', token], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColorEnv.stdout).not.toMatch(ANSI);
    const noColorFlag = await plextv(['whoami', '--token', token, '--no-color'], { tty: true });
    expect(noColorFlag.stdout).not.toMatch(ANSI);
    const forced = await plextv(['whoami', '--token', token], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(ANSI);
  });

  test('PLEXTV_DEBUG=1 adds a stack trace, still without the token', async () => {
    const token = 'debug-token-abcdef';
    const plain = await plextv(['whoami', '--token', token]);
    expect(plain.code).toBe(ExitCode.TOKEN_REJECTED);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await plextv(['whoami', '--token', token], { env: { PLEXTV_DEBUG: '1' } });
    expect(debug.code).toBe(ExitCode.TOKEN_REJECTED);
    expect(debug.stderr).toMatch(/\n\s+at /);
    expect(debug.stderr).not.toContain(token);
  });

  test('the account summary copes with a sparse account', async () => {
    const token = session.emulator.control.issueToken('freeuser');
    const result = await plextv(['whoami', '--token', token]);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toMatch(/Plex Pass/);
    expect(result.stdout).not.toContain('undefined');
  });

  test('managed and guest Home users render too', async () => {
    for (const login of ['Kids', 'Guest']) {
      let token: string;
      try {
        token = session.emulator.control.issueToken(login);
      } catch {
        continue;
      }
      const result = await plextv(['whoami', '--token', token]);
      expect(result.code).toBe(ExitCode.OK);
      expect(result.stdout).not.toContain('undefined');
    }
  });

  test('token stored in config is named in errors (not printed)', async () => {
    const prompter = scripted({ password: 'free-password' });
    expect((await plextv(['login', '--login', 'freeuser'], { interactive: true, prompter })).code).toBe(0);
    const stored = JSON.parse(await readFile(join(session.configDir, 'config.json'), 'utf8'));
    session.emulator.control.revokeToken(stored.token);
    const result = await plextv(['whoami']);
    expect(result.code).toBe(ExitCode.TOKEN_REJECTED);
    expect(result.stderr).toContain('config file');
    expect(result.stderr).not.toContain(stored.token);
  });
});
