import { describe, expect, it } from 'vitest';
import { formatQty, MAX_QTY_E5, parseQty, positiveQty } from './quantity.rules.js';

describe('bonded quantities', () => {
  it.each([
    ['800', 80_000_000, '800'],
    ['2.5', 250_000, '2.5'],
    ['0.00001', 1, '0.00001'],
    ['1.10000', 110_000, '1.1'],
    [' 12 ', 1_200_000, '12'],
    ['9999999999.99999', MAX_QTY_E5, '9999999999.99999'],
    ['0', 0, '0'],
  ])('%j is %i units of 10^-5 and reads back as %j', (text, e5, back) => {
    expect(parseQty(text)).toBe(e5);
    expect(formatQty(e5)).toBe(back);
  });

  it.each(['', '-1', '1.000001', '10000000000', '1e3', '0x10', '1,5', '.5', 'abc'])('refuses %j', (text) => expect(parseQty(text)).toBeNull());

  it('keeps sums exact where floats drift (0.1 + 0.2)', () => {
    expect(formatQty(parseQty('0.1')! + parseQty('0.2')!)).toBe('0.3');
    expect(formatQty(-250_000)).toBe('-2.5');
  });

  it('takes only positive quantities as amounts to move', () => {
    expect(positiveQty('0')).toBeNull();
    expect(positiveQty('0.00000')).toBeNull();
    expect(positiveQty('3')).toBe(300_000);
  });
});
