/**
 * Rows of the bonded tables and their views: the store maps them here, once; services never hand a row out.
 */
import type { Db, Dialect } from '../../platform/db/database.js';
import { lockRows } from '../../platform/db/database.js';
import type { BookStatus } from './book.rules.js';
import type { BondedTables, MovementRow } from './migrations.js';
import { formatQty } from './quantity.rules.js';

export type BookRow = BondedTables['bonded_book'];
export type ItemRow = BondedTables['bonded_item'];

export interface BookSummary {
  id: string;
  emsNo: string;
  enterpriseId: string;
  /** The owner's customs code when the book was set up. */
  enterpriseCode: string;
  enterpriseName: string | null;
  district: string;
  name: string;
  status: BookStatus;
  statusReason: string | null;
  itemCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface BookItem {
  id: string;
  itemRecordNo: string;
  gcode: string;
  goodsName: string;
  unit: string;
  /** Stock in the declared unit, exact decimal string. */
  stock: string;
  createdAt: string;
  updatedAt: string;
}

export interface Movement {
  seq: number;
  itemRecordNo: string;
  kind: 'entry' | 'take' | 'give_back';
  /** For a give-back: 'cancellation' or 'return'. */
  reason: string | null;
  /** What moved it: the entry number, or the released list's reference. */
  ref: string;
  /** The entry line or the list's gnum. */
  line: number;
  /** Signed: positive into the book, negative out. */
  qty: string;
  stockAfter: string;
  at: string;
  recordedAt: string;
  actor: string;
}

export const tables = (db: Db) => db.withTables<BondedTables>();

export const toBook = (r: BookRow, itemCount: number, enterpriseName: string | null): BookSummary => ({
  id: r.id,
  emsNo: r.ems_no,
  enterpriseId: r.enterprise_id,
  enterpriseCode: r.enterprise_code,
  enterpriseName,
  district: r.district,
  name: r.name,
  status: r.status as BookStatus,
  statusReason: r.status_reason,
  itemCount,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toItem = (r: ItemRow): BookItem => ({
  id: r.id,
  itemRecordNo: r.item_record_no,
  gcode: r.gcode,
  goodsName: r.goods_name,
  unit: r.unit,
  stock: formatQty(Number(r.stock_e5)),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toMovement = (r: Omit<BondedTables['bonded_movement'], 'seq'> & { seq: number }): Movement => ({
  seq: Number(r.seq),
  itemRecordNo: r.item_record_no,
  kind: r.kind as Movement['kind'],
  reason: r.reason,
  ref: r.ref,
  line: r.line,
  qty: formatQty(Number(r.qty_e5)),
  stockAfter: formatQty(Number(r.stock_after_e5)),
  at: r.at,
  recordedAt: r.recorded_at,
  actor: r.actor,
});

/**
 * How a book row is read inside a transaction on PostgreSQL: `share` by whatever moves stock (takes and
 * entries run side by side, and a status change waits for them), `update` by a status change.
 */
export interface BookLock {
  dialect: Dialect;
  mode: 'share' | 'update';
}

export function bookByEmsNo(t: Db, emsNo: string, lock: BookLock | null = null): Promise<BookRow | undefined> {
  const q = tables(t).selectFrom('bonded_book').selectAll().where('ems_no', '=', emsNo);
  if (!lock || lock.dialect !== 'postgres') return q.executeTakeFirst();
  return (lock.mode === 'share' ? q.forShare() : q.forUpdate()).executeTakeFirst();
}

/** The book's items named by record number, locked (PostgreSQL) in id order so two writers never deadlock. */
export async function lockItems(t: Db, dialect: Dialect, bookId: string, itemRecordNos: readonly string[]): Promise<ItemRow[]> {
  const unique = [...new Set(itemRecordNos)];
  if (unique.length === 0) return [];
  const out: ItemRow[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    const q = tables(t).selectFrom('bonded_item').selectAll().where('book_id', '=', bookId).where('item_record_no', 'in', unique.slice(i, i + 500)).orderBy('id');
    out.push(...(await lockRows(q, dialect).execute()));
  }
  return out.sort(byId);
}

/** Items by id, locked (PostgreSQL) in id order. */
export async function lockItemsById(t: Db, dialect: Dialect, ids: readonly string[]): Promise<ItemRow[]> {
  const unique = [...new Set(ids)].sort();
  if (unique.length === 0) return [];
  const out: ItemRow[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    out.push(...(await lockRows(tables(t).selectFrom('bonded_item').selectAll().where('id', 'in', unique.slice(i, i + 500)).orderBy('id'), dialect).execute()));
  }
  return out.sort(byId);
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Moves one item's stock by `deltaE5` (negative takes). The update only applies while the stock stays at or
 * above zero; the caller has checked under lock, so a miss here is a broken invariant, never a quiet overdraw.
 */
export async function moveStock(t: Db, itemId: string, deltaE5: number, at: string): Promise<void> {
  let q = tables(t)
    .updateTable('bonded_item')
    .set((eb) => ({ stock_e5: eb('stock_e5', '+', deltaE5), updated_at: at }))
    .where('id', '=', itemId);
  if (deltaE5 < 0) q = q.where('stock_e5', '>=', -deltaE5);
  const r = await q.executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new Error(`bonded stock of item ${itemId} would go below zero (delta ${deltaE5})`);
}

export async function appendMovements(t: Db, rows: readonly MovementRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await tables(t).insertInto('bonded_movement').values(rows.slice(i, i + 200)).execute();
}
