import { describe, expect, it } from 'vitest';
import { checkBook, checkEntry, checkItem } from './book.rules.js';

describe('account book rules', () => {
  it('normalises a book and names every problem', () => {
    expect(checkBook({ emsNo: ' t0613w000001 ', district: '0613', name: '保税账册' }, { districtKnown: true })).toEqual({ value: { emsNo: 'T0613W000001', district: '0613', name: '保税账册' }, problems: [] });
    const bad = checkBook({ emsNo: 'T-1', district: '61', name: 'x' }, { districtKnown: true });
    expect(bad.problems.map((p) => [p.code, p.field])).toEqual([['bonded.invalid_ems_no', 'emsNo'], ['bonded.invalid_district', 'district'], ['bonded.invalid_name', 'name']]);
    expect(checkBook({ emsNo: 'T0613W000001', district: '9999', name: '保税账册' }, { districtKnown: false }).problems[0]!.code).toBe('bonded.invalid_district');
  });

  it('checks an item against the HS table and unit codes', () => {
    const good = { itemRecordNo: '1', gcode: '1901101000', goodsName: '婴幼儿配方奶粉', unit: '122' };
    expect(checkItem(good, { hsKnown: true, unitKnown: true }).problems).toEqual([]);
    expect(checkItem({ ...good, gcode: '19011010' }, { hsKnown: false, unitKnown: true }).problems[0]).toMatchObject({ code: 'bonded.invalid_hs', field: 'gcode' });
    expect(checkItem(good, { hsKnown: false, unitKnown: true }).problems[0]!.message.en).toContain('not in the customs HS table');
    expect(checkItem(good, { hsKnown: true, unitKnown: false }).problems[0]).toMatchObject({ code: 'bonded.invalid_unit' });
    expect(checkItem({ ...good, itemRecordNo: 'a b' }, { hsKnown: true, unitKnown: true }).problems[0]).toMatchObject({ code: 'bonded.invalid_item_record_no' });
  });

  it('checks an entry record line by line, naming each line', () => {
    const facts = { dateValid: true, today: '2026-06-01' };
    const good = { entryNo: 'qd061326i000000001', entryDate: '2026-06-01', lines: [{ itemRecordNo: '1', qty: '100' }, { itemRecordNo: '2', qty: '0.5' }] };
    const ok = checkEntry(good, facts);
    expect(ok.problems).toEqual([]);
    expect(ok.value.entryNo).toBe('QD061326I000000001');
    expect(ok.value.lines).toEqual([{ lineNo: 1, itemRecordNo: '1', qtyE5: 10_000_000 }, { lineNo: 2, itemRecordNo: '2', qtyE5: 50_000 }]);
    const bad = checkEntry({ ...good, entryDate: '2026-06-02', lines: [{ itemRecordNo: '1', qty: '0' }, { itemRecordNo: '1', qty: '1' }] }, facts);
    expect(bad.problems.map((p) => [p.code, p.field])).toEqual([
      ['bonded.invalid_entry_date', 'entryDate'],
      ['bonded.invalid_quantity', 'lines.0.qty'],
      ['bonded.duplicate_line', 'lines.1.itemRecordNo'],
    ]);
    expect(checkEntry({ ...good, lines: [] }, facts).problems[0]!.code).toBe('bonded.invalid_lines');
    expect(checkEntry({ ...good, entryDate: '2026-02-30' }, { ...facts, dateValid: false }).problems[0]!.code).toBe('bonded.invalid_entry_date');
  });
});
