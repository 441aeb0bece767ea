import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { anEnterprise } from '../../../test/support/builders.js';
import { cleanupPlatforms, dialects, freshPlatform } from '../../../test/support/dialects.js';
import type { Platform } from '../../compose.js';
import type { Principal, Role } from '../../platform/http/principal.js';
import type { ClearanceTables } from './migrations.js';
import { addDecimals, createTaxRecords, deemedIncomeFen, priceText } from './tax-records.service.js';

afterAll(cleanupPlatforms);

const who = (role: Role, enterpriseId: string | null = null): Principal => ({ kind: 'user', id: `u-${role}`, name: role, role, enterpriseId });
const officer = who('customs');

interface Line { gnum: number; itemName?: string | null; gname: string; gcode: string; unit: string; qty: string; price: string; totalFen: number }

/** Rows of the export tables as the clearance pipeline leaves them, written directly. */
function exportTables(platform: Platform) {
  const t = platform.database.db.withTables<ClearanceTables>();
  const id = () => randomBytes(8).toString('hex');
  const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');
  const stamp = '2026-01-01T00:00:00.000Z';
  return {
    async list(o: { ebc: string; releasedAt: string | null; currency?: string; status?: number; cancelledAt?: string; lines: Line[] }) {
      const exportId = id();
      const invtNo = `0604${digits(14)}`;
      const currency = o.currency ?? '142';
      await t.insertInto('clearance_export').values({
        id: exportId, ebp_code: '1504960001', order_no: `ORD${id()}`, order_id: null, receipt_id: null, waybill_id: null, list_id: null, cop_no: `COP${id()}`,
        agent_code: '1504960002', ebc_code: o.ebc, owner_code: o.ebc, logistics_key: null, trade_mode: '9610', statistics_flag: 'B', customs_code: '0604', port_code: '0604',
        country: '344', traf_mode: '5', currency, invt_no: invtNo, status: o.status ?? 800, reasons_json: '[]', deadline: null,
        goods_fen: o.lines.reduce((s, l) => s + l.totalFen, 0), collected_fen: 0, gross_weight: '1', net_weight: '1', ie_date: null, arrived_at: null, bill_no: null,
        departed_at: null, summary_id: null, cancelled_at: o.cancelledAt ?? null, created_at: stamp, updated_at: stamp, decided_at: o.releasedAt, released_at: o.releasedAt,
      }).execute();
      for (const l of o.lines) {
        await t.insertInto('clearance_export_line').values({ export_id: exportId, gnum: l.gnum, item_no: null, item_name: l.itemName ?? null, gcode: l.gcode, gname: l.gname, unit: l.unit, qty: l.qty, unit1: null, qty1: null, price: l.price, total_fen: l.totalFen, currency }).execute();
      }
      return { exportId, invtNo };
    },
    async entry(o: { ebc: string; releasedAt: string | null; currency?: string; status?: number; goodsFen: number; collectedFen: number; lines: Line[] }) {
      const entryId = `0604${digits(14)}`;
      await t.insertInto('clearance_export_entry').values({
        id: id(), entry_id: entryId, cop_no: `COP${id()}`, trade_mode: '9710', ebc_code: o.ebc, agent_code: '1504960002', ebp_code: null, customs_code: '0604', port_code: '0604',
        country: '344', currency: o.currency ?? '142', goods_fen: o.goodsFen, collected_fen: o.collectedFen, attached_type: '10000004', attached_no: 'BK1', match_status: 'matched', match_json: '{}',
        lines_json: JSON.stringify(o.lines.map(({ itemName, ...l }) => ({ ...l, ...(itemName ? { itemName } : {}) }))), status: o.status ?? 800, sender_id: 'agent', created_at: stamp, released_at: o.releasedAt,
      }).execute();
      return { entryId };
    },
    async summary(o: { ebc: string; createdAt: string; currency?: string; goodsFen: number; collectedFen: number }) {
      const entryId = `0604${digits(14)}`;
      await t.insertInto('clearance_summary').values({
        id: id(), sum_no: `SUM${id()}`, cop_no: `COP${id()}`, agent_code: '1504960002', ebc_code: o.ebc, owner_code: o.ebc, decl_agent_code: '1504960002', customs_code: '0604', port_code: '0604',
        country: '344', traf_mode: '5', currency: o.currency ?? '142', summary_flag: '1', item_name_flag: null, period: o.createdAt.slice(0, 7), list_count: 1, goods_fen: o.goodsFen,
        collected_fen: o.collectedFen, gross_weight: '1', net_weight: '1', entry_id: entryId, decl_seq_no: id(), dec_state: '1', items_json: '[]', sender_id: 'agent', created_at: o.createdAt,
      }).execute();
      return { entryId };
    },
    async giveBack(o: { exportId: string; invtNo: string; ebc: string; entryId?: string; lines: Array<{ gnum: number; qty: string }>; returnedFen: number; on: string }) {
      await t.insertInto('clearance_export_return').values({ id: id(), export_id: o.exportId, invt_no: o.invtNo, entry_id: o.entryId ?? null, ebc_code: o.ebc, reason: 'unsold', lines_json: JSON.stringify(o.lines), returned_fen: o.returnedFen, returned_on: o.on, sender_id: 'agent', created_at: `${o.on}T01:00:00.000Z` }).execute();
    },
  };
}

const sweater = { gcode: '6110120011', gname: '羊绒衫', unit: '011' };

describe('export tax record arithmetic', () => {
  it('rounds deemed income half-up to the fen once', () => {
    expect(deemedIncomeFen(2_409_621, '0.04')).toBe(96_385); // 96,384.84
    expect(deemedIncomeFen(1237, '0.04')).toBe(49); // 49.48
    expect(deemedIncomeFen(1238, '0.04')).toBe(50); // 49.52
    expect(deemedIncomeFen(10, '0.05')).toBe(1); // 0.5: the half goes up
    expect(deemedIncomeFen(0, '0.04')).toBe(0);
    expect(deemedIncomeFen(9_007_199_254_740, '0.04')).toBe(360_287_970_190); // no float drift on large bases
  });

  it('adds quantities and prints prices exactly', () => {
    expect(addDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(addDecimals(['1', '2.50', '0.00001'])).toBe('3.50001');
    expect(priceText('1280')).toBe('1280.00');
    expect(priceText('12.5')).toBe('12.50');
    expect(priceText('12.12345')).toBe('12.12345');
    expect(priceText('3.10000')).toBe('3.10');
  });
});

describe.each(dialects())('export tax records on %s', (dialect) => {
  async function setup() {
    const { platform, clock } = await freshPlatform(dialect, '2026-06-01T02:00:00.000Z');
    const file = async () => {
      const e = anEnterprise();
      const filed = await platform.registry.enterprises.file(officer, e);
      await platform.registry.enterprises.decide(officer, filed.id, 'approve', 'ok');
      return { id: filed.id, code: e.customsCode, uscc: e.uscc, name: e.name };
    };
    const a = await file();
    const b = await file();
    const unknown = '1504999999';
    const x = exportTables(platform);
    const deps = {
      db: platform.database.db,
      dialect: platform.database.dialect,
      clock,
      reference: { regulationAt: (d?: string) => platform.reference.lookup.regulationAt(d), code: (table: 'unit' | 'currency', c: string) => platform.reference.lookup.code(table, c) },
      enterprises: { codesOf: (id: string) => platform.registry.enterprises.summary(id), byCode: (c: string) => platform.registry.enterprises.byCode(c) },
    };
    const tax = createTaxRecords(deps);

    // Enterprise A declares under its customs code and its USCC.
    const e1 = await x.entry({ ebc: a.code, releasedAt: '2026-02-15T08:00:00.000Z', goodsFen: 2_000_500, collectedFen: 2_000_500, lines: [{ gnum: 1, itemName: '女式羊绒大衣', gname: '羊绒大衣', gcode: '6202200010', unit: '011', qty: '10', price: '200.05', totalFen: 2_000_500 }] });
    await x.entry({ ebc: a.code, releasedAt: null, status: 100, goodsFen: 500, collectedFen: 0, lines: [{ gnum: 1, gname: '退单', ...{ gcode: '6202200010', unit: '011' }, qty: '1', price: '5', totalFen: 500 }] });
    const l1 = await x.list({ ebc: a.code, releasedAt: '2026-03-01T02:00:00.000Z', lines: [
      { gnum: 1, itemName: '山羊绒手工起绒男套头衫', ...sweater, qty: '2', price: '1280', totalFen: 256_000 },
      { gnum: 2, itemName: null, gname: '羊毛围巾', gcode: '6117100010', unit: '015', qty: '3.500', price: '12.34567', totalFen: 4321 },
    ] });
    const l2 = await x.list({ ebc: a.uscc, releasedAt: '2026-12-31T16:30:00.000Z', lines: [{ gnum: 1, ...sweater, qty: '1', price: '1000', totalFen: 100_000 }] });
    const l3 = await x.list({ ebc: a.code, releasedAt: '2026-12-31T15:59:59.999Z', lines: [{ gnum: 1, ...sweater, qty: '1', price: '1238', totalFen: 123_800 }] });
    const cancelled = await x.list({ ebc: a.code, releasedAt: '2026-03-05T02:00:00.000Z', cancelledAt: '2026-03-06T02:00:00.000Z', lines: [{ gnum: 1, ...sweater, qty: '1', price: '99', totalFen: 9900 }] });
    await x.list({ ebc: a.code, releasedAt: null, status: 120, lines: [{ gnum: 1, ...sweater, qty: '1', price: '77', totalFen: 7700 }] });
    await x.list({ ebc: a.code, releasedAt: '2026-05-01T02:00:00.000Z', currency: '502', lines: [{ gnum: 1, ...sweater, qty: '1', price: '100', totalFen: 10_000 }] });
    const l7 = await x.list({ ebc: a.uscc, releasedAt: '2026-04-01T02:00:00.000Z', status: 899, lines: [{ gnum: 1, ...sweater, qty: '2', price: '250', totalFen: 50_000 }] });
    await x.list({ ebc: a.code, releasedAt: '2027-02-01T02:00:00.000Z', lines: [{ gnum: 1, ...sweater, qty: '1', price: '123.45', totalFen: 12_345 }] });
    await x.list({ ebc: b.code, releasedAt: '2026-03-02T02:00:00.000Z', lines: [{ gnum: 1, ...sweater, qty: '1', price: '12.37', totalFen: 1237 }] });
    await x.list({ ebc: unknown, releasedAt: '2026-03-03T02:00:00.000Z', lines: [{ gnum: 1, ...sweater, qty: '1', price: '12.38', totalFen: 1238 }] });
    // Returns: half of L7's line; all of L2 (a return naming no lines); a cancelled list's return counts for nothing.
    await x.giveBack({ exportId: l7.exportId, invtNo: l7.invtNo, ebc: a.uscc, lines: [{ gnum: 1, qty: '1' }], returnedFen: 25_000, on: '2026-05-01' });
    await x.giveBack({ exportId: l2.exportId, invtNo: l2.invtNo, ebc: a.uscc, lines: [], returnedFen: 100_000, on: '2027-03-01' });
    await x.giveBack({ exportId: cancelled.exportId, invtNo: cancelled.invtNo, ebc: a.code, lines: [{ gnum: 1, qty: '1' }], returnedFen: 9900, on: '2026-04-01' });
    return { platform, clock, deps, tax, x, a, b, unknown, e1, l1, l2, l3, l7 };
  }

  it('lists each exported goods line with date, name, unit, quantity, price and amount, oldest first', async () => {
    const { tax, a, e1, l1, l3, l7 } = await setup();
    const r = await tax.records(who('tax'), { enterprise: a.code, year: 2026, limit: 20, offset: 0 });
    expect(r.total).toBe(6);
    expect(r.items).toEqual([
      { date: '2026-02-15', source: 'entry', invtNo: null, entryId: e1.entryId, ebcCode: a.code, gnum: 1, goodsName: '女式羊绒大衣', gcode: '6202200010', unit: '011', unitName: '件', qty: '10', unitPrice: '200.05', amount: '20005.00', currency: '142', currencyName: 'CNY', returned: false, returnedQty: null },
      { date: '2026-03-01', source: 'list', invtNo: l1.invtNo, entryId: null, ebcCode: a.code, gnum: 1, goodsName: '山羊绒手工起绒男套头衫', gcode: '6110120011', unit: '011', unitName: '件', qty: '2', unitPrice: '1280.00', amount: '2560.00', currency: '142', currencyName: 'CNY', returned: false, returnedQty: null },
      // Without an enterprise goods name, the customs name.
      { date: '2026-03-01', source: 'list', invtNo: l1.invtNo, entryId: null, ebcCode: a.code, gnum: 2, goodsName: '羊毛围巾', gcode: '6117100010', unit: '015', unitName: '条', qty: '3.5', unitPrice: '12.34567', amount: '43.21', currency: '142', currencyName: 'CNY', returned: false, returnedQty: null },
      // Declared under the USCC: the same enterprise; half of it came back.
      { date: '2026-04-01', source: 'list', invtNo: l7.invtNo, entryId: null, ebcCode: a.uscc, gnum: 1, goodsName: '羊绒衫', gcode: '6110120011', unit: '011', unitName: '件', qty: '2', unitPrice: '250.00', amount: '500.00', currency: '142', currencyName: 'CNY', returned: true, returnedQty: '1' },
      expect.objectContaining({ date: '2026-05-01', amount: '100.00', currency: '502', currencyName: 'USD' }),
      // 23:59:59.999 in Shanghai on New Year's Eve is still 2026.
      expect.objectContaining({ date: '2026-12-31', invtNo: l3.invtNo, amount: '1238.00' }),
    ]);
  });

  it('filters by Shanghai calendar dates, enterprise, search, and pages', async () => {
    const { tax, a, b, unknown, l1, l2, e1 } = await setup();
    const tax0 = who('tax');
    const y2027 = await tax.records(tax0, { year: 2027, limit: 20, offset: 0 });
    expect(y2027.items.map((i) => [i.date, i.ebcCode, i.returned, i.returnedQty])).toEqual([['2027-01-01', a.uscc, true, '1'], ['2027-02-01', a.code, false, null]]);
    expect(y2027.items[0]!.invtNo).toBe(l2.invtNo);
    // Every enterprise, released lists and declarations only: 6 + B + the unfiled code in 2026.
    expect((await tax.records(tax0, { year: 2026, limit: 20, offset: 0 })).total).toBe(8);
    expect((await tax.records(tax0, { limit: 20, offset: 0 })).total).toBe(10);
    // from/to are inclusive calendar days in Asia/Shanghai.
    const march = await tax.records(tax0, { from: '2026-03-01', to: '2026-03-02', limit: 20, offset: 0 });
    expect(march.items.map((i) => [i.date, i.ebcCode])).toEqual([['2026-03-01', a.code], ['2026-03-01', a.code], ['2026-03-02', b.code]]);
    expect((await tax.records(tax0, { year: 2026, from: '2026-12-31', limit: 20, offset: 0 })).items.map((i) => i.date)).toEqual(['2026-12-31']);
    expect((await tax.records(tax0, { year: 2027, to: '2027-01-01', limit: 20, offset: 0 })).items.map((i) => i.date)).toEqual(['2027-01-01']);
    await expect(tax.records(tax0, { from: '2026-03-02', to: '2026-03-01', limit: 20, offset: 0 })).rejects.toMatchObject({ kind: 'invalid', code: 'export.invalid_period' });
    // The USCC finds the lists declared under the customs code too.
    expect((await tax.records(tax0, { enterprise: a.uscc, year: 2026, limit: 20, offset: 0 })).total).toBe(6);
    expect((await tax.records(tax0, { enterprise: unknown, limit: 20, offset: 0 })).items.map((i) => i.amount)).toEqual(['12.38']);
    // Search: goods name, HS code, list or declaration number.
    expect((await tax.records(tax0, { q: '围巾', limit: 20, offset: 0 })).items.map((i) => i.gnum)).toEqual([2]);
    expect((await tax.records(tax0, { q: '620220', limit: 20, offset: 0 })).items.map((i) => i.entryId)).toEqual([e1.entryId]);
    expect((await tax.records(tax0, { q: l1.invtNo, limit: 20, offset: 0 })).total).toBe(2);
    expect((await tax.records(tax0, { q: '100%_', limit: 20, offset: 0 })).total).toBe(0);
    // Pages: the same order, no gaps or repeats.
    const all = (await tax.records(tax0, { limit: 20, offset: 0 })).items;
    const pages = [];
    for (let offset = 0; offset < 10; offset += 3) pages.push(...(await tax.records(tax0, { limit: 3, offset })).items);
    expect(pages).toEqual(all);
    expect(await tax.records(tax0, { limit: 3, offset: 30 })).toEqual({ items: [], total: 10 });
  });

  it('confines an enterprise to its own records and refuses departments without a need', async () => {
    const { tax, a, b } = await setup();
    const mine = await tax.records(who('enterprise', a.id), { limit: 20, offset: 0 });
    expect(mine.total).toBe(8);
    expect(new Set(mine.items.map((i) => i.ebcCode))).toEqual(new Set([a.code, a.uscc]));
    // Asking for another enterprise gives nothing, not the other's data.
    expect(await tax.records(who('enterprise', a.id), { enterprise: b.code, limit: 20, offset: 0 })).toEqual({ items: [], total: 0 });
    expect((await tax.records(who('enterprise', a.id), { enterprise: a.uscc, limit: 20, offset: 0 })).total).toBe(8);
    expect(await tax.records(who('enterprise', null), { limit: 20, offset: 0 })).toEqual({ items: [], total: 0 });
    expect(await tax.records(who('enterprise', 'no-such-filing'), { limit: 20, offset: 0 })).toEqual({ items: [], total: 0 });
    expect((await tax.deemedIncome(who('enterprise', b.id), { year: 2026 })).items.map((i) => i.ebcCode)).toEqual([b.code]);
    expect((await tax.rebate(who('enterprise', b.id), { year: 2026, limit: 20, offset: 0 })).total).toBe(0);
    for (const role of ['market', 'postal', 'bank'] as const) {
      await expect(tax.records(who(role), { limit: 20, offset: 0 })).rejects.toMatchObject({ kind: 'forbidden', code: 'auth.forbidden' });
      await expect(tax.deemedIncome(who(role), { year: 2026 })).rejects.toMatchObject({ kind: 'forbidden' });
    }
    for (const role of ['admin', 'customs', 'commerce', 'forex'] as const) expect((await tax.records(who(role), { limit: 1, offset: 0 })).total).toBe(10);
  });

  it('computes deemed income: 4 % of the CNY exports less returns, per enterprise, other currencies apart', async () => {
    const { tax, a, b, unknown, platform } = await setup();
    const r = await tax.deemedIncome(who('tax'), { year: 2026 });
    expect(r.year).toBe(2026);
    expect(r.rate).toBe('0.04');
    expect(r.items).toEqual([
      // 20,005 + 2,560 + 43.21 + 500 (under the USCC) + 1,238 = 24,346.21; 250 came back; 24,096.21 × 4 % = 963.8484.
      { ebcCode: a.code, enterpriseName: a.name, currency: '142', currencyName: 'CNY', exportAmount: '24346.21', returnedAmount: '250.00', taxableBase: '24096.21', deemedIncome: '963.85' },
      { ebcCode: a.code, enterpriseName: a.name, currency: '502', currencyName: 'USD', exportAmount: '100.00', returnedAmount: '0.00', taxableBase: '100.00', deemedIncome: null },
      { ebcCode: b.code, enterpriseName: b.name, currency: '142', currencyName: 'CNY', exportAmount: '12.37', returnedAmount: '0.00', taxableBase: '12.37', deemedIncome: '0.49' },
      { ebcCode: unknown, enterpriseName: null, currency: '142', currencyName: 'CNY', exportAmount: '12.38', returnedAmount: '0.00', taxableBase: '12.38', deemedIncome: '0.50' },
    ].sort((p, q) => (p.ebcCode < q.ebcCode ? -1 : p.ebcCode > q.ebcCode ? 1 : 0)));
    expect((await tax.deemedIncome(who('tax'), { year: 2026, enterprise: a.uscc })).items).toHaveLength(2);

    // The rate is the regulation's in force for the year: a later version changes later years only.
    await platform.reference.addRegulation(officer, { effectiveFrom: '2027-01-01', note: 'deemed income 5 %', params: { deemedIncomeRate: '0.05' } });
    const next = await tax.deemedIncome(who('tax'), { year: 2027, enterprise: a.code });
    // 1,000 (whole list returned) + 123.45; 123.45 × 5 % = 6.1725.
    expect(next).toEqual({ year: 2027, rate: '0.05', items: [{ ebcCode: a.code, enterpriseName: a.name, currency: '142', currencyName: 'CNY', exportAmount: '1123.45', returnedAmount: '1000.00', taxableBase: '123.45', deemedIncome: '6.17' }] });
    expect((await tax.deemedIncome(who('tax'), { year: 2026, enterprise: a.code })).rate).toBe('0.04');
    // Without a year: this year (Asia/Shanghai).
    expect((await tax.deemedIncome(who('tax'), {})).year).toBe(2026);
    expect(await tax.deemedIncome(who('tax'), { year: 2019 })).toEqual({ year: 2019, rate: '0.04', items: [] });
  });

  it('lists declarations for rebate with proceeds collected, less returns', async () => {
    const { tax, x, a, b, e1, l7 } = await setup();
    const s1 = await x.summary({ ebc: a.code, createdAt: '2026-04-10T02:00:00.000Z', goodsFen: 260_321, collectedFen: 260_321 });
    const s2 = await x.summary({ ebc: a.uscc, createdAt: '2026-04-20T02:00:00.000Z', goodsFen: 50_000, collectedFen: 25_000 });
    await x.giveBack({ exportId: l7.exportId, invtNo: l7.invtNo, ebc: a.uscc, entryId: s2.entryId, lines: [{ gnum: 1, qty: '1' }], returnedFen: 25_000, on: '2026-05-02' });
    const s3 = await x.summary({ ebc: a.code, createdAt: '2026-05-10T02:00:00.000Z', goodsFen: 123_800, collectedFen: 100_000, currency: '502' });
    await x.summary({ ebc: b.code, createdAt: '2026-05-11T02:00:00.000Z', goodsFen: 1237, collectedFen: 0 });
    await x.summary({ ebc: a.code, createdAt: '2027-01-05T02:00:00.000Z', goodsFen: 100, collectedFen: 100 });

    const r = await tax.rebate(who('tax'), { enterprise: a.code, year: 2026, limit: 20, offset: 0 });
    expect(r.total).toBe(4);
    expect(r.items).toEqual([
      { entryId: e1.entryId, source: 'entry', ebcCode: a.code, date: '2026-02-15', currency: '142', currencyName: 'CNY', goodsValue: '20005.00', returned: '0.00', collected: '20005.00', fullyCollected: true },
      { entryId: s1.entryId, source: 'summary', ebcCode: a.code, date: '2026-04-10', currency: '142', currencyName: 'CNY', goodsValue: '2603.21', returned: '0.00', collected: '2603.21', fullyCollected: true },
      // 500 declared, 250 came back, 250 collected: what stayed exported is paid for.
      { entryId: s2.entryId, source: 'summary', ebcCode: a.uscc, date: '2026-04-20', currency: '142', currencyName: 'CNY', goodsValue: '500.00', returned: '250.00', collected: '250.00', fullyCollected: true },
      { entryId: s3.entryId, source: 'summary', ebcCode: a.code, date: '2026-05-10', currency: '502', currencyName: 'USD', goodsValue: '1238.00', returned: '0.00', collected: '1000.00', fullyCollected: false },
    ]);
    const paid = await tax.rebate(who('tax'), { enterprise: a.code, year: 2026, collected: true, limit: 20, offset: 0 });
    expect(paid.items.map((i) => i.entryId)).toEqual([e1.entryId, s1.entryId, s2.entryId]);
    expect((await tax.rebate(who('tax'), { year: 2026, collected: false, limit: 20, offset: 0 })).items.map((i) => i.ebcCode)).toEqual([a.code, b.code]);
    expect((await tax.rebate(who('tax'), { year: 2026, limit: 2, offset: 2 })).items.map((i) => i.entryId)).toEqual([s2.entryId, s3.entryId]);
    expect((await tax.rebate(who('tax'), { from: '2027-01-01', limit: 20, offset: 0 })).total).toBe(1);
    expect((await tax.rebate(who('enterprise', a.id), { limit: 20, offset: 0 })).total).toBe(5);
  });

  it('refuses a download beyond the row cap, with the count and the cap', async () => {
    const { deps, a } = await setup();
    const small = createTaxRecords({ ...deps, rowCap: 5 });
    await expect(small.recordsWorkbook(who('tax'), { enterprise: a.code, year: 2026 })).rejects.toMatchObject({ kind: 'rejected', code: 'export.too_many_rows', details: { total: 6, limit: 5 } });
    const ok = await small.recordsWorkbook(who('tax'), { enterprise: a.code, year: 2026, to: '2026-12-30' });
    expect(ok.filename).toBe(`export-tax-records-${a.code}-2026-to-2026-12-30.xlsx`);
    expect(ok.body.subarray(0, 2).toString()).toBe('PK');
  });
});
