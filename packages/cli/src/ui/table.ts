/** Aligned columns for people: a dim header row, two spaces between columns, fitted to the terminal. */
import type { Colors } from '../output.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

/** Width on screen (ANSI colours take none). */
export function visibleWidth(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/** `text` cut to `width` characters with `…` when longer (colours are dropped from a cut cell). */
export function truncate(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  const plain = [...text.replace(ANSI, '')];
  return width <= 1 ? plain.slice(0, width).join('') : `${plain.slice(0, width - 1).join('')}…`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}

export interface TableOptions {
  c: Colors;
  /** The line width to fit in (the terminal's); undefined: as wide as the table needs. */
  columns: number | undefined;
  /**
   * Columns that may be cut (with `…`) when the table is too wide, in the order they give way. Default: none
   * (the table is as wide as it needs).
   */
  shrink?: readonly number[];
  /** The narrowest a shrinking column gets. Default 8. */
  minWidth?: number;
}

/** The table as lines (no trailing spaces). */
export function renderTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  options: TableOptions,
): string {
  const { c, columns, shrink = [], minWidth = 8 } = options;
  const widths = headers.map((h, i) =>
    Math.max(visibleWidth(h), ...rows.map((r) => visibleWidth(r[i] ?? ''))),
  );
  const total = () => widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  for (const i of columns === undefined ? [] : shrink) {
    const over = total() - columns!;
    if (over <= 0) break;
    widths[i] = Math.max(minWidth, visibleWidth(headers[i] ?? ''), widths[i]! - over);
  }
  const line = (cells: readonly string[], style: (s: string) => string = (s) => s) =>
    cells
      .map((cell, i) => {
        const fitted = truncate(cell, widths[i]!);
        return i === cells.length - 1 ? style(fitted) : style(pad(fitted, widths[i]!));
      })
      .join('  ')
      .trimEnd();
  return [line(headers, c.dim), ...rows.map((r) => line(r))].join('\n');
}
