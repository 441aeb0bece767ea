/**
 * Clearance with the other modules' ports: 1210 lists take stock from the zone's account book and give it
 * back when cancelled; a postal operator pushes a platform's orders under a 代推 undertaking.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { anEnterprise, aCustomsCode } from '../../../test/support/builders.js';
import { importZone, type Party } from '../../../test/support/import-zone.js';
import { aCancelMessage, anInventoryMessage, anOrderMessage, aPaymentMessage, aWaybillMessage, sampleItems, type SampleDeal } from '../../gateway/ceb/samples.js';
import type { Principal } from '../../platform/http/principal.js';

afterAll(cleanupPlatforms);

const as = (p: Party): Principal => ({ kind: 'api_key', id: p.id, name: 'key', role: 'enterprise', enterpriseId: p.id });
const admin: Principal = { kind: 'user', id: 'a', name: 'admin', role: 'admin', enterpriseId: null };
const officer: Principal = { kind: 'user', id: 'o', name: 'officer', role: 'customs', enterpriseId: null };
const EMS = 'T0401W000001';

/** A 1210 list: the book and each line's record number in it (IR-1, IR-2, …). */
function bondedList(deal: Partial<SampleDeal>) {
  const m = anInventoryMessage({ ...deal, tradeMode: '1210' });
  const inv = (m.Inventory as Array<{ InventoryHead: Record<string, string>; InventoryList: Array<Record<string, string>> }>)[0]!;
  inv.InventoryHead.emsNo = EMS;
  inv.InventoryList.forEach((l, i) => (l.itemRecordNo = `IR-${i + 1}`));
  return m;
}

describe.each(dialects())('clearance with bonded stock and push-on-behalf on %s', (dialect) => {
  it('releases a 1210 list out of the account book, refuses one the stock cannot cover naming it, and takes cancelled goods back', async () => {
    const h = await freshApp(dialect, '2026-06-01T02:00:00.000Z');
    const zone = await importZone(h);
    const p = h.platform;
    const warehouse = await p.registry.enterprises.file(officer, anEnterprise({ roles: ['warehouse'], customsCode: aCustomsCode() }));
    await p.registry.enterprises.decide(officer, warehouse.id, 'approve', 'ok');
    await p.bonded.books.create(officer, { enterpriseId: warehouse.id, emsNo: EMS, district: '0401', name: '赤峰保税物流中心账册' });
    const items = sampleItems();
    for (const [i, it] of items.entries()) await p.bonded.books.addItem(officer, EMS, { itemRecordNo: `IR-${i + 1}`, gcode: it.gcode, goodsName: it.itemName, unit: it.unit });
    // One list's worth of each item, and one more of the first.
    await p.bonded.entries.post(officer, EMS, { entryNo: 'RQ-0001', entryDate: '2026-05-30', lines: items.map((it, i) => ({ itemRecordNo: `IR-${i + 1}`, qty: String(Number(it.qty) + (i === 0 ? 1 : 0)) })) });

    const ingest = p.clearance.ingest;
    const all = async (deal: Partial<SampleDeal>) => {
      await ingest.submit(as(zone.ebp), [anOrderMessage(deal)]);
      await ingest.submit(as(zone.pay), [aPaymentMessage(deal)]);
      await ingest.submit(as(zone.logistics), [aWaybillMessage(deal)]);
      await ingest.submit(as(zone.agent), [bondedList(deal)]);
      return p.clearance.queries.inventory(admin, deal.copNo!);
    };
    const first = zone.deal({ tradeMode: '1210' }, 1);
    expect(await all(first)).toMatchObject({ status: '800', tradeMode: '1210' });
    const second = await all(zone.deal({ tradeMode: '1210' }, 2));
    expect(second.status).toBe('100');
    expect(second.reasons[0]).toMatchObject({ code: 'bonded.insufficient_stock' });
    expect(JSON.stringify(second.reasons[0])).toContain('IR-2');
    // The refused list took nothing: cancelling the first brings its goods back, and a third goes through.
    await ingest.submit(as(zone.agent), [aCancelMessage(first)]);
    expect(await all(zone.deal({ tradeMode: '1210' }, 3))).toMatchObject({ status: '800' });
  });

  it('lets a postal operator push a platform’s orders only under an approved undertaking in force', async () => {
    const h = await freshApp(dialect, '2026-06-01T02:00:00.000Z');
    const zone = await importZone(h);
    const p = h.platform;
    const d = zone.deal();
    const pushed = () => p.clearance.ingest.submit(as(zone.logistics), [anOrderMessage(d, { copCode: zone.logistics.code })]);
    const [before] = await pushed();
    expect(before).toMatchObject({ returnStatus: '100', returnInfo: expect.stringContaining('clearance.no_undertaking') });
    const operator: Principal = { kind: 'user', id: 'op', name: 'post', role: 'enterprise', enterpriseId: zone.logistics.id };
    const u = await p.registry.undertakings.file(operator, { kinds: ['order', 'payment'], ownerCodes: [zone.ebp.code], validFrom: '2026-01-01', validTo: '2026-12-31' });
    const [pending] = await pushed();
    expect(pending!.returnStatus).toBe('100');
    await p.registry.undertakings.decide(officer, u.id, 'approve');
    const [after] = await pushed();
    expect(after).toMatchObject({ messageType: 'CEB312', returnStatus: '120' });
  });
});
