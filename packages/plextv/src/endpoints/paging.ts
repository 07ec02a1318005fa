/**
 * Bounds on a walk over pages (`watchlistPages`, a friend's whole watchlist). A provider decides when a list
 * ends (`totalSize`, `hasNextPage`, a cursor); one that never says so — fresh items or fresh cursors forever —
 * must not keep a walk going without end. Past these bounds the walk fails with `ResponseTooLargeError`.
 */
import { ResponseTooLargeError } from '../errors.js';

/** Most items one walk gathers (a real watchlist holds hundreds, a few thousand at most). */
export const MAX_WALK_ITEMS = 100_000;
/** Most pages (requests) one walk makes, whatever the page size. */
export const MAX_WALK_PAGES = 10_000;

/**
 * Throws `ResponseTooLargeError` when a walk that has read `pages` pages and `items` items is past the bounds.
 * `what` names the walk and `context` its request (method and path) in the error.
 */
export function checkWalk(
  what: string,
  context: { method: string; path: string },
  pages: number,
  items: number,
): void {
  if (items > MAX_WALK_ITEMS) {
    throw new ResponseTooLargeError(
      `${what}: more than ${MAX_WALK_ITEMS} items and the provider still says there is more (stopped)`,
      { ...context, limit: MAX_WALK_ITEMS, unit: 'items' },
    );
  }
  if (pages >= MAX_WALK_PAGES) {
    throw new ResponseTooLargeError(
      `${what}: ${MAX_WALK_PAGES} pages and the provider still says there is more (stopped)`,
      { ...context, limit: MAX_WALK_PAGES, unit: 'items' },
    );
  }
}
