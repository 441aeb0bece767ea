/**
 * 9810 overseas-warehouse export: the booking order (订仓单) stands in for the order, by list (small
 * parcels) or by customs declaration (attached document 10000004 naming the booking); a booking into a
 * warehouse not yet approved is refused.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { as, exportZone } from '../../../test/support/export-zone.js';
import { exportSamples, type ExportDeal } from '../../gateway/ceb/samples-export.js';
import { demoProofPdf } from '../../demo/overseas.js';
import type { Principal } from '../../platform/http/principal.js';

afterAll(cleanupPlatforms);
let seqNo = 0;
const customs: Principal = { kind: 'user', id: 'c', name: 'customs', role: 'customs', enterpriseId: null };

describe.each(dialects())('9810 overseas warehouse export on %s', (dialect) => {
  it('releases a list against its booking order, and matches a declaration by attached document 10000004', async () => {
    const h = await freshApp(dialect, '2026-03-10T02:00:00.000Z');
    const z = await exportZone(h);
    const exporter = as(z.ebc);
    const file = (name: string, country: string) => h.platform.overseas.warehouses.file(exporter, { name, country, address: 'Hanauer Landstraße 300, Frankfurt', areaSqm: '800', operatorName: 'Yuanhang GmbH', tenure: 'own', leaseEnds: null, proof: { fileName: 'deed.pdf', contentType: 'application/pdf', contentBase64: demoProofPdf('deed').toString('base64') } });
    const w = await file('法兰克福仓', '304');
    await h.platform.overseas.warehouses.decide(customs, w.id, 'approve', 'ok');
    const bookingNo = `BK${Date.now() % 100000}`;
    await h.platform.overseas.bookings.file(exporter, { bookingNo, warehouseId: w.id, plannedShipDate: '2026-03-20', lines: [{ itemName: '羊毛围巾', gcode: '6214201000', qty: '2', unit: '011', value: '320.00' }] });

    const send = async (who: 'logistics' | 'agent' | 'site', type: keyof typeof exportSamples, d: Partial<ExportDeal>) => (await h.platform.clearance.ingest.submit(as(z[who]), [exportSamples[type](d)]))[0]!;
    const receipts = async () => (await h.platform.clearance.queries.receiptsAfter(as(z.agent), 0, 1000)).items;
    const d = z.deal({ tradeMode: '9810', orderNo: bookingNo, country: '304' });
    await send('logistics', 'CEB505', d);
    await send('agent', 'CEB603', d);
    expect((await receipts()).at(-1)).toMatchObject({ messageType: 'CEB604', returnStatus: '399' });
    await send('site', 'CEB507', d);
    expect((await receipts()).at(-1)).toMatchObject({ messageType: 'CEB604', returnStatus: '800' });

    const page = (await h.platform.clearance.exportQueries.list(customs, d.copNo!)).documents.order;
    expect(page).toMatchObject({ bookingNo, warehouseName: '法兰克福仓', goodsValue: '320.00' });

    // A list naming no booking waits for it, and concludes as soon as the booking is filed.
    const lateNo = `BKL${Date.now() % 100000}`;
    const none = z.deal({ tradeMode: '9810', orderNo: lateNo, country: '304' });
    await send('logistics', 'CEB505', none);
    await send('agent', 'CEB603', none);
    expect((await receipts()).at(-1)!).toMatchObject({ returnStatus: '120', fields: { copNo: none.copNo } });
    await h.platform.overseas.bookings.file(exporter, { bookingNo: lateNo, warehouseId: w.id, plannedShipDate: '2026-03-20', lines: [{ itemName: '羊毛围巾', gcode: '6214201000', qty: '2', unit: '011', value: '320.00' }] });
    expect((await receipts()).at(-1)!).toMatchObject({ messageType: 'CEB604', returnStatus: '399', fields: { copNo: none.copNo } });
    // A booking whose value differs from the list's is named.
    const offNo = `BKO${Date.now() % 100000}`;
    await h.platform.overseas.bookings.file(exporter, { bookingNo: offNo, warehouseId: w.id, plannedShipDate: '2026-03-20', lines: [{ itemName: '羊毛围巾', gcode: '6214201000', qty: '3', unit: '011', value: '480.00' }] });
    const off = z.deal({ tradeMode: '9810', orderNo: offNo, country: '304' });
    await send('logistics', 'CEB505', off);
    await send('agent', 'CEB603', off);
    const offReceipt = (await receipts()).at(-1)!;
    expect(offReceipt).toMatchObject({ returnStatus: '100' });
    expect(offReceipt.returnInfo).toContain('480.00');

    // The declaration channel, for a booking no list declared.
    const entryNo = `BKE${Date.now() % 100000}`;
    await h.platform.overseas.bookings.file(exporter, { bookingNo: entryNo, warehouseId: w.id, plannedShipDate: '2026-03-20', lines: [{ itemName: '羊毛围巾', gcode: '6214201000', qty: '2', unit: '011', value: '320.00' }] });

    const agent = await h.userToken('enterprise', z.agent.id);
    const entry = (over: Record<string, unknown>) => h.app.inject({ method: 'POST', url: '/api/v1/export/entries', headers: h.auth(agent), payload: { copNo: `E${(seqNo += 1)}${Date.now() % 100000}`, tradeMode: '9810', ebcCode: z.ebc.code, customsCode: '0604', portCode: '0604', country: '304', currency: '142', attachedNo: entryNo, lines: [{ gcode: '6214201000', gname: '羊毛围巾', qty: '2', unit: '011', price: '160', totalPrice: '320.00' }], ...over } });
    const ok = await entry({});
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ matchStatus: 'matched' });
    const seen = (await h.app.inject({ url: `/api/v1/export/entries/${ok.json().entryId}`, headers: h.auth(agent) })).json();
    expect(seen.attached).toMatchObject({ kind: 'booking', no: entryNo, document: { warehouseName: '法兰克福仓', country: '304', goodsValue: '320.00' } });
    // The booking a list declared goes out once: it takes no declaration as well.
    const twice = await entry({ attachedNo: bookingNo });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.code).toBe('clearance.order_has_list');
    const wrong = await entry({ attachedNo: 'NOPE' });
    expect(wrong.json().matchStatus).toBe('unmatched');
    expect(wrong.json().reasons[0].code).toBe('clearance.entry_booking_not_found');

    const pending = await file('莫斯科仓', '344');
    const b2 = `BK2${Date.now() % 100000}`;
    const refused = await h.platform.overseas.bookings.file(exporter, { bookingNo: b2, warehouseId: pending.id, plannedShipDate: '2026-03-20', lines: [{ itemName: '羊毛围巾', gcode: '6214201000', qty: '1', unit: '011', value: '160.00' }] }).then(() => 'filed', (e: { code?: string }) => e.code);
    expect(refused).not.toBe('filed');
  });
});
