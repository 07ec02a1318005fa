/**
 * End to end in real headless Chromium: the example page, the browser kit, and the emulator's auth page.
 * Screenshots land in test-output/web-signin/ for review.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// @ts-expect-error plain JS module without types
import { startExample } from '../serve.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run installs it`);
const OUT = 'test-output/web-signin';

interface Example {
  url: string;
  plexUrl: string;
  emulator: import('plextv-emulator').Emulator;
  close(): Promise<void>;
}

describe.skipIf(!available)('Sign in with Plex in Chromium', () => {
  let browser: Browser;
  let example: Example;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    example = await startExample();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await example?.close();
  });

  async function freshPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    const page = await context.newPage();
    await page.goto(example.url);
    return page;
  }

  /** Drive the emulator's auth page: sign in as demo (with 2FA), then approve or deny. */
  async function approveIn(auth: Page, decision: '#approve' | '#deny' = '#approve', shot?: string) {
    await auth.waitForLoadState();
    await auth.locator('#login').fill('demo');
    await auth.locator('#password').fill('demo-password');
    await auth.locator('#sign-in').click();
    await auth.locator('#code').fill('123456');
    await auth.locator('#sign-in').click();
    await auth.locator(decision).waitFor();
    if (shot) await auth.screenshot({ path: `${OUT}/${shot}` });
    await auth.locator(decision).click();
  }

  test('popup: approve in the auth popup, the page shows the account', async () => {
    const page = await freshPage();
    await page.screenshot({ path: `${OUT}/1-start.png` });
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('#sign-in').click()]);
    await popup.waitForURL(/\/auth#\?clientID=/);
    expect(await popup.textContent('body')).toContain('plextv web example');
    await approveIn(popup, '#approve', '2-auth-popup.png');
    await page.locator('#account').waitFor({ state: 'visible' });
    expect(await page.locator('#name').textContent()).toBe('demo');
    expect(await page.locator('#email').textContent()).toBe('demo@plextv.test');
    await page.screenshot({ path: `${OUT}/3-signed-in.png` });
    await page.context().close();
  });

  test('redirect mode: the PIN waits in sessionStorage, the page finishes on return', async () => {
    const page = await freshPage();
    await page.locator('#sign-in-redirect').click();
    await page.waitForURL(/\/auth#\?clientID=/);
    expect(page.url()).toContain('forwardUrl=');
    await approveIn(page);
    await page.waitForURL(example.url);
    await page.locator('#account').waitFor({ state: 'visible' });
    expect(await page.locator('#name').textContent()).toBe('demo');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.screenshot({ path: `${OUT}/4-redirect-signed-in.png` });
    await page.context().close();
  });

  test('closing the popup without approving is reported', async () => {
    const page = await freshPage();
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('#sign-in').click()]);
    await popup.waitForURL(/\/auth#\?/);
    await popup.close();
    await expect
      .poll(() => page.locator('#status').textContent(), { timeout: 10_000 })
      .toContain('closed before you approved');
    await page.screenshot({ path: `${OUT}/5-popup-closed.png` });
    await page.context().close();
  });

  test('an expired PIN is reported', async () => {
    const page = await freshPage();
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('#sign-in').click()]);
    await popup.waitForURL(/\/auth#\?/);
    const code = new URLSearchParams(popup.url().split('#?')[1]).get('code')!;
    example.emulator.control.expirePin(code);
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 10_000 }).toContain('expired');
    await page.screenshot({ path: `${OUT}/6-expired.png` });
    await page.context().close();
  });
});
