/** `account.profile`: audio, subtitle and display preferences. */

import { FieldTable } from '../wire/table.js';
import { toStrList } from '../wire/values.js';
import type { Wire } from '../wire/wire.js';

/**
 * Playback preferences. plex.tv's JSON sends most of these as ints (0/1/2 enums) and only `autoSelectAudio`
 * as a bool; XML sends all as strings. Ints stay ints here, so no enum value is lost.
 */
export interface UserProfile {
  autoSelectAudio?: boolean;
  defaultAudioLanguage?: string;
  defaultAudioLanguages?: string[];
  defaultAudioAccessibility?: number;
  /** 0 manual, 1 shown with foreign audio, 2 always (plex.tv's enum; values kept as sent). */
  autoSelectSubtitle?: number;
  defaultSubtitleLanguage?: string;
  defaultSubtitleLanguages?: string[];
  defaultSubtitleAccessibility?: number;
  defaultSubtitleForced?: number;
  watchedIndicator?: number;
  mediaReviewsVisibility?: number;
  mediaReviewsLanguages?: string[];
  extra: Record<string, unknown>;
}

// Legacy XML (`<profile_settings …>`) spells every key in snake_case.
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The scalar preferences: camelCase first, then the legacy snake_case spelling. */
const TABLE = new FieldTable(
  (
    [
      ['autoSelectAudio', 'bool'],
      ['defaultAudioLanguage', 'str'],
      ['defaultAudioAccessibility', 'int'],
      ['autoSelectSubtitle', 'int'],
      ['defaultSubtitleLanguage', 'str'],
      ['defaultSubtitleAccessibility', 'int'],
      ['defaultSubtitleForced', 'int'],
      ['watchedIndicator', 'int'],
      ['mediaReviewsVisibility', 'int'],
    ] as const
  ).map(([key, kind]) => [key, kind, key, snake(key)] as const),
  ['defaultAudioLanguages', 'defaultSubtitleLanguages', 'mediaReviewsLanguages'].flatMap((key) => [
    key,
    snake(key),
  ]),
);

function languages(w: Wire, key: string, snakeKey: string): string[] | undefined {
  const list = w.strings(key) ?? toStrList(w.get(key) ?? w.get(snakeKey));
  return list.length > 0 ? list : undefined;
}

export function decodeProfile(w: Wire): UserProfile {
  const v = TABLE.read(w);
  return {
    autoSelectAudio: v[0],
    defaultAudioLanguage: v[1],
    defaultAudioLanguages: languages(w, 'defaultAudioLanguages', 'default_audio_languages'),
    defaultAudioAccessibility: v[2],
    autoSelectSubtitle: v[3],
    defaultSubtitleLanguage: v[4],
    defaultSubtitleLanguages: languages(w, 'defaultSubtitleLanguages', 'default_subtitle_languages'),
    defaultSubtitleAccessibility: v[5],
    defaultSubtitleForced: v[6],
    watchedIndicator: v[7],
    mediaReviewsVisibility: v[8],
    mediaReviewsLanguages: languages(w, 'mediaReviewsLanguages', 'media_reviews_languages'),
    extra: v[9],
  };
}
