/**
 * Browser journey: the demo zone's platform, payment firm, postal logistics and declaring agent send the four
 * documents of one purchase through the real API; customs sees the list released in the console, opens its
 * page (four documents side by side, tax 45.14 at 70 %, receipts), and the buyer's public quota shows 496.00
 * used. A second purchase paid one fen too much is rejected and its page shows both amounts in red.
 * Screenshots are kept under test-results/e2e/clearance-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launch, SCREENSHOTS } from '../support/browser.js';
import { startServer, type RunningServer } from '../support/server.js';
import { anInventoryMessage, anOrderMessage, aPaymentMessage, aWaybillMessage, type SampleDeal } from '../../src/gateway/ceb/samples.js';

const run = browserAvailable();
const webBuilt = existsSync(join(import.meta.dirname, '..', '..', 'web', 'dist', 'index.html'));
if (run && !webBuilt) throw new Error('web/dist is missing: npm test builds the console first (scripts/test.mjs); run npm run build:web');

// The demo zone's parties (src/demo/zone.data.ts): users mall, pay, post and agent, password demo2026.
const PARTIES = { ebp: '1504960001', payment: '1504960502', logistics: '1504910601', agent: '1504980701', ebc: '1504941001' };
const USERS = { ebp: 'mall', payment: 'pay', logistics: 'post', agent: 'agent' } as const;
type Sender = keyof typeof USERS;

/** A valid resident ID (GB 11643 check character) of someone born in Chifeng, different each run. */
function aResidentId(): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first17 = `150402${1960 + randomInt(40)}${String(1 + randomInt(12)).padStart(2, '0')}${String(1 + randomInt(28)).padStart(2, '0')}${String(randomInt(1000)).padStart(3, '0')}`;
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * W[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** Two tins of the babycare importer's filed formula (BB-NF-1) plus 20.00 freight; tax (goods + freight) × 0.091 half-up. */
function aPurchase(tag: string, buyer: { name: string; id: string }): Partial<SampleDeal> {
  const goodsFen = 2 * 23_800;
  const freightFen = 2_000;
  const taxFen = Math.floor(((goodsFen + freightFen) * 91 + 500) / 1000); // 496.00 × 0.091 = 45.136 -> 45.14
  return {
    orderNo: `E2EO${tag}`, payTransactionId: `E2EP${tag}`, logisticsNo: `E2EL${tag}`, copNo: `E2EC${tag}`,
    ebpCode: PARTIES.ebp, ebpName: '赤峰跨境电商综合服务平台运营有限公司', ebcCode: PARTIES.ebc, ebcName: '赤峰进口母婴用品有限公司',
    payCode: PARTIES.payment, payName: '蒙银支付科技有限公司', logisticsCode: PARTIES.logistics, logisticsName: '中国邮政集团有限公司赤峰市分公司',
    agentCode: PARTIES.agent, agentName: '赤峰海关报关服务有限公司', assureCode: PARTIES.agent,
    buyerName: buyer.name, buyerIdNumber: buyer.id, buyerTelephone: '13900001234', buyerRegNo: `e2e-${tag}`,
    goodsValue: yuan(goodsFen), freight: yuan(freightFen), insuredFee: '0', discount: '0', taxTotal: yuan(taxFen), acturalPaid: yuan(goodsFen + freightFen + taxFen),
    tradeMode: '9610',
    items: [{ itemNo: 'BB-NF-1', itemName: '婴幼儿配方奶粉（1段）', gcode: '1901101000', gmodel: '婴幼儿配方奶粉（1段）', barCode: '', unit: '122', qty: '2', price: '238.00', totalPrice: '476.00', unit1: '035', qty1: '1.6', country: '609' }],
    at: new Date(),
  };
}

describe.runIf(run)('import clearance in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const keys = new Map<Sender, string>();
  const buyer = { name: '李晓明', id: aResidentId() };
  const tag = `${Date.now().toString(36).toUpperCase()}${randomInt(1000)}`;

  async function api<T>(path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
    const res = await fetch(`${server.base}/api/v1${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} -> ${res.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }

  /** Each party logs in as its demo user and creates an API key for its enterprise, as an ERP would. */
  async function keyOf(sender: Sender): Promise<string> {
    if (!keys.has(sender)) {
      const login = await api<{ token: string; user: { enterpriseId: string } }>('/auth/login', { body: { username: USERS[sender], password: 'demo2026' } });
      const created = await api<{ key: string }>(`/enterprises/${login.user.enterpriseId}/api-keys`, { token: login.token, body: { label: 'e2e clearance' } });
      keys.set(sender, created.key);
    }
    return keys.get(sender)!;
  }

  async function send(sender: Sender, message: unknown) {
    const receipt = await api<{ returnStatus: string; returnInfo: string }>('/messages', { token: await keyOf(sender), body: message });
    expect(receipt.returnStatus, receipt.returnInfo).not.toBe('-1');
  }

  async function statusOf(copNo: string): Promise<string> {
    return (await api<{ status: string }>(`/inventories/${copNo}`, { token: await keyOf('agent') })).status;
  }

  async function purchase(deal: Partial<SampleDeal>, payment = aPaymentMessage(deal)) {
    await send('ebp', anOrderMessage(deal));
    await send('payment', payment);
    await send('logistics', aWaybillMessage(deal));
    await send('agent', anInventoryMessage(deal));
  }

  beforeAll(async () => {
    server = await startServer({ CBEC_DEMO: '1' });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `clearance-${name}.png`), fullPage: true });

  async function loginAs(page: Page, username: string) {
    await page.goto(`${server.base}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('demo2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('header-user').waitFor();
  }

  it('a matching purchase is released; customs reads its page; the public quota shows what it used', async () => {
    const deal = aPurchase(`A${tag}`, buyer);
    expect(deal).toMatchObject({ taxTotal: '45.14', acturalPaid: '541.14' });
    await purchase(deal);
    await expect.poll(() => statusOf(deal.copNo!), { timeout: 10_000 }).toBe('800');

    // 1. The declarations list shows it released.
    const officer = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginAs(officer, 'customs');
    await officer.goto(`${server.base}/declarations`);
    const row = officer.getByTestId(`declaration-row-${deal.copNo}`);
    await row.waitFor();
    const status = row.getByTestId('decl-status');
    expect(await status.getAttribute('data-status')).toBe('800');
    expect(await status.textContent()).toBe('放行');
    await shot(officer, '1-declarations');

    // 2. Its page: four documents side by side, nothing red, tax 45.14 at 70 %, the receipts.
    await row.getByRole('link', { name: deal.copNo! }).click();
    for (const doc of ['order', 'payment', 'waybill', 'list']) {
      const col = officer.getByTestId(`doc-col-${doc}`);
      await col.waitFor();
      expect(await col.getAttribute('data-present')).toBe('true');
    }
    expect(await officer.getByTestId('tax-total').textContent()).toBe('45.14');
    expect(await officer.getByTestId('tax-factor').textContent()).toContain('70 %');
    expect(await officer.getByTestId('mismatch-cell').count()).toBe(0);
    await officer.getByTestId('receipt-timeline').getByTestId('receipt-item').first().waitFor();
    expect(await officer.getByTestId('receipt-timeline').textContent()).toContain('800');
    expect(await officer.getByTestId('decision-release').count()).toBe(0);
    await shot(officer, '2-declaration');

    // 3. The buyer looks up the annual quota without logging in.
    const consumer = await browser.newPage();
    await consumer.goto(`${server.base}/login`);
    await consumer.getByTestId('quota-link').click();
    await consumer.getByTestId('quota-name').fill(buyer.name);
    await consumer.getByTestId('quota-id').fill(buyer.id);
    await consumer.getByTestId('quota-submit').click();
    await consumer.getByTestId('quota-used').waitFor();
    expect(await consumer.getByTestId('quota-used').textContent()).toBe('496.00');
    expect(await consumer.getByTestId('quota-remaining').textContent()).toBe('25,504.00');
    await shot(consumer, '3-quota');

    // 4. The declaring agent reads the release in its receipts, with the XML.
    const agent = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginAs(agent, 'agent');
    await agent.goto(`${server.base}/receipts`);
    const receipt = agent.locator('tr', { hasText: deal.copNo! }).filter({ hasText: '800' });
    // The demo's export parcels came first: page on ("load more") until the release is there.
    await agent.getByTestId('receipts-more').or(receipt.first()).first().waitFor();
    for (let i = 0; i < 20 && (await receipt.count()) === 0; i++) {
      await agent.getByTestId('receipts-more').click();
      await agent.waitForTimeout(200);
    }
    await receipt.first().waitFor();
    await receipt.first().getByTestId('receipt-open').click();
    await expect.poll(() => agent.getByTestId('receipt-xml').textContent()).toContain(`<ceb:copNo>${deal.copNo}</ceb:copNo>`);
    await shot(agent, '4-receipts');
  }, 120_000);

  it('a payment one fen off is rejected and its page shows both amounts in red with the rule', async () => {
    const deal = aPurchase(`B${tag}`, { name: '赵一凡', id: aResidentId() });
    const payment = aPaymentMessage(deal);
    (payment.Payment as Array<{ PaymentHead: Record<string, string> }>)[0]!.PaymentHead.amountPaid = '541.15';
    await purchase(deal, payment);
    await expect.poll(() => statusOf(deal.copNo!), { timeout: 10_000 }).toBe('100');

    const officer = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginAs(officer, 'customs');
    await officer.goto(`${server.base}/declarations?status=100`);
    await officer.getByTestId(`declaration-row-${deal.copNo}`).waitFor();
    await officer.goto(`${server.base}/declarations/${deal.copNo}`);
    const red = officer.getByTestId('mismatch-cell');
    await red.first().waitFor();
    expect(await red.count()).toBe(2);
    const texts = (await red.allTextContents()).join(' ');
    expect(texts).toContain('541.15');
    expect(texts).toContain('541.14');
    expect(await red.first().getAttribute('data-code')).toBe('clearance.amount_mismatch');
    expect(await officer.getByTestId('decl-reasons').textContent()).toContain('clearance.amount_mismatch');
    await shot(officer, '5-mismatch');
  }, 120_000);
});
