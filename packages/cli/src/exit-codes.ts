/**
 * The exit codes of `plextv`. Stable: scripts may branch on them (documented in the README).
 */
export const ExitCode = {
  /** Success. */
  OK: 0,
  /** Anything unexpected (a bug, or a plex.tv answer we cannot use). */
  UNEXPECTED: 1,
  /** Bad command line: unknown option, missing value, nothing to read a password from, … */
  USAGE: 2,
  /** No token for this base URL (run `plextv login`). */
  NOT_LOGGED_IN: 3,
  /** plex.tv rejected the token (expired, revoked, or mistyped). */
  TOKEN_REJECTED: 4,
  /** The account has two-factor authentication and the code was missing or wrong. */
  TWO_FACTOR: 5,
  /** Wrong login or password. */
  INVALID_CREDENTIALS: 6,
  /** plex.tv could not be reached, or did not answer in time. */
  NETWORK: 7,
  /** plex.tv is rate limiting us (HTTP 429). */
  RATE_LIMITED: 8,
  /** The config file or directory cannot be read, parsed or written. */
  CONFIG: 9,
  /** plex.tv failed (HTTP 5xx). */
  SERVER: 10,
  /**
   * A sign-in request (PIN) expired or was turned down before it was approved; for `plextv link`, no live
   * request has that code.
   */
  PIN_EXPIRED: 11,
  /**
   * `plextv connect`: no address of the server answered as that server (every candidate refused, timed out,
   * answered as another server, …), or it has no address to try.
   */
  SERVER_UNREACHABLE: 12,
  /**
   * plex.tv refused: this account may not do this (HTTP 403; e.g. code 1043 "not available for this user"):
   * a Plex Pass feature without Plex Pass, a Home admin's action by a member, another owner's server.
   */
  FORBIDDEN: 13,
  /** A Plex Home PIN is needed (the member or account is protected) or the one given was wrong (code 1041). */
  HOME_PIN: 14,
  /** Interrupted (Ctrl-C). */
  INTERRUPTED: 130,
} as const;

export type ExitCodeName = keyof typeof ExitCode;
export type ExitCodeValue = (typeof ExitCode)[ExitCodeName];
