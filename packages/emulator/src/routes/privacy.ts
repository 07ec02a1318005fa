import type { Context, Hono } from 'hono';
import { badRequest, ERRORS, PlexHttpError } from '../state/errors.js';
import { type Account, OPT_OUT_VALUES, type OptOutValue } from '../state/model.js';
import { documentResponse } from '../wire/format.js';
import {
  optOutsJson,
  optOutsXml,
  privacyJson,
  privacyXml,
  viewStateSyncJson,
  viewStateSyncXml,
} from '../wire/privacy.js';
import { flagValue, readBody } from './body.js';
import { authenticate, format, type Runtime } from './runtime.js';

/** "0"/"1"/"true"/"false" (any case) as a boolean; undefined when absent; throws when malformed. */
function flag(name: string, value: string | undefined): boolean | undefined {
  return value === undefined ? undefined : flagValue(name, value);
}

/** Only the account itself may read or change its `/api/v2/user/{uuid}/…` settings. */
function ownUuid(c: Context, account: Account): void {
  if (c.req.param('uuid') !== account.uuid) throw new PlexHttpError(ERRORS.notAvailable);
}

/**
 * The account's settings endpoints:
 * - GET/POST /api/v2/user/webhooks (Plex Pass only: others get 403 1043). POST replaces the list
 *   (form `urls[]=…` repeated; `urls=` clears) and answers 201 with the new list.
 * - GET/PUT /api/v2/user/privacy (PUT form/query `optOutPlayback`, `optOutLibraryStats` = 0|1).
 * - GET/POST /api/v2/user/{uuid}/settings/opt_outs (POST query/form `key`, `value`).
 * - GET/PUT /api/v2/user/view_state_sync (PUT query/form `consent=true|false`).
 * Updates answer the updated document (200), except the webhooks' 201.
 */
/**
 * The account's privacy settings:
 * - GET/PUT /api/v2/user/privacy (PUT form/query `optOutPlayback`, `optOutLibraryStats` = 0|1).
 * - GET/POST /api/v2/user/{uuid}/settings/opt_outs (POST query/form `key`, `value`).
 * - GET/PUT /api/v2/user/view_state_sync (PUT query/form `consent=true|false`).
 * Updates answer the updated document (200).
 */
export function registerPrivacyRoutes(app: Hono, runtime: Runtime): void {
  const privacyDoc = (c: Context, account: Account) =>
    documentResponse(format(c), 200, { json: () => privacyJson(account), xml: () => privacyXml(account) });

  app.get('/api/v2/user/privacy', async (c) => {
    const { account } = await authenticate(c, runtime);
    return privacyDoc(c, account);
  });

  app.put('/api/v2/user/privacy', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { fields } = await readBody(c);
    const playback = flag('optOutPlayback', fields.optOutPlayback);
    const library = flag('optOutLibraryStats', fields.optOutLibraryStats);
    if (playback !== undefined) account.privacy.optOutPlayback = playback;
    if (library !== undefined) account.privacy.optOutLibraryStats = library;
    return privacyDoc(c, account);
  });

  const optOutsDoc = (c: Context, account: Account) =>
    documentResponse(format(c), 200, { json: () => optOutsJson(account), xml: () => optOutsXml(account) });

  app.get('/api/v2/user/:uuid/settings/opt_outs', async (c) => {
    const { account } = await authenticate(c, runtime);
    ownUuid(c, account);
    return optOutsDoc(c, account);
  });

  app.post('/api/v2/user/:uuid/settings/opt_outs', async (c) => {
    const { account } = await authenticate(c, runtime);
    ownUuid(c, account);
    const { fields } = await readBody(c);
    const key = fields.key ?? '';
    const value = fields.value ?? '';
    if (!account.onlineMediaSources.has(key))
      throw badRequest(`Unknown online media source ${JSON.stringify(key.slice(0, 100))}`);
    if (!OPT_OUT_VALUES.includes(value as OptOutValue))
      throw badRequest(`value must be ${OPT_OUT_VALUES.join(', ')}`);
    // python-plexapi refuses this pair client-side; we refuse it too.
    if (key === 'tv.plex.provider.music' && value === 'opt_out_managed')
      throw badRequest('tv.plex.provider.music does not have the option to opt out managed users');
    account.onlineMediaSources.set(key, value as OptOutValue);
    return optOutsDoc(c, account);
  });

  const viewStateDoc = (c: Context, account: Account) =>
    documentResponse(format(c), 200, {
      json: () => viewStateSyncJson(account),
      xml: () => viewStateSyncXml(account),
    });

  app.get('/api/v2/user/view_state_sync', async (c) => {
    const { account } = await authenticate(c, runtime);
    return viewStateDoc(c, account);
  });

  app.put('/api/v2/user/view_state_sync', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { fields } = await readBody(c);
    const consent = flag('consent', fields.consent);
    if (consent === undefined) throw badRequest('consent is required (true or false)');
    account.viewStateSync = consent;
    return viewStateDoc(c, account);
  });
}
