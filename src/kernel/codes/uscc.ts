/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character set with a
 * mod-31 check character. Some early-pilot codes are legal yet fail the check (DOMAIN.md §6): callers decide
 * whether a failed check rejects or warns; the shape is always enforced.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export type UsccCheck = { ok: true } | { ok: false; reason: 'shape' | 'check'; expected?: string };

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

export function checkUscc(code: string): UsccCheck {
  if (!SHAPE.test(code)) return { ok: false, reason: 'shape' };
  const expected = usccCheckChar(code.slice(0, 17));
  return expected === code[17] ? { ok: true } : { ok: false, reason: 'check', expected };
}
