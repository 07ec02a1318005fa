/**
 * What `plextv share` may change of a friend's sharing settings: the options (`--allow-*`, `--filter-*`) read
 * into plex.tv's settings, and those settings in words.
 */
import { InvalidArgumentError } from 'commander';
import { formatSharingFilter, readSharingFilter, type SharingSettingsInput } from 'plextv';
import { UsageError } from '../errors.js';
import { decodeFilter } from './friend-views.js';

export interface ShareOptions {
  /** Comma-separated library titles (or plex.tv section ids). */
  libraries?: string;
  /** Every library of the server. */
  all?: boolean;
  allowSync?: boolean;
  allowCameraUpload?: boolean;
  allowChannels?: boolean;
  allowSubtitleAdmin?: boolean;
  allowTuners?: 0 | 1 | 2;
  filterMovies?: string;
  filterTelevision?: string;
  filterMusic?: string;
}

/** `--allow-tuners`: 0, 1 or 2 for commander. */
export function parseTuners(value: string): 0 | 1 | 2 {
  const v = value.trim();
  if (v === '0' || v === '1' || v === '2') return Number(v) as 0 | 1 | 2;
  throw new InvalidArgumentError('expected 0 (no Live TV & DVR), 1 or 2.');
}

/**
 * A `--filter-*` value as people write it (`contentRating=G,PG|label=kids`, `label!=adult`; empty to clear)
 * into the parts plex.tv stores. Anything else is a usage error.
 */
export function parseFilter(value: string, flag: string): string {
  const text = value.trim();
  if (text === '') return '';
  for (const piece of text.split(/[|&]/)) {
    if (!/^\s*(contentRating|label)!?=[^=]+$/.test(piece)) {
      throw new UsageError(
        `${flag}: "${piece}" is not a filter: use contentRating=…, contentRating!=…, label=… or label!=… (values comma-separated, filters joined with |), or "" to clear.`,
      );
    }
  }
  // Read, then written as plex.tv stores it (values URL-encoded, commas as %2C).
  return formatSharingFilter(readSharingFilter(text));
}

/** The settings the options ask to change (only those given). */
export function settingsOf(options: ShareOptions): SharingSettingsInput {
  const settings: SharingSettingsInput = {};
  if (options.allowSync !== undefined) settings.allowSync = options.allowSync;
  if (options.allowCameraUpload !== undefined) settings.allowCameraUpload = options.allowCameraUpload;
  if (options.allowChannels !== undefined) settings.allowChannels = options.allowChannels;
  if (options.allowSubtitleAdmin !== undefined) settings.allowSubtitleAdmin = options.allowSubtitleAdmin;
  if (options.allowTuners !== undefined) settings.allowTuners = options.allowTuners;
  if (options.filterMovies !== undefined)
    settings.filterMovies = parseFilter(options.filterMovies, '--filter-movies');
  if (options.filterTelevision !== undefined) {
    settings.filterTelevision = parseFilter(options.filterTelevision, '--filter-television');
  }
  if (options.filterMusic !== undefined)
    settings.filterMusic = parseFilter(options.filterMusic, '--filter-music');
  return settings;
}

/** `sync on, Live TV 2, movies filter contentRating=G,PG, music filter cleared`: the settings being changed. */
export function describeChanges(settings: SharingSettingsInput): string {
  const parts: string[] = [];
  const flags: Array<[keyof SharingSettingsInput, string]> = [
    ['allowSync', 'sync'],
    ['allowCameraUpload', 'camera upload'],
    ['allowChannels', 'channels'],
    ['allowSubtitleAdmin', 'subtitle admin'],
  ];
  for (const [key, words] of flags) {
    if (settings[key] !== undefined) parts.push(`${words} ${settings[key] ? 'on' : 'off'}`);
  }
  if (settings.allowTuners !== undefined) {
    parts.push(settings.allowTuners === 0 ? 'no Live TV' : `Live TV ${settings.allowTuners}`);
  }
  const filters: Array<[keyof SharingSettingsInput, string]> = [
    ['filterMovies', 'movies'],
    ['filterTelevision', 'TV'],
    ['filterMusic', 'music'],
  ];
  for (const [key, words] of filters) {
    const value = settings[key];
    if (typeof value !== 'string') continue;
    parts.push(value === '' ? `${words} filter cleared` : `${words} filter ${decodeFilter(value)}`);
  }
  return parts.join(', ');
}
