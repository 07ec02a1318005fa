// Module hooks for count-modules.mjs (they run on the loader thread): note each ES module (or CommonJS file
// reached by `import`) as it loads.
import { appendFileSync } from 'node:fs';

export async function load(url, context, next) {
  const result = await next(url, context);
  if (process.env.STARTUP_MODULES && !url.startsWith('node:')) {
    appendFileSync(process.env.STARTUP_MODULES, `${result.format === 'commonjs' ? 'cjs' : 'esm'}:${url}\n`);
  }
  return result;
}
