/** One list declares an import order: a second list naming the same order is refused, changing nothing. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { importZone } from '../../../test/support/import-zone.js';
import { as } from '../../../test/support/export-zone.js';
import { anInventoryMessage, anOrderMessage, aPaymentMessage, aWaybillMessage } from '../../gateway/ceb/samples.js';

afterAll(cleanupPlatforms);

describe.each(dialects())('one list per import order on %s', (dialect) => {
  it('refuses a second list for an order another list declares, naming that list', async () => {
    const h = await freshApp(dialect, '2026-06-01T02:00:00.000Z');
    const zone = await importZone(h);
    const ingest = h.platform.clearance.ingest;
    const d = zone.deal({}, 41);
    await ingest.submit(as(zone.ebp), [anOrderMessage(d)]);
    await ingest.submit(as(zone.pay), [aPaymentMessage(d)]);
    await ingest.submit(as(zone.logistics), [aWaybillMessage(d)]);
    await ingest.submit(as(zone.agent), [anInventoryMessage(d)]);
    const [second] = await ingest.submit(as(zone.agent), [anInventoryMessage({ ...d, copNo: `${d.copNo}B` })]);
    expect(second).toMatchObject({ messageType: 'CEB622', returnStatus: '100' });
    expect(second!.returnInfo).toContain('clearance.order_has_list');
    expect(second!.returnInfo).toContain(d.copNo!);
    const agent = { kind: 'user' as const, id: 'c', name: 'customs', role: 'customs' as const, enterpriseId: null };
    expect((await h.platform.clearance.queries.inventory(agent, d.copNo!)).status).toBe('800');
  });
});
