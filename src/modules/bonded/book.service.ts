/**
 * Account books (账册) and their items: set up by the zone warehouse enterprise that owns the book or by
 * customs, read by customs (all books) and by the owner (its own; others answer 404, as filings do).
 * Customs suspends, re-activates or closes a book. Every change is audited in its transaction.
 */
import { sql } from 'kysely';
import type { Clock } from '../../kernel/clock.js';
import { conflict, forbidden, invalid, notFound, rejected, type AppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import { isUniqueViolation, type Db, type Dialect } from '../../platform/db/database.js';
import { actorOf, type Principal } from '../../platform/http/principal.js';
import { enterpriseScope } from '../identity/index.js';
import { bookByEmsNo, tables, toBook, toItem, type BookLock, type BookRow, type BookSummary } from './bonded.store.js';
import { checkBook, checkItem, type BookInput, type BookStatus, type Issue, type ItemInput } from './book.rules.js';
import type { BondedEnterprises, BondedLookup } from './ports.js';

export interface BondedDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  audit: AuditLog;
  lookup: BondedLookup;
  enterprises: BondedEnterprises;
}

export interface BookFilter {
  q?: string;
  status?: string;
  enterpriseId?: string;
  district?: string;
  limit: number;
  offset: number;
}

export interface ItemFilter {
  q?: string;
  gcode?: string;
  /** true: only items with stock; false: only items without. */
  inStock?: boolean;
  limit: number;
  offset: number;
}

export const bookNotFound = (emsNo: string) => notFound('bonded.book_not_found', { zh: `账册不存在：${emsNo}`, en: `no such bonded account book: ${emsNo}` }, { emsNo });

/** The first problem as the thrown error; all of them in details. */
export function problemsError(problems: Issue[]): AppError {
  const first = problems[0]!;
  return invalid(first.code, first.message, { field: first.field, value: first.value, problems });
}

/** The book behind an emsNo as the caller may see it: customs and admin all, an enterprise its own. */
export async function visibleBook(t: Db, actor: Principal, emsNo: string, lock: BookLock | null = null): Promise<BookRow> {
  const key = emsNo.trim().toUpperCase();
  const r = await bookByEmsNo(t, key, lock);
  const scope = enterpriseScope(actor);
  if (!r || (scope !== null && r.enterprise_id !== scope)) throw bookNotFound(key);
  return r;
}

export function createBookService(deps: BondedDeps) {
  const db = tables(deps.db);
  const now = () => deps.clock.now().toISOString();

  /** The book's owner: an enterprise caller's own enterprise; customs and administrators name one. */
  async function ownerOf(actor: Principal, enterpriseId: string | undefined) {
    let id: string | undefined;
    if (actor.role === 'enterprise') {
      if (enterpriseId && enterpriseId !== actor.enterpriseId) {
        throw forbidden('bonded.own_books_only', { zh: '企业只能为本企业设立账册', en: 'an enterprise sets up books for itself only' }, { field: 'enterpriseId' });
      }
      id = actor.enterpriseId ?? undefined;
    } else {
      id = enterpriseId?.trim() || undefined;
      if (!id) throw invalid('bonded.enterprise_required', { zh: '请指定账册所属的仓储企业（enterpriseId）', en: 'name the warehouse enterprise that owns the book (enterpriseId)' }, { field: 'enterpriseId' });
    }
    const e = id ? await deps.enterprises.summary(id) : null;
    if (!e) throw notFound('bonded.enterprise_not_found', { zh: '企业备案不存在', en: 'no such enterprise filing' }, { field: 'enterpriseId', value: id });
    if (!e.approved || !e.roles.includes('warehouse')) {
      throw rejected(
        'bonded.owner_not_warehouse',
        { zh: `${e.name}（${e.customsCode}）不是备案已通过的仓储企业，不能设立保税账册`, en: `${e.name} (${e.customsCode}) is not an approved warehouse enterprise filing: it cannot own a bonded account book` },
        { field: 'enterpriseId', value: e.id, roles: e.roles, approved: e.approved },
      );
    }
    return e;
  }

  async function names(ids: string[]): Promise<Map<string, string | null>> {
    const unique = [...new Set(ids)];
    const found = await Promise.all(unique.map((id) => deps.enterprises.summary(id)));
    return new Map(unique.map((id, i) => [id, found[i]?.name ?? null]));
  }

  async function itemCount(t: Db, bookId: string): Promise<number> {
    const r = await tables(t).selectFrom('bonded_item').select(sql<number>`count(*)`.as('n')).where('book_id', '=', bookId).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async function create(actor: Principal, input: BookInput & { enterpriseId?: string }): Promise<BookSummary> {
    const owner = await ownerOf(actor, input.enterpriseId);
    const district = input.district.trim();
    const districtKnown = /^\d{4}$/.test(district) ? !!(await deps.lookup.code('district', district)) : false;
    const checked = checkBook(input, { districtKnown });
    if (checked.problems.length > 0) throw problemsError(checked.problems);
    const v = checked.value;
    const at = now();
    const row: BookRow = {
      id: newId(),
      ems_no: v.emsNo,
      enterprise_id: owner.id,
      enterprise_code: owner.customsCode,
      district: v.district,
      name: v.name,
      status: 'active',
      status_reason: null,
      created_by: actorOf(actor),
      created_at: at,
      updated_at: at,
    };
    try {
      await deps.db.transaction().execute(async (trx) => {
        await tables(trx).insertInto('bonded_book').values(row).execute();
        await deps.audit.append(trx, { actor: actorOf(actor), action: 'bonded.book.create', subject: `bonded_book:${v.emsNo}`, after: { emsNo: v.emsNo, enterpriseId: owner.id, enterpriseCode: owner.customsCode, district: v.district, name: v.name, status: 'active' } });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('bonded.duplicate_ems_no', { zh: `账册编号已存在：${v.emsNo}`, en: `a book with this emsNo already exists: ${v.emsNo}` }, { field: 'emsNo', value: v.emsNo });
      throw e;
    }
    return toBook(row, 0, owner.name);
  }

  async function list(actor: Principal, f: BookFilter): Promise<{ items: BookSummary[]; total: number }> {
    let q = db.selectFrom('bonded_book');
    const scope = enterpriseScope(actor);
    if (scope !== null) q = q.where('enterprise_id', '=', scope);
    else if (f.enterpriseId) q = q.where('enterprise_id', '=', f.enterpriseId);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.district) q = q.where('district', '=', f.district);
    if (f.q?.trim()) {
      const like = `%${f.q.trim()}%`;
      q = q.where((eb) => eb.or([eb('ems_no', 'like', like.toUpperCase()), eb('name', 'like', like), eb('enterprise_code', 'like', like.toUpperCase())]));
    }
    const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .select((eb) => eb.selectFrom('bonded_item').select(sql<number>`count(*)`.as('n')).whereRef('bonded_item.book_id', '=', 'bonded_book.id').as('item_count'))
      .orderBy('ems_no')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    const byId = await names(rows.map((r) => r.enterprise_id));
    return { items: rows.map((r) => toBook(r, Number(r.item_count ?? 0), byId.get(r.enterprise_id) ?? null)), total: Number(total) };
  }

  async function get(actor: Principal, emsNo: string): Promise<BookSummary> {
    const r = await visibleBook(deps.db, actor, emsNo);
    const owner = await deps.enterprises.summary(r.enterprise_id);
    return toBook(r, await itemCount(deps.db, r.id), owner?.name ?? null);
  }

  /** Customs: suspend (nothing moves), re-activate, or close for good; suspending and closing need a reason. */
  async function setStatus(actor: Principal, emsNo: string, status: BookStatus, reason?: string): Promise<BookSummary> {
    const why = reason?.trim() || null;
    if (status !== 'active' && !why) throw invalid('bonded.reason_required', { zh: '暂停或注销账册须填写原因', en: 'suspending or closing a book needs a reason' }, { field: 'reason' });
    await deps.db.transaction().execute(async (trx) => {
      const before = await visibleBook(trx, actor, emsNo, { dialect: deps.dialect, mode: 'update' });
      if (before.status === 'closed') throw conflict('bonded.book_closed', { zh: `账册 ${before.ems_no} 已注销，状态不能再变更`, en: `bonded account book ${before.ems_no} is closed: its status cannot change` }, { status: before.status });
      if (before.status === status) throw conflict('bonded.status_unchanged', { zh: `账册 ${before.ems_no} 已是该状态：${status}`, en: `bonded account book ${before.ems_no} is already ${status}` }, { status });
      await tables(trx).updateTable('bonded_book').set({ status, status_reason: status === 'active' ? null : why, updated_at: now() }).where('id', '=', before.id).execute();
      await deps.audit.append(trx, { actor: actorOf(actor), action: `bonded.book.${status === 'active' ? 'activate' : status === 'suspended' ? 'suspend' : 'close'}`, subject: `bonded_book:${before.ems_no}`, before: { status: before.status }, after: { status, reason: why } });
    });
    return get(actor, emsNo);
  }

  async function addItem(actor: Principal, emsNo: string, input: ItemInput) {
    const gcode = input.gcode.trim();
    const unit = input.unit.trim();
    const [hs, unitEntry] = await Promise.all([/^\d{10}$/.test(gcode) ? deps.lookup.hs(gcode) : null, /^\d{3}$/.test(unit) ? deps.lookup.code('unit', unit) : null]);
    const checked = checkItem(input, { hsKnown: !!hs, unitKnown: !!unitEntry });
    if (checked.problems.length > 0) throw problemsError(checked.problems);
    const v = checked.value;
    const at = now();
    try {
      return await deps.db.transaction().execute(async (trx) => {
        const book = await visibleBook(trx, actor, emsNo, { dialect: deps.dialect, mode: 'share' });
        if (book.status !== 'active') throw notActive(book);
        const row = { id: newId(), book_id: book.id, item_record_no: v.itemRecordNo, gcode: v.gcode, goods_name: v.goodsName, unit: v.unit, stock_e5: 0, created_by: actorOf(actor), created_at: at, updated_at: at };
        await tables(trx).insertInto('bonded_item').values(row).execute();
        await deps.audit.append(trx, { actor: actorOf(actor), action: 'bonded.item.add', subject: `bonded_book:${book.ems_no}`, after: { itemRecordNo: v.itemRecordNo, gcode: v.gcode, goodsName: v.goodsName, unit: v.unit } });
        return toItem(row);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('bonded.duplicate_item', { zh: `账册中已有料号 ${v.itemRecordNo}`, en: `the book already has item ${v.itemRecordNo}` }, { field: 'itemRecordNo', value: v.itemRecordNo });
      throw e;
    }
  }

  async function listItems(actor: Principal, emsNo: string, f: ItemFilter) {
    const book = await visibleBook(deps.db, actor, emsNo);
    let q = db.selectFrom('bonded_item').where('book_id', '=', book.id);
    if (f.gcode) q = q.where('gcode', 'like', `${f.gcode.replace(/\D/g, '')}%`);
    if (f.inStock === true) q = q.where('stock_e5', '>', 0);
    if (f.inStock === false) q = q.where('stock_e5', '=', 0);
    if (f.q?.trim()) {
      const like = `%${f.q.trim()}%`;
      q = q.where((eb) => eb.or([eb('item_record_no', 'like', like), eb('goods_name', 'like', like)]));
    }
    const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
    // Record numbers are often numeric ("1", "2", "10"): shorter first keeps them in numeric order.
    const rows = await q.selectAll().orderBy(sql`length(item_record_no)`).orderBy('item_record_no').limit(f.limit).offset(f.offset).execute();
    return { items: rows.map(toItem), total: Number(total) };
  }

  return { create, list, get, setStatus, addItem, listItems };
}

export function notActive(book: BookRow): AppError {
  return conflict(
    'bonded.book_not_active',
    { zh: `账册 ${book.ems_no} 当前${book.status === 'closed' ? '已注销' : '已暂停'}，不能变更`, en: `bonded account book ${book.ems_no} is ${book.status}: nothing can change in it` },
    { emsNo: book.ems_no, status: book.status },
  );
}

export type BookService = ReturnType<typeof createBookService>;
