import { describe, expect, it } from 'vitest';
import { checkUscc, usccCheckChar } from './uscc.js';
import { checkCustomsCode } from './customs-code.js';
import { checkResidentId, maskResidentId } from './resident-id.js';
import { isHs10 } from './hs.js';

describe('USCC (GB 32100)', () => {
  it.each(['91350200776049653A', '91440101MA5CJQ4N59'])('accepts %s', (c) => expect(checkUscc(c)).toEqual({ ok: true }));
  it('rejects a wrong check character and says which one was expected', () =>
    expect(checkUscc('91350200776049653B')).toEqual({ ok: false, reason: 'check', expected: 'A' }));
  it.each(['9135020077604965', '91350200776049653I', '91350200776049653a', ''])('rejects the shape of %s', (c) =>
    expect(checkUscc(c)).toMatchObject({ ok: false, reason: 'shape' }));
  it('computes check characters', () => expect(usccCheckChar('91440101MA5CJQ4N5')).toBe('9'));
});

describe('customs code', () => {
  it.each(['1501960123', '1504910001', '150496K0AB'])('accepts %s', (c) => expect(checkCustomsCode(c)).toEqual({ ok: true, unusual: false }));
  it.each(['1501060123', '1501900123'])('accepts %s but flags its zone or type digit', (c) => expect(checkCustomsCode(c)).toEqual({ ok: true, unusual: true }));
  it.each(['15019601', '15019601ab', 'AB01960123', '15019601234'])('rejects the shape of %s', (c) => expect(checkCustomsCode(c)).toEqual({ ok: false, reason: 'shape' }));
});

describe('resident ID (GB 11643)', () => {
  it('accepts the reference example', () =>
    expect(checkResidentId('11010519491231002X', '2026-12-03')).toEqual({ ok: true, birthDate: '1949-12-31' }));
  it('rejects a bad check character', () =>
    expect(checkResidentId('110105194912310021', '2026-12-03')).toEqual({ ok: false, reason: 'check' }));
  it('rejects a birth date in the future', () => {
    // 2030-01-01 with a correct check character
    const first17 = '11010520300101001';
    const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...first17].reduce((s, c, i) => s + Number(c) * W[i]!, 0);
    const id = first17 + '10X98765432'[sum % 11];
    expect(checkResidentId(id, '2026-12-03')).toEqual({ ok: false, reason: 'birth_date' });
  });
  it('masks', () => expect(maskResidentId('11010519491231002X')).toBe('1101**********002X'));
});

describe('HS', () => {
  it('wants ten digits', () => {
    expect(isHs10('3304990099')).toBe(true);
    expect(isHs10('330499')).toBe(false);
    expect(isHs10('33049900AB')).toBe(false);
  });
});
