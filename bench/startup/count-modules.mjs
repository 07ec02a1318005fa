// `node --import ./bench/startup/count-modules.mjs …`: at exit, write every module file the process loaded
// (ES modules through a load hook, CommonJS from require.cache) to the file named by STARTUP_MODULES, one
// URL or path a line. Used by bench/startup/run.mjs in one extra, untimed run per variant.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const out = process.env.STARTUP_MODULES;
if (out) {
  register('./module-hooks.mjs', import.meta.url);
  const require = createRequire(import.meta.url);
  process.on('exit', () => {
    const cjs = Object.keys(require.cache).map((p) => `cjs:${p}`);
    if (cjs.length > 0) appendFileSync(out, `${cjs.join('\n')}\n`);
  });
}
