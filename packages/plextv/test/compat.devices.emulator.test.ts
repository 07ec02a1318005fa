/** MyPlexAccount's resources, devices, claim token and webhooks against the emulator, as @ctrl/plex users expect. */
import { MyPlexAccount } from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { beforeEach, describe, expect, test } from 'vitest';

const emulator = createEmulator();

beforeEach(() => emulator.control.reset());

describe('account settings: MyPlexAccount', () => {
  test('MyPlexAccount: resources, devices, claim token, webhooks as @ctrl/plex users expect', async () => {
    const account = await new MyPlexAccount({
      token: 'demo-token',
      client: {
        clientIdentifier: 'compat',
        baseUrl: 'https://plex.tv',
        fetch: emulator.fetch.bind(emulator),
      },
    }).connect();
    expect((await account.resource('Demo Server')).owned).toBe(true);
    expect((await account.devices()).length).toBeGreaterThan(3);
    expect(await account.claimToken()).toMatch(/^claim-/);
    await account.addWebhook('https://new.example.test/x');
    expect(await account.webhooks()).toContain('https://new.example.test/x');
    await account.deleteWebhook('https://new.example.test/x');
    expect(await account.webhooks()).not.toContain('https://new.example.test/x');
  });
});
