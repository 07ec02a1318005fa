/** Wrapping prose for the terminal: at word boundaries, never inside a word. */

/**
 * `text` as lines of at most `width` characters, broken at spaces (a word longer than `width` stays whole on
 * its own line: a URL or an address is never cut). Without a width (not a terminal), one line.
 */
export function wrapWords(text: string, width: number | undefined): string[] {
  if (width === undefined || width <= 0 || text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    if (word === '') continue;
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
