/** Real plex.tv bodies, vendored in fixtures/realworld/plextv (provenance in its INDEX.md). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CAPTURES = fileURLToPath(new URL('../../../fixtures/realworld/plextv/', import.meta.url));

export function capture(path: string): string {
  return readFileSync(CAPTURES + path, 'utf8');
}
