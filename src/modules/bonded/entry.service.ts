/**
 * First-line entry records (一线入区 / 入区核注): the warehouse posts an entry number, its date and lines of
 * itemRecordNo + quantity; all lines add stock or none does. Also the book's ledger: every movement of
 * every item (entries, takes by released lists, give-backs by cancellations and returns), newest first.
 */
import { sql } from 'kysely';
import { conflict, invalid } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { isUniqueViolation } from '../../platform/db/database.js';
import { actorOf, type Principal } from '../../platform/http/principal.js';
import { addDays, isIsoDate, shanghaiDate } from '../reference/index.js';
import { appendMovements, lockItems, moveStock, tables, toMovement, type Movement } from './bonded.store.js';
import { checkEntry, type EntryInput } from './book.rules.js';
import { notActive, problemsError, visibleBook, type BondedDeps } from './book.service.js';
import { formatQty, MAX_QTY_E5 } from './quantity.rules.js';
import { overflows } from './stock.rules.js';

export interface EntryView {
  id: string;
  entryNo: string;
  entryDate: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
  lines: Array<{ lineNo: number; itemRecordNo: string; qty: string }>;
}

export interface LedgerFilter {
  itemRecordNo?: string;
  kind?: 'entry' | 'take' | 'give_back';
  ref?: string;
  /** Moved at or after: an ISO instant, or a YYYY-MM-DD day in Asia/Shanghai. */
  from?: string;
  /** Moved before the instant, or on or before the YYYY-MM-DD day. */
  to?: string;
  limit: number;
  offset: number;
}

/**
 * A ledger bound as a UTC instant: an instant passes through; a YYYY-MM-DD day (Asia/Shanghai) starts at
 * its midnight, or, as an upper bound, includes the whole day.
 */
function instant(bound: string, field: string, upper = false): string {
  if (isIsoDate(bound)) return new Date(Date.parse(`${upper ? addDays(bound, 1) : bound}T00:00:00+08:00`)).toISOString();
  const t = Date.parse(bound);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(bound)) {
    throw invalid('bonded.invalid_date', { zh: `${field} 不是有效日期或时间：${bound}`, en: `${field} is not a valid date or instant: ${bound}` }, { field, value: bound });
  }
  return new Date(t).toISOString();
}

export function createEntryService(deps: BondedDeps) {
  const now = () => deps.clock.now();

  async function post(actor: Principal, emsNo: string, input: EntryInput): Promise<EntryView> {
    const today = shanghaiDate(now());
    const checked = checkEntry(input, { dateValid: isIsoDate(input.entryDate), today });
    if (checked.problems.length > 0) throw problemsError(checked.problems);
    const v = checked.value;
    const at = now().toISOString();
    const by = actorOf(actor);
    const id = newId();
    try {
      await deps.db.transaction().execute(async (trx) => {
        const book = await visibleBook(trx, actor, emsNo, { dialect: deps.dialect, mode: 'share' });
        if (book.status !== 'active') throw notActive(book);
        const items = new Map((await lockItems(trx, deps.dialect, book.id, v.lines.map((l) => l.itemRecordNo))).map((r) => [r.item_record_no, r]));
        const unknown = v.lines.filter((l) => !items.has(l.itemRecordNo));
        if (unknown.length > 0) {
          const f = unknown[0]!;
          throw invalid(
            'bonded.unknown_item',
            { zh: `账册 ${book.ems_no} 中没有料号 ${f.itemRecordNo}（第 ${f.lineNo} 项）`, en: `bonded account book ${book.ems_no} has no item ${f.itemRecordNo} (line ${f.lineNo})` },
            { field: `lines.${f.lineNo - 1}.itemRecordNo`, value: f.itemRecordNo, unknown: unknown.map((l) => ({ lineNo: l.lineNo, itemRecordNo: l.itemRecordNo })) },
          );
        }
        const stock = new Map([...items.values()].map((r) => [r.id, Number(r.stock_e5)]));
        const movements = v.lines.map((l) => {
          const item = items.get(l.itemRecordNo)!;
          const before = stock.get(item.id)!;
          if (overflows(before, l.qtyE5)) {
            throw invalid(
              'bonded.stock_overflow',
              { zh: `料号 ${l.itemRecordNo} 入区后库存将超过上限 ${formatQty(MAX_QTY_E5)}`, en: `item ${l.itemRecordNo} would hold more than ${formatQty(MAX_QTY_E5)} after this entry` },
              { field: `lines.${l.lineNo - 1}.qty`, value: formatQty(l.qtyE5) },
            );
          }
          stock.set(item.id, before + l.qtyE5);
          return { book_id: book.id, item_id: item.id, item_record_no: l.itemRecordNo, kind: 'entry', reason: null, ref: v.entryNo, line: l.lineNo, qty_e5: l.qtyE5, stock_after_e5: before + l.qtyE5, at, recorded_at: at, actor: by };
        });
        const t = tables(trx);
        await t.insertInto('bonded_entry').values({ id, book_id: book.id, entry_no: v.entryNo, entry_date: v.entryDate, note: v.note, created_by: by, created_at: at }).execute();
        for (let i = 0; i < v.lines.length; i += 200) {
          await t
            .insertInto('bonded_entry_line')
            .values(v.lines.slice(i, i + 200).map((l) => ({ entry_id: id, line_no: l.lineNo, item_id: items.get(l.itemRecordNo)!.id, item_record_no: l.itemRecordNo, qty_e5: l.qtyE5 })))
            .execute();
        }
        for (const item of [...items.values()]) {
          const add = v.lines.filter((l) => l.itemRecordNo === item.item_record_no).reduce((s, l) => s + l.qtyE5, 0);
          await moveStock(trx, item.id, add, at);
        }
        await appendMovements(trx, movements);
        await deps.audit.append(trx, {
          actor: by,
          action: 'bonded.entry.post',
          subject: `bonded_book:${book.ems_no}`,
          after: { entryNo: v.entryNo, entryDate: v.entryDate, note: v.note, lines: v.lines.map((l) => ({ lineNo: l.lineNo, itemRecordNo: l.itemRecordNo, qty: formatQty(l.qtyE5) })) },
        });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('bonded.duplicate_entry', { zh: `该账册已登记核注清单 ${v.entryNo}`, en: `the book already has entry record ${v.entryNo}` }, { field: 'entryNo', value: v.entryNo });
      throw e;
    }
    return { id, entryNo: v.entryNo, entryDate: v.entryDate, note: v.note, createdBy: by, createdAt: at, lines: v.lines.map((l) => ({ lineNo: l.lineNo, itemRecordNo: l.itemRecordNo, qty: formatQty(l.qtyE5) })) };
  }

  async function list(actor: Principal, emsNo: string, f: { entryNo?: string; limit: number; offset: number }): Promise<{ items: EntryView[]; total: number }> {
    const book = await visibleBook(deps.db, actor, emsNo);
    const t = tables(deps.db);
    let q = t.selectFrom('bonded_entry').where('book_id', '=', book.id);
    if (f.entryNo?.trim()) q = q.where('entry_no', 'like', `%${f.entryNo.trim().toUpperCase()}%`);
    const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('entry_no', 'desc').limit(f.limit).offset(f.offset).execute();
    const lines = rows.length === 0 ? [] : await t.selectFrom('bonded_entry_line').selectAll().where('entry_id', 'in', rows.map((r) => r.id)).orderBy('entry_id').orderBy('line_no').execute();
    return {
      total: Number(total),
      items: rows.map((r) => ({
        id: r.id,
        entryNo: r.entry_no,
        entryDate: r.entry_date,
        note: r.note,
        createdBy: r.created_by,
        createdAt: r.created_at,
        lines: lines.filter((l) => l.entry_id === r.id).map((l) => ({ lineNo: l.line_no, itemRecordNo: l.item_record_no, qty: formatQty(Number(l.qty_e5)) })),
      })),
    };
  }

  async function ledger(actor: Principal, emsNo: string, f: LedgerFilter): Promise<{ items: Movement[]; total: number }> {
    const book = await visibleBook(deps.db, actor, emsNo);
    let q = tables(deps.db).selectFrom('bonded_movement').where('book_id', '=', book.id);
    if (f.itemRecordNo?.trim()) q = q.where('item_record_no', '=', f.itemRecordNo.trim());
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.ref?.trim()) q = q.where('ref', '=', f.ref.trim());
    if (f.from) q = q.where('at', '>=', instant(f.from, 'from'));
    if (f.to) q = q.where('at', '<', instant(f.to, 'to', true));
    const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('seq', 'desc').limit(f.limit).offset(f.offset).execute();
    return { items: rows.map(toMovement), total: Number(total) };
  }

  return { post, list, ledger };
}

export type EntryService = ReturnType<typeof createEntryService>;
