/**
 * Seeds for Plex Home friends and sharing: friendships (accepted or pending invitations, also to an
 * e-mail address without an account), servers' library sections and the sharing settings of a share.
 */

import { SHARING_FILTER_KEYS, SHARING_FLAG_KEYS } from '../state/model.js';
import { checkDate, fail, isObj, type SeedDate, SeedError } from './check.js';

/** A library section of a seeded server. */
export interface SeedLibrarySection {
  /** plex.tv's id for the section (what `librarySectionIds` take). Unique across the whole seed. */
  id: number;
  /** The section's key on the server (`/library/sections/{key}`). Unique within the server. */
  key: number;
  title: string;
  /** movie, show, artist, photo, … */
  type: string;
}

/** Sharing settings; every key optional (defaults: flags false, allowTuners 0, filters as plex.tv sends them). */
export interface SeedSharingSettings {
  allowSync?: boolean;
  allowCameraUpload?: boolean;
  allowChannels?: boolean;
  allowSubtitleAdmin?: boolean;
  /** 0, 1 or 2. */
  allowTuners?: 0 | 1 | 2;
  filterMovies?: string | null;
  filterMusic?: string | null;
  filterTelevision?: string | null;
  filterPhotos?: string | null;
  filterAll?: string | null;
}

/** A friend invitation (`status: "pending"`) or a friendship (`"accepted"`, the default). */
export interface SeedFriend {
  /** Who sent the invitation: account id, username or e-mail (not a managed user). */
  from: number | string;
  /**
   * Who received it: an account (id, username or e-mail; not a managed user), or an e-mail address
   * without an account (then the invitation can only be pending: nobody can accept it).
   */
  to: number | string;
  /** Default "accepted". */
  status?: 'accepted' | 'pending';
  /** Default: the seed clock. */
  invitedAt?: SeedDate;
  /** accepted only. Default: invitedAt. */
  acceptedAt?: SeedDate;
}

export function validateSharingSettings(s: unknown, path: string): void {
  if (!isObj(s)) fail(path, 'an object of sharing settings', s);
  for (const [key, value] of Object.entries(s)) {
    if ((SHARING_FLAG_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'boolean') fail(`${path}.${key}`, 'true or false', value);
    } else if ((SHARING_FILTER_KEYS as readonly string[]).includes(key)) {
      if (value !== null && typeof value !== 'string')
        fail(`${path}.${key}`, 'a filter string or null', value);
    } else if (key === 'allowTuners') {
      if (value !== 0 && value !== 1 && value !== 2) fail(`${path}.${key}`, '0, 1 or 2', value);
    } else {
      throw new SeedError(`${path}.${key}: unknown sharing setting`);
    }
  }
}

/** A server's library sections; `claim` keeps section ids unique across the seed. */
export function validateLibrarySections(
  sections: unknown,
  path: string,
  claim: (kind: string, value: string, path: string) => void,
): void {
  if (!Array.isArray(sections)) fail(path, 'an array of library sections', sections);
  const keys = new Set<number>();
  sections.forEach((s: unknown, i: number) => {
    const sp = `${path}[${i}]`;
    if (!isObj(s)) fail(sp, 'a section { id, key, title, type }', s);
    for (const key of Object.keys(s)) {
      if (!['id', 'key', 'title', 'type'].includes(key))
        throw new SeedError(`${sp}.${key}: unknown section field`);
    }
    for (const key of ['id', 'key']) {
      const v = s[key];
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0)
        fail(`${sp}.${key}`, 'a positive integer', v);
    }
    for (const key of ['title', 'type']) {
      if (typeof s[key] !== 'string' || s[key] === '') fail(`${sp}.${key}`, 'a non-empty string', s[key]);
    }
    claim('library section id', String(s.id), `${sp}.id`);
    if (keys.has(s.key as number)) throw new SeedError(`${sp}.key: duplicate section key ${s.key as number}`);
    keys.add(s.key as number);
  });
}

/**
 * `seed.friends`. `resolve` maps an account reference to { id, managed } (null: no such account).
 * E-mail addresses without an account are allowed as `to` of a pending invitation.
 */
export function validateFriends(
  friends: unknown,
  resolve: (ref: number | string) => { id: number; managed: boolean } | null,
): void {
  if (!Array.isArray(friends)) fail('seed.friends', 'an array of friendships', friends);
  const pairs = new Map<string, string>();
  friends.forEach((f: unknown, i: number) => {
    const path = `seed.friends[${i}]`;
    if (!isObj(f)) fail(path, 'a friendship { from, to, status? }', f);
    for (const key of Object.keys(f)) {
      if (!['from', 'to', 'status', 'invitedAt', 'acceptedAt'].includes(key))
        throw new SeedError(`${path}.${key}: unknown friendship field`);
    }
    const status = f.status ?? 'accepted';
    if (status !== 'accepted' && status !== 'pending')
      fail(`${path}.status`, '"accepted" or "pending"', f.status);
    const ends: string[] = [];
    for (const side of ['from', 'to'] as const) {
      const ref = f[side];
      const sp = `${path}.${side}`;
      if (typeof ref !== 'number' && typeof ref !== 'string')
        fail(sp, 'an account id, username or e-mail', ref);
      const account = resolve(ref);
      if (account === null) {
        if (side === 'to' && typeof ref === 'string' && /^[^@\s]+@[^@\s]+$/.test(ref)) {
          if (status !== 'pending')
            throw new SeedError(
              `${sp}: ${JSON.stringify(ref)} has no account, so the invitation can only be pending`,
            );
          ends.push(`email:${ref.toLowerCase()}`);
          continue;
        }
        throw new SeedError(`${sp}: no seeded account ${JSON.stringify(ref)}`);
      }
      if (account.managed) throw new SeedError(`${sp}: a managed user cannot have friends`);
      ends.push(`id:${account.id}`);
    }
    if (ends[0] === ends[1]) throw new SeedError(`${path}.to: an account cannot be its own friend`);
    const key = [...ends].sort().join(' ');
    const prior = pairs.get(key);
    if (prior !== undefined) throw new SeedError(`${path}: the same two people as ${prior}`);
    pairs.set(key, path);
    checkDate(f, 'invitedAt', path, false);
    if (f.acceptedAt !== undefined) {
      if (status !== 'accepted')
        throw new SeedError(`${path}.acceptedAt: only an accepted friendship has acceptedAt`);
      checkDate(f, 'acceptedAt', path, true);
    }
  });
}
