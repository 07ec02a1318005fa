import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import { attr, CLIENT, get, JSON_ACCEPT, jsonError, XML_DECL, xmlError } from './helpers.js';

const NOT_FOUND = jsonError(1020, 'Code not found or expired', 404);

function createPin(
  emu: Emulator,
  opts: { query?: string; json?: boolean; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Response> {
  return emu.fetch(`https://plex.tv/api/v2/pins${opts.query ?? ''}`, {
    method: 'POST',
    headers: {
      ...(opts.json === false ? CLIENT : JSON_ACCEPT),
      'X-Plex-Product': 'Test App',
      ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
}

async function newPin(emu: Emulator, query = ''): Promise<{ id: number; code: string }> {
  const res = await createPin(emu, { query });
  expect(res.status).toBe(201);
  return res.json();
}

function link(emu: Emulator, code: string, token?: string): Promise<Response> {
  return emu.fetch('https://plex.tv/api/v2/pins/link', {
    method: 'PUT',
    headers: {
      ...JSON_ACCEPT,
      'X-Plex-Product': 'Plex SSO',
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(token !== undefined ? { 'X-Plex-Token': token } : {}),
    },
    body: new URLSearchParams({ code }).toString(),
  });
}

describe('POST /api/v2/pins', () => {
  it('201: a 4-character PIN, 900 s, the newest capture shape, dates from the emulator clock', async () => {
    const emu = createEmulator();
    const res = await createPin(emu);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const pin = await res.json();
    expect(Object.keys(pin)).toEqual([
      'id',
      'code',
      'product',
      'trusted',
      'qr',
      'clientIdentifier',
      'location',
      'expiresIn',
      'createdAt',
      'expiresAt',
      'authToken',
      'newRegistration',
    ]);
    expect(pin).toMatchObject({
      product: 'Test App',
      trusted: false,
      qr: `https://plex.tv/api/v2/pins/qr/${pin.code}`,
      clientIdentifier: CLIENT['X-Plex-Client-Identifier'],
      expiresIn: 900,
      createdAt: '2025-01-15T12:00:00Z',
      expiresAt: '2025-01-15T12:15:00Z',
      authToken: null,
      newRegistration: null,
    });
    expect(Number.isInteger(pin.id)).toBe(true);
    expect(pin.code).toMatch(/^[A-Z0-9]{4}$/);
    expect(Object.keys(pin.location)).toEqual([
      'code',
      'european_union_member',
      'continent_code',
      'country',
      'city',
      'time_zone',
      'postal_code',
      'in_privacy_restricted_country',
      'in_privacy_restricted_region',
      'subdivisions',
      'coordinates',
    ]);
    expect(typeof pin.location.postal_code).toBe('string');
  });

  it('strong=true: a 25-character code, 1800 s; ids are sequential; codes differ', async () => {
    const emu = createEmulator();
    const a = await newPin(emu, '?strong=true');
    const b = await (await createPin(emu, { body: { strong: true } })).json();
    expect(a.code).toMatch(/^[a-z0-9]{25}$/);
    expect(b.code).toMatch(/^[a-z0-9]{25}$/);
    expect(b.expiresIn).toBe(1800);
    expect(b.expiresAt).toBe('2025-01-15T12:30:00Z');
    expect(b.id).toBe(a.id + 1);
    expect(b.code).not.toBe(a.code);
  });

  it('product falls back to "0" (as older captures show); qr follows the request origin', async () => {
    const emu = createEmulator();
    const res = await emu.fetch('http://127.0.0.1:9999/api/v2/pins', {
      method: 'POST',
      headers: JSON_ACCEPT,
    });
    const pin = await res.json();
    expect(pin.product).toBe('0');
    expect(pin.qr).toBe(`http://127.0.0.1:9999/api/v2/pins/qr/${pin.code}`);
  });

  it('XML for non-JSON Accept: <pin …><location …/></pin>, flags 0/1, "" for null', async () => {
    const emu = createEmulator();
    const res = await createPin(emu, { json: false });
    expect(res.status).toBe(201);
    const xml = await res.text();
    const id = attr(xml, 'pin', 'id')!;
    const code = attr(xml, 'pin', 'code')!;
    expect(xml).toBe(
      `${XML_DECL}<pin id="${id}" code="${code}" product="Test App" trusted="0" qr="https://plex.tv/api/v2/pins/qr/${code}" clientIdentifier="emulator-test-client" expiresIn="900" createdAt="2025-01-15T12:00:00Z" expiresAt="2025-01-15T12:15:00Z" authToken="" newRegistration="">\n` +
        '  <location code="US" european_union_member="0" continent_code="NA" country="United States" city="San Francisco" time_zone="America/Los_Angeles" postal_code="94103" in_privacy_restricted_country="0" in_privacy_restricted_region="0" subdivisions="California" coordinates="37.7749, -122.4194"/>\n' +
        '</pin>\n',
    );
  });

  it('needs X-Plex-Client-Identifier (400 1000), but no token', async () => {
    const emu = createEmulator();
    const res = await emu.fetch('https://plex.tv/api/v2/pins', {
      method: 'POST',
      headers: { Accept: 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(jsonError(1000, 'X-Plex-Client-Identifier is missing', 400));
  });

  it('a bad JSON body or a bad JWK is a 400 1000 with a clear message', async () => {
    const emu = createEmulator();
    const broken = await emu.fetch('https://plex.tv/api/v2/pins', {
      method: 'POST',
      headers: { ...JSON_ACCEPT, 'Content-Type': 'application/json' },
      body: '{"jwk":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual(jsonError(1000, 'Request body is not valid JSON', 400));
    const bad = await createPin(emu, { body: { jwk: { kty: 'EC', crv: 'P-256', x: 'abc' } } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual(jsonError(1000, 'Invalid JWK: jwk.kty must be "OKP", got "EC"', 400));
    expect(emu.control.pins()).toEqual([]);
  });
});

describe('GET /api/v2/pins/{id}', () => {
  it('pending: the same document; readable only by the creating client', async () => {
    const emu = createEmulator();
    const created = await (await createPin(emu)).json();
    const res = await get(emu, `/api/v2/pins/${created.id}`, { json: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(created);
    const other = await get(emu, `/api/v2/pins/${created.id}`, {
      json: true,
      headers: { 'X-Plex-Client-Identifier': 'someone-else' },
    });
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual(NOT_FOUND);
  });

  it('unknown, non-numeric or expired (by the emulator clock): 404 1020, JSON and XML', async () => {
    const emu = createEmulator();
    const pin = await newPin(emu);
    for (const path of ['/api/v2/pins/42', '/api/v2/pins/abc', '/api/v2/pins/link']) {
      const res = await get(emu, path, { json: true });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(NOT_FOUND);
    }
    emu.control.setClock('2025-01-15T12:14:59Z');
    expect((await get(emu, `/api/v2/pins/${pin.id}`)).status).toBe(200);
    emu.control.setClock('2025-01-15T12:15:00Z');
    const expired = await get(emu, `/api/v2/pins/${pin.id}`);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toBe(xmlError(1020, 'Code not found or expired', 404));
  });
});

describe('PUT /api/v2/pins/link', () => {
  it('approves a 4-character PIN for the token account: 204; then authToken is a working token', async () => {
    const emu = createEmulator();
    const pin = await newPin(emu);
    const res = await link(emu, pin.code.toLowerCase(), 'free-token');
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    const linked = await (await get(emu, `/api/v2/pins/${pin.id}`, { json: true })).json();
    expect(linked.newRegistration).toBe(false);
    expect(linked.authToken).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const user = await get(emu, '/api/v2/user', { token: linked.authToken, json: true });
    expect((await user.json()).username).toBe('freeuser');
    expect(emu.state.tokens.get(linked.authToken)?.clientIdentifier).toBe('emulator-test-client');
    // XML: newRegistration="0", authToken filled in
    const xml = await (await get(emu, `/api/v2/pins/${pin.id}`)).text();
    expect(attr(xml, 'pin', 'authToken')).toBe(linked.authToken);
    expect(attr(xml, 'pin', 'newRegistration')).toBe('0');
  });

  it('needs a token (401 1001); unknown, expired or strong codes are 404 1020', async () => {
    const emu = createEmulator();
    const pin = await newPin(emu);
    expect((await link(emu, pin.code)).status).toBe(401);
    const unknown = await link(emu, 'ZZZZ', 'demo-token');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual(NOT_FOUND);
    const strong = await newPin(emu, '?strong=true');
    expect((await link(emu, strong.code, 'demo-token')).status).toBe(404);
    emu.control.expirePin(pin.id);
    expect((await link(emu, pin.code, 'demo-token')).status).toBe(404);
  });
});

describe('GET /api/v2/pins/qr/{code}', () => {
  it('an SVG card for a live code (no client identifier needed), else 404 1020', async () => {
    const emu = createEmulator();
    const pin = await newPin(emu);
    const res = await emu.fetch(`https://plex.tv/api/v2/pins/qr/${pin.code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain(pin.code);
    expect((await emu.fetch('https://plex.tv/api/v2/pins/qr/NOPE')).status).toBe(404);
  });
});

describe('control: PINs', () => {
  it('approvePin by code or id, pins(), denyPin, expirePin', async () => {
    const emu = createEmulator();
    const a = await newPin(emu);
    const b = await newPin(emu, '?strong=true');
    expect(emu.control.pins()).toEqual([
      expect.objectContaining({ id: a.id, code: a.code, approved: false, accountId: null, expired: false }),
      expect.objectContaining({ id: b.id, code: b.code, strong: true, jwk: false }),
    ]);
    const approved = emu.control.approvePin(a.code.toLowerCase(), 'demo');
    expect(approved).toMatchObject({ id: a.id, approved: true, accountId: 10000001 });
    const doc = await (await get(emu, `/api/v2/pins/${a.id}`, { json: true })).json();
    expect(emu.state.tokens.get(doc.authToken)?.accountId).toBe(10000001);
    // re-approving by the same account keeps the token
    emu.control.approvePin(a.id, 'demo');
    expect((await (await get(emu, `/api/v2/pins/${a.id}`, { json: true })).json()).authToken).toBe(
      doc.authToken,
    );

    emu.control.denyPin(String(b.id));
    expect((await get(emu, `/api/v2/pins/${b.id}`)).status).toBe(404);
    expect(emu.control.pins().map((p) => p.id)).toEqual([a.id]);

    expect(emu.control.expirePin(a.code)).toMatchObject({ expired: true, expiresAt: '2025-01-15T12:00:00Z' });
    expect((await get(emu, `/api/v2/pins/${a.id}`)).status).toBe(404);
    expect(emu.control.pins()[0]!.expired).toBe(true);
  });

  it('errors name the problem', async () => {
    const emu = createEmulator();
    expect(() => emu.control.approvePin('ABCD', 'demo')).toThrow(/approvePin: no PIN "ABCD"/);
    expect(() => emu.control.denyPin(1)).toThrow(/denyPin: no PIN 1/);
    const pin = await newPin(emu);
    expect(() => emu.control.approvePin(pin.id, 'nobody')).toThrow(/no seeded account "nobody"/);
    emu.control.expirePin(pin.id);
    expect(() => emu.control.approvePin(pin.id, 'demo')).toThrow(/has expired/);
  });

  it('reset() forgets every PIN and restarts the ids', async () => {
    const emu = createEmulator();
    const first = await newPin(emu);
    emu.control.reset();
    expect(emu.control.pins()).toEqual([]);
    expect((await newPin(emu)).id).toBe(first.id);
  });
});
