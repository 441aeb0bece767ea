import { describe, expect, it } from 'vitest';
import { checkTakeLines, planGiveBack, planTake, sameTake, type StockItem } from './stock.rules.js';

const items = new Map<string, StockItem>([
  ['1', { id: 'b-item', itemRecordNo: '1', stockE5: 500_000 }],
  ['2', { id: 'a-item', itemRecordNo: '2', stockE5: 100_000 }],
]);
const lines = (...l: Array<[number, string, string]>) => {
  const r = checkTakeLines('LIST-1', l.map(([gnum, itemRecordNo, qty]) => ({ gnum, itemRecordNo, qty })));
  if (!r.ok) throw new Error(r.code);
  return r.lines;
};

describe('taking stock for a released list', () => {
  it('takes every line, applying lines of one item in gnum order, and updates items in id order', () => {
    const plan = planTake('T0613W000001', lines([2, '1', '1.5'], [1, '2', '1'], [3, '1', '2']), items);
    expect(plan).toEqual({
      ok: true,
      moves: [
        { gnum: 1, itemId: 'a-item', itemRecordNo: '2', qtyE5: 100_000, stockAfterE5: 0 },
        { gnum: 2, itemId: 'b-item', itemRecordNo: '1', qtyE5: 150_000, stockAfterE5: 350_000 },
        { gnum: 3, itemId: 'b-item', itemRecordNo: '1', qtyE5: 200_000, stockAfterE5: 150_000 },
      ],
      perItem: [{ itemId: 'a-item', takeE5: 100_000 }, { itemId: 'b-item', takeE5: 350_000 }],
    });
  });

  it('refuses when the lines of one item together want more than its stock, naming book, item, wanted and available', () => {
    const plan = planTake('T0613W000001', lines([1, '1', '3'], [2, '1', '2.5'], [3, '2', '1']), items);
    expect(plan).toMatchObject({ ok: false, code: 'bonded.insufficient_stock', details: { emsNo: 'T0613W000001', itemRecordNo: '1', wanted: '5.5', available: '5', shortages: [{ itemRecordNo: '1', gnums: [1, 2] }] } });
    if (plan.ok) return;
    expect(plan.message.zh).toBe('账册 T0613W000001 料号 1 库存不足：申报 5.5，可用 5');
    expect(plan.message.en).toBe('bonded account book T0613W000001, item 1: not enough stock, wanted 5.5, available 5');
  });

  it('takes exactly the stock there is (to zero)', () => expect(planTake('B1', lines([1, '1', '5']), items)).toMatchObject({ ok: true, moves: [{ stockAfterE5: 0 }] }));

  it('refuses an item the book does not have, listing every unknown line', () => {
    const plan = planTake('T0613W000001', lines([1, '9', '1'], [2, '1', '1'], [3, '8', '1']), items);
    expect(plan).toMatchObject({ ok: false, code: 'bonded.unknown_item', details: { itemRecordNo: '9', gnum: 1, unknown: [{ gnum: 1, itemRecordNo: '9' }, { gnum: 3, itemRecordNo: '8' }] } });
  });

  it.each([
    [[], 'bonded.invalid_request'],
    [[{ gnum: 0, itemRecordNo: '1', qty: '1' }], 'bonded.invalid_request'],
    [[{ gnum: 1, itemRecordNo: '1', qty: '1' }, { gnum: 1, itemRecordNo: '2', qty: '1' }], 'bonded.invalid_request'],
    [[{ gnum: 1, itemRecordNo: ' ', qty: '1' }], 'bonded.invalid_request'],
    [[{ gnum: 1, itemRecordNo: '1', qty: '-1' }], 'bonded.invalid_quantity'],
    [[{ gnum: 1, itemRecordNo: '1', qty: '0' }], 'bonded.invalid_quantity'],
    [[{ gnum: 1, itemRecordNo: '1', qty: '1.000001' }], 'bonded.invalid_quantity'],
  ])('refuses the request %j with %s', (l, code) => expect(checkTakeLines('LIST-1', l)).toMatchObject({ ok: false, code }));

  it('refuses a take without a reference', () => expect(checkTakeLines('  ', [{ gnum: 1, itemRecordNo: '1', qty: '1' }])).toMatchObject({ ok: false, code: 'bonded.invalid_request', details: { field: 'ref' } }));

  it('knows a replay from a different take under the same reference', () => {
    const recorded = [{ bookId: 'B', gnum: 1, itemRecordNo: '1', qtyE5: 100_000 }];
    expect(sameTake(recorded, 'B', lines([1, '1', '1']))).toBe(true);
    expect(sameTake(recorded, 'B', lines([1, '1', '2']))).toBe(false);
    expect(sameTake(recorded, 'C', lines([1, '1', '1']))).toBe(false);
    expect(sameTake(recorded, 'B', lines([1, '1', '1'], [2, '2', '1']))).toBe(false);
  });
});

describe('giving stock back', () => {
  const taken = [
    { gnum: 1, itemId: 'a', itemRecordNo: '1', qtyE5: 300_000, givenBackE5: 100_000 },
    { gnum: 2, itemId: 'b', itemRecordNo: '2', qtyE5: 100_000, givenBackE5: 0 },
  ];

  it('gives back everything still out when no lines are named', () => {
    expect(planGiveBack(taken, null)).toEqual({ moves: [{ gnum: 1, itemId: 'a', itemRecordNo: '1', qtyE5: 200_000 }, { gnum: 2, itemId: 'b', itemRecordNo: '2', qtyE5: 100_000 }], ignored: [] });
    expect(planGiveBack(taken.map((t) => ({ ...t, givenBackE5: t.qtyE5 })), null).moves).toEqual([]);
  });

  it('caps a partial return at what the line still has out and ignores lines never taken', () => {
    expect(planGiveBack(taken, [{ gnum: 1, qtyE5: 500_000 }, { gnum: 7, qtyE5: 1 }])).toEqual({ moves: [{ gnum: 1, itemId: 'a', itemRecordNo: '1', qtyE5: 200_000 }], ignored: [7] });
    expect(planGiveBack(taken, [{ gnum: 1, qtyE5: 150_000 }, { gnum: 1, qtyE5: 150_000 }]).moves.map((m) => m.qtyE5)).toEqual([150_000, 50_000]);
  });
});
