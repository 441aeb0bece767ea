/**
 * An accepted message is durable before it is acknowledged: the server is killed (SIGKILL) in the middle
 * of a load; after a restart on the same database every acknowledged document is there, none twice, and
 * sending everything again returns the original receipts for those already taken.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '../support/server.js';
import { anOrderMessage } from '../../src/gateway/ceb/samples.js';
import { aResidentId } from '../../src/demo/traffic.js';

const dir = mkdtempSync(join(tmpdir(), 'cbec-durable-'));
const env = { CBEC_DB: `file:${join(dir, 'cbec.sqlite')}`, CBEC_SECRET: 'durability-secret-0123456789', CBEC_DEMO: '1' };
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function platformKey(base: string): Promise<string> {
  const login = (await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'mall', password: 'demo2026' }) })).json()) as { token: string; user: { enterpriseId: string } };
  const res = await fetch(`${base}/api/v1/enterprises/${login.user.enterpriseId}/api-keys`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` }, body: '{}' });
  return ((await res.json()) as { key: string }).key;
}

const orders = Array.from({ length: 3_000 }, (_, i) =>
  anOrderMessage({ orderNo: `DUR${String(i).padStart(6, '0')}`, ebpCode: '1504960001', ebcCode: '1504941001', payCode: '1504960502', buyerIdNumber: aResidentId(i), at: new Date() }),
);
const guidOf = (m: (typeof orders)[number]) => (m.Order as Array<{ OrderHead: { guid: string } }>)[0]!.OrderHead.guid;

describe('durability under SIGKILL', () => {
  it('keeps every acknowledged document exactly once', async () => {
    server = await startServer(env);
    const key = await platformKey(server.base);
    const acked = new Map<string, string>();
    let stop = false;
    const batches: Array<typeof orders> = [];
    for (let i = 0; i < orders.length; i += 50) batches.push(orders.slice(i, i + 50));
    const base = server.base;
    const senders = Array.from({ length: 4 }, async (_, w) => {
      for (let b = w; b < batches.length && !stop; b += 4) {
        try {
          const res = await fetch(`${base}/api/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(batches[b]) });
          if (res.status !== 200) continue;
          const receipts = (await res.json()) as Array<{ returnStatus: string; cursor: number }>;
          batches[b]!.forEach((m, k) => receipts[k]?.returnStatus === '120' && acked.set(guidOf(m), String(receipts[k]!.cursor)));
        } catch {
          return; // the server is gone
        }
      }
    });
    while (acked.size < 400) await new Promise((r) => setTimeout(r, 20));
    await server.kill();
    stop = true;
    await Promise.all(senders);
    expect(acked.size).toBeGreaterThanOrEqual(400);

    const db = new Database(join(dir, 'cbec.sqlite'), { readonly: true });
    const stored = new Map((db.prepare("select guid, count(*) as n from clearance_document where kind = 'order' group by guid").all() as Array<{ guid: string; n: number }>).map((r) => [r.guid, r.n]));
    db.close();
    for (const guid of acked.keys()) expect(stored.get(guid), `acknowledged ${guid} is stored once`).toBe(1);

    server = await startServer(env);
    const key2 = await platformKey(server.base);
    const again = (await (await fetch(`${server.base}/api/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key2}` }, body: JSON.stringify(orders.slice(0, 500)) })).json()) as Array<{ returnStatus: string; cursor: number }>;
    orders.slice(0, 500).forEach((m, k) => {
      const first = acked.get(guidOf(m));
      if (first) expect(String(again[k]!.cursor), 'the original receipt comes back').toBe(first);
      expect(again[k]!.returnStatus).toBe('120');
    });
    const db2 = new Database(join(dir, 'cbec.sqlite'), { readonly: true });
    const dupes = db2.prepare("select count(*) as n from (select guid from clearance_document group by guid having count(*) > 1)").get() as { n: number };
    db2.close();
    expect(dupes.n).toBe(0);
  }, 180_000);
});
