/** The plex.tv/link stand-in (GET/POST /link), driven over loopback HTTP as a browser would. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningServer } from '../src/index.js';
import { JSON_ACCEPT } from './helpers.js';

const emu = createEmulator();
let server: RunningServer;
beforeAll(async () => {
  server = await emu.listen();
});
afterAll(() => server.close());

async function createPin(product = 'Living Room TV', strong = false): Promise<{ id: number; code: string }> {
  const res = await fetch(`${server.url}/api/v2/pins${strong ? '?strong=true' : ''}`, {
    method: 'POST',
    headers: { ...JSON_ACCEPT, 'X-Plex-Product': product },
  });
  expect(res.status).toBe(201);
  return res.json();
}

async function poll(id: number): Promise<{ authToken: string | null }> {
  return (await fetch(`${server.url}/api/v2/pins/${id}`, { headers: JSON_ACCEPT })).json();
}

/** A browser form submission: urlencoded, no X-Plex headers, the page's own Origin. */
async function submit(fields: Record<string, string>): Promise<{ status: number; html: string }> {
  const res = await fetch(`${server.url}/link`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
    body: new URLSearchParams(fields).toString(),
  });
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  return { status: res.status, html: await res.text() };
}

describe('/link (the plex.tv/link stand-in)', () => {
  it('serves an accessible, script-free form listing the seeded accounts', async () => {
    for (const path of ['/link', '/link/', '/link?code=abcd']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
      const html = await res.text();
      expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(html).toContain('<form id="link-form" method="post" action="/link"');
      for (const id of [
        'code',
        'login',
        'password',
        'verification-code',
        'token',
        'method-account',
        'method-token',
      ])
        expect(html, id).toContain(`<label for="${id}">`);
      expect(html).toContain('<div id="error" role="alert">');
      expect(html).toContain('<div id="result" role="status">');
      expect(html).toContain('<legend>Approve as</legend>');
      expect(html).toContain('<option value="demo">demo (demo@plextv.test)</option>');
      expect(html).not.toContain('Kids'); // managed users have no password
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/https?:\/\//);
    }
    expect(await (await fetch(`${server.url}/link?code=abcd`)).text()).toContain('value="abcd"');
  });

  it('approves a code for a seeded account signed in with its password (and 2FA code)', async () => {
    const pin = await createPin();
    const wrong = await submit({ code: pin.code, method: 'account', login: 'demo', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain('Wrong account or password.');
    expect(wrong.html).toContain(
      'id="password" name="password" type="password" autocomplete="current-password" aria-invalid="true"',
    );
    const noCode = await submit({
      code: pin.code,
      method: 'account',
      login: 'demo',
      password: 'demo-password',
    });
    expect(noCode.status).toBe(401);
    expect(noCode.html).toContain('two-step verification');
    expect((await poll(pin.id)).authToken).toBeNull();

    const ok = await submit({
      code: pin.code.toLowerCase(),
      method: 'account',
      login: 'demo',
      password: 'demo-password',
      verificationCode: '123456',
    });
    expect(ok.status).toBe(200);
    expect(ok.html).toContain('data-state="done"');
    expect(ok.html).toContain('Done: Living Room TV is now signed in as demo.');
    const { authToken } = await poll(pin.id);
    expect(authToken).toEqual(expect.any(String));
    const user = await fetch(`${server.url}/api/v2/user`, {
      headers: { ...JSON_ACCEPT, 'X-Plex-Token': authToken! },
    });
    expect((await user.json()).username).toBe('demo');
  });

  it('approves a code with a token; refuses bad tokens, bad, unknown and strong codes', async () => {
    const pin = await createPin('<b>Evil</b> "TV"');
    const badToken = await submit({ code: pin.code, method: 'token', token: 'not-a-token' });
    expect(badToken.status).toBe(401);
    expect(badToken.html).toContain('That token is not valid.');
    expect((await submit({ code: pin.code, method: 'token', token: '' })).status).toBe(400);
    const ok = await submit({ code: pin.code, method: 'token', token: 'free-token' });
    expect(ok.status).toBe(200);
    // Everything from the request is escaped.
    expect(ok.html).toContain('Done: &#60;b&#62;Evil&#60;/b&#62; &#34;TV&#34; is now signed in as freeuser.');
    expect(ok.html).not.toContain('<b>Evil');
    expect(emu.control.pins().find((p) => p.id === pin.id)).toMatchObject({
      approved: true,
      accountId: 10000002,
    });

    const bad = await submit({ code: 'AB', method: 'token', token: 'free-token' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="code" name="code"');
    expect(bad.html).toMatch(/id="code"[^>]*aria-invalid="true"/);
    const unknown = await submit({ code: 'ZZZ9', method: 'token', token: 'free-token' });
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('was not found or has expired');
    const strong = await createPin('Strong', true);
    // A strong code is 25 characters: never a link code.
    expect((await submit({ code: strong.code, method: 'token', token: 'free-token' })).status).toBe(400);
    // An expired one is not found.
    const expired = await createPin();
    emu.control.expirePin(expired.code);
    expect((await submit({ code: expired.code, method: 'token', token: 'free-token' })).status).toBe(404);
  });
});
