/**
 * What happens around a list: waybill status (CEB513) and arrival at the supervised site (CEB711) are
 * recorded against the waybill and shown on the list; a cancelled released list voids its tax bill
 * (CEB818); customs' decision keeps the reasons a list was held for; a copNo two agents used is asked for
 * with agentCode.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { anEnterprise, aCustomsCode } from '../../../test/support/builders.js';
import { importZone, type Party } from '../../../test/support/import-zone.js';
import { aCancelMessage, anArrivalMessage, anInventoryMessage, anOrderMessage, aPaymentMessage, aWaybillMessage, aWaybillStatusMessage, type SampleDeal } from '../../gateway/ceb/samples.js';
import type { Principal } from '../../platform/http/principal.js';

afterAll(cleanupPlatforms);

const as = (p: Party): Principal => ({ kind: 'api_key', id: p.id, name: 'key', role: 'enterprise', enterpriseId: p.id });
const admin: Principal = { kind: 'user', id: 'a', name: 'admin', role: 'admin', enterpriseId: null };
const officer: Principal = { kind: 'user', id: 'o', name: 'officer', role: 'customs', enterpriseId: null };

describe.each(dialects())('waybill events, tax bill status and list look-ups on %s', (dialect) => {
  async function zoneWith(extra: { samplingRate?: number } = {}) {
    const h = await freshApp(dialect, '2026-06-01T02:00:00.000Z', extra);
    const zone = await importZone(h);
    const ingest = h.platform.clearance.ingest;
    const all = async (deal: Partial<SampleDeal>) => {
      await ingest.submit(as(zone.ebp), [anOrderMessage(deal)]);
      await ingest.submit(as(zone.pay), [aPaymentMessage(deal)]);
      await ingest.submit(as(zone.logistics), [aWaybillMessage(deal)]);
      return ingest.submit(as(zone.agent), [anInventoryMessage(deal)]);
    };
    return { h, zone, ingest, all };
  }

  it('records waybill status and arrival against the waybill, refusing unknown waybills and other senders', async () => {
    const { h, zone, ingest, all } = await zoneWith();
    const d = zone.deal();
    await all(d);
    const [st] = await ingest.submit(as(zone.logistics), [aWaybillStatusMessage(d, { status: 'S' })]);
    expect(st).toMatchObject({ messageType: 'CEB514', returnStatus: '120', fields: { logisticsNo: d.logisticsNo, logisticsStatus: 'S' } });
    expect(st!.xml).toContain('<ceb:LogisticsStatusReturn>');
    // The logistics firm runs the site here: it reports the arrival with operatorCode its own.
    const [arr] = await ingest.submit(as(zone.logistics), [anArrivalMessage(d, { operatorCode: zone.logistics.code })]);
    expect(arr).toMatchObject({ messageType: 'CEB712', returnStatus: '120' });
    const inv = await h.platform.clearance.queries.inventory(admin, d.copNo!);
    expect(inv.waybillEvents.map((e) => [e.kind, e.status])).toEqual([['waybill_status', 'S'], ['arrival', 'arrived']]);
    // Receipt history has the four documents' acceptances and the release.
    expect(inv.receipts.map((r) => r.messageType)).toEqual(expect.arrayContaining(['CEB312', 'CEB412', 'CEB512', 'CEB622', 'CEB816']));

    const unknown = zone.deal({}, 2);
    const [bad] = await ingest.submit(as(zone.logistics), [anArrivalMessage(unknown, { operatorCode: zone.logistics.code, logisticsNos: [d.logisticsNo!, unknown.logisticsNo!] })]);
    expect(bad).toMatchObject({ returnStatus: '100', returnInfo: expect.stringContaining(`clearance.waybill_not_found: 物流企业 ${zone.logistics.code} 没有运单：${unknown.logisticsNo}`) });
    const [wrong] = await ingest.submit(as(zone.agent), [aWaybillStatusMessage(d, { copCode: zone.agent.code })]);
    expect(wrong).toMatchObject({ returnStatus: '100', returnInfo: expect.stringContaining('clearance.sender_role') });
    const after = await h.platform.clearance.queries.inventory(admin, d.copNo!);
    expect(after.waybillEvents).toHaveLength(2);
  });

  it('voids the tax bill of a released list that is cancelled (CEB818 status 3)', async () => {
    const { h, zone, ingest, all } = await zoneWith();
    const d = zone.deal();
    await all(d);
    await ingest.submit(as(zone.agent), [aCancelMessage(d)]);
    const { items } = await h.platform.clearance.queries.receiptsAfter(as(zone.ebp), 0, 100);
    const voided = items.find((r) => r.messageType === 'CEB818');
    expect(voided).toMatchObject({ returnStatus: '3', fields: { status: '3' } });
    expect(voided!.xml).toContain('<ceb:TaxHeadStatus>');
    expect(voided!.xml).toContain('<ceb:status>3</ceb:status>');
  });

  it('keeps the reasons a list was held for beside customs’ decision', async () => {
    const { h, zone, all } = await zoneWith({ samplingRate: 0.999999 });
    const d = zone.deal();
    const [r] = await all(d);
    expect(r!.returnStatus).toBe('120');
    expect((await h.platform.clearance.queries.inventory(admin, d.copNo!)).status).toBe('500');
    await h.platform.clearance.ingest.decide(officer, d.copNo!, 'release', '查验无异常');
    const inv = await h.platform.clearance.queries.inventory(admin, d.copNo!);
    expect(inv.status).toBe('800');
    expect(inv.reasons.map((x) => x.code)).toEqual(['clearance.sampled', 'clearance.released_by_customs']);
  });

  it('asks which agent when two agents declared the same copNo', async () => {
    const { h, zone, ingest, all } = await zoneWith();
    const d = zone.deal();
    await all(d);
    const other = await h.platform.registry.enterprises.file(officer, anEnterprise({ roles: ['agent'], customsCode: aCustomsCode() }));
    await h.platform.registry.enterprises.decide(officer, other.id, 'approve', 'ok');
    const otherAgent = await h.platform.registry.enterprises.summary(other.id);
    const d2 = { ...zone.deal({}, 3), copNo: d.copNo, agentCode: otherAgent!.customsCode, assureCode: otherAgent!.customsCode };
    await ingest.submit(as(zone.ebp), [anOrderMessage(d2)]);
    await ingest.submit(as({ id: other.id, code: otherAgent!.customsCode, key: '' }), [anInventoryMessage(d2)]);
    await expect(h.platform.clearance.queries.inventory(admin, d.copNo!)).rejects.toMatchObject({ code: 'clearance.ambiguous_list' });
    expect((await h.platform.clearance.queries.inventory(admin, d.copNo!, zone.agent.code)).status).toBe('800');
    expect((await h.platform.clearance.queries.inventory(admin, d.copNo!, otherAgent!.customsCode)).status).toBe('120');
    // Each agent sees only its own under that number.
    expect((await h.platform.clearance.queries.inventory(as(zone.agent), d.copNo!)).agentCode).toBe(zone.agent.code);
  });
});
