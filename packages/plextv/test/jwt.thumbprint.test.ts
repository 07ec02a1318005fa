import { createClient, generateDeviceKey, JwtVerificationError, verifyPlexJwt } from 'plextv';
import { expect, test } from 'vitest';

async function signer() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as JsonWebKey;
  const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64url');
  return {
    jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: 'k1', alg: 'EdDSA', use: 'sig' } as JsonWebKey,
    async sign(payload: Record<string, unknown>) {
      const input = `${b64(JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: 'k1' }))}.${b64(JSON.stringify(payload))}`;
      const sig = await crypto.subtle.sign('Ed25519', pair.privateKey, new TextEncoder().encode(input));
      return `${input}.${b64(new Uint8Array(sig))}`;
    },
  };
}

const now = () => Math.floor(Date.now() / 1000);

test('verifyPlexJwt with a device key: a missing thumbprint claim is a failure (issue #12)', async () => {
  const key = await generateDeviceKey();
  const s = await signer();
  const client = createClient({ clientIdentifier: 'my-client' });
  const base = { iss: 'plex.tv', aud: 'plex.tv', iat: now(), exp: now() + 3600 };
  const noThumbprint = await s.sign(base);
  const error = await verifyPlexJwt(client, noThumbprint, { keys: [s.jwk], key }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(JwtVerificationError);
  expect(String(error)).toMatch(/thumbprint/);
  // Without a key, no thumbprint is asked for.
  await expect(verifyPlexJwt(client, noThumbprint, { keys: [s.jwk] })).resolves.toMatchObject(base);
  // With the right one, it passes.
  await expect(
    verifyPlexJwt(client, await s.sign({ ...base, thumbprint: key.kid }), { keys: [s.jwk], key }),
  ).resolves.toMatchObject({ thumbprint: key.kid });
});
