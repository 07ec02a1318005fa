/**
 * `plextv login`: sign in and store the token.
 *
 * - PIN sign-in (the default, `login-pin.ts`): approve the request in a browser (the auth app, or
 *   plex.tv/link with `--code-only`); `--jwt` makes it a Plex JWT with a device key.
 * - Password sign-in (`--password`, or any of `--login`/`--password-stdin`/`--code`): username/email +
 *   password (+ the two-factor code).
 *
 * Both end in `saveLogin` (`login-save.ts`).
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { signIn, TwoFactorRequiredError, type UserPlexAccount } from 'plextv';
import { summarize } from '../account-summary.js';
import type { CommandKit } from '../command-kit.js';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { readStdin } from '../prompt.js';
import { QR_THEMES } from '../ui/qr.js';
import { loginWithPin, type PinLoginOptions, PLEX_AUTH_APP_URL } from './login-pin.js';
import { saveLogin } from './login-save.js';

export interface LoginOptions extends PinLoginOptions {
  password?: boolean;
  login?: string;
  passwordStdin?: boolean;
  code?: string;
}

const CODE_HELP = 'the 6-digit code from your authenticator app, or a backup code';

function cleanCode(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

/** What is wrong with a typed two-factor code (empty, or digits but not 6), or undefined. */
function badCode(code: string): string | undefined {
  if (code === '') return 'no code was entered';
  if (/^\d+$/.test(code) && code.length !== 6) return 'the code from an authenticator app has 6 digits';
  return undefined;
}

/**
 * The line for a two-factor code that was not accepted: the code is asked once; a wrong one ends the run
 * (exit 5) rather than asking again, so a script or a mistyped code never loops.
 */
function codeRejected(why: string): CliError {
  return new CliError(
    'TWO_FACTOR',
    `The two-factor code was not accepted (${why}); nothing was saved. Run \`plextv login --password\` again with a current code (or pass it with --code).`,
  );
}

function parseQrTheme(value: string): string {
  const theme = value.trim().toLowerCase();
  if (!QR_THEMES.includes(theme)) throw new InvalidArgumentError('expected auto, dark or light.');
  return theme;
}

/** Which sign-in the options ask for; usage errors for options of the other one. */
export function loginMode(options: LoginOptions): 'password' | 'pin' {
  const passwordOnly = (
    [
      ['--login', options.login !== undefined],
      ['--password-stdin', options.passwordStdin === true],
      ['--code', options.code !== undefined],
    ] as const
  ).filter(([, given]) => given);
  const password = options.password === true || passwordOnly.length > 0;
  if (!password) return 'pin';
  const pinOnly = (
    [
      ['--jwt', options.jwt === true],
      ['--code-only', options.codeOnly === true],
      ['--auth-url', options.authUrl !== undefined],
      [options.qr ? '--qr' : '--no-qr', options.qr !== undefined],
    ] as const
  ).filter(([, given]) => given);
  const [clash] = pinOnly;
  if (clash) {
    const passwordFlag = options.password ? '--password' : passwordOnly[0]![0];
    throw new UsageError(
      `${clash[0]} is for PIN sign-in and ${passwordFlag} for password sign-in: use one or the other.`,
    );
  }
  return 'password';
}

export async function login(ctx: Context, options: LoginOptions): Promise<void> {
  const mode = loginMode(options);
  if (ctx.tokenFromStdin) {
    throw new UsageError('--token-stdin is for acting with a token: login signs in to get one.');
  }
  // Read (and so validate) the config before asking for anything: a corrupt file stops us here, untouched.
  const config = await ctx.configOrCreate();
  if (mode === 'pin') return loginWithPin(ctx, config, options);
  // With --password-stdin, stdin carries the password: nothing can be asked there.
  const canPrompt = ctx.interactive && !options.passwordStdin;

  let login = options.login?.trim();
  if (options.login !== undefined && !login) throw new UsageError('--login: empty login.');
  if (!login) {
    if (!canPrompt) {
      throw new UsageError(
        'No login given: pass --login <username or email> (or run in a terminal to be asked).',
      );
    }
    login = (await ctx.prompter().input('Plex username or email')).trim();
  }

  let password: string;
  if (options.passwordStdin) {
    if (ctx.io.stdin.isTTY)
      ctx.out.err(ctx.out.ec.dim('Reading the password from stdin (end it with Ctrl-D)…'));
    password = await readStdin(ctx.io.stdin, ctx.signal);
    if (password === '') throw new UsageError('--password-stdin: nothing to read on stdin.');
  } else if (canPrompt) {
    password = await ctx.prompter().password('Password', {
      validate: (value) => (value === '' ? 'Enter your password.' : true),
    });
  } else {
    throw new UsageError(
      'No password: pipe it in with --password-stdin (or run in a terminal to be asked). It is never taken as an argument.',
    );
  }
  ctx.out.addSecret(password);

  let code = options.code === undefined ? undefined : cleanCode(options.code);
  if (code === '') throw new UsageError('--code: empty code.');

  const client = await ctx.client();
  let account: UserPlexAccount;
  try {
    account = await signIn(client, { login, password, code }, { signal: ctx.signal });
  } catch (error) {
    if (!(error instanceof TwoFactorRequiredError)) throw error;
    if (code !== undefined) {
      throw new CliError(
        'TWO_FACTOR',
        'The two-factor code was not accepted: codes change every 30 seconds, try again with a current --code.',
      );
    }
    if (!canPrompt) {
      throw new CliError(
        'TWO_FACTOR',
        `This account has two-factor authentication: pass --code <code> (${CODE_HELP}).`,
      );
    }
    ctx.out.err(
      ctx.out.ec.dim(`This account has two-factor authentication: enter ${CODE_HELP} (asked once).`),
    );
    // Asked once, without a validate loop: whatever is typed is tried (or refused) and the run ends.
    code = cleanCode(await ctx.prompter().input('Two-factor code'));
    const bad = badCode(code);
    if (bad) throw codeRejected(bad);
    try {
      // A second, user-initiated sign-in: the library never retries sign-ins on its own.
      account = await signIn(client, { login, password, code }, { signal: ctx.signal });
    } catch (retryError) {
      if (retryError instanceof TwoFactorRequiredError) {
        throw codeRejected('wrong or expired: codes change every 30 seconds');
      }
      throw retryError;
    }
  }

  const token = account.authToken;
  if (!token) throw new CliError('UNEXPECTED', 'plex.tv signed us in but sent no token.');
  await saveLogin(ctx, config, token, summarize(account));
}

/** The `login` command, its options and help. */
export function register(program: Command, kit: CommandKit): void {
  program
    .command('login')
    .description('sign in to plex.tv and store the token (PIN sign-in in a browser, or a password)')
    .option('--jwt', 'PIN sign-in for a Plex JWT, renewed with a device key kept next to the config')
    .option('--code-only', 'a 4-character code to enter at <base-url>/link instead of a link to open')
    .option(
      '--auth-url <url>',
      `the auth app to approve in (env PLEXTV_AUTH_URL; default ${PLEX_AUTH_APP_URL}, <base-url>/auth off plex.tv)`,
    )
    .addOption(
      new Option(
        '--qr [theme]',
        'always show the QR code of the link (on stderr); theme: the terminal background it is drawn for without colours, dark, light or auto (COLORFGBG; env PLEXTV_QR, which also takes none)',
      ).argParser(parseQrTheme),
    )
    .option('--no-qr', 'never show the QR code of the link')
    .option('--password', 'sign in with username/email and password instead')
    .option(
      '-l, --login <login>',
      'password sign-in: username or email (asked for when omitted, in a terminal)',
    )
    .option('--password-stdin', 'password sign-in: read the password from stdin (for scripts)')
    .option('--code <code>', 'password sign-in: two-factor code (asked for when needed, in a terminal)')
    .addHelpText(
      'after',
      `
By default, login creates a sign-in request and prints a link (and, on a terminal, a QR code): open it,
approve the request, and the token is saved. Everything but the result goes to stderr.
  plextv login                 approve in the browser (the link is one line on stderr)
  plextv login --code-only     enter a 4-character code at plex.tv/link instead
  plextv login --jwt           a Plex JWT (renewed automatically) instead of a legacy token

Password sign-in (--password, or any of --login/--password-stdin/--code): the password is never taken as
an argument: type it at the prompt, or pipe it in:
  printf '%s' "$PLEX_PASSWORD" | plextv login --login me@example.com --password-stdin --code 123456`,
    )
    .action(async (options, command: Command) => {
      await login(kit.contextOf(command), options);
    });
}
