import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { importZone } from '../../../test/support/import-zone.js';
import { anInventoryMessage, anOrderMessage, aPaymentMessage, aWaybillMessage } from '../../gateway/ceb/samples.js';
import { toXml } from '../../gateway/ceb/to-xml.js';
import { validateXml } from '../../gateway/ceb/validate.js';

afterAll(cleanupPlatforms);

describe.each(dialects())('import clearance over HTTP on %s', (dialect) => {
  async function setup() {
    const h = await freshApp(dialect, '2026-06-01T02:00:00.000Z');
    const zone = await importZone(h);
    const send = (key: string, body: unknown) => h.app.inject({ method: 'POST', url: '/api/v1/messages', payload: body as object, headers: h.auth(key) });
    return { ...h, zone, send };
  }

  it('releases a matched 9610 purchase sent in any order, with tax lines and receipts to every party', async () => {
    const { zone, send, app, auth, userToken } = await setup();
    const d = zone.deal();
    const list = await send(zone.agent.key, anInventoryMessage(d));
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ messageType: 'CEB622', returnStatus: '120' });
    expect((await send(zone.pay.key, aPaymentMessage(d))).json()).toMatchObject({ messageType: 'CEB412', returnStatus: '120' });
    expect((await send(zone.logistics.key, aWaybillMessage(d))).json()).toMatchObject({ messageType: 'CEB512', returnStatus: '120' });
    const waiting = (await app.inject({ url: `/api/v1/inventories/${d.copNo}`, headers: auth(zone.agent.key) })).json();
    expect(waiting).toMatchObject({ status: '120', documents: { order: false, payment: true, waybill: true, list: true }, reasons: [{ code: 'clearance.waiting_for_documents' }] });
    expect((await send(zone.ebp.key, anOrderMessage(d))).json()).toMatchObject({ messageType: 'CEB312', returnStatus: '120' });

    const inv = (await app.inject({ url: `/api/v1/inventories/${d.copNo}`, headers: auth(zone.agent.key) })).json();
    expect(inv).toMatchObject({ status: '800', documents: { order: true, payment: true, waybill: true, list: true } });
    // Per-line VAT at 70 % of 13 % on 420 / 315 / 315 (freight shared by value): 38.22 + 28.67 + 28.67.
    expect(inv.tax).toMatchObject({ customsTax: '0.00', consumptionTax: '0.00', valueAddedTax: '95.56', taxTotal: '95.56', factor: '0.7' });
    expect(inv.tax.lines.map((l: { dutiablePrice: string }) => l.dutiablePrice)).toEqual(['420.00', '315.00', '315.00']);

    const docs = (await app.inject({ url: `/api/v1/inventories/${d.copNo}/documents`, headers: auth(zone.ebp.key) })).json();
    expect(docs).toMatchObject({ masked: true, order: { acturalPaidFen: 114_555, buyerIdNumber: '1101**********002X' }, payment: { amountPaidFen: 114_555 }, waybill: { logisticsNo: d.logisticsNo }, list: { copNo: d.copNo } });
    expect((await app.inject({ url: `/api/v1/inventories/${d.copNo}/documents`, headers: auth(zone.agent.key) })).json()).toMatchObject({ masked: false, order: { buyerIdNumber: '11010519491231002X' } });
    expect((await app.inject({ url: `/api/v1/inventories/${d.copNo}/documents`, headers: auth(zone.pay.key) })).statusCode).toBe(404);
    const agentReceipts = (await app.inject({ url: '/api/v1/receipts?after=0', headers: auth(zone.agent.key) })).json();
    expect(agentReceipts.items.map((r: { messageType: string; returnStatus: string }) => `${r.messageType}:${r.returnStatus}`)).toEqual(['CEB622:120', 'CEB622:800', 'CEB816:1']);
    expect(agentReceipts.items[1].xml).toContain('<ceb:returnStatus>800</ceb:returnStatus>');
    for (const r of [...agentReceipts.items, ...(await app.inject({ url: '/api/v1/receipts', headers: auth(zone.pay.key) })).json().items]) {
      expect(validateXml(r.xml), `${r.messageType} validates against the official XSD: ${JSON.stringify(validateXml(r.xml))}`).toMatchObject({ ok: true });
    }
    const ebpReceipts = (await app.inject({ url: `/api/v1/receipts?after=0`, headers: auth(zone.ebp.key) })).json();
    expect(ebpReceipts.items.map((r: { messageType: string }) => r.messageType)).toContain('CEB622');
    const after = (await app.inject({ url: `/api/v1/receipts?after=${agentReceipts.next}`, headers: auth(zone.agent.key) })).json();
    expect(after.items).toEqual([]);

    const q = (await app.inject({ url: `/api/v1/quota?buyerIdNumber=11010519491231002X&buyerName=${encodeURIComponent('张三')}` })).json();
    expect(q).toEqual({ year: 2026, limit: '26000.00', used: '1050.00', remaining: '24950.00' });
    const wrongName = (await app.inject({ url: `/api/v1/quota?buyerIdNumber=11010519491231002X&buyerName=${encodeURIComponent('李四')}` })).json();
    expect(wrongName.used).toBe('0.00');
    expect((await app.inject({ url: '/api/v1/quota?buyerIdNumber=11010519491231002X' })).statusCode).toBe(400);
    const customs = await userToken('customs');
    expect((await app.inject({ url: '/api/v1/quota?buyerIdNumber=11010519491231002X', headers: auth(customs) })).json().used).toBe('1050.00');
  });

  it('rejects a one-fen payment mismatch naming both fields and values; a repeated guid gets the original receipt', async () => {
    const { zone, send, app, auth } = await setup();
    const d = zone.deal();
    await send(zone.ebp.key, anOrderMessage(d));
    const pay = aPaymentMessage(d);
    ((pay.Payment as Array<{ PaymentHead: Record<string, string> }>)[0]!.PaymentHead).amountPaid = '1145.56';
    const first = (await send(zone.pay.key, pay)).json();
    expect((await send(zone.pay.key, pay)).json()).toEqual(first);
    await send(zone.logistics.key, aWaybillMessage(d));
    await send(zone.agent.key, anInventoryMessage(d));
    const inv = (await app.inject({ url: `/api/v1/inventories/${d.copNo}`, headers: auth(zone.agent.key) })).json();
    expect(inv.status).toBe('100');
    expect(inv.reasons[0]).toMatchObject({ code: 'clearance.amount_mismatch', message: { en: 'amounts paid differ: payment amountPaid 1145.56 != order acturalPaid 1145.55' } });

    // The payment firm corrects it (appType 2, a new guid): the rejected list reopens, matches and is released.
    const fixed = aPaymentMessage(d);
    (fixed.Payment as Array<{ PaymentHead: Record<string, string> }>)[0]!.PaymentHead.appType = '2';
    expect((await send(zone.pay.key, fixed)).json()).toMatchObject({ messageType: 'CEB412', returnStatus: '120' });
    const again = (await app.inject({ url: `/api/v1/inventories/${d.copNo}`, headers: auth(zone.agent.key) })).json();
    expect(again).toMatchObject({ status: '800', reasons: [] });
    expect(again.receipts.filter((r: { messageType: string }) => r.messageType === 'CEB622').map((r: { returnStatus: string }) => r.returnStatus)).toEqual(['120', '100', '800']);
    // Released, it no longer changes.
    const late = aPaymentMessage(d);
    (late.Payment as Array<{ PaymentHead: Record<string, string> }>)[0]!.PaymentHead.appType = '2';
    expect((await send(zone.pay.key, late)).json()).toMatchObject({ returnStatus: '100', returnInfo: expect.stringContaining('already decided') });
  });

  it('refuses a second list on the same waybill, naming the list that has it', async () => {
    const { zone, send } = await setup();
    const d = zone.deal();
    expect((await send(zone.agent.key, anInventoryMessage(d))).json()).toMatchObject({ returnStatus: '120' });
    const other = zone.deal({ logisticsNo: d.logisticsNo });
    const second = (await send(zone.agent.key, anInventoryMessage(other))).json();
    expect(second).toMatchObject({ messageType: 'CEB622', returnStatus: '100' });
    expect(second.returnInfo).toContain('clearance.waybill_has_list');
    expect(second.returnInfo).toContain(d.copNo);
  });

  it('answers the XML gateway with the receipt as XML, and bad XML with a 400 CEB900 naming the element', async () => {
    const { zone, app, auth, clock } = await setup();
    const d = zone.deal();
    const xml = toXml(anOrderMessage(d));
    if (!xml.ok) throw new Error('sample does not render');
    const ok = await app.inject({ method: 'POST', url: '/api/v1/ceb', payload: '\uFEFF' + xml.xml, headers: { ...auth(zone.ebp.key), 'content-type': 'application/xml' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('application/xml');
    expect(ok.body).toContain('CEB312Message');
    expect(ok.body).toContain('<ceb:returnStatus>120</ceb:returnStatus>');
    const broken = xml.xml.replace(/<ceb:acturalPaid>[^<]*<\/ceb:acturalPaid>/, '<ceb:acturalPaid>abc</ceb:acturalPaid>');
    const bad = await app.inject({ method: 'POST', url: '/api/v1/ceb', payload: broken, headers: { ...auth(zone.ebp.key), 'content-type': 'application/xml' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('CEB900Message');
    expect(bad.body).toContain('acturalPaid');
    const garbage = await app.inject({ method: 'POST', url: '/api/v1/ceb', payload: '<not xml', headers: { ...auth(zone.ebp.key), 'content-type': 'application/xml' } });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.body).toContain('CEB900Message');
    void clock;
  });

  it('refuses a sender that is not the BaseTransfer.copCode, or not in the role, and changes nothing', async () => {
    const { zone, send, app, auth } = await setup();
    const d = zone.deal();
    const wrongRole = (await send(zone.pay.key, anOrderMessage(d, { copCode: zone.pay.code }))).json();
    expect(wrongRole).toMatchObject({ returnStatus: '100', returnInfo: expect.stringContaining('clearance.sender_role') });
    const wrongCop = (await send(zone.ebp.key, anOrderMessage(d, { copCode: zone.ebc.code }))).json();
    expect(wrongCop).toMatchObject({ returnStatus: '100', returnInfo: expect.stringContaining('clearance.sender_mismatch') });
    await send(zone.agent.key, anInventoryMessage(d));
    expect((await app.inject({ url: `/api/v1/inventories/${d.copNo}`, headers: auth(zone.agent.key) })).json().documents.order).toBe(false);
  });

  it('answers invalid JSON with 400 naming the path; in a batch, one CEB900 in place', async () => {
    const { zone, send } = await setup();
    const d = zone.deal();
    const bad = anOrderMessage(d);
    ((bad.Order as Array<{ OrderHead: Record<string, unknown> }>)[0]!.OrderHead).acturalPaid = 'lots';
    const single = await send(zone.ebp.key, bad);
    expect(single.statusCode).toBe(400);
    expect(single.json().error).toMatchObject({ code: 'ceb.invalid_message' });
    expect(JSON.stringify(single.json().error.details)).toContain('acturalPaid');
    const batch = await send(zone.ebp.key, [bad, anOrderMessage(zone.deal({}, 2))]);
    expect(batch.statusCode).toBe(200);
    expect(batch.json().map((r: { messageType: string; returnStatus: string }) => `${r.messageType}:${r.returnStatus}`)).toEqual(['CEB900:-1', 'CEB312:120']);
  });
});
