/** `account.profile`: audio, subtitle and display preferences. */
import { toStrList } from '../wire/values.js';
import { extras, type Wire } from '../wire/wire.js';
import { bool, int, str } from './read.js';

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
const KEYS = [
  'autoSelectAudio',
  'defaultAudioLanguage',
  'defaultAudioLanguages',
  'defaultAudioAccessibility',
  'autoSelectSubtitle',
  'defaultSubtitleLanguage',
  'defaultSubtitleLanguages',
  'defaultSubtitleAccessibility',
  'defaultSubtitleForced',
  'watchedIndicator',
  'mediaReviewsVisibility',
  'mediaReviewsLanguages',
];
const KNOWN = new Set([...KEYS, ...KEYS.map(snake)]);

function languages(w: Wire, key: string): string[] | undefined {
  const list = w.strings(key) ?? toStrList(w.get(key) ?? w.get(snake(key)));
  return list.length > 0 ? list : undefined;
}

export function decodeProfile(w: Wire): UserProfile {
  const k = (key: string) => [key, snake(key)];
  return {
    autoSelectAudio: bool(w, ...k('autoSelectAudio')),
    defaultAudioLanguage: str(w, ...k('defaultAudioLanguage')),
    defaultAudioLanguages: languages(w, 'defaultAudioLanguages'),
    defaultAudioAccessibility: int(w, ...k('defaultAudioAccessibility')),
    autoSelectSubtitle: int(w, ...k('autoSelectSubtitle')),
    defaultSubtitleLanguage: str(w, ...k('defaultSubtitleLanguage')),
    defaultSubtitleLanguages: languages(w, 'defaultSubtitleLanguages'),
    defaultSubtitleAccessibility: int(w, ...k('defaultSubtitleAccessibility')),
    defaultSubtitleForced: int(w, ...k('defaultSubtitleForced')),
    watchedIndicator: int(w, ...k('watchedIndicator')),
    mediaReviewsVisibility: int(w, ...k('mediaReviewsVisibility')),
    mediaReviewsLanguages: languages(w, 'mediaReviewsLanguages'),
    extra: extras(w, KNOWN),
  };
}
