import { describe, expect, it } from 'vitest';
import { checkCaps, fromE5, toE5 } from './caps.rules.js';
import type { ListLine } from './documents.types.js';

const line = (over: Partial<ListLine>): ListLine => ({ gnum: 1, itemRecordNo: null, itemNo: 'S1', gcode: '1701991090', gname: '白砂糖', country: '601', qty: '1', unit: '122', qty1: '1', unit1: '035', priceFen: 1000, totalPriceFen: 1000, ...over });
const sugar = { '1701991090': { yearlyCapQty: '2', yearlyCapUnit: '035' }, '1701140000': { yearlyCapQty: '2', yearlyCapUnit: '035' }, '1901101000': { yearlyCapQty: null, yearlyCapUnit: null } };

describe('per-person yearly caps', () => {
  it('reads quantities exactly in 1e-5 units', () => {
    expect(toE5('1.6')).toBe(160_000);
    expect(toE5('0.000015')).toBe(2); // half-up past the fifth decimal
    expect(fromE5(160_000)).toBe('1.6');
    expect(fromE5(200_000)).toBe('2');
  });

  it.each([
    ['within the cap', [line({ qty1: '1.5' })], 0, true],
    ['exactly at the cap, with this year’s purchases', [line({ qty1: '0.5' })], 150_000, true],
    ['one gram past the cap', [line({ qty1: '0.501' })], 150_000, false],
    ['two sugars of one heading counted together', [line({ qty1: '1.2' }), line({ gnum: 2, gcode: '1701140000', qty1: '0.9' })], 0, false],
    ['measured by the declared unit when that is the cap’s', [line({ unit: '035', qty: '2.5', unit1: '011', qty1: '1' })], 0, false],
    ['uncapped goods ignored', [line({ gcode: '1901101000', qty1: '50' })], 0, true],
  ])('%s', (_name, lines, used, ok) => {
    const r = checkCaps(lines, sugar, { '1701': used });
    expect(r.ok).toBe(ok);
  });

  it('names the heading, the unit and the three quantities when a cap is passed', () => {
    const r = checkCaps([line({ qty1: '1.5' })], sugar, { '1701': 100_000 });
    expect(r).toMatchObject({ ok: false, reasons: [{ code: 'clearance.yearly_cap_exceeded', details: { heading: '1701', unit: '035', cap: '2', used: '1', list: '1.5' } }] });
  });

  it('refuses a capped line none of whose quantities is in the cap’s unit', () => {
    const r = checkCaps([line({ unit: '122', unit1: '011' })], sugar, {});
    expect(r).toMatchObject({ ok: false, reasons: [{ code: 'clearance.cap_unit_missing', details: { gnum: 1, capUnit: '035' } }] });
  });

  it('tells the use per heading and per line', () => {
    expect(checkCaps([line({ qty1: '0.5' }), line({ gnum: 2, gcode: '1701140000', qty1: '0.25' })], sugar, {})).toEqual({ ok: true, use: { '1701': 75_000 }, lines: { 1: { key: '1701', e5: 50_000 }, 2: { key: '1701', e5: 25_000 } } });
  });
});
