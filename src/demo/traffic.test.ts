import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, freshPlatform } from '../../test/support/dialects.js';
import { loadDemoZone } from './zone.js';
import { aResidentId, driveTraffic } from './traffic.js';
import { checkResidentId } from '../kernel/codes/resident-id.js';
import { reviewAbove } from '../modules/clearance/index.js';

afterAll(cleanupPlatforms);

describe('demo traffic', () => {
  it('pushes purchases through the gateway: most released, the rest rejected or waiting, never an error', async () => {
    const { platform } = await freshPlatform('sqlite', new Date().toISOString());
    await loadDemoZone(platform);
    const app = await platform.http({ logLevel: 'silent' });
    let progress = 0;
    const r = await driveTraffic(platform, app, 60, (n) => (progress = n));
    expect(progress).toBe(60);
    expect(r.documents).toBeGreaterThanOrEqual(180);
    expect(r.byOutcome.released ?? 0).toBeGreaterThan(30);
    expect(Object.keys(r.byOutcome).every((k) => ['released', 'rejected', 'waiting'].includes(k))).toBe(true);
    const admin = { kind: 'user' as const, id: 'a', name: 'admin', role: 'admin' as const, enterpriseId: null };
    expect((await platform.clearance.queries.declarations(admin, { limit: 1, offset: 0 })).total).toBe(60);
    expect(await platform.audit.verify()).toMatchObject({ ok: true });
  }, 120_000);

  it('with the demo’s risk settings, sends expensive goods to manual review and samples some for inspection', async () => {
    const { platform } = await freshPlatform('sqlite', new Date().toISOString(), { samplingRate: 0.2, risk: reviewAbove(300_000) });
    await loadDemoZone(platform);
    const app = await platform.http({ logLevel: 'silent' });
    const r = await driveTraffic(platform, app, 60, () => {});
    expect(r.byOutcome.manual_review ?? 0).toBeGreaterThan(0);
    expect(r.byOutcome.inspection ?? 0).toBeGreaterThan(0);
    const officer = { kind: 'user' as const, id: 'c', name: 'customs', role: 'customs' as const, enterpriseId: null };
    const held = await platform.clearance.queries.declarations(officer, { status: 300, limit: 1, offset: 0 });
    expect(held.total).toBe(r.byOutcome.manual_review);
  }, 120_000);

  it('makes valid resident IDs', () => {
    for (let i = 0; i < 50; i++) expect(checkResidentId(aResidentId(i), '2026-12-03').ok).toBe(true);
  });
});

describe('demo export traffic', () => {
  it('drives export parcels to release, departure and a summary declaration through the gateway', async () => {
    const { platform } = await freshPlatform('sqlite', new Date().toISOString());
    await loadDemoZone(platform);
    const app = await platform.http({ logLevel: 'silent' });
    const { driveExportTraffic } = await import('./export-traffic.js');
    const r = await driveExportTraffic(platform, app, 40);
    expect(r.documents).toBeGreaterThanOrEqual(160);
    expect(r.byOutcome.departed ?? 0).toBeGreaterThan(10);
    expect(Object.keys(r.byOutcome).every((k) => ['departed', 'released', 'concluded', 'rejected', 'cancelled', 'waiting'].includes(k))).toBe(true);
    expect(r.summaries).toBe(1);
    const admin = { kind: 'user' as const, id: 'a', name: 'admin', role: 'admin' as const, enterpriseId: null };
    expect((await platform.clearance.exportQueries.summaries(admin, { limit: 5, offset: 0 })).items[0]?.entryId).toMatch(/^0604\d{4}0\d{9}$/);
    expect(await platform.audit.verify()).toMatchObject({ ok: true });
  }, 120_000);
});
