import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { anEnterprise } from '../../../test/support/builders.js';

afterAll(cleanupPlatforms);

describe.each(dialects())('push-on-behalf undertakings over HTTP on %s', (dialect) => {
  async function zone() {
    const h = await freshApp(dialect);
    const admin = await h.userToken('admin');
    const customs = await h.userToken('customs');
    const get = (url: string, token?: string) => h.app.inject({ method: 'GET', url, headers: token ? h.auth(token) : {} });
    const post = (url: string, payload: unknown, token?: string) => h.app.inject({ method: 'POST', url, payload: payload as object, headers: token ? h.auth(token) : {} });
    async function approved(roles: string[]) {
      const body = anEnterprise({ roles });
      const id = (await post('/api/v1/enterprises', body, admin)).json().id as string;
      await post(`/api/v1/enterprises/${id}/decision`, { decision: 'approve', reason: 'ok' }, customs);
      return { id, customsCode: body.customsCode as string, token: await h.userToken('enterprise', id) };
    }
    return { ...h, admin, customs, get, post, approved };
  }

  it('lets an express operator file (201 pending), customs approve, and the operator read the outcome; clearance asks the port', async () => {
    const z = await zone();
    const express = await z.approved(['logistics']);
    const mall = await z.approved(['ebp']);
    const res = await z.post('/api/v1/undertakings', { kinds: ['order', 'payment'], ownerCodes: [mall.customsCode], validFrom: '2026-06-01', validTo: '2026-12-31', letterNo: 'KD-001' }, express.token);
    expect(res.statusCode).toBe(201);
    const u = res.json();
    expect(u).toMatchObject({ status: 'pending', enterpriseId: express.id, enterpriseName: expect.any(String), ownerCodes: [mall.customsCode], letterNo: 'KD-001' });

    expect((await z.get('/api/v1/undertakings?status=pending', z.customs)).json()).toMatchObject({ total: 1, items: [{ id: u.id }] });
    expect((await z.post(`/api/v1/undertakings/${u.id}/decision`, { decision: 'approve' }, express.token)).statusCode).toBe(403);
    expect((await z.post(`/api/v1/undertakings/${u.id}/decision`, { decision: 'approve' }, await z.userToken('commerce'))).statusCode).toBe(403);
    const noReason = await z.post(`/api/v1/undertakings/${u.id}/decision`, { decision: 'reject' }, z.customs);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('registry.reason_required');
    const ok = await z.post(`/api/v1/undertakings/${u.id}/decision`, { decision: 'approve', reason: '同意' }, z.customs);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decidedBy: expect.stringMatching(/^user:customs/) });
    expect((await z.get(`/api/v1/undertakings/${u.id}`, express.token)).json().status).toBe('approved');
    expect(await z.platform.registry.mayPushOnBehalf(express.id, 'payment', mall.customsCode, '2026-07-01')).toBe(true);

    const revoked = await z.post(`/api/v1/undertakings/${u.id}/revoke`, { reason: '合作终止' }, express.token);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokeReason: '合作终止' });
    expect(await z.platform.registry.mayPushOnBehalf(express.id, 'payment', mall.customsCode, '2026-07-01')).toBe(false);
    const audit = (await z.get(`/api/v1/audit?subject=undertaking:${u.id}`, z.admin)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['registry.undertaking.revoke', 'registry.undertaking.approve', 'registry.undertaking.file']);
  });

  it('answers bad undertakings with a code naming the field; non-operators are refused; other enterprises see 404', async () => {
    const z = await zone();
    const post = await z.approved(['logistics']);
    const shop = await z.approved(['ebc']);
    const cases: Array<[Record<string, unknown>, number, string, string | undefined]> = [
      [{ kinds: ['waybill'], allOwners: true }, 400, 'registry.undertaking_invalid_kind', 'kinds'],
      [{ kinds: ['order'] }, 400, 'registry.undertaking_owners', 'ownerCodes'],
      [{ kinds: ['order'], ownerCodes: ['ABC'] }, 400, 'registry.invalid_customs_code', 'ownerCodes.0'],
      [{ kinds: ['order'], allOwners: true, validTo: '2026-05-01' }, 400, 'registry.undertaking_dates', 'validTo'],
      [{ kinds: ['order'], allOwners: true, validFrom: '2026-02-30' }, 400, 'registry.undertaking_dates', 'validFrom'],
    ];
    for (const [over, status, code, field] of cases) {
      const res = await z.post('/api/v1/undertakings', { validFrom: '2026-06-01', validTo: '2026-12-31', ...over }, post.token);
      expect(res.statusCode, code).toBe(status);
      expect(res.json().error).toMatchObject({ code, message: { zh: expect.any(String), en: expect.any(String) }, details: { field } });
    }
    const notOperator = await z.post('/api/v1/undertakings', { kinds: ['order'], allOwners: true, validFrom: '2026-06-01', validTo: '2026-12-31' }, shop.token);
    expect(notOperator.statusCode).toBe(422);
    expect(notOperator.json().error.code).toBe('registry.undertaking_not_logistics');
    expect((await z.post('/api/v1/undertakings', { kinds: ['order'], allOwners: true, validFrom: '2026-06-01', validTo: '2026-12-31' }, z.customs)).statusCode).toBe(403);
    expect((await z.post('/api/v1/undertakings', { kinds: ['order'], allOwners: true, validFrom: '2026-06-01' }, post.token)).json().error).toMatchObject({ code: 'http.invalid_request', details: { path: 'body.validTo' } });
    expect((await z.get('/api/v1/undertakings?status=approved', z.customs)).json().total).toBe(0);

    const filed = (await z.post('/api/v1/undertakings', { kinds: ['order'], allOwners: true, validFrom: '2026-06-01', validTo: '2026-12-31' }, post.token)).json();
    expect((await z.get(`/api/v1/undertakings/${filed.id}`, shop.token)).statusCode).toBe(404);
    expect((await z.post(`/api/v1/undertakings/${filed.id}/revoke`, { reason: 'x' }, shop.token)).statusCode).toBe(404);
    expect((await z.get('/api/v1/undertakings', shop.token)).json().total).toBe(0);
    expect((await z.get('/api/v1/undertakings', await z.userToken('postal'))).json().total).toBe(1);
    expect((await z.get('/api/v1/undertakings')).statusCode).toBe(401);
    expect((await z.get('/api/v1/undertakings?activeOn=2026-13-01', z.customs)).json().error.code).toBe('registry.invalid_date');
  });
});
