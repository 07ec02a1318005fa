/**
 * The runtime scenario: plextv against the in-process emulator, in whatever runtime imports this file.
 * Runtime-neutral ESM (web-standard globals only: fetch, Request/Response, crypto, setTimeout, TextEncoder).
 * No top-level work: workerd forbids timers, random numbers and a moving clock in the global scope, so
 * everything happens inside `runScenario`.
 */
import {
  createClient,
  createPin,
  fetchPlexJwt,
  generateDeviceKey,
  getDevices,
  getUser,
  parseUserPlexAccount,
  registerDeviceKey,
  signIn,
  TwoFactorRequiredError,
  verifyPlexJwt,
  waitForPin,
} from 'plextv';
import { createEmulator, demoSeed } from 'plextv-emulator';

/**
 * Run every check; never throws. `log` receives one line per check.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<{ passed: number, failed: number, lines: string[], summary: string }>}
 */
export async function runScenario(options = {}) {
  const lines = [];
  const log = (line) => {
    lines.push(line);
    options.log?.(line);
  };
  let passed = 0;
  let failed = 0;
  const check = async (name, fn) => {
    const started = Date.now();
    try {
      const detail = await fn();
      passed++;
      log(`ok   ${name}${detail ? ` (${detail})` : ''} ${Date.now() - started}ms`);
      return true;
    } catch (error) {
      failed++;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      log(`FAIL ${name}: ${message}`);
      return false;
    }
  };
  const assert = (condition, message) => {
    if (!condition) throw new Error(message);
  };

  // The real clock: the library checks PIN lifetimes against it.
  let emulator;
  let client;
  await check('create the in-process emulator and a client', () => {
    emulator = createEmulator({ ...demoSeed, now: new Date().toISOString() });
    client = createClient({
      clientIdentifier: 'plextv-runtimes',
      product: 'plextv runtimes',
      baseUrl: 'https://plex.tv',
      fetch: emulator.fetch.bind(emulator),
    });
    return typeof globalThis.navigator?.userAgent === 'string' ? globalThis.navigator.userAgent : '';
  });
  if (!client) return finish();

  await check('password without the 2FA code: TwoFactorRequiredError', async () => {
    const error = await signIn(client, { login: 'demo', password: 'demo-password' }).then(
      () => undefined,
      (e) => e,
    );
    assert(error instanceof TwoFactorRequiredError, `expected TwoFactorRequiredError, got ${error}`);
    return `code ${error.code}`;
  });

  let token;
  await check('sign in with password + 2FA', async () => {
    const account = await signIn(client, { login: 'demo', password: 'demo-password', code: '123456' });
    assert(account.username === 'demo', `username ${account.username}`);
    assert(typeof account.authToken === 'string' && account.authToken.length > 0, 'no authToken');
    token = account.authToken;
    return `token ${token.length} chars`;
  });

  await check('getUser with the new token', async () => {
    assert(token, 'no token from sign-in');
    const me = await getUser(client.withToken(token));
    assert(me.username === 'demo', `username ${me.username}`);
    return `id ${me.id}`;
  });

  let approvedToken;
  await check('PIN flow: createPin, approve via the control API, waitForPin', async () => {
    const pin = await createPin(client, { strong: true });
    assert(pin.code.length === 25, `strong PIN code length ${pin.code.length}`);
    const waiting = waitForPin(client, pin, { interval: 50, timeout: 10_000 });
    setTimeout(() => emulator.control.approvePin(pin.code, 'demo'), 120);
    const approved = await waiting;
    assert(typeof approved.authToken === 'string' && approved.authToken.length > 0, 'no authToken');
    approvedToken = approved.authToken;
    return `PIN ${pin.id}`;
  });

  await check('getUser with the PIN token', async () => {
    assert(approvedToken, 'no token from the PIN');
    const me = await getUser(client.withToken(approvedToken));
    assert(me.username === 'demo', `username ${me.username}`);
    return me.email;
  });

  // WebCrypto: an Ed25519 device key signs the client JWT; the emulator's Plex JWT is verified with its keys.
  await check('Plex JWT: Ed25519 device key, fetchPlexJwt, verifyPlexJwt, getUser', async () => {
    const key = await generateDeviceKey();
    await registerDeviceKey(client.withToken('demo-token'), key);
    const jwt = await fetchPlexJwt(client, key);
    const claims = await verifyPlexJwt(client, jwt, { key });
    assert(claims.user?.username === 'demo', `claims.user ${JSON.stringify(claims.user)}`);
    const me = await getUser(client.withToken(jwt));
    assert(me.username === 'demo', `username ${me.username}`);
    return `kid ${key.kid.slice(0, 8)}…`;
  });

  // XML: the parser (@rgrove/parse-xml) is loaded lazily, on the first XML body.
  await check('XML over the client: getDevices (/devices.xml)', async () => {
    const devices = await getDevices(client.withToken('demo-token'));
    assert(Array.isArray(devices) && devices.length > 0, 'no devices');
    assert(
      devices.every((d) => typeof d.clientIdentifier === 'string'),
      'a device without clientIdentifier',
    );
    return `${devices.length} devices`;
  });

  await check('XML body decoded with parseUserPlexAccount', async () => {
    const res = await emulator.fetch('https://plex.tv/api/v2/user', {
      headers: { 'X-Plex-Client-Identifier': 'plextv-runtimes', 'X-Plex-Token': 'demo-token' },
    });
    const text = await res.text();
    assert(text.trimStart().startsWith('<'), `not XML: ${text.slice(0, 40)}`);
    const account = await parseUserPlexAccount(text, { contentType: res.headers.get('content-type') ?? '' });
    assert(account.username === 'demo', `username ${account.username}`);
    return `${text.length} bytes`;
  });

  return finish();

  function finish() {
    const summary = `${passed} passed, ${failed} failed`;
    log(summary);
    return { passed, failed, lines, summary };
  }
}
