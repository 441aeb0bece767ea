/** After declaration: cancellation and returns give quota back; customs decides lists it holds. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { importZone, type Party } from '../../../test/support/import-zone.js';
import { aCancelMessage, anInventoryMessage, anOrderMessage, aPaymentMessage, aReturnMessage, aWaybillMessage } from '../../gateway/ceb/samples.js';
import type { Principal } from '../../platform/http/principal.js';
import type { SampleDeal } from '../../gateway/ceb/samples.js';

afterAll(cleanupPlatforms);

const as = (p: Party): Principal => ({ kind: 'api_key', id: p.id, name: 'key', role: 'enterprise', enterpriseId: p.id });
const admin: Principal = { kind: 'user', id: 'a', name: 'admin', role: 'admin', enterpriseId: null };

describe.each(dialects())('cancellation, returns and customs decisions on %s', (dialect) => {
  async function declared(extra: { samplingRate?: number } = {}) {
    const h = await freshApp(dialect, '2026-06-01T02:00:00.000Z', extra);
    const zone = await importZone(h);
    const d = zone.deal();
    const ingest = h.platform.clearance.ingest;
    const all = async (deal: Partial<SampleDeal>) => {
      await ingest.submit(as(zone.ebp), [anOrderMessage(deal)]);
      await ingest.submit(as(zone.pay), [aPaymentMessage(deal)]);
      await ingest.submit(as(zone.logistics), [aWaybillMessage(deal)]);
      return ingest.submit(as(zone.agent), [anInventoryMessage(deal)]);
    };
    await all(d);
    const inv = () => h.platform.clearance.queries.inventory(admin, d.copNo!);
    const quota = async () => (await h.platform.clearance.queries.quota(admin, { buyerIdNumber: '11010519491231002X' })).used;
    return { h, zone, d, ingest, inv, quota };
  }

  it('cancels a released list and gives its quota back; a second cancellation is refused', async () => {
    const { zone, d, ingest, inv, quota } = await declared();
    expect((await inv()).status).toBe('800');
    expect(await quota()).toBe('1050.00');
    const [r] = await ingest.submit(as(zone.agent), [aCancelMessage(d)]);
    expect(r).toMatchObject({ messageType: 'CEB624', returnStatus: '399' });
    expect((await inv()).status).toBe('399');
    expect(await quota()).toBe('0.00');
    const [again] = await ingest.submit(as(zone.agent), [aCancelMessage(d)]);
    expect(again).toMatchObject({ returnStatus: '100', returnInfo: expect.stringContaining('clearance.duplicate') });
  });

  it('takes a partial return within 30 days and releases its share; refuses over-returns and late returns', async () => {
    const { h, zone, d, ingest, inv, quota } = await declared();
    // Line 1 (milk powder, qty 2, dutiable 420.00): returning 1 gives back 210.00.
    const partial = aReturnMessage(d, { lines: [1] });
    ((partial.InvtRefund as Array<{ InvtRefundList: Array<{ qty: string }> }>)[0]!.InvtRefundList[0]!).qty = '1';
    const [r] = await ingest.submit(as(zone.agent), [partial]);
    expect(r).toMatchObject({ messageType: 'CEB626', returnStatus: '120' });
    expect(await quota()).toBe('840.00');
    expect((await inv()).returns).toMatchObject([{ lines: [{ gnum: 1, qty: '1' }], releasedFen: 21_000 }]);
    const over = aReturnMessage(d, { lines: [1] });
    const [o] = await ingest.submit(as(zone.agent), [over]);
    expect(o).toMatchObject({ returnStatus: '100', returnInfo: expect.stringContaining('clearance.return_exceeds') });
    h.clock.advance(31 * 86_400_000);
    const [late] = await ingest.submit(as(zone.agent), [aReturnMessage(d, { lines: [2] })]);
    expect(late).toMatchObject({ returnStatus: '100', returnInfo: expect.stringContaining('clearance.return_window_closed') });
    expect(await quota()).toBe('840.00');
  });

  it('holds sampled lists for inspection; customs releases one (tax bill issued) or rejects one (quota back)', async () => {
    const { h, zone, d, inv, quota } = await declared({ samplingRate: 1 });
    expect((await inv())).toMatchObject({ status: '500', reasons: [{ code: 'clearance.sampled' }] });
    expect(await quota()).toBe('1050.00');
    const customs = await h.userToken('customs');
    const noReason = await h.app.inject({ method: 'POST', url: `/api/v1/inventories/${d.copNo}/decision`, payload: { decision: 'release' }, headers: h.auth(customs) });
    expect(noReason.statusCode).toBe(400);
    const byAgent = await h.app.inject({ method: 'POST', url: `/api/v1/inventories/${d.copNo}/decision`, payload: { decision: 'release', reason: 'x' }, headers: h.auth(zone.agent.key) });
    expect(byAgent.statusCode).toBe(403);
    const ok = await h.app.inject({ method: 'POST', url: `/api/v1/inventories/${d.copNo}/decision`, payload: { decision: 'release', reason: '查验无误' }, headers: h.auth(customs) });
    expect(ok.json()).toMatchObject({ status: '800' });
    const receipts = (await h.app.inject({ url: '/api/v1/receipts', headers: h.auth(zone.agent.key) })).json();
    expect(receipts.items.map((r: { messageType: string; returnStatus: string }) => `${r.messageType}:${r.returnStatus}`)).toEqual(['CEB622:120', 'CEB622:500', 'CEB622:800', 'CEB816:1']);
    const again = await h.app.inject({ method: 'POST', url: `/api/v1/inventories/${d.copNo}/decision`, payload: { decision: 'reject', reason: 'x' }, headers: h.auth(customs) });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe('clearance.not_held');

    const d2 = zone.deal({}, 2);
    const ingest = h.platform.clearance.ingest;
    await ingest.submit(as(zone.ebp), [anOrderMessage(d2)]);
    await ingest.submit(as(zone.pay), [aPaymentMessage(d2)]);
    await ingest.submit(as(zone.logistics), [aWaybillMessage(d2)]);
    await ingest.submit(as(zone.agent), [anInventoryMessage(d2)]);
    expect(await quota()).toBe('2100.00');
    const rej = await h.app.inject({ method: 'POST', url: `/api/v1/inventories/${d2.copNo}/decision`, payload: { decision: 'reject', reason: '货证不符' }, headers: h.auth(customs) });
    expect(rej.json()).toMatchObject({ status: '100' });
    expect(await quota()).toBe('1050.00');
    const list = (await h.app.inject({ url: '/api/v1/declarations?status=100', headers: h.auth(customs) })).json();
    expect(list).toMatchObject({ total: 1, items: [{ copNo: d2.copNo, status: '100' }] });
    const mine = (await h.app.inject({ url: '/api/v1/declarations', headers: h.auth(zone.pay.key) })).json();
    expect(mine.total).toBe(0);
    expect((await h.app.inject({ url: '/api/v1/declarations', headers: h.auth(zone.agent.key) })).json().total).toBe(2);
  });
});
