/**
 * The annual quota under concurrency: many lists for one buyer decided in parallel never overdraw it, on
 * SQLite and PostgreSQL; and a list waiting for its documents is rejected naming the missing one when the
 * window closes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { importZone, type Party } from '../../../test/support/import-zone.js';
import { anInventoryMessage, anOrderMessage, aPaymentMessage, aWaybillMessage, sampleItems } from '../../gateway/ceb/samples.js';
import type { Principal } from '../../platform/http/principal.js';

afterAll(cleanupPlatforms);

const as = (p: Party): Principal => ({ kind: 'api_key', id: p.id, name: 'key', role: 'enterprise', enterpriseId: p.id });

describe.each(dialects())('quota and window on %s', (dialect) => {
  it('never overdraws the annual quota with lists for one buyer decided in parallel', async () => {
    const h = await freshApp(dialect);
    const zone = await importZone(h);
    const ingest = h.platform.clearance.ingest;
    const item = { ...sampleItems()[0]!, qty: '1', price: '3000.00', totalPrice: '3000.00' };
    // 3,000 of milk powder, no freight: VAT 3,000 × 13 % × 0.7 = 273.00.
    const deals = Array.from({ length: 10 }, (_, i) => zone.deal({ items: [item], goodsValue: '3000.00', freight: '0', taxTotal: '273.00', acturalPaid: '3273.00' }, i + 1));
    for (const d of deals) {
      await ingest.submit(as(zone.ebp), [anOrderMessage(d)]);
      await ingest.submit(as(zone.pay), [aPaymentMessage(d)]);
      await ingest.submit(as(zone.logistics), [aWaybillMessage(d)]);
    }
    const results = await Promise.all(deals.map((d) => ingest.submit(as(zone.agent), [anInventoryMessage(d)])));
    expect(results.every((r) => r[0]!.returnStatus === '120')).toBe(true);
    const admin: Principal = { kind: 'user', id: 'a', name: 'admin', role: 'admin', enterpriseId: null };
    const statuses = await Promise.all(deals.map(async (d) => (await h.platform.clearance.queries.inventory(admin, d.copNo!)).status));
    expect(statuses.filter((s) => s === '800')).toHaveLength(8);
    expect(statuses.filter((s) => s === '100')).toHaveLength(2);
    const q = await h.platform.clearance.queries.quota(admin, { buyerIdNumber: '11010519491231002X' });
    expect(q).toMatchObject({ used: '24000.00', remaining: '2000.00' });
  }, 60_000);

  it('rejects a list whose waybill never comes when the window closes, naming the waybill', async () => {
    const h = await freshApp(dialect);
    const zone = await importZone(h);
    const ingest = h.platform.clearance.ingest;
    const d = zone.deal();
    await ingest.submit(as(zone.ebp), [anOrderMessage(d)]);
    await ingest.submit(as(zone.pay), [aPaymentMessage(d)]);
    await ingest.submit(as(zone.agent), [anInventoryMessage(d)]);
    h.clock.advance(23 * 3600_000);
    expect(await ingest.expireWaiting(h.clock.now())).toBe(0);
    h.clock.advance(2 * 3600_000);
    expect(await ingest.expireWaiting(h.clock.now())).toBe(1);
    const admin: Principal = { kind: 'user', id: 'a', name: 'admin', role: 'admin', enterpriseId: null };
    const inv = await h.platform.clearance.queries.inventory(admin, d.copNo!);
    expect(inv).toMatchObject({ status: '100', reasons: [{ code: 'clearance.documents_missing', details: { missing: ['waybill'] } }] });
    expect(inv.reasons[0]!.message.en).toContain('waybill');
    // A late waybill changes nothing once the list is decided.
    await ingest.submit(as(zone.logistics), [aWaybillMessage(d)]);
    expect((await h.platform.clearance.queries.inventory(admin, d.copNo!)).status).toBe('100');
    // The agent resends the list as a correction (appType 2): it reopens and, the waybill now there, clears.
    const again = anInventoryMessage(d);
    (again.Inventory as Array<{ InventoryHead: Record<string, string> }>)[0]!.InventoryHead.appType = '2';
    await ingest.submit(as(zone.agent), [again]);
    expect((await h.platform.clearance.queries.inventory(admin, d.copNo!)).status).toBe('800');
  });
});
