/** Seed validation: structure, then cross references (homes, devices, friends name seeded accounts). */

import { OPT_OUT_VALUES, type OptOutValue } from '../state/model.js';
import { buildCatalogue } from './build-discover.js';
import { checkDate, fail, isObj, optBool, optString, optStringArray, SeedError } from './check.js';
import { validateDevices } from './devices.js';
import { validateFriends } from './friends.js';
import type { EmulatorSeed, SeedAccount, SeedProfile, SeedToken } from './seed.js';
import { findSeedAccount, seedAccountId } from './seed.js';
import { validateWatchlists } from './watchlists.js';

/** Parse a seed from JSON text and validate it. */
export function loadSeed(json: string): EmulatorSeed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw new SeedError(`seed: not valid JSON (${(err as Error).message})`);
  }
  return validateSeed(parsed);
}

const KNOWN_ACCOUNT_KEYS = new Set([
  'id',
  'uuid',
  'username',
  'email',
  'title',
  'friendlyName',
  'password',
  'twoFactorCode',
  'backupCodesCreated',
  'managed',
  'guest',
  'restricted',
  'restrictionProfile',
  'homePin',
  'country',
  'locale',
  'confirmed',
  'emailOnlyAuth',
  'mailingListStatus',
  'mailingListActive',
  'scrobbleTypes',
  'joinedAt',
  'avatarVersion',
  'plexPass',
  'features',
  'entitlements',
  'roles',
  'services',
  'profile',
  'adsConsent',
  'experimentalFeatures',
  'settings',
  'tokens',
  'webhooks',
  'privacy',
  'onlineMediaSources',
  'viewStateSync',
]);

const PROFILE_KINDS: Record<keyof SeedProfile, 'bool' | 'int' | 'string?' | 'strings?'> = {
  autoSelectAudio: 'bool',
  defaultAudioAccessibility: 'int',
  defaultAudioLanguage: 'string?',
  defaultAudioLanguages: 'strings?',
  defaultSubtitleLanguage: 'string?',
  defaultSubtitleLanguages: 'strings?',
  autoSelectSubtitle: 'int',
  defaultSubtitleAccessibility: 'int',
  defaultSubtitleForced: 'int',
  watchedIndicator: 'int',
  mediaReviewsVisibility: 'int',
  mediaReviewsLanguages: 'strings?',
};

function validateAccount(a: unknown, path: string): void {
  if (!isObj(a)) fail(path, 'an account object', a);
  for (const key of Object.keys(a)) {
    if (!KNOWN_ACCOUNT_KEYS.has(key)) throw new SeedError(`${path}.${key}: unknown account field`);
  }
  if (typeof a.id !== 'number' || !Number.isSafeInteger(a.id) || a.id <= 0) {
    fail(`${path}.id`, 'a positive integer', a.id);
  }
  if (typeof a.uuid !== 'string' || !/^[0-9a-f]{16}$/.test(a.uuid)) {
    fail(`${path}.uuid`, '16 lower-case hex characters', a.uuid);
  }
  for (const key of ['username', 'email', 'title', 'friendlyName', 'password', 'twoFactorCode', 'homePin']) {
    optString(a, key, path);
  }
  for (const key of ['country', 'scrobbleTypes']) optString(a, key, path);
  for (const key of ['locale', 'mailingListStatus', 'restrictionProfile']) optString(a, key, path, true);
  for (const key of [
    'backupCodesCreated',
    'managed',
    'guest',
    'restricted',
    'confirmed',
    'emailOnlyAuth',
    'mailingListActive',
    'experimentalFeatures',
  ]) {
    optBool(a, key, path);
  }
  for (const key of ['features', 'entitlements', 'roles']) optStringArray(a, key, path);
  checkDate(a, 'joinedAt', path, true);
  if (a.avatarVersion !== undefined && (typeof a.avatarVersion !== 'number' || a.avatarVersion < 0)) {
    fail(`${path}.avatarVersion`, 'a non-negative number', a.avatarVersion);
  }
  if (a.homePin !== undefined && !/^\d{4}$/.test(a.homePin as string)) {
    fail(`${path}.homePin`, 'exactly 4 digits', a.homePin);
  }
  if (a.twoFactorCode !== undefined && (a.twoFactorCode as string).length === 0) {
    fail(`${path}.twoFactorCode`, 'a non-empty code', a.twoFactorCode);
  }

  if (a.managed === true) {
    for (const key of ['username', 'email', 'password', 'twoFactorCode']) {
      if (a[key] !== undefined && a[key] !== '') {
        throw new SeedError(`${path}.${key}: a managed user has no ${key} (managed users cannot sign in)`);
      }
    }
  } else {
    if (typeof a.username !== 'string' || a.username === '') {
      fail(`${path}.username`, 'a non-empty username (or managed: true)', a.username);
    }
    if (typeof a.email !== 'string' || !a.email.includes('@')) {
      fail(`${path}.email`, 'an e-mail address', a.email);
    }
    if (a.twoFactorCode !== undefined && a.password === undefined) {
      throw new SeedError(`${path}.twoFactorCode: 2FA needs a password to go with it`);
    }
  }

  if (a.plexPass !== undefined) {
    const p = a.plexPass;
    const pp = `${path}.plexPass`;
    if (!isObj(p)) fail(pp, 'an object', p);
    if (p.plan !== 'lifetime' && p.plan !== 'monthly' && p.plan !== 'yearly') {
      fail(`${pp}.plan`, '"lifetime", "monthly" or "yearly"', p.plan);
    }
    checkDate(p, 'subscribedAt', pp, true);
    optString(p, 'paymentService', pp);
    optString(p, 'description', pp);
  }

  if (a.services !== undefined) {
    if (!Array.isArray(a.services)) fail(`${path}.services`, 'an array', a.services);
    a.services.forEach((s: unknown, i: number) => {
      const sp = `${path}.services[${i}]`;
      if (!isObj(s)) fail(sp, 'a service object', s);
      if (typeof s.identifier !== 'string') fail(`${sp}.identifier`, 'a string', s.identifier);
      if (typeof s.endpoint !== 'string') fail(`${sp}.endpoint`, 'a string', s.endpoint);
      for (const key of ['token', 'secret', 'status']) optString(s, key, sp);
    });
  }

  if (a.profile !== undefined) {
    const p = a.profile;
    const pp = `${path}.profile`;
    if (!isObj(p)) fail(pp, 'an object', p);
    for (const [key, value] of Object.entries(p)) {
      const kind = PROFILE_KINDS[key as keyof SeedProfile];
      if (kind === undefined) throw new SeedError(`${pp}.${key}: unknown profile field`);
      const ok =
        kind === 'bool'
          ? typeof value === 'boolean'
          : kind === 'int'
            ? Number.isInteger(value)
            : kind === 'string?'
              ? value === null || typeof value === 'string'
              : value === null || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
      if (!ok) {
        const expected = {
          bool: 'true or false',
          int: 'an integer (plex.tv sends these as ints, not booleans)',
          'string?': 'a string or null',
          'strings?': 'an array of strings or null',
        }[kind];
        fail(`${pp}.${key}`, expected, value);
      }
    }
  }

  if (a.adsConsent !== undefined && a.adsConsent !== null) {
    const c = a.adsConsent;
    const cp = `${path}.adsConsent`;
    if (!isObj(c)) fail(cp, 'null or { consent, setAt, reminderAt }', c);
    if (typeof c.consent !== 'boolean') fail(`${cp}.consent`, 'true or false', c.consent);
    checkDate(c, 'setAt', cp, true);
    checkDate(c, 'reminderAt', cp, true);
  }

  if (a.settings !== undefined) {
    if (!Array.isArray(a.settings)) fail(`${path}.settings`, 'an array', a.settings);
    a.settings.forEach((s: unknown, i: number) => {
      const sp = `${path}.settings[${i}]`;
      if (!isObj(s)) fail(sp, 'a setting object', s);
      for (const key of ['id', 'type', 'value']) {
        if (typeof s[key] !== 'string') fail(`${sp}.${key}`, 'a string', s[key]);
      }
      if (typeof s.hidden !== 'boolean') fail(`${sp}.hidden`, 'true or false', s.hidden);
      checkDate(s, 'updatedAt', sp, true);
    });
  }

  optStringArray(a, 'webhooks', path);
  optBool(a, 'viewStateSync', path);
  if (a.privacy !== undefined) {
    const pp = `${path}.privacy`;
    if (!isObj(a.privacy)) fail(pp, 'an object { optOutPlayback?, optOutLibraryStats? }', a.privacy);
    for (const key of Object.keys(a.privacy)) {
      if (key !== 'optOutPlayback' && key !== 'optOutLibraryStats')
        throw new SeedError(
          `${pp}.${key}: unknown privacy field (expected optOutPlayback, optOutLibraryStats)`,
        );
      optBool(a.privacy, key, pp);
    }
  }
  if (a.onlineMediaSources !== undefined) {
    const op = `${path}.onlineMediaSources`;
    if (!isObj(a.onlineMediaSources))
      fail(op, 'an object { providerKey: "opt_in" | … }', a.onlineMediaSources);
    for (const [key, value] of Object.entries(a.onlineMediaSources)) {
      if (!OPT_OUT_VALUES.includes(value as OptOutValue))
        fail(`${op}.${key}`, OPT_OUT_VALUES.map((v) => `"${v}"`).join(', '), value);
    }
  }

  if (a.tokens !== undefined) {
    if (!Array.isArray(a.tokens)) fail(`${path}.tokens`, 'an array', a.tokens);
    a.tokens.forEach((t: unknown, i: number) => {
      const tp = `${path}.tokens[${i}]`;
      if (typeof t === 'string') {
        if (t === '') fail(tp, 'a non-empty token', t);
        return;
      }
      if (!isObj(t) || typeof t.token !== 'string' || t.token === '') {
        fail(tp, 'a token string or { token, rememberMe? }', t);
      }
      optBool(t, 'rememberMe', tp);
    });
  }
}

function tokenString(t: string | SeedToken): string {
  return typeof t === 'string' ? t : t.token;
}

/** Validate an already-parsed seed (structure + cross references). Returns it typed. */
export function validateSeed(seed: unknown): EmulatorSeed {
  if (!isObj(seed))
    fail('seed', 'an object { accounts, homes?, devices?, friends?, watchlists?, now? }', seed);
  for (const key of Object.keys(seed)) {
    if (!['accounts', 'homes', 'devices', 'friends', 'watchlists', 'now'].includes(key)) {
      throw new SeedError(
        `seed.${key}: unknown field (expected accounts, homes, devices, friends, watchlists, now)`,
      );
    }
  }
  if (!Array.isArray(seed.accounts)) fail('seed.accounts', 'an array of accounts', seed.accounts);
  if (seed.now !== undefined && (typeof seed.now !== 'string' || Number.isNaN(Date.parse(seed.now)))) {
    fail('seed.now', 'an ISO-8601 date string', seed.now);
  }
  seed.accounts.forEach((a: unknown, i: number) => {
    validateAccount(a, `seed.accounts[${i}]`);
  });
  const accounts = seed.accounts as SeedAccount[];

  // Uniqueness: ids, uuids, logins and tokens identify things, so duplicates would be ambiguous.
  const seen = new Map<string, string>();
  const claim = (kind: string, value: string, path: string) => {
    const key = `${kind}:${value}`;
    const prior = seen.get(key);
    if (prior !== undefined)
      throw new SeedError(`${path}: duplicate ${kind} ${JSON.stringify(value)} (also ${prior})`);
    seen.set(key, path);
  };
  accounts.forEach((a, i) => {
    const path = `seed.accounts[${i}]`;
    claim('id', String(a.id), `${path}.id`);
    claim('uuid', a.uuid, `${path}.uuid`);
    // A username and an e-mail share one namespace: sign-in accepts either.
    if (a.username) claim('login', a.username.toLowerCase(), `${path}.username`);
    if (a.email) claim('login', a.email.toLowerCase(), `${path}.email`);
    (a.tokens ?? []).forEach((t, j) => {
      claim('token', tokenString(t), `${path}.tokens[${j}]`);
    });
  });

  if (seed.homes !== undefined) {
    if (!Array.isArray(seed.homes)) fail('seed.homes', 'an array of homes', seed.homes);
    const inHome = new Map<number, string>();
    seed.homes.forEach((h: unknown, i: number) => {
      const path = `seed.homes[${i}]`;
      if (!isObj(h)) fail(path, 'a home object', h);
      if (typeof h.id !== 'number' || !Number.isSafeInteger(h.id)) fail(`${path}.id`, 'an integer', h.id);
      if (typeof h.name !== 'string') fail(`${path}.name`, 'a string', h.name);
      claim('home id', String(h.id), `${path}.id`);
      if (!Array.isArray(h.members)) fail(`${path}.members`, 'an array of account references', h.members);
      const refs: Array<[unknown, string]> = [
        [h.admin, `${path}.admin`],
        ...h.members.map((m: unknown, j: number): [unknown, string] => [m, `${path}.members[${j}]`]),
      ];
      refs.forEach(([ref, refPath], j) => {
        if (typeof ref !== 'number' && typeof ref !== 'string')
          fail(refPath, 'an account id, username or email', ref);
        const account = findSeedAccount(accounts, ref);
        if (!account) throw new SeedError(`${refPath}: no seeded account ${JSON.stringify(ref)}`);
        if (j === 0 && account.managed)
          throw new SeedError(`${refPath}: a managed user cannot be a Home admin`);
        const prior = inHome.get(account.id);
        if (prior !== undefined) {
          throw new SeedError(`${refPath}: account ${account.id} is already in a Home (${prior})`);
        }
        inHome.set(account.id, refPath);
      });
    });
    // Managed and guest users only exist inside a Home.
    accounts.forEach((a, i) => {
      if ((a.managed || a.guest) && !inHome.has(a.id)) {
        throw new SeedError(
          `seed.accounts[${i}]: a ${a.managed ? 'managed' : 'guest'} user must be a member of a Home`,
        );
      }
    });
  } else {
    accounts.forEach((a, i) => {
      if (a.managed || a.guest) {
        throw new SeedError(
          `seed.accounts[${i}]: a ${a.managed ? 'managed' : 'guest'} user must be a member of a Home`,
        );
      }
    });
  }
  if (seed.devices !== undefined) {
    validateDevices(seed.devices, (ref) => seedAccountId(accounts, ref), claim);
  }
  if (seed.friends !== undefined) {
    validateFriends(seed.friends, (ref) => {
      const account = findSeedAccount(accounts, ref);
      return account ? { id: account.id, managed: account.managed === true } : null;
    });
  }
  if (seed.watchlists !== undefined) {
    const catalogue = buildCatalogue();
    validateWatchlists(
      seed.watchlists,
      (ref) => findSeedAccount(accounts, ref) !== undefined,
      (key) => catalogue.get(key)?.type,
    );
  }
  return seed as unknown as EmulatorSeed;
}
