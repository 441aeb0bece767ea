/**
 * The port clearance calls when a 1210 list is released (take) and when it is cancelled or returned
 * (give back). Both run inside the caller's transaction, so the stock moves if and only if the caller's
 * decision commits. The ledger rows written here are the append-only record of these movements; the
 * caller's transaction carries its own audit link (DESIGN.md §7), so a take adds no audit row of its own.
 *
 * Concurrency: on PostgreSQL the book row is read FOR SHARE (takes run side by side; a status change
 * waits) and the items FOR UPDATE in id order, then the stock is checked and moved; the UPDATE itself
 * also requires `stock >= qty` and a CHECK keeps stock ≥ 0. On SQLite the single writer serialises.
 */
import { invalid } from '../../kernel/errors.js';
import type { Db, Dialect } from '../../platform/db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { lockRows } from '../../platform/db/database.js';
import { appendMovements, bookByEmsNo, lockItems, lockItemsById, moveStock, tables } from './bonded.store.js';
import type { MovementRow } from './migrations.js';
import { formatQty } from './quantity.rules.js';
import { checkTakeLines, parseGiveBackLines, planGiveBack, planTake, sameTake, type StockFailure, type TakeLineInput } from './stock.rules.js';

export interface TakeRequest {
  /** The account book the list names (CEB621 `emsNo`). */
  emsNo: string;
  /** What takes: the released list's reference (e.g. its copNo or invtNo); one take per reference. */
  ref: string;
  /** When the list was released. */
  at: Date;
  /** The list's lines: gnum, itemRecordNo and qty in the declared unit (decimal string, ≤ 5 decimals). */
  lines: TakeLineInput[];
}

export type TakeResult = { ok: true } | StockFailure;

export interface GiveBackRequest {
  /** The reference a take was recorded under. */
  ref: string;
  /** When the cancellation or return was accepted. */
  at: Date;
  /** Lines and quantities of a partial return; absent: everything the reference still has out. */
  lines?: Array<{ gnum: number; qty: string }>;
  /** Recorded in the ledger; default 'return' when lines are given, else 'cancellation'. */
  reason?: 'cancellation' | 'return';
  /** Identifies this give-back (e.g. the return's own number): a repeat with the same key does nothing. */
  key?: string;
}

export interface GiveBackResult {
  givenBack: Array<{ gnum: number; itemRecordNo: string; qty: string }>;
  /** Requested gnums that the reference never took (nothing is given back for them). */
  ignored: number[];
}

export interface BondedStock {
  /**
   * Inside the caller's transaction: takes stock for a released 1210 list, all lines or nothing.
   * Refusals (no change made): `bonded.unknown_book`, `bonded.book_not_active`, `bonded.unknown_item`,
   * `bonded.insufficient_stock` (naming the book, the itemRecordNo, wanted and available),
   * `bonded.invalid_quantity`, `bonded.invalid_request`, `bonded.ref_conflict` (the reference already took
   * different lines). Repeating the same take for the same reference is a no-op that answers ok.
   * On PostgreSQL a transaction that takes for several lists locks items list by list: take in a stable
   * order (by emsNo, then reference) when batching, or retry the batch on a deadlock (40P01).
   */
  take(trx: Db, req: TakeRequest): Promise<TakeResult>;
  /**
   * Inside the caller's transaction: gives back what `ref` took — all of it, or the given lines and
   * quantities for a partial return, never more than the line still has out. Idempotent: giving back
   * everything twice gives back nothing the second time; a repeated `key` does nothing. A reference that
   * took nothing gives back nothing. Stock returns even to a suspended or closed book (the goods are back).
   */
  giveBack(trx: Db, req: GiveBackRequest): Promise<GiveBackResult>;
}

/** Who the ledger names for movements made through the port. */
const PORT_ACTOR = 'clearance';

export function createBondedStock(deps: { dialect: Dialect; clock: Clock }): BondedStock {
  const fail = (code: string, zh: string, en: string, details: Record<string, unknown>): StockFailure => ({ ok: false, code, message: { zh, en }, details });

  async function take(trx: Db, req: TakeRequest): Promise<TakeResult> {
    const checked = checkTakeLines(String(req.ref ?? ''), req.lines ?? []);
    if (!checked.ok) return checked;
    const ref = req.ref.trim();
    const emsNo = String(req.emsNo ?? '').trim().toUpperCase();
    const book = emsNo ? await bookByEmsNo(trx, emsNo, { dialect: deps.dialect, mode: 'share' }) : undefined;
    if (!book) return fail('bonded.unknown_book', `账册不存在：${emsNo || '（未填）'}`, `no such bonded account book: ${emsNo || '(none given)'}`, { emsNo });
    if (book.status !== 'active') {
      return fail('bonded.book_not_active', `账册 ${emsNo} 当前${book.status === 'closed' ? '已注销' : '已暂停'}，不能核减库存`, `bonded account book ${emsNo} is ${book.status}: no stock can be taken from it`, { emsNo, status: book.status });
    }
    const t = tables(trx);
    const recorded = await t.selectFrom('bonded_take_line').select(['book_id', 'gnum', 'item_record_no', 'qty_e5']).where('ref', '=', ref).execute();
    if (recorded.length > 0) {
      if (sameTake(recorded.map((r) => ({ bookId: r.book_id, gnum: r.gnum, itemRecordNo: r.item_record_no, qtyE5: Number(r.qty_e5) })), book.id, checked.lines)) return { ok: true };
      return fail('bonded.ref_conflict', `业务编号 ${ref} 已核减过不同的商品或数量`, `reference ${ref} already took different lines or quantities`, { ref, emsNo });
    }
    const rows = await lockItems(trx, deps.dialect, book.id, checked.lines.map((l) => l.itemRecordNo));
    const items = new Map(rows.map((r) => [r.item_record_no, { id: r.id, itemRecordNo: r.item_record_no, stockE5: Number(r.stock_e5) }]));
    const plan = planTake(emsNo, checked.lines, items);
    if (!plan.ok) return plan;

    const at = req.at.toISOString();
    const recordedAt = deps.clock.now().toISOString();
    for (const p of plan.perItem) await moveStock(trx, p.itemId, -p.takeE5, recordedAt);
    for (let i = 0; i < plan.moves.length; i += 200) {
      await t
        .insertInto('bonded_take_line')
        .values(plan.moves.slice(i, i + 200).map((m) => ({ ref, gnum: m.gnum, book_id: book.id, item_id: m.itemId, item_record_no: m.itemRecordNo, qty_e5: m.qtyE5, given_back_e5: 0, taken_at: at })))
        .execute();
    }
    await appendMovements(
      trx,
      plan.moves.map((m): MovementRow => ({ book_id: book.id, item_id: m.itemId, item_record_no: m.itemRecordNo, kind: 'take', reason: null, ref, line: m.gnum, qty_e5: -m.qtyE5, stock_after_e5: m.stockAfterE5, at, recorded_at: recordedAt, actor: PORT_ACTOR })),
    );
    return { ok: true };
  }

  async function giveBack(trx: Db, req: GiveBackRequest): Promise<GiveBackResult> {
    const ref = String(req.ref ?? '').trim();
    let requested: Array<{ gnum: number; qtyE5: number }> | null = null;
    if (req.lines) {
      const parsed = parseGiveBackLines(req.lines);
      if (!Array.isArray(parsed)) {
        throw invalid('bonded.invalid_quantity', { zh: `退回数量须为正数（最多 5 位小数）：第 ${parsed.bad.gnum} 项 ${parsed.bad.qty}`, en: `a give-back quantity must be positive with at most 5 decimals: line ${parsed.bad.gnum}, ${parsed.bad.qty}` }, { gnum: parsed.bad.gnum, value: parsed.bad.qty });
      }
      requested = parsed;
    }
    const t = tables(trx);
    const taken = await lockRows(t.selectFrom('bonded_take_line').selectAll().where('ref', '=', ref).orderBy('gnum'), deps.dialect).execute();
    if (!ref || taken.length === 0) return { givenBack: [], ignored: requested?.map((r) => r.gnum) ?? [] };

    const at = req.at.toISOString();
    const key = req.key?.trim();
    if (key) {
      const r = await t.insertInto('bonded_give_back_key').values({ ref, key, at }).onConflict((oc) => oc.columns(['ref', 'key']).doNothing()).executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return { givenBack: [], ignored: [] };
    }
    const plan = planGiveBack(
      taken.map((r) => ({ gnum: r.gnum, itemId: r.item_id, itemRecordNo: r.item_record_no, qtyE5: Number(r.qty_e5), givenBackE5: Number(r.given_back_e5) })),
      requested,
    );
    if (plan.moves.length === 0) return { givenBack: [], ignored: plan.ignored };

    const recordedAt = deps.clock.now().toISOString();
    const items = await lockItemsById(trx, deps.dialect, plan.moves.map((m) => m.itemId));
    const stock = new Map(items.map((r) => [r.id, Number(r.stock_e5)]));
    const reason = req.reason ?? (req.lines ? 'return' : 'cancellation');
    const movements = plan.moves.map((m): MovementRow => {
      const after = stock.get(m.itemId)! + m.qtyE5;
      stock.set(m.itemId, after);
      return { book_id: taken[0]!.book_id, item_id: m.itemId, item_record_no: m.itemRecordNo, kind: 'give_back', reason, ref, line: m.gnum, qty_e5: m.qtyE5, stock_after_e5: after, at, recorded_at: recordedAt, actor: PORT_ACTOR };
    });
    for (const item of items) {
      const add = plan.moves.filter((m) => m.itemId === item.id).reduce((s, m) => s + m.qtyE5, 0);
      await moveStock(trx, item.id, add, recordedAt);
    }
    for (const m of plan.moves) {
      await t
        .updateTable('bonded_take_line')
        .set((eb) => ({ given_back_e5: eb('given_back_e5', '+', m.qtyE5) }))
        .where('ref', '=', ref)
        .where('gnum', '=', m.gnum)
        .execute();
    }
    await appendMovements(trx, movements);
    return { givenBack: plan.moves.map((m) => ({ gnum: m.gnum, itemRecordNo: m.itemRecordNo, qty: formatQty(m.qtyE5) })), ignored: plan.ignored };
  }

  return { take, giveBack };
}
