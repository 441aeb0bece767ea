/**
 * The 10-character customs registration code (海关编码, DOMAIN.md §6): province(2) city(2) zone type(1)
 * enterprise type(1) sequence(4). Older codes are all digits; newer ones carry letters in the sequence,
 * so the shape is region digits plus 6 alphanumerics. A zone type outside 1-5/9 or an enterprise type
 * outside 1-9 is unusual, not impossible: it is reported for review, not rejected.
 */
const SHAPE = /^\d{4}[0-9A-Z]{6}$/;
const CLASSIC = /^\d{4}[1-59][1-9]/;

export type CustomsCodeCheck = { ok: true; unusual: boolean } | { ok: false; reason: 'shape' };

export function checkCustomsCode(code: string): CustomsCodeCheck {
  if (!SHAPE.test(code)) return { ok: false, reason: 'shape' };
  return { ok: true, unusual: !CLASSIC.test(code) };
}
