/**
 * The rows of an export list's four-document comparison: every field that must agree between the order
 * (CEB303, or the booking order for 9810), the receipt of payment (CEB403), the waybill (CEB505) and the
 * list (CEB603), read from the documents as filed (CEB field names), and where the rules' reasons put
 * their red cells (reasons[].details.a/b name a document and a field, as on the import side).
 */
import { EXPORT_DOC_KINDS, type ExportDocBody, type ExportDocKind, type ExportReason } from '../../api/exportTypes';
import { fmtFen } from '../../ui/format';
import { sumDecimals } from './decimal';

export type Section = 'ids' | 'amounts' | 'logistics' | 'lines';

/** A document flattened: head fields at the top level, goods lines under `lines`. */
export interface FlatDoc {
  head: Record<string, unknown>;
  lines: Record<string, unknown>[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The API gives each document as filed; a head may sit under `…Head` (OrderHead, InventoryHead) and lines
 * under `lines` or the CEB's list node (OrderList, InventoryList).
 */
export function flatten(doc: ExportDocBody | null | undefined): FlatDoc | null {
  if (!doc) return null;
  let head: Record<string, unknown> = {};
  let lines: Record<string, unknown>[] = [];
  for (const [k, v] of Object.entries(doc)) {
    if (Array.isArray(v)) {
      if (!lines.length && v.every(isObj) && (k === 'lines' || /List$/.test(k) || k === 'items')) lines = v as Record<string, unknown>[];
    } else if (isObj(v) && /Head$/.test(k)) {
      head = { ...head, ...v };
    } else {
      head[k] = v;
    }
  }
  return { head, lines };
}

export interface Cell {
  /** The field as the rules name it (`charge`, `InventoryList[1].qty`). */
  field: string;
  text: string;
  /** What is compared between documents (numbers normalised: "320" = "320.00"). */
  value: string;
}
export interface DocRow {
  key: string;
  section: Section;
  label: string;
  params?: Record<string, string | number>;
  cells: Partial<Record<ExportDocKind, Cell>>;
  /** The documents whose values must be equal (all by default). */
  compare?: ExportDocKind[];
}

const show = (v: unknown) => (v === undefined || v === null || v === '' ? '—' : String(v));

/** A decimal's canonical form, so 320, 320.0 and 320.00 agree; other text is compared as is. */
export function canonical(v: unknown): string {
  const s = show(v).trim();
  const m = /^(-?)0*(\d+?)(?:\.(\d*?)0*)?$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac] = m;
  return `${int === '0' && !frac ? '' : sign}${int}${frac ? `.${frac}` : ''}`;
}

/** A head field as filed: the CEB name, or its integer-fen form as clearance stores amounts (`freight` → `freightFen`). */
function read(d: FlatDoc, field: string): unknown {
  const v = d.head[field];
  if (v !== undefined) return v;
  const fen = d.head[`${field}Fen`];
  return typeof fen === 'number' || (typeof fen === 'string' && /^-?\d+$/.test(fen)) ? fmtFen(fen).replace(/,/g, '') : undefined;
}
function readLine(l: Record<string, unknown>, prop: string): unknown {
  if (l[prop] !== undefined) return l[prop];
  const fen = l[`${prop}Fen`];
  return typeof fen === 'number' || (typeof fen === 'string' && /^-?\d+$/.test(fen)) ? fmtFen(fen).replace(/,/g, '') : undefined;
}

/**
 * Field per document → how the rules name it. The list carries no goods value of its own: its cell is the
 * sum of its lines (`Σ totalPrice`, as the rules call it); its currency is its lines' currency.
 */
type Spec = Partial<Record<ExportDocKind, [field: string, value: (d: FlatDoc) => unknown]>>;
const same = (field: string, docs: ExportDocKind[]): Spec => Object.fromEntries(docs.map((k) => [k, [field, (d: FlatDoc) => read(d, field)]]));
const listCurrency = (d: FlatDoc) => d.lines[0]?.currency ?? read(d, 'fCurrency') ?? read(d, 'currency');
const listTotal = (d: FlatDoc) => sumDecimals(d.lines.map((l) => readLine(l, 'totalPrice')));

const HEAD_ROWS: Array<{ key: string; section: Section; spec: Spec; compare?: ExportDocKind[] }> = [
  { key: 'orderNo', section: 'ids', spec: same('orderNo', ['order', 'receipt', 'list']) },
  { key: 'ebpCode', section: 'ids', spec: same('ebpCode', ['order', 'receipt', 'list']) },
  { key: 'ebcCode', section: 'ids', spec: same('ebcCode', ['order', 'receipt', 'waybill', 'list']) },
  { key: 'payNo', section: 'ids', spec: same('payNo', ['receipt']) },
  { key: 'currency', section: 'amounts', spec: { ...same('currency', ['order', 'receipt', 'waybill']), list: ['currency', listCurrency] } },
  // The receipt collects goods value plus freight: only the order and the list's lines must agree to the fen here.
  { key: 'goodsValue', section: 'amounts', spec: { order: ['goodsValue', (d) => read(d, 'goodsValue')], receipt: ['charge', (d) => read(d, 'charge')], list: ['Σ totalPrice', listTotal] }, compare: ['order', 'list'] },
  { key: 'freight', section: 'amounts', spec: same('freight', ['waybill', 'list']) },
  { key: 'insuredFee', section: 'amounts', spec: same('insuredFee', ['waybill', 'list']) },
  { key: 'logisticsCode', section: 'logistics', spec: same('logisticsCode', ['waybill', 'list']) },
  { key: 'logisticsNo', section: 'logistics', spec: same('logisticsNo', ['waybill', 'list']) },
  { key: 'grossWeight', section: 'logistics', spec: same('grossWeight', ['waybill', 'list']) },
];

/** A line cell's field: the rules name line fields bare (`qty`) and the line in their text. */
export const lineField = (gnum: number, prop: string) => `line${gnum}.${prop}`;

function lineRows(docs: Record<ExportDocKind, FlatDoc | null>): DocRow[] {
  const kinds = (['order', 'list'] as const).filter((k) => docs[k]);
  const byDoc = Object.fromEntries(kinds.map((k) => [k, new Map(docs[k]!.lines.map((l, i) => [Number(l.gnum) || i + 1, l]))])) as Partial<Record<'order' | 'list', Map<number, Record<string, unknown>>>>;
  const gnums = [...new Set(kinds.flatMap((k) => [...byDoc[k]!.keys()]))].sort((a, b) => a - b);
  const rows: DocRow[] = [];
  for (const g of gnums) {
    const per = (prop: string, text: (l: Record<string, unknown>, k: 'order' | 'list') => string, compare: (l: Record<string, unknown>) => unknown = (l) => readLine(l, prop)) =>
      Object.fromEntries(
        kinds
          .filter((k) => byDoc[k]!.has(g))
          .map((k) => {
            const l = byDoc[k]!.get(g)!;
            return [k, { field: lineField(g, prop), text: text(l, k), value: canonical(compare(l)) }];
          }),
      ) as Partial<Record<ExportDocKind, Cell>>;
    const name = show(byDoc.list?.get(g)?.gname ?? byDoc.order?.get(g)?.itemName ?? '');
    rows.push(
      { key: `line${g}.itemNo`, section: 'lines', label: 'export.row.lineItem', params: { g, name }, cells: per('itemNo', (l, k) => `${show(l.itemNo)}${k === 'list' && l.gcode ? ` · ${String(l.gcode)}` : ''}`) },
      { key: `line${g}.qty`, section: 'lines', label: 'export.row.lineQty', params: { g }, cells: per('qty', (l) => `${show(l.qty)}${l.unit ? ` (${String(l.unit)})` : ''}`, (l) => `${canonical(l.qty)}/${show(l.unit)}`) },
      { key: `line${g}.totalPrice`, section: 'lines', label: 'export.row.lineTotal', params: { g }, cells: per('totalPrice', (l) => show(readLine(l, 'totalPrice'))) },
    );
  }
  return rows;
}

/** The comparison rows for the documents that arrived (a missing document leaves its column empty). */
export function docRows(raw: Record<ExportDocKind, ExportDocBody | null>): DocRow[] {
  const docs = Object.fromEntries(EXPORT_DOC_KINDS.map((k) => [k, flatten(raw[k])])) as Record<ExportDocKind, FlatDoc | null>;
  const rows: DocRow[] = HEAD_ROWS.map(({ key, section, spec, compare }) => ({
    key,
    section,
    compare,
    label: `export.row.${key}`,
    cells: Object.fromEntries(
      EXPORT_DOC_KINDS.filter((k) => spec[k] && docs[k]).map((k) => {
        const [field, value] = spec[k]!;
        const v = value(docs[k]!);
        return [k, { field, text: show(v), value: canonical(v) }];
      }),
    ),
  }));
  return [...rows, ...lineRows(docs)];
}

/** Present values of a row that disagree (ignoring absent fields). */
export function disagrees(row: DocRow): boolean {
  const values = new Set(
    EXPORT_DOC_KINDS.filter((k) => !row.compare || row.compare.includes(k))
      .map((k) => row.cells[k])
      .filter((c) => c && c.text !== '—')
      .map((c) => c!.value),
  );
  return values.size > 1;
}

export interface CellMismatch {
  code: string;
  reason: ExportReason;
  other?: { doc: string; field: string; value: string };
}

type Side = { doc: string; field: string; value: string };
const isSide = (v: unknown): v is Side => isObj(v) && typeof v.doc === 'string' && typeof v.field === 'string';
const cellKey = (doc: string, field: string) => `${doc}:${field}`;
/** The order slot holds the booking order for 9810. */
const DOC_ALIAS: Record<string, string> = { booking: 'order' };
/** The rules compare the receipt with the order's goods value plus freight: that is the order's goods value cell. */
const FIELD_ALIAS: Record<string, string> = { 'goodsValue + freight': 'goodsValue' };
const LINE_PROPS = new Set(['itemNo', 'qty', 'totalPrice']);

/** The line a reason speaks of: details.gnum, or "line N" in its English text. */
function gnumOf(r: ExportReason): number | null {
  if (typeof r.details?.gnum === 'number') return r.details.gnum;
  const m = /\bline (\d+)\b/.exec(r.message.en);
  return m ? Number(m[1]) : null;
}

function sideKey(side: Side, r: ExportReason): string {
  const doc = DOC_ALIAS[side.doc] ?? side.doc;
  const gnum = LINE_PROPS.has(side.field) ? gnumOf(r) : null;
  return cellKey(doc, gnum !== null ? lineField(gnum, side.field) : FIELD_ALIAS[side.field] ?? side.field);
}

/** Red cells by `doc:field`: mismatches name both sides (details.a/b); a reason naming a field marks it in every document. */
export function mismatchCells(reasons: ExportReason[]): Map<string, CellMismatch[]> {
  const out = new Map<string, CellMismatch[]>();
  const add = (key: string, m: CellMismatch) => out.set(key, [...(out.get(key) ?? []), m]);
  for (const r of reasons) {
    const d = r.details ?? {};
    if (isSide(d.a) && isSide(d.b)) {
      add(sideKey(d.a, r), { code: r.code, reason: r, other: d.b });
      add(sideKey(d.b, r), { code: r.code, reason: r, other: d.a });
    } else if (typeof d.field === 'string') {
      for (const k of EXPORT_DOC_KINDS) add(cellKey(k, d.field), { code: r.code, reason: r });
    } else if (typeof d.gnum === 'number') {
      add(cellKey('list', lineField(d.gnum, 'itemNo')), { code: r.code, reason: r });
    }
  }
  return out;
}

export function cellMismatches(map: Map<string, CellMismatch[]>, doc: ExportDocKind, c: Cell | undefined): CellMismatch[] {
  return c ? map.get(cellKey(doc, c.field)) ?? [] : [];
}
