/**
 * Money is integer fen (分). Rates are exact decimal strings ("0.13"). Arithmetic that leaves the integers
 * (multiplying by a rate, dividing by 1 - c) goes through BigInt scaled decimals and is rounded to the fen
 * once, half-up, by `roundHalfUp` — never through floating point.
 */
import { invalid } from './errors.js';

/** An amount in fen (1/100 yuan). Always a safe integer. */
export type Fen = number;

const YUAN = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;
/** xs:decimal's lexical form: an optional sign, digits on either side of an optional point ("+0", ".5", "5."). */
const DECIMAL = /^([+-])?(?=\.?\d)(\d{0,18})(?:\.(\d{0,12}))?$/;

/** "1145.55" -> 114555. Throws `money.invalid_amount` for anything that is not yuan with at most 2 decimals. */
export function parseYuan(text: string, field = 'amount'): Fen {
  const m = YUAN.exec(text.trim());
  if (!m) {
    throw invalid('money.invalid_amount', {
      zh: `${field} 不是有效金额（元，最多两位小数）：${text}`,
      en: `${field} is not a valid amount (yuan, at most 2 decimals): ${text}`,
    }, { field, value: text });
  }
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

/** 114555 -> "1145.55" */
export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An exact decimal: value = units / 10^scale. */
export interface Decimal {
  units: bigint;
  scale: number;
}

export function isDecimalString(text: string): boolean {
  return DECIMAL.test(text);
}

export function parseDecimal(text: string, field = 'value'): Decimal {
  const m = DECIMAL.exec(text.trim());
  if (!m) {
    throw invalid('money.invalid_decimal', {
      zh: `${field} 不是有效的十进制数：${text}`,
      en: `${field} is not a valid decimal number: ${text}`,
    }, { field, value: text });
  }
  const frac = m[3] ?? '';
  const units = BigInt(`${m[2]}${frac}` || '0') * (m[1] === '-' ? -1n : 1n);
  return { units, scale: frac.length };
}

/** Canonical text of a decimal string: "0.130" -> "0.13", "1.0" -> "1". */
export function normaliseDecimal(text: string): string {
  const d = parseDecimal(text);
  let s = (d.units < 0n ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  let out = d.scale > 0 ? `${s.slice(0, s.length - d.scale)}.${s.slice(s.length - d.scale)}` : s;
  if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
  s = d.units < 0n && out !== '0' ? `-${out}` : out;
  return s;
}

/** Rounds numerator/denominator to the nearest integer, halves away from zero. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (d * 2n);
  return negative ? -q : q;
}

/** fen × rate₁ × rate₂ × …, rounded half-up to the fen once. */
export function mulRates(amount: Fen, ...rates: string[]): Fen {
  let num = BigInt(amount);
  let den = 1n;
  for (const r of rates) {
    const d = parseDecimal(r, 'rate');
    num *= d.units;
    den *= 10n ** BigInt(d.scale);
  }
  return Number(roundHalfUp(num, den));
}

/** Compares two decimal strings numerically: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const xu = x.units * 10n ** BigInt(scale - x.scale);
  const yu = y.units * 10n ** BigInt(scale - y.scale);
  return xu < yu ? -1 : xu > yu ? 1 : 0;
}
