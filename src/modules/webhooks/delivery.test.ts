import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { importZone } from '../../../test/support/import-zone.js';
import { anInventoryMessage, anOrderMessage, aPaymentMessage, aWaybillMessage } from '../../gateway/ceb/samples.js';
import { createSealer } from '../../platform/crypto.js';
import type { Principal } from '../../platform/http/principal.js';
import { createWebhooksModule, type WebhooksDeps } from './index.js';
import type { WebhooksTables } from './migrations.js';
import { startReceiver, type Receiver } from '../../../test/support/webhook-receiver.js';

afterAll(cleanupPlatforms);
const receivers: Receiver[] = [];
afterEach(async () => {
  while (receivers.length > 0) await receivers.pop()!.close();
});

describe.each(dialects())('webhook delivery loop on %s', (dialect) => {
  async function setup() {
    const h = await freshApp(dialect, '2026-06-01T02:00:00.000Z');
    const zone = await importZone(h);
    const receiver = await startReceiver();
    receivers.push(receiver);
    const owner: Principal = { kind: 'user', id: 'u1', name: 'ebp-user', role: 'enterprise', enterpriseId: zone.ebp.id };
    const send = (key: string, body: unknown) => h.app.inject({ method: 'POST', url: '/api/v1/messages', payload: body as object, headers: h.auth(key) });
    async function purchase(n: number) {
      const d = zone.deal({}, n);
      for (const [key, msg] of [[zone.ebp.key, anOrderMessage(d)], [zone.pay.key, aPaymentMessage(d)], [zone.logistics.key, aWaybillMessage(d)], [zone.agent.key, anInventoryMessage(d)]] as const) await send(key, msg);
    }
    const pulled = async () => (await h.platform.clearance.queries.receiptsAfter(owner, 0, 1000)).items.map((r) => r.cursor);
    /** Another worker on the same database, as `cbec serve --workers N` or a second node runs it. */
    const worker = (delivery: WebhooksDeps['delivery'], secret = 'test-secret-0123456789abcdef') =>
      createWebhooksModule({
        db: h.platform.database.db,
        clock: h.clock,
        audit: h.platform.audit,
        sealer: createSealer(secret),
        receipts: { after: async (enterpriseId, after, limit) => (await h.platform.clearance.queries.receiptsAfter({ ...owner, enterpriseId }, after, limit)).items },
        enterprises: { exists: async () => true },
        delivery,
      }).delivery;
    const subs = h.platform.webhooks.subscriptions;
    const state = () => subs.get(owner);
    return { ...h, zone, receiver, owner, purchase, pulled, worker, subs, state };
  }

  it('delivers every receipt exactly once and in order when two workers run at once, in batches', async () => {
    const { subs, owner, receiver, purchase, pulled, worker, clock } = await setup();
    await subs.put(owner, { url: receiver.url });
    await purchase(1);
    await purchase(2);
    const all = await pulled();
    expect(all.length).toBeGreaterThan(4);
    receiver.answer(200, 20);
    const [w1, w2] = [worker({ batchSize: 2 }), worker({ batchSize: 2 })];
    let batches = 0;
    for (let round = 0; round < 20; round++) {
      const runs = await Promise.all([w1.deliverDue(clock.now()), w2.deliverDue(clock.now())]);
      const delivered = runs.reduce((n, r) => n + r.delivered, 0);
      batches += delivered;
      if (delivered === 0) break;
    }
    expect(receiver.got.map((r) => r.json.receipts.map((x) => x.cursor))).toEqual(Array.from({ length: Math.ceil(all.length / 2) }, (_, i) => all.slice(2 * i, 2 * i + 2)));
    expect(batches).toBe(receiver.got.length);
    expect(receiver.acknowledged()).toEqual(all);
  });

  it('counts no answer in time, a redirect and a refused connection as failures, and keeps the cursor', async () => {
    const { subs, owner, receiver, purchase, worker, clock, state } = await setup();
    await subs.put(owner, { url: receiver.url });
    await purchase(1);
    const w = worker({ timeoutMs: 200 });
    receiver.answer('none');
    expect(await w.deliverDue(clock.now())).toMatchObject({ delivered: 0, failed: 1 });
    clock.advance(10_000);
    receiver.answer(302);
    expect(await w.deliverDue(clock.now())).toMatchObject({ failed: 1 });
    expect(await state()).toMatchObject({ cursor: 0, failures: 2, nextAttemptAt: '2026-06-01T02:00:40.000Z' });

    const gone = await startReceiver();
    await gone.close();
    await subs.put(owner, { url: gone.url });
    expect(await w.deliverDue(clock.now())).toMatchObject({ failed: 1 });

    const log = await subs.deliveries(owner, { limit: 10, offset: 0 });
    expect(log.items.map((d) => [d.status, d.httpStatus, d.error, d.attempt])).toEqual([
      ['failed', null, expect.stringMatching(/^could not reach the receiver: ECONNREFUSED/), 1],
      ['failed', 302, 'the receiver answered HTTP 302', 2],
      ['failed', null, 'no answer within 200 ms', 1],
    ]);
    expect(log.items[2]!.durationMs).toBeGreaterThanOrEqual(150);
    expect(await state()).toMatchObject({ cursor: 0, failures: 1, lastDelivery: { status: 'failed', httpStatus: null } });
  });

  it('leaves a subscription claimed by a worker that died alone until its lease ends, then delivers it', async () => {
    const { subs, owner, receiver, purchase, pulled, worker, clock, platform, zone } = await setup();
    await subs.put(owner, { url: receiver.url });
    await purchase(1);
    const db = platform.database.db.withTables<WebhooksTables>();
    const leaseUntil = new Date(clock.now().getTime() + 60_000).toISOString();
    await db.updateTable('webhooks_subscription').set({ lease_until: leaseUntil, lease_token: 'dead-worker' }).where('enterprise_id', '=', zone.ebp.id).execute();
    const w = worker({});
    expect(await w.deliverDue(clock.now())).toMatchObject({ delivered: 0, failed: 0 });
    expect(receiver.got).toHaveLength(0);
    clock.advance(60_000);
    expect(await w.deliverDue(clock.now())).toMatchObject({ delivered: 1 });
    expect(receiver.acknowledged()).toEqual(await pulled());
    const row = await db.selectFrom('webhooks_subscription').select(['lease_token', 'lease_until']).where('enterprise_id', '=', zone.ebp.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ lease_token: null, lease_until: null });
  });

  it('backs off a subscription whose secret no longer opens (CBEC_SECRET changed) and sends nothing unsigned', async () => {
    const { subs, owner, receiver, purchase, worker, clock, state } = await setup();
    await subs.put(owner, { url: receiver.url });
    await purchase(1);
    expect(await worker({}, 'another-secret-0123456789abcdef').deliverDue(clock.now())).toMatchObject({ delivered: 0, failed: 1 });
    expect(receiver.got).toHaveLength(0);
    expect(await state()).toMatchObject({ cursor: 0, failures: 1, lastDelivery: { status: 'failed', error: expect.stringContaining('rotate it') } });
  });

  it('prunes delivery log entries older than 30 days', async () => {
    const { subs, owner, receiver, worker, clock, platform, zone } = await setup();
    await subs.put(owner, { url: receiver.url });
    const db = platform.database.db.withTables<WebhooksTables>();
    const ago = (days: number) => new Date(clock.now().getTime() - days * 24 * 3600_000).toISOString();
    const entry = (id: string, at: string) => ({ id, enterprise_id: zone.ebp.id, at, url: receiver.url, cursor_from: 0, cursor_to: 1, count: 1, status: 'delivered', http_status: 200, error: null, duration_ms: 3, attempt: 1 });
    await db.insertInto('webhooks_delivery').values([entry('old', ago(31)), entry('recent', ago(29))]).execute();
    expect(await worker({}).deliverDue(clock.now())).toMatchObject({ pruned: 1 });
    expect((await subs.deliveries(owner, { limit: 10, offset: 0 })).items.map((d) => d.id)).toEqual(['recent']);
  });
});
