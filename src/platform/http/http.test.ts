import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';

afterAll(cleanupPlatforms);

describe.each(dialects())('HTTP edge on %s', (dialect) => {
  it('answers health, metrics and the OpenAPI document', async () => {
    const { app } = await freshApp(dialect);
    expect((await app.inject('/api/v1/health')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/metrics')).body).toContain('cbec_http_request_duration_seconds');
    const doc = (await app.inject('/api/docs/json')).json();
    expect(Object.keys(doc.paths)).toContain('/api/v1/auth/login');
  });

  it('gives one error body: code, bilingual message, details and the request id', async () => {
    const { app } = await freshApp(dialect);
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x' }, headers: { 'x-request-id': 'req-42' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'http.invalid_request', requestId: 'req-42', details: { path: 'body.password' } } });
    expect(res.json().error.message.zh).toBeTruthy();
    const missing = await app.inject('/api/v1/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('http.not_found');
  });

  it('logs in with the contract shape; a wrong password is 401 with no hint', async () => {
    const { app, platform } = await freshApp(dialect);
    await platform.identity.ensureAdmin('AdminPass1');
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'AdminPass1' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ token: expect.any(String), user: { username: 'admin', role: 'admin', enterpriseId: null } });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'nope' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'who', password: 'nope' } });
    expect(bad.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(bad.json().error.message).toEqual(unknown.json().error.message);
    const garbage = await app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Bearer cbs_garbage' } });
    expect(garbage.statusCode).toBe(401);
  });

  it('limits login attempts per address with 429 and Retry-After', async () => {
    const { app } = await freshApp(dialect);
    const attempt = () => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'flood', password: 'x' }, remoteAddress: '10.9.8.7' });
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) codes.push((await attempt()).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 401 || c === 429)).toBe(true);
    const last = await attempt();
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('auth.rate_limited');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    const other = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'flood2', password: 'x' }, remoteAddress: '10.9.8.8' });
    expect(other.statusCode).toBe(401);
  });

  it('lets only admins manage users, with the contract body', async () => {
    const { app, userToken, auth } = await freshApp(dialect);
    const admin = await userToken('admin');
    const customs = await userToken('customs');
    const body = { username: 'tax-officer', password: 'TaxPass123', role: 'tax' };
    expect((await app.inject({ method: 'POST', url: '/api/v1/users', payload: body, headers: auth(customs) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/v1/users', payload: body })).statusCode).toBe(401);
    const created = await app.inject({ method: 'POST', url: '/api/v1/users', payload: body, headers: auth(admin) });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'tax-officer', role: 'tax' });
    const dup = await app.inject({ method: 'POST', url: '/api/v1/users', payload: body, headers: auth(admin) });
    expect(dup.statusCode).toBe(409);
    const badRole = await app.inject({ method: 'POST', url: '/api/v1/users', payload: { ...body, username: 'x1x', role: 'king' }, headers: auth(admin) });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.code).toBe('identity.invalid_role');
    const list = await app.inject({ url: '/api/v1/users?role=tax', headers: auth(admin) });
    expect(list.json()).toMatchObject({ total: 1, items: [{ username: 'tax-officer' }] });
  });

  it('lets admins browse and verify the audit log', async () => {
    const { app, userToken, auth } = await freshApp(dialect);
    const admin = await userToken('admin');
    const list = await app.inject({ url: '/api/v1/audit?action=identity.user', headers: auth(admin) });
    expect(list.json().total).toBeGreaterThan(0);
    expect((await app.inject({ url: '/api/v1/audit/verify', headers: auth(admin) })).json()).toMatchObject({ ok: true });
    expect((await app.inject({ url: '/api/v1/audit', headers: auth(await userToken('customs')) })).statusCode).toBe(403);
  });
});
