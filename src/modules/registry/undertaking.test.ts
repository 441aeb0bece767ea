import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects, freshPlatform } from '../../../test/support/dialects.js';
import { anEnterprise } from '../../../test/support/builders.js';
import type { Principal } from '../../platform/http/principal.js';

afterAll(cleanupPlatforms);

const admin: Principal = { kind: 'user', id: 'admin', name: 'admin', role: 'admin', enterpriseId: null };
const customs: Principal = { ...admin, id: 'customs', name: 'customs', role: 'customs' };
const as = (enterpriseId: string): Principal => ({ kind: 'user', id: enterpriseId, name: `u-${enterpriseId.slice(0, 6)}`, role: 'enterprise', enterpriseId });

describe.each(dialects())('push-on-behalf undertakings on %s', (dialect) => {
  async function zone() {
    const { platform, clock } = await freshPlatform(dialect);
    const { enterprises } = platform.registry;
    const approved = async (roles: string[]) => {
      const body = anEnterprise({ roles });
      const { id } = await enterprises.file(admin, body);
      await enterprises.decide(customs, id, 'approve', 'ok');
      return { id, customsCode: body.customsCode as string, uscc: body.uscc as string };
    };
    const post = await approved(['logistics']);
    const mall = await approved(['ebp']);
    const shop = await approved(['ebc']);
    return { platform, clock, post, mall, shop, approved, u: platform.registry.undertakings, may: platform.registry.mayPushOnBehalf };
  }

  it('lets an approved postal operator file; customs approves; the port then answers for the named owner, kind and days only', async () => {
    const z = await zone();
    const filed = await z.u.file(as(z.post.id), { kinds: ['order', 'payment'], ownerCodes: [z.mall.customsCode], validFrom: '2026-06-01', validTo: '2026-06-30', letterNo: 'YZ-2026-01' });
    expect(filed).toMatchObject({ status: 'pending', enterpriseId: z.post.id, kinds: ['order', 'payment'], ownerCodes: [z.mall.customsCode], warnings: [] });
    expect(await z.may(z.post.id, 'order', z.mall.customsCode, '2026-06-10')).toBe(false);

    const decided = await z.u.decide(customs, filed.id, 'approve', '承诺书齐全');
    expect(decided).toMatchObject({ status: 'approved', decidedBy: 'user:customs' });
    expect(await z.may(z.post.id, 'order', z.mall.customsCode, '2026-06-01')).toBe(true);
    expect(await z.may(z.post.id, 'payment', z.mall.customsCode, '2026-06-30')).toBe(true);
    expect(await z.may(z.post.id, 'order', z.mall.uscc, '2026-06-10')).toBe(true);
    expect(await z.may(z.post.id, 'order', z.mall.customsCode, '2026-07-01')).toBe(false);
    expect(await z.may(z.post.id, 'order', z.mall.customsCode, '2026-05-31')).toBe(false);
    expect(await z.may(z.post.id, 'order', z.shop.customsCode, '2026-06-10')).toBe(false);
    expect(await z.may(z.shop.id, 'order', z.mall.customsCode, '2026-06-10')).toBe(false);
    await expect(z.may(z.post.id, 'order', z.mall.customsCode, '2026/06/10')).rejects.toMatchObject({ code: 'registry.invalid_date' });

    const revoked = await z.u.revoke(customs, filed.id, '快递业务经营许可证被吊销');
    expect(revoked).toMatchObject({ status: 'revoked', revokeReason: '快递业务经营许可证被吊销' });
    expect(await z.may(z.post.id, 'order', z.mall.customsCode, '2026-06-10')).toBe(false);
    await expect(z.u.revoke(customs, filed.id, 'again')).rejects.toMatchObject({ code: 'registry.undertaking_not_revocable' });

    const audit = await z.platform.audit.list({ subject: `undertaking:${filed.id}`, limit: 10, offset: 0 });
    expect(audit.items.map((a) => a.action)).toEqual(['registry.undertaking.revoke', 'registry.undertaking.approve', 'registry.undertaking.file']);
    expect(await z.platform.audit.verify()).toMatchObject({ ok: true });
  });

  it('covers every owner when filed for all; a rejection needs a reason and permits nothing', async () => {
    const z = await zone();
    const all = await z.u.file(as(z.post.id), { kinds: ['payment'], allOwners: true, validFrom: '2026-06-01', validTo: '2027-05-31' });
    await z.u.decide(customs, all.id, 'approve');
    expect(await z.may(z.post.id, 'payment', z.shop.customsCode, '2026-08-08')).toBe(true);
    expect(await z.may(z.post.id, 'payment', '1504999999', '2026-08-08')).toBe(true);
    expect(await z.may(z.post.id, 'order', z.shop.customsCode, '2026-08-08')).toBe(false);

    const other = await z.u.file(as(z.post.id), { kinds: ['order'], ownerCodes: [z.shop.customsCode], validFrom: '2026-06-01', validTo: '2026-12-31' });
    await expect(z.u.decide(customs, other.id, 'reject')).rejects.toMatchObject({ code: 'registry.reason_required' });
    expect(await z.u.decide(customs, other.id, 'reject', '承诺书未盖章')).toMatchObject({ status: 'rejected', rejectReason: '承诺书未盖章' });
    await expect(z.u.decide(customs, other.id, 'approve')).rejects.toMatchObject({ code: 'registry.not_pending' });
    expect(await z.may(z.post.id, 'order', z.shop.customsCode, '2026-08-08')).toBe(false);
  });

  it('refuses operators that are not approved logistics filings, and bad undertakings, naming the field', async () => {
    const z = await zone();
    await expect(z.u.file(as(z.mall.id), { kinds: ['order'], allOwners: true, validFrom: '2026-06-01', validTo: '2026-12-31' })).rejects.toMatchObject({ code: 'registry.undertaking_not_logistics', kind: 'rejected' });
    const { id: pendingPost } = await z.platform.registry.enterprises.file(admin, anEnterprise({ roles: ['logistics'] }));
    await expect(z.u.file(as(pendingPost), { kinds: ['order'], allOwners: true, validFrom: '2026-06-01', validTo: '2026-12-31' })).rejects.toMatchObject({ code: 'registry.undertaking_not_logistics' });
    await expect(z.u.file(customs, { kinds: ['order'], allOwners: true, validFrom: '2026-06-01', validTo: '2026-12-31' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(z.u.file(as(z.post.id), { kinds: ['order'], ownerCodes: ['bad'], validFrom: '2026-06-01', validTo: '2026-12-31' })).rejects.toMatchObject({ code: 'registry.invalid_customs_code', details: { field: 'ownerCodes.0' } });
    await expect(z.u.file(as(z.post.id), { kinds: ['order'], allOwners: true, validFrom: '2026-06-01', validTo: '2026-05-01' })).rejects.toMatchObject({ code: 'registry.undertaking_dates' });
    const warned = await z.u.file(as(z.post.id), { kinds: ['order'], ownerCodes: ['1504969999'], validFrom: '2026-06-01', validTo: '2026-12-31' });
    expect(warned.warnings.map((w) => w.code)).toEqual(['registry.undertaking_owner_unknown']);
    const byAdmin = await z.u.file(admin, { kinds: ['order'], allOwners: true, validFrom: '2026-06-01', validTo: '2026-12-31', enterpriseId: z.post.id });
    expect(byAdmin.enterpriseId).toBe(z.post.id);
  });

  it('shows an operator only its own undertakings; departments see all; lists filter and page', async () => {
    const z = await zone();
    const express = await z.approved(['logistics']);
    const mine = await z.u.file(as(z.post.id), { kinds: ['order'], ownerCodes: [z.mall.customsCode], validFrom: '2026-06-01', validTo: '2026-12-31' });
    z.clock.advance(60_000);
    const theirs = await z.u.file(as(express.id), { kinds: ['payment'], allOwners: true, validFrom: '2026-07-01', validTo: '2026-12-31' });
    await expect(z.u.get(as(z.post.id), theirs.id)).rejects.toMatchObject({ code: 'registry.undertaking_not_found', kind: 'not_found' });
    await expect(z.u.revoke(as(z.post.id), theirs.id, 'x')).rejects.toMatchObject({ kind: 'not_found' });
    expect((await z.u.list(as(z.post.id), { limit: 10, offset: 0 })).items.map((u) => u.id)).toEqual([mine.id]);
    const postal: Principal = { ...admin, id: 'postal', name: 'postal', role: 'postal' };
    expect((await z.u.list(postal, { limit: 10, offset: 0 })).total).toBe(2);
    expect((await z.u.list(customs, { kind: 'payment', limit: 10, offset: 0 })).items.map((u) => u.id)).toEqual([theirs.id]);
    expect((await z.u.list(customs, { ownerCode: z.mall.customsCode, limit: 10, offset: 0 })).total).toBe(2);
    expect((await z.u.list(customs, { ownerCode: z.shop.customsCode, limit: 10, offset: 0 })).items.map((u) => u.id)).toEqual([theirs.id]);
    expect((await z.u.list(customs, { activeOn: '2026-06-15', limit: 10, offset: 0 })).items.map((u) => u.id)).toEqual([mine.id]);
    expect((await z.u.list(customs, { status: 'pending', sort: 'oldest', limit: 1, offset: 1 })).items.map((u) => u.id)).toEqual([theirs.id]);
    expect((await z.u.revoke(as(z.post.id), mine.id, '不再代推'))).toMatchObject({ status: 'revoked', revokedBy: expect.stringContaining('user:') });
  });
});
