/**
 * The README's endpoint table (between `<!-- endpoint-table:start -->` and `…:end -->`) lists every
 * route the app registers, and nothing else. Adding a route? Add one row per method and path (the
 * same path on two hosts may have two rows). Register routes with explicit paths (`app.get(path, …)`):
 * a path matched by hand inside middleware (which takes `next`) is invisible to this check.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';
import type { Runtime } from '../src/routes/runtime.js';
import { createApp } from '../src/server/app.js';

const README = new URL('../README.md', import.meta.url);
const START = '<!-- endpoint-table:start -->';
const END = '<!-- endpoint-table:end -->';

/** `GET /api/v2/pins/{}`: one comparable key for a route, whatever its parameters are called. */
function key(method: string, segments: string[]): string {
  const path = `/${segments.join('/')}`.replace(/(.)\/$/, '$1');
  return `${method.toUpperCase() === 'ANY' ? 'ALL' : method.toUpperCase()} ${path}`;
}

/** A Hono path: `:id` and `:id{[0-9]+}` are parameters, `:colon{:}` (a literal regex) is its text, `*` is the rest. */
function routeKey(method: string, path: string): string {
  const segments = path
    .split('/')
    .slice(1)
    .map((segment) => {
      if (segment === '*') return '{…}';
      const literal = /^:[A-Za-z_]\w*\{([\w:.-]+)\}$/.exec(segment);
      if (literal) return literal[1] as string;
      return segment.includes(':') ? '{}' : segment;
    });
  return key(method, segments);
}

/** A README path: `{id}`, `{id}.xml` are parameters, `{…}` is the rest. */
function readmeKey(method: string, path: string): string {
  const segments = path
    .split('/')
    .slice(1)
    .map((segment) => (segment === '{…}' ? '{…}' : segment.includes('{') ? '{}' : segment));
  return key(method, segments);
}

/** The table's rows: method and path cells (pipes inside cells are escaped as `\|`). */
function readmeRows(): Array<{ method: string; path: string; line: number }> {
  const lines = readFileSync(README, 'utf8').split('\n');
  const start = lines.indexOf(START);
  const end = lines.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md: the markers ${START} … ${END} are missing`);
  const rows: Array<{ method: string; path: string; line: number }> = [];
  for (let i = start + 1; i < end; i++) {
    const cells = (lines[i] as string).split(/(?<!\\)\|/).map((c) => c.trim());
    const [method, pathCell] = [cells[1] ?? '', cells[2] ?? ''];
    if (method === 'method' || /^-+$/.test(method) || method === '') continue;
    const path = /`([^`]+)`/.exec(pathCell)?.[1];
    if (!path) throw new Error(`README.md line ${i + 1}: the path cell needs the path in backticks`);
    rows.push({ method, path, line: i + 1 });
  }
  return rows;
}

/** Every route the app registers; middleware (`app.use`, which takes `next`) is not a route. */
function appRoutes(): Array<{ method: string; path: string }> {
  const emu = createEmulator();
  const runtime = { state: emu.state, control: emu.control, servers: emu.servers } as unknown as Runtime;
  const app = createApp(runtime, { maxBodyBytes: 1 });
  return app.routes
    .filter((r) => !(r.method === 'ALL' && r.handler.length >= 2))
    .map((r) => ({ method: r.method, path: r.path }));
}

describe('README endpoint table', () => {
  it('lists every route the app serves, and only those', () => {
    const routes = appRoutes();
    const rows = readmeRows();
    expect(routes.length).toBeGreaterThan(50);
    const documented = new Set(rows.map((r) => readmeKey(r.method, r.path)));
    const served = new Set(routes.map((r) => routeKey(r.method, r.path)));

    const missing = [...new Set(routes.map((r) => routeKey(r.method, r.path)))].filter(
      (k) => !documented.has(k),
    );
    expect(
      missing,
      `served but missing from the endpoint table of packages/emulator/README.md (between ${START} and ${END}); add a row per route:\n${missing
        .map((k) => {
          const [method, path] = k.split(' ');
          return `| ${method === 'ALL' ? 'any' : method} | \`${path}\` | host | XML/JSON | answer | capture or unverified |`;
        })
        .join('\n')}\n(a parameter is any {name}; {…} is a wildcard)`,
    ).toEqual([]);

    const stale = rows.filter((r) => !served.has(readmeKey(r.method, r.path)));
    expect(
      stale.map((r) => `README.md line ${r.line}: ${r.method} ${r.path}`),
      'rows in the endpoint table that match no route the app registers (a typo, or a removed route)',
    ).toEqual([]);
  });

  it('the comparison sees parameters, wildcards and literal segments', () => {
    expect(routeKey('GET', '/api/v2/friends/:id{[0-9]+}/accept')).toBe(
      readmeKey('GET', '/api/v2/friends/{id}/accept'),
    );
    expect(routeKey('DELETE', '/devices/:file')).toBe(readmeKey('DELETE', '/devices/{id}.xml'));
    expect(routeKey('ALL', '/api/friends/*')).toBe(readmeKey('any', '/api/friends/{…}'));
    expect(routeKey('GET', '/:colon{:}/ip')).toBe(readmeKey('GET', '/:/ip'));
    expect(routeKey('GET', '/api/users/')).toBe(readmeKey('GET', '/api/users'));
    expect(routeKey('GET', '/api/v2/user')).not.toBe(readmeKey('POST', '/api/v2/user'));
    expect(routeKey('GET', '/api/v2/pins/:id')).not.toBe(readmeKey('GET', '/api/v2/pins/link'));
  });
});
