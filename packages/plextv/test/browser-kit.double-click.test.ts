/** Issue #12 item 6: a second "Sign in with Plex" click while one is pending joins it (one popup, one outcome). */
import { createClient } from 'plextv';
import { type BrowserWindow, type PopupWindow, signInWithPlex } from 'plextv/browser';
import { expect, test } from 'vitest';

function plexTv() {
  const state = { approved: false, pinsCreated: 0 };
  const send = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const pin = () => ({
    id: 77,
    code: 'STRONGCODE0123456789ABCDE',
    expiresIn: 1800,
    authToken: state.approved ? 'tok-77' : null,
  });
  const fetch = async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.includes('/api/v2/pins?strong=true')) {
      state.pinsCreated++;
      return send(pin(), 201);
    }
    if (url.includes('/api/v2/pins/77')) return send(pin());
    return send({ errors: [{ code: 1002 }] }, 404);
  };
  return { state, client: createClient({ clientIdentifier: 'web-app', fetch, retry: false }) };
}

function fakeWindow() {
  const opened: string[] = [];
  let focused = 0;
  // One named popup, as a browser gives for window.open(…, 'plex-sign-in'): a second open returns the same one.
  const popup: PopupWindow = {
    closed: false,
    close() {
      this.closed = true;
    },
    focus() {
      focused++;
    },
    location: { href: 'about:blank' },
  };
  const win: BrowserWindow = {
    open: (url) => {
      opened.push(url ?? '');
      popup.closed = false;
      return popup;
    },
    location: { href: 'https://app.example/login', assign: () => undefined },
    sessionStorage: { getItem: () => null, setItem: () => undefined, removeItem: () => undefined },
  };
  return { win, popup, opened, focused: () => focused };
}

test('two clicks: one popup, one PIN, focused on the second click, one outcome for both', async () => {
  const { client, state } = plexTv();
  const { win, opened, focused } = fakeWindow();
  const first = signInWithPlex({ client, window: win, interval: 20 });
  await new Promise((r) => setTimeout(r, 50));
  const second = signInWithPlex({ client, window: win, interval: 20 });
  expect(focused()).toBe(1);
  expect(opened).toHaveLength(1);
  setTimeout(() => {
    state.approved = true;
  }, 100);
  const [a, b] = await Promise.all([first, second]);
  expect(a).toMatchObject({ status: 'signed-in', token: 'tok-77' });
  expect(b).toBe(a);
  expect(state.pinsCreated).toBe(1);
});

test('once the first has settled, the next click starts a new sign-in', async () => {
  const { client, state } = plexTv();
  const { win, popup, opened } = fakeWindow();
  const first = signInWithPlex({ client, window: win, interval: 20 });
  setTimeout(() => popup.close(), 60);
  expect(await first).toEqual({ status: 'popup-closed' });
  state.approved = true;
  const again = await signInWithPlex({ client, window: win, interval: 20 });
  expect(again).toMatchObject({ status: 'signed-in' });
  expect(opened).toHaveLength(2);
  expect(state.pinsCreated).toBe(2);
});
