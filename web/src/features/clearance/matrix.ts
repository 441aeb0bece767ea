/**
 * The rows of a declaration's four-document comparison (UI.md "A declaration's page"): every field that
 * must agree, with the name each document gives it in the matching rules' reasons, and where each reason
 * puts its red cells (reasons[].details.a/b name a document and a field).
 */
import { DOC_KINDS, type ClearanceReason, type DocBody, type DocKind, type InventoryDocuments, type MismatchSide } from '../../api/types';
import { fmtFen } from '../../ui/format';

export type Section = 'ids' | 'buyer' | 'amounts' | 'consignee' | 'logistics' | 'lines';

export interface Cell {
  /** The field as the matching rules name it (e.g. `acturalPaid`, `InventoryList[1].qty`). */
  field: string;
  text: string;
}
export interface MatrixRow {
  key: string;
  section: Section;
  /** i18n key and parameters of the row's label. */
  label: string;
  params?: Record<string, string | number>;
  cells: Partial<Record<DocKind, Cell>>;
}

type Read = (d: DocBody) => string;
const text = (prop: string): Read => (d) => show(d[prop]);
const fen = (prop: string): Read => (d) => (d[prop] === undefined || d[prop] === null ? '—' : fmtFen(d[prop] as number));

function show(v: unknown): string {
  return v === undefined || v === null || v === '' ? '—' : String(v);
}

/** field name per document → how to read it from the stored document. */
type Spec = Partial<Record<DocKind, [field: string, read: Read]>>;
const same = (field: string, docs: DocKind[], read: Read = text(field)): Spec => Object.fromEntries(docs.map((d) => [d, [field, read]]));

const STATIC: Array<{ key: string; section: Section; spec: Spec }> = [
  { key: 'orderNo', section: 'ids', spec: same('orderNo', ['order', 'payment', 'waybill', 'list']) },
  { key: 'ebpCode', section: 'ids', spec: same('ebpCode', ['order', 'payment', 'list']) },
  { key: 'ebcCode', section: 'ids', spec: same('ebcCode', ['order', 'list']) },
  { key: 'payCode', section: 'ids', spec: same('payCode', ['order', 'payment']) },
  { key: 'payTransactionId', section: 'ids', spec: same('payTransactionId', ['order', 'payment']) },
  { key: 'currency', section: 'ids', spec: same('currency', ['order', 'payment', 'list']) },
  { key: 'buyerIdNumber', section: 'buyer', spec: { order: ['buyerIdNumber', text('buyerIdNumber')], payment: ['payerIdNumber', text('payerIdNumber')], list: ['buyerIdNumber', text('buyerIdNumber')] } },
  { key: 'buyerName', section: 'buyer', spec: { order: ['buyerName', text('buyerName')], payment: ['payerName', text('payerName')], list: ['buyerName', text('buyerName')] } },
  { key: 'buyerTelephone', section: 'buyer', spec: same('buyerTelephone', ['order', 'list']) },
  { key: 'goodsValue', section: 'amounts', spec: { order: ['goodsValue', fen('goodsValueFen')] } },
  { key: 'freight', section: 'amounts', spec: same('freight', ['order', 'waybill', 'list'], fen('freightFen')) },
  { key: 'insuredFee', section: 'amounts', spec: same('insuredFee', ['waybill', 'list'], fen('insuredFeeFen')) },
  { key: 'discount', section: 'amounts', spec: { order: ['discount', fen('discountFen')] } },
  { key: 'taxTotal', section: 'amounts', spec: { order: ['taxTotal', fen('taxTotalFen')] } },
  { key: 'amountPaid', section: 'amounts', spec: { order: ['acturalPaid', fen('acturalPaidFen')], payment: ['amountPaid', fen('amountPaidFen')] } },
  { key: 'consignee', section: 'consignee', spec: same('consignee', ['order', 'waybill']) },
  { key: 'consigneeTelephone', section: 'consignee', spec: same('consigneeTelephone', ['order', 'waybill']) },
  { key: 'consigneeAddress', section: 'consignee', spec: same('consigneeAddress', ['order', 'waybill']) },
  { key: 'logisticsCode', section: 'logistics', spec: same('logisticsCode', ['waybill', 'list']) },
  { key: 'logisticsNo', section: 'logistics', spec: same('logisticsNo', ['waybill', 'list']) },
];

const LINE_FIELD: Partial<Record<DocKind, string>> = { order: 'OrderList', list: 'InventoryList' };

function lineRows(docs: Pick<InventoryDocuments, 'order' | 'list'>): MatrixRow[] {
  const byDoc = (k: 'order' | 'list') => new Map((docs[k]?.lines ?? []).map((l) => [Number(l.gnum), l]));
  const order = byDoc('order');
  const list = byDoc('list');
  const gnums = [...new Set([...order.keys(), ...list.keys()])].sort((a, b) => a - b);
  const rows: MatrixRow[] = [
    {
      key: 'lineCount',
      section: 'lines',
      label: 'decl.row.lineCount',
      cells: Object.fromEntries((['order', 'list'] as const).filter((k) => docs[k]).map((k) => [k, { field: LINE_FIELD[k]!, text: String(docs[k]!.lines?.length ?? 0) }])),
    },
  ];
  for (const g of gnums) {
    const per = (read: (l: Record<string, unknown>, k: 'order' | 'list') => string, prop: string) =>
      Object.fromEntries(
        (['order', 'list'] as const)
          .filter((k) => (k === 'order' ? order : list).has(g))
          .map((k) => [k, { field: `${LINE_FIELD[k]}[${g}].${prop}`, text: read((k === 'order' ? order : list).get(g)!, k) }]),
      );
    const name = String(list.get(g)?.gname ?? order.get(g)?.itemName ?? '');
    rows.push(
      { key: `line${g}.itemNo`, section: 'lines', label: 'decl.row.lineItem', params: { g, name }, cells: per((l, k) => `${show(l.itemNo)}${k === 'list' && l.gcode ? ` · ${String(l.gcode)}` : ''}`, 'itemNo') },
      { key: `line${g}.qty`, section: 'lines', label: 'decl.row.lineQty', params: { g }, cells: per((l) => `${show(l.qty)} ${l.unit ? `(${String(l.unit)})` : ''}`.trim(), 'qty') },
      { key: `line${g}.totalPrice`, section: 'lines', label: 'decl.row.lineTotal', params: { g }, cells: per((l) => fmtFen(l.totalPriceFen as number), 'totalPrice') },
    );
  }
  return rows;
}

/** The comparison rows for the documents that arrived (a missing document leaves its column empty). */
export function matrixRows(docs: InventoryDocuments): MatrixRow[] {
  const rows = STATIC.map(({ key, section, spec }) => ({
    key,
    section,
    label: `decl.row.${key}`,
    cells: Object.fromEntries(
      DOC_KINDS.filter((k) => spec[k] && docs[k]).map((k) => {
        const [field, read] = spec[k]!;
        return [k, { field, text: read(docs[k]!) }];
      }),
    ) as Partial<Record<DocKind, Cell>>,
  }));
  return [...rows, ...lineRows(docs)];
}

/** What makes a cell red: the rule's code, its message, and the other side's value when there is one. */
export interface CellMismatch {
  code: string;
  reason: ClearanceReason;
  other?: MismatchSide;
}

const cellKey = (doc: string, field: string) => `${doc}:${field}`;

/** The rules name a missing order line as `InventoryList[gnum=N]`: its row is the line's item number. */
function normalise(field: string): string {
  const m = /^(InventoryList|OrderList)\[gnum=(\d+)\]$/.exec(field);
  return m ? `${m[1]}[${m[2]}].itemNo` : field;
}

/**
 * Red cells by `doc:field`. Mismatches name both sides (details.a/b); other reasons that name a field
 * (details.field, e.g. taxTotal) or a line (details.gnum) mark that field in every document, or the list's line.
 */
export function mismatchCells(reasons: ClearanceReason[]): Map<string, CellMismatch[]> {
  const out = new Map<string, CellMismatch[]>();
  const add = (key: string, m: CellMismatch) => out.set(key, [...(out.get(key) ?? []), m]);
  for (const r of reasons) {
    const d = r.details ?? {};
    if (d.a && d.b) {
      add(cellKey(d.a.doc, normalise(d.a.field)), { code: r.code, reason: r, other: d.b });
      add(cellKey(d.b.doc, normalise(d.b.field)), { code: r.code, reason: r, other: d.a });
    } else if (typeof d.field === 'string') {
      for (const k of DOC_KINDS) add(cellKey(k, d.field), { code: r.code, reason: r });
    } else if (typeof d.gnum === 'number') {
      add(cellKey('list', `InventoryList[${d.gnum}].itemNo`), { code: r.code, reason: r });
    }
  }
  return out;
}

export function cellMismatches(map: Map<string, CellMismatch[]>, doc: DocKind, cell: Cell | undefined): CellMismatch[] {
  return cell ? map.get(cellKey(doc, cell.field)) ?? [] : [];
}
