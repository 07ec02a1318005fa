/** Client JWTs: short proofs, signed by a device key, that this installation holds the key. No network. */
import type { PlexTvClient } from '../client.js';
import type { DeviceKey } from './device-key.js';
import { signJwt } from './jws.js';

/** A client JWT: signed by the device key, for plex.tv, from this client identifier, valid 5 minutes. */
export async function createClientJwt(
  client: PlexTvClient,
  key: DeviceKey,
  claims: { nonce?: string; scope?: readonly string[] } = {},
): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    aud: 'plex.tv',
    iss: client.identityHeaders['X-Plex-Client-Identifier'],
    iat,
    exp: iat + 300,
  };
  if (claims.nonce) payload.nonce = claims.nonce;
  if (claims.scope?.length) payload.scope = claims.scope.join(',');
  return signJwt({ typ: 'JWT', kid: key.kid }, payload, key.privateKey);
}
