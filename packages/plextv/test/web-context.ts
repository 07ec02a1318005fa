/** Run plextv as a browser would: an esbuild browser bundle, evaluated where only web globals exist. */
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';

/** An IIFE browser bundle (global `plextv`) of the given exports; esbuild refuses Node built-ins here. */
export async function browserBundle(exports: readonly string[]): Promise<string> {
  const result = await build({
    stdin: { contents: `export { ${exports.join(', ')} } from 'plextv';`, resolveDir: process.cwd() },
    bundle: true,
    format: 'iife',
    globalName: 'plextv',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Evaluate `code` with only what a browser offers (no process, require, Buffer or performance). */
export function runWithWebGlobals(
  code: string,
  extra: { fetch: typeof fetch; navigator?: { userAgent: string } },
): typeof import('plextv') {
  const context: Record<string, unknown> = {
    Headers,
    Request,
    Response,
    URL,
    URLSearchParams,
    AbortController,
    AbortSignal,
    DOMException,
    setTimeout,
    clearTimeout,
    TextEncoder,
    TextDecoder,
    ...extra,
  };
  context.globalThis = context;
  runInNewContext(code, context);
  return context.plextv as typeof import('plextv');
}
