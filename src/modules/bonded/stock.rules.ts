/**
 * Pure decisions about bonded stock: may a released 1210 list take its lines from the book (all of them or
 * none), and what does a cancellation or a return give back. The store reads the facts (the book, the
 * items with their stock, what a reference took) under lock and carries out the plan.
 */
import type { Text } from '../../kernel/errors.js';
import { formatQty, MAX_QTY_E5, positiveQty, type QtyE5 } from './quantity.rules.js';

export interface StockFailure {
  ok: false;
  code: string;
  message: Text;
  details: Record<string, unknown>;
}

const failure = (code: string, zh: string, en: string, details: Record<string, unknown>): StockFailure => ({ ok: false, code, message: { zh, en }, details });

export interface TakeLineInput {
  gnum: number;
  itemRecordNo: string;
  /** Decimal string in the list's declared unit. */
  qty: string;
}

export interface TakeLine {
  gnum: number;
  itemRecordNo: string;
  qtyE5: QtyE5;
}

export const MAX_TAKE_LINES = 1000;

/** The request's own shape: a reference, 1–1000 lines with distinct positive gnums and positive quantities. */
export function checkTakeLines(ref: string, lines: readonly TakeLineInput[]): { ok: true; lines: TakeLine[] } | StockFailure {
  if (!ref.trim() || ref.length > 100) return failure('bonded.invalid_request', '核减须带 1–100 个字符的业务编号（ref）', 'a take needs a reference (ref) of 1–100 characters', { field: 'ref', value: ref });
  if (lines.length === 0 || lines.length > MAX_TAKE_LINES) {
    return failure('bonded.invalid_request', `核减须有 1–${MAX_TAKE_LINES} 项`, `a take has 1–${MAX_TAKE_LINES} lines`, { field: 'lines', value: lines.length });
  }
  const seen = new Set<number>();
  const out: TakeLine[] = [];
  for (const l of lines) {
    if (!Number.isInteger(l.gnum) || l.gnum < 1 || seen.has(l.gnum)) {
      return failure('bonded.invalid_request', `商品序号 gnum 须为不重复的正整数：${l.gnum}`, `gnum must be a positive integer, once per line: ${l.gnum}`, { field: 'gnum', value: l.gnum });
    }
    seen.add(l.gnum);
    const itemRecordNo = String(l.itemRecordNo ?? '').trim();
    if (!itemRecordNo) return failure('bonded.invalid_request', `第 ${l.gnum} 项缺少账册料号 itemRecordNo`, `line ${l.gnum} has no itemRecordNo`, { field: 'itemRecordNo', gnum: l.gnum });
    const qtyE5 = positiveQty(String(l.qty ?? ''));
    if (qtyE5 === null) {
      return failure('bonded.invalid_quantity', `第 ${l.gnum} 项数量须为正数（最多 10 位整数、5 位小数）：${l.qty}`, `line ${l.gnum}: qty must be positive with at most 10 integer and 5 decimal digits: ${l.qty}`, { field: 'qty', gnum: l.gnum, value: l.qty });
    }
    out.push({ gnum: l.gnum, itemRecordNo, qtyE5 });
  }
  return { ok: true, lines: out };
}

export interface StockItem {
  id: string;
  itemRecordNo: string;
  stockE5: QtyE5;
}

export interface TakeMove {
  gnum: number;
  itemId: string;
  itemRecordNo: string;
  qtyE5: QtyE5;
  /** The item's stock after this line (lines of one item apply in gnum order). */
  stockAfterE5: QtyE5;
}

export interface TakePlan {
  ok: true;
  moves: TakeMove[];
  /** One entry per item, sorted by item id (the order rows are locked and updated in). */
  perItem: Array<{ itemId: string; takeE5: QtyE5 }>;
}

/**
 * All lines or none: every itemRecordNo must be in the book, and each item's stock must cover the sum of
 * the lines naming it. A refusal names the book, the item, the quantity wanted and the quantity available.
 */
export function planTake(emsNo: string, lines: readonly TakeLine[], items: ReadonlyMap<string, StockItem>): TakePlan | StockFailure {
  const unknown = lines.filter((l) => !items.has(l.itemRecordNo));
  if (unknown.length > 0) {
    const f = unknown[0]!;
    return failure(
      'bonded.unknown_item',
      `账册 ${emsNo} 中没有料号 ${f.itemRecordNo}（第 ${f.gnum} 项）`,
      `bonded account book ${emsNo} has no item ${f.itemRecordNo} (line ${f.gnum})`,
      { emsNo, itemRecordNo: f.itemRecordNo, gnum: f.gnum, unknown: unknown.map((l) => ({ gnum: l.gnum, itemRecordNo: l.itemRecordNo })) },
    );
  }
  const wanted = new Map<string, QtyE5>();
  for (const l of lines) wanted.set(l.itemRecordNo, (wanted.get(l.itemRecordNo) ?? 0) + l.qtyE5);
  const short = [...wanted].filter(([no, want]) => want > items.get(no)!.stockE5);
  if (short.length > 0) {
    const shortages = short.map(([no, want]) => ({ itemRecordNo: no, wanted: formatQty(want), available: formatQty(items.get(no)!.stockE5), gnums: lines.filter((l) => l.itemRecordNo === no).map((l) => l.gnum) }));
    const f = shortages[0]!;
    return failure(
      'bonded.insufficient_stock',
      `账册 ${emsNo} 料号 ${f.itemRecordNo} 库存不足：申报 ${f.wanted}，可用 ${f.available}`,
      `bonded account book ${emsNo}, item ${f.itemRecordNo}: not enough stock, wanted ${f.wanted}, available ${f.available}`,
      { emsNo, itemRecordNo: f.itemRecordNo, wanted: f.wanted, available: f.available, shortages },
    );
  }
  const left = new Map<string, QtyE5>([...wanted.keys()].map((no) => [no, items.get(no)!.stockE5]));
  const moves = [...lines]
    .sort((a, b) => a.gnum - b.gnum)
    .map((l) => {
      const after = left.get(l.itemRecordNo)! - l.qtyE5;
      left.set(l.itemRecordNo, after);
      return { gnum: l.gnum, itemId: items.get(l.itemRecordNo)!.id, itemRecordNo: l.itemRecordNo, qtyE5: l.qtyE5, stockAfterE5: after };
    });
  const perItem = [...wanted].map(([no, takeE5]) => ({ itemId: items.get(no)!.id, takeE5 })).sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  return { ok: true, moves, perItem };
}

/** Is a repeated take the same as the one recorded (same book and lines)? Then it is a replay, not a new take. */
export function sameTake(recorded: ReadonlyArray<{ bookId: string; gnum: number; itemRecordNo: string; qtyE5: QtyE5 }>, bookId: string, lines: readonly TakeLine[]): boolean {
  if (recorded.length !== lines.length) return false;
  const byGnum = new Map(recorded.map((r) => [r.gnum, r]));
  return lines.every((l) => {
    const r = byGnum.get(l.gnum);
    return !!r && r.bookId === bookId && r.itemRecordNo === l.itemRecordNo && r.qtyE5 === l.qtyE5;
  });
}

export interface TakenLine {
  gnum: number;
  itemId: string;
  itemRecordNo: string;
  qtyE5: QtyE5;
  givenBackE5: QtyE5;
}

export interface GiveBackMove {
  gnum: number;
  itemId: string;
  itemRecordNo: string;
  qtyE5: QtyE5;
}

/**
 * What a give-back returns to stock: without lines, everything still out; with lines, each requested
 * quantity capped at what that line still has out. Lines the reference never took are ignored (and
 * listed), so a give-back can never put more into the book than the reference took from it.
 */
export function planGiveBack(taken: readonly TakenLine[], requested: ReadonlyArray<{ gnum: number; qtyE5: QtyE5 }> | null): { moves: GiveBackMove[]; ignored: number[] } {
  const out = (t: TakenLine) => Math.max(0, t.qtyE5 - t.givenBackE5);
  if (requested === null) {
    return { moves: taken.filter((t) => out(t) > 0).map((t) => ({ gnum: t.gnum, itemId: t.itemId, itemRecordNo: t.itemRecordNo, qtyE5: out(t) })), ignored: [] };
  }
  const byGnum = new Map(taken.map((t) => [t.gnum, { ...t }]));
  const moves: GiveBackMove[] = [];
  const ignored: number[] = [];
  for (const r of requested) {
    const t = byGnum.get(r.gnum);
    if (!t) {
      ignored.push(r.gnum);
      continue;
    }
    const q = Math.min(r.qtyE5, out(t));
    if (q <= 0) continue;
    t.givenBackE5 += q;
    moves.push({ gnum: t.gnum, itemId: t.itemId, itemRecordNo: t.itemRecordNo, qtyE5: q });
  }
  return { moves, ignored };
}

/** Parses give-back line quantities; throws nothing, answers null for a bad one. */
export function parseGiveBackLines(lines: ReadonlyArray<{ gnum: number; qty: string }>): Array<{ gnum: number; qtyE5: QtyE5 }> | { bad: { gnum: number; qty: string } } {
  const out: Array<{ gnum: number; qtyE5: QtyE5 }> = [];
  for (const l of lines) {
    const q = positiveQty(String(l.qty ?? ''));
    if (q === null || !Number.isInteger(l.gnum) || l.gnum < 1) return { bad: l };
    out.push({ gnum: l.gnum, qtyE5: q });
  }
  return out;
}

/** Would adding `addE5` to a stock pass the cap? */
export const overflows = (stockE5: QtyE5, addE5: QtyE5): boolean => stockE5 + addE5 > MAX_QTY_E5;
