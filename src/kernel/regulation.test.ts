import { describe, expect, it } from 'vitest';
import { BUILT_IN_REGULATION, regulationAt, validateRegulationParams } from './regulation.js';

describe('regulation table', () => {
  it.each([
    ['2016-04-08', 200_000, 2_000_000, '0.17'],
    ['2018-12-31', 200_000, 2_000_000, '0.16'],
    ['2019-01-01', 500_000, 2_600_000, '0.16'],
    ['2019-04-01', 500_000, 2_600_000, '0.13'],
    ['2026-12-03', 500_000, 2_600_000, '0.13'],
  ])('on %s the limits are %i / %i fen and VAT %s', (date, single, annual, vat) => {
    const p = regulationAt(BUILT_IN_REGULATION, date).params;
    expect([p.singleLimitFen, p.annualLimitFen, p.defaultVatRate]).toEqual([single, annual, vat]);
  });

  it('has no rules before the first version', () => {
    expect(() => regulationAt(BUILT_IN_REGULATION, '2015-01-01')).toThrow(/regulation.no_version/);
  });

  it('validates operator edits and names the field', () => {
    const good = { ...regulationAt(BUILT_IN_REGULATION, '2026-01-01').params };
    expect(validateRegulationParams(good)).toEqual(good);
    expect(() => validateRegulationParams({ ...good, retailTaxFactor: 0.7 })).toThrow(/retailTaxFactor/);
    expect(() => validateRegulationParams({ ...good, annualLimitFen: -1 })).toThrow(/annualLimitFen/);
  });
});
