/**
 * The commander program: the global options, the help around the commands, and the wiring that gives each
 * command file (`commands/<area>.ts`, which registers its own commands) the run's context. A fresh one per run.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { CommandKit, RegisterCommands } from './command-kit.js';
import * as claim from './commands/claim.js';
import * as devices from './commands/devices.js';
import * as discover from './commands/discover.js';
import * as friends from './commands/friends.js';
import * as geo from './commands/geo.js';
import * as home from './commands/home.js';
import * as link from './commands/link.js';
import * as login from './commands/login.js';
import * as logout from './commands/logout.js';
import * as privacy from './commands/privacy.js';
import * as servers from './commands/servers.js';
import * as share from './commands/share.js';
import * as token from './commands/token.js';
import * as watchlist from './commands/watchlist.js';
import * as webhooks from './commands/webhooks.js';
import * as whoami from './commands/whoami.js';
import { Context, type GlobalOptions, type RunIO } from './context.js';
import { exitCodesHelp } from './exit-codes.js';
import { wantsColor } from './output.js';
import { maskOptionValues } from './urls.js';
import { VERSION } from './version.js';

/** The command files, in the order `plextv --help` lists their commands. */
const COMMANDS: readonly RegisterCommands[] = [
  login.register,
  whoami.register,
  token.register,
  link.register,
  logout.register,
  devices.register,
  servers.register,
  webhooks.register,
  home.register,
  friends.register,
  share.register,
  claim.register,
  geo.register,
  privacy.register,
  watchlist.register,
  discover.register,
];

/** Set once a command has resolved the global options: error messages use its base URL and token source. */
export interface RunState {
  context?: Context;
  tokenSource?: string;
}

function parseTimeout(value: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(ms) || ms <= 0) {
    throw new InvalidArgumentError('expected a positive whole number of milliseconds.');
  }
  return ms;
}

const HELP_AFTER = `
Environment:
  PLEXTV_BASE_URL    plex.tv base URL (like --base-url)
  PLEX_TOKEN         token to use instead of the stored one (like --token, not seen in \`ps\`)
  PLEXTV_AUTH_URL    auth app for PIN sign-in (like login --auth-url)
  PLEXTV_CONFIG_DIR  config directory (like --config-dir)
  PLEXTV_QR          login's QR code: auto, dark, light (terminal background) or none
  NO_COLOR           no colours (like --no-color)
  PLEXTV_DEBUG=1     print stack traces on errors

Exit codes:
${exitCodesHelp()}`;

export function createProgram(io: RunIO, state: RunState): Command {
  const program = new Command('plextv');
  const helpColor = wantsColor(io.stdout, io.env, true);
  program
    .description(
      'Your plex.tv account from the terminal: sign in, your devices and servers, Plex Home, friends and sharing, webhooks, claim tokens, privacy, your watchlist and the discover catalogue.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .option('--base-url <url>', 'plex.tv base URL (env PLEXTV_BASE_URL; default https://plex.tv)')
    .option(
      '--token <token>',
      'act with this token instead of the stored one (env PLEX_TOKEN; visible in `ps`: prefer PLEX_TOKEN or --token-stdin)',
    )
    .option('--token-stdin', 'read the token to act with from stdin (like --token, kept out of `ps`)')
    .option('--json', 'machine-readable output (JSON on stdout)')
    .option('--config-dir <dir>', 'config directory (env PLEXTV_CONFIG_DIR; default $XDG_CONFIG_HOME/plextv)')
    .option('--no-color', 'no colours (NO_COLOR is respected too)')
    .addOption(
      new Option(
        '--timeout <ms>',
        'timeout in ms per plex.tv request (default 15000), and per address tried by servers/connect (default 10000)',
      ).argParser(parseTimeout),
    )
    .addHelpText('after', HELP_AFTER)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      // Commander quotes what it could not parse: never an `--option=value`'s value (it may be a password).
      writeErr: (text) => void io.stderr.write(maskOptionValues(text)),
      getOutHasColors: () => helpColor,
      getErrHasColors: () => wantsColor(io.stderr, io.env, true),
      getOutHelpWidth: () => io.stdout.columns ?? 80,
      getErrHelpWidth: () => io.stderr.columns ?? 80,
    });

  const contextOf = (command: Command): Context => {
    const context = new Context(io, command.optsWithGlobals<GlobalOptions>());
    state.context = context;
    return context;
  };

  const kit: CommandKit = {
    contextOf,
    // The token's source (`--token`, `PLEX_TOKEN`, the config) is noted for error messages.
    async tokenContextOf(command) {
      const context = contextOf(command);
      state.tokenSource = (await context.resolveToken({ refresh: false }))?.label;
      return context;
    },
  };
  for (const register of COMMANDS) register(program, kit);
  for (const command of program.commands) addUsageToMissingArgument(command);

  return program;
}

/**
 * `error: missing required argument 'user'` is followed by the command's usage line
 * (`Usage: plextv home invite [options] <user>`), for `command` and its subcommands.
 */
function addUsageToMissingArgument(command: Command): void {
  const path: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) path.unshift(c.name());
  const usage = `Usage: ${path.join(' ')} ${command.usage()}\n`;
  command.configureOutput({
    outputError: (text, write) => {
      write(text);
      if (/^error: missing required argument/.test(text)) write(usage);
    },
  });
  for (const sub of command.commands) addUsageToMissingArgument(sub);
}
