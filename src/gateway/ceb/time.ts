/**
 * CEB time stamps are Beijing local time without a zone (DOMAIN.md §0): `returnTime` yyyyMMddHHmmssSSS,
 * `appTime` yyyyMMddHHmmss, `declTime` yyyyMMdd. China has kept UTC+8 without daylight saving since 1991,
 * so a fixed offset is exact for every date the platform handles.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function shanghai(date: Date): Date {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError('cebTime: invalid date');
  return new Date(t + SHANGHAI_OFFSET_MS);
}

/** yyyyMMddHHmmssSSS in Asia/Shanghai: the receipts' `returnTime`. Throws RangeError on an invalid Date. */
export function cebTime(date: Date): string {
  const d = shanghai(date);
  return `${cebSeconds(date)}${pad(d.getUTCMilliseconds(), 3)}`;
}

/** yyyyMMddHHmmss in Asia/Shanghai: `appTime`, `payTime`, `logisticsTime`. */
export function cebSeconds(date: Date): string {
  const d = shanghai(date);
  return `${cebDate(date)}${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}`;
}

/** yyyyMMdd in Asia/Shanghai: `declTime`, `ieDate`. */
export function cebDate(date: Date): string {
  const d = shanghai(date);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
}
