import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects, freshPlatform } from '../../test/support/dialects.js';
import { loadDemoZone, loadDemoZoneIfEmpty } from './zone.js';
import { DEMO_ENTERPRISES, DEMO_PRODUCTS } from './zone.data.js';
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
