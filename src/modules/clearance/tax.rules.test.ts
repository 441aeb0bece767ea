import { describe, expect, it } from 'vitest';
import { BUILT_IN_REGULATION, regulationAt } from '../../kernel/regulation.js';
import { computeTax, shareByValue, type TaxInput } from './tax.rules.js';

const p2026 = regulationAt(BUILT_IN_REGULATION, '2026-06-01').params;
const general = { dutyRate: '0', vatRate: '0.13', consumptionRate: '0' };
const cosmetics = { dutyRate: '0.05', vatRate: '0.13', consumptionRate: '0.15' };
const camera = { dutyRate: '0.1', vatRate: '0.13', consumptionRate: '0' };

const input = (over: Partial<TaxInput>): TaxInput => ({
  lines: [{ gnum: 1, gcode: 'G', valueFen: 100_000, qty: '1' }],
  freightFen: 5_000,
  insuranceFen: 0,
  discountFen: 0,
  rates: { G: general, C: cosmetics, K: camera },
  usedThisYearFen: 0,
  params: p2026,
  ...over,
});

describe('retail import tax (DOMAIN §4)', () => {
  it('example 1: goods 1,000 + freight 50, c = 0: VAT 95.55', () => {
    const r = computeTax(input({}));
    expect(r).toMatchObject({ ok: true, mode: 'retail', dutiableFen: 105_000, customsTaxFen: 0, valueAddedTaxFen: 9_555, consumptionTaxFen: 0, taxTotalFen: 9_555 });
  });

  it('example 2: 20 g cream at 425, c = 15 %: consumption 52.50, VAT 45.50, total 98.00', () => {
    const r = computeTax(input({ lines: [{ gnum: 1, gcode: 'C', valueFen: 42_500, qty: '1' }], freightFen: 0 }));
    expect(r).toMatchObject({ ok: true, consumptionTaxFen: 5_250, valueAddedTaxFen: 4_550, taxTotalFen: 9_800 });
  });

  it('example 3: a 6,000 camera with 10,000 used: general trade in full, the year becomes 16,000', () => {
    const r = computeTax(input({ lines: [{ gnum: 1, gcode: 'K', valueFen: 600_000, qty: '1' }], freightFen: 0, usedThisYearFen: 1_000_000 }));
    // duty 600; VAT (6,000 + 600) × 13 % = 858
    expect(r).toMatchObject({ ok: true, mode: 'general', customsTaxFen: 60_000, valueAddedTaxFen: 85_800, usedAfterFen: 1_600_000, factor: '1' });
  });

  it('example 4: a buyer at 24,000 ordering 3,000 passes 26,000: rejected', () => {
    const r = computeTax(input({ lines: [{ gnum: 1, gcode: 'G', valueFen: 300_000, qty: '2' }], freightFen: 0, usedThisYearFen: 2_400_000 }));
    expect(r).toEqual({ ok: false, code: 'clearance.quota_exceeded', dutiableFen: 300_000, usedFen: 2_400_000, limitFen: 2_600_000 });
  });

  it.each([
    [499_999, 1, true],
    [500_000, 1, true],
    [500_001, 1, false],
  ])('the single limit counts the dutiable price incl. freight: goods %i + freight %i fen → within: %s', (goods, freight, within) => {
    const r = computeTax(input({ lines: [{ gnum: 1, gcode: 'G', valueFen: goods - freight, qty: '1' }, { gnum: 2, gcode: 'G', valueFen: 0, qty: '1' }], freightFen: freight }));
    expect(r.ok).toBe(within);
    if (!within) expect(r).toMatchObject({ code: 'clearance.single_limit_exceeded', limitFen: 500_000 });
  });

  it('a divisible order above 5,000 is rejected, not taxed in full', () => {
    expect(computeTax(input({ lines: [{ gnum: 1, gcode: 'G', valueFen: 600_000, qty: '3' }], freightFen: 0 }))).toMatchObject({ ok: false, code: 'clearance.single_limit_exceeded' });
  });

  it.each([
    [2_600_000 - 105_000, true],
    [2_600_000 - 104_999, false],
  ])('the annual quota edge: used %i fen + 1,050 → allowed: %s', (used, allowed) => {
    expect(computeTax(input({ usedThisYearFen: used })).ok).toBe(allowed);
  });

  it('uses the 2018 limits for a 2018 declaration: 2,000 single', () => {
    const p2018 = regulationAt(BUILT_IN_REGULATION, '2018-06-01').params;
    expect(computeTax(input({ params: p2018, lines: [{ gnum: 1, gcode: 'G', valueFen: 250_000, qty: '2' }] }))).toMatchObject({ ok: false, limitFen: 200_000 });
  });

  it('discount does not reduce the dutiable price by default; it does when the regulation says so', () => {
    expect(computeTax(input({ discountFen: 5_000 }))).toMatchObject({ dutiableFen: 105_000 });
    expect(computeTax(input({ discountFen: 5_000, params: { ...p2026, discountReducesDutiable: true } }))).toMatchObject({ dutiableFen: 100_000, valueAddedTaxFen: 9_100 });
  });

  it('taxes each line on its share of freight and sums the lines', () => {
    const r = computeTax(input({ lines: [{ gnum: 1, gcode: 'G', valueFen: 10_000, qty: '1' }, { gnum: 2, gcode: 'C', valueFen: 20_000, qty: '1' }], freightFen: 1_000 }));
    if (!r.ok) throw new Error('expected ok');
    expect(r.lines.map((l) => l.dutiableFen)).toEqual([10_333, 20_667]);
    expect(r.taxTotalFen).toBe(r.lines.reduce((a, l) => a + l.customsTaxFen + l.valueAddedTaxFen + l.consumptionTaxFen, 0));
  });

  it('names a line without a tariff', () => expect(computeTax(input({ lines: [{ gnum: 1, gcode: 'X', valueFen: 100, qty: '1' }] }))).toEqual({ ok: false, code: 'clearance.no_tariff', gcode: 'X' }));
});

describe('sharing freight over lines (fen-remainder rule)', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [1_000, [10_000, 20_000], [333, 667]],
    [5, [0, 0], [5, 0]],
    [0, [3, 4], [0, 0]],
    [7, [2, 2, 3], [2, 2, 3]],
    [1, [1, 1], [1, 0]],
  ])('shares %i fen over %j as %j', (total, weights, expected) => {
    const s = shareByValue(total, weights);
    expect(s).toEqual(expected);
    expect(s.reduce((a, b) => a + b, 0)).toBe(total);
  });
});
