/**
 * Import clearance throughput: complete lists per second end to end (order + payment + waybill + list,
 * distinct buyers, every one released and durable) through JSON batches and through single CEB XML
 * messages, against the demo zone's platform, payment firm, postal firm and declaring agent.
 */
import { formatYuan } from '../src/kernel/money.js';
import { anInventoryMessage, anOrderMessage, aPaymentMessage, aWaybillMessage, type SampleDeal } from '../src/gateway/ceb/samples.js';
import { toXml } from '../src/gateway/ceb/to-xml.js';
import { aResidentId } from '../src/demo/traffic.js';

export type Call = (path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<{ status: number; body: string }>;

const PARTY = { ebp: ['mall', '1504960001'], ebc: ['babycare', '1504941001'], pay: ['pay', '1504960502'], logistics: ['post', '1504910601'], agent: ['agent', '1504980701'] } as const;

async function keyFor(call: Call, username: string): Promise<string> {
  const login = JSON.parse((await call('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo2026' }) })).body) as { token: string; user: { enterpriseId: string } };
  const res = await call(`/api/v1/enterprises/${login.user.enterpriseId}/api-keys`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` }, body: JSON.stringify({ label: 'bench' }) });
  return (JSON.parse(res.body) as { key: string }).key;
}

/** One purchase of two tins of infant formula (2 × 238.00 + 20.00 freight; VAT 496 × 9.1 % = 45.14). */
export function benchDeal(run: string, i: number): Partial<SampleDeal> {
  const seq = `${run}${String(i).padStart(7, '0')}`;
  return {
    orderNo: `BO${seq}`, payTransactionId: `BP${seq}`, logisticsNo: `BL${seq}`, copNo: `BC${seq}`,
    ebpCode: PARTY.ebp[1], ebcCode: PARTY.ebc[1], payCode: PARTY.pay[1], logisticsCode: PARTY.logistics[1], agentCode: PARTY.agent[1], assureCode: PARTY.agent[1],
    buyerIdNumber: aResidentId(100_000 + i), buyerName: `买家${i}`, buyerRegNo: `b${i}`,
    goodsValue: '476.00', freight: '20.00', taxTotal: '45.14', acturalPaid: formatYuan(54_114),
    items: [{ itemNo: 'BB-NF-1', itemName: '婴幼儿配方奶粉（1段）', gcode: '1901101000', gmodel: '1段', barCode: '', unit: '122', qty: '2', price: '238.00', totalPrice: '476.00', unit1: '035', qty1: '1.6', country: '609' }],
    at: new Date(),
  };
}

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

async function released(call: Call, token: string): Promise<number> {
  const res = JSON.parse((await call(`/api/v1/declarations?status=800&limit=1`, { headers: { authorization: `Bearer ${token}` } })).body) as { total: number };
  return res.total;
}

export async function benchClearance(call: Call, record: (what: string, value: string) => void, sizes = { json: 4_000, xml: 1_000 }) {
  const keys = {
    ebp: await keyFor(call, PARTY.ebp[0]),
    pay: await keyFor(call, PARTY.pay[0]),
    logistics: await keyFor(call, PARTY.logistics[0]),
    agent: await keyFor(call, PARTY.agent[0]),
  };
  const customs = (JSON.parse((await call('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'customs', password: 'demo2026' }) })).body) as { token: string }).token;
  const json = (key: string, body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });

  // JSON batches of 250 documents, 4 in flight; lists go last so each completes its declaration.
  const run = Date.now().toString(36).toUpperCase();
  const deals = Array.from({ length: sizes.json }, (_, i) => benchDeal(run, i));
  const kinds: Array<[keyof typeof keys, (d: Partial<SampleDeal>) => unknown]> = [['ebp', anOrderMessage], ['pay', aPaymentMessage], ['logistics', aWaybillMessage], ['agent', anInventoryMessage]];
  const before = await released(call, customs);
  let failed = 0;
  const started = performance.now();
  for (const [party, build] of kinds) {
    const batches: unknown[][] = [];
    for (let i = 0; i < deals.length; i += 250) batches.push(deals.slice(i, i + 250).map(build));
    await pool(batches, 4, async (batch) => {
      const res = await call('/api/v1/messages', json(keys[party], batch));
      if (res.status !== 200) failed += batch.length;
    });
  }
  const secs = (performance.now() - started) / 1000;
  const ok = (await released(call, customs)) - before;
  record('lists end to end, JSON batches of 250', `${Math.round(sizes.json / secs).toLocaleString('en')} lists/s (${(sizes.json * 4 / secs).toFixed(0)} documents/s; ${ok}/${sizes.json} released${failed ? `, ${failed} refused!` : ''})`);

  // CEB XML, one message per request, 32 in flight.
  const run2 = `X${run}`;
  const xmlDeals = Array.from({ length: sizes.xml }, (_, i) => benchDeal(run2, i));
  const xmls = kinds.map(([party, build]) => ({ party, bodies: xmlDeals.map((d) => { const r = toXml(build(d)); if (!r.ok) throw new Error('sample does not render'); return r.xml; }) }));
  const before2 = await released(call, customs);
  let bad = 0;
  const t2 = performance.now();
  for (const { party, bodies } of xmls) {
    await pool(bodies, 32, async (body) => {
      const res = await call('/api/v1/ceb', { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${keys[party]}` }, body });
      if (res.status !== 200) bad++;
    });
  }
  const secs2 = (performance.now() - t2) / 1000;
  const ok2 = (await released(call, customs)) - before2;
  record('lists end to end, CEB XML one message per request', `${Math.round(sizes.xml / secs2).toLocaleString('en')} lists/s (${(sizes.xml * 4 / secs2).toFixed(0)} messages/s; ${ok2}/${sizes.xml} released${bad ? `, ${bad} refused!` : ''})`);
}
