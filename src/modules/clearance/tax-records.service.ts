/**
 * Export tax records for the tax bureau (DOMAIN.md §5):
 * - 无票免税 (财税〔2018〕103号): per exported goods line, the date, goods name, unit, quantity, unit price and
 *   amount, from released export lists (9610 list channel) and released B2B declarations (9710/9810);
 * - 核定征收 (STA Announcement 2019 No.36): per enterprise per year the export amount, less returned goods,
 *   times the deemed taxable income rate of the regulation in force (4 %);
 * - rebate: the customs declarations (summary declarations and B2B declarations) and whether their
 *   proceeds were collected.
 * Read-only; the clearance pipeline writes the tables. Amounts are integer fen inside and decimal strings in
 * the currency of the declaration outside: nothing is converted, so deemed income counts CNY (142) only and
 * other currencies are reported beside it, per currency.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Clock } from '../../kernel/clock.js';
import { invalid, rejected } from '../../kernel/errors.js';
import { formatYuan, mulRates, normaliseDecimal, parseDecimal, type Fen } from '../../kernel/money.js';
import type { RegulationVersion } from '../../kernel/regulation.js';
import type { Db, Dialect } from '../../platform/db/database.js';
import { requireRole, type Principal, type Role } from '../../platform/http/principal.js';
import { writeWorkbook, type SheetColumn } from '../../platform/xlsx.js';
import { addDays, shanghaiDate } from '../reference/index.js';

/** Filings behind the codes that export documents carry (customs code or USCC). */
export interface TaxRecordEnterprises {
  /** The codes and name of an enterprise's filing, or null when it has none. */
  codesOf(enterpriseId: string): Promise<{ customsCode: string; uscc: string; name: string } | null>;
  /** The filing behind a customs code or USCC, or null. */
  byCode(code: string): Promise<{ id: string; customsCode: string; uscc: string; name: string } | null>;
}

export interface TaxRecordReference {
  regulationAt(date?: string): Promise<RegulationVersion>;
  /** A code's names (unit "件"; currency "人民币" with its ISO code as `nameEn`); absent: codes are shown bare. */
  code?(table: 'unit' | 'currency', code: string): Promise<{ name: string; nameEn: string | null } | null>;
}

export interface TaxRecordDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  reference: TaxRecordReference;
  enterprises: TaxRecordEnterprises;
  /** Most rows in one download (default 100,000). */
  rowCap?: number;
}

/** Who reads export tax data: the tax bureau and the departments that share it; an enterprise its own. */
export const TAX_RECORD_READERS: readonly Role[] = ['admin', 'tax', 'customs', 'commerce', 'forex', 'enterprise'];

/** The customs currency code of the renminbi. */
export const CNY = '142';

/** A download holds at most this many rows by default; narrower filters split a larger one. */
export const XLSX_ROW_CAP = 100_000;

export interface RecordFilter {
  /** Customs code or USCC of the consignor (regulators; an enterprise is always confined to its own). */
  enterprise?: string;
  year?: number;
  /** Release dates, YYYY-MM-DD in Asia/Shanghai, inclusive. */
  from?: string;
  to?: string;
  /** Part of the goods name or HS code, or a list number or declaration number. */
  q?: string;
}

export interface TaxRecord {
  /** Release date, YYYY-MM-DD, Asia/Shanghai. */
  date: string;
  source: 'list' | 'entry';
  invtNo: string | null;
  entryId: string | null;
  ebcCode: string;
  gnum: number;
  /** The enterprise's goods name (itemName), which rebate and exemption records use, else the customs name. */
  goodsName: string;
  gcode: string;
  unit: string;
  unitName: string | null;
  qty: string;
  /** Yuan (or the declaration's currency), 2 to 5 decimals. */
  unitPrice: string;
  amount: string;
  currency: string;
  currencyName: string | null;
  /** Goods of this line came back under an export return (the quantity in `returnedQty`). */
  returned: boolean;
  returnedQty: string | null;
}

export interface DeemedIncomeRow {
  ebcCode: string;
  enterpriseName: string | null;
  currency: string;
  currencyName: string | null;
  exportAmount: string;
  returnedAmount: string;
  taxableBase: string;
  /** taxableBase × rate, half-up to the fen; null for currencies other than CNY (not converted). */
  deemedIncome: string | null;
}

export interface RebateDeclaration {
  entryId: string;
  source: 'summary' | 'entry';
  ebcCode: string;
  /** Declaration date, YYYY-MM-DD, Asia/Shanghai. */
  date: string;
  currency: string;
  currencyName: string | null;
  goodsValue: string;
  /** Goods of the declaration that came back under export returns. */
  returned: string;
  collected: string;
  /** Proceeds cover the goods that stayed exported (goods value less returns, more than zero). */
  fullyCollected: boolean;
}

/** Deemed taxable income: the base times the rate, rounded half-up to the fen once. */
export function deemedIncomeFen(baseFen: Fen, rate: string): Fen {
  return mulRates(baseFen, rate);
}

/** Sum of decimal strings, exact. */
export function addDecimals(values: readonly string[]): string {
  let units = 0n;
  let scale = 0;
  for (const v of values) {
    const d = parseDecimal(v, 'qty');
    if (d.scale > scale) {
      units *= 10n ** BigInt(d.scale - scale);
      scale = d.scale;
    }
    units += d.units * 10n ** BigInt(scale - d.scale);
  }
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}` : digits;
  return normaliseDecimal(`${neg ? '-' : ''}${text}`);
}

/** A unit price as stored ("12.5", "12.12345") with at least 2 decimals: "12.50". */
export function priceText(text: string): string {
  const n = normaliseDecimal(text);
  const dot = n.indexOf('.');
  if (dot < 0) return `${n}.00`;
  return n.length - dot - 1 < 2 ? `${n}0` : n;
}

/** The first instant (UTC, ISO) of a calendar day in Asia/Shanghai. */
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

interface Period {
  /** Inclusive lower bound, ISO instant. */
  since: string | null;
  /** Exclusive upper bound, ISO instant. */
  until: string | null;
}

function periodOf(f: { year?: number | undefined; from?: string | undefined; to?: string | undefined }): Period {
  if (f.from && f.to && f.from > f.to) {
    throw invalid('export.invalid_period', { zh: `起始日期 ${f.from} 晚于截止日期 ${f.to}`, en: `from ${f.from} is after to ${f.to}` }, { from: f.from, to: f.to });
  }
  const lows: string[] = [];
  const highs: string[] = [];
  if (f.year !== undefined) {
    lows.push(dayStart(`${f.year}-01-01`));
    highs.push(dayStart(`${f.year + 1}-01-01`));
  }
  if (f.from) lows.push(dayStart(f.from));
  if (f.to) highs.push(dayStart(addDays(f.to, 1)));
  return { since: lows.length ? lows.sort().at(-1)! : null, until: highs.length ? highs.sort()[0]! : null };
}

const NOTHING = '#none';
const YES = '是 Yes';
const NO = '否 No';

/** A file to download. */
export interface Download {
  filename: string;
  body: Buffer;
}

interface RecordRow {
  released_at: string;
  source: 'list' | 'entry';
  invt_no: string | null;
  entry_id: string | null;
  export_id: string | null;
  ebc_code: string;
  gnum: number | string;
  goods_name: string | null;
  gcode: string | null;
  unit: string | null;
  qty: string | number | null;
  price: string | number | null;
  amount_fen: number | string | null;
  currency: string;
}

/**
 * Names for codes and consignors, looked up once per use case: a unit's and a currency's name from the
 * reference tables, and the filing a consignor code belongs to (so that one enterprise declaring under
 * its customs code and its USCC is one row).
 */
function createNames(deps: Pick<TaxRecordDeps, 'reference' | 'enterprises'>) {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let v = memo.get(key) as Promise<T> | undefined;
    if (!v) {
      v = load();
      memo.set(key, v);
    }
    return v;
  };
  const code = (table: 'unit' | 'currency', c: string | null) =>
    c && deps.reference.code ? once(`${table}:${c}`, () => deps.reference.code!(table, c)) : Promise.resolve(null);
  return {
    unitName: async (c: string | null) => (await code('unit', c))?.name ?? null,
    /** The ISO code ("CNY") where the table has one, else the name. */
    currencyName: async (c: string) => {
      const e = await code('currency', c);
      return e ? (e.nameEn ?? e.name) : null;
    },
    filing: (c: string) =>
      once(`filing:${c}`, async () => {
        const f = await deps.enterprises.byCode(c);
        return f ? { key: `filing:${f.id}`, code: f.customsCode || f.uscc || c, name: f.name } : { key: `code:${c}`, code: c, name: null };
      }),
  };
}
type Names = ReturnType<typeof createNames>;

export function createTaxRecords(deps: TaxRecordDeps) {
  const { db, dialect } = deps;
  const rowCap = deps.rowCap ?? XLSX_ROW_CAP;

  /**
   * The consignor codes the caller may see under the filter: null for all, an empty list for none.
   * An enterprise is confined to its filing's customs code and USCC whatever it asks for.
   */
  async function scope(p: Principal, enterprise?: string): Promise<string[] | null> {
    requireRole(p, ...TAX_RECORD_READERS);
    if (p.role === 'enterprise') {
      const mine = p.enterpriseId ? await deps.enterprises.codesOf(p.enterpriseId) : null;
      const codes = mine ? [mine.customsCode, mine.uscc].filter((c) => !!c) : [];
      // Naming either of its own codes means the enterprise; naming another's finds nothing.
      return !enterprise || codes.includes(enterprise) ? codes : [];
    }
    if (!enterprise) return null;
    const filing = await deps.enterprises.byCode(enterprise);
    return filing ? [...new Set([filing.customsCode, filing.uscc, enterprise].filter((c) => !!c))] : [enterprise];
  }

  /** `AND column IN (...) AND at >= since AND at < until` for one table's columns. */
  function conditions(codes: string[] | null, period: Period, codeColumn: string, atColumn: string): RawBuilder<unknown> {
    const parts: RawBuilder<unknown>[] = [];
    if (codes) parts.push(sql`AND ${sql.ref(codeColumn)} IN (${sql.join(codes.length ? codes : [NOTHING])})`);
    if (period.since) parts.push(sql`AND ${sql.ref(atColumn)} >= ${period.since}`);
    if (period.until) parts.push(sql`AND ${sql.ref(atColumn)} < ${period.until}`);
    return parts.length ? sql.join(parts, sql` `) : sql``;
  }

  /** Every exported goods line in scope: released lists' lines and released B2B declarations' lines. */
  function recordLines(codes: string[] | null, period: Period): RawBuilder<RecordRow> {
    const lines =
      dialect === 'postgres'
        ? sql`CROSS JOIN LATERAL jsonb_array_elements(CAST(x.lines_json AS jsonb)) AS j(value)`
        : sql`, json_each(x.lines_json) AS j`;
    return sql<RecordRow>`
      SELECT e.released_at AS released_at, 'list' AS source, e.invt_no AS invt_no, CAST(NULL AS text) AS entry_id,
             e.id AS export_id, e.ebc_code AS ebc_code, l.gnum AS gnum, COALESCE(l.item_name, l.gname) AS goods_name,
             l.gcode AS gcode, l.unit AS unit, l.qty AS qty, l.price AS price, l.total_fen AS amount_fen, l.currency AS currency
        FROM clearance_export e JOIN clearance_export_line l ON l.export_id = e.id
       WHERE e.status IN (800, 899) AND e.released_at IS NOT NULL AND e.cancelled_at IS NULL AND e.ebc_code IS NOT NULL
             ${conditions(codes, period, 'e.ebc_code', 'e.released_at')}
      UNION ALL
      SELECT x.released_at, 'entry', CAST(NULL AS text), x.entry_id, CAST(NULL AS text), x.ebc_code,
             CAST(j.value ->> 'gnum' AS integer), COALESCE(j.value ->> 'itemName', j.value ->> 'gname'),
             j.value ->> 'gcode', j.value ->> 'unit', j.value ->> 'qty', j.value ->> 'price',
             CAST(j.value ->> 'totalFen' AS bigint), x.currency
        FROM clearance_export_entry x ${lines}
       WHERE x.status IN (800, 899) AND x.released_at IS NOT NULL
             ${conditions(codes, period, 'x.ebc_code', 'x.released_at')}`;
  }

  function search(q: string | undefined): RawBuilder<unknown> {
    const text = q?.trim();
    if (!text) return sql``;
    const like = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return sql`WHERE (lower(r.goods_name) LIKE ${like} ESCAPE '\\' OR r.gcode LIKE ${like} ESCAPE '\\' OR r.invt_no = ${text} OR r.entry_id = ${text})`;
  }

  /** Returned quantities per list line, for the lists among `exportIds`. */
  async function returnedQty(exportIds: string[]): Promise<Map<string, string | 'all'>> {
    const out = new Map<string, string[] | 'all'>();
    const ids = [...new Set(exportIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await db.withTables<{ clearance_export_return: { export_id: string; lines_json: string } }>()
        .selectFrom('clearance_export_return').select(['export_id', 'lines_json']).where('export_id', 'in', chunk).execute();
      for (const r of rows) {
        const lines = JSON.parse(r.lines_json) as Array<{ gnum: number | string; qty: string | number }>;
        // A return that names no lines takes the whole list back.
        if (lines.length === 0) out.set(`${r.export_id}#*`, 'all');
        for (const l of lines) {
          const key = `${r.export_id}#${Number(l.gnum)}`;
          const seen = out.get(key);
          out.set(key, [...(Array.isArray(seen) ? seen : []), String(l.qty)]);
        }
      }
    }
    const sums = new Map<string, string | 'all'>();
    for (const [k, v] of out) sums.set(k, v === 'all' ? 'all' : addDecimals(v));
    return sums;
  }

  async function toRecords(rows: RecordRow[], names: Names): Promise<TaxRecord[]> {
    const returns = await returnedQty(rows.filter((r) => r.source === 'list' && r.export_id).map((r) => r.export_id!));
    return Promise.all(
      rows.map(async (r) => {
        const qty = normaliseDecimal(String(r.qty ?? '0'));
        const gnum = Number(r.gnum);
        const back = r.export_id ? (returns.get(`${r.export_id}#*`) ?? returns.get(`${r.export_id}#${gnum}`)) : undefined;
        const returnedQtyText = back === undefined ? null : back === 'all' ? qty : back;
        return {
          date: shanghaiDate(new Date(r.released_at)),
          source: r.source,
          invtNo: r.invt_no,
          entryId: r.entry_id,
          ebcCode: r.ebc_code,
          gnum,
          goodsName: r.goods_name ?? '',
          gcode: r.gcode ?? '',
          unit: r.unit ?? '',
          unitName: await names.unitName(r.unit),
          qty,
          unitPrice: priceText(String(r.price ?? '0')),
          amount: formatYuan(Number(r.amount_fen ?? 0)),
          currency: r.currency,
          currencyName: await names.currencyName(r.currency),
          returned: returnedQtyText !== null && parseDecimal(returnedQtyText).units > 0n,
          returnedQty: returnedQtyText,
        };
      }),
    );
  }

  const order = sql`ORDER BY r.released_at, r.source, COALESCE(r.invt_no, r.entry_id, ''), r.export_id, r.gnum`;

  async function countRecords(codes: string[] | null, period: Period, q?: string) {
    const row = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM (${recordLines(codes, period)}) r ${search(q)}`.execute(db);
    return Number(row.rows[0]?.n ?? 0);
  }

  /** Exported goods lines, oldest first, a page at a time. */
  async function records(p: Principal, f: RecordFilter & { limit: number; offset: number }): Promise<{ items: TaxRecord[]; total: number }> {
    const period = periodOf(f);
    const codes = await scope(p, f.enterprise);
    if (codes && codes.length === 0) return { items: [], total: 0 };
    const total = await countRecords(codes, period, f.q);
    if (total === 0 || f.offset >= total) return { items: [], total };
    const rows = await sql<RecordRow>`SELECT * FROM (${recordLines(codes, period)}) r ${search(f.q)} ${order} LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
    return { items: await toRecords(rows.rows, createNames(deps)), total };
  }

  function tooMany(total: number) {
    return rejected('export.too_many_rows', {
      zh: `导出 ${total} 行，超过上限 ${rowCap} 行：请按年度、日期或企业缩小范围`,
      en: `${total} rows exceed the download limit of ${rowCap}: narrow the year, dates or enterprise`,
    }, { total, limit: rowCap });
  }

  /** Every record under the filter, for a download; 422 `export.too_many_rows` beyond the cap. */
  async function allRecords(p: Principal, f: RecordFilter): Promise<TaxRecord[]> {
    const period = periodOf(f);
    const codes = await scope(p, f.enterprise);
    if (codes && codes.length === 0) return [];
    const total = await countRecords(codes, period, f.q);
    if (total > rowCap) throw tooMany(total);
    const rows = await sql<RecordRow>`SELECT * FROM (${recordLines(codes, period)}) r ${search(f.q)} ${order}`.execute(db);
    return toRecords(rows.rows, createNames(deps));
  }

  /**
   * 核定征收: per enterprise and currency, the year's export amount (the records' amounts), the goods returned
   * from those exports, the base (their difference) and, in CNY, the deemed taxable income at the rate in
   * force at the year's end. A return counts against the year of the export it takes back.
   */
  async function deemedIncome(p: Principal, f: { year?: number; enterprise?: string }) {
    const year = f.year ?? Number(shanghaiDate(deps.clock.now()).slice(0, 4));
    const rate = (await deps.reference.regulationAt(`${year}-12-31`)).params.deemedIncomeRate;
    const period = periodOf({ year });
    const codes = await scope(p, f.enterprise);
    if (codes && codes.length === 0) return { year, rate, items: [] as DeemedIncomeRow[] };
    const exported = await sql<{ ebc_code: string; currency: string; fen: number | string }>`
      SELECT r.ebc_code AS ebc_code, r.currency AS currency, SUM(r.amount_fen) AS fen
        FROM (${recordLines(codes, period)}) r GROUP BY r.ebc_code, r.currency`.execute(db);
    const returned = await sql<{ ebc_code: string; currency: string; fen: number | string }>`
      SELECT t.ebc_code AS ebc_code, t.currency AS currency, SUM(t.returned_fen) AS fen FROM (
        SELECT e.ebc_code AS ebc_code, x.returned_fen AS returned_fen,
               COALESCE((SELECT MIN(l.currency) FROM clearance_export_line l WHERE l.export_id = e.id), e.currency, ${CNY}) AS currency
          FROM clearance_export_return x JOIN clearance_export e ON e.id = x.export_id
         WHERE e.status IN (800, 899) AND e.released_at IS NOT NULL AND e.cancelled_at IS NULL AND e.ebc_code IS NOT NULL
               ${conditions(codes, period, 'e.ebc_code', 'e.released_at')}
      ) t GROUP BY t.ebc_code, t.currency`.execute(db);

    const names = createNames(deps);
    const rows = new Map<string, { code: string; name: string | null; currency: string; exportFen: number; returnedFen: number }>();
    const add = async (r: { ebc_code: string; currency: string; fen: number | string }, field: 'exportFen' | 'returnedFen') => {
      const filing = await names.filing(r.ebc_code);
      const key = `${filing.key}\n${r.currency}`;
      const row = rows.get(key) ?? { code: filing.code, name: filing.name, currency: r.currency, exportFen: 0, returnedFen: 0 };
      row[field] += Number(r.fen);
      rows.set(key, row);
    };
    for (const r of exported.rows) await add(r, 'exportFen');
    for (const r of returned.rows) await add(r, 'returnedFen');
    const items: DeemedIncomeRow[] = [];
    // By enterprise; CNY first within one, then the other currencies.
    const sortKey = (r: { code: string; currency: string }) => `${r.code}\n${r.currency === CNY ? '' : r.currency}`;
    for (const r of [...rows.values()].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))) {
      const base = Math.max(0, r.exportFen - r.returnedFen);
      items.push({
        ebcCode: r.code,
        enterpriseName: r.name,
        currency: r.currency,
        currencyName: await names.currencyName(r.currency),
        exportAmount: formatYuan(r.exportFen),
        returnedAmount: formatYuan(r.returnedFen),
        taxableBase: formatYuan(base),
        deemedIncome: r.currency === CNY ? formatYuan(deemedIncomeFen(base, rate)) : null,
      });
    }
    return { year, rate, items };
  }

  interface DeclRow {
    entry_id: string;
    source: 'summary' | 'entry';
    ebc_code: string;
    at: string;
    currency: string;
    goods_fen: number | string;
    collected_fen: number | string;
    returned_fen: number | string;
  }

  function declarations(codes: string[] | null, period: Period, collected: boolean | undefined) {
    const returns = sql`(SELECT entry_id, SUM(returned_fen) AS fen FROM clearance_export_return WHERE entry_id IS NOT NULL GROUP BY entry_id)`;
    const due = sql`(d.goods_fen - d.returned_fen)`;
    const filter = collected === true ? sql`WHERE ${due} > 0 AND d.collected_fen >= ${due}` : collected === false ? sql`WHERE NOT (${due} > 0 AND d.collected_fen >= ${due})` : sql``;
    return sql`
      SELECT * FROM (
        SELECT s.entry_id AS entry_id, 'summary' AS source, s.ebc_code AS ebc_code, s.created_at AS at, s.currency AS currency,
               s.goods_fen AS goods_fen, s.collected_fen AS collected_fen, COALESCE(rt.fen, 0) AS returned_fen
          FROM clearance_summary s LEFT JOIN ${returns} rt ON rt.entry_id = s.entry_id
         WHERE 1 = 1 ${conditions(codes, period, 's.ebc_code', 's.created_at')}
        UNION ALL
        SELECT x.entry_id, 'entry', x.ebc_code, x.released_at, x.currency, x.goods_fen, x.collected_fen + COALESCE(eo.collected_fen, 0), COALESCE(rt.fen, 0)
          FROM clearance_export_entry x LEFT JOIN ${returns} rt ON rt.entry_id = x.entry_id
          -- A 9710 declaration's FX is the receipt of payment (CEB403) of the platform order it names.
          LEFT JOIN clearance_export eo ON x.trade_mode = '9710' AND eo.ebp_code = x.ebp_code AND eo.order_no = x.attached_no
         WHERE x.status IN (800, 899) AND x.released_at IS NOT NULL ${conditions(codes, period, 'x.ebc_code', 'x.released_at')}
      ) d ${filter}`;
  }

  async function toDeclarations(rows: DeclRow[], names: Names): Promise<RebateDeclaration[]> {
    return Promise.all(
      rows.map(async (r) => {
        const goods = Number(r.goods_fen);
        const back = Number(r.returned_fen);
        const collected = Number(r.collected_fen);
        const due = goods - back;
        return {
          entryId: r.entry_id,
          source: r.source,
          ebcCode: r.ebc_code,
          date: shanghaiDate(new Date(r.at)),
          currency: r.currency,
          currencyName: await names.currencyName(r.currency),
          goodsValue: formatYuan(goods),
          returned: formatYuan(back),
          collected: formatYuan(collected),
          fullyCollected: due > 0 && collected >= due,
        };
      }),
    );
  }

  type RebateFilter = { year?: number; from?: string; to?: string; enterprise?: string; collected?: boolean };

  async function countDeclarations(codes: string[] | null, period: Period, collected?: boolean) {
    const row = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM (${declarations(codes, period, collected)}) c`.execute(db);
    return Number(row.rows[0]?.n ?? 0);
  }

  /** Customs declarations for rebate: summary declarations and B2B declarations, oldest first. */
  async function rebate(p: Principal, f: RebateFilter & { limit: number; offset: number }): Promise<{ items: RebateDeclaration[]; total: number }> {
    const period = periodOf(f);
    const codes = await scope(p, f.enterprise);
    if (codes && codes.length === 0) return { items: [], total: 0 };
    const total = await countDeclarations(codes, period, f.collected);
    if (total === 0 || f.offset >= total) return { items: [], total };
    const rows = await sql<DeclRow>`SELECT * FROM (${declarations(codes, period, f.collected)}) c ORDER BY c.at, c.entry_id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
    return { items: await toDeclarations(rows.rows, createNames(deps)), total };
  }

  async function allRebate(p: Principal, f: RebateFilter): Promise<RebateDeclaration[]> {
    const period = periodOf(f);
    const codes = await scope(p, f.enterprise);
    if (codes && codes.length === 0) return [];
    const total = await countDeclarations(codes, period, f.collected);
    if (total > rowCap) throw tooMany(total);
    const rows = await sql<DeclRow>`SELECT * FROM (${declarations(codes, period, f.collected)}) c ORDER BY c.at, c.entry_id`.execute(db);
    return toDeclarations(rows.rows, createNames(deps));
  }

  /** The filters a download was made with, and when: its second sheet. */
  function filterSheet(f: RecordFilter & { collected?: boolean }, extra: Array<[string, string]> = []) {
    const now = deps.clock.now();
    const at = `${shanghaiDate(now)} ${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`;
    const rows: Array<[string, string]> = [
      ['企业 (Enterprise)', f.enterprise ?? '全部 All'],
      ['年度 (Year)', f.year !== undefined ? String(f.year) : '全部 All'],
      ['起始日期 (From)', f.from ?? ''],
      ['截止日期 (To)', f.to ?? ''],
      ...(f.q ? [['关键字 (Search)', f.q] as [string, string]] : []),
      ...(f.collected !== undefined ? [['收汇完毕 (Fully collected)', f.collected ? YES : NO] as [string, string]] : []),
      ...extra,
      ['生成时间 (Generated, Asia/Shanghai)', at],
      ['说明 (Note)', '金额为申报币制，未折算人民币 / Amounts are in the declared currency, not converted'],
    ];
    return { name: '查询条件 Filters', columns: [{ header: '条件 (Filter)', key: 'k', width: 36 }, { header: '值 (Value)', key: 'v', width: 60 }], rows: rows.map(([k, v]) => ({ k, v })) };
  }

  function filename(kind: string, f: { year?: number | undefined; from?: string | undefined; to?: string | undefined; enterprise?: string | undefined }) {
    const days = f.from && f.to ? `${f.from}_${f.to}` : f.from ? `from-${f.from}` : f.to ? `to-${f.to}` : undefined;
    const parts = [kind, f.enterprise, f.year !== undefined ? String(f.year) : undefined, days];
    return `${parts.filter((x) => !!x).join('-').replace(/[^\w.-]/g, '')}.xlsx`;
  }

  const label = (name: string | null, code: string) => (name ? `${name} (${code})` : code);

  /** 无票免税 records as a workbook for the tax bureau. */
  async function recordsWorkbook(p: Principal, f: RecordFilter): Promise<Download> {
    const items = await allRecords(p, f);
    const columns: SheetColumn[] = [
      { header: '出口日期 (Date)', key: 'date', type: 'date', width: 14 },
      { header: '来源 (Source)', key: 'source', width: 14 },
      { header: '清单编号 (List No.)', key: 'invtNo', width: 22 },
      { header: '报关单号 (Entry ID)', key: 'entryId', width: 22 },
      { header: '项号 (Item)', key: 'gnum', type: 'number', decimals: 0, width: 8 },
      { header: '收发货人 (Consignor)', key: 'ebcCode', width: 22 },
      { header: '商品名称 (Goods name)', key: 'goodsName', width: 36 },
      { header: '商品编码 (HS code)', key: 'gcode', width: 14 },
      { header: '计量单位 (Unit)', key: 'unit', width: 12 },
      { header: '数量 (Quantity)', key: 'qty', type: 'number', decimals: [0, 5], width: 14 },
      { header: '单价 (Unit price)', key: 'unitPrice', type: 'number', decimals: [2, 5], width: 16 },
      { header: '金额 (Amount)', key: 'amount', type: 'number', decimals: 2, width: 16 },
      { header: '币制 (Currency)', key: 'currency', width: 12 },
      { header: '退货 (Returned)', key: 'returned', width: 10 },
      { header: '退货数量 (Returned qty)', key: 'returnedQty', type: 'number', decimals: [0, 5], width: 14 },
    ];
    const rows = items.map((r) => ({
      ...r,
      source: r.source === 'list' ? '清单 List' : '报关单 Entry',
      unit: label(r.unitName, r.unit),
      currency: label(r.currencyName, r.currency),
      returned: r.returned ? YES : NO,
    }));
    const body = await writeWorkbook([{ name: '无票免税出口记录 Records', columns, rows }, filterSheet(f)]);
    return { filename: filename('export-tax-records', f), body };
  }

  /** 核定征收 per enterprise for a year, as a workbook. */
  async function deemedIncomeWorkbook(p: Principal, f: { year?: number; enterprise?: string }): Promise<Download> {
    const r = await deemedIncome(p, f);
    const columns: SheetColumn[] = [
      { header: '收发货人 (Consignor)', key: 'ebcCode', width: 22 },
      { header: '企业名称 (Enterprise)', key: 'enterpriseName', width: 36 },
      { header: '币制 (Currency)', key: 'currency', width: 12 },
      { header: '出口金额 (Export amount)', key: 'exportAmount', type: 'number', decimals: 2, width: 18 },
      { header: '退货金额 (Returned amount)', key: 'returnedAmount', type: 'number', decimals: 2, width: 18 },
      { header: '收入总额 (Taxable base)', key: 'taxableBase', type: 'number', decimals: 2, width: 18 },
      { header: '应税所得率 (Rate)', key: 'rate', type: 'number', decimals: [2, 4], width: 14 },
      { header: '应纳税所得额 (Deemed income)', key: 'deemedIncome', type: 'number', decimals: 2, width: 20 },
    ];
    const rows = r.items.map((i) => ({ ...i, currency: label(i.currencyName, i.currency), rate: i.deemedIncome === null ? null : r.rate }));
    const body = await writeWorkbook([
      { name: `核定征收 ${r.year}`, columns, rows },
      filterSheet({ year: r.year, ...(f.enterprise ? { enterprise: f.enterprise } : {}) }, [['应税所得率 (Rate)', r.rate], ['说明 (Basis)', '只计人民币(142)金额；其他币制分列，不折算 / CNY (142) only; other currencies listed separately, not converted']]),
    ]);
    return { filename: filename('deemed-income', { ...f, year: r.year }), body };
  }

  /** Declarations for rebate, as a workbook. */
  async function rebateWorkbook(p: Principal, f: RebateFilter): Promise<Download> {
    const items = await allRebate(p, f);
    const columns: SheetColumn[] = [
      { header: '报关单号 (Entry ID)', key: 'entryId', width: 22 },
      { header: '来源 (Source)', key: 'source', width: 16 },
      { header: '收发货人 (Consignor)', key: 'ebcCode', width: 22 },
      { header: '申报日期 (Date)', key: 'date', type: 'date', width: 14 },
      { header: '币制 (Currency)', key: 'currency', width: 12 },
      { header: '货值 (Goods value)', key: 'goodsValue', type: 'number', decimals: 2, width: 18 },
      { header: '退货金额 (Returned)', key: 'returned', type: 'number', decimals: 2, width: 16 },
      { header: '已收汇 (Collected)', key: 'collected', type: 'number', decimals: 2, width: 18 },
      { header: '收汇完毕 (Fully collected)', key: 'fullyCollected', width: 14 },
    ];
    const rows = items.map((r) => ({
      ...r,
      source: r.source === 'summary' ? '汇总申报 Summary' : 'B2B 报关单 Entry',
      currency: label(r.currencyName, r.currency),
      fullyCollected: r.fullyCollected ? YES : NO,
    }));
    const body = await writeWorkbook([{ name: '退税报关单 Rebate', columns, rows }, filterSheet(f)]);
    return { filename: filename('export-rebate', f), body };
  }

  return { records, allRecords, deemedIncome, rebate, allRebate, recordsWorkbook, deemedIncomeWorkbook, rebateWorkbook };
}

export type TaxRecords = ReturnType<typeof createTaxRecords>;
