/**
 * Export clearance figure, against the demo zone's platform, cashmere exporter, payment firm, express firm,
 * declaring agent and supervised site: export parcels per second end to end (order + receipt of payment +
 * waybill + list + arrival, every one released and durable) through JSON batches of 250.
 */
import { exportSamples, type ExportDeal } from '../src/gateway/ceb/samples-export.js';
import { keyFor, tokenFor, type Call } from './clearance.js';

const PARTY = { ebp: ['mall', '1504960001'], pay: ['pay', '1504960502'], logistics: ['post', '1504910601'], agent: ['agent', '1504980701'], site: ['bonded', '1504940401'] } as const;
type Party = keyof typeof PARTY;

const int = (n: number) => Math.round(n).toLocaleString('en');

export async function benchExport(call: Call, record: (what: string, value: string) => void, parcels = 2_000) {
  const keys = {} as Record<Party, string>;
  for (const p of Object.keys(PARTY) as Party[]) keys[p] = await keyFor(call, PARTY[p][0]);
  const customs = (await tokenFor(call, 'customs')).token;
  const released = async () => (JSON.parse((await call('/api/v1/export/lists?status=800&limit=1', { headers: { authorization: `Bearer ${customs}` } })).body) as { total: number }).total;

  const run = `E${Date.now().toString(36).toUpperCase()}`;
  const deals: Array<Partial<ExportDeal>> = Array.from({ length: parcels }, (_, i) => {
    const seq = `${run}${String(i).padStart(7, '0')}`;
    return { orderNo: `XO${seq}`, logisticsNo: `XW${seq}`, copNo: `XC${seq}`, ebpCode: PARTY.ebp[1], ebcCode: '1504960101', payCode: PARTY.pay[1], logisticsCode: PARTY.logistics[1], agentCode: PARTY.agent[1], operatorCode: PARTY.site[1], statisticsFlag: 'B', at: new Date() };
  });
  // The arrival goes last: each parcel is released by it.
  const steps: Array<[Party, keyof typeof exportSamples]> = [['ebp', 'CEB303'], ['pay', 'CEB403'], ['logistics', 'CEB505'], ['agent', 'CEB603'], ['site', 'CEB507']];
  const before = await released();
  let refused = 0;
  const started = performance.now();
  for (const [party, type] of steps) {
    const batches: unknown[][] = [];
    for (let i = 0; i < deals.length; i += 250) batches.push(deals.slice(i, i + 250).map((d) => exportSamples[type](d)));
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const res = await call('/api/v1/messages', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[party]}` }, body: JSON.stringify(batch) });
        if (res.status !== 200) refused += batch.length;
      }
    }));
  }
  const secs = (performance.now() - started) / 1000;
  const ok = (await released()) - before;
  record('export parcels end to end, JSON batches of 250', `${int(parcels / secs)} parcels/s (${int((parcels * steps.length) / secs)} documents/s; ${ok}/${parcels} released${refused ? `, ${refused} refused!` : ''})`);
}
