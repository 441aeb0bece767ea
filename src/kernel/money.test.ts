import { describe, expect, it } from 'vitest';
import { compareDecimal, formatYuan, mulRates, normaliseDecimal, parseYuan, roundHalfUp } from './money.js';

describe('money', () => {
  it.each([
    ['1145.55', 114555],
    ['0.01', 1],
    ['5000', 500000],
    ['26000.0', 2600000],
    ['-3.5', -350],
  ])('parses %s yuan to %i fen', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it.each(['1.234', 'abc', '', '1e3', '١٢'])('rejects %s', (text) =>
    expect(() => parseYuan(text)).toThrow(/money.invalid_amount/));

  it('formats fen as yuan', () => {
    expect(formatYuan(114555)).toBe('1145.55');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(-350)).toBe('-3.50');
  });

  it('rounds half up, away from zero', () => {
    expect(roundHalfUp(5n, 2n)).toBe(3n);
    expect(roundHalfUp(-5n, 2n)).toBe(-3n);
    expect(roundHalfUp(4n, 3n)).toBe(1n);
  });

  it('multiplies by rates exactly (DOMAIN §4 example 1: 1,050 × 13 % × 0.7 = 95.55)', () => {
    expect(mulRates(105000, '0.13', '0.7')).toBe(9555);
    expect(mulRates(1, '0.5')).toBe(1);
  });

  it('normalises and compares decimals', () => {
    expect(normaliseDecimal('0.130')).toBe('0.13');
    expect(normaliseDecimal('1.0')).toBe('1');
    expect(normaliseDecimal('0')).toBe('0');
    expect(compareDecimal('0.13', '0.130')).toBe(0);
    expect(compareDecimal('0.2', '0.13')).toBe(1);
  });
});
