/** Season and episode keys: stable 24-hex ids derived from the show's key. */

import { derivedKey } from '../util/hex-key.js';

/** A show's season key (`s1`, `s2`, …). */
export const seasonKey = (show: string, season: number) => derivedKey(show, `s${season}`);
/** A show's episode key. */
export const episodeKey = (show: string, season: number, episode: number) =>
  derivedKey(show, `s${season}e${episode}`);
