/**
 * Browser journey of an export return (出口退货): the demo zone's platform, payment firm, postal logistics and
 * declaring agent send the four documents of one 9610 cashmere parcel (two scarves) through the real API; it
 * arrives, departs and is summarised into a customs declaration. The platform, which may read the list but
 * is neither its agent nor its consignor, sees no way to file a return. The agent opens the list's page and
 * files a return: two scarves more than the list declared is refused with the API's code and Chinese text
 * under the line; one scarf is accepted with its amount and the linked declaration number, and the returns
 * card and the timeline show it. In English, returning more than the one scarf left is refused in English.
 * Screenshots are kept under test-results/e2e/export-return-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launch, SCREENSHOTS } from '../support/browser.js';
import { startServer, type RunningServer } from '../support/server.js';
import { anExportDeal, exportSamples, type ExportDeal } from '../../src/gateway/ceb/samples-export.js';
import type { CebMessage } from '../../src/gateway/ceb/types.js';

const run = browserAvailable();
const webBuilt = existsSync(join(import.meta.dirname, '..', '..', 'web', 'dist', 'index.html'));
if (run && !webBuilt) throw new Error('web/dist is missing: npm test builds the console first (scripts/test.mjs); run npm run build:web');

// The demo zone's parties (src/demo/zone.data.ts): users mall, pay, post and agent, password demo2026; the
// cashmere maker is the consignor (ebc).
const PARTIES = {
  ebp: { code: '1504960001', name: '赤峰跨境电商综合服务平台运营有限公司' },
  payment: { code: '1504960502', name: '蒙银支付科技有限公司' },
  logistics: { code: '1504910601', name: '中国邮政集团有限公司赤峰市分公司' },
  agent: { code: '1504980701', name: '赤峰海关报关服务有限公司' },
  ebc: { code: '1504960101', name: '赤峰草原羊绒制品有限公司' },
};
const USERS = { ebp: 'mall', payment: 'pay', logistics: 'post', agent: 'agent' } as const;
type Sender = keyof typeof USERS;

interface ListRow {
  invtNo: string | null;
  status: string;
  departed: boolean;
  entryId: string | null;
  goodsValue: string | null;
}
interface ReturnRow {
  invtNo: string;
  entryId: string | null;
  reason: string;
  amount: string;
  lines: { gnum: number; qty: string }[];
}

describe.runIf(run)('export return in the browser: the agent files a return of a departed 9610 list', () => {
  let server: RunningServer;
  let browser: Browser;
  const keys = new Map<Sender, string>();
  const tag = `${Date.now().toString(36).toUpperCase()}${randomInt(1000)}`;
  const deal: ExportDeal = anExportDeal({
    orderNo: `E2ERO${tag}`, copNo: `E2ERC${tag}`, logisticsNo: `E2ERL${tag}`,
    ebpCode: PARTIES.ebp.code, ebpName: PARTIES.ebp.name, ebcCode: PARTIES.ebc.code, ebcName: PARTIES.ebc.name,
    logisticsCode: PARTIES.logistics.code, logisticsName: PARTIES.logistics.name, agentCode: PARTIES.agent.code, agentName: PARTIES.agent.name,
    payCode: PARTIES.payment.code, payName: PARTIES.payment.name,
    operatorCode: PARTIES.logistics.code, operatorName: PARTIES.logistics.name,
    statisticsFlag: 'B', tradeMode: '9610', customsCode: '0604', qty: '2', price: '160.00', at: new Date(),
  });

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

  async function keyOf(sender: Sender): Promise<string> {
    if (!keys.has(sender)) {
      const login = await api<{ token: string; user: { enterpriseId: string } }>('/auth/login', { body: { username: USERS[sender], password: 'demo2026' } });
      const created = await api<{ key: string }>(`/enterprises/${login.user.enterpriseId}/api-keys`, { token: login.token, body: { label: 'e2e export return' } });
      keys.set(sender, created.key);
    }
    return keys.get(sender)!;
  }

  async function send(sender: Sender, message: CebMessage) {
    const receipt = await api<{ returnStatus: string; returnInfo: string }>('/messages', { token: await keyOf(sender), body: message });
    expect(receipt.returnStatus, `${message.messageType}: ${receipt.returnInfo}`).not.toBe('-1');
    expect(receipt.returnStatus, `${message.messageType}: ${receipt.returnInfo}`).not.toBe('100');
  }

  const listOf = async () => api<ListRow>(`/export/lists/${deal.copNo}?agentCode=${deal.agentCode}`, { token: await keyOf('agent') });

  beforeAll(async () => {
    server = await startServer({ CBEC_DEMO: '1' });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `export-return-${name}.png`), fullPage: true });

  async function loginAs(page: Page, username: string) {
    await page.goto(`${server.base}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('demo2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('header-user').waitFor();
  }

  it('refuses more than the list declared, files one unit, and shows it on the list page', async () => {
    // 1. The four documents through the real gateway; the parcel arrives, departs and is summarised.
    await send('ebp', exportSamples.CEB303(deal));
    await send('payment', exportSamples.CEB403(deal));
    await send('logistics', exportSamples.CEB505(deal));
    await send('agent', exportSamples.CEB603(deal));
    await expect.poll(async () => (await listOf()).status, { timeout: 10_000 }).toBe('399');
    await send('logistics', exportSamples.CEB507(deal));
    await expect.poll(async () => (await listOf()).status, { timeout: 10_000 }).toBe('800');
    await send('logistics', exportSamples.CEB509(deal));
    await expect.poll(async () => (await listOf()).status, { timeout: 10_000 }).toBe('899');
    const invtNo = (await listOf()).invtNo!;
    expect(invtNo).toMatch(/^0604\d{4}E\d{9}$/);
    const summary = await api<{ entryId: string }>('/export/summaries', { token: await keyOf('agent'), body: { invtNos: [invtNo], summaryFlag: '1' } });
    expect(summary.entryId).toMatch(/^\d{8}0\d{9}$/);
    expect(await listOf()).toMatchObject({ departed: true, entryId: summary.entryId, goodsValue: '320.00' });
    const page = `${server.base}/export/lists/${encodeURIComponent(deal.copNo)}?agentCode=${deal.agentCode}`;

    // 2. The platform reads the list but is neither its agent nor its consignor: no return to file.
    const platform = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginAs(platform, 'mall');
    await platform.goto(page);
    await platform.getByTestId('export-header').waitFor();
    await platform.getByTestId('export-timeline').waitFor();
    expect(await platform.getByTestId('export-return-file').count()).toBe(0);
    await platform.close();

    // 3. The agent opens the list's page and the return form: one row per goods line, nothing returned yet.
    const agent = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginAs(agent, 'agent');
    await agent.goto(page);
    const fileButton = agent.getByTestId('export-return-file');
    await fileButton.waitFor();
    expect(await fileButton.textContent()).toContain('申报出口退货');
    expect(await agent.getByTestId('export-returns').count()).toBe(0);
    await fileButton.click();
    const form = agent.getByTestId('return-form');
    await form.waitFor();
    expect(await agent.getByTestId('return-left-1').textContent()).toBe('2');
    expect(await agent.getByTestId('return-qty-1').inputValue()).toBe('0');
    expect(await agent.getByTestId('return-date').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Nothing above 0 is refused before it is sent.
    await agent.getByTestId('return-reason').fill('买家拒收，原状退回');
    await agent.getByTestId('return-submit').click();
    await agent.getByTestId('return-no-line').waitFor();

    // 4. Three scarves of a list of two: the API's code and its Chinese text, under the line.
    await agent.getByTestId('return-qty-1').fill('3');
    await agent.getByTestId('return-submit').click();
    const lineError = agent.getByTestId('return-line-error');
    await lineError.waitFor();
    expect(await lineError.getAttribute('data-code')).toBe('clearance.return_qty');
    expect(await lineError.textContent()).toBe('第 1 项退货数量 3 须大于 0 且不超过未退数量 2 (clearance.return_qty)');
    await shot(agent, '1-refused');

    // 5. One scarf: accepted, with its amount and the declaration the list went into.
    await agent.getByTestId('return-qty-1').fill('1');
    await lineError.waitFor({ state: 'detached' }); // editing the line clears the refusal
    await agent.getByTestId('return-submit').click();
    await agent.getByTestId('return-result').waitFor();
    expect(await agent.getByTestId('return-result-amount').getAttribute('data-value')).toBe('160.00');
    expect(await agent.getByTestId('return-result-entry-id').textContent()).toBe(summary.entryId);
    await shot(agent, '2-filed');
    await agent.getByTestId('return-close').click();

    // 6. The page reloaded: the returns card and the timeline show the return.
    const returns = agent.getByTestId('export-returns');
    await returns.waitFor();
    const row = returns.locator('tbody tr.ant-table-row');
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('买家拒收，原状退回');
    expect(await row.textContent()).toContain('第 1 项 × 1');
    expect(await row.textContent()).toContain('160.00');
    const timeline = agent.getByTestId('export-timeline');
    await timeline.locator('[data-kind="return"]').waitFor();
    expect(await timeline.locator('[data-kind="return"]').textContent()).toContain('买家拒收，原状退回');
    await shot(agent, '3-list');

    // The returns register is scoped to the consignor's code: customs reads it whole.
    const customs = (await api<{ token: string }>('/auth/login', { body: { username: 'customs', password: 'demo2026' } })).token;
    const filed = await api<{ total: number; items: ReturnRow[] }>(`/export/returns?invtNo=${invtNo}`, { token: customs });
    expect(filed.total).toBe(1);
    expect(filed.items[0]).toMatchObject({ invtNo, entryId: summary.entryId, reason: '买家拒收，原状退回', amount: '160.00', lines: [{ gnum: 1, qty: '1' }] });

    // 7. In English: one scarf is left, so two are refused, in English, with the same code.
    await agent.getByTestId('lang-switch').getByText('English').click();
    await agent.getByTestId('export-return-file').getByText('File an export return').waitFor();
    await agent.getByTestId('export-return-file').click();
    await agent.getByTestId('return-submit').waitFor();
    expect(await agent.getByTestId('return-left-1').textContent()).toBe('1');
    await agent.getByTestId('return-reason').fill('wrong size');
    await agent.getByTestId('return-qty-1').fill('2');
    await agent.getByTestId('return-submit').click();
    await lineError.waitFor();
    expect(await lineError.getAttribute('data-code')).toBe('clearance.return_qty');
    expect(await lineError.textContent()).toBe('line 1: return quantity 2 must be above 0 and at most the 1 not yet returned (clearance.return_qty)');
    await shot(agent, '4-refused-en');
    expect((await api<{ total: number }>(`/export/returns?invtNo=${invtNo}`, { token: customs })).total).toBe(1);
  }, 180_000);
});
