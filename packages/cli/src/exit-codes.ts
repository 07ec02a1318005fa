/**
 * The exit codes of `plextv`. Stable: scripts may branch on them (documented in the README). Each code sits
 * with its words in `plextv --help` (`help`), so the help text is made from this table.
 */
const EXIT_CODES = {
  /** Success. */
  OK: { code: 0, help: 'ok' },
  /** Anything unexpected (a bug, or a plex.tv answer we cannot use). */
  UNEXPECTED: { code: 1, help: 'unexpected' },
  /** Bad command line: unknown option, missing value, nothing to read a password from, … */
  USAGE: { code: 2, help: 'usage' },
  /** No token for this base URL (run `plextv login`). */
  NOT_LOGGED_IN: { code: 3, help: 'not logged in' },
  /** plex.tv rejected the token (expired, revoked, or mistyped). */
  TOKEN_REJECTED: { code: 4, help: 'token rejected' },
  /** The account has two-factor authentication and the code was missing or wrong. */
  TWO_FACTOR: { code: 5, help: 'two-factor code needed/wrong' },
  /** Wrong login or password. */
  INVALID_CREDENTIALS: { code: 6, help: 'wrong login or password' },
  /** plex.tv could not be reached, or did not answer in time. */
  NETWORK: { code: 7, help: 'network/timeout' },
  /** plex.tv is rate limiting us (HTTP 429). */
  RATE_LIMITED: { code: 8, help: 'rate limited' },
  /** The config file or directory cannot be read, parsed or written. */
  CONFIG: { code: 9, help: 'config problem' },
  /** plex.tv failed (HTTP 5xx). */
  SERVER: { code: 10, help: 'plex.tv server error' },
  /**
   * A sign-in request (PIN) expired or was turned down before it was approved; for `plextv link`, no live
   * request has that code.
   */
  PIN_EXPIRED: { code: 11, help: 'sign-in request expired (or link code unknown)' },
  /**
   * `plextv connect`: no address of the server answered as that server (every candidate refused, timed out,
   * answered as another server, …), or it has no address to try.
   */
  SERVER_UNREACHABLE: { code: 12, help: 'server unreachable (connect)' },
  /**
   * plex.tv refused: this account may not do this (HTTP 403; e.g. code 1043 "not available for this user"):
   * a Plex Pass feature without Plex Pass, a Home admin's action by a member, another owner's server; and a
   * friend's watchlist hidden by their privacy settings (`watchlist --friend`).
   */
  FORBIDDEN: {
    code: 13,
    help: "plex.tv refused: not allowed for this account (e.g. a Plex Pass feature, a friend's private watchlist)",
  },
  /** A Plex Home PIN is needed (the member or account is protected) or the one given was wrong (code 1041). */
  HOME_PIN: { code: 14, help: 'Home PIN required or wrong' },
  /**
   * plex.tv knows no account by that name (HTTP 404/400 "User not found"): `home invite`, `friends invite`,
   * `share` to someone who has no Plex account (or a mistyped username or e-mail address); `watchlist --friend`
   * naming no friend; a title or ratingKey the discover catalogue does not know (`info`, `watchlist add|rm`).
   */
  NOT_FOUND: { code: 15, help: 'no plex.tv account (friend, title) by that name' },
  /** Interrupted (Ctrl-C). */
  INTERRUPTED: { code: 130, help: 'interrupted' },
} as const;

type ExitCodeTable = typeof EXIT_CODES;

/** Each name's code: `ExitCode.USAGE` is 2. */
export const ExitCode = Object.fromEntries(
  Object.entries(EXIT_CODES).map(([name, { code }]) => [name, code]),
) as { readonly [Name in keyof ExitCodeTable]: ExitCodeTable[Name]['code'] };

export type ExitCodeName = keyof typeof ExitCode;
export type ExitCodeValue = (typeof ExitCode)[ExitCodeName];

/**
 * `0 ok · 1 unexpected · …`: every code with its words, in order, wrapped into lines of at most `width`
 * characters (with the indent) for the end of `plextv --help`.
 */
export function exitCodesHelp(indent = '  ', width = 110): string {
  const lines: string[] = [];
  let line = '';
  for (const { code, help } of Object.values(EXIT_CODES)) {
    const item = `${code} ${help}`;
    if (line !== '' && indent.length + line.length + 3 + item.length > width) {
      lines.push(indent + line);
      line = item;
    } else {
      line = line === '' ? item : `${line} · ${item}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}
