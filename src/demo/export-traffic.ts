/**
 * Export parcels for `cbec demo --traffic N`: the zone's cashmere exporters sell abroad through the zone
 * platform, and each parcel's order, receipt of payment, waybill and list go through the real gateway in
 * random order, then its arrival at the supervised site and its departure — a few never arrive, a few are
 * cancelled, a few simplified (A) lists are over the ceiling — and the declaring agent applies to
 * summarise the departed summary (B) lists of one group, leaving the rest due for the console.
 */
import { randomInt } from 'node:crypto';
import type { Platform } from '../compose.js';
import type { App } from '../platform/http/app.js';
import { demoKeys, demoPoster } from './keys.js';
import { exportSamples, type ExportDeal } from '../gateway/ceb/samples-export.js';
import { formatYuan, parseYuan } from '../kernel/money.js';
import { DEMO_BOOKING } from './overseas.js';

const EXPORTERS = [
  { code: '1504960101', name: '赤峰草原羊绒制品有限公司' },
  { code: '1504960102', name: '赤峰金鹿羊绒服饰有限公司' },
];
const PARTIES = { ebp: '1504960001', payment: '1504960502', logistics: '1504960602', agent: '1504980701', site: '1504940401' };
const DESTINATIONS = ['344', '133', '344', '502', '303'];

export interface ExportTrafficReport {
  parcels: number;
  documents: number;
  byOutcome: Record<string, number>;
  summaries: number;
}

export async function driveExportTraffic(platform: Platform, app: App, n: number): Promise<ExportTrafficReport> {
  const keyFor = demoKeys(platform, 'demo export traffic');
  const post = demoPoster(app, keyFor, 'demo export');
  const stamp = Date.now().toString(36).toUpperCase();
  const byOutcome: Record<string, number> = {};
  let documents = 0;
  for (let i = 0; i < n; i++) {
    const dice = randomInt(100);
    const ex = EXPORTERS[i % EXPORTERS.length]!;
    const seq = `${stamp}${String(i).padStart(6, '0')}`;
    const d: Partial<ExportDeal> = {
      orderNo: `EO${seq}`, logisticsNo: `EW${seq}`, copNo: `EC${seq}`,
      ebpCode: PARTIES.ebp, ebpName: '赤峰跨境电商综合服务平台运营有限公司', ebcCode: ex.code, ebcName: ex.name,
      payCode: PARTIES.payment, payName: '蒙银支付科技有限公司', logisticsCode: PARTIES.logistics, logisticsName: '赤峰顺达国际快递有限公司',
      agentCode: PARTIES.agent, agentName: '赤峰海关报关服务有限公司', operatorCode: PARTIES.site, operatorName: '赤峰保税物流中心（B型）运营有限公司',
      statisticsFlag: dice < 60 ? 'B' : 'A', country: DESTINATIONS[randomInt(DESTINATIONS.length)]!,
      qty: String(dice >= 95 ? 40 : 1 + randomInt(4)), price: `${150 + randomInt(300)}.00`, at: new Date(),
    };
    if (dice >= 95) d.statisticsFlag = 'A'; // over the simplified ceiling: rejected, naming both amounts
    const sends: Array<[string, unknown]> = [
      [PARTIES.ebp, exportSamples.CEB303(d)],
      [PARTIES.payment, exportSamples.CEB403(d)],
      [PARTIES.logistics, exportSamples.CEB505(d)],
      [PARTIES.agent, exportSamples.CEB603(d)],
    ];
    for (let k = sends.length - 1; k > 0; k--) {
      const j = randomInt(k + 1);
      [sends[k], sends[j]] = [sends[j]!, sends[k]!];
    }
    for (const [code, m] of sends) await post(code, m);
    documents += sends.length;
    if (dice < 90) {
      await post(PARTIES.site, exportSamples.CEB507(d));
      documents += 1;
      if (dice < 8) {
        const list = await app.inject({ url: `/api/v1/export/lists/${d.copNo}`, headers: { authorization: `Bearer ${await keyFor(PARTIES.agent)}` } });
        await post(PARTIES.agent, exportSamples.CEB605({ ...d, invtNo: (list.json() as { invtNo: string }).invtNo }));
      } else {
        await post(PARTIES.logistics, exportSamples.CEB509(d));
      }
      documents += 1;
    }
    const list = await app.inject({ url: `/api/v1/export/lists/${d.copNo}`, headers: { authorization: `Bearer ${await keyFor(PARTIES.agent)}` } });
    const r = list.json() as { status: string; cancelled: boolean };
    const outcome = r.cancelled ? 'cancelled' : ({ '120': 'waiting', '100': 'rejected', '399': 'concluded', '800': 'released', '899': 'departed' } as Record<string, string>)[r.status] ?? r.status;
    byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1;
  }
  // The agent summarises the first group due; the others stay due for the console's summary page.
  let summaries = 0;
  const token = await keyFor(PARTIES.agent);
  const due = (await app.inject({ url: '/api/v1/export/summaries/due', headers: { authorization: `Bearer ${token}` } })).json() as { items: Array<{ invtNos: string[] }> };
  const first = due.items[0];
  if (first && due.items.length > 1) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/export/summaries', payload: { invtNos: first.invtNos, summaryFlag: '1' }, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode !== 201) throw new Error(`the demo summary was refused: ${res.statusCode} ${res.body.slice(0, 300)}`);
    summaries += 1;
  }
  return { parcels: n, documents, byOutcome, summaries };
}

/**
 * The demo zone's B2B exports: a 9710 parcel of the cashmere exporter sold on the zone platform, by list
 * (order, waybill, list, arrival, departure: no receipt of payment), and the 9810 booking order into the
 * Frankfurt warehouse, too large for a list, declared by customs declaration with attached document
 * 10000004 naming the booking. Returns the declaration number.
 */
export async function driveB2BExports(platform: Platform, app: App): Promise<{ list: string; entryId: string }> {
  const keyFor = demoKeys(platform, 'demo B2B exports');
  const send = demoPoster(app, keyFor, 'demo B2B');
  const post = (code: string, message: unknown) => send(code, message, { accepted: true });
  const exporter = EXPORTERS[0]!;
  const seq = Date.now().toString(36).toUpperCase();
  const d: Partial<ExportDeal> = {
    orderNo: `B2B${seq}`, logisticsNo: `BW${seq}`, copNo: `BC${seq}`, tradeMode: '9710', statisticsFlag: 'B',
    ebpCode: PARTIES.ebp, ebpName: '赤峰跨境电商综合服务平台运营有限公司', ebcCode: exporter.code, ebcName: exporter.name,
    logisticsCode: PARTIES.logistics, logisticsName: '赤峰顺达国际快递有限公司', agentCode: PARTIES.agent, agentName: '赤峰海关报关服务有限公司',
    operatorCode: PARTIES.site, operatorName: '赤峰保税物流中心（B型）运营有限公司', country: '344', qty: '3', price: '980.00', at: new Date(),
  };
  await post(PARTIES.ebp, exportSamples.CEB303(d));
  await post(PARTIES.logistics, exportSamples.CEB505(d));
  await post(PARTIES.agent, exportSamples.CEB603(d));
  await post(PARTIES.site, exportSamples.CEB507(d));
  await post(PARTIES.logistics, exportSamples.CEB509(d));

  const lines = DEMO_BOOKING.lines.map((l) => {
    const total = parseYuan(l.value, 'value');
    return { gcode: l.gcode, gname: l.itemName, qty: l.qty, unit: l.unit, price: formatYuan(Math.round(total / Number(l.qty))), totalPrice: l.value };
  });
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/export/entries',
    headers: { authorization: `Bearer ${await keyFor(PARTIES.agent)}` },
    payload: { copNo: `B2B-${DEMO_BOOKING.bookingNo}`, tradeMode: '9810', ebcCode: exporter.code, customsCode: '0604', portCode: '0604', country: '304', currency: '142', attachedNo: DEMO_BOOKING.bookingNo, lines },
  });
  if (res.statusCode !== 201) throw new Error(`the demo 9810 declaration was refused: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return { list: d.copNo!, entryId: (res.json() as { entryId: string }).entryId };
}
