/** Reading a Plex JWT's claims without verifying it (expiry checks). No network. */
import { parseJwt } from './jws.js';

/** Claims of a Plex JWT (the ones we read; every claim is kept). */
export interface PlexJwtClaims extends Record<string, unknown> {
  iss?: string;
  aud?: string | string[];
  sub?: string;
  iat?: number;
  exp?: number;
  /** The `kid` of the device key the token was issued to. */
  thumbprint?: string;
  user?: { id?: number; uuid?: string; username?: string };
}

/** The claims of a JWT, unverified (for expiry checks). Undefined when it is not a JWT. */
export function readPlexJwt(jwt: string): PlexJwtClaims | undefined {
  try {
    return parseJwt(jwt).payload as PlexJwtClaims;
  } catch {
    return undefined;
  }
}

/** When a Plex JWT expires (from its `exp`), or undefined when it is not a JWT. */
export function plexJwtExpiry(jwt: string): Date | undefined {
  const exp = readPlexJwt(jwt)?.exp;
  if (typeof exp !== 'number') return undefined;
  const date = new Date(exp * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
