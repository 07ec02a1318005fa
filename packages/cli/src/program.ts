/** The commander program: global options, the commands, and help text. A fresh one per run. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_CONNECT_TIMEOUT as DEFAULT_PROBE_TIMEOUT, RESTRICTION_PROFILES } from 'plextv';
import { claim } from './commands/claim.js';
import { listDevices, removeDeviceCommand } from './commands/devices.js';
import {
  acceptFriendCommand,
  cancelFriendCommand,
  inviteFriendCommand,
  listFriends,
  listPending,
  removeFriendCommand,
} from './commands/friends.js';
import { geoip, ip } from './commands/geo.js';
import {
  addHomeUser,
  inviteHomeUser,
  listHome,
  removeHomeMember,
  removePinCommand,
  setPinCommand,
  switchHome,
} from './commands/home.js';
import { link } from './commands/link.js';
import { login } from './commands/login.js';
import { PLEX_AUTH_APP_URL } from './commands/login-pin.js';
import { logout } from './commands/logout.js';
import { parseOnOff, privacy } from './commands/privacy.js';
import { connectCommand, servers } from './commands/servers.js';
import { shareCommand, unshareCommand } from './commands/share.js';
import { token } from './commands/token.js';
import {
  addWebhookCommand,
  listWebhooks,
  removeWebhookCommand,
  setWebhooksCommand,
} from './commands/webhooks.js';
import { whoami } from './commands/whoami.js';
import { Context, type GlobalOptions, type RunIO } from './context.js';
import { UsageError } from './errors.js';
import { exitCodesHelp } from './exit-codes.js';
import { wantsColor } from './output.js';
import { maskOptionValues } from './urls.js';
import { VERSION } from './version.js';

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
  PLEX_TOKEN         token to use instead of the stored one (like --token)
  PLEXTV_AUTH_URL    auth app for PIN sign-in (like login --auth-url)
  PLEXTV_CONFIG_DIR  config directory (like --config-dir)
  NO_COLOR           no colours (like --no-color)
  PLEXTV_DEBUG=1     print stack traces on errors

Exit codes:
${exitCodesHelp()}`;

function parseTuners(value: string): 0 | 1 | 2 {
  const v = value.trim();
  if (v === '0' || v === '1' || v === '2') return Number(v) as 0 | 1 | 2;
  throw new InvalidArgumentError('expected 0 (no Live TV & DVR), 1 or 2.');
}

/** `plextv devices rmm x`: a usage error naming the subcommands (commander would say "too many arguments"). */
function unknownSubcommand(command: Command): void {
  const [word] = command.args;
  if (word === undefined) return;
  const names = command.commands.map((c) => c.name());
  const near = names.find((name) => name.startsWith(word.slice(0, 2)));
  const path: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) path.unshift(c.name());
  throw new UsageError(
    `unknown command '${word}' for 'plextv ${path.join(' ')}'${near ? ` (did you mean ${near}?)` : ''}: use ${names.join(', ')}.`,
  );
}

export function createProgram(io: RunIO, state: RunState): Command {
  const program = new Command('plextv');
  const helpColor = wantsColor(io.stdout, io.env, true);
  program
    .description(
      'Your plex.tv account from the terminal: sign in, your devices and servers, Plex Home, friends and sharing, webhooks, claim tokens, privacy.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .option('--base-url <url>', 'plex.tv base URL (env PLEXTV_BASE_URL; default https://plex.tv)')
    .option('--token <token>', 'act with this token instead of the stored one (env PLEX_TOKEN)')
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

  program
    .command('login')
    .description('sign in to plex.tv and store the token (PIN sign-in in a browser, or a password)')
    .option('--jwt', 'PIN sign-in for a Plex JWT, renewed with a device key kept next to the config')
    .option('--code-only', 'a 4-character code to enter at <base-url>/link instead of a link to open')
    .option(
      '--auth-url <url>',
      `the auth app to approve in (env PLEXTV_AUTH_URL; default ${PLEX_AUTH_APP_URL}, <base-url>/auth off plex.tv)`,
    )
    .option('--qr', 'always show the QR code of the link (on stderr)')
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
      await login(contextOf(command), options);
    });

  program
    .command('whoami')
    .description('show the account the token belongs to')
    .option('--show-token', 'with --json: include the token and service credentials instead of "[redacted]"')
    .action(async (options, command: Command) => {
      const context = contextOf(command);
      state.tokenSource = (await context.resolveToken({ refresh: false }))?.label;
      await whoami(context, options);
    });

  program
    .command('token')
    .description('tell whether a token is set, for whom and from where')
    .option('--show', 'print the token itself')
    .action(async (options, command: Command) => {
      await token(contextOf(command), options);
    });

  program
    .command('link')
    .argument('<code>', 'the 4-character code the other device shows')
    .description("approve another device's sign-in code (what plex.tv/link does) with your account")
    .action(async (code: string, _options, command: Command) => {
      const context = contextOf(command);
      state.tokenSource = (await context.resolveToken({ refresh: false }))?.label;
      await link(context, code);
    });

  program
    .command('logout')
    .description('revoke the token at plex.tv and forget it here')
    .option('--local', 'only forget the stored token, without revoking it at plex.tv')
    .action(async (options, command: Command) => {
      const context = contextOf(command);
      state.tokenSource = (await context.resolveToken({ refresh: false }))?.label;
      await logout(context, options);
    });

  /** The context, with the token's source noted for error messages. */
  const tokenContextOf = async (command: Command): Promise<Context> => {
    const context = contextOf(command);
    state.tokenSource = (await context.resolveToken({ refresh: false }))?.label;
    return context;
  };

  const devices = program
    .command('devices')
    .description('list the devices signed in to the account (`devices rm` signs one out)')
    .option('--show-tokens', 'with --json: include each device\'s token instead of "[redacted]"')
    .action(async (options, command: Command) => {
      unknownSubcommand(command);
      await listDevices(await tokenContextOf(command), options);
    });
  devices
    .command('list')
    .alias('ls')
    .description('list the devices signed in to the account (the default)')
    .action(async (_options, command: Command) => {
      await listDevices(await tokenContextOf(command), command.optsWithGlobals());
    });
  devices
    .command('rm')
    .alias('remove')
    .argument('<device>', 'its name, client identifier (or the short one the list shows), or plex.tv id')
    .description('remove a device from the account: it is signed out (its token stops working)')
    .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
    .action(async (device: string, options, command: Command) => {
      await removeDeviceCommand(await tokenContextOf(command), device, options);
    });

  // After the subcommands (which would inherit it): `devices <word>` reaches the action, which names them.
  devices.allowExcessArguments();

  program
    .command('servers')
    .description('list the Plex Media Servers you can use, and the address that reaches each from here')
    .option('--show-tokens', "with --json: include each server's access token")
    .addHelpText(
      'after',
      `
Every address of every server is tried at once (GET /identity); --timeout is the time each attempt gets
(default ${DEFAULT_PROBE_TIMEOUT} ms). The best-ranked address that answers as the server wins.`,
    )
    .action(async (options, command: Command) => {
      await servers(await tokenContextOf(command), options);
    });

  program
    .command('connect')
    .argument('<server>', 'the server: its name or client identifier')
    .description('print the best URL of a server (exit 12 when no address answers)')
    .option('--show-tokens', "with --json: include the server's access token (for X-Plex-Token)")
    .addHelpText(
      'after',
      `
Prints the URL alone on its line:  curl "$(plextv connect 'Demo Server')/identity"
--json shows every candidate address with its outcome and time. --timeout is per attempt (default ${DEFAULT_PROBE_TIMEOUT} ms).`,
    )
    .action(async (server: string, options, command: Command) => {
      await connectCommand(await tokenContextOf(command), server, options);
    });

  const webhooks = program
    .command('webhooks')
    .description("list or change the account's webhooks (a Plex Pass feature)")
    .action(async (_options, command: Command) => {
      unknownSubcommand(command);
      await listWebhooks(await tokenContextOf(command));
    });
  webhooks
    .command('list')
    .alias('ls')
    .description('list the webhook URLs (the default)')
    .action(async (_options, command: Command) => {
      await listWebhooks(await tokenContextOf(command));
    });
  webhooks
    .command('add')
    .argument('<url>', 'an http(s) URL')
    .description('add a webhook, keeping the others')
    .action(async (url: string, _options, command: Command) => {
      await addWebhookCommand(await tokenContextOf(command), url);
    });
  webhooks
    .command('rm')
    .alias('remove')
    .argument('<url>', 'the webhook URL to remove')
    .description('remove a webhook, keeping the others')
    .action(async (url: string, _options, command: Command) => {
      await removeWebhookCommand(await tokenContextOf(command), url);
    });
  webhooks
    .command('set')
    .argument('[urls...]', 'the new list (none: clear them all)')
    .description('replace the webhooks with these URLs; with none, remove them all (after confirmation)')
    .option('-y, --yes', 'clear without asking (needed without a terminal)')
    .action(async (urls: string[], options, command: Command) => {
      await setWebhooksCommand(await tokenContextOf(command), urls, options);
    });

  webhooks.allowExcessArguments();

  addHomeCommands(program, tokenContextOf);
  addFriendsCommands(program, tokenContextOf);
  addShareCommands(program, tokenContextOf);

  program
    .command('claim')
    .description('print a claim token for a new Plex Media Server (PLEX_CLAIM; valid 4 minutes)')
    .action(async (_options, command: Command) => {
      await claim(await tokenContextOf(command));
    });

  program
    .command('ip')
    .description('print your public IP address as plex.tv sees it')
    .action(async (_options, command: Command) => {
      await ip(contextOf(command));
    });

  program
    .command('geoip')
    .argument('[ip]', 'the address to look up (default: yours)')
    .description('where plex.tv places an IP address (country, city, time zone, …)')
    .action(async (address: string | undefined, _options, command: Command) => {
      await geoip(await tokenContextOf(command), address);
    });

  program
    .command('privacy')
    .description("show the account's analytics settings, or change them")
    .addOption(
      new Option('--playback <on|off>', 'share playback events with Plex (on) or opt out (off)').argParser(
        parseOnOff,
      ),
    )
    .addOption(
      new Option(
        '--library-stats <on|off>',
        'share library statistics with Plex (on) or opt out (off)',
      ).argParser(parseOnOff),
    )
    .action(async (options, command: Command) => {
      await privacy(await tokenContextOf(command), options);
    });

  return program;
}

type ContextOf = (command: Command) => Promise<Context>;

function addHomeCommands(program: Command, contextOf: ContextOf): void {
  const home = program
    .command('home')
    .description('your Plex Home: list members, add managed users, invite, remove, switch, Home PINs')
    .action(async (_options, command: Command) => {
      unknownSubcommand(command);
      await listHome(await contextOf(command));
    });
  home
    .command('list')
    .alias('ls')
    .description('the members: name, role (admin/managed/guest/member), profile, PIN (the default)')
    .action(async (_options, command: Command) => {
      await listHome(await contextOf(command));
    });
  home
    .command('add')
    .argument('<name>', "the managed user's name")
    .description('add a managed user (no e-mail or password of their own) to the Home')
    .addOption(
      new Option('--profile <profile>', 'a restriction profile for the new user').choices(
        RESTRICTION_PROFILES,
      ),
    )
    .action(async (name: string, options, command: Command) => {
      await addHomeUser(await contextOf(command), name, options);
    });
  home
    .command('invite')
    .argument('<user>', 'a Plex username or e-mail address')
    .description('invite an existing Plex account into the Home')
    .action(async (user: string, _options, command: Command) => {
      await inviteHomeUser(await contextOf(command), user);
    });
  home
    .command('remove')
    .alias('rm')
    .argument('<member>', 'the member: name, username, e-mail or id')
    .description('remove a member from the Home (a managed user is deleted)')
    .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
    .action(async (member: string, options, command: Command) => {
      await removeHomeMember(await contextOf(command), member, options);
    });
  home
    .command('switch')
    .argument('<member>', 'the member: name, username, e-mail, id or uuid')
    .description('switch to a Home member (with their Home PIN when they have one)')
    .option('--pin <pin>', "the member's 4-digit Home PIN (asked for on a terminal when needed)")
    .option('--save', "store the member's token as the login: plextv acts as them from now on")
    .option('--show-token', "print the member's token (alone on stdout; with --json, in the document)")
    .addHelpText(
      'after',
      `
Without --save nothing changes here: the command shows who you would be. Use the member's token once with
  plextv whoami --token "$(plextv home switch Kids --pin 2468 --show-token)"
A missing or wrong PIN is exit 14.`,
    )
    .action(async (member: string, options, command: Command) => {
      await switchHome(await contextOf(command), member, options);
    });
  const pin = home
    .command('pin')
    .description("set or remove a Home PIN: your own (with --current), or a managed member's as the admin")
    .action(async (_options, command: Command) => {
      unknownSubcommand(command);
      throw new UsageError("'plextv home pin' needs a subcommand: set or remove.");
    });
  pin
    .command('set')
    .argument('[member]', 'a managed member (default: yourself)')
    .description('set or change a Home PIN')
    .option('--pin <pin>', 'the new 4-digit PIN (asked for on a terminal when omitted)')
    .option('--current <pin>', 'your current PIN, when you have one (asked for on a terminal)')
    .action(async (member: string | undefined, options, command: Command) => {
      await setPinCommand(await contextOf(command), member, options);
    });
  pin
    .command('remove')
    .alias('rm')
    .argument('[member]', 'a managed member (default: yourself)')
    .description('remove a Home PIN')
    .option('--current <pin>', 'your current PIN (asked for on a terminal)')
    .action(async (member: string | undefined, options, command: Command) => {
      await removePinCommand(await contextOf(command), member, options);
    });
  pin.allowExcessArguments();
  home.allowExcessArguments();
}

function addFriendsCommands(program: Command, contextOf: ContextOf): void {
  const friends = program
    .command('friends')
    .description('your friends and what you share with them; invitations')
    .action(async (_options, command: Command) => {
      unknownSubcommand(command);
      await listFriends(await contextOf(command));
    });
  friends
    .command('list')
    .alias('ls')
    .description('friends (and Home members) with the servers and libraries shared with each (the default)')
    .action(async (_options, command: Command) => {
      await listFriends(await contextOf(command));
    });
  friends
    .command('pending')
    .description('pending friend invitations, sent and received')
    .action(async (_options, command: Command) => {
      await listPending(await contextOf(command));
    });
  friends
    .command('invite')
    .argument('<user>', 'a Plex username or e-mail address')
    .description('invite someone to be your friend (then `plextv share` a server with them)')
    .action(async (user: string, _options, command: Command) => {
      await inviteFriendCommand(await contextOf(command), user);
    });
  friends
    .command('accept')
    .argument('<invitation>', 'the inviter: name, username, e-mail or account id')
    .description('accept a friend invitation sent to you')
    .action(async (who: string, _options, command: Command) => {
      await acceptFriendCommand(await contextOf(command), who);
    });
  friends
    .command('cancel')
    .argument('<user>', 'the username or e-mail address you invited')
    .description('withdraw a friend invitation you sent')
    .action(async (who: string, _options, command: Command) => {
      await cancelFriendCommand(await contextOf(command), who);
    });
  friends
    .command('remove')
    .alias('rm')
    .argument('<friend>', 'the friend: name, username, e-mail or id')
    .description('remove a friend, and every share with them')
    .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
    .action(async (who: string, options, command: Command) => {
      await removeFriendCommand(await contextOf(command), who, options);
    });
  friends.allowExcessArguments();
}

function addShareCommands(program: Command, contextOf: ContextOf): void {
  program
    .command('share')
    .argument('<server>', 'one of your servers: its name or client identifier')
    .argument(
      '<user>',
      'a friend or Home member (name, username, e-mail, id), or a username/e-mail to invite',
    )
    .description('share libraries of your server with someone, or change what a share includes')
    .option('--libraries <titles>', 'the libraries, comma-separated: "Movies,TV Shows" (replaces the list)')
    .option('--all', 'every library of the server')
    .option('--allow-sync', 'they may download (sync) media')
    .option('--no-allow-sync', 'they may not download media')
    .option('--allow-camera-upload', 'they may upload photos from their phone')
    .option('--no-allow-camera-upload', 'they may not upload photos')
    .option('--allow-channels', 'they may use channels')
    .option('--no-allow-channels', 'they may not use channels')
    .option('--allow-subtitle-admin', 'they may manage subtitles')
    .option('--no-allow-subtitle-admin', 'they may not manage subtitles')
    .addOption(new Option('--allow-tuners <level>', 'Live TV & DVR: 0 none, 1 or 2').argParser(parseTuners))
    .option('--filter-movies <filter>', 'only movies matching: contentRating=G,PG|label=kids ("" clears)')
    .option('--filter-television <filter>', 'only TV shows matching (same form)')
    .option('--filter-music <filter>', 'only music matching (same form)')
    .addHelpText(
      'after',
      `
A new share needs --libraries or --all. An existing share is updated: --libraries/--all replace its
libraries; settings given are changed, the others kept. Filters: contentRating=…, contentRating!=…,
label=…, label!=…; values comma-separated, filters joined with |.
  plextv share "Demo Server" freeuser --libraries "Movies,TV Shows" --allow-sync`,
    )
    .action(async (server: string, user: string, options, command: Command) => {
      await shareCommand(await contextOf(command), server, user, options);
    });
  program
    .command('unshare')
    .argument('<server>', 'one of your servers: its name or client identifier')
    .argument('<user>', 'the friend or Home member: name, username, e-mail or id')
    .description('stop sharing a server with someone (the friendship stays)')
    .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
    .action(async (server: string, user: string, options, command: Command) => {
      await unshareCommand(await contextOf(command), server, user, options);
    });
}
