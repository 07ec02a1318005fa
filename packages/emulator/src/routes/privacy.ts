import type { Context, Hono } from 'hono';
import { type Account, OPT_OUT_VALUES, type OptOutValue } from '../state/model.js';
import { ERRORS, PlexHttpError } from '../wire/errors.js';
import { documentResponse } from '../wire/format.js';
import {
  optOutsJson,
  optOutsXml,
  privacyJson,
  privacyXml,
  viewStateSyncJson,
  viewStateSyncXml,
  webhooksJson,
  webhooksXml,
} from '../wire/privacy.js';
import { readBody } from './body.js';
import { authenticate, format, type Runtime } from './runtime.js';

function badRequest(message: string): PlexHttpError {
  return new PlexHttpError({ code: 1000, message, status: 400 });
}

/** "0"/"1"/"true"/"false" (any case) as a boolean; undefined when absent; throws when malformed. */
function flag(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  throw badRequest(`${name} must be 0, 1, true or false`);
}

/** Webhook URLs from a form (`urls[]=…` repeated, or `urls=` to clear), a JSON body, or the query. */
async function readWebhookUrls(c: Context): Promise<string[]> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  const text = await c.req.text();
  if (type.includes('application/json')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw badRequest('Request body is not valid JSON');
    }
    const urls = (json as { urls?: unknown } | null)?.urls;
    if (!Array.isArray(urls) || !urls.every((u) => typeof u === 'string'))
      throw badRequest('Request body must be JSON {"urls": ["…"]}');
    return urls as string[];
  }
  const params = new URLSearchParams(new URL(c.req.url).search);
  for (const [k, v] of new URLSearchParams(text)) params.append(k, v);
  if (!params.has('urls[]') && !params.has('urls'))
    throw badRequest('urls is required (urls[]=… or urls= to clear)');
  return [...params.getAll('urls[]'), ...params.getAll('urls')].filter((u) => u !== '');
}

function checkUrl(url: string): string {
  const text = url.trim();
  let parsed: URL | null = null;
  try {
    parsed = new URL(text);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    throw badRequest(`Invalid webhook URL: ${text.slice(0, 200)}`);
  return text;
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
export function registerSettingsRoutes(app: Hono, runtime: Runtime): void {
  const webhooksDoc = (c: Context, status: number, account: Account) =>
    documentResponse(format(c), status, {
      json: () => webhooksJson(account.webhooks),
      xml: () => webhooksXml(account.webhooks),
    });

  const requirePass = (account: Account) => {
    if (!account.subscription.active) throw new PlexHttpError(ERRORS.notAvailable);
  };

  app.get('/api/v2/user/webhooks', async (c) => {
    const { account } = await authenticate(c, runtime);
    requirePass(account);
    return webhooksDoc(c, 200, account);
  });

  app.post('/api/v2/user/webhooks', async (c) => {
    const { account } = await authenticate(c, runtime);
    requirePass(account);
    const urls = (await readWebhookUrls(c)).map(checkUrl);
    account.webhooks = [...new Set(urls)];
    return webhooksDoc(c, 201, account);
  });

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
