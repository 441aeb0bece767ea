/**
 * Retail import tax (跨境电商综合税), DOMAIN.md §4 (财关税〔2016〕18号, 〔2018〕49号):
 * - dutiable price P = goods + freight + insurance (− discount only when the regulation says so);
 * - within the limits: duty 0, consumption tax P/(1−c) × c × factor, VAT P/(1−c) × v × factor;
 * - a single indivisible item above the single limit: general-trade tax in full (duty at the MFN rate,
 *   consumption tax (P + duty)/(1−c) × c, VAT (P + duty)/(1−c) × v), and it still counts toward the year;
 * - a divisible order above the single limit, or one that passes the annual quota: rejected.
 *
 * Freight, insurance (and discount) are shared over the lines by goods value. The fen-remainder rule:
 * each line gets the floor of its exact share; the fen left over go one each to the lines with the
 * largest fractional remainders, ties to the earlier line. Each tax is computed per line and rounded
 * half-up to the fen once; the list totals are the sums of the lines.
 */
import type { Fen } from '../../kernel/money.js';
import { parseDecimal, roundHalfUp } from '../../kernel/money.js';
import type { RegulationParams } from '../../kernel/regulation.js';

export interface TaxLineInput {
  gnum: number;
  gcode: string;
  /** Goods value of the line (totalPrice), fen. */
  valueFen: Fen;
  qty: string;
}

export interface LineRates {
  dutyRate: string;
  vatRate: string;
  consumptionRate: string;
}

export interface TaxInput {
  lines: TaxLineInput[];
  freightFen: Fen;
  insuranceFen: Fen;
  discountFen: Fen;
  /** Rates per gcode (from the tariff in force). */
  rates: Record<string, LineRates>;
  /** Dutiable price of the buyer's released lists this year, before this one, fen. */
  usedThisYearFen: Fen;
  params: RegulationParams;
}

export interface TaxLine {
  gnum: number;
  gcode: string;
  dutiableFen: Fen;
  customsTaxFen: Fen;
  valueAddedTaxFen: Fen;
  consumptionTaxFen: Fen;
}

export type TaxMode = 'retail' | 'general';

export type TaxResult =
  | {
      ok: true;
      mode: TaxMode;
      dutiableFen: Fen;
      lines: TaxLine[];
      customsTaxFen: Fen;
      valueAddedTaxFen: Fen;
      consumptionTaxFen: Fen;
      taxTotalFen: Fen;
      /** What this list adds to the buyer's annual total, fen. */
      countedFen: Fen;
      /** Annual total after this list, fen. */
      usedAfterFen: Fen;
      factor: string;
    }
  | { ok: false; code: 'clearance.single_limit_exceeded'; dutiableFen: Fen; limitFen: Fen }
  | { ok: false; code: 'clearance.quota_exceeded'; dutiableFen: Fen; usedFen: Fen; limitFen: Fen }
  | { ok: false; code: 'clearance.no_tariff'; gcode: string };

/** Shares `total` fen over `weights` by the fen-remainder rule above. */
export function shareByValue(total: Fen, weights: Fen[]): Fen[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || weights.length === 0) return weights.map(() => 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => BigInt(total) * BigInt(w));
  const shares = exact.map((e) => Number(e / BigInt(sum)));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rem: e % BigInt(sum) })).sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

interface Frac {
  n: bigint;
  d: bigint;
}
const frac = (rate: string): Frac => {
  const x = parseDecimal(rate, 'rate');
  return { n: x.units, d: 10n ** BigInt(x.scale) };
};

/**
 * Consumption tax and VAT on a base, with the consumption tax inside the base: base/(1−c) × rate × factor.
 * `base` is in fen; the result is rounded half-up to the fen.
 */
function taxOnBase(baseFen: bigint, rate: Frac, c: Frac, factor: Frac): Fen {
  // base × rate × factor / (1 − c)  =  base × r.n × f.n × c.d / (r.d × f.d × (c.d − c.n))
  return Number(roundHalfUp(baseFen * rate.n * factor.n * c.d, rate.d * factor.d * (c.d - c.n)));
}

export function computeTax(input: TaxInput): TaxResult {
  const p = input.params;
  const values = input.lines.map((l) => l.valueFen);
  const goods = values.reduce((a, b) => a + b, 0);
  const freight = shareByValue(input.freightFen, values);
  const insurance = shareByValue(input.insuranceFen, values);
  const discount = p.discountReducesDutiable ? shareByValue(input.discountFen, values) : values.map(() => 0);
  const dutiableLines = input.lines.map((l, i) => l.valueFen + freight[i]! + insurance[i]! - discount[i]!);
  const dutiable = goods + input.freightFen + input.insuranceFen - (p.discountReducesDutiable ? input.discountFen : 0);
  const counted = p.limitsCountFreight ? dutiable : goods - (p.discountReducesDutiable ? input.discountFen : 0);

  const single = input.lines.length === 1 && /^1(\.0+)?$/.test(input.lines[0]!.qty);
  let mode: TaxMode = 'retail';
  if (counted > p.singleLimitFen) {
    if (!single) return { ok: false, code: 'clearance.single_limit_exceeded', dutiableFen: counted, limitFen: p.singleLimitFen };
    mode = 'general';
  }
  if (input.usedThisYearFen + counted > p.annualLimitFen) {
    return { ok: false, code: 'clearance.quota_exceeded', dutiableFen: counted, usedFen: input.usedThisYearFen, limitFen: p.annualLimitFen };
  }

  const factor = mode === 'retail' ? frac(p.retailTaxFactor) : { n: 1n, d: 1n };
  const lines: TaxLine[] = [];
  for (let i = 0; i < input.lines.length; i++) {
    const l = input.lines[i]!;
    const r = input.rates[l.gcode];
    if (!r) return { ok: false, code: 'clearance.no_tariff', gcode: l.gcode };
    const base = BigInt(dutiableLines[i]!);
    const c = frac(r.consumptionRate);
    const duty = mode === 'retail' ? Number(roundHalfUp(base * frac(p.retailDutyRate).n, frac(p.retailDutyRate).d)) : Number(roundHalfUp(base * frac(r.dutyRate).n, frac(r.dutyRate).d));
    const withDuty = base + BigInt(duty);
    lines.push({
      gnum: l.gnum,
      gcode: l.gcode,
      dutiableFen: dutiableLines[i]!,
      customsTaxFen: duty,
      consumptionTaxFen: c.n === 0n ? 0 : taxOnBase(withDuty, c, c, factor),
      valueAddedTaxFen: taxOnBase(withDuty, frac(r.vatRate), c, factor),
    });
  }
  const sum = (k: 'customsTaxFen' | 'valueAddedTaxFen' | 'consumptionTaxFen') => lines.reduce((a, l) => a + l[k], 0);
  const customsTaxFen = sum('customsTaxFen');
  const valueAddedTaxFen = sum('valueAddedTaxFen');
  const consumptionTaxFen = sum('consumptionTaxFen');
  return {
    ok: true,
    mode,
    dutiableFen: dutiable,
    lines,
    customsTaxFen,
    valueAddedTaxFen,
    consumptionTaxFen,
    taxTotalFen: customsTaxFen + valueAddedTaxFen + consumptionTaxFen,
    countedFen: counted,
    usedAfterFen: input.usedThisYearFen + counted,
    factor: mode === 'retail' ? p.retailTaxFactor : '1',
  };
}
