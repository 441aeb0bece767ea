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
