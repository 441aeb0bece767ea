import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { anEnterprise } from '../../../test/support/builders.js';

afterAll(cleanupPlatforms);

const EMS = 'T0613W000001';

describe.each(dialects())('bonded account books over HTTP on %s', (dialect) => {
  async function zone() {
    const h = await freshApp(dialect);
    const admin = await h.userToken('admin');
    const customs = await h.userToken('customs');
    const send = (method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) =>
      h.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: token ? h.auth(token) : {} });
    const get = (url: string, token?: string) => send('GET', url, token);
    const post = (url: string, payload: unknown, token?: string) => send('POST', url, token, payload);
    async function approved(roles: string[]) {
      const id = (await post('/api/v1/enterprises', anEnterprise({ roles, district: '0613' }), admin)).json().id as string;
      await post(`/api/v1/enterprises/${id}/decision`, { decision: 'approve', reason: 'ok' }, customs);
      return { id, token: await h.userToken('enterprise', id) };
    }
    const warehouse = await approved(['warehouse']);
    return { ...h, admin, customs, get, post, approved, warehouse };
  }

  it('lets a warehouse set up its book, add items, post an entry and read stock, entries and ledger', async () => {
    const z = await zone();
    const created = await z.post('/api/v1/bonded/books', { emsNo: EMS, name: '赤峰保税物流中心跨境电商账册', district: '0613' }, z.warehouse.token);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ emsNo: EMS, enterpriseId: z.warehouse.id, status: 'active', itemCount: 0 });

    const item = await z.post(`/api/v1/bonded/books/${EMS}/items`, { itemRecordNo: '1', gcode: '1901101000', goodsName: '婴幼儿配方奶粉（1段）', unit: '122' }, z.warehouse.token);
    expect(item.statusCode).toBe(201);
    expect(item.json()).toMatchObject({ itemRecordNo: '1', stock: '0' });
    expect((await z.post(`/api/v1/bonded/books/${EMS}/items`, { itemRecordNo: '2', gcode: '0402210000', goodsName: '全脂奶粉', unit: '136' }, z.customs)).statusCode).toBe(201);

    const entry = await z.post(`/api/v1/bonded/books/${EMS}/entries`, { entryNo: 'QD061326I000000001', entryDate: '2026-06-01', lines: [{ itemRecordNo: '1', qty: '1200' }, { itemRecordNo: '2', qty: '300.5' }] }, z.warehouse.token);
    expect(entry.statusCode).toBe(201);
    expect(entry.json().lines).toEqual([{ lineNo: 1, itemRecordNo: '1', qty: '1200' }, { lineNo: 2, itemRecordNo: '2', qty: '300.5' }]);

    const items = (await z.get(`/api/v1/bonded/books/${EMS}/items`, z.customs)).json();
    expect(items).toMatchObject({ total: 2, items: [{ itemRecordNo: '1', stock: '1200' }, { itemRecordNo: '2', stock: '300.5' }] });
    expect((await z.get(`/api/v1/bonded/books/${EMS}/items?q=%E5%85%A8%E8%84%82`, z.customs)).json().items.map((i: { itemRecordNo: string }) => i.itemRecordNo)).toEqual(['2']);
    expect((await z.get(`/api/v1/bonded/books/${EMS}/entries`, z.warehouse.token)).json()).toMatchObject({ total: 1, items: [{ entryNo: 'QD061326I000000001', entryDate: '2026-06-01' }] });
    const ledger = (await z.get(`/api/v1/bonded/books/${EMS}/ledger?kind=entry&limit=1`, z.customs)).json();
    expect(ledger).toMatchObject({ total: 2, items: [{ kind: 'entry', itemRecordNo: '2', qty: '300.5', stockAfter: '300.5', ref: 'QD061326I000000001' }] });
    expect((await z.get(`/api/v1/bonded/books/${EMS.toLowerCase()}`, z.warehouse.token)).json()).toMatchObject({ emsNo: EMS, itemCount: 2 });
    const books = (await z.get('/api/v1/bonded/books?status=active', z.customs)).json();
    expect(books).toMatchObject({ total: 1, items: [{ emsNo: EMS, enterpriseName: expect.any(String) }] });
  });

  it('answers bad input with 400 and a bilingual code naming the field, and changes nothing', async () => {
    const z = await zone();
    await z.post('/api/v1/bonded/books', { emsNo: EMS, name: '账册', district: '0613' }, z.warehouse.token);
    await z.post(`/api/v1/bonded/books/${EMS}/items`, { itemRecordNo: '1', gcode: '1901101000', goodsName: '奶粉', unit: '122' }, z.warehouse.token);
    const cases: Array<[string, unknown, string, string]> = [
      ['/api/v1/bonded/books', { emsNo: 'T-1', name: '账册', district: '0613' }, 'bonded.invalid_ems_no', 'emsNo'],
      ['/api/v1/bonded/books', { emsNo: 'T0613W000002', name: '账册', district: '9999' }, 'bonded.invalid_district', 'district'],
      [`/api/v1/bonded/books/${EMS}/items`, { itemRecordNo: '2', gcode: '1901', goodsName: '奶粉', unit: '122' }, 'bonded.invalid_hs', 'gcode'],
      [`/api/v1/bonded/books/${EMS}/entries`, { entryNo: 'QD0001', entryDate: '2026-06-01', lines: [{ itemRecordNo: '1', qty: '1.000001' }] }, 'bonded.invalid_quantity', 'lines.0.qty'],
      [`/api/v1/bonded/books/${EMS}/entries`, { entryNo: 'QD0001', entryDate: '2026-06-01', lines: [{ itemRecordNo: '1', qty: '5' }, { itemRecordNo: '9', qty: '1' }] }, 'bonded.unknown_item', 'lines.1.itemRecordNo'],
      [`/api/v1/bonded/books/${EMS}/entries`, { entryNo: 'QD0001', entryDate: '2026-02-30', lines: [{ itemRecordNo: '1', qty: '5' }] }, 'bonded.invalid_entry_date', 'entryDate'],
    ];
    for (const [url, body, code, field] of cases) {
      const res = await z.post(url, body, z.warehouse.token);
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error).toMatchObject({ code, message: { zh: expect.any(String), en: expect.any(String) }, details: { field } });
    }
    const schema = await z.post(`/api/v1/bonded/books/${EMS}/entries`, { entryNo: 'QD0001', entryDate: '2026-06-01' }, z.warehouse.token);
    expect(schema.statusCode).toBe(400);
    expect(schema.json().error.code).toBe('http.invalid_request');
    expect((await z.get(`/api/v1/bonded/books/${EMS}/items`, z.warehouse.token)).json().items[0].stock).toBe('0');
    expect((await z.get(`/api/v1/bonded/books/${EMS}/ledger`, z.warehouse.token)).json().total).toBe(0);
    const dup = await z.post('/api/v1/bonded/books', { emsNo: EMS, name: '账册', district: '0613' }, z.customs);
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.code).toBe('bonded.enterprise_required');
    const dup2 = await z.post('/api/v1/bonded/books', { emsNo: EMS, name: '账册', district: '0613', enterpriseId: z.warehouse.id }, z.customs);
    expect(dup2.statusCode).toBe(409);
    expect(dup2.json().error.code).toBe('bonded.duplicate_ems_no');
  });

  it('authorises per role: customs sees all and alone changes status; other enterprises get 404; departments without the module 403', async () => {
    const z = await zone();
    await z.post('/api/v1/bonded/books', { emsNo: EMS, name: '账册', district: '0613' }, z.warehouse.token);
    const other = await z.approved(['warehouse']);
    const shop = await z.approved(['ebc']);
    expect((await z.get(`/api/v1/bonded/books/${EMS}`)).statusCode).toBe(401);
    expect((await z.get(`/api/v1/bonded/books/${EMS}`, other.token)).statusCode).toBe(404);
    expect((await z.get(`/api/v1/bonded/books/${EMS}/ledger`, other.token)).json().error.code).toBe('bonded.book_not_found');
    expect((await z.post(`/api/v1/bonded/books/${EMS}/items`, { itemRecordNo: '1', gcode: '1901101000', goodsName: '奶粉', unit: '122' }, other.token)).statusCode).toBe(404);
    expect((await z.get('/api/v1/bonded/books', other.token)).json().total).toBe(0);
    const notWarehouse = await z.post('/api/v1/bonded/books', { emsNo: 'T0613W000009', name: '电商账册', district: '0613' }, shop.token);
    expect(notWarehouse.statusCode).toBe(422);
    expect(notWarehouse.json().error.code).toBe('bonded.owner_not_warehouse');
    const foreign = await z.post('/api/v1/bonded/books', { emsNo: 'T0613W000009', name: '代设账册', district: '0613', enterpriseId: z.warehouse.id }, other.token);
    expect(foreign.statusCode).toBe(403);
    expect((await z.get('/api/v1/bonded/books', await z.userToken('tax'))).statusCode).toBe(403);
    expect((await z.post(`/api/v1/bonded/books/${EMS}/entries`, { entryNo: 'QD0001', entryDate: '2026-06-01', lines: [] }, z.customs)).statusCode).toBe(403);

    expect((await z.post(`/api/v1/bonded/books/${EMS}/status`, { status: 'suspended', reason: '盘点' }, z.warehouse.token)).statusCode).toBe(403);
    const suspended = await z.post(`/api/v1/bonded/books/${EMS}/status`, { status: 'suspended', reason: '盘点' }, z.customs);
    expect(suspended.json()).toMatchObject({ status: 'suspended', statusReason: '盘点' });
    const blocked = await z.post(`/api/v1/bonded/books/${EMS}/items`, { itemRecordNo: '1', gcode: '1901101000', goodsName: '奶粉', unit: '122' }, z.warehouse.token);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('bonded.book_not_active');
    const audit = (await z.get(`/api/v1/audit?subject=bonded_book:${EMS}`, z.admin)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['bonded.book.suspend', 'bonded.book.create']);
  });

  it('shows stock taken through the port in the book and the ledger', async () => {
    const z = await zone();
    await z.post('/api/v1/bonded/books', { emsNo: EMS, name: '账册', district: '0613' }, z.warehouse.token);
    await z.post(`/api/v1/bonded/books/${EMS}/items`, { itemRecordNo: '1', gcode: '1901101000', goodsName: '奶粉', unit: '122' }, z.warehouse.token);
    await z.post(`/api/v1/bonded/books/${EMS}/entries`, { entryNo: 'QD0001', entryDate: '2026-06-01', lines: [{ itemRecordNo: '1', qty: '10' }] }, z.warehouse.token);
    const { stock } = z.platform.bonded;
    await z.platform.database.db.transaction().execute((trx) => stock.take(trx, { emsNo: EMS, ref: 'CP0001', at: z.clock.now(), lines: [{ gnum: 1, itemRecordNo: '1', qty: '2' }] }));
    await z.platform.database.db.transaction().execute((trx) => stock.giveBack(trx, { ref: 'CP0001', at: z.clock.now(), lines: [{ gnum: 1, qty: '1' }], key: 'RT0001' }));
    expect((await z.get(`/api/v1/bonded/books/${EMS}/items`, z.warehouse.token)).json().items[0].stock).toBe('9');
    const moves = (await z.get(`/api/v1/bonded/books/${EMS}/ledger?ref=CP0001`, z.warehouse.token)).json();
    expect(moves.items.map((m: { kind: string; reason: string | null; qty: string }) => [m.kind, m.reason, m.qty])).toEqual([['give_back', 'return', '1'], ['take', null, '-2']]);
    expect((await z.get(`/api/v1/bonded/books/${EMS}/ledger?kind=take&itemRecordNo=1&from=2026-06-01&to=2026-06-01`, z.customs)).json().total).toBe(1);
    expect((await z.get(`/api/v1/bonded/books/${EMS}/ledger?kind=lost`, z.customs)).statusCode).toBe(400);
  });
});
