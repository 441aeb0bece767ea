/**
 * Per-person yearly caps on some goods (DOMAIN.md §4: e.g. sugar 2 kg a year): a tariff line may carry a
 * cap in a legal unit. A cap covers the whole HS heading (the first four digits: all 1701 sugars share
 * one), counted per buyer and calendar year in the cap's unit, taken from the line's first or second
 * legal quantity, or its declared quantity, whichever is in that unit. Quantities are exact: 1e-5 units.
 */
import { parseDecimal, roundHalfUp } from '../../kernel/money.js';
import type { Text } from '../../kernel/errors.js';
import type { ListLine } from './documents.types.js';

export interface CapFact {
  yearlyCapQty: string | null;
  yearlyCapUnit: string | null;
}

const SCALE = 5;

/** A decimal quantity in 1e-5 units, half-up. */
export function toE5(text: string): number {
  const d = parseDecimal(text, 'qty');
  return Number(d.scale <= SCALE ? d.units * 10n ** BigInt(SCALE - d.scale) : roundHalfUp(d.units, 10n ** BigInt(d.scale - SCALE)));
}

export function fromE5(n: number): string {
  const whole = Math.trunc(n / 10 ** SCALE);
  const frac = String(Math.abs(n) % 10 ** SCALE).padStart(SCALE, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

export const capKeyOf = (gcode: string) => gcode.slice(0, 4);

/** The cap keys a list's lines fall under (so their usage can be read before deciding). */
export function capKeys(lines: ListLine[], tariffs: Record<string, Partial<CapFact> | null>): string[] {
  return [...new Set(lines.filter((l) => tariffs[l.gcode]?.yearlyCapQty).map((l) => capKeyOf(l.gcode)))];
}

type Reason = { code: string; message: Text; details?: Record<string, unknown> };

export type CapCheck = { ok: true; use: Record<string, number>; lines: Record<number, { key: string; e5: number }> } | { ok: false; reasons: Reason[] };

/** This list's use of each cap, or why it cannot have it: a line not measured in the cap's unit, or a cap passed. */
export function checkCaps(lines: ListLine[], tariffs: Record<string, Partial<CapFact> | null>, usedE5: Record<string, number>): CapCheck {
  const use: Record<string, number> = {};
  const perLine: Record<number, { key: string; e5: number }> = {};
  const caps: Record<string, { cap: number; unit: string }> = {};
  const reasons: Reason[] = [];
  for (const l of lines) {
    const t = tariffs[l.gcode];
    if (!t?.yearlyCapQty || !t.yearlyCapUnit) continue;
    const key = capKeyOf(l.gcode);
    const unit = t.yearlyCapUnit;
    const qty = l.unit1 === unit ? l.qty1 : l.unit2 === unit ? l.qty2 : l.unit === unit ? l.qty : null;
    if (!qty) {
      reasons.push({ code: 'clearance.cap_unit_missing', message: { zh: `第 ${l.gnum} 项商品 ${l.gcode} 有年度限量（单位 ${unit}），但申报的数量单位都不是 ${unit}`, en: `line ${l.gnum} ${l.gcode} has a yearly cap in unit ${unit}, but none of its quantities is in ${unit}` }, details: { gnum: l.gnum, gcode: l.gcode, capUnit: unit } });
      continue;
    }
    const e5 = toE5(qty);
    use[key] = (use[key] ?? 0) + e5;
    perLine[l.gnum] = { key, e5 };
    caps[key] = { cap: toE5(t.yearlyCapQty), unit };
  }
  for (const [key, n] of Object.entries(use)) {
    const { cap, unit } = caps[key]!;
    const used = usedE5[key] ?? 0;
    if (used + n > cap) {
      reasons.push({
        code: 'clearance.yearly_cap_exceeded',
        message: { zh: `品目 ${key} 年度限量 ${fromE5(cap)}（单位 ${unit}）：订购人今年已购 ${fromE5(used)}，本单 ${fromE5(n)}，超过限量`, en: `heading ${key} has a yearly cap of ${fromE5(cap)} (unit ${unit}): the buyer has bought ${fromE5(used)} this year and this list adds ${fromE5(n)}` },
        details: { heading: key, unit, cap: fromE5(cap), used: fromE5(used), list: fromE5(n) },
      });
    }
  }
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, use, lines: perLine };
}
