/**
 * PRC resident identity number (GB 11643): region(6) birth date(8) sequence(3) check(1), mod-11 check.
 * The birth date must be a real date, not in the future: `today` comes in (rules never read the clock).
 */
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const M = '10X98765432';

export type ResidentIdCheck = { ok: true; birthDate: string } | { ok: false; reason: 'shape' | 'check' | 'birth_date' };

export function checkResidentId(id: string, today: string): ResidentIdCheck {
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'shape' };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * W[i]!;
  if (M[sum % 11] !== id[17]) return { ok: false, reason: 'check' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || birthDate > today) {
    return { ok: false, reason: 'birth_date' };
  }
  return { ok: true, birthDate };
}

/** 11010519491231002X -> 1101**********002X */
export const maskResidentId = (id: string): string =>
  id.length >= 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '*'.repeat(id.length);
