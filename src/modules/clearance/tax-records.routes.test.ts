import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { anEnterprise } from '../../../test/support/builders.js';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import type { Principal } from '../../platform/http/principal.js';
import type { ClearanceTables } from './migrations.js';

afterAll(cleanupPlatforms);

const officer: Principal = { kind: 'user', id: 'officer', name: 'officer', role: 'customs', enterpriseId: null };
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each(dialects())('export tax records over HTTP on %s', (dialect) => {
  async function setup() {
    const h = await freshApp(dialect, '2026-06-01T02:00:00.000Z');
    const t = h.platform.database.db.withTables<ClearanceTables>();
    const id = () => randomBytes(8).toString('hex');
    const file = async () => {
      const e = anEnterprise();
      const filed = await h.platform.registry.enterprises.file(officer, e);
      await h.platform.registry.enterprises.decide(officer, filed.id, 'approve', 'ok');
      return { id: filed.id, code: e.customsCode, uscc: e.uscc, name: e.name };
    };
    const stamp = '2026-01-01T00:00:00.000Z';
    const list = async (ebc: string, invtNo: string, releasedAt: string, lines: Array<{ gnum: number; itemName: string | null; gname: string; unit: string; qty: string; price: string; totalFen: number }>, currency = '142') => {
      const exportId = id();
      await t.insertInto('clearance_export').values({
        id: exportId, ebp_code: '1504960001', order_no: `ORD${id()}`, order_id: null, receipt_id: null, waybill_id: null, list_id: null, cop_no: `COP${id()}`, agent_code: '1504960002',
        ebc_code: ebc, owner_code: ebc, logistics_key: null, trade_mode: '9610', statistics_flag: 'B', customs_code: '0604', port_code: '0604', country: '344', traf_mode: '5', currency,
        invt_no: invtNo, status: 800, reasons_json: '[]', deadline: null, goods_fen: lines.reduce((s, l) => s + l.totalFen, 0), collected_fen: 0, gross_weight: '1', net_weight: '1',
        ie_date: null, arrived_at: null, bill_no: null, departed_at: null, summary_id: null, cancelled_at: null, created_at: stamp, updated_at: stamp, decided_at: releasedAt, released_at: releasedAt,
      }).execute();
      for (const l of lines) await t.insertInto('clearance_export_line').values({ export_id: exportId, gnum: l.gnum, item_no: null, item_name: l.itemName, gcode: '6110120011', gname: l.gname, unit: l.unit, qty: l.qty, unit1: null, qty1: null, price: l.price, total_fen: l.totalFen, currency }).execute();
      return exportId;
    };
    const summary = async (ebc: string, entryId: string, createdAt: string, goodsFen: number, collectedFen: number) => {
      await t.insertInto('clearance_summary').values({
        id: id(), sum_no: `SUM${id()}`, cop_no: `COP${id()}`, agent_code: '1504960002', ebc_code: ebc, owner_code: ebc, decl_agent_code: '1504960002', customs_code: '0604', port_code: '0604',
        country: '344', traf_mode: '5', currency: '142', summary_flag: '1', item_name_flag: null, period: createdAt.slice(0, 7), list_count: 1, goods_fen: goodsFen, collected_fen: collectedFen,
        gross_weight: '1', net_weight: '1', entry_id: entryId, decl_seq_no: id(), dec_state: '1', items_json: '[]', sender_id: 'agent', created_at: createdAt,
      }).execute();
    };

    const a = await file();
    const b = await file();
    const returnedList = await list(a.code, '060420261000000001', '2026-03-01T02:00:00.000Z', [
      { gnum: 1, itemName: '山羊绒手工起绒男套头衫', gname: '羊绒衫', unit: '011', qty: '2', price: '1280', totalFen: 256_000 },
      { gnum: 2, itemName: null, gname: '羊毛围巾', unit: '015', qty: '3.5', price: '12.34567', totalFen: 4321 },
    ]);
    await list(a.uscc, '060420261000000002', '2026-04-30T16:00:00.000Z', [{ gnum: 1, itemName: '羊绒披肩', gname: '披肩', unit: '011', qty: '1', price: '0.5', totalFen: 50 }]);
    await list(a.code, '060420261000000003', '2026-05-02T02:00:00.000Z', [{ gnum: 1, itemName: 'Cashmere scarf', gname: '围巾', unit: '015', qty: '1', price: '20', totalFen: 2000 }], '502');
    await list(b.code, '060420261000000004', '2026-03-02T02:00:00.000Z', [{ gnum: 1, itemName: '驼绒被', gname: '被子', unit: '011', qty: '1', price: '1237', totalFen: 123_700 }]);
    await t.insertInto('clearance_export_return').values({ id: id(), export_id: returnedList, invt_no: '060420261000000001', entry_id: '060420260000000011', ebc_code: a.code, reason: 'unsold', lines_json: JSON.stringify([{ gnum: 1, qty: '1' }]), returned_fen: 128_000, returned_on: '2026-04-01', sender_id: 'agent', created_at: stamp }).execute();
    await t.insertInto('clearance_export_entry').values({
      id: id(), entry_id: '060420260000000022', cop_no: `COP${id()}`, trade_mode: '9810', ebc_code: a.code, agent_code: '1504960002', ebp_code: null, customs_code: '0604', port_code: '0604', country: '344',
      currency: '142', goods_fen: 1_000_000, collected_fen: 400_000, attached_type: '10000004', attached_no: 'BK1', match_status: 'matched', match_json: '{}',
      lines_json: JSON.stringify([{ gnum: 1, gcode: '6202200010', gname: '羊绒大衣', itemName: '女式羊绒大衣', unit: '011', qty: '5', price: '2000', totalFen: 1_000_000 }]),
      status: 800, sender_id: 'agent', created_at: stamp, released_at: '2026-02-01T02:00:00.000Z',
    }).execute();
    await summary(a.code, '060420260000000011', '2026-04-10T02:00:00.000Z', 260_321, 132_321);
    await summary(b.code, '060420260000000033', '2026-04-11T02:00:00.000Z', 123_700, 123_700);

    const get = (url: string, token?: string) => h.app.inject({ url, ...(token ? { headers: h.auth(token) } : {}) });
    const sheet = (body: Buffer, name?: string) => {
      const wb = XLSX.read(body, { type: 'buffer', cellNF: true });
      return { wb, ws: wb.Sheets[name ?? wb.SheetNames[0]!]! };
    };
    return { ...h, a, b, get, sheet };
  }

  const ENDPOINTS = ['/api/v1/export/tax-records', '/api/v1/export/tax-records.xlsx', '/api/v1/export/deemed-income', '/api/v1/export/deemed-income.xlsx', '/api/v1/export/rebate', '/api/v1/export/rebate.xlsx'];

  it('asks for a login, refuses departments without a need, and validates the query', async () => {
    const { get, userToken } = await setup();
    const market = await userToken('market');
    for (const url of ENDPOINTS) {
      const anon = await get(url);
      expect(anon.statusCode, url).toBe(401);
      expect(anon.json().error.code).toBe('auth.required');
      const denied = await get(url, market);
      expect(denied.statusCode, url).toBe(403);
      expect(denied.json().error).toMatchObject({ code: 'auth.forbidden', message: { zh: expect.stringContaining('tax'), en: expect.stringContaining('tax') } });
    }
    const tax = await userToken('tax');
    for (const q of ['year=2015', 'year=2101', 'year=x', 'from=2026-13-01', 'to=20260101', 'limit=0', 'limit=501', 'enterprise=a%27b']) {
      const r = await get(`/api/v1/export/tax-records?${q}`, tax);
      expect(r.statusCode, q).toBe(400);
      expect(r.json().error.code).toBe('http.invalid_request');
    }
    expect((await get('/api/v1/export/deemed-income?year=2015', tax)).statusCode).toBe(400);
    expect((await get('/api/v1/export/rebate.xlsx?collected=maybe', tax)).statusCode).toBe(400);
    const backwards = await get('/api/v1/export/tax-records.xlsx?from=2026-05-01&to=2026-04-30', tax);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error).toMatchObject({ code: 'export.invalid_period', message: { zh: '起始日期 2026-05-01 晚于截止日期 2026-04-30', en: 'from 2026-05-01 is after to 2026-04-30' } });
  });

  it('gives the tax bureau every enterprise, filtered and paged; an enterprise only its own', async () => {
    const { get, userToken, a, b } = await setup();
    const tax = await userToken('tax');
    const all = (await get('/api/v1/export/tax-records?year=2026', tax)).json();
    expect(all.total).toBe(6);
    expect(all.items.map((i: { date: string; ebcCode: string; source: string }) => `${i.date} ${i.source} ${i.ebcCode === a.code ? 'A' : i.ebcCode === a.uscc ? 'A*' : i.ebcCode === b.code ? 'B' : '?'}`))
      .toEqual(['2026-02-01 entry A', '2026-03-01 list A', '2026-03-01 list A', '2026-03-02 list B', '2026-05-01 list A*', '2026-05-02 list A']);
    expect(all.items[1]).toEqual({ date: '2026-03-01', source: 'list', invtNo: '060420261000000001', entryId: null, ebcCode: a.code, gnum: 1, goodsName: '山羊绒手工起绒男套头衫', gcode: '6110120011', unit: '011', unitName: '件', qty: '2', unitPrice: '1280.00', amount: '2560.00', currency: '142', currencyName: 'CNY', returned: true, returnedQty: '1' });
    const page2 = (await get('/api/v1/export/tax-records?year=2026&limit=2&offset=2', tax)).json();
    expect(page2).toEqual({ total: 6, items: all.items.slice(2, 4) });
    expect((await get(`/api/v1/export/tax-records?enterprise=${b.code}`, tax)).json().items.map((i: { goodsName: string }) => i.goodsName)).toEqual(['驼绒被']);
    expect((await get(`/api/v1/export/tax-records?enterprise=${a.uscc}&from=2026-05-01&to=2026-05-01`, tax)).json().items.map((i: { goodsName: string }) => i.goodsName)).toEqual(['羊绒披肩']);
    expect((await get(`/api/v1/export/tax-records?q=${encodeURIComponent('羊绒')}`, tax)).json().total).toBe(3);

    const mine = await userToken('enterprise', a.id);
    const own = (await get('/api/v1/export/tax-records', mine)).json();
    expect(own.total).toBe(5);
    expect(own.items.every((i: { ebcCode: string }) => i.ebcCode === a.code || i.ebcCode === a.uscc)).toBe(true);
    expect((await get(`/api/v1/export/tax-records?enterprise=${b.code}`, mine)).json()).toEqual({ items: [], total: 0 });
    expect((await get(`/api/v1/export/rebate?enterprise=${b.code}`, mine)).json()).toEqual({ items: [], total: 0 });
    expect((await get(`/api/v1/export/deemed-income?year=2026&enterprise=${b.code}`, mine)).json().items).toEqual([]);
    const theirs = await userToken('enterprise', b.id);
    const bXlsx = await get('/api/v1/export/tax-records.xlsx', theirs);
    expect(bXlsx.statusCode).toBe(200);
    const { ws } = setupSheet(bXlsx.rawPayload);
    expect(ws['!ref']).toBe('A1:O2');
    expect(ws.G2).toMatchObject({ t: 's', v: '驼绒被' });
  });

  it('downloads the records as a workbook a spreadsheet program reads, cell by cell', async () => {
    const { get, userToken, a, sheet } = await setup();
    const tax = await userToken('tax');
    const res = await get(`/api/v1/export/tax-records.xlsx?enterprise=${a.code}&year=2026`, tax);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="export-tax-records-${a.code}-2026.xlsx"`);
    const { wb, ws } = sheet(res.rawPayload);
    expect(wb.SheetNames).toEqual(['无票免税出口记录 Records', '查询条件 Filters']);
    expect(ws['!ref']).toBe('A1:O6');
    const header = 'ABCDEFGHIJKLMNO'.split('').map((c) => ws[`${c}1`]!.v);
    expect(header).toEqual(['出口日期 (Date)', '来源 (Source)', '清单编号 (List No.)', '报关单号 (Entry ID)', '项号 (Item)', '收发货人 (Consignor)', '商品名称 (Goods name)', '商品编码 (HS code)', '计量单位 (Unit)', '数量 (Quantity)', '单价 (Unit price)', '金额 (Amount)', '币制 (Currency)', '退货 (Returned)', '退货数量 (Returned qty)']);
    const row = (r: number) => 'ABCDEFGHIJKLMNO'.split('').map((c) => { const cell = ws[`${c}${r}`]; return cell ? [cell.t, cell.v] : null; });
    // 2026-02-01 is serial 46054; text stays text (18-digit numbers are never rounded into floats).
    expect(row(2)).toEqual([['n', 46054], ['s', '报关单 Entry'], null, ['s', '060420260000000022'], ['n', 1], ['s', a.code], ['s', '女式羊绒大衣'], ['s', '6202200010'], ['s', '件 (011)'], ['n', 5], ['n', 2000], ['n', 10000], ['s', 'CNY (142)'], ['s', '否 No'], null]);
    expect(row(3)).toEqual([['n', 46082], ['s', '清单 List'], ['s', '060420261000000001'], null, ['n', 1], ['s', a.code], ['s', '山羊绒手工起绒男套头衫'], ['s', '6110120011'], ['s', '件 (011)'], ['n', 2], ['n', 1280], ['n', 2560], ['s', 'CNY (142)'], ['s', '是 Yes'], ['n', 1]]);
    expect(row(4)).toEqual([['n', 46082], ['s', '清单 List'], ['s', '060420261000000001'], null, ['n', 2], ['s', a.code], ['s', '羊毛围巾'], ['s', '6110120011'], ['s', '条 (015)'], ['n', 3.5], ['n', 12.34567], ['n', 43.21], ['s', 'CNY (142)'], ['s', '否 No'], null]);
    // Released at 16:00 UTC on 30 April: 1 May in Shanghai.
    expect(row(5)).toEqual([['n', 46143], ['s', '清单 List'], ['s', '060420261000000002'], null, ['n', 1], ['s', a.uscc], ['s', '羊绒披肩'], ['s', '6110120011'], ['s', '件 (011)'], ['n', 1], ['n', 0.5], ['n', 0.5], ['s', 'CNY (142)'], ['s', '否 No'], null]);
    expect(row(6)).toEqual([['n', 46144], ['s', '清单 List'], ['s', '060420261000000003'], null, ['n', 1], ['s', a.code], ['s', 'Cashmere scarf'], ['s', '6110120011'], ['s', '条 (015)'], ['n', 1], ['n', 20], ['n', 20], ['s', 'USD (502)'], ['s', '否 No'], null]);
    // What a reader sees: dates as dates, amounts with 2 decimals, prices with 2 to 5, quantities as they are.
    expect([ws.A2!.w, ws.J4!.w, ws.K4!.w, ws.K5!.w, ws.L3!.w, ws.L5!.w]).toEqual(['2026-02-01', '3.5', '12.34567', '0.50', '2,560.00', '0.50']);
    const filters = XLSX.utils.sheet_to_json<{ '条件 (Filter)': string; '值 (Value)': string }>(wb.Sheets['查询条件 Filters']!);
    expect(filters.slice(0, 4).map((f) => [f['条件 (Filter)'], f['值 (Value)']])).toEqual([['企业 (Enterprise)', a.code], ['年度 (Year)', '2026'], ['起始日期 (From)', undefined], ['截止日期 (To)', undefined]]);
    expect(filters.find((f) => f['条件 (Filter)'].startsWith('生成时间'))?.['值 (Value)']).toBe('2026-06-01 10:00');
  });

  it('reports deemed income at 4 % of the base less returns, as JSON and as a workbook', async () => {
    const { get, userToken, a, b, sheet } = await setup();
    const tax = await userToken('tax');
    const r = (await get('/api/v1/export/deemed-income?year=2026', tax)).json();
    const byCode = <T extends { ebcCode: string; currency: string }>(rows: T[]) => [...rows].sort((p, q) => (p.ebcCode + p.currency < q.ebcCode + q.currency ? -1 : 1));
    expect(r.rate).toBe('0.04');
    // A: 10,000 + 2,560 + 43.21 + 0.50 = 12,603.71 less 1,280 returned = 11,323.71; × 4 % = 452.9484 → 452.95.
    // B: 1,237 × 4 % = 49.48.
    expect(byCode(r.items)).toEqual(byCode([
      { ebcCode: a.code, enterpriseName: a.name, currency: '142', currencyName: 'CNY', exportAmount: '12603.71', returnedAmount: '1280.00', taxableBase: '11323.71', deemedIncome: '452.95' },
      { ebcCode: a.code, enterpriseName: a.name, currency: '502', currencyName: 'USD', exportAmount: '20.00', returnedAmount: '0.00', taxableBase: '20.00', deemedIncome: null },
      { ebcCode: b.code, enterpriseName: b.name, currency: '142', currencyName: 'CNY', exportAmount: '1237.00', returnedAmount: '0.00', taxableBase: '1237.00', deemedIncome: '49.48' },
    ]));
    const mine = (await get('/api/v1/export/deemed-income?year=2026', await userToken('enterprise', b.id))).json();
    expect(mine.items.map((i: { ebcCode: string }) => i.ebcCode)).toEqual([b.code]);

    const res = await get(`/api/v1/export/deemed-income.xlsx?year=2026&enterprise=${a.uscc}`, tax);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="deemed-income-${a.uscc}-2026.xlsx"`);
    const { wb, ws } = sheet(res.rawPayload);
    expect(wb.SheetNames[0]).toBe('核定征收 2026');
    expect(ws['!ref']).toBe('A1:H3');
    const cells = (r: number) => 'ABCDEFGH'.split('').map((c) => ws[`${c}${r}`]?.v ?? null);
    expect(cells(1)).toEqual(['收发货人 (Consignor)', '企业名称 (Enterprise)', '币制 (Currency)', '出口金额 (Export amount)', '退货金额 (Returned amount)', '收入总额 (Taxable base)', '应税所得率 (Rate)', '应纳税所得额 (Deemed income)']);
    expect(cells(2)).toEqual([a.code, a.name, 'CNY (142)', 12603.71, 1280, 11323.71, 0.04, 452.95]);
    expect(cells(3)).toEqual([a.code, a.name, 'USD (502)', 20, 0, 20, null, null]);
    expect(['D2', 'E2', 'H2', 'G2'].map((c) => [ws[c]!.t, ws[c]!.w])).toEqual([['n', '12,603.71'], ['n', '1,280.00'], ['n', '452.95'], ['n', '0.04']]);
  });

  it('lists rebate declarations with proceeds collected, and downloads them', async () => {
    const { get, userToken, a, b, sheet } = await setup();
    const tax = await userToken('tax');
    const all = (await get('/api/v1/export/rebate?year=2026', tax)).json();
    expect(all).toEqual({
      total: 3,
      items: [
        { entryId: '060420260000000022', source: 'entry', ebcCode: a.code, date: '2026-02-01', currency: '142', currencyName: 'CNY', goodsValue: '10000.00', returned: '0.00', collected: '4000.00', fullyCollected: false },
        // 2,603.21 declared, 1,280 of it returned; 1,323.21 collected covers the rest.
        { entryId: '060420260000000011', source: 'summary', ebcCode: a.code, date: '2026-04-10', currency: '142', currencyName: 'CNY', goodsValue: '2603.21', returned: '1280.00', collected: '1323.21', fullyCollected: true },
        { entryId: '060420260000000033', source: 'summary', ebcCode: b.code, date: '2026-04-11', currency: '142', currencyName: 'CNY', goodsValue: '1237.00', returned: '0.00', collected: '1237.00', fullyCollected: true },
      ],
    });
    expect((await get('/api/v1/export/rebate?year=2026&collected=true', tax)).json().items.map((i: { entryId: string }) => i.entryId)).toEqual(['060420260000000011', '060420260000000033']);
    expect((await get('/api/v1/export/rebate?collected=true&limit=1&offset=1', tax)).json()).toMatchObject({ total: 2, items: [{ entryId: '060420260000000033' }] });
    expect((await get('/api/v1/export/rebate', await userToken('enterprise', a.id))).json().total).toBe(2);

    const res = await get('/api/v1/export/rebate.xlsx?year=2026&collected=true', tax);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="export-rebate-2026.xlsx"');
    const { ws } = sheet(res.rawPayload);
    expect(ws['!ref']).toBe('A1:I3');
    const cells = (r: number) => 'ABCDEFGHI'.split('').map((c) => ws[`${c}${r}`]?.v ?? null);
    expect(cells(1)).toEqual(['报关单号 (Entry ID)', '来源 (Source)', '收发货人 (Consignor)', '申报日期 (Date)', '币制 (Currency)', '货值 (Goods value)', '退货金额 (Returned)', '已收汇 (Collected)', '收汇完毕 (Fully collected)']);
    expect(cells(2)).toEqual(['060420260000000011', '汇总申报 Summary', a.code, 46122, 'CNY (142)', 2603.21, 1280, 1323.21, '是 Yes']);
    expect(cells(3)).toEqual(['060420260000000033', '汇总申报 Summary', b.code, 46123, 'CNY (142)', 1237, 0, 1237, '是 Yes']);
    expect(ws.A2!.t).toBe('s');
    expect(ws.D2!.w).toBe('2026-04-10');
  });
});

function setupSheet(body: Buffer) {
  const wb = XLSX.read(body, { type: 'buffer' });
  return { wb, ws: wb.Sheets[wb.SheetNames[0]!]! };
}
