/** Bonded quantities are exact decimal strings (at most 5 decimals): checked and shown as text, never as floats. */

/** A positive quantity with at most 10 integer and 5 decimal digits, as the API accepts it. */
export const QTY_PATTERN = /^(?!0+(\.0+)?$)\d{1,10}(\.\d{1,5})?$/;

/** "2400" -> "2,400"; "-1.5" -> "-1.5"; digits grouped, decimals kept as given. */
export function fmtQty(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(value.trim());
  if (!m) return value;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** Today in Asia/Shanghai, YYYY-MM-DD. */
export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
