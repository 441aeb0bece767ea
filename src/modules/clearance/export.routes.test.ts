/**
 * Export clearance over HTTP: lists and their timeline, summaries due and applied from the console,
 * B2B (9710) declarations matched against the platform order, export returns within the window.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { as, exportZone } from '../../../test/support/export-zone.js';
import { exportSamples, type ExportDeal } from '../../gateway/ceb/samples-export.js';
import { toXml } from '../../gateway/ceb/to-xml.js';

afterAll(cleanupPlatforms);

describe.each(dialects())('export clearance API on %s', (dialect) => {
  async function zone() {
    const h = await freshApp(dialect, '2026-03-10T02:00:00.000Z');
    const z = await exportZone(h);
    const ingest = h.platform.clearance.ingest;
    const send = async (who: 'ebp' | 'pay' | 'logistics' | 'agent' | 'site', type: keyof typeof exportSamples, d: Partial<ExportDeal>) => (await ingest.submit(as(z[who]), [exportSamples[type](d)]))[0]!;
    const departed = async (over: Partial<ExportDeal> = {}) => {
      const d = z.deal({ statisticsFlag: 'B', ...over });
      await send('ebp', 'CEB303', d);
      await send('pay', 'CEB403', d);
      await send('logistics', 'CEB505', d);
      const ack = await send('agent', 'CEB603', d);
      await send('site', 'CEB507', d);
      await send('logistics', 'CEB509', d);
      return { d, invtNo: ack.fields.invtNo! };
    };
    const agentToken = await h.userToken('enterprise', z.agent.id);
    const ebcToken = await h.userToken('enterprise', z.ebc.id);
    const customs = await h.userToken('customs');
    return { h, z, send, departed, agentToken, ebcToken, customs };
  }

  it('takes export messages as CEB XML and answers with the receipt XML, or CEB900 naming the element', async () => {
    const { h, z } = await zone();
    const d = z.deal();
    const xml = toXml(exportSamples.CEB303(d));
    if (!xml.ok) throw new Error('sample does not render');
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/ceb', headers: { authorization: `Bearer ${z.ebp.key}`, 'content-type': 'application/xml' }, payload: xml.xml });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('CEB304Message');
    expect(res.body).toContain('<ceb:returnStatus>120</ceb:returnStatus>');
    const bad = await h.app.inject({ method: 'POST', url: '/api/v1/ceb', headers: { authorization: `Bearer ${z.ebp.key}`, 'content-type': 'application/xml' }, payload: xml.xml.replace(/<ceb:goodsValue>[^<]*<\/ceb:goodsValue>/, '<ceb:goodsValue>abc</ceb:goodsValue>') });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('CEB900');
    expect(bad.body).toContain('goodsValue');
  });

  it('lists export lists for their parties only, with the timeline of one', async () => {
    const { h, departed, agentToken, customs } = await zone();
    const { d, invtNo } = await departed();
    const other = await h.userToken('enterprise', (await exportZone(h)).agent.id);
    const mine = await h.app.inject({ url: '/api/v1/export/lists?statisticsFlag=B', headers: h.auth(agentToken) });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ total: 1, items: [{ copNo: d.copNo, invtNo, status: '899', arrived: true, departed: true, goodsValue: '320.00', documents: { order: true, receipt: true, waybill: true, list: true } }] });
    expect((await h.app.inject({ url: '/api/v1/export/lists', headers: h.auth(other) })).json().total).toBe(0);
    expect((await h.app.inject({ url: `/api/v1/export/lists/${d.copNo}`, headers: h.auth(other) })).statusCode).toBe(404);
    const one = (await h.app.inject({ url: `/api/v1/export/lists/${d.copNo}`, headers: h.auth(customs) })).json();
    expect(one.timeline.map((t: { kind: string }) => t.kind)).toEqual(expect.arrayContaining(['receipt', 'arrival', 'departure']));
    expect(one.lines).toEqual([expect.objectContaining({ gcode: '6214201000', qty: '2', totalPrice: '320.00' })]);
    expect(one.documents.order).toMatchObject({ orderNo: d.orderNo, goodsValue: '320.00', lines: [{ gnum: 1, totalPrice: '320.00' }] });
    expect(one.documents.receipt).toMatchObject({ charge: '320.00' });
  });

  it('answers GET /inventories/{copNo} for an export list, in the contract shape with its export fields', async () => {
    const { h, z, departed, agentToken, ebcToken, customs } = await zone();
    const { d, invtNo } = await departed();
    const res = await h.app.inject({ url: `/api/v1/inventories/${d.copNo}`, headers: h.auth(agentToken) });
    expect(res.statusCode).toBe(200);
    const inv = res.json();
    expect(inv).toMatchObject({ direction: 'export', copNo: d.copNo, orderNo: d.orderNo, agentCode: z.agent.code, tradeMode: '9610', status: '899', statusText: 'closed', invtNo, statisticsFlag: 'B', arrived: true, departed: true, goodsValue: '320.00', tax: null, documents: { order: true, payment: true, waybill: true, list: true } });
    const types = inv.receipts.map((r: { messageType: string }) => r.messageType);
    expect(types).toEqual(expect.arrayContaining(['CEB304', 'CEB404', 'CEB506', 'CEB604']));
    expect(inv.receipts.find((r: { messageType: string; returnStatus: string }) => r.messageType === 'CEB604' && r.returnStatus === '800')).toBeTruthy();
    expect(inv.waybillEvents.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['export_arrival', 'export_departure']));
    const cursors = inv.receipts.map((r: { cursor: number }) => r.cursor);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));

    const docs = (await h.app.inject({ url: `/api/v1/inventories/${d.copNo}/documents`, headers: h.auth(customs) })).json();
    expect(docs).toMatchObject({ copNo: d.copNo, masked: false, order: { orderNo: d.orderNo, goodsValue: '320.00' }, payment: { charge: '320.00' }, list: { copNo: d.copNo } });
    expect((await h.app.inject({ url: `/api/v1/inventories/${d.copNo}/documents`, headers: h.auth(ebcToken) })).json().masked).toBe(true);
    // Only parties see it; ?direction=import looks among import lists alone.
    const other = await h.userToken('enterprise', (await exportZone(h)).agent.id);
    expect((await h.app.inject({ url: `/api/v1/inventories/${d.copNo}`, headers: h.auth(other) })).statusCode).toBe(404);
    expect((await h.app.inject({ url: `/api/v1/inventories/${d.copNo}?direction=import`, headers: h.auth(customs) })).statusCode).toBe(404);
    expect((await h.app.inject({ url: `/api/v1/inventories/${d.copNo}?direction=export`, headers: h.auth(customs) })).json().invtNo).toBe(invtNo);
    expect((await h.app.inject({ url: `/api/v1/inventories/${d.copNo}?direction=sideways`, headers: h.auth(customs) })).statusCode).toBe(400);
  });

  it('shows summaries due, applies one from the console, and then lists it done', async () => {
    const { h, z, departed, agentToken, ebcToken } = await zone();
    const a = await departed();
    const b = await departed({ qty: '1' });
    const due = (await h.app.inject({ url: '/api/v1/export/summaries/due', headers: h.auth(ebcToken) })).json();
    expect(due.items).toHaveLength(1);
    expect(due.items[0]).toMatchObject({ lists: 2, goodsValue: '480.00', period: '2026-03', deadline: '2026-04-15', overdue: false });
    expect(due.items[0].invtNos.sort()).toEqual([a.invtNo, b.invtNo].sort());

    const bad = await h.app.inject({ method: 'POST', url: '/api/v1/export/summaries', headers: h.auth(agentToken), payload: { invtNos: [a.invtNo, 'NOPE'], summaryFlag: '1' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('clearance.summary_list_not_found');
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/export/summaries', headers: h.auth(ebcToken), payload: { invtNos: [a.invtNo], summaryFlag: '1' } })).statusCode).toBe(403);

    const res = await h.app.inject({ method: 'POST', url: '/api/v1/export/summaries', headers: h.auth(agentToken), payload: { invtNos: due.items[0].invtNos, summaryFlag: '1', itemNameFlag: '1' } });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({ lists: 2, goodsValue: '480.00', currency: '142' });
    expect(s.entryId).toMatch(/^060420260\d{9}$/);
    expect((await h.app.inject({ url: '/api/v1/export/summaries/due', headers: h.auth(ebcToken) })).json().items).toHaveLength(0);
    const done = (await h.app.inject({ url: '/api/v1/export/summaries', headers: h.auth(ebcToken) })).json();
    expect(done.items[0]).toMatchObject({ sumNo: s.sumNo, entryId: s.entryId, items: [{ gcode: '6214201000', name: '羊绒围巾', qty: '3', value: '480.00' }] });
    const one = (await h.app.inject({ url: `/api/v1/export/summaries/${s.sumNo}`, headers: h.auth(agentToken) })).json();
    expect(one.invtNos.sort()).toEqual([a.invtNo, b.invtNo].sort());

    // Past the 15th of the following month, what is left is overdue.
    const c = await departed();
    h.clock.set('2026-04-16T02:00:00.000Z');
    const later = await h.userToken('enterprise', z.ebc.id);
    const late = (await h.app.inject({ url: '/api/v1/export/summaries/due', headers: h.auth(later) })).json();
    expect(late.items).toEqual([expect.objectContaining({ invtNos: [c.invtNo], overdue: true })]);
  });

  it('matches a 9710 declaration against the platform order by attached document 10000004', async () => {
    const { h, z, send, agentToken, customs } = await zone();
    const d = z.deal({ tradeMode: '9710' });
    await send('ebp', 'CEB303', d);
    const body = (over: Record<string, unknown> = {}) => ({ copNo: `B2B${d.orderNo}`, tradeMode: '9710', ebcCode: z.ebc.code, ebpCode: z.ebp.code, customsCode: '0604', portCode: '0604', country: '344', currency: '142', attachedNo: d.orderNo, lines: [{ gcode: '6214201000', gname: '羊毛围巾', qty: '2', unit: '011', price: '160', totalPrice: '320.00' }], ...over });
    const ok = await h.app.inject({ method: 'POST', url: '/api/v1/export/entries', headers: h.auth(agentToken), payload: body() });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ matchStatus: 'matched', reasons: [] });
    const dup = await h.app.inject({ method: 'POST', url: '/api/v1/export/entries', headers: h.auth(agentToken), payload: body() });
    expect(dup.statusCode).toBe(422);
    // The order goes out once: a second declaration under another copNo is refused too.
    // Its FX: the receipt of payment for the order counts toward the declaration's rebate record.
    const rebate = async () => (await h.app.inject({ url: '/api/v1/export/rebate?year=2026', headers: h.auth(customs) })).json().items.find((x: { entryId: string }) => x.entryId === ok.json().entryId);
    expect(await rebate()).toMatchObject({ collected: '0.00', fullyCollected: false });
    await send('pay', 'CEB403', d);
    expect(await rebate()).toMatchObject({ goodsValue: '320.00', collected: '320.00', fullyCollected: true });
    // One scarf of the declaration comes back: a return by entryId, and the rebate record counts it.
    const ret = (payload: Record<string, unknown>) => h.app.inject({ method: 'POST', url: '/api/v1/export/returns', headers: h.auth(agentToken), payload: { reason: '质量退回', returnedOn: '2026-03-10', lines: [{ gnum: 1, qty: '1' }], ...payload } });
    expect((await ret({})).json().error.code).toBe('clearance.return_target');
    expect((await ret({ entryId: ok.json().entryId, invtNo: 'X' })).json().error.code).toBe('clearance.return_target');
    const back = await ret({ entryId: ok.json().entryId });
    expect(back.statusCode).toBe(201);
    expect(back.json()).toMatchObject({ invtNo: null, entryId: ok.json().entryId, amount: '160.00' });
    expect((await ret({ entryId: ok.json().entryId, lines: [{ gnum: 1, qty: '2' }] })).json().error.code).toBe('clearance.return_qty');
    expect(await rebate()).toMatchObject({ returned: '160.00', collected: '320.00' });
    expect((await h.app.inject({ url: `/api/v1/export/returns?entryId=${ok.json().entryId}`, headers: h.auth(agentToken) })).json()).toMatchObject({ total: 1, items: [{ invtNo: null, amount: '160.00' }] });
    const twin = await h.app.inject({ method: 'POST', url: '/api/v1/export/entries', headers: h.auth(agentToken), payload: body({ copNo: 'B2BTWIN' }) });
    expect(twin.statusCode).toBe(422);
    expect(twin.json().error).toMatchObject({ code: 'clearance.entry_already_declared', details: { entryId: ok.json().entryId } });
    // An order already declared by list cannot be declared again.
    const listed = z.deal({ tradeMode: '9710' });
    await send('ebp', 'CEB303', listed);
    await send('logistics', 'CEB505', listed);
    await send('agent', 'CEB603', listed);
    const byList = await h.app.inject({ method: 'POST', url: '/api/v1/export/entries', headers: h.auth(agentToken), payload: body({ copNo: 'B2BLISTED', attachedNo: listed.orderNo }) });
    expect(byList.statusCode).toBe(422);
    expect(byList.json().error.code).toBe('clearance.order_has_list');
    const d2 = z.deal({ tradeMode: '9710' });
    await send('ebp', 'CEB303', d2);
    const off = await h.app.inject({ method: 'POST', url: '/api/v1/export/entries', headers: h.auth(agentToken), payload: body({ copNo: 'B2BOFF', attachedNo: d2.orderNo, lines: [{ gcode: '6214201000', gname: '羊毛围巾', qty: '3', unit: '011', price: '160', totalPrice: '480.00' }] }) });
    expect(off.json().matchStatus).toBe('unmatched');
    expect(off.json().reasons[0].message.en).toContain('320.00 != declaration 480.00');
    const badCode = await h.app.inject({ method: 'POST', url: '/api/v1/export/entries', headers: h.auth(agentToken), payload: body({ copNo: 'B2BBAD', lines: [{ gcode: '0000000000', gname: 'x', qty: '1', unit: '011', price: '1', totalPrice: '1.00' }] }) });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.details.field).toBe('lines[0].gcode');
    const list = (await h.app.inject({ url: '/api/v1/export/entries?matchStatus=unmatched', headers: h.auth(customs) })).json();
    expect(list.total).toBe(1);
    const rel = await h.app.inject({ method: 'POST', url: `/api/v1/export/entries/${off.json().entryId}/decision`, headers: h.auth(customs), payload: { decision: 'release', reason: 'contract amended' } });
    expect(rel.json()).toMatchObject({ status: '800' });
    const detail = (await h.app.inject({ url: `/api/v1/export/entries/${ok.json().entryId}`, headers: h.auth(agentToken) })).json();
    expect(detail).toMatchObject({ attachedNo: d.orderNo, tradeMode: '9710', status: '800', lines: [{ gcode: '6214201000', totalPrice: '320.00' }] });
    expect(detail.attached).toMatchObject({ type: '10000004', no: d.orderNo, kind: 'order', document: { orderNo: d.orderNo, goodsValue: '320.00' } });
  });

  it('records an export return within six months, linked to list and declaration, and refuses one after', async () => {
    const { h, z, send, departed, agentToken } = await zone();
    const { invtNo } = await departed();
    const s = (await h.app.inject({ method: 'POST', url: '/api/v1/export/summaries', headers: h.auth(agentToken), payload: { invtNos: [invtNo], summaryFlag: '1' } })).json();
    h.clock.set('2026-08-01T02:00:00.000Z');
    let ebcToken = await h.userToken('enterprise', z.ebc.id);
    const r = await h.app.inject({ method: 'POST', url: '/api/v1/export/returns', headers: h.auth(ebcToken), payload: { invtNo, reason: '滞销退回', returnedOn: '2026-07-30', lines: [{ gnum: 1, qty: '1' }] } });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ invtNo, entryId: s.entryId, amount: '160.00' });
    const over = await h.app.inject({ method: 'POST', url: '/api/v1/export/returns', headers: h.auth(ebcToken), payload: { invtNo, reason: 'x', returnedOn: '2026-07-31', lines: [{ gnum: 1, qty: '1.5' }] } });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.code).toBe('clearance.return_qty');
    h.clock.set('2026-09-20T02:00:00.000Z');
    ebcToken = await h.userToken('enterprise', z.ebc.id);
    const late = await h.app.inject({ method: 'POST', url: '/api/v1/export/returns', headers: h.auth(ebcToken), payload: { invtNo, reason: 'x', returnedOn: '2026-09-11', lines: [{ gnum: 1, qty: '1' }] } });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.code).toBe('clearance.return_window');
    const listed = (await h.app.inject({ url: '/api/v1/export/returns', headers: h.auth(ebcToken) })).json();
    expect(listed.total).toBe(1);
    const byAgent = (await h.app.inject({ url: '/api/v1/export/returns', headers: h.auth(await h.userToken('enterprise', z.agent.id)) })).json();
    expect(byAgent.total).toBe(1);
    // Released but still here: the goods never left, so nothing can come back.
    const stay = z.deal({ statisticsFlag: 'B' });
    await send('ebp', 'CEB303', stay);
    await send('pay', 'CEB403', stay);
    await send('logistics', 'CEB505', stay);
    const ack = await send('agent', 'CEB603', stay);
    await send('site', 'CEB507', stay);
    const notLeft = await h.app.inject({ method: 'POST', url: '/api/v1/export/returns', headers: h.auth(ebcToken), payload: { invtNo: ack.fields.invtNo, reason: 'x', returnedOn: '2026-09-19', lines: [{ gnum: 1, qty: '1' }] } });
    expect(notLeft.statusCode).toBe(422);
    expect(notLeft.json().error.code).toBe('clearance.return_not_exported');
    const stranger = (await h.app.inject({ url: '/api/v1/export/returns', headers: h.auth(await h.userToken('enterprise', z.pay.id)) })).json();
    expect(stranger.total).toBe(0);
  });
});
