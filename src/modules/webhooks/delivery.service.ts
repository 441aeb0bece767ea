/**
 * Pushing receipts to each enterprise's receiver. For a due subscription: read the receipts after its
 * cursor, claim the subscription with a conditional UPDATE (lease + the cursor we read), POST one signed
 * batch, then in one transaction move the cursor (2xx) or schedule the retry (back-off), release the lease
 * and log the attempt. The cursor moves only past what a receiver acknowledged, so receipts are never
 * skipped or reordered; a receiver may see a batch twice only if cbec dies between its 2xx and the commit,
 * so receivers deduplicate on the receipt cursor.
 *
 * Several workers (cbec serve --workers N, or several nodes on one PostgreSQL) run this loop at once: the
 * claim is the only way to deliver, and it succeeds for one of them. No transaction is held over HTTP.
 */
import type { Clock } from '../../kernel/clock.js';
import { newId } from '../../kernel/ids.js';
import type { Sealer } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import type { WebhooksTables } from './migrations.js';
import type { WebhookReceipt, WebhookReceiptSource } from './ports.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signBody } from './signature.js';
import { acknowledged, backoffMs } from './webhooks.rules.js';

export type DeliveryDeps = {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  receipts: WebhookReceiptSource;
  /** Receipts per POST (default 100). */
  batchSize?: number;
  /** How long a receiver has to answer, ms (default 5,000). */
  timeoutMs?: number;
  /** How long a claim holds before another worker may take over a subscription, ms (default 60,000). */
  leaseMs?: number;
  /** Receivers posted to at once by one worker (default 8): one slow receiver must not hold up the rest. */
  concurrency?: number;
  /** Batches one subscription may take per run before others get their turn (default 10). */
  batchesPerRun?: number;
  /** Delivery log entries older than this are deleted, ms (default 30 days). */
  retentionMs?: number;
};

export type DeliveryRun = { delivered: number; failed: number; receipts: number; pruned: number };

type Outcome = { outcome: 'idle' | 'busy' } | { outcome: 'delivered' | 'failed'; count: number };

const DUE_PER_RUN = 500;
const PRUNE_EVERY_MS = 3600_000;
const MAX_ERROR_LENGTH = 500;

/** The receipt as the receiver gets it: exactly the documented fields, whatever else the source carries. */
const wire = (r: WebhookReceipt): WebhookReceipt => ({
  cursor: r.cursor, messageType: r.messageType, guid: r.guid, returnStatus: r.returnStatus, returnTime: r.returnTime, returnInfo: r.returnInfo, fields: r.fields, xml: r.xml,
});

function describeFailure(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const why = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return `could not reach the receiver: ${why}`.slice(0, MAX_ERROR_LENGTH);
}

export function createDelivery(deps: DeliveryDeps) {
  const db = deps.db.withTables<WebhooksTables>();
  const batchSize = deps.batchSize ?? 100;
  const timeoutMs = deps.timeoutMs ?? 5_000;
  const leaseMs = deps.leaseMs ?? 60_000;
  const concurrency = deps.concurrency ?? 8;
  const batchesPerRun = deps.batchesPerRun ?? 10;
  const retentionMs = deps.retentionMs ?? 30 * 24 * 3600_000;
  let lastPrune: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  async function post(url: string, body: string, secret: string, deliveryId: string, now: Date) {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const res = await fetch(url, {
        method: 'POST',
        body,
        // A redirect is not an acknowledgement, and following one would send the batch somewhere unchosen.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'cbec-webhooks/1',
          [SIGNATURE_HEADER]: signBody(secret, body),
          [TIMESTAMP_HEADER]: String(Math.floor(now.getTime() / 1000)),
          [DELIVERY_HEADER]: deliveryId,
        },
      });
      // The answer's body is not ours to read; drop it so the connection is freed.
      await res.body?.cancel().catch(() => undefined);
      const ok = acknowledged(res.status);
      return { ok, httpStatus: res.status, error: ok ? null : `the receiver answered HTTP ${res.status}`, durationMs: elapsed() };
    } catch (err) {
      return { ok: false, httpStatus: null, error: describeFailure(err, timeoutMs), durationMs: elapsed() };
    }
  }

  /** Null when the sealed secret no longer opens: that subscription fails and backs off, the others go on. */
  function openSecret(sealed: string): string | null {
    try {
      return deps.sealer.open(sealed);
    } catch {
      return null;
    }
  }

  /** One batch for one subscription, if it is due, has receipts waiting and this worker wins the claim. */
  async function deliverNext(enterpriseId: string, now: Date): Promise<Outcome> {
    const nowIso = now.toISOString();
    const sub = await db.selectFrom('webhooks_subscription').select(['cursor', 'active', 'next_attempt_at', 'lease_until']).where('enterprise_id', '=', enterpriseId).executeTakeFirst();
    if (!sub || Number(sub.active) !== 1 || sub.next_attempt_at > nowIso || (sub.lease_until !== null && sub.lease_until > nowIso)) return { outcome: 'idle' };
    const from = Number(sub.cursor);
    const batch = await deps.receipts.after(enterpriseId, from, batchSize);
    if (batch.length === 0) return { outcome: 'idle' };

    // The claim names the cursor the batch was read after: if another worker moved it since, we lose.
    const token = newId();
    const leaseUntil = new Date(Math.max(now.getTime(), deps.clock.now().getTime()) + leaseMs).toISOString();
    const claim = await db
      .updateTable('webhooks_subscription')
      .set({ lease_until: leaseUntil, lease_token: token })
      .where('enterprise_id', '=', enterpriseId)
      .where('active', '=', 1)
      .where('cursor', '=', from)
      .where('next_attempt_at', '<=', nowIso)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowIso)]))
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) return { outcome: 'busy' };
    const target = await db.selectFrom('webhooks_subscription').select(['url', 'secret_sealed', 'failures']).where('enterprise_id', '=', enterpriseId).where('lease_token', '=', token).executeTakeFirst();
    if (!target) return { outcome: 'busy' };

    const attempt = Number(target.failures) + 1;
    const deliveryId = newId();
    const body = JSON.stringify({ enterpriseId, receipts: batch.map(wire) });
    const secret = openSecret(target.secret_sealed);
    const result = secret === null
      ? { ok: false, httpStatus: null, error: 'the signing secret cannot be opened (was CBEC_SECRET changed?): rotate it', durationMs: 0 }
      : await post(target.url, body, secret, deliveryId, now);
    const to = batch[batch.length - 1]!.cursor;

    await deps.db.transaction().execute(async (trx) => {
      const t = trx.withTables<WebhooksTables>();
      // Matches nothing when a change to the subscription (PUT) released the lease meanwhile: that change wins.
      await t
        .updateTable('webhooks_subscription')
        .set({
          ...(result.ok ? { cursor: to, failures: 0, next_attempt_at: nowIso } : { failures: attempt, next_attempt_at: new Date(now.getTime() + backoffMs(attempt)).toISOString() }),
          lease_until: null,
          lease_token: null,
          last_delivery_at: nowIso,
          last_status: result.ok ? 'delivered' : 'failed',
          last_http_status: result.httpStatus,
          last_error: result.error,
        })
        .where('enterprise_id', '=', enterpriseId)
        .where('lease_token', '=', token)
        .execute();
      await t
        .insertInto('webhooks_delivery')
        .values({ id: deliveryId, enterprise_id: enterpriseId, at: nowIso, url: target.url, cursor_from: from, cursor_to: to, count: batch.length, status: result.ok ? 'delivered' : 'failed', http_status: result.httpStatus, error: result.error, duration_ms: result.durationMs, attempt })
        .execute();
    });
    return { outcome: result.ok ? 'delivered' : 'failed', count: batch.length };
  }

  /** Deletes delivery log entries older than the retention; returns how many. */
  async function prune(now: Date): Promise<number> {
    const r = await db.deleteFrom('webhooks_delivery').where('at', '<', new Date(now.getTime() - retentionMs).toISOString()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /**
   * Delivers what is due at `now` to every active subscription (several batches each, in cursor order) and,
   * at most hourly, prunes the log. Safe to run on several workers at once.
   */
  async function deliverDue(now: Date = deps.clock.now()): Promise<DeliveryRun> {
    const run: DeliveryRun = { delivered: 0, failed: 0, receipts: 0, pruned: 0 };
    if (lastPrune === null || Math.abs(now.getTime() - lastPrune) >= PRUNE_EVERY_MS) {
      run.pruned = await prune(now);
      lastPrune = now.getTime();
    }
    const nowIso = now.toISOString();
    const due = await db
      .selectFrom('webhooks_subscription')
      .select('enterprise_id')
      .where('active', '=', 1)
      .where('next_attempt_at', '<=', nowIso)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowIso)]))
      .orderBy('next_attempt_at')
      .limit(DUE_PER_RUN)
      .execute();
    const queue = due.map((r) => r.enterprise_id);
    const runner = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        for (let i = 0; i < batchesPerRun; i++) {
          const r = await deliverNext(id, now);
          if (r.outcome === 'failed') run.failed += 1;
          if (r.outcome !== 'delivered') break;
          run.delivered += 1;
          run.receipts += r.count;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, runner));
    return run;
  }

  /** Runs `deliverDue` every `intervalMs` (default 5 s) until `stop`; a run still going skips the tick. */
  function start(opts: { intervalMs?: number; onError?: (err: unknown) => void } = {}) {
    if (timer) return;
    timer = setInterval(() => {
      if (running) return;
      running = deliverDue(deps.clock.now())
        .catch((err: unknown) => opts.onError?.(err))
        .finally(() => {
          running = null;
        });
    }, opts.intervalMs ?? 5_000);
    timer.unref();
  }

  /** Stops the loop and waits for a run in progress (its POSTs end within the timeout). */
  async function stop() {
    if (timer) clearInterval(timer);
    timer = null;
    await running;
  }

  return { deliverDue, prune, start, stop };
}

export type Delivery = ReturnType<typeof createDelivery>;
