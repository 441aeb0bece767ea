/** Group commit: submissions arriving together share a transaction, yet each gets its own answers, in order. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { importZone, type Party } from '../../../test/support/import-zone.js';
import { anInventoryMessage, anOrderMessage, aPaymentMessage, aWaybillMessage } from '../../gateway/ceb/samples.js';
import type { Principal } from '../../platform/http/principal.js';

afterAll(cleanupPlatforms);

const as = (p: Party): Principal => ({ kind: 'api_key', id: p.id, name: 'key', role: 'enterprise', enterpriseId: p.id });
const admin: Principal = { kind: 'user', id: 'a', name: 'admin', role: 'admin', enterpriseId: null };

describe.each(dialects())('group commit on %s', (dialect) => {
  it('answers concurrent submissions each with its own receipts; a guid sent twice at once is stored once', async () => {
    const h = await freshApp(dialect, '2026-06-01T02:00:00.000Z');
    const zone = await importZone(h);
    const ingest = h.platform.clearance.ingest;
    const deals = Array.from({ length: 12 }, (_, i) => zone.deal({}, 100 + i));
    const sends = deals.flatMap((d) => [
      ingest.submit(as(zone.ebp), [anOrderMessage(d)]),
      ingest.submit(as(zone.pay), [aPaymentMessage(d)]),
      ingest.submit(as(zone.logistics), [aWaybillMessage(d)]),
      ingest.submit(as(zone.agent), [anInventoryMessage(d)]),
    ]);
    const twice = anOrderMessage(zone.deal({}, 999));
    sends.push(ingest.submit(as(zone.ebp), [twice]), ingest.submit(as(zone.ebp), [twice]));
    const answers = await Promise.all(sends);
    expect(answers.every((a) => a.length === 1 && a[0]!.returnStatus === '120')).toBe(true);
    expect(answers.slice(0, 4).map((a) => a[0]!.messageType)).toEqual(['CEB312', 'CEB412', 'CEB512', 'CEB622']);
    const [a, b] = answers.slice(-2);
    expect(b![0]!.cursor).toBe(a![0]!.cursor);
    for (const d of deals) expect((await h.platform.clearance.queries.inventory(admin, d.copNo!)).status).toBe('800');
    const { items } = await h.platform.clearance.queries.receiptsAfter(as(zone.ebp), 0, 500);
    expect(items.filter((r) => r.messageType === 'CEB312')).toHaveLength(13);
    expect(await h.platform.audit.verify()).toMatchObject({ ok: true });
  });
});

describe('back-pressure', () => {
  it('tells senders to come back (clearance.busy) once too many documents wait, and serves them after', async () => {
    const h = await freshApp('sqlite', '2026-06-01T02:00:00.000Z', { queueDocuments: 3 });
    const zone = await importZone(h);
    const ingest = h.platform.clearance.ingest;
    // Six submissions in one tick: three fit the queue, the others are turned away before anything is stored.
    const answers = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((n) => ingest.submit(as(zone.ebp), [anOrderMessage(zone.deal({}, n))])));
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected', 'rejected']);
    expect((answers[3] as PromiseRejectedResult).reason).toMatchObject({ kind: 'unavailable', code: 'clearance.busy', details: { retryAfterSeconds: 1 } });
    const { items } = await h.platform.clearance.queries.receiptsAfter(as(zone.ebp), 0, 100);
    expect(items.filter((r) => r.messageType === 'CEB312')).toHaveLength(3);
    // Once the queue has room, the sender is served again.
    const later = await h.app.inject({ method: 'POST', url: '/api/v1/messages', payload: anOrderMessage(zone.deal({}, 11)), headers: { authorization: `Bearer ${zone.ebp.key}` } });
    expect(later.statusCode).toBe(200);
  });
});
