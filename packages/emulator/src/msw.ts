/**
 * MSW integration (`plextv-emulator/msw`). The only module that imports msw, which is an optional
 * peer dependency.
 */

import { HttpResponse, http, type RequestHandler } from 'msw';
import { isResetBeforeAnswer } from './faults/wire.js';
import type { Emulator } from './server/emulator.js';

/** Options of `plexTvHandlers`. */
export interface PlexTvHandlersOptions {
  /**
   * The origin(s) to intercept. Default: `https://plex.tv` and `https://clients.plex.tv` (the PIN
   * and JWT endpoints live on both; python-plexapi's JWT login uses clients.plex.tv), and the
   * discover, metadata, community and RSS hosts (each answered with its own behaviour).
   */
  baseUrl?: string | string[];
}

/** The origins the MSW handlers intercept by default. */
export const DEFAULT_BASE_URLS = [
  'https://plex.tv',
  'https://clients.plex.tv',
  'https://discover.provider.plex.tv',
  'https://metadata.provider.plex.tv',
  'https://community.plex.tv',
  'https://rss.plex.tv',
];

/** MSW request handlers that answer plex.tv and its sibling hosts from `emulator`, faults included. */
export function plexTvHandlers(emulator: Emulator, options: PlexTvHandlersOptions = {}): RequestHandler[] {
  const bases = options.baseUrl === undefined ? DEFAULT_BASE_URLS : [options.baseUrl].flat();
  return bases.map((base) =>
    http.all(`${base.replace(/\/+$/, '')}/*`, ({ request }) =>
      // A reset before the answer (an injected fault) is a network error for MSW too.
      emulator.handle(request).catch((error: unknown) => {
        if (isResetBeforeAnswer(error)) return HttpResponse.error();
        throw error;
      }),
    ),
  );
}
