/** Export a table as CSV (UTF-8 with BOM so Excel opens Chinese text correctly). */
import type { Page } from '../api/types';

function cell(v: unknown): string {
  const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join('|') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function downloadCsv(filename: string, header: string[], rows: unknown[][]) {
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n');
  const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Fetches every page of a filtered list (up to `max` rows) for export. */
export async function fetchAll<T>(list: (offset: number, limit: number) => Promise<Page<T>>, max = 5000): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; offset < max; offset += 500) {
    const p = await list(offset, 500);
    out.push(...p.items);
    if (p.items.length < 500 || out.length >= p.total) break;
  }
  return out;
}
