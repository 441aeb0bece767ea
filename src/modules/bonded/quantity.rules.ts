/**
 * Bonded quantities are exact decimals. At the edge they are decimal strings ("800", "2.5"); inside and in
 * the store they are integers in units of 10^-5 (`*_e5` columns), because the CEB messages declare `qty`
 * as xs:decimal with at most 5 fraction digits: every declared quantity is represented exactly, and sums
 * stay integers. Quantities are capped at 10 integer digits so that every value and every sum of two
 * stays below 2^53 (exact as a JS number, and as an int8 read back from PostgreSQL).
 */

/** A quantity in units of 10^-5. */
export type QtyE5 = number;

export const QTY_SCALE = 100_000;
/** 9,999,999,999.99999: the largest quantity and the largest stock of one item. */
export const MAX_QTY_E5: QtyE5 = 10_000_000_000 * QTY_SCALE - 1;

const QTY = /^(\d{1,10})(?:\.(\d{1,5}))?$/;

/** "2.5" -> 250000; null when the text is not a non-negative decimal with ≤ 10 integer and ≤ 5 fraction digits. */
export function parseQty(text: string): QtyE5 | null {
  const m = QTY.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * QTY_SCALE + Number((m[2] ?? '').padEnd(5, '0'));
}

/** 250000 -> "2.5"; 80000000 -> "800"; negative values (ledger deltas) keep their sign. */
export function formatQty(e5: QtyE5): string {
  const sign = e5 < 0 ? '-' : '';
  const abs = Math.abs(e5);
  const int = Math.floor(abs / QTY_SCALE);
  const frac = String(abs % QTY_SCALE).padStart(5, '0').replace(/0+$/, '');
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

/** A positive quantity within the cap, or null. */
export function positiveQty(text: string): QtyE5 | null {
  const q = parseQty(text);
  return q !== null && q > 0 && q <= MAX_QTY_E5 ? q : null;
}
