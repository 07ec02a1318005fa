/**
 * A QR code for the terminal (uqr, rendered with half-block characters: two modules per character cell).
 */
import { renderUnicodeCompact } from 'uqr';
import type { Colors } from '../output.js';

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
