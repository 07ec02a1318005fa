/**
 * What `plextv-emulator` prints when it starts: the URL (first line, for scripts), where the state
 * lives, the accounts with everything needed to sign in by hand (password, 2FA code, Home PIN,
 * tokens), friends, and where the pages and the control API are. Pure, so it is tested in process.
 */

import type { Emulator } from './emulator.js';
import type { RunningServer } from './listen.js';

/** What the banner says about the run beyond the emulator itself. */
export interface BannerOptions {
  /** A control secret is set (its value is never printed). */
  controlSecret: boolean;
}

function stateLines(server: RunningServer): string[] {
  const file = server.stateFile;
  if (file === null)
    return ['State: in memory, lost on exit (start with --state FILE to keep it across restarts)'];
  const from = file.restored ? 'restored from it' : 'new, from the seed';
  return [`State: ${file.path} (${from}; written after every change and on exit, mode 0600)`];
}

function accountLines(emulator: Emulator): string[] {
  const { state } = emulator;
  const lines: string[] = [];
  for (const account of state.accounts.values()) {
    const login = account.managed ? `(managed: ${account.title})` : `${account.username} <${account.email}>`;
    const tokens = [...state.tokens.values()]
      // Seeded account tokens only: device tokens (which carry their client identifier) are in /devices.xml.
      .filter((t) => t.accountId === account.id && t.clientIdentifier === null)
      .map((t) => t.token);
    const home = [...state.homes.values()].find((h) => h.memberIds.includes(account.id));
    const flags = [
      account.subscription.active ? 'Plex Pass' : 'free',
      account.twoFactorCode !== null ? '2FA' : null,
      home ? (home.adminId === account.id ? `${home.name} admin` : `${home.name} member`) : null,
      account.guest ? 'Home guest' : null,
      account.homePin !== null ? `Home PIN ${account.homePin}` : null,
    ].filter(Boolean);
    const secrets = [
      account.password !== null ? `password ${account.password}` : null,
      account.twoFactorCode !== null ? `2FA code ${account.twoFactorCode}` : null,
      `token ${tokens.join(', ') || '-'}`,
    ].filter(Boolean);
    lines.push(`  ${login}  [${flags.join(', ')}]  id ${account.id}  ${secrets.join('  ')}`);
  }
  return lines;
}

function friendLines(emulator: Emulator): string[] {
  const { state } = emulator;
  if (state.friendships.length === 0) return [];
  const who = (id: number) => state.accounts.get(id)?.username || state.invitees.get(id)?.email || String(id);
  return [
    '',
    'Friends (GET /api/v2/friends; ?status=pending_sent|pending_received):',
    ...state.friendships.map(
      (f) =>
        `  ${who(f.inviterId)} ${f.status === 'accepted' ? '<->' : '->'} ${who(f.inviteeId)}  [${f.status}]`,
    ),
  ];
}

function watchlistLines(emulator: Emulator): string[] {
  const { state } = emulator;
  const { watchlists, privateWatchlists } = state.discover;
  if (watchlists.size === 0) return [];
  const who = (id: number) => state.accounts.get(id)?.username || String(id);
  return [
    '',
    'Watchlists (GET /library/sections/watchlist/all; friends: POST /api on community):',
    ...[...watchlists].map(
      ([id, entries]) =>
        `  ${who(id)}: ${entries.length} items${privateWatchlists.has(id) ? ' (private)' : ''}`,
    ),
  ];
}

function serverLines(emulator: Emulator, url: string): string[] {
  if (!emulator.servers.running) return [];
  const lines = ['', `Fake servers (behaviours: POST ${url}/__emulator/servers/{name}/connections/{index}):`];
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
  return lines;
}

/** The start banner's lines; the first is `plextv-emulator listening on <url>`. */
export function bannerLines(emulator: Emulator, server: RunningServer, options: BannerOptions): string[] {
  const { url } = server;
  const secretHeader = options.controlSecret ? " -H 'X-Emulator-Secret: <secret>'" : '';
  return [
    `plextv-emulator listening on ${url}`,
    ...stateLines(server),
    '',
    'Accounts (sign in with the username or e-mail and the password):',
    ...accountLines(emulator),
    ...friendLines(emulator),
    ...watchlistLines(emulator),
    '',
    "2FA: a 2FA account's twoFactorCode is the only valid verification code; send it as",
    '     verificationCode, or append it to the password.',
    '',
    `Try: curl -H 'X-Plex-Client-Identifier: demo' -H 'X-Plex-Token: <token>' -H 'Accept: application/json' ${url}/api/v2/user`,
    `Sign-in page (stands in for app.plex.tv/auth): ${url}/auth#?clientID=<id>&code=<pin code>`,
    `Link page (stands in for plex.tv/link, for 4-character codes): ${url}/link`,
    `Control API: ${url}/__emulator/pins (see the README)${options.controlSecret ? "; send the control secret as 'X-Emulator-Secret: <secret>'" : ''}. Clock: ${new Date(emulator.state.nowMs).toISOString()} (frozen)`,
    `Faults: curl -X POST${secretHeader} -d '{"path":"/api/v2/user","status":503}' ${url}/__emulator/faults (kinds: status, latency, reset, truncate, trickle, invalid); log: ${url}/__emulator/requests`,
    ...serverLines(emulator, url),
    '',
    'Ctrl-C to stop.',
  ];
}
