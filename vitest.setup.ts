/**
 * When test files share worker processes (`npm run test:fast`: --no-isolate), put back before each file the web
 * globals node started with. Starting the emulator's loopback server (@hono/node-server) replaces the global
 * Request and Response, which MSW, for one, minds.
 */
const KEY = Symbol.for('plextv.test.pristine-globals');
const NAMES = ['Request', 'Response', 'Headers', 'fetch'] as const;
const store = globalThis as unknown as Record<symbol, Record<string, unknown> | undefined>;
const globals = globalThis as unknown as Record<string, unknown>;
store[KEY] ??= Object.fromEntries(NAMES.map((name) => [name, globals[name]]));
for (const name of NAMES) {
  Object.defineProperty(globalThis, name, { value: store[KEY][name], writable: true, configurable: true });
}
