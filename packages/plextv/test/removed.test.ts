/** Removed endpoints (endpoints/removed.ts): the map from each endpoint plex.tv removed to its replacement. */
import { REMOVED_ENDPOINTS } from 'plextv';
import { describe, expect, test } from 'vitest';

describe('removed endpoints', () => {
  test('REMOVED_ENDPOINTS lists the three removed paths with their replacements', () => {
    const paths = new Set(Object.values(REMOVED_ENDPOINTS).map((e) => e.path.replace(/\/\{id\}$/, '')));
    expect(paths).toEqual(new Set(['/api/invites/requested', '/api/invites/requests', '/api/friends']));
    expect(REMOVED_ENDPOINTS.removeFriend.replacement).toContain('DELETE /api/v2/sharings/{id}');
  });
});
