/** The page's state in the URL: the tab and the filters, so a view can be shared as a link. */
export const TAX_FILTERS = ['tab', 'enterprise', 'year', 'from', 'to', 'q', 'collected'] as const;
export type TaxFilter = (typeof TAX_FILTERS)[number];
export type TaxFilters = Record<TaxFilter, string>;

export const TABS = ['records', 'deemed', 'rebate'] as const;
export type Tab = (typeof TABS)[number];

/** The year filter's value for "every year" (no value means this year). */
export const ALL_YEARS = 'all';

/** This calendar year in Asia/Shanghai. */
export function thisYear(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 4);
}

/** Years the API answers for: 2016 to next year, newest first. */
export function yearOptions(now = Date.now()): string[] {
  const last = Number(thisYear(now)) + 1;
  return Array.from({ length: last - 2016 + 1 }, (_, i) => String(last - i));
}

export const tabOf = (f: TaxFilters): Tab => ((TABS as readonly string[]).includes(f.tab) ? (f.tab as Tab) : 'records');

const yearOf = (f: TaxFilters) => (f.year && f.year !== ALL_YEARS ? f.year : undefined);

/** The API query of a tab (without paging): only the filters that tab knows. */
export function queryOf(tab: Tab, f: TaxFilters) {
  const enterprise = f.enterprise || undefined;
  if (tab === 'deemed') return { enterprise, year: yearOf(f) ?? thisYear() };
  if (tab === 'rebate') return { enterprise, year: yearOf(f), from: f.from || undefined, to: f.to || undefined, collected: f.collected || undefined };
  return { enterprise, year: yearOf(f), from: f.from || undefined, to: f.to || undefined, q: f.q || undefined };
}

/** Sums yuan decimal strings exactly (fen in BigInt), for a total row. */
export function sumYuan(values: ReadonlyArray<string | null>): string {
  let fen = 0n;
  for (const v of values) {
    const m = v ? /^(-?)(\d+)\.(\d{2})$/.exec(v) : null;
    if (!m) continue;
    const n = BigInt(m[2]!) * 100n + BigInt(m[3]!);
    fen += m[1] ? -n : n;
  }
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
