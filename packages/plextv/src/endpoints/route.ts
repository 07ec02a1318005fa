/**
 * A route: what one plex.tv call asks for — method, host, path template, how it is sent — written once as a
 * value, apart from sending it (`call.ts`) and from the caller's per-call options (`CallOptions`).
 */
import type { Host } from '../options.js';
import type { Accept, Method } from '../transport.js';
import type { BodyDecoder } from './body.js';
import { pathSegment } from './segment.js';

/** The `{name}` parameters of a path template: `'/api/v2/pins/{id}'` → `'id'`. */
export type ParamsOf<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamsOf<Rest>
  : never;

export interface Route<Path extends string = string, Out = unknown, Ctx = object> {
  /** The public function this route serves: argument errors name it (`plextv: removeDevice needs …`). */
  readonly name: string;
  readonly method: Method;
  /** Path template; every `{param}` is filled with one checked, encoded segment. */
  readonly path: Path;
  /** Which host. Default plex.tv. */
  readonly host?: Host;
  /** What to ask for. Default JSON; plex.tv answers XML where it has no JSON form. */
  readonly accept?: Accept;
  /** Send the token. Default true (when the client has one). */
  readonly auth?: boolean;
  /** Whether a retry is safe. Default: true for GET, false otherwise. */
  readonly idempotent?: boolean;
  /** What each path parameter is, for the `TypeError` a blank one gives ("the device id (PlexDevice.id)"). */
  readonly params?: { readonly [K in ParamsOf<Path>]?: string };
  /** How the answer becomes a value. Absent: the answer's body is not read (a mangled 2xx body is no error). */
  readonly body?: BodyDecoder<Out, Ctx>;
}

/** The path of a route line: `'GET /api/v2/pins/{id}'` → `'/api/v2/pins/{id}'`. */
export type PathOf<Line extends string> = Line extends `${Method} ${infer Path}` ? Path : never;

/** Everything a route says besides its name, method and path. */
export type RouteOptions<Path extends string, Out, Ctx> = Omit<
  Route<Path, Out, Ctx>,
  'name' | 'method' | 'path'
>;

/**
 * Declare a route: the public function it serves, `'METHOD /path/{param}'` (as octokit writes endpoints), and
 * how it is sent and decoded. The path's literal type is kept, so every call must give its parameters.
 */
export function route<const Line extends `${Method} /${string}`, Out = void, Ctx = object>(
  name: string,
  line: Line,
  options: RouteOptions<PathOf<Line>, Out, Ctx> = {},
): Route<PathOf<Line>, Out, Ctx> {
  const space = line.indexOf(' ');
  return {
    ...options,
    name,
    method: line.slice(0, space) as Method,
    path: line.slice(space + 1) as PathOf<Line>,
  };
}

/** A route like `base` with some of its settings changed (a name, a host, a method). */
export function variant<Path extends string, Out, Ctx>(
  base: Route<Path, Out, Ctx>,
  changes: Partial<Omit<Route<Path, Out, Ctx>, 'path'>>,
): Route<Path, Out, Ctx> {
  return { ...base, ...changes };
}

/** The route's path with every `{param}` replaced by its encoded value (blank → `TypeError`). */
export function fillPath(r: Route<string, unknown, never>, params: Record<string, unknown> = {}): string {
  const descriptions = (r.params ?? {}) as Record<string, string | undefined>;
  return r.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    const text = typeof value === 'string' || typeof value === 'number' ? value : undefined;
    return pathSegment(text, r.name, descriptions[name] ?? `a ${name}`);
  });
}
