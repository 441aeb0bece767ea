/**
 * Import clearance figures, against the demo zone's platform, payment firm, postal firm and declaring agent:
 * - complete lists per second end to end (order + payment + waybill + list, distinct buyers, every one
 *   released and durable) through JSON batches and through single CEB XML messages;
 * - receipt latency at a fixed offered load (open loop: sends go out on the clock, not on replies, and
 *   latency counts from the scheduled send, so a server that falls behind shows in the figures);
 * - the raw insert rate of the rows one released list leaves, with prepared statements in the server
 *   process (raw-insert.ts), and the end-to-end JSON rate as a share of it.
 * Targets are printed beside the figures; nothing here passes or fails.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { formatYuan } from '../src/kernel/money.js';
import { anInventoryMessage, anOrderMessage, aPaymentMessage, aWaybillMessage, type SampleDeal } from '../src/gateway/ceb/samples.js';
import { toXml } from '../src/gateway/ceb/to-xml.js';
import { aResidentId } from '../src/demo/traffic.js';
import type { RawInsertReport } from './raw-insert.js';
import { percentile } from './stats.js';

export type Call = (path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<{ status: number; body: string }>;

const PARTY = { ebp: ['mall', '1504960001'], ebc: ['babycare', '1504941001'], pay: ['pay', '1504960502'], logistics: ['post', '1504910601'], agent: ['agent', '1504980701'] } as const;

// Logins are rate-limited per address (30 a minute): each bench logs a user in once per server and shares it.
const logins = new WeakMap<Call, Map<string, Promise<{ token: string; enterpriseId: string | null }>>>();

/** A bearer token of a demo user (password demo2026), logged in once per server. */
export async function tokenFor(call: Call, username: string): Promise<{ token: string; enterpriseId: string | null }> {
  let m = logins.get(call);
  if (!m) logins.set(call, (m = new Map()));
  let p = m.get(username);
  if (!p) {
    p = call('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo2026' }) }).then((r) => {
      const b = JSON.parse(r.body) as { token: string; user: { enterpriseId: string | null } };
      return { token: b.token, enterpriseId: b.user.enterpriseId };
    });
    m.set(username, p);
  }
  return p;
}

/** An API key of a demo enterprise user's enterprise. */
export async function keyFor(call: Call, username: string): Promise<string> {
  const login = await tokenFor(call, username);
  const res = await call(`/api/v1/enterprises/${login.enterpriseId}/api-keys`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` }, body: JSON.stringify({ label: 'bench' }) });
  return (JSON.parse(res.body) as { key: string }).key;
}

/**
 * One purchase of two tins of infant formula (2 × 238.00 + 20.00 freight; VAT 496 × 9.1 % = 45.14) by buyer
 * number `buyer` (distinct buyers below 21,000: the resident ids repeat after that).
 */
export function benchDeal(run: string, i: number, buyer = i): Partial<SampleDeal> {
  const seq = `${run}${String(i).padStart(7, '0')}`;
  return {
    orderNo: `BO${seq}`, payTransactionId: `BP${seq}`, logisticsNo: `BL${seq}`, copNo: `BC${seq}`,
    ebpCode: PARTY.ebp[1], ebcCode: PARTY.ebc[1], payCode: PARTY.pay[1], logisticsCode: PARTY.logistics[1], agentCode: PARTY.agent[1], assureCode: PARTY.agent[1],
    buyerIdNumber: aResidentId(100_000 + buyer), buyerName: `买家${buyer}`, buyerRegNo: `b${buyer}`,
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

async function released(call: Call, token: string, orderNo?: string): Promise<number> {
  const res = JSON.parse((await call(`/api/v1/declarations?status=800&limit=1${orderNo ? `&q=${orderNo}` : ''}`, { headers: { authorization: `Bearer ${token}` } })).body) as { total: number };
  return res.total;
}

/** What the bench asks of the server process. */
export interface BenchServer {
  /** Copies the rows the list of order `orders[0]` left `lists` times with prepared statements (raw-insert.ts). */
  rawInsert(orders: [string, string], lists: number): Promise<RawInsertReport>;
}

export interface ClearanceSizes {
  /** Lists sent as JSON batches of 250. */
  json: number;
  /** Lists sent as CEB XML, one message per request. */
  xml: number;
  /** The open loop: `listsPerSecond` offered in ticks of `tickMs` for `seconds`. */
  openLoop: { listsPerSecond: number; tickMs: number; seconds: number };
  /** Copies of one list's rows inserted raw. */
  raw: number;
}

export const CLEARANCE_SIZES: ClearanceSizes = { json: 4_000, xml: 1_000, openLoop: { listsPerSecond: 1_400, tickMs: 10, seconds: 8 }, raw: 20_000 };

/** The issue's targets, printed beside the figures. */
const TARGET = { jsonListsPerSecond: 5_000, xmlListsPerSecond: 2_000, p99Ms: 20, ratio: 0.5 };

type Keys = Record<'ebp' | 'pay' | 'logistics' | 'agent', string>;
// Lists go last so each completes its declaration in the closed-loop runs.
const KINDS: Array<[keyof Keys, (d: Partial<SampleDeal>) => unknown]> = [['ebp', anOrderMessage], ['pay', aPaymentMessage], ['logistics', aWaybillMessage], ['agent', anInventoryMessage]];
const int = (n: number) => Math.round(n).toLocaleString('en');
const postJson = (key: string, body: string) => ({ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });

export async function benchClearance(call: Call, record: (what: string, value: string) => void, server: BenchServer, sizes: ClearanceSizes = CLEARANCE_SIZES) {
  const keys: Keys = {
    ebp: await keyFor(call, PARTY.ebp[0]),
    pay: await keyFor(call, PARTY.pay[0]),
    logistics: await keyFor(call, PARTY.logistics[0]),
    agent: await keyFor(call, PARTY.agent[0]),
  };
  const customs = (await tokenFor(call, 'customs')).token;

  // JSON batches of 250 documents, 4 in flight.
  const run = Date.now().toString(36).toUpperCase();
  const deals = Array.from({ length: sizes.json }, (_, i) => benchDeal(run, i));
  const before = await released(call, customs);
  let failed = 0;
  const started = performance.now();
  for (const [party, build] of KINDS) {
    const batches: unknown[][] = [];
    for (let i = 0; i < deals.length; i += 250) batches.push(deals.slice(i, i + 250).map(build));
    await pool(batches, 4, async (batch) => {
      const res = await call('/api/v1/messages', postJson(keys[party], JSON.stringify(batch)));
      if (res.status !== 200) failed += batch.length;
    });
  }
  const secs = (performance.now() - started) / 1000;
  const ok = (await released(call, customs)) - before;
  const jsonRate = sizes.json / secs;
  record('lists end to end, JSON batches of 250', `${int(jsonRate)} lists/s (${(sizes.json * 4 / secs).toFixed(0)} documents/s; ${ok}/${sizes.json} released${failed ? `, ${failed} refused!` : ''})  [target ≥ ${int(TARGET.jsonListsPerSecond)}]`);

  // CEB XML, one message per request, 32 in flight.
  const run2 = `X${run}`;
  const xmlDeals = Array.from({ length: sizes.xml }, (_, i) => benchDeal(run2, i, sizes.json + i));
  const xmls = KINDS.map(([party, build]) => ({ party, bodies: xmlDeals.map((d) => { const r = toXml(build(d)); if (!r.ok) throw new Error('sample does not render'); return r.xml; }) }));
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
  record('lists end to end, CEB XML one message per request', `${int(sizes.xml / secs2)} lists/s (${(sizes.xml * 4 / secs2).toFixed(0)} messages/s; ${ok2}/${sizes.xml} released${bad ? `, ${bad} refused!` : ''})  [target ≥ ${int(TARGET.xmlListsPerSecond)}]`);

  await openLoop(call, keys, customs, record, `L${run}`, sizes.json + sizes.xml, sizes.openLoop);

  // Two lists of the first JSON batches: the second tells the first one's own values from those it shares.
  const samples: [string, string] = [deals[0]!.orderNo!, deals[1]!.orderNo!];
  if ((await released(call, customs, samples[0])) !== 1 || (await released(call, customs, samples[1])) !== 1) {
    record('raw insert', `not measured: order ${samples[0]} or ${samples[1]} was not released`);
    return;
  }
  const raw = await server.rawInsert(samples, sizes.raw);
  const perList = Object.values(raw.rowsPerList).reduce((a, b) => a + b, 0);
  record('rows one released list left', `${perList} (${Object.entries(raw.rowsPerList).map(([t, n]) => `${n} ${t}`).join(', ')}; ${(raw.textBytesPerList / 1024).toFixed(1)} KB of text)`);
  for (const f of raw.figures) {
    const listsPerSecond = f.lists / (f.ms / 1000);
    record('raw insert of those rows, 250 lists a transaction', `${int(listsPerSecond)} lists/s (${int(f.rows / (f.ms / 1000))} rows/s; ${f.method}; ${int(f.lists)} lists)`);
    record('  end to end JSON ÷ raw', `${(jsonRate / listsPerSecond).toFixed(3)}  [target ≥ ${TARGET.ratio}]`);
  }
}

/**
 * Offers `listsPerSecond` as ticks of `tickMs`, each sending its lists' documents as one JSON batch per
 * party (4 requests), whatever the server has answered. A receipt's latency runs from its tick's scheduled
 * time to the answer carrying it, so time spent waiting behind earlier requests counts. While a second of
 * offered load (400 requests at 1,400 lists/s) is waiting unanswered, ticks are not sent and count as never
 * answered: that bounds the run, and what is left to answer after the last tick, when the server cannot
 * keep up.
 */
async function openLoop(call: Call, keys: Keys, customs: string, record: (what: string, value: string) => void, run: string, firstBuyer: number, load: ClearanceSizes['openLoop']) {
  const perTick = Math.round((load.listsPerSecond * load.tickMs) / 1000);
  const ticks = Math.round((load.seconds * 1000) / load.tickMs);
  const offeredRate = (perTick * 1000) / load.tickMs;
  // Built beforehand so that the sender only sends.
  const bodies = Array.from({ length: ticks }, (_, k) => {
    const deals = Array.from({ length: perTick }, (_, j) => benchDeal(run, k * perTick + j, firstBuyer + k * perTick + j));
    return KINDS.map(([party, build]) => postJson(keys[party], JSON.stringify(deals.map(build))));
  });
  const mostWaitingAllowed = KINDS.length * Math.round(1000 / load.tickMs);
  const receiptMs: number[] = [];
  const listMs: number[] = [];
  let waiting = 0;
  let mostWaiting = 0;
  let skipped = 0;
  let refused = 0;
  let lastReply = 0;
  const pending: Array<Promise<void>> = [];
  const before = await released(call, customs);
  const start = performance.now() + 20;
  for (let k = 0; k < ticks; k++) {
    const due = start + k * load.tickMs;
    const early = due - performance.now();
    if (early >= 1) await sleep(Math.floor(early));
    if (waiting + KINDS.length > mostWaitingAllowed) {
      skipped++;
      continue;
    }
    const replies = bodies[k]!.map(async (init) => {
      mostWaiting = Math.max(mostWaiting, ++waiting);
      const res = await call('/api/v1/messages', init);
      const at = performance.now();
      waiting--;
      lastReply = Math.max(lastReply, at);
      if (res.status !== 200) refused++;
      receiptMs.push(at - due);
      return at - due;
    });
    bodies[k] = [];
    pending.push(Promise.all(replies).then((ms) => void listMs.push(Math.max(...ms))));
  }
  const lastDue = start + (ticks - 1) * load.tickMs;
  await Promise.all(pending);
  const ok = (await released(call, customs)) - before;
  const offered = ticks * perTick;
  const sent = (ticks - skipped) * perTick;
  const achieved = ok / ((lastReply - start) / 1000);

  // Every receipt offered counts; one never sent has no latency to speak of.
  const all = (answered: number[], perSkip: number) => [...answered, ...Array<number>(skipped * perSkip).fill(Infinity)].sort((a, b) => a - b);
  const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '∞ (not sent)');
  const receipts = all(receiptMs, KINDS.length);
  const lists = all(listMs, 1);
  const label = `${int(offeredRate)} lists/s offered`;
  record(`receipt latency at ${label}`, `p50 ${ms(percentile(receipts, 50))}  p99 ${ms(percentile(receipts, 99))}  [target p99 ≤ ${TARGET.p99Ms} ms]  (open loop, ${perTick} lists a ${load.tickMs} ms tick, one JSON batch per party; from the scheduled send)`);
  record('  list released (its last receipt back)', `p50 ${ms(percentile(lists, 50))}  p99 ${ms(percentile(lists, 99))}`);
  const keptUp = skipped === 0 && refused === 0 && ok === offered && achieved >= 0.97 * offeredRate;
  const facts = `${int(ok)}/${int(offered)} released in ${((lastReply - start) / 1000).toFixed(1)} s; at most ${mostWaiting} requests waiting; last receipt ${int(lastReply - lastDue)} ms after the last tick`;
  const why = [
    achieved < 0.97 * offeredRate ? `achieved ${int(achieved)} < offered ${int(offeredRate)} lists/s` : '',
    skipped ? `${int(skipped * perTick)} lists not sent: a second of load (${mostWaitingAllowed} requests) was already waiting` : '',
    refused ? `${int(refused)} requests refused` : '',
    ok !== sent ? `${int(sent - ok)} sent lists not released` : '',
  ].filter(Boolean);
  record(`  achieved at ${label}`, `${int(achieved)} lists/s (${facts}) — ${keptUp ? 'kept up' : `SERVER DID NOT KEEP UP: ${why.join('; ')}`}`);
  if (skipped) {
    const answeredOnly = [...receiptMs].sort((a, b) => a - b);
    record('  receipt latency of the requests sent', `p50 ${ms(percentile(answeredOnly, 50))}  p99 ${ms(percentile(answeredOnly, 99))}`);
  }
}
