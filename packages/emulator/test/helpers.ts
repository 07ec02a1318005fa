import { expect } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import type { XmlNode } from './shapes.js';

export const CLIENT = { 'X-Plex-Client-Identifier': 'emulator-test-client' };
export const JSON_ACCEPT = { ...CLIENT, Accept: 'application/json' };

export function emulator(): Emulator {
  return createEmulator();
}

export function get(
  emu: Emulator,
  path: string,
  opts: { token?: string; json?: boolean; headers?: Record<string, string> } = {},
): Promise<Response> {
  return emu.fetch(`https://plex.tv${path}`, {
    headers: {
      ...(opts.json ? JSON_ACCEPT : CLIENT),
      ...(opts.token !== undefined ? { 'X-Plex-Token': opts.token } : {}),
      ...opts.headers,
    },
  });
}

export function signin(
  emu: Emulator,
  fields: Record<string, string>,
  opts: { json?: boolean; body?: 'form' | 'json' } = {},
): Promise<Response> {
  const asJsonBody = opts.body === 'json';
  return emu.fetch('https://plex.tv/api/v2/users/signin', {
    method: 'POST',
    headers: {
      ...(opts.json ? JSON_ACCEPT : CLIENT),
      'Content-Type': asJsonBody ? 'application/json' : 'application/x-www-form-urlencoded',
    },
    body: asJsonBody ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
}

/** Minimal attribute reader for assertions on the emulator's own (well-formed) XML. */
export function attr(xml: string, element: string, name: string): string | undefined {
  const tag = new RegExp(`<${element}\\b([^>]*)>`).exec(xml)?.[1];
  if (tag === undefined) return undefined;
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m?.[1];
}

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function xmlError(code: number, message: string, status: number): string {
  return `${XML_DECL}<errors>\n  <error code="${code}" message="${message}" status="${status}"/>\n</errors>\n`;
}

export function jsonError(code: number, message: string, status: number): unknown {
  return { errors: [{ code, message, status }] };
}

/** Any method; `body` is sent as JSON, `form` as a form. */
export function call(
  emu: Emulator,
  method: string,
  path: string,
  opts: {
    token?: string;
    json?: boolean;
    body?: unknown;
    form?: Record<string, string>;
    headers?: Record<string, string>;
    origin?: string;
  } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    ...(opts.json ? JSON_ACCEPT : CLIENT),
    ...(opts.token !== undefined ? { 'X-Plex-Token': opts.token } : {}),
    ...opts.headers,
  };
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  } else if (opts.form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  }
  return emu.fetch(`${opts.origin ?? 'https://plex.tv'}${path}`, { method, headers, body });
}

/** A parsed JSON document in a test: free-form on purpose. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions walk documents of many shapes
export type Doc = any;

/** A JSON answer with its status checked. */
export async function jsonOf<T = Doc>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const text = await r.text();
  expect({ status: r.status, text }).toMatchObject({ status });
  expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return JSON.parse(text) as T;
}

/** An XML answer with its status checked. */
export async function xmlOf(res: Response | Promise<Response>, status = 200): Promise<string> {
  const r = await res;
  const text = await r.text();
  expect({ status: r.status, text }).toMatchObject({ status });
  expect(r.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  return text;
}

/** A request with a method, a token (default demo-token) and a form or raw body. */
export function send(
  emu: Emulator,
  method: string,
  path: string,
  opts: { token?: string; json?: boolean; form?: string; body?: string; type?: string } = {},
): Promise<Response> {
  const body = opts.form ?? opts.body;
  return emu.fetch(`https://plex.tv${path}`, {
    method,
    headers: {
      ...(opts.json ? JSON_ACCEPT : CLIENT),
      'X-Plex-Token': opts.token ?? 'demo-token',
      ...(body !== undefined
        ? {
            'Content-Type':
              opts.type ??
              (opts.form !== undefined ? 'application/x-www-form-urlencoded' : 'application/json'),
          }
        : {}),
    },
    ...(body !== undefined ? { body } : {}),
  });
}

/** plex.tv's answer to a Plex Pass feature asked for without it: [code, message, status]. */
export const NOT_AVAILABLE = [1043, 'This action is not available for this user', 403] as const;

/** Every connection kind (https, relay, IPv6). */
export const ALL = '?includeHttps=1&includeRelay=1&includeIPv6=1';

export interface Resource {
  name: string;
  clientIdentifier: string;
  owned: boolean;
  ownerId: number | null;
  sourceTitle: string | null;
  accessToken: string | null;
  home: boolean;
  connections?: Array<{
    protocol: string;
    address: string;
    port: number;
    uri: string;
    local: boolean;
    relay: boolean;
    IPv6: boolean;
  }>;
  [key: string]: unknown;
}

export async function resources(emu: Emulator, token: string, query = ALL): Promise<Resource[]> {
  const res = await get(emu, `/api/v2/resources${query}`, { token, json: true });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return res.json();
}

export function children(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

export function attrs(node: XmlNode): Record<string, string> {
  return Object.fromEntries(node.attrs);
}
