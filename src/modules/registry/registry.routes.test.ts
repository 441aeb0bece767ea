import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { anEnterprise, aProduct } from '../../../test/support/builders.js';

afterAll(cleanupPlatforms);

describe.each(dialects())('registry over HTTP on %s', (dialect) => {
  async function zone() {
    const h = await freshApp(dialect);
    const admin = await h.userToken('admin');
    const customs = await h.userToken('customs');
    const commerce = await h.userToken('commerce');
    const post = (url: string, payload: unknown, token?: string) => h.app.inject({ method: 'POST', url, payload: payload as object, headers: token ? h.auth(token) : {} });
    const put = (url: string, payload: unknown, token: string) => h.app.inject({ method: 'PUT', url, payload: payload as object, headers: h.auth(token) });
    const get = (url: string, token?: string) => h.app.inject({ method: 'GET', url, headers: token ? h.auth(token) : {} });
    /** Files and approves an enterprise; returns its id and an enterprise user's token. */
    async function approvedEnterprise(over: Record<string, unknown> = {}) {
      const res = await post('/api/v1/enterprises', anEnterprise(over), admin);
      const id = res.json().id as string;
      await post(`/api/v1/enterprises/${id}/decision`, { decision: 'approve', reason: 'ok' }, customs);
      return { id, token: await h.userToken('enterprise', id) };
    }
    return { ...h, admin, customs, commerce, post, put, get, approvedEnterprise };
  }

  it('files an enterprise (201 pending), lists, reads it and lets customs approve it; every department sees it', async () => {
    const z = await zone();
    const body = anEnterprise({ roles: ['ebp', 'ebc'] });
    const res = await z.post('/api/v1/enterprises', body, z.admin);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: expect.any(String), status: 'pending' });
    const id = res.json().id;

    const list = (await z.get('/api/v1/enterprises?status=pending&role=ebp', z.customs)).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id, uscc: body.uscc, status: 'pending' });

    const decided = await z.post(`/api/v1/enterprises/${id}/decision`, { decision: 'approve', reason: '材料齐全' }, z.customs);
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'approved', history: [{ version: 1, status: 'approved', reason: '材料齐全' }] });

    for (const role of ['commerce', 'tax', 'forex', 'market', 'postal', 'bank'] as const) {
      const t = await z.userToken(role);
      expect((await z.get(`/api/v1/enterprises/${id}`, t)).json().status).toBe('approved');
    }
    const audit = (await z.get(`/api/v1/audit?subject=enterprise:${id}`, z.admin)).json();
    expect(audit.items.map((r: { action: string }) => r.action)).toEqual(['registry.enterprise.approve', 'registry.enterprise.file']);
  });

  it('answers bad filings with 400 and a code naming the field, duplicates with 409, and changes nothing', async () => {
    const z = await zone();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ uscc: '91350200776049653B' }, 'registry.invalid_uscc'],
      [{ customsCode: '123' }, 'registry.invalid_customs_code'],
      [{ roles: ['ebc', 'smuggler'] }, 'registry.invalid_role'],
      [{ district: '9999' }, 'registry.invalid_district'],
    ];
    for (const [over, code] of cases) {
      const res = await z.post('/api/v1/enterprises', anEnterprise(over), z.admin);
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error).toMatchObject({ code, message: { zh: expect.any(String), en: expect.any(String) } });
    }
    expect((await z.get('/api/v1/enterprises', z.admin)).json().total).toBe(0);
    const body = anEnterprise();
    expect((await z.post('/api/v1/enterprises', body, z.admin)).statusCode).toBe(201);
    const dup = await z.post('/api/v1/enterprises', { ...anEnterprise(), uscc: body.uscc }, z.admin);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('registry.duplicate_uscc');
    expect((await z.get('/api/v1/enterprises', z.admin)).json().total).toBe(1);
  });

  it('lets only customs or commerce decide; a rejection needs a reason; a decided filing is not decided again', async () => {
    const z = await zone();
    const id = (await z.post('/api/v1/enterprises', anEnterprise(), z.admin)).json().id;
    expect((await z.post(`/api/v1/enterprises/${id}/decision`, { decision: 'approve' }, await z.userToken('tax'))).statusCode).toBe(403);
    const noReason = await z.post(`/api/v1/enterprises/${id}/decision`, { decision: 'reject' }, z.commerce);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('registry.reason_required');
    const rej = await z.post(`/api/v1/enterprises/${id}/decision`, { decision: 'reject', reason: '营业执照不清晰' }, z.commerce);
    expect(rej.json()).toMatchObject({ status: 'rejected', rejectReason: '营业执照不清晰' });
    const again = await z.post(`/api/v1/enterprises/${id}/decision`, { decision: 'approve' }, z.customs);
    expect(again.statusCode).toBe(409);
  });

  it('re-files a change for review and keeps the history', async () => {
    const z = await zone();
    const { id, token } = await z.approvedEnterprise();
    const current = (await z.get(`/api/v1/enterprises/${id}`, token)).json();
    const change = await z.put(`/api/v1/enterprises/${id}`, { name: `${current.name}（变更）`, uscc: current.uscc, customsCode: current.customsCode, roles: ['ebc', 'ebp'], district: '0613' }, token);
    expect(change.statusCode).toBe(200);
    expect(change.json()).toMatchObject({ status: 'pending', version: 2 });
    const after = (await z.get(`/api/v1/enterprises/${id}`, z.customs)).json();
    expect(after).toMatchObject({ status: 'pending', version: 2, approved: true, district: '0613' });
    expect(after.history.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, 'pending'], [1, 'approved']]);
    expect(after.history[1].data.district).toBe('0604');
    const immutable = await z.put(`/api/v1/enterprises/${id}`, { ...anEnterprise(), customsCode: current.customsCode }, token);
    expect(immutable.json().error.code).toBe('registry.uscc_immutable');
  });

  it('hides other enterprises from an enterprise user (404, no existence leak) and scopes lists', async () => {
    const z = await zone();
    const a = await z.approvedEnterprise();
    const b = await z.approvedEnterprise();
    expect((await z.get(`/api/v1/enterprises/${b.id}`, a.token)).statusCode).toBe(404);
    expect((await z.get(`/api/v1/enterprises/does-not-exist`, a.token)).statusCode).toBe(404);
    const mine = (await z.get('/api/v1/enterprises', a.token)).json();
    expect(mine).toMatchObject({ total: 1, items: [{ id: a.id }] });
    expect((await z.post(`/api/v1/enterprises/${b.id}/api-keys`, {}, a.token)).statusCode).toBe(404);
  });

  it('self-registers a pending filing plus a user; customs approves; the user creates a key that calls the API as the enterprise', async () => {
    const z = await zone();
    const reg = await z.post('/api/v1/enterprises/register', { enterprise: anEnterprise({ roles: ['ebp'] }), user: { username: 'chifeng-mall', password: 'MallPass2026' } });
    expect(reg.statusCode).toBe(201);
    expect(reg.json()).toMatchObject({ status: 'pending', username: 'chifeng-mall' });
    const id = reg.json().id;
    const token = await z.login('chifeng-mall', 'MallPass2026');
    expect((await z.get(`/api/v1/enterprises/${id}`, token)).json().status).toBe('pending');
    await z.post(`/api/v1/enterprises/${id}/decision`, { decision: 'approve', reason: '同意' }, z.customs);
    expect((await z.get(`/api/v1/enterprises/${id}`, token)).json().status).toBe('approved');
    const key = await z.post(`/api/v1/enterprises/${id}/api-keys`, { label: 'ERP' }, token);
    expect(key.statusCode).toBe(201);
    const me = (await z.get('/api/v1/auth/me', key.json().key)).json();
    expect(me).toMatchObject({ kind: 'api_key', role: 'enterprise', enterpriseId: id });
    expect((await z.get('/api/v1/enterprises', key.json().key)).json().items.map((e: { id: string }) => e.id)).toEqual([id]);
    const keys = (await z.get('/api/v1/api-keys', token)).json();
    expect(keys.items[0]).toMatchObject({ prefix: key.json().prefix, lastUsedAt: expect.any(String) });
    expect(JSON.stringify(keys)).not.toContain(key.json().key);
    const bad = await z.post('/api/v1/enterprises/register', { enterprise: anEnterprise(), user: { username: 'chifeng-mall', password: 'MallPass2026' } });
    expect(bad.statusCode).toBe(409);
    expect((await z.get('/api/v1/enterprises?q=%E8%B5%A4%E5%B3%B0', z.admin)).json().total).toBe(1);
  });

  it('files products checked against the HS table; the enterprise sees its own; regulators review', async () => {
    const z = await zone();
    const a = await z.approvedEnterprise();
    const b = await z.approvedEnterprise();
    const res = await z.post('/api/v1/products', aProduct(), a.token);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending', warnings: [] });
    const pid = res.json().id;
    const detail = (await z.get(`/api/v1/products/${pid}`, a.token)).json();
    expect(detail).toMatchObject({ gcode: '6110120011', unit1: '011', unit2: '035', price: '1280.00', status: 'pending' });
    expect((await z.get(`/api/v1/products/${pid}`, b.token)).statusCode).toBe(404);
    expect((await z.get('/api/v1/products', b.token)).json().total).toBe(0);
    expect((await z.get('/api/v1/products?status=pending', z.customs)).json().total).toBe(1);

    for (const [over, code] of [[{ gcode: '12345' }, 'registry.invalid_hs'], [{ gcode: '9999999999' }, 'registry.invalid_hs'], [{ country: '998' }, 'registry.invalid_country'], [{ unit: '999' }, 'registry.invalid_unit']] as const) {
      const bad = await z.post('/api/v1/products', aProduct(over), a.token);
      expect(bad.statusCode, code).toBe(400);
      expect(bad.json().error).toMatchObject({ code, details: { field: Object.keys(over)[0] } });
    }
    const warned = await z.post('/api/v1/products', aProduct({ gmodel: '无品牌|不享惠' }), a.token);
    expect(warned.json().warnings[0].code).toBe('registry.gmodel_incomplete');
    const dup = await z.post('/api/v1/products', aProduct({ itemNo: detail.itemNo }), a.token);
    expect(dup.statusCode).toBe(409);

    const approved = await z.post(`/api/v1/products/${pid}/decision`, { decision: 'approve', reason: '' }, z.customs);
    expect(approved.json()).toMatchObject({ status: 'approved', approved: true });
    const changed = await z.put(`/api/v1/products/${pid}`, aProduct({ itemNo: detail.itemNo, price: '1300' }), a.token);
    expect(changed.json()).toMatchObject({ status: 'pending', version: 2 });
    expect((await z.get(`/api/v1/products/${pid}`, a.token)).json().history.map((v: { data: { price: string } }) => v.data.price)).toEqual(['1300.00', '1280.00']);
    expect((await z.post('/api/v1/products', aProduct(), z.customs)).statusCode).toBe(403);
  });
});
