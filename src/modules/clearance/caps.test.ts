/** Per-person yearly caps end to end: a buyer's sugar is counted over the year, refused past 2 kg, given back on cancellation. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { importZone, type Party } from '../../../test/support/import-zone.js';
import { aCancelMessage, anInventoryMessage, anOrderMessage, aPaymentMessage, aWaybillMessage, type SampleDeal } from '../../gateway/ceb/samples.js';
import type { Principal } from '../../platform/http/principal.js';

afterAll(cleanupPlatforms);

const as = (p: Party): Principal => ({ kind: 'api_key', id: p.id, name: 'key', role: 'enterprise', enterpriseId: p.id });
const admin: Principal = { kind: 'user', id: 'a', name: 'admin', role: 'admin', enterpriseId: null };
const officer: Principal = { kind: 'user', id: 'o', name: 'officer', role: 'customs', enterpriseId: null };

/** One bag of sugar weighing `kg` for 20.00 yuan, no freight: VAT 20.00 × 9.1 % = 1.82. */
const sugar = (kg: string): Partial<SampleDeal> => ({
  goodsValue: '20.00', freight: '0.00', insuredFee: '0', discount: '0', taxTotal: '1.82', acturalPaid: '21.82',
  items: [{ itemNo: 'SUGAR-1', itemName: '白砂糖', gcode: '1701991090', gmodel: '境外品牌|不享惠', barCode: '', unit: '122', qty: '1', price: '20.00', totalPrice: '20.00', unit1: '035', qty1: kg, country: '601' }],
});

describe.each(dialects())('per-person yearly caps on %s', (dialect) => {
  it('counts a buyer’s sugar over the year, refuses past the cap naming it, and gives it back on cancellation', async () => {
    const h = await freshApp(dialect, '2026-06-01T02:00:00.000Z');
    const zone = await importZone(h, { '1701991090': { vatRate: '0.13', consumptionRate: '0', dutyRate: '0.5', positiveList: true, yearlyCapQty: '2', yearlyCapUnit: '035' } });
    const owner: Principal = { kind: 'user', id: 'x', name: 'ebc', role: 'enterprise', enterpriseId: zone.ebc.id };
    const filed = await h.platform.registry.products.file(owner, { itemNo: 'SUGAR-1', itemName: '白砂糖', gcode: '1701991090', gmodel: '境外品牌|不享惠', country: '601', unit: '122', price: '20.00' });
    await h.platform.registry.products.decide(officer, filed.id, 'approve', 'ok');
    const ingest = h.platform.clearance.ingest;
    const all = async (deal: Partial<SampleDeal>) => {
      await ingest.submit(as(zone.ebp), [anOrderMessage(deal)]);
      await ingest.submit(as(zone.pay), [aPaymentMessage(deal)]);
      await ingest.submit(as(zone.logistics), [aWaybillMessage(deal)]);
      await ingest.submit(as(zone.agent), [anInventoryMessage(deal)]);
      return h.platform.clearance.queries.inventory(admin, deal.copNo!);
    };
    const first = zone.deal(sugar('1.5'), 1);
    expect(await all(first)).toMatchObject({ status: '800' });
    const second = await all(zone.deal(sugar('0.6'), 2));
    expect(second.status).toBe('100');
    expect(second.reasons).toMatchObject([{ code: 'clearance.yearly_cap_exceeded', details: { heading: '1701', cap: '2', used: '1.5', list: '0.6' } }]);
    expect(await all(zone.deal(sugar('0.5'), 3))).toMatchObject({ status: '800' });
    // Cancelling the first gives its 1.5 kg back.
    await ingest.submit(as(zone.agent), [aCancelMessage(first)]);
    expect(await all(zone.deal(sugar('1.4'), 4))).toMatchObject({ status: '800' });
    expect((await all(zone.deal(sugar('0.2'), 5))).status).toBe('100');
  });
});
