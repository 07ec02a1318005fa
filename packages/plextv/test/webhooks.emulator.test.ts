/** Webhooks through the library against the emulator. */
import { addWebhook, createClient, ForbiddenError, getWebhooks, removeWebhook, setWebhooks } from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { beforeEach, describe, expect, test } from 'vitest';

const emulator = createEmulator();
const client = (token: string) =>
  createClient({
    clientIdentifier: 'devices-tests',
    baseUrl: 'https://plex.tv',
    fetch: emulator.fetch.bind(emulator),
    token,
  });

beforeEach(() => emulator.control.reset());

describe('account settings: webhooks', () => {
  test('webhooks: add and remove read first and keep the others; set replaces; free accounts are refused', async () => {
    const demo = client('demo-token');
    expect(await getWebhooks(demo)).toEqual(['https://hooks.example.test/plex']);
    await addWebhook(demo, 'https://tautulli.example.test/hook');
    expect(await getWebhooks(demo)).toEqual([
      'https://hooks.example.test/plex',
      'https://tautulli.example.test/hook',
    ]);
    await removeWebhook(demo, 'https://hooks.example.test/plex');
    expect(await getWebhooks(demo)).toEqual(['https://tautulli.example.test/hook']);
    await setWebhooks(demo, []);
    expect(await getWebhooks(demo)).toEqual([]);
    await expect(addWebhook(demo, 'ftp://nope')).rejects.toBeInstanceOf(TypeError);
    const error = await getWebhooks(client('free-token')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ status: 403, code: 1043 });
  });
});
