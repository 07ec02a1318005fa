import type { Context, Hono } from 'hono';
import { badRequest, ERRORS, PlexHttpError } from '../state/errors.js';
import type { Account } from '../state/model.js';
import { documentResponse } from '../wire/format.js';
import { webhooksJson, webhooksXml } from '../wire/webhooks.js';
import { authenticate, format, type Runtime } from './runtime.js';

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

/**
 * GET/POST /api/v2/user/webhooks (Plex Pass only: others get 403 1043). POST replaces the list
 * (form `urls[]=…` repeated; `urls=` clears) and answers 201 with the new list.
 */
export function registerWebhookRoutes(app: Hono, runtime: Runtime): void {
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
}
