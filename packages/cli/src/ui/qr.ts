/**
 * A QR code for the terminal (uqr, rendered with half-block characters: two modules per character cell).
 * uqr is loaded on the first QR code only (most commands never draw one), synchronously through its CommonJS
 * build, so these functions stay synchronous.
 */
import { createRequire } from 'node:module';
import type * as Uqr from 'uqr';
import type { Colors } from '../output.js';

let uqr: typeof Uqr | undefined;
function renderUnicodeCompact(...args: Parameters<typeof Uqr.renderUnicodeCompact>): string {
  uqr ??= createRequire(import.meta.url)('uqr') as typeof Uqr;
  return uqr.renderUnicodeCompact(...args);
}

/**
 * `text` as a QR code, one string per line. Light modules are drawn in the foreground colour (the usual
 * light-on-dark terminal); with colours on, white on black is forced so it scans on light themes too.
 */
export function qrLines(text: string, colors?: Colors): string[] {
  const lines = renderUnicodeCompact(text, { ecc: 'L', border: 1 }).split('\n');
  if (!colors?.isColorSupported) return lines;
  return lines.map((line) => colors.bgBlack(colors.whiteBright(line)));
}

/** How many columns the QR code of `text` takes. */
export function qrWidth(text: string): number {
  return renderUnicodeCompact(text, { ecc: 'L', border: 1 }).split('\n')[0]?.length ?? 0;
}
