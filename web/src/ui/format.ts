/** Display formats of the console (UI.md): dates in the zone's time, money in yuan with two decimals, rates as %. */

const ZONE = 'Asia/Shanghai';
const dateParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai; '—' when absent. */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p: Record<string, string> = {};
  for (const part of dateParts.formatToParts(d)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `YYYY-MM-DD` in Asia/Shanghai (for effective dates). */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return fmtDateTime(iso).slice(0, 10);
}

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A yuan decimal string shown with at least two decimals (unit prices may carry more), digits grouped.
 * Pure string work: no float rounding of money.
 */
export function fmtYuan(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const s = String(value).trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = ''] = m;
  const trimmed = frac.replace(/0+$/, '');
  const decimals = trimmed.length > 2 ? trimmed : trimmed.padEnd(2, '0');
  return `${sign}${group(String(BigInt(int!)))}.${decimals}`;
}

/** Integer fen as yuan with two decimals. */
export function fmtFen(fen: number | string | null | undefined): string {
  if (fen === null || fen === undefined || fen === '') return '—';
  const s = String(fen);
  if (!/^-?\d+$/.test(s)) return s;
  const neg = s.startsWith('-');
  const digits = (neg ? s.slice(1) : s).padStart(3, '0');
  const int = digits.slice(0, -2);
  return `${neg ? '-' : ''}${group(String(BigInt(int)))}.${digits.slice(-2)}`;
}

/** A decimal-string rate ("0.13") as a percentage ("13%", "9.1%"), exact. */
export function fmtRate(rate: string | number | null | undefined): string {
  if (rate === null || rate === undefined || rate === '') return '—';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(rate).trim());
  if (!m) return String(rate);
  const [, sign, int, frac = ''] = m;
  const padded = frac.padEnd(2, '0');
  const whole = String(Number(int) * 100 + Number(padded.slice(0, 2)));
  const rest = padded.slice(2).replace(/0+$/, '');
  return `${sign}${whole}${rest ? `.${rest}` : ''}%`;
}

/** A percentage typed by a person ("13", "9.5") back to a decimal string ("0.13", "0.095"), exact. */
export function percentToRate(percent: string): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(percent.trim());
  if (!m) return percent;
  const [, int, frac = ''] = m;
  const digits = `${int}${frac}`.replace(/^0+(?=\d)/, '');
  const scale = frac.length + 2;
  const padded = digits.padStart(scale + 1, '0');
  const whole = padded.slice(0, padded.length - scale);
  const decimals = padded.slice(padded.length - scale).replace(/0+$/, '');
  return decimals ? `${whole}.${decimals}` : whole;
}

/** Age since a moment, in the units a reviewer reads at a glance: minutes, hours, days. */
export function ageParts(iso: string, now = Date.now()): { days: number; hours: number; minutes: number } {
  const ms = Math.max(0, now - new Date(iso).getTime());
  const minutes = Math.floor(ms / 60000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}
