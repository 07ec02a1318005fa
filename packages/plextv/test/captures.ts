/** Real plex.tv bodies from ../shared/realworld/plextv (next to the repository, here and in CI). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CAPTURES = fileURLToPath(new URL('../../../../shared/realworld/plextv/', import.meta.url));

export function capture(path: string): string {
  return readFileSync(CAPTURES + path, 'utf8');
}
