/**
 * The 10-digit customs registration code (海关编码, DOMAIN.md §6): province(2) city(2) zone type(1)
 * enterprise type(1) sequence(4). Zone type is 1-5 or 9; enterprise type 1-9. Digits only.
 */
const SHAPE = /^\d{4}[1-59][1-9]\d{4}$/;
const LOOSE = /^[0-9A-Z]{10}$/;

export type CustomsCodeCheck = { ok: true } | { ok: false; reason: 'shape' | 'zone_or_type' };

export function checkCustomsCode(code: string): CustomsCodeCheck {
  if (!LOOSE.test(code) || !/^\d{10}$/.test(code)) return { ok: false, reason: 'shape' };
  return SHAPE.test(code) ? { ok: true } : { ok: false, reason: 'zone_or_type' };
}
