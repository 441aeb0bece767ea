/** Exact decimal-string arithmetic for amounts typed or filed as text ("320.00"): scaled integers, no floats. */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function scaled(v: string, scale: number): bigint | null {
  const m = DECIMAL.exec(v.trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  if (frac.length > scale) return null;
  const n = BigInt(m[2]! + frac.padEnd(scale, '0'));
  return m[1] ? -n : n;
}

function render(n: bigint, scale: number): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const decimalsOf = (v: string) => (DECIMAL.exec(v.trim())?.[3] ?? '').length;

/** Sum of decimal strings with the most decimals any term had (at least 2); null when one is not a number. */
export function sumDecimals(values: unknown[]): string | null {
  const texts = values.map((v) => String(v ?? '').trim());
  if (!texts.length || texts.some((s) => !DECIMAL.test(s))) return null;
  const scale = Math.max(2, ...texts.map(decimalsOf));
  return render(texts.reduce((s, x) => s + scaled(x, scale)!, 0n), scale);
}

/** qty × price rounded half-up to two decimals (the total price of a goods line); null when either is not a number. */
export function lineTotal(qty: string | undefined, price: string | undefined): string | null {
  if (!qty || !price || !DECIMAL.test(qty.trim()) || !DECIMAL.test(price.trim())) return null;
  const qs = decimalsOf(qty);
  const ps = decimalsOf(price);
  const product = scaled(qty, qs)! * scaled(price, ps)!;
  const shift = qs + ps;
  if (shift <= 2) return render(product * 10n ** BigInt(2 - shift), 2);
  const div = 10n ** BigInt(shift - 2);
  const neg = product < 0n;
  const abs = neg ? -product : product;
  const rounded = (abs + div / 2n) / div;
  return render(neg ? -rounded : rounded, 2);
}

/** a − (sum of bs), with trailing zeros dropped ("2" − "0.5" → "1.5"); null when a term is not a number. */
export function remainingQty(a: string, bs: string[]): string | null {
  const diff = sumDecimals([a, ...bs.map((b) => `-${b.trim()}`)]);
  return diff === null ? null : diff.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}
