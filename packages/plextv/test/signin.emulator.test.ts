/** PIN, link, Plex JWT and the browser kit against the emulator (approvals through its control API). */
import {
  authUrl,
  checkPin,
  createClient,
  createPin,
  fetchPlexJwt,
  freshPlexJwt,
  generateDeviceKey,
  getUser,
  JwtVerificationError,
  linkPin,
  MyPlexAccount,
  PinExpiredError,
  plexJwtExpiry,
  readPlexJwt,
  registerDeviceKey,
  UnauthorizedError,
  verifyPlexJwt,
  waitForPin,
} from 'plextv';
import { type BrowserWindow, signInWithPlex } from 'plextv/browser';
import { createEmulator, demoSeed } from 'plextv-emulator';
import { beforeEach, describe, expect, test, vi } from 'vitest';

// The real clock: the library checks JWT expiry and PIN lifetimes against it.
const emulator = createEmulator({ ...demoSeed, now: new Date().toISOString() });
const client = (token?: string, clientIdentifier = 'signin-tests') =>
  createClient({
    clientIdentifier,
    product: 'Sign-in tests',
    baseUrl: 'https://plex.tv',
    fetch: emulator.fetch.bind(emulator),
    token,
  });

beforeEach(() => {
  emulator.control.reset();
  emulator.control.setClock(Date.now());
});

describe('PIN / OAuth', () => {
  test('create a strong PIN, the emulator approves it, waiting yields a token that works', async () => {
    const c = client();
    const pin = await createPin(c, { strong: true });
    expect(pin.code).toHaveLength(25);
    expect(pin.expiresIn).toBe(1800);
    expect(authUrl(c, pin)).toContain(`code=${pin.code}`);
    const waiting = waitForPin(c, pin, { interval: 50 });
    setTimeout(() => emulator.control.approvePin(pin.code, 'demo'), 120);
    const approved = await waiting;
    expect(approved.newRegistration).toBe(false);
    const me = await getUser(c.withToken(approved.authToken));
    expect(me.username).toBe('demo');
  });

  test('an expired PIN ends the wait with PinExpiredError; another client cannot read the PIN', async () => {
    const c = client();
    const pin = await createPin(c);
    await expect(checkPin(client(undefined, 'someone-else'), pin.id)).rejects.toBeInstanceOf(PinExpiredError);
    const waiting = waitForPin(c, pin, { interval: 50 }).catch((e: unknown) => e);
    setTimeout(() => emulator.control.expirePin(pin.id), 100);
    const error = await waiting;
    expect(error).toBeInstanceOf(PinExpiredError);
    expect((error as PinExpiredError).code).toBe(1020);
  });

  test('linkPin approves another device’s 4-character code from a signed-in account', async () => {
    const tv = client(undefined, 'living-room-tv');
    const pin = await createPin(tv);
    expect(pin.code).toMatch(/^[A-Z0-9]{4}$/);
    await linkPin(client('demo-token'), pin.code.toLowerCase());
    const done = await checkPin(tv, pin.id);
    expect((await getUser(tv.withToken(done.authToken))).username).toBe('demo');
    await expect(linkPin(client('demo-token'), 'ZZZZ')).rejects.toBeInstanceOf(PinExpiredError);
  });

  test('MyPlexAccount getWebLogin / webLoginCheck', async () => {
    const account = new MyPlexAccount({
      client: {
        clientIdentifier: 'compat-web',
        baseUrl: 'https://plex.tv',
        fetch: emulator.fetch.bind(emulator),
      },
    });
    const web = await account.getWebLogin('https://app.example/back');
    expect(web.uri).toContain('forwardUrl=https%3A%2F%2Fapp.example%2Fback');
    setTimeout(() => emulator.control.approvePin(web.id, 'freeuser'), 100);
    const signedIn = await account.webLoginCheck(web, 10);
    expect(signedIn.username).toBe('freeuser');
    expect(signedIn.authenticationToken).toBeTruthy();
  });

  test('the static MyPlexAccount.getWebLogin / webLoginCheck pair (as in @ctrl/plex 3.x)', async () => {
    // The statics make their own account with the global fetch: point it at the emulator for this test.
    vi.stubGlobal('fetch', emulator.fetch.bind(emulator));
    try {
      const web = await MyPlexAccount.getWebLogin();
      setTimeout(() => emulator.control.approvePin(web.id, 'freeuser'), 100);
      const signedIn = await MyPlexAccount.webLoginCheck(web, 10);
      expect(signedIn).toBeInstanceOf(MyPlexAccount);
      expect(signedIn.username).toBe('freeuser');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('Plex JWT', () => {
  test('register → token → verify → rotate keys → verify again → refresh; the JWT works as a token', async () => {
    const key = await generateDeviceKey();
    const c = client();
    await registerDeviceKey(c.withToken('demo-token'), key);
    const jwt = await fetchPlexJwt(c, key);
    const claims = await verifyPlexJwt(c, jwt, { key });
    expect(claims).toMatchObject({ iss: 'plex.tv', thumbprint: key.kid, user: { username: 'demo' } });
    expect(plexJwtExpiry(jwt)!.getTime() - Date.now()).toBeGreaterThan(6 * 86_400_000);
    expect((await getUser(c.withToken(jwt))).username).toBe('demo');

    emulator.control.rotateJwtKeys();
    await expect(verifyPlexJwt(c, jwt, { key })).resolves.toBeTruthy(); // the old key is still published
    const newer = await fetchPlexJwt(c, key);
    await expect(verifyPlexJwt(c, newer, { key })).resolves.toBeTruthy();

    emulator.control.dropOldJwtKeys();
    const error = await verifyPlexJwt(c, jwt).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JwtVerificationError);

    // Refresh needs only the key, no legacy token: a JWT expiring within the window is replaced.
    const kept = await freshPlexJwt(c, key, newer);
    expect(kept).toEqual({ jwt: newer, refreshed: false });
    emulator.control.setClock(Date.now() + 60_000); // a later iat makes a different token
    const refreshed = await freshPlexJwt(c, key, newer, { refreshWithin: 8 * 86_400_000 });
    expect(refreshed.refreshed).toBe(true);
    expect(refreshed.jwt).not.toBe(newer);
    expect((await getUser(c.withToken(refreshed.jwt))).username).toBe('demo');
  });

  test('each Plex JWT issued is distinct, even with a frozen clock (python-plexapi asserts a refresh differs)', async () => {
    const key = await generateDeviceKey();
    const c = client();
    await registerDeviceKey(c.withToken('demo-token'), key);
    emulator.control.setClock(Date.now()); // frozen: same iat and exp for both
    const first = await fetchPlexJwt(c, key);
    const second = await fetchPlexJwt(c, key);
    expect(second).not.toBe(first);
    expect(readPlexJwt(second)!.iat).toBe(readPlexJwt(first)!.iat);
  });

  test('an unregistered key cannot get a JWT', async () => {
    const key = await generateDeviceKey();
    await expect(fetchPlexJwt(client(), key)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  test('JWK-in-PIN: approving the PIN yields a Plex JWT for the device key', async () => {
    const key = await generateDeviceKey();
    const c = client();
    const pin = await createPin(c, { strong: true, deviceKey: key });
    const waiting = waitForPin(c, pin, { interval: 50 });
    setTimeout(() => emulator.control.approvePin(pin.id, 'demo'), 100);
    const { authToken } = await waiting;
    const claims = await verifyPlexJwt(c, authToken!, { key });
    expect(claims.thumbprint).toBe(key.kid);
  });
});

describe('browser kit against the emulator', () => {
  function fakeWindow(onOpen: (popup: { location: { href: string } }) => void): BrowserWindow {
    return {
      open: () => {
        const popup = { closed: false, close() {}, location: { href: '' } };
        onOpen(popup);
        return popup;
      },
      location: { href: 'https://app.example/', assign() {} },
      sessionStorage: { getItem: () => null, setItem() {}, removeItem() {} },
    };
  }

  test('signInWithPlex with the JWT variant: approve in the "popup", get a verified Plex JWT and the account', async () => {
    const key = await generateDeviceKey();
    const c = client(undefined, 'browser-kit');
    const win = fakeWindow((popup) => {
      // What a person does in the auth page, through the control API once the popup has the URL.
      const timer = setInterval(() => {
        const code = new URLSearchParams(popup.location.href.split('#?')[1] ?? '').get('code');
        if (code) {
          clearInterval(timer);
          emulator.control.approvePin(code, 'demo');
        }
      }, 20);
    });
    const outcome = await signInWithPlex({
      client: c,
      deviceKey: key,
      window: win,
      account: true,
      interval: 50,
    });
    expect(outcome.status).toBe('signed-in');
    if (outcome.status !== 'signed-in') return;
    expect(outcome.account?.username).toBe('demo');
    await expect(verifyPlexJwt(c, outcome.token, { key })).resolves.toMatchObject({ thumbprint: key.kid });
  });
});
