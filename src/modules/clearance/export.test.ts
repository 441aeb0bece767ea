/**
 * Export clearance through ingestion (DOMAIN.md §1, §5): a cashmere exporter's parcel goes order →
 * receipt of payment → waybill → list → arrival → release → departure → summary → declaration number;
 * documents in any order; simplified (A) versus summary (B) lists; mismatches named; cancellation; bills.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { as, exportZone } from '../../../test/support/export-zone.js';
import { exportSamples, type ExportDeal } from '../../gateway/ceb/samples-export.js';

afterAll(cleanupPlatforms);

describe.each(dialects())('export clearance on %s', (dialect) => {
  async function zone() {
    const h = await freshApp(dialect, '2026-03-10T02:00:00.000Z');
    const z = await exportZone(h);
    const ingest = h.platform.clearance.ingest;
    const send = Object.assign(async (who: keyof typeof z, type: keyof typeof exportSamples, d: Partial<ExportDeal>) => (await ingest.submit(as(z[who] as never), [exportSamples[type](d)]))[0]!, {
      raw: (who: keyof typeof z, msg: unknown) => ingest.submit(as(z[who] as never), [msg as never]),
    });
    const documents = async (d: Partial<ExportDeal>) => {
      await send('ebp', 'CEB303', d);
      await send('pay', 'CEB403', d);
      await send('logistics', 'CEB505', d);
      return send('agent', 'CEB603', d);
    };
    const receipts = async (who: keyof typeof z) => (await h.platform.clearance.queries.receiptsAfter(as(z[who] as never), 0, 1000)).items;
    return { h, z, ingest, send, documents, receipts };
  }

  it('takes a B-list from order to declaration number, with a receipt at every step', async () => {
    const { h, z, send, documents, receipts } = await zone();
    const d = z.deal({ statisticsFlag: 'B' });
    const listAck = await documents(d);
    expect(listAck).toMatchObject({ messageType: 'CEB604', returnStatus: '120' });
    const invtNo = listAck.fields.invtNo!;
    expect(invtNo).toMatch(/^06042026E\d{9}$/);
    let mine = await receipts('agent');
    expect(mine.at(-1)).toMatchObject({ messageType: 'CEB604', returnStatus: '399' });

    expect(await send('site', 'CEB507', d)).toMatchObject({ messageType: 'CEB508', returnStatus: '120' });
    mine = await receipts('agent');
    expect(mine.at(-1)).toMatchObject({ messageType: 'CEB604', returnStatus: '800', fields: { invtNo, statisticsFlag: 'B' } });
    expect(mine.at(-1)!.xml).toContain('<ceb:returnStatus>800</ceb:returnStatus>');

    expect(await send('agent', 'CEB607', { ...d, invtNo })).toMatchObject({ messageType: 'CEB608', returnStatus: '120' });
    expect(await send('logistics', 'CEB509', d)).toMatchObject({ messageType: 'CEB510', returnStatus: '120' });
    expect((await receipts('ebc')).at(-1)).toMatchObject({ messageType: 'CEB604', returnStatus: '899' });

    const sum = await send('agent', 'CEB701', { ...d, invtNo });
    expect(sum).toMatchObject({ messageType: 'CEB702', returnStatus: '399' });
    const result = (await receipts('ebc')).find((r) => r.messageType === 'CEB792')!;
    expect(result.fields.entryId).toMatch(/^060420260\d{9}$/);
    expect(result.fields.sumNo).toBe(sum.fields.sumNo);
    expect(result.xml).toContain('<ceb:entryId>');
    expect(result.xml).toContain(`<ceb:invtNo>${invtNo}</ceb:invtNo>`);
    const stored = await h.platform.database.db.selectFrom('clearance_summary' as never).selectAll().execute() as Array<{ entry_id: string; list_count: number; goods_fen: number }>;
    expect(stored).toHaveLength(1);
    expect(Number(stored[0]!.goods_fen)).toBe(32000);

    // A list goes into one summary only; the repeated application is refused and changes nothing.
    const again = await send('agent', 'CEB701', { ...d, invtNo, copNo: `${d.copNo}X` });
    expect(again).toMatchObject({ returnStatus: '100' });
    expect(again.returnInfo).toContain('clearance.summary_already');
  });

  it('takes documents in any order: arrival before the list is concluded releases it at once', async () => {
    const { z, send, receipts } = await zone();
    const d = z.deal();
    await send('logistics', 'CEB505', d);
    expect(await send('site', 'CEB507', d)).toMatchObject({ returnStatus: '120' });
    await send('agent', 'CEB603', d);
    await send('pay', 'CEB403', d);
    expect((await receipts('agent')).at(-1)).toMatchObject({ messageType: 'CEB604', returnStatus: '120' });
    await send('ebp', 'CEB303', d);
    expect((await receipts('agent')).at(-1)).toMatchObject({ messageType: 'CEB604', returnStatus: '800' });
  });

  it('releases a list at once when its arrival came earlier in the same group commit', async () => {
    const { z, send, receipts } = await zone();
    const d = z.deal();
    await send('ebp', 'CEB303', d);
    await send('pay', 'CEB403', d);
    await send('logistics', 'CEB505', d);
    // The first submission holds the transaction; the arrival and the list wait and commit together, in order.
    const [, arrival, list] = await Promise.all([send('ebp', 'CEB303', z.deal()), send('site', 'CEB507', d), send('agent', 'CEB603', d)]);
    expect(arrival).toMatchObject({ messageType: 'CEB508', returnStatus: '120' });
    expect(list).toMatchObject({ messageType: 'CEB604', returnStatus: '120' });
    expect((await receipts('agent')).at(-1)).toMatchObject({ messageType: 'CEB604', returnStatus: '800' });
  });

  it('takes an arrival split in parts (msgCount 2) part by part, and refuses a split summary application', async () => {
    const { z, send, documents, receipts } = await zone();
    const a = z.deal({ statisticsFlag: 'B' });
    const b = z.deal({ statisticsFlag: 'B' });
    const ackA = await documents(a);
    await documents(b);
    const part = (d: Partial<ExportDeal>, seq: string) => {
      const m = exportSamples.CEB507({ ...d, copNo: a.copNo }) as Record<string, unknown>;
      Object.assign((m.Arrival as Array<Record<string, Record<string, string>>>)[0]!.ArrivalHead!, { msgCount: '2', msgSeqNo: seq });
      return m;
    };
    expect((await send.raw('site', part(a, '1')))[0]).toMatchObject({ messageType: 'CEB508', returnStatus: '120' });
    expect((await send.raw('site', part(b, '2')))[0]).toMatchObject({ messageType: 'CEB508', returnStatus: '120' });
    const released = (await receipts('agent')).filter((r) => r.messageType === 'CEB604' && r.returnStatus === '800').map((r) => r.fields.copNo);
    expect(released.sort()).toEqual([a.copNo, b.copNo].sort());
    // The same part again is a duplicate.
    expect((await send.raw('site', part(a, '1')))[0]!.returnInfo).toContain('clearance.duplicate');

    await send('logistics', 'CEB509', a);
    const sum = exportSamples.CEB701({ ...a, invtNo: ackA.fields.invtNo! }) as Record<string, unknown>;
    Object.assign((sum.SummaryApply as Array<Record<string, Record<string, string>>>)[0]!.SummaryApplyHead!, { msgCount: '2', msgSeqNo: '1' });
    const [split] = await send.raw('agent', sum);
    expect(split).toMatchObject({ messageType: 'CEB702', returnStatus: '100' });
    expect(split!.returnInfo).toContain('clearance.summary_parts');
  });

  it('rejects a list whose waybill never comes when the window closes, naming the waybill', async () => {
    const { h, z, send, receipts } = await zone();
    const d = z.deal();
    await send('ebp', 'CEB303', d);
    await send('pay', 'CEB403', d);
    await send('agent', 'CEB603', d);
    expect(await h.platform.clearance.ingest.expireWaiting(new Date('2026-03-11T01:00:00.000Z'))).toBe(0);
    expect(await h.platform.clearance.ingest.expireWaiting(new Date('2026-03-11T03:00:00.000Z'))).toBe(1);
    const last = (await receipts('agent')).at(-1)!;
    expect(last).toMatchObject({ messageType: 'CEB604', returnStatus: '100' });
    expect(last.returnInfo).toContain('clearance.documents_missing');
    expect(last.returnInfo).toContain('waybill');
  });

  it('refuses an arrival naming an unknown waybill and a departure of a list not released, changing nothing', async () => {
    const { z, send, documents, receipts } = await zone();
    const d = z.deal();
    const arr = await send('site', 'CEB507', d);
    expect(arr.returnStatus).toBe('100');
    expect(arr.returnInfo).toContain(d.logisticsNo!);
    await documents(d);
    const dep = await send('logistics', 'CEB509', d);
    expect(dep.returnStatus).toBe('100');
    expect(dep.returnInfo).toContain('clearance.departure_not_released');
    expect((await receipts('agent')).at(-1)).toMatchObject({ messageType: 'CEB604', returnStatus: '399' });
  });

  it('takes 4-digit headings on simplified lists only, and no licence on them', async () => {
    const { h, z, send, receipts } = await zone();
    const withLine = (d: Partial<ExportDeal>, set: (head: Record<string, unknown>, line: Record<string, unknown>) => void) => {
      const m = exportSamples.CEB603(d) as Record<string, unknown>;
      const inv = (m.Inventory as Array<Record<string, unknown>>)[0]!;
      set(inv.InventoryHead as Record<string, unknown>, (inv.InventoryList as Array<Record<string, unknown>>)[0]!);
      return m;
    };
    const run = async (d: Partial<ExportDeal>, set: (head: Record<string, unknown>, line: Record<string, unknown>) => void) => {
      await send('ebp', 'CEB303', d);
      await send('pay', 'CEB403', d);
      await send('logistics', 'CEB505', d);
      await h.platform.clearance.ingest.submit(as(z.agent), [withLine(d, set) as never]);
      return (await receipts('agent')).at(-1)!;
    };
    expect(await run(z.deal({ statisticsFlag: 'A' }), (_h, l) => (l.gcode = '6214'))).toMatchObject({ returnStatus: '399' });
    const b = await run(z.deal({ statisticsFlag: 'B' }), (_h, l) => (l.gcode = '6214'));
    expect(b.returnStatus).toBe('100');
    expect(b.returnInfo).toContain('clearance.export_gcode');
    const unknown = await run(z.deal({ statisticsFlag: 'A' }), (_h, l) => (l.gcode = '0000'));
    expect(unknown.returnInfo).toContain('clearance.export_gcode_unknown');
    const licensed = await run(z.deal({ statisticsFlag: 'A' }), (hd) => (hd.licenseNo = 'LIC2026000001'));
    expect(licensed.returnInfo).toContain('clearance.simplified_licence');
  });

  it('refuses a second list naming an order another list already declares, changing nothing', async () => {
    const { z, send, documents, receipts } = await zone();
    const d = z.deal();
    await documents(d);
    const second = await send('agent', 'CEB603', { ...d, copNo: `${d.copNo}B` });
    expect(second.returnStatus).toBe('100');
    expect(second.returnInfo).toContain('clearance.order_has_list');
    expect(second.returnInfo).toContain(d.copNo!);
    // Nor may another order's list take its waybill: arrival and departure find the list by it.
    const other = z.deal({ logisticsNo: d.logisticsNo });
    const third = await send('agent', 'CEB603', other);
    expect(third.returnStatus).toBe('100');
    expect(third.returnInfo).toContain('clearance.waybill_has_list');
    await send('site', 'CEB507', d);
    expect((await receipts('agent')).at(-1)).toMatchObject({ messageType: 'CEB604', returnStatus: '800', fields: { copNo: d.copNo } });
  });

  it('names mismatches between order, receipt of payment and list, and reopens the list on a correction', async () => {
    const { z, send, receipts } = await zone();
    const d = z.deal();
    await send('ebp', 'CEB303', d);
    await send('pay', 'CEB403', { ...d, price: '150.00' });
    await send('logistics', 'CEB505', d);
    await send('agent', 'CEB603', d);
    const last = (await receipts('agent')).at(-1)!;
    expect(last).toMatchObject({ messageType: 'CEB604', returnStatus: '100' });
    expect(last.returnInfo).toContain('charge 300.00');
    expect(last.returnInfo).toContain('320.00');
    // The payment firm corrects its receipt (appType 2): the rejected list reopens and is concluded.
    const fix = exportSamples.CEB403(d) as Record<string, unknown>;
    (fix.Receipts as Array<Record<string, string>>)[0]!.appType = '2';
    const [ack] = await send.raw('pay', fix);
    expect(ack).toMatchObject({ messageType: 'CEB404', returnStatus: '120' });
    expect((await receipts('agent')).at(-1)).toMatchObject({ messageType: 'CEB604', returnStatus: '399' });
  });

  it('rejects lists with a statistics flag other than A or B, or a line that is not positive', async () => {
    const { z, documents, receipts } = await zone();
    await documents(z.deal({ statisticsFlag: 'C' as 'A' }));
    const flag = (await receipts('agent')).at(-1)!;
    expect(flag).toMatchObject({ messageType: 'CEB604', returnStatus: '100' });
    expect(flag.returnInfo).toContain('clearance.statistics_flag');
    // A negative amount is refused as it comes in, naming the field; an empty line is rejected at matching.
    const neg = await documents(z.deal({ statisticsFlag: 'A', qty: '-40' }));
    expect(neg).toMatchObject({ messageType: 'CEB604', returnStatus: '100' });
    expect(neg.returnInfo).toContain('totalPrice');
    await documents(z.deal({ statisticsFlag: 'A', qty: '0' }));
    const zero = (await receipts('agent')).at(-1)!;
    expect(zero).toMatchObject({ messageType: 'CEB604', returnStatus: '100' });
    expect(zero.returnInfo).toContain('clearance.export_line_qty');
    expect(zero.returnInfo).toContain('clearance.export_line_total');
  });

  it('binds lists to a master bill only between matching and departure', async () => {
    const { z, send, documents } = await zone();
    const d = z.deal();
    const waiting = await send('agent', 'CEB603', d);
    const early = await send('agent', 'CEB607', { ...d, invtNo: waiting.fields.invtNo! });
    expect(early).toMatchObject({ messageType: 'CEB608', returnStatus: '100' });
    expect(early.returnInfo).toContain('clearance.bill_lists');
    const e = z.deal();
    const ack = await documents(e);
    await send('site', 'CEB507', e);
    await send('logistics', 'CEB509', e);
    const late = await send('agent', 'CEB607', { ...e, invtNo: ack.fields.invtNo! });
    expect(late.returnStatus).toBe('100');
    expect(late.returnInfo).toContain('departed');
  });

  it('rejects an A-list over the ceiling, naming both amounts', async () => {
    const { z, documents, receipts } = await zone();
    const d = z.deal({ statisticsFlag: 'A', qty: '40', price: '160.00' });
    await documents(d);
    const last = (await receipts('agent')).at(-1)!;
    expect(last).toMatchObject({ messageType: 'CEB604', returnStatus: '100' });
    expect(last.returnInfo).toContain('clearance.simplified_over_limit');
    expect(last.returnInfo).toContain('6400.00');
  });

  it('cancels a released list before departure; a departed one cannot be cancelled', async () => {
    const { z, send, documents } = await zone();
    const d = z.deal();
    const ack = await documents(d);
    await send('site', 'CEB507', d);
    const c = await send('agent', 'CEB605', { ...d, invtNo: ack.fields.invtNo! });
    expect(c).toMatchObject({ messageType: 'CEB606', returnStatus: '399' });
    const dep = await send('logistics', 'CEB509', d);
    expect(dep.returnStatus).toBe('100');

    const e = z.deal();
    const ack2 = await documents(e);
    await send('site', 'CEB507', e);
    await send('logistics', 'CEB509', e);
    const late = await send('agent', 'CEB605', { ...e, invtNo: ack2.fields.invtNo! });
    expect(late.returnStatus).toBe('100');
    expect(late.returnInfo).toContain('clearance.already_departed');
  });

  it('refuses to summarise an A-list or lists that differ in destination, all or nothing', async () => {
    const { h, z, send, documents } = await zone();
    const go = async (over: Partial<ExportDeal>) => {
      const d = z.deal(over);
      const ack = await documents(d);
      await send('site', 'CEB507', d);
      await send('logistics', 'CEB509', d);
      return { d, invtNo: ack.fields.invtNo! };
    };
    const a = await go({ statisticsFlag: 'B' });
    const b = await go({ statisticsFlag: 'B', country: '502' });
    const s = await go({ statisticsFlag: 'A' });
    const msg = exportSamples.CEB701({ ...a.d, invtNo: a.invtNo }) as Record<string, unknown>;
    const apply = (msg.SummaryApply as Array<Record<string, unknown>>)[0]!;
    apply.SummaryApplyList = [{ invtNo: a.invtNo }, { invtNo: b.invtNo }, { invtNo: s.invtNo }];
    const [r] = await h.platform.clearance.ingest.submit(as(z.agent), [msg as never]);
    expect(r!.returnStatus).toBe('100');
    expect(r!.returnInfo).toContain('clearance.summary_simplified');
    expect(r!.returnInfo).toContain('502');
    const rows = await h.platform.database.db.selectFrom('clearance_summary' as never).selectAll().execute();
    expect(rows).toHaveLength(0);
  });

  it('refuses a summary with an impossible or unpaired time range, another customs or a bad flag, and changes nothing', async () => {
    const { h, z, send, documents } = await zone();
    const d = z.deal({ statisticsFlag: 'B' });
    const ack = await documents(d);
    await send('site', 'CEB507', d);
    await send('logistics', 'CEB509', d);
    const invtNo = ack.fields.invtNo!;
    const tries: Array<[Record<string, string>, string]> = [
      [{ startTime: '20261301000000', endTime: '20261231235959' }, 'clearance.summary_time'],
      [{ startTime: '20260301000000' }, 'clearance.summary_time'],
      [{ startTime: '20260331000000', endTime: '20260301000000' }, 'clearance.summary_time'],
      [{ customsCode: '0101' }, 'clearance.summary_customs'],
      [{ summaryFlag: '3' }, 'clearance.summary_flag'],
    ];
    for (const [over, code] of tries) {
      const msg = exportSamples.CEB701({ ...d, invtNo }) as Record<string, unknown>;
      const apply = (msg.SummaryApply as Array<Record<string, Record<string, string>>>)[0]!;
      Object.assign(apply.SummaryApplyHead!, over);
      const [r] = await h.platform.clearance.ingest.submit(as(z.agent), [msg as never]);
      expect(r!.returnStatus, JSON.stringify(over)).toBe('100');
      expect(r!.returnInfo, JSON.stringify(over)).toContain(code);
    }
    expect(await h.platform.database.db.selectFrom('clearance_summary' as never).selectAll().execute()).toHaveLength(0);
    const [ok] = await h.platform.clearance.ingest.submit(as(z.agent), [exportSamples.CEB701({ ...d, invtNo }) as never]);
    expect(ok!.returnStatus).toBe('399');
  });
});
