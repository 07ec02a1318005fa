/** A stable 24-hex id derived from a parent and a label (FNV-1a, three rounds): like plex.tv's ids. */
export function derivedKey(parent: string, label: string): string {
  let out = '';
  for (let round = 0; round < 3; round++) {
    let h = 0x811c9dc5 ^ round;
    for (const ch of `${parent}/${label}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}
