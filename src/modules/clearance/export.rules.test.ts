import { describe, expect, it } from 'vitest';
import { REGULATION_DEFAULTS } from '../../kernel/regulation.js';
import { checkExport } from './export.rules.js';
import { addMonths } from './export-entry.service.js';
import type { ExportList, ExportOrder } from './export.types.js';

const list = (over: Partial<ExportList> = {}): ExportList => ({
  appTime: '20260310100000', copNo: 'C1', agentCode: 'AG', orderNo: 'O1', ebpCode: 'EBP', ebcCode: 'EBC', ownerCode: 'EBC', logisticsCode: 'LG', logisticsNo: 'W1', customsCode: '0604', portCode: '0604', ieDate: '20260310',
  statisticsFlag: 'A', tradeMode: '9610', emsNo: null, iacCode: null, trafMode: '5', billNo: null, licenseNo: null, country: '344', freightFen: 0, fCurrency: '142', insuredFeeFen: 0, grossWeight: '1', netWeight: '1',
  lines: [{ gnum: 1, itemNo: 'I1', itemRecordNo: null, itemName: 'x', gcode: '6214201000', gname: 'x', unit: '011', qty: '2', price: '2500', totalPriceFen: 500_000, currency: '142' }],
  ...over,
});
const order = (l: ExportList): ExportOrder => ({ orderNo: l.orderNo, ebpCode: l.ebpCode, ebcCode: l.ebcCode, goodsValueFen: 500_000, freightFen: 0, currency: '142', lines: [{ gnum: 1, itemNo: 'I1', itemName: 'x', unit: '011', qty: '2', priceFen: 250_000, totalPriceFen: 500_000 }] });
const facts = (l: ExportList) => ({ slots: { list: l, order: order(l) }, parties: [], hsKnown: {}, params: REGULATION_DEFAULTS });

describe('export list checks', () => {
  it('takes a simplified list at exactly the ceiling and refuses one fen more', () => {
    expect(checkExport(facts(list())).reasons).toEqual([]);
    const over = list({ lines: [{ ...list().lines[0]!, totalPriceFen: 500_001 }] });
    expect(checkExport(facts(over)).reasons.map((r) => r.code)).toContain('clearance.simplified_over_limit');
  });
  it('names the goods line of a line mismatch in its details', () => {
    const l = list({ lines: [{ ...list().lines[0]!, qty: '3' }] });
    const r = checkExport(facts(l)).reasons.find((x) => x.details?.a && (x.details.a as { field: string }).field === 'qty');
    expect(r?.details).toMatchObject({ gnum: 1, a: { doc: 'order', value: '2' }, b: { doc: 'list', value: '3' } });
  });

  it('names what each supervision mode still needs', () => {
    expect(checkExport({ ...facts(list()), slots: { list: list() } }).missing).toEqual(['order', 'receipt', 'waybill']);
    expect(checkExport({ ...facts(list({ tradeMode: '9710' })), slots: { list: list({ tradeMode: '9710' }) } }).missing).toEqual(['order', 'waybill']);
    expect(checkExport({ ...facts(list({ tradeMode: '9810' })), slots: { list: list({ tradeMode: '9810' }) } }).missing).toEqual(['booking', 'waybill']);
    expect(checkExport(facts(list({ tradeMode: '9999' }))).reasons[0]!.code).toBe('clearance.export_trade_mode');
  });
  it('sends B2B goods over the ceiling or under licence to the declaration channel', () => {
    const big = list({ tradeMode: '9710', statisticsFlag: 'B', lines: [{ ...list().lines[0]!, totalPriceFen: 600_000 }] });
    expect(checkExport(facts(big)).reasons.map((r) => r.code)).toContain('clearance.export_needs_entry');
  });
});

describe('return window', () => {
  it('counts months to the same day, or the last day of a shorter month', () => {
    expect(addMonths('2026-03-10', 6)).toBe('2026-09-10');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });
});
