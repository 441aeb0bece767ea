/**
 * Browser journey of a 9610 retail export under summary declaration (statistics flag B): the demo zone's
 * platform, payment firm, postal logistics and declaring agent send the order (CEB303), receipt of payment
 * (CEB403), waybill (CEB505) and list (CEB603) of one cashmere parcel through the real API; the parcel
 * arrives at the supervised site (CEB507) and departs (CEB509). Customs sees the list closed in the export
 * lists. The declaring agent opens Summary declarations, finds the list's group due, applies, reads the
 * 18-digit declaration number and finds it under Done; the list's page then shows its four documents side
 * by side and a timeline from the receipts to the summary. Screenshots are kept under
 * test-results/e2e/export-*.png.
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
// cashmere maker is the consignor (ebc) and the producer (owner).
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
  copNo: string;
  agentCode: string;
  invtNo: string | null;
  statisticsFlag: string | null;
  status: string;
  arrived: boolean;
  departed: boolean;
  sumNo: string | null;
  entryId: string | null;
  goodsValue: string | null;
}
interface Group {
  groupKey: string;
  agentCode: string;
  ebcCode: string;
  overdue: boolean;
  lists: number;
  goodsValue: string;
  invtNos: string[];
}

/** The head node of a built message's first business node (e.g. Inventory[0].InventoryHead). */
function headOf(message: CebMessage, node: string, head?: string): Record<string, string> {
  const n = (message as unknown as Record<string, unknown>)[node] as Array<Record<string, unknown>> | Record<string, unknown>;
  const first = (Array.isArray(n) ? n[0] : n) as Record<string, unknown>;
  return (head ? first[head] : first) as Record<string, string>;
}

describe.runIf(run)('export clearance in the browser: a B-list summarised into a customs declaration', () => {
  let server: RunningServer;
  let browser: Browser;
  const keys = new Map<Sender, string>();
  const tag = `${Date.now().toString(36).toUpperCase()}${randomInt(1000)}`;
  const deal: ExportDeal = anExportDeal({
    orderNo: `E2EXO${tag}`, copNo: `E2EXC${tag}`, logisticsNo: `E2EXL${tag}`,
    ebpCode: PARTIES.ebp.code, ebpName: PARTIES.ebp.name, ebcCode: PARTIES.ebc.code, ebcName: PARTIES.ebc.name,
    logisticsCode: PARTIES.logistics.code, logisticsName: PARTIES.logistics.name, agentCode: PARTIES.agent.code, agentName: PARTIES.agent.name,
    payCode: PARTIES.payment.code, payName: PARTIES.payment.name,
    // The postal firm delivers to the supervised site and reports the arrival itself.
    operatorCode: PARTIES.logistics.code, operatorName: PARTIES.logistics.name,
    statisticsFlag: 'B', tradeMode: '9610', customsCode: '0604', at: new Date(),
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

  /** Each party logs in as its demo user and creates an API key for its enterprise, as an ERP would. */
  async function keyOf(sender: Sender): Promise<string> {
    if (!keys.has(sender)) {
      const login = await api<{ token: string; user: { enterpriseId: string } }>('/auth/login', { body: { username: USERS[sender], password: 'demo2026' } });
      const created = await api<{ key: string }>(`/enterprises/${login.user.enterpriseId}/api-keys`, { token: login.token, body: { label: 'e2e export' } });
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

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `export-${name}.png`), fullPage: true });

  async function loginAs(page: Page, username: string) {
    await page.goto(`${server.base}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('demo2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('header-user').waitFor();
  }

  it('the parcel clears, departs, is summarised by its agent, and its page tells the whole story', async () => {
    // 1. The four documents through the real gateway; the list asks for summary declaration (B).
    const list = exportSamples.CEB603(deal);
    expect(headOf(list, 'Inventory', 'InventoryHead').statisticsFlag).toBe('B');
    const gcode = (list.Inventory as Array<{ InventoryList: Array<{ gcode: string }> }>)[0]!.InventoryList[0]!.gcode;

    await send('ebp', exportSamples.CEB303(deal));
    await send('payment', exportSamples.CEB403(deal));
    await send('logistics', exportSamples.CEB505(deal));
    await send('agent', list);
    await expect.poll(async () => (await listOf()).status, { timeout: 10_000 }).toBe('399');

    // 2. It arrives at the supervised site (released) and departs (closed).
    await send('logistics', exportSamples.CEB507(deal));
    await expect.poll(async () => (await listOf()).status, { timeout: 10_000 }).toBe('800');
    await send('logistics', exportSamples.CEB509(deal));
    await expect.poll(async () => (await listOf()).status, { timeout: 10_000 }).toBe('899');
    const closed = await listOf();
    expect(closed).toMatchObject({ statisticsFlag: 'B', arrived: true, departed: true, sumNo: null, entryId: null, goodsValue: '320.00' });
    const invtNo = closed.invtNo!;
    expect(invtNo).toMatch(/^0604\d{4}E\d{9}$/);

    // Its group is due for the agent.
    const due = await api<{ items: Group[] }>('/export/summaries/due', { token: await keyOf('agent') });
    const group = due.items.find((g) => g.invtNos.includes(invtNo));
    expect(group, JSON.stringify(due.items)).toMatchObject({ agentCode: PARTIES.agent.code, ebcCode: PARTIES.ebc.code, overdue: false });

    // 3. Customs sees the list closed among the B-lists.
    const officer = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginAs(officer, 'customs');
    await officer.getByTestId('side-menu').getByRole('link', { name: '出口清单', exact: true }).click();
    await officer.waitForURL(/\/export\/lists/);
    await officer.goto(`${server.base}/export/lists?statisticsFlag=B`);
    const row = officer.getByTestId(`export-row-${deal.copNo}`);
    await row.waitFor();
    const status = row.getByTestId('export-status');
    expect(await status.getAttribute('data-status')).toBe('899');
    expect(await status.textContent()).toBe('离境结关');
    expect(await row.getByTestId('flag-arrived').getAttribute('data-done')).toBe('true');
    expect(await row.getByTestId('flag-departed').getAttribute('data-done')).toBe('true');
    expect(await row.getByTestId('statistics-flag').getAttribute('data-flag')).toBe('B');
    await shot(officer, '1-lists');

    // 4. The agent opens Summary declarations from its menu, finds the group due and applies.
    const agent = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginAs(agent, 'agent');
    await agent.getByTestId('side-menu').getByRole('link', { name: '汇总申报', exact: true }).click();
    await agent.waitForURL(/\/export\/summaries/);
    const groupRow = agent.getByTestId(`summary-group-${group!.groupKey}`);
    await groupRow.waitFor();
    // The demo zone's own cashmere parcels of this month may share the group: the row shows the group's sum.
    expect(await groupRow.textContent()).toContain(group!.goodsValue.replace(/\B(?=(\d{3})+\.)/g, ','));
    await shot(agent, '2-due');
    await groupRow.getByTestId('summary-apply').click();
    await agent.getByTestId('summary-flag-1').waitFor();
    expect(await agent.getByTestId('summary-item-name-flag').isChecked()).toBe(true);
    await agent.getByTestId('summary-submit').click();
    const entryIdCell = agent.getByTestId('summary-result-entry-id');
    await entryIdCell.waitFor();
    const entryId = (await entryIdCell.textContent())!.trim();
    expect(entryId).toMatch(/^\d{8}0\d{9}$/); // district, year, 0 = export, serial
    const sumNo = (await agent.getByTestId('summary-result-sum-no').textContent())!.trim();
    expect(sumNo).not.toBe('');
    await shot(agent, '3-applied');

    // 5. The group moved to Done: the summary with its declaration number and its items.
    await agent.getByTestId('summary-done-close').click();
    await agent.waitForURL(/tab=done/);
    const done = agent.getByTestId(`summary-row-${sumNo}`);
    await done.waitFor();
    expect(await done.getAttribute('data-entry-id')).toBe(entryId);
    expect(await done.getByTestId('summary-entry-id').textContent()).toContain(entryId);
    await done.locator('.ant-table-row-expand-icon').click();
    const items = agent.getByTestId('summary-items');
    await items.waitFor();
    expect(await items.textContent()).toContain(gcode);
    await shot(agent, '4-done');
    const after = await api<{ items: Group[] }>('/export/summaries/due', { token: await keyOf('agent') });
    expect(after.items.some((g) => g.invtNos.includes(invtNo))).toBe(false);
    await agent.getByTestId('summary-tab-due').click();
    await agent.getByTestId('summary-groups-due').waitFor();
    expect(await agent.getByTestId(`summary-group-${group!.groupKey}`).count()).toBe(0);

    // 6. The list's page: the four documents side by side, the declaration number, and the timeline.
    await agent.goto(`${server.base}/export/lists?q=${deal.copNo}`);
    const mine = agent.getByTestId(`export-row-${deal.copNo}`);
    await mine.waitFor();
    expect(await mine.getByTestId('list-entry-id').textContent()).toBe(entryId);
    await mine.getByRole('link', { name: deal.copNo }).click();
    for (const doc of ['order', 'receipt', 'waybill', 'list']) {
      const col = agent.getByTestId(`export-doc-col-${doc}`);
      await col.waitFor();
      expect(await col.getAttribute('data-present')).toBe('true');
    }
    expect(await agent.getByTestId('mismatch-cell').count()).toBe(0);
    expect(await agent.getByTestId('export-entry-id').textContent()).toBe(entryId);
    const timeline = agent.getByTestId('export-timeline');
    await timeline.getByTestId('export-timeline-item').first().waitFor();
    const kinds = await timeline.getByTestId('export-timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['receipt', 'arrival', 'departure', 'summary']));
    expect(kinds.indexOf('arrival')).toBeLessThan(kinds.indexOf('departure'));
    expect(kinds.indexOf('departure')).toBeLessThan(kinds.lastIndexOf('summary'));
    expect(await timeline.textContent()).toContain('800');
    await shot(agent, '5-list');
  }, 180_000);
});
