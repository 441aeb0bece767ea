import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects, freshPlatform } from '../../test/support/dialects.js';
import { loadDemoZone, loadDemoZoneIfEmpty } from './zone.js';
import { DEMO_BONDED_BOOK, DEMO_ENTERPRISES, DEMO_PRODUCTS } from './zone.data.js';
import { checkUscc } from '../kernel/codes/uscc.js';
import { demoUscc } from './zone.js';

afterAll(cleanupPlatforms);

describe.each(dialects())('demo zone on %s', (dialect) => {
  it('loads through the real services once, with every role, a review queue and department logins', async () => {
    const { platform } = await freshPlatform(dialect);
    const r = await loadDemoZoneIfEmpty(platform);
    expect(r).not.toBeNull();
    const admin = { kind: 'user' as const, id: 'x', name: 'x', role: 'admin' as const, enterpriseId: null };
    const all = await platform.registry.enterprises.list(admin, { limit: 500, offset: 0 });
    expect(all.total).toBe(DEMO_ENTERPRISES.length);
    const roles = new Set(all.items.flatMap((e) => e.roles));
    for (const role of ['ebp', 'ebc', 'payment', 'logistics', 'agent', 'warehouse', 'guarantor', 'overseas_warehouse', 'service']) expect(roles, role).toContain(role);
    expect((await platform.registry.enterprises.list(admin, { status: 'pending', limit: 500, offset: 0 })).total).toBeGreaterThan(0);
    expect((await platform.registry.products.list(admin, { limit: 500, offset: 0 })).total).toBe(DEMO_PRODUCTS.length);
    for (const u of ['admin', 'customs', 'commerce', 'tax', 'forex', 'market', 'postal', 'bank', 'mall', 'cashmere']) {
      await expect(platform.identity.login(u, 'demo2026')).resolves.toMatchObject({ user: { username: u } });
    }
    const customs = { ...admin, role: 'customs' as const };
    const items = await platform.bonded.books.listItems(customs, DEMO_BONDED_BOOK.emsNo, { limit: 50, offset: 0 });
    expect(items.items.map((i) => [i.itemRecordNo, i.gcode, i.stock])).toEqual(DEMO_BONDED_BOOK.items.map((i, k) => [i.itemRecordNo, i.gcode, DEMO_BONDED_BOOK.opening.lines[k]!.qty]));
    const bonded = await platform.registry.enterprises.byCode('1504940401');
    expect(await platform.bonded.books.get({ ...admin, role: 'enterprise', enterpriseId: bonded!.id }, DEMO_BONDED_BOOK.emsNo)).toMatchObject({ status: 'active', itemCount: DEMO_BONDED_BOOK.items.length });
    const post = await platform.registry.enterprises.byCode('1504910601');
    expect(await platform.registry.mayPushOnBehalf(post!.id, 'order', '1504960001', '2026-06-01')).toBe(true);
    expect((await platform.registry.undertakings.list(customs, { status: 'pending', limit: 10, offset: 0 })).total).toBe(1);
    const cashmere = await platform.registry.enterprises.byCode('1504960101');
    expect(await platform.overseas.warehouses.stats(customs)).toMatchObject({ approved: 1, pending: 1, byCountry: [{ country: '304', count: 1 }], target: 10 });
    expect(await platform.overseas.lookup.booking('1504960101', 'DC-CF-2026-0001')).toMatchObject({ enterpriseId: cashmere!.id, country: '304', warehouseApproved: true, goodsFen: 26_400_000 });
    // B2B exports: a departed 9710 list, and the booking declared (9810) and matched against its 10000004.
    const b2b = await platform.clearance.exportQueries.lists(customs, { tradeMode: '9710', limit: 10, offset: 0 });
    expect(b2b.items).toEqual([expect.objectContaining({ tradeMode: '9710', status: '899', departed: true })]);
    const entry = (await platform.database.db.selectFrom('clearance_export_entry' as never).selectAll().execute()) as Array<{ trade_mode: string; attached_no: string; match_status: string; status: number }>;
    expect(entry).toEqual([expect.objectContaining({ trade_mode: '9810', attached_no: 'DC-CF-2026-0001', match_status: 'matched', status: 800 })]);
    expect(await loadDemoZoneIfEmpty(platform)).toBeNull();
    await expect(loadDemoZone(platform)).rejects.toThrow(/already has enterprises/);
    expect(await platform.audit.verify()).toMatchObject({ ok: true });
  });
});

describe('demo USCCs', () => {
  it('are valid and distinct', () => {
    const codes = DEMO_ENTERPRISES.map((_, i) => demoUscc(i + 1));
    for (const c of codes) expect(checkUscc(c)).toEqual({ ok: true });
    expect(new Set(codes).size).toBe(codes.length);
  });
});
