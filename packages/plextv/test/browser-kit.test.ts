/** The browser sign-in kit with a stand-in window and a scripted plex.tv (the real-browser run is e2e). */
import { createClient } from 'plextv';
import { type BrowserWindow, completeSignInWithPlex, type PopupWindow, signInWithPlex } from 'plextv/browser';
import { describe, expect, test } from 'vitest';

interface FakePlex {
  approved: boolean;
  gone: boolean;
  polls: number;
  urls: string[];
}

function plexTv(opts: { approveAfterPolls?: number } = {}) {
  const state: FakePlex = { approved: false, gone: false, polls: 0, urls: [] };
  const pin = () => ({
    id: 77,
    code: 'STRONGCODE0123456789ABCDE',
    expiresIn: 1800,
    authToken: state.approved ? 'tok-77' : null,
  });
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    state.urls.push(`${init?.method ?? 'GET'} ${url}`);
    const send = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (url.includes('/api/v2/pins?strong=true')) return send(pin(), 201);
    if (url.includes('/api/v2/pins/77')) {
      if (state.gone) return send({ errors: [{ code: 1020, message: 'Code not found or expired' }] }, 404);
      state.polls++;
      if (opts.approveAfterPolls !== undefined && state.polls >= opts.approveAfterPolls)
        state.approved = true;
      return send(pin());
    }
    if (url.endsWith('/api/v2/user'))
      return send({ id: 1, uuid: 'a1b2c3d4e5f60001', authToken: 'tok-77', username: 'demo' });
    return send({ errors: [{ code: 1002 }] }, 404);
  };
  return {
    state,
    client: createClient({ clientIdentifier: 'web-app', product: 'Web App', fetch, retry: false }),
  };
}

function fakeWindow(opts: { block?: boolean } = {}) {
  const storage = new Map<string, string>();
  const popup: PopupWindow & { opened: string[] } = {
    closed: false,
    opened: [],
    close() {
      this.closed = true;
    },
    location: { href: 'about:blank' },
  };
  const assigned: string[] = [];
  const win: BrowserWindow = {
    open: (url) => {
      popup.opened.push(url ?? '');
      return opts.block ? null : popup;
    },
    location: { href: 'https://app.example/login', assign: (url) => assigned.push(url) },
    sessionStorage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
  };
  return { win, popup, storage, assigned };
}

describe('popup mode', () => {
  test('opens the popup synchronously, sends it to Plex, resolves signed in with the account', async () => {
    const { client, state } = plexTv({ approveAfterPolls: 2 });
    const { win, popup } = fakeWindow();
    const pending = signInWithPlex({
      client,
      window: win,
      interval: 20,
      account: true,
      authAppUrl: 'https://auth.test/auth',
    });
    // Before any await resolved, the popup exists: a blocker would have allowed it.
    expect(popup.opened).toEqual(['']);
    const outcome = await pending;
    expect(outcome).toMatchObject({ status: 'signed-in', token: 'tok-77', account: { username: 'demo' } });
    expect(String(popup.location.href)).toMatch(
      /^https:\/\/auth\.test\/auth#\?clientID=web-app&code=STRONGCODE/,
    );
    expect(popup.closed).toBe(true);
    expect(state.urls.filter((u) => u.includes('/pins/77')).length).toBe(2);
  });

  test('closing the popup without approving → popup-closed', async () => {
    const { client } = plexTv();
    const { win, popup } = fakeWindow();
    const pending = signInWithPlex({ client, window: win, interval: 20 });
    setTimeout(() => popup.close(), 100);
    expect(await pending).toEqual({ status: 'popup-closed' });
  });

  test('approving then closing at once is still a sign-in (last look)', async () => {
    const { client, state } = plexTv();
    const { win, popup } = fakeWindow();
    const pending = signInWithPlex({ client, window: win, interval: 5_000 });
    setTimeout(() => {
      state.approved = true;
      popup.close();
    }, 100);
    expect(await pending).toMatchObject({ status: 'signed-in', token: 'tok-77' });
  });

  test('a blocked popup, an abort and an expired PIN are outcomes, not exceptions', async () => {
    const blocked = fakeWindow({ block: true });
    expect(await signInWithPlex({ client: plexTv().client, window: blocked.win })).toEqual({
      status: 'popup-blocked',
    });

    const controller = new AbortController();
    const aborted = signInWithPlex({
      client: plexTv().client,
      window: fakeWindow().win,
      interval: 20,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 60);
    expect(await aborted).toEqual({ status: 'aborted' });

    const expiring = plexTv();
    const pending = signInWithPlex({ client: expiring.client, window: fakeWindow().win, interval: 20 });
    setTimeout(() => {
      expiring.state.gone = true;
    }, 60);
    expect(await pending).toEqual({ status: 'expired' });
  });
});

describe('redirect mode', () => {
  test('keeps the PIN in sessionStorage (never in the URL), then completes on return', async () => {
    const { client, state } = plexTv();
    const { win, storage, assigned } = fakeWindow();
    const started = await signInWithPlex({
      client,
      window: win,
      mode: 'redirect',
      forwardUrl: 'https://app.example/back',
    });
    expect(started.status).toBe('redirecting');
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toContain(`forwardUrl=${encodeURIComponent('https://app.example/back')}`);
    expect(assigned[0]).not.toMatch(/\b77\b/);
    expect(JSON.parse(storage.get('plextv:pending-sign-in')!)).toMatchObject({
      id: 77,
      clientIdentifier: 'web-app',
    });

    state.approved = true;
    const done = await completeSignInWithPlex({ client, window: win, account: true });
    expect(done).toMatchObject({ status: 'signed-in', token: 'tok-77', account: { username: 'demo' } });
    expect(storage.size).toBe(0);
    expect(await completeSignInWithPlex({ client, window: win })).toBeUndefined();
  });

  test('a pending sign-in of another client identifier is ignored; a denied one expires', async () => {
    const { client, state } = plexTv();
    const { win, storage } = fakeWindow();
    await signInWithPlex({ client, window: win, mode: 'redirect' });
    const other = createClient({ clientIdentifier: 'someone-else', fetch: async () => new Response('{}') });
    expect(await completeSignInWithPlex({ client: other, window: win })).toBeUndefined();
    await signInWithPlex({ client, window: win, mode: 'redirect' });
    state.gone = true;
    expect(await completeSignInWithPlex({ client, window: win, interval: 20 })).toEqual({
      status: 'expired',
    });
    expect(storage.size).toBe(0);
  });
});
