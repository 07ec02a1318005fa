/**
 * MSW integration (`plextv-emulator/msw`). The only module that imports msw, which is an optional
 * peer dependency.
 */

import { http, type RequestHandler } from 'msw';
import type { Emulator } from './emulator.js';

export interface PlexTvHandlersOptions {
  /** Default https://plex.tv */
  baseUrl?: string;
}

export function plexTvHandlers(emulator: Emulator, options: PlexTvHandlersOptions = {}): RequestHandler[] {
  const baseUrl = (options.baseUrl ?? 'https://plex.tv').replace(/\/+$/, '');
  return [http.all(`${baseUrl}/*`, ({ request }) => emulator.handle(request))];
}
