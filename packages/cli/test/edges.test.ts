/**
 * Issues #12 and #13 (CLI): a FIFO lock, no config directory, `--token` in `ps`, a loose config directory,
 * a wrong two-factor code at the prompt, an unknown invitee, usage lines, token advice, timeouts, the
 * `servers` "why:" line, the QR code on light terminals.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { chmod, mkdir, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createEmulator, type Emulator, type RunningServer } from 'plextv-emulator';
import { renderUnicodeCompact } from 'uqr';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ConfigStore, type StoreFs } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { ExitCode, type Prompter } from '../src/index.js';
import type { PromptOptions } from '../src/prompt.js';
import { qrLines, qrTheme } from '../src/ui/qr.js';
import { cleanEnv, cli, type Result, runIn, startCli, tempDir } from './helpers.js';

const DEMO = { login: 'demo', password: 'demo-password', code: '123456' };

let emulator: Emulator;
let server: RunningServer;
let config: { dir: string; cleanup: () => Promise<void> };
let configDir: string;

beforeAll(async () => {
  emulator = createEmulator();
  server = await emulator.listen();
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  emulator.control.reset();
  config = await tempDir();
  configDir = join(config.dir, 'plextv');
});

afterEach(async () => {
  await config.cleanup();
});

/** The built plextv as a subprocess, killed (and failing the test) if it runs longer than `limitMs`. */
async function bin(
  args: string[],
  options: { env?: Record<string, string | undefined>; limitMs?: number } = {},
): Promise<Result & { ms: number }> {
  const started = Date.now();
  const live = startCli(args, { env: options.env });
  const timer = setTimeout(() => live.child.kill('SIGKILL'), options.limitMs ?? 40_000);
  const result = await live.result;
  clearTimeout(timer);
  return { ...result, ms: Date.now() - started };
}

function loginArgs(): string[] {
  return ['login', '--login', DEMO.login, '--password-stdin', '--code', DEMO.code];
}

/** A password login (the demo account) into `configDir`. */
function login(): Promise<Result> {
  return cli([...loginArgs(), '--base-url', server.url, '--config-dir', configDir], { input: DEMO.password });
}

describe('#12.1 a FIFO at config.json.lock', () => {
  test.each(['fifo', 'symlink to a fifo'])('%s: exit 9 at once, naming the lock file', async (what) => {
    await mkdir(configDir, { mode: 0o700 });
    const lock = join(configDir, 'config.json.lock');
    const fifo = what === 'fifo' ? lock : join(config.dir, 'a-fifo');
    execFileSync('mkfifo', [fifo]);
    if (fifo !== lock) await symlink(fifo, lock);
    const result = await bin([...loginArgs(), '--base-url', server.url, '--config-dir', configDir], {
      limitMs: 30_000,
    });
    expect(result.code).toBe(ExitCode.CONFIG);
    expect(result.stderr).toContain(`Cannot use the lock file ${lock}: it is not a regular file.`);
    expect(result.ms).toBeLessThan(25_000);
  });
});

describe('#12.4 a config directory open to other users', () => {
  const plextv = (args: string[]) =>
    bin([...args, '--base-url', server.url, '--config-dir', configDir], { limitMs: 60_000 });

  test('0777: made 0700 with one warning, the command works', async () => {
    expect((await login()).code).toBe(ExitCode.OK);
    await chmod(configDir, 0o777);
    const whoami = await plextv(['whoami']);
    expect(whoami.code).toBe(ExitCode.OK);
    expect(whoami.stderr).toBe(
      `warning: the config directory ${configDir} was writable by other users (mode 0777): it is now 0700 (only you can use it).\n`,
    );
    expect((await stat(configDir)).mode & 0o7777).toBe(0o700);
    expect((await plextv(['whoami'])).stderr).toBe('');
    // A write (logout --local takes the lock) tightens it too.
    await chmod(configDir, 0o750);
    const logout = await plextv(['logout', '--local']);
    expect(logout.code).toBe(ExitCode.OK);
    expect(logout.stderr).toContain('was readable by other users (mode 0750)');
    expect((await stat(configDir)).mode & 0o7777).toBe(0o700);
  });

  test('a shared directory (sticky, 01777, like /tmp): refused, exit 9', async () => {
    await mkdir(configDir);
    await chmod(configDir, 0o1777);
    const result = await plextv(loginArgs());
    expect(result.code).toBe(ExitCode.CONFIG);
    expect(result.stderr).toContain(
      `The config directory ${configDir} is writable by other users (mode 01777`,
    );
    expect((await stat(configDir)).mode & 0o7777).toBe(0o1777);
  });
});

describe('#12.2 a config directory that cannot be created', () => {
  /** node's fs, with mkdir failing as under an unwritable HOME (simulated: the tests run as root). */
  const unwritable = {
    ...fs,
    mkdir: async () => {
      throw Object.assign(new Error('EACCES: simulated'), { code: 'EACCES' });
    },
  } as unknown as StoreFs;

  test('PLEX_TOKEN / --token: the command works, one warning, a one-time client identifier', async () => {
    const dir = join(configDir, 'nested');
    const ids = new Set<string | null>();
    const seen: typeof fetch = (input, init) => {
      ids.add(new Headers(init?.headers).get('x-plex-client-identifier'));
      return emulator.fetch(input, init);
    };
    for (const [args, env] of [
      [['whoami'], { PLEX_TOKEN: 'demo-token' }],
      [['devices', '--token', 'demo-token'], {}],
    ] as const) {
      const result = await runIn([...args, '--config-dir', dir], {
        fetch: seen,
        env: cleanEnv(env),
        fs: unwritable,
      });
      expect(result.code).toBe(ExitCode.OK);
      const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning: cannot create'));
      expect(warnings).toEqual([
        expect.stringContaining(
          `warning: cannot create the config directory ${dir}: permission denied. Going on without the config directory (the token comes from`,
        ),
      ]);
    }
    expect(ids.size).toBe(2);
    expect([...ids].every((id) => typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id))).toBe(true);
  });

  test('a config directory that cannot even be looked at (EACCES): PLEX_TOKEN still works', async () => {
    const blind = {
      ...unwritable,
      stat: async (path: string) => {
        if (path.startsWith(configDir))
          throw Object.assign(new Error('EACCES: simulated'), { code: 'EACCES' });
        return fs.stat(path);
      },
    } as unknown as StoreFs;
    const result = await runIn(['whoami', '--config-dir', configDir], {
      fetch: emulator.fetch,
      env: cleanEnv({ PLEX_TOKEN: 'demo-token' }),
      fs: blind,
    });
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toMatch(
      /^warning: cannot read the config file .*: permission denied\. .* Going on without the config directory \(the token comes from PLEX_TOKEN\)/,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const stored = await runIn(['whoami', '--config-dir', configDir], { fetch: emulator.fetch, fs: blind });
    expect(stored.code).toBe(ExitCode.CONFIG);
  });

  test('the stored token (or login): still exit 9', async () => {
    const result = await runIn(['whoami', '--config-dir', join(configDir, 'nested')], {
      fetch: emulator.fetch,
      fs: unwritable,
    });
    expect(result.code).toBe(ExitCode.NOT_LOGGED_IN);
    const login = await runIn([...loginArgs(), '--config-dir', join(configDir, 'nested')], {
      fetch: emulator.fetch,
      fs: unwritable,
      input: DEMO.password,
    });
    expect(login.code).toBe(ExitCode.CONFIG);
  });
});

describe('#12.3 --token is visible in ps: a warning, and --token-stdin', () => {
  const inProcess = (args: string[], input?: string) =>
    runIn([...args, '--config-dir', configDir], { fetch: emulator.fetch, input });

  test('--token: works, with one warning pointing to PLEX_TOKEN and --token-stdin', async () => {
    const result = await inProcess(['whoami', '--token', 'demo-token']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toBe(
      'warning: --token puts the token in the process list, where every user of this machine can read it: set PLEX_TOKEN, or pipe it in with --token-stdin.\n',
    );
  });

  test('--token-stdin: the token from stdin, no warning; empty stdin or with --token: exit 2', async () => {
    const result = await inProcess(['whoami', '--token-stdin', '--json'], 'demo-token\n');
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ username: 'demo' });
    const wrong = await inProcess(['whoami', '--token-stdin'], 'not-a-token');
    expect(wrong.code).toBe(ExitCode.TOKEN_REJECTED);
    expect(wrong.stderr).toContain('--token-stdin');
    expect(wrong.stderr).not.toContain('not-a-token');
    const empty = await inProcess(['whoami', '--token-stdin'], '');
    expect(empty.code).toBe(ExitCode.USAGE);
    expect(empty.stderr).toBe('error: --token-stdin: nothing to read on stdin.\n');
    const both = await inProcess(['whoami', '--token-stdin', '--token', 'demo-token'], 'demo-token');
    expect(both.code).toBe(ExitCode.USAGE);
  });

  test('PLEX_TOKEN: no warning', async () => {
    const result = await runIn(['whoami', '--config-dir', configDir], {
      fetch: emulator.fetch,
      env: cleanEnv({ PLEX_TOKEN: 'demo-token' }),
    });
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toBe('');
  });
});

describe('#13.8 a rejected --token / PLEX_TOKEN: says which, no "run plextv login"', () => {
  test.each([
    [['--token', 'wrong-token'], {}, 'the token given with --token', 'leave --token out'],
    [['--token-stdin'], {}, 'the token given with --token-stdin', 'leave --token-stdin out'],
    [[], { PLEX_TOKEN: 'wrong-token' }, 'the token in PLEX_TOKEN', 'Fix PLEX_TOKEN, or unset it'],
  ])('%j %j', async (args, env, which, advice) => {
    const result = await runIn(['whoami', ...args, '--config-dir', configDir], {
      fetch: emulator.fetch,
      env: cleanEnv(env),
      input: 'wrong-token',
    });
    expect(result.code).toBe(ExitCode.TOKEN_REJECTED);
    expect(result.stderr).toContain(`https://plex.tv rejected ${which}: it is mistyped, expired or revoked.`);
    expect(result.stderr).toContain(advice);
    expect(result.stderr).not.toContain('plextv login');
  });
});

describe('#13.6 inviting an account plex.tv does not know', () => {
  test('home invite: exit 15 (NOT_FOUND), one clear line', async () => {
    const result = await runIn(['home', 'invite', 'unknown@example.test', '--config-dir', configDir], {
      fetch: emulator.fetch,
      env: cleanEnv({ PLEX_TOKEN: 'demo-token' }),
    });
    expect(result.code).toBe(ExitCode.NOT_FOUND);
    expect(ExitCode.NOT_FOUND).toBe(15);
    expect(result.stderr).toBe(
      'error: No plex.tv account is called unknown@example.test (https://plex.tv answered HTTP 404, code 1000: User not found): check the username or e-mail address; only someone with a Plex account can be invited to a Home.\n',
    );
  });

  test('any other "User not found" answer: exit 15 too', async () => {
    const result = await runIn(['friends', 'invite', 'no-such-user', '--config-dir', configDir], {
      fetch: emulator.fetch,
      env: cleanEnv({ PLEX_TOKEN: 'demo-token' }),
    });
    expect(result.code).toBe(ExitCode.NOT_FOUND);
    expect(result.stderr).toContain('knows no such account');
    expect(result.stderr).not.toContain('unexpected');
  });
});

describe('#13.7 a missing argument prints the usage line', () => {
  test.each([
    [
      ['home', 'invite'],
      "error: missing required argument 'user'",
      'Usage: plextv home invite [options] <user>',
    ],
    [['link'], "error: missing required argument 'code'", 'Usage: plextv link [options] <code>'],
  ])('%j', async (args, error, usage) => {
    const result = await runIn([...args, '--config-dir', configDir], { fetch: emulator.fetch });
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toBe(`${error}\n${usage}\n`);
  });
});

describe('#13.5 a wrong two-factor code at the prompt: exit 5, never asked again', () => {
  /** Answers like @inquirer/prompts: asks again while `validate` refuses (up to 5 times), records each ask. */
  function inquirerLike(codes: string[]): Prompter & { asked: string[] } {
    const asked: string[] = [];
    const ask = async (message: string, options?: PromptOptions) => {
      for (;;) {
        asked.push(message);
        const answer = message.toLowerCase().includes('password') ? DEMO.password : codes.shift();
        if (answer === undefined) throw new Error(`asked again: ${message}`);
        if (options?.validate?.(answer) === true || !options?.validate) return answer;
      }
    };
    return { asked, input: ask, password: ask };
  }

  test.each([
    ['a wrong code', ['000000'], 'wrong or expired: codes change every 30 seconds', 2],
    ['a code of 5 digits', ['12345', '123456'], 'the code from an authenticator app has 6 digits', 1],
    ['nothing', ['', '123456'], 'no code was entered', 1],
  ])('%s', async (_what, codes, why, signIns) => {
    const prompter = inquirerLike(codes);
    const result = await runIn(['login', '--login', DEMO.login, '--config-dir', configDir], {
      fetch: emulator.fetch,
      interactive: true,
      prompter,
    });
    expect(result.code).toBe(ExitCode.TWO_FACTOR);
    expect(prompter.asked.filter((q) => /two-factor/i.test(q))).toHaveLength(1);
    expect(result.stderr).toContain(
      `error: The two-factor code was not accepted (${why}); nothing was saved. Run \`plextv login --password\` again with a current code (or pass it with --code).`,
    );
    const sent = emulator.control.requests().filter((r) => r.path === '/api/v2/users/signin');
    expect(sent).toHaveLength(signIns);
  });
});

describe('#12.10 the servers "why:" line wraps at word boundaries', () => {
  test('on a 50-column terminal: every line fits, no word is cut', async () => {
    await emulator.servers.start();
    try {
      const wide = await runIn(['servers', '--config-dir', configDir, '--no-color'], {
        fetch: emulator.fetch,
        env: cleanEnv({ PLEX_TOKEN: 'demo-token' }),
        tty: true,
        columns: 500,
      });
      const reason = /^ {4}why: (.*)$/m.exec(wide.stdout)?.[1];
      expect(reason?.length).toBeGreaterThan(41);
      const narrow = await runIn(['servers', '--config-dir', configDir, '--no-color'], {
        fetch: emulator.fetch,
        env: cleanEnv({ PLEX_TOKEN: 'demo-token' }),
        tty: true,
        columns: 50,
      });
      expect(narrow.code).toBe(ExitCode.OK);
      const lines = narrow.stdout.split('\n');
      const start = lines.findIndex((line) => line.startsWith('    why: '));
      const why = [lines[start]!];
      for (const line of lines.slice(start + 1)) {
        if (!line.startsWith('         ')) break;
        why.push(line);
      }
      expect(why.length).toBeGreaterThan(1);
      for (const line of why) expect(line.length).toBeLessThanOrEqual(50);
      // The words, put back together, are the reason as a whole: none cut.
      expect(why.map((line) => line.trim().replace(/^why: /, '')).join(' ')).toBe(reason);
    } finally {
      await emulator.servers.stop();
    }
  });
});

describe('#12.11 the QR code on light-background terminals', () => {
  const url = 'https://app.plex.tv/auth#?clientID=x&code=abcdefghijklmnopqrstuvwxy';
  const inverse: Record<string, string> = { '█': ' ', ' ': '█', '▀': '▄', '▄': '▀' };

  test('dark (the default): as before; light: every module inverted, the quiet zone stays background', () => {
    const dark = qrLines(url);
    expect(dark.join('\n')).toBe(renderUnicodeCompact(url, { ecc: 'L', border: 1 }));
    const light = qrLines(url, undefined, 'light');
    expect(light).toHaveLength(dark.length);
    // Every full row of modules is the exact inverse; the last line holds one row (an odd count) over the
    // background, which is not drawn in either theme.
    for (const [i, line] of dark.slice(0, -1).entries()) {
      expect(light[i]).toBe([...line].map((ch) => inverse[ch]).join(''));
    }
    expect(light.at(-1)).toBe([...dark.at(-1)!].map((ch) => (ch === '▀' ? ' ' : '▀')).join(''));
  });

  test('the theme: --qr / PLEXTV_QR, else COLORFGBG, else dark', () => {
    expect(qrTheme('light', {})).toBe('light');
    expect(qrTheme('dark', { COLORFGBG: '0;15' })).toBe('dark');
    expect(qrTheme(undefined, { COLORFGBG: '0;15' })).toBe('light');
    expect(qrTheme('auto', { COLORFGBG: '0;default;7' })).toBe('light');
    expect(qrTheme(undefined, { COLORFGBG: '15;0' })).toBe('dark');
    expect(qrTheme(undefined, { COLORFGBG: '15;8' })).toBe('dark');
    expect(qrTheme(undefined, {})).toBe('dark');
  });

  test('login --qr light draws it for a light background; a bad theme is exit 2', async () => {
    const live = startCli(['login', '--qr', 'light', '--base-url', server.url, '--config-dir', configDir]);
    const [link] = await live.stderrMatch(/^https?:\/\/\S+#\?\S*code=\S+$/m);
    const code = new URLSearchParams(link.slice(link.indexOf('#?') + 2)).get('code')!;
    emulator.control.approvePin(code, 'demo');
    const result = await live.result;
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toContain(qrLines(link, undefined, 'light').join('\n'));
    const bad = await runIn(['login', '--qr', 'sepia', '--config-dir', configDir], { fetch: emulator.fetch });
    expect(bad.code).toBe(ExitCode.USAGE);
    expect(bad.stderr).toContain('expected auto, dark or light');
    const env = await runIn(['login', '--config-dir', configDir], {
      fetch: emulator.fetch,
      env: cleanEnv({ PLEXTV_QR: 'sepia' }),
    });
    expect(env.code).toBe(ExitCode.USAGE);
  });
});

describe('#13.9 a timeout states the whole wait, retries included', () => {
  /** A plex.tv that never answers (until the request is aborted). */
  const silent: typeof fetch = (_input, init) =>
    new Promise((_, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
    });

  test('GET (retried): the total time and the attempts', async () => {
    const started = Date.now();
    const result = await runIn(['whoami', '--timeout', '300', '--config-dir', configDir], {
      fetch: silent,
      env: cleanEnv({ PLEX_TOKEN: 'demo-token' }),
    });
    const elapsed = Date.now() - started;
    expect(result.code).toBe(ExitCode.NETWORK);
    const match =
      /^error: https:\/\/plex\.tv did not answer in time: no answer to GET \/api\/v2\/user after ([\d.]+) (ms|s), in 3 attempts \(up to 300 ms each, with pauses between\)\. Check your connection or raise --timeout\.\n$/.exec(
        result.stderr,
      );
    expect(match, result.stderr).not.toBeNull();
    const said = Number(match![1]) * (match![2] === 's' ? 1000 : 1);
    // Three attempts of 300 ms: at least 900 ms, and no more than the run took (to the rounding).
    expect(said).toBeGreaterThanOrEqual(900);
    expect(said).toBeLessThanOrEqual(elapsed + 50);
  });

  test('one attempt (a POST is never retried): says so', async () => {
    const result = await runIn(
      ['home', 'invite', 'someone@example.test', '--timeout', '200', '--config-dir', configDir],
      { fetch: silent, env: cleanEnv({ PLEX_TOKEN: 'demo-token' }) },
    );
    expect(result.code).toBe(ExitCode.NETWORK);
    expect(result.stderr).toMatch(/no answer to POST \S+ after \d+ ms, in 1 attempt \(up to 200 ms\)\./);
  });
});

describe('#12.1 the lock wait stays bounded whatever is at config.json.lock', () => {
  test('a dangling symlink: exit 9 once the wait is over, not a busy loop forever', async () => {
    await mkdir(configDir, { mode: 0o700 });
    const lock = join(configDir, 'config.json.lock');
    await symlink(join(config.dir, 'nowhere'), lock);
    const store = new ConfigStore(configDir, { lock: { waitMs: 300 } });
    const started = Date.now();
    const error = await store.update(() => ({ clientIdentifier: 'x' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`${lock} is in the way but is no lock file`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
