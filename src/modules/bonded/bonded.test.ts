import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { cleanupPlatforms, dialects, freshPlatform } from '../../../test/support/dialects.js';
import { anEnterprise } from '../../../test/support/builders.js';
import type { Principal } from '../../platform/http/principal.js';
import type { Db } from '../../platform/db/database.js';
import type { TakeRequest } from './index.js';

afterAll(cleanupPlatforms);

const admin: Principal = { kind: 'user', id: 'admin', name: 'admin', role: 'admin', enterpriseId: null };
const customs: Principal = { ...admin, id: 'customs', name: 'customs', role: 'customs' };
const EMS = 'T0613W000001';

describe.each(dialects())('bonded stock on %s', (dialect) => {
  /** A platform with an approved warehouse that keeps one book of three items, 10 / 5 / 0 in stock. */
  async function zone() {
    const { platform, clock } = await freshPlatform(dialect);
    const { enterprises } = platform.registry;
    const filed = await enterprises.file(admin, anEnterprise({ roles: ['warehouse'], district: '0613' }));
    await enterprises.decide(customs, filed.id, 'approve', 'ok');
    const warehouse: Principal = { kind: 'user', id: 'w', name: 'warehouse', role: 'enterprise', enterpriseId: filed.id };
    const { books, entries, stock } = platform.bonded;
    await books.create(warehouse, { emsNo: EMS, name: '赤峰保税物流中心跨境电商账册', district: '0613' });
    await books.addItem(warehouse, EMS, { itemRecordNo: '1', gcode: '1901101000', goodsName: '婴幼儿配方奶粉（1段）', unit: '122' });
    await books.addItem(warehouse, EMS, { itemRecordNo: '2', gcode: '0402210000', goodsName: '全脂奶粉', unit: '136' });
    await books.addItem(warehouse, EMS, { itemRecordNo: '3', gcode: '3304990029', goodsName: '精华面霜', unit: '142' });
    await entries.post(warehouse, EMS, { entryNo: 'QD061326I000000001', entryDate: '2026-06-01', lines: [{ itemRecordNo: '1', qty: '10' }, { itemRecordNo: '2', qty: '5' }] });
    const db = platform.database.db;
    const inTx = <T>(fn: (trx: Db) => Promise<T>) => db.transaction().execute(fn);
    const take = (req: Partial<TakeRequest> & { lines: TakeRequest['lines'] }) => inTx((trx) => stock.take(trx, { emsNo: EMS, ref: 'L1', at: clock.now(), ...req }));
    const stockOf = async () => Object.fromEntries((await books.listItems(customs, EMS, { limit: 50, offset: 0 })).items.map((i) => [i.itemRecordNo, i.stock]));
    const ledger = async (f: Record<string, string> = {}) => (await entries.ledger(customs, EMS, { ...f, limit: 100, offset: 0 })).items;
    return { platform, clock, warehouse, books, entries, stock, db, inTx, take, stockOf, ledger };
  }

  it('sets up a book for an approved warehouse only, and shows each enterprise its own', async () => {
    const z = await zone();
    expect(await z.books.get(z.warehouse, EMS)).toMatchObject({ emsNo: EMS, district: '0613', status: 'active', itemCount: 3, enterpriseName: expect.stringContaining('赤峰测试') });
    const { enterprises } = z.platform.registry;
    const shop = await enterprises.file(admin, anEnterprise({ roles: ['ebc'] }));
    await enterprises.decide(customs, shop.id, 'approve', 'ok');
    const shopUser: Principal = { kind: 'user', id: 's', name: 'shop', role: 'enterprise', enterpriseId: shop.id };
    await expect(z.books.create(shopUser, { emsNo: 'T0613W000002', name: '电商账册', district: '0613' })).rejects.toMatchObject({ code: 'bonded.owner_not_warehouse', kind: 'rejected' });
    const pendingWarehouse = await enterprises.file(admin, anEnterprise({ roles: ['warehouse'] }));
    await expect(z.books.create(customs, { emsNo: 'T0613W000003', name: '待审核仓储账册', district: '0613', enterpriseId: pendingWarehouse.id })).rejects.toMatchObject({ code: 'bonded.owner_not_warehouse' });
    await expect(z.books.create(customs, { emsNo: 'T0613W000003', name: '未指定企业', district: '0613' })).rejects.toMatchObject({ code: 'bonded.enterprise_required' });
    await expect(z.books.create(z.warehouse, { emsNo: EMS.toLowerCase(), name: '重复账册', district: '0613' })).rejects.toMatchObject({ code: 'bonded.duplicate_ems_no', kind: 'conflict' });
    await expect(z.books.create(z.warehouse, { emsNo: 'T0613W000004', name: '关区不明', district: '9999' })).rejects.toMatchObject({ code: 'bonded.invalid_district' });

    await expect(z.books.get(shopUser, EMS)).rejects.toMatchObject({ code: 'bonded.book_not_found', kind: 'not_found' });
    await expect(z.books.listItems(shopUser, EMS, { limit: 10, offset: 0 })).rejects.toMatchObject({ kind: 'not_found' });
    expect((await z.books.list(shopUser, { limit: 10, offset: 0 })).total).toBe(0);
    expect((await z.books.list(customs, { q: 'w0000', limit: 10, offset: 0 })).items.map((b) => b.emsNo)).toEqual([EMS]);
    expect(await z.platform.audit.verify()).toMatchObject({ ok: true });
  });

  it('adds items checked against the HS table and the unit codes, once per record number', async () => {
    const z = await zone();
    await expect(z.books.addItem(z.warehouse, EMS, { itemRecordNo: '9', gcode: '9999999999', goodsName: 'x', unit: '122' })).rejects.toMatchObject({ code: 'bonded.invalid_hs', details: { field: 'gcode' } });
    await expect(z.books.addItem(z.warehouse, EMS, { itemRecordNo: '9', gcode: '1901101000', goodsName: 'x', unit: '999' })).rejects.toMatchObject({ code: 'bonded.invalid_unit' });
    await expect(z.books.addItem(customs, EMS, { itemRecordNo: '1', gcode: '1901101000', goodsName: '重复', unit: '122' })).rejects.toMatchObject({ code: 'bonded.duplicate_item', kind: 'conflict' });
    expect(await z.stockOf()).toEqual({ 1: '10', 2: '5', 3: '0' });
    expect((await z.books.listItems(customs, EMS, { inStock: true, limit: 10, offset: 0 })).total).toBe(2);
  });

  it('posts an entry record all or nothing, and refuses a repeated entry number', async () => {
    const z = await zone();
    const before = await z.ledger();
    await expect(z.entries.post(z.warehouse, EMS, { entryNo: 'QD2', entryDate: '2026-06-01', lines: [{ itemRecordNo: '1', qty: '1' }] })).rejects.toMatchObject({ code: 'bonded.invalid_entry_no' });
    await expect(z.entries.post(z.warehouse, EMS, { entryNo: 'QD0002', entryDate: '2026-06-01', lines: [{ itemRecordNo: '1', qty: '4' }, { itemRecordNo: '77', qty: '1' }] })).rejects.toMatchObject({
      code: 'bonded.unknown_item',
      details: { field: 'lines.1.itemRecordNo' },
    });
    await expect(z.entries.post(z.warehouse, EMS, { entryNo: 'QD061326I000000001', entryDate: '2026-06-01', lines: [{ itemRecordNo: '3', qty: '1' }] })).rejects.toMatchObject({ code: 'bonded.duplicate_entry', kind: 'conflict' });
    await expect(z.entries.post(z.warehouse, EMS, { entryNo: 'QD0003', entryDate: '2026-06-02', lines: [{ itemRecordNo: '3', qty: '1' }] })).rejects.toMatchObject({ code: 'bonded.invalid_entry_date' });
    expect(await z.stockOf()).toEqual({ 1: '10', 2: '5', 3: '0' });
    expect(await z.ledger()).toEqual(before);

    const posted = await z.entries.post(z.warehouse, EMS, { entryNo: 'qd0004', entryDate: '2026-05-30', lines: [{ itemRecordNo: '3', qty: '0.1' }, { itemRecordNo: '1', qty: '0.2' }], note: '补充入区' });
    expect(posted).toMatchObject({ entryNo: 'QD0004', lines: [{ lineNo: 1, itemRecordNo: '3', qty: '0.1' }, { lineNo: 2, itemRecordNo: '1', qty: '0.2' }] });
    expect(await z.stockOf()).toEqual({ 1: '10.2', 2: '5', 3: '0.1' });
    const list = await z.entries.list(customs, EMS, { limit: 10, offset: 0 });
    expect(list.total).toBe(2);
    expect((await z.ledger({ ref: 'QD0004' })).map((m) => [m.kind, m.itemRecordNo, m.qty, m.stockAfter])).toEqual([['entry', '1', '0.2', '10.2'], ['entry', '3', '0.1', '0.1']]);
    const audit = await z.platform.audit.list({ subject: `bonded_book:${EMS}`, limit: 50, offset: 0 });
    expect(audit.items.map((a) => a.action)).toEqual(['bonded.entry.post', 'bonded.entry.post', 'bonded.item.add', 'bonded.item.add', 'bonded.item.add', 'bonded.book.create']);
  });

  it('takes all lines of a released list and records each in the ledger; a refused take changes nothing even when the caller commits', async () => {
    const z = await zone();
    expect(await z.take({ ref: 'LIST-1', lines: [{ gnum: 1, itemRecordNo: '1', qty: '3' }, { gnum: 2, itemRecordNo: '2', qty: '2.5' }, { gnum: 3, itemRecordNo: '1', qty: '1' }] })).toEqual({ ok: true });
    expect(await z.stockOf()).toEqual({ 1: '6', 2: '2.5', 3: '0' });
    expect((await z.ledger({ kind: 'take' })).map((m) => [m.ref, m.line, m.itemRecordNo, m.qty, m.stockAfter, m.actor])).toEqual([
      ['LIST-1', 3, '1', '-1', '6', 'clearance'],
      ['LIST-1', 2, '2', '-2.5', '2.5', 'clearance'],
      ['LIST-1', 1, '1', '-3', '7', 'clearance'],
    ]);

    const refused = await z.take({ ref: 'LIST-2', lines: [{ gnum: 1, itemRecordNo: '2', qty: '1' }, { gnum: 2, itemRecordNo: '1', qty: '6.00001' }] });
    expect(refused).toMatchObject({ ok: false, code: 'bonded.insufficient_stock', details: { emsNo: EMS, itemRecordNo: '1', wanted: '6.00001', available: '6' } });
    if (refused.ok) return;
    expect(refused.message.en).toContain(EMS);
    expect(refused.message.zh).toContain('可用 6');
    expect(await z.take({ emsNo: 'T9999W999999', ref: 'LIST-3', lines: [{ gnum: 1, itemRecordNo: '1', qty: '1' }] })).toMatchObject({ ok: false, code: 'bonded.unknown_book', message: { en: expect.stringContaining('T9999W999999') } });
    expect(await z.take({ ref: 'LIST-4', lines: [{ gnum: 1, itemRecordNo: '1', qty: '1' }, { gnum: 2, itemRecordNo: '42', qty: '1' }] })).toMatchObject({ ok: false, code: 'bonded.unknown_item', details: { itemRecordNo: '42', gnum: 2 } });
    expect(await z.stockOf()).toEqual({ 1: '6', 2: '2.5', 3: '0' });
    expect((await z.ledger({ kind: 'take' })).length).toBe(3);
  });

  it('answers a repeated take of the same reference as done without taking twice, and refuses a different one', async () => {
    const z = await zone();
    const lines = [{ gnum: 1, itemRecordNo: '1', qty: '2' }];
    expect(await z.take({ ref: 'LIST-1', lines })).toEqual({ ok: true });
    expect(await z.take({ ref: 'LIST-1', lines })).toEqual({ ok: true });
    expect(await z.stockOf()).toMatchObject({ 1: '8' });
    expect(await z.take({ ref: 'LIST-1', lines: [{ gnum: 1, itemRecordNo: '1', qty: '3' }] })).toMatchObject({ ok: false, code: 'bonded.ref_conflict' });
    expect(await z.stockOf()).toMatchObject({ 1: '8' });
  });

  it('gives back what a reference took: all of it once, or partial returns capped at what is out, a repeated key doing nothing', async () => {
    const z = await zone();
    await z.take({ ref: 'LIST-1', lines: [{ gnum: 1, itemRecordNo: '1', qty: '4' }, { gnum: 2, itemRecordNo: '2', qty: '5' }] });
    await z.take({ ref: 'LIST-2', lines: [{ gnum: 1, itemRecordNo: '1', qty: '1' }] });
    expect(await z.stockOf()).toMatchObject({ 1: '5', 2: '0' });

    const at = z.clock.now();
    const ret = await z.inTx((trx) => z.stock.giveBack(trx, { ref: 'LIST-1', at, key: 'RET-1', lines: [{ gnum: 1, qty: '1.5' }, { gnum: 9, qty: '1' }] }));
    expect(ret).toEqual({ givenBack: [{ gnum: 1, itemRecordNo: '1', qty: '1.5' }], ignored: [9] });
    expect(await z.inTx((trx) => z.stock.giveBack(trx, { ref: 'LIST-1', at, key: 'RET-1', lines: [{ gnum: 1, qty: '1.5' }] }))).toEqual({ givenBack: [], ignored: [] });
    expect(await z.stockOf()).toMatchObject({ 1: '6.5', 2: '0' });
    // A second return asks for more than is still out: it gets the rest (2.5), never more than was taken.
    expect((await z.inTx((trx) => z.stock.giveBack(trx, { ref: 'LIST-1', at, key: 'RET-2', lines: [{ gnum: 1, qty: '4' }] }))).givenBack).toEqual([{ gnum: 1, itemRecordNo: '1', qty: '2.5' }]);
    // The cancellation of what is left gives back line 2 only; doing it again gives nothing.
    expect((await z.inTx((trx) => z.stock.giveBack(trx, { ref: 'LIST-1', at }))).givenBack).toEqual([{ gnum: 2, itemRecordNo: '2', qty: '5' }]);
    expect((await z.inTx((trx) => z.stock.giveBack(trx, { ref: 'LIST-1', at }))).givenBack).toEqual([]);
    expect((await z.inTx((trx) => z.stock.giveBack(trx, { ref: 'NEVER-TOOK', at }))).givenBack).toEqual([]);
    expect(await z.stockOf()).toMatchObject({ 1: '9', 2: '5' });
    expect((await z.ledger({ ref: 'LIST-1', kind: 'give_back' })).map((m) => [m.reason, m.line, m.qty, m.stockAfter])).toEqual([
      ['cancellation', 2, '5', '5'],
      ['return', 1, '2.5', '9'],
      ['return', 1, '1.5', '6.5'],
    ]);
    await expect(z.inTx((trx) => z.stock.giveBack(trx, { ref: 'LIST-2', at, lines: [{ gnum: 1, qty: '-1' }] }))).rejects.toMatchObject({ code: 'bonded.invalid_quantity' });
  });

  it('moves nothing in a suspended book; customs re-activates it; a closed book stays closed', async () => {
    const z = await zone();
    await expect(z.books.setStatus(customs, EMS, 'suspended')).rejects.toMatchObject({ code: 'bonded.reason_required' });
    expect(await z.books.setStatus(customs, EMS, 'suspended', '盘点')).toMatchObject({ status: 'suspended', statusReason: '盘点' });
    expect(await z.take({ lines: [{ gnum: 1, itemRecordNo: '1', qty: '1' }] })).toMatchObject({ ok: false, code: 'bonded.book_not_active' });
    await expect(z.entries.post(z.warehouse, EMS, { entryNo: 'QD0009', entryDate: '2026-06-01', lines: [{ itemRecordNo: '1', qty: '1' }] })).rejects.toMatchObject({ code: 'bonded.book_not_active' });
    expect(await z.books.setStatus(customs, EMS, 'active')).toMatchObject({ status: 'active', statusReason: null });
    expect(await z.take({ lines: [{ gnum: 1, itemRecordNo: '1', qty: '1' }] })).toEqual({ ok: true });
    await z.books.setStatus(customs, EMS, 'closed', '企业退出保税物流中心');
    await expect(z.books.setStatus(customs, EMS, 'active')).rejects.toMatchObject({ code: 'bonded.book_closed' });
    // Goods of a cancelled list come back even to a closed book.
    expect((await z.inTx((trx) => z.stock.giveBack(trx, { ref: 'L1', at: z.clock.now() }))).givenBack).toHaveLength(1);
    const actions = (await z.platform.audit.list({ subject: `bonded_book:${EMS}`, action: 'bonded.book.', limit: 10, offset: 0 })).items.map((a) => a.action);
    expect(actions).toEqual(['bonded.book.close', 'bonded.book.activate', 'bonded.book.suspend', 'bonded.book.create']);
  });

  it('never lets parallel takes overdraw: exactly as many succeed as the stock covers', async () => {
    const z = await zone();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => z.take({ ref: `PAR-${i}`, lines: [{ gnum: 1, itemRecordNo: '2', qty: '1' }] })));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(Array(7).fill('bonded.insufficient_stock'));
    expect(await z.stockOf()).toMatchObject({ 2: '0' });
    const takes = await z.ledger({ kind: 'take', itemRecordNo: '2' });
    expect(takes).toHaveLength(5);
    expect(takes.map((m) => m.stockAfter).sort()).toEqual(['0', '1', '2', '3', '4']);
  });

  it('runs parallel takes naming the same items in opposite orders without deadlock or overdraw', async () => {
    const z = await zone();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        z.take({
          ref: `X-${i}`,
          lines: i % 2 === 0 ? [{ gnum: 1, itemRecordNo: '1', qty: '2' }, { gnum: 2, itemRecordNo: '2', qty: '1' }] : [{ gnum: 1, itemRecordNo: '2', qty: '1' }, { gnum: 2, itemRecordNo: '1', qty: '2' }],
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(await z.stockOf()).toMatchObject({ 1: '0', 2: '0' });
  });

  it('keeps stock at or above zero in the store itself', async () => {
    const z = await zone();
    await expect(sql`update bonded_item set stock_e5 = -1 where item_record_no = '3'`.execute(z.db)).rejects.toThrow();
    expect(await z.stockOf()).toMatchObject({ 3: '0' });
  });

  it('pages and filters the ledger', async () => {
    const z = await zone();
    for (let i = 0; i < 4; i++) await z.take({ ref: `PG-${i}`, lines: [{ gnum: 1, itemRecordNo: '1', qty: '1' }] });
    const page1 = await z.entries.ledger(customs, EMS, { itemRecordNo: '1', limit: 2, offset: 0 });
    const page2 = await z.entries.ledger(customs, EMS, { itemRecordNo: '1', limit: 2, offset: 2 });
    expect(page1.total).toBe(5);
    expect([...page1.items, ...page2.items].map((m) => m.ref)).toEqual(['PG-3', 'PG-2', 'PG-1', 'PG-0']);
    expect((await z.entries.ledger(customs, EMS, { from: '2026-06-01', to: '2026-06-01', limit: 50, offset: 0 })).total).toBe(6);
    expect((await z.entries.ledger(customs, EMS, { from: '2026-06-02', limit: 50, offset: 0 })).total).toBe(0);
    await expect(z.entries.ledger(customs, EMS, { from: 'yesterday', limit: 5, offset: 0 })).rejects.toMatchObject({ code: 'bonded.invalid_date' });
  });
});
