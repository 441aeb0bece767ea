/**
 * Browser journey: an enterprise self-registers in the console, customs approves it from the review
 * queue, the enterprise sees "approved" and creates an API key, and that key calls the API.
 * A screenshot of each step is kept under test-results/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launch, SCREENSHOTS } from '../support/browser.js';
import { startServer, type RunningServer } from '../support/server.js';
import { aCustomsCode, aUscc } from '../support/builders.js';

const run = browserAvailable();
const webBuilt = existsSync(join(import.meta.dirname, '..', '..', 'web', 'dist', 'index.html'));
if (run && !webBuilt) throw new Error('web/dist is missing: npm test builds the console first (scripts/test.mjs); run npm run build:web');

describe.runIf(run)('enterprise onboarding in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ CBEC_DEMO: '1' });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `onboarding-${name}.png`), fullPage: true });

  async function login(page: Page, username: string, password: string) {
    await page.goto(`${server.base}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('header-user').waitFor();
  }

  it('registers, is approved by customs, creates a key that calls the API', async () => {
    const uscc = aUscc();
    const name = `赤峰浏览器测试电商有限公司${uscc.slice(-4)}`;
    const username = `e2e-${uscc.slice(-6).toLowerCase()}`;

    // 1. The enterprise registers itself.
    const ent = await browser.newPage();
    await ent.goto(`${server.base}/register`);
    await ent.getByTestId('register-name').fill(name);
    await ent.getByTestId('register-uscc').fill(uscc);
    await ent.getByTestId('register-customs-code').fill(aCustomsCode());
    await ent.getByTestId('register-role-ebp').check();
    await ent.getByTestId('register-district').fill('0604');
    await ent.getByTestId('register-username').fill(username);
    await ent.getByTestId('register-password').fill('Register2026');
    await ent.getByTestId('register-password-confirm').fill('Register2026');
    await shot(ent, '1-register-form');
    await ent.getByTestId('register-submit').click();
    const success = ent.getByTestId('register-success');
    await success.waitFor();
    const enterpriseId = await success.getAttribute('data-enterprise-id');
    expect(enterpriseId).toBeTruthy();
    await shot(ent, '2-registered');

    // 2. It logs in and sees its filing pending.
    await login(ent, username, 'Register2026');
    await expect.poll(() => ent.getByTestId('my-filing-status').getAttribute('data-status')).toBe('pending');
    await shot(ent, '3-pending');

    // 3. Customs approves it from the review queue.
    const officer = await browser.newPage();
    await login(officer, 'customs', 'demo2026');
    await officer.goto(`${server.base}/review`);
    const row = officer.locator('tr', { hasText: name });
    await row.waitFor();
    await shot(officer, '4-review-queue');
    await row.getByTestId('review-approve').click();
    await expect.poll(async () => (await officer.locator('tr', { hasText: name }).count()) === 0, { timeout: 10_000 }).toBe(true);
    await shot(officer, '5-approved-by-customs');

    // 4. The enterprise sees "approved" and creates an API key.
    await ent.reload();
    await expect.poll(() => ent.getByTestId('my-filing-status').getAttribute('data-status')).toBe('approved');
    await shot(ent, '6-approved');
    await ent.getByTestId('apikey-create').first().click();
    const label = ent.getByTestId('apikey-label');
    if (await label.isVisible()) await label.fill('ERP');
    const confirm = ent.getByTestId('apikey-create-confirm');
    if (await confirm.isVisible()) await confirm.click();
    const keyField = ent.getByTestId('apikey-value');
    await keyField.waitFor();
    const key = await keyField.inputValue();
    expect(key).toMatch(/^cbk_/);
    await shot(ent, '7-api-key');

    // 5. The key calls the API as the enterprise.
    const me = await fetch(`${server.base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${key}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ kind: 'api_key', role: 'enterprise', enterpriseId });
    const mine = await (await fetch(`${server.base}/api/v1/enterprises/${enterpriseId}`, { headers: { authorization: `Bearer ${key}` } })).json();
    expect(mine).toMatchObject({ status: 'approved', name });
  }, 120_000);
});
