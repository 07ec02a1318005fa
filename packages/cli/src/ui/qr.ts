/**
 * A QR code for the terminal (uqr, rendered with half-block characters: two modules per character cell).
 * uqr is loaded on the first QR code only (most commands never draw one), synchronously through its CommonJS
 * build, so these functions stay synchronous.
 */
import { createRequire } from 'node:module';
import type * as Uqr from 'uqr';
import type { Colors, Env } from '../output.js';

let uqr: typeof Uqr | undefined;
function encode(...args: Parameters<typeof Uqr.encode>): ReturnType<typeof Uqr.encode> {
  uqr ??= createRequire(import.meta.url)('uqr') as typeof Uqr;
  return uqr.encode(...args);
}

/**
 * The terminal's background, for a QR code drawn without colours: `dark` (light text on a dark
 * background: the light modules are drawn as blocks) or `light` (dark text on a light background: the dark
 * modules are). With colours on, the code is drawn white on black and scans on either.
 */
export type QrTheme = 'dark' | 'light';

export const QR_THEMES: readonly string[] = ['auto', 'dark', 'light'];

/**
 * The theme: `--qr <theme>` (or `PLEXTV_QR`) when it is `dark` or `light`; otherwise (`auto`, unset) from
 * `COLORFGBG` (`15;0`: light text on black; `0;15`: black on white), else `dark`.
 */
export function qrTheme(chosen: string | undefined, env: Env): QrTheme {
  if (chosen === 'dark' || chosen === 'light') return chosen;
  const background = env.COLORFGBG?.split(';').pop()?.trim();
  if (background && /^\d+$/.test(background)) {
    const n = Number(background);
    // The 16 ANSI colours: 7 (white, light grey) and 9-15 (the bright ones but 8, dark grey) are light.
    return n === 7 || (n >= 9 && n <= 15) ? 'light' : 'dark';
  }
  return 'dark';
}

/**
 * `text` as a QR code, one string per line. With colours on, white on black is forced so it scans on light
 * and dark themes alike; without, the modules drawn as blocks are the ones that match the theme.
 */
export function qrLines(text: string, colors?: Colors, theme: QrTheme = 'dark'): string[] {
  if (colors?.isColorSupported) {
    return render(text, 'dark').map((line) => colors.bgBlack(colors.whiteBright(line)));
  }
  return render(text, theme);
}

/**
 * Two modules per cell: a block where a module is drawn in the text colour (the light modules on a dark
 * theme, the dark ones on a light theme), a space where the background shows. Below the last row (an odd
 * number of rows), the background.
 */
function render(text: string, theme: QrTheme): string[] {
  const { size, data } = encode(text, { ecc: 'L', border: 1 });
  const drawn = (x: number, y: number) => y < size && data[y]![x]! === (theme === 'light');
  const lines: string[] = [];
  for (let y = 0; y < size; y += 2) {
    let line = '';
    for (let x = 0; x < size; x++) {
      const top = drawn(x, y);
      const bottom = drawn(x, y + 1);
      line += top && bottom ? '\u2588' : top ? '\u2580' : bottom ? '\u2584' : ' ';
    }
    lines.push(line);
  }
  return lines;
}

/** How many columns the QR code of `text` takes. */
export function qrWidth(text: string): number {
  return encode(text, { ecc: 'L', border: 1 }).size;
}
