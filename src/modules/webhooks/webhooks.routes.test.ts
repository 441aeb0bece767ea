import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { importZone } from '../../../test/support/import-zone.js';
import { anInventoryMessage, anOrderMessage, aPaymentMessage, aWaybillMessage } from '../../gateway/ceb/samples.js';
import { startReceiver, type Receiver } from '../../../test/support/webhook-receiver.js';
import { verifySignature } from './signature.js';

afterAll(cleanupPlatforms);
const receivers: Receiver[] = [];
afterEach(async () => {
  while (receivers.length > 0) await receivers.pop()!.close();
});

describe.each(dialects())('receipts by webhook on %s', (dialect) => {
  async function setup() {
    const h = await freshApp(dialect, '2026-06-01T02:00:00.000Z');
    const zone = await importZone(h);
    const receiver = await startReceiver();
    receivers.push(receiver);
    const ebpUser = await h.userToken('enterprise', zone.ebp.id);
    const send = (key: string, body: unknown) => h.app.inject({ method: 'POST', url: '/api/v1/messages', payload: body as object, headers: h.auth(key) });
    /** A whole 9610 purchase, all four documents, released. */
    async function purchase(n: number) {
      const d = zone.deal({}, n);
      for (const [key, msg] of [[zone.ebp.key, anOrderMessage(d)], [zone.pay.key, aPaymentMessage(d)], [zone.logistics.key, aWaybillMessage(d)], [zone.agent.key, anInventoryMessage(d)]] as const) {
        expect((await send(key, msg)).statusCode).toBe(200);
      }
    }
    const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, token: string, payload?: object) => h.app.inject({ method, url, headers: h.auth(token), ...(payload ? { payload } : {}) });
    const pulled = async () => (await call('GET', '/api/v1/receipts?after=0&limit=1000', zone.ebp.key)).json().items as Array<{ cursor: number; messageType: string }>;
    const deliver = () => h.platform.webhooks.delivery.deliverDue(h.clock.now());
    return { ...h, zone, receiver, ebpUser, purchase, call, pulled, deliver };
  }

  it('pushes a purchase’s receipts in cursor order, signed with the secret shown once, and logs the delivery', async () => {
    const { call, ebpUser, receiver, purchase, pulled, deliver, zone, userToken } = await setup();
    const put = await call('PUT', '/api/v1/webhooks', ebpUser, { url: receiver.url });
    expect(put.statusCode).toBe(201);
    const secret = put.json().secret as string;
    expect(put.json()).toMatchObject({ enterpriseId: zone.ebp.id, url: receiver.url, active: true, cursor: 0, failures: 0, lastDelivery: null });
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);

    await purchase(1);
    const expected = await pulled();
    expect(expected.length).toBeGreaterThan(1);
    expect(await deliver()).toMatchObject({ delivered: 1, failed: 0, receipts: expected.length });

    expect(receiver.got).toHaveLength(1);
    const [req] = receiver.got;
    expect(verifySignature(secret, req!.body, req!.headers['x-cbec-signature'] as string)).toBe(true);
    expect(verifySignature(secret, req!.body + ' ', req!.headers['x-cbec-signature'] as string)).toBe(false);
    expect(req!.headers['x-cbec-timestamp']).toBe(String(Date.parse('2026-06-01T02:00:00.000Z') / 1000));
    expect(req!.headers['content-type']).toContain('application/json');
    expect(req!.json.enterpriseId).toBe(zone.ebp.id);
    expect(req!.json.receipts.map((r) => r.cursor)).toEqual(expected.map((r) => r.cursor));
    expect(Object.keys(req!.json.receipts[0]!).sort()).toEqual(['cursor', 'fields', 'guid', 'messageType', 'returnInfo', 'returnStatus', 'returnTime', 'xml']);
    expect(req!.json.receipts[0]!.xml).toContain('<ceb:returnStatus>');

    const last = expected[expected.length - 1]!.cursor;
    const sub = (await call('GET', '/api/v1/webhooks', ebpUser)).json();
    expect(sub).toMatchObject({ cursor: last, failures: 0, lastDelivery: { status: 'delivered', httpStatus: 200, error: null } });
    expect(sub).not.toHaveProperty('secret');
    const log = (await call('GET', '/api/v1/webhooks/deliveries', zone.ebp.key)).json();
    expect(log).toMatchObject({ total: 1, items: [{ id: req!.headers['x-cbec-delivery'], url: receiver.url, cursorFrom: 0, cursorTo: last, count: expected.length, status: 'delivered', httpStatus: 200, error: null, attempt: 1 }] });

    // Nothing new: nothing sent.
    expect(await deliver()).toMatchObject({ delivered: 0, failed: 0 });
    expect(receiver.got).toHaveLength(1);

    const audit = await call('GET', `/api/v1/audit?subject=webhooks:${zone.ebp.id}`, await userToken('admin'));
    expect(audit.json().items.map((r: { action: string }) => r.action)).toEqual(['webhooks.subscribe']);
    expect(audit.body).not.toContain(secret);
  });

  it('retries a failing receiver with back-off, then delivers the same receipts once, and later ones after them', async () => {
    const { call, ebpUser, receiver, purchase, pulled, deliver, clock, zone } = await setup();
    await call('PUT', '/api/v1/webhooks', ebpUser, { url: receiver.url });
    await purchase(1);
    const first = await pulled();
    receiver.answer(500);
    expect(await deliver()).toMatchObject({ delivered: 0, failed: 1 });
    expect((await call('GET', '/api/v1/webhooks', ebpUser)).json()).toMatchObject({ cursor: 0, failures: 1, nextAttemptAt: '2026-06-01T02:00:10.000Z', lastDelivery: { status: 'failed', httpStatus: 500, error: 'the receiver answered HTTP 500' } });

    clock.advance(5_000); // not yet due
    expect(await deliver()).toMatchObject({ delivered: 0, failed: 0 });
    expect(receiver.got).toHaveLength(1);
    clock.advance(5_000);
    expect(await deliver()).toMatchObject({ failed: 1 });
    expect((await call('GET', '/api/v1/webhooks', ebpUser)).json()).toMatchObject({ cursor: 0, failures: 2, nextAttemptAt: '2026-06-01T02:00:40.000Z' });

    receiver.answer(200);
    clock.advance(30_000);
    expect(await deliver()).toMatchObject({ delivered: 1, failed: 0 });
    expect(receiver.got.map((r) => r.json.receipts.map((x) => x.cursor))).toEqual([0, 1, 2].map(() => first.map((r) => r.cursor)));

    await purchase(2);
    const all = await pulled();
    clock.advance(1_000);
    expect(await deliver()).toMatchObject({ delivered: 1 });
    expect(receiver.acknowledged()).toEqual(all.map((r) => r.cursor));
    expect(new Set(receiver.acknowledged()).size).toBe(all.length);

    const log = (await call('GET', '/api/v1/webhooks/deliveries?limit=2&offset=0', ebpUser)).json();
    expect(log.total).toBe(4);
    expect(log.items.map((d: { status: string; attempt: number }) => `${d.status}#${d.attempt}`)).toEqual(['delivered#1', 'delivered#3']);
    const older = (await call('GET', '/api/v1/webhooks/deliveries?limit=2&offset=2', ebpUser)).json();
    expect(older.items.map((d: { status: string; attempt: number; httpStatus: number }) => `${d.status}#${d.attempt}:${d.httpStatus}`)).toEqual(['failed#2:500', 'failed#1:500']);
    expect(log.items[0].cursorFrom).toBe(first[first.length - 1]!.cursor);
    void zone;
  });

  it('keeps each enterprise to its own subscription and log; API keys read, users change, others are refused', async () => {
    const { call, ebpUser, receiver, zone, userToken, app } = await setup();
    await call('PUT', '/api/v1/webhooks', ebpUser, { url: receiver.url });
    const ebcUser = await userToken('enterprise', zone.ebc.id);
    expect((await call('GET', '/api/v1/webhooks', ebcUser)).json().error.code).toBe('webhooks.not_found');
    for (const [method, url, body] of [
      ['GET', `/api/v1/webhooks?enterpriseId=${zone.ebp.id}`],
      ['GET', `/api/v1/webhooks/deliveries?enterpriseId=${zone.ebp.id}`],
      ['PUT', '/api/v1/webhooks', { enterpriseId: zone.ebp.id, url: 'http://127.0.0.1:9/x' }],
      ['POST', `/api/v1/webhooks/rotate-secret?enterpriseId=${zone.ebp.id}`],
      ['DELETE', `/api/v1/webhooks?enterpriseId=${zone.ebp.id}`],
    ] as const) {
      const res = await call(method, url, ebcUser, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('webhooks.not_found');
    }
    expect((await call('GET', '/api/v1/webhooks/deliveries', ebcUser)).json()).toEqual({ items: [], total: 0 });
    expect((await call('GET', '/api/v1/webhooks', ebpUser)).json().url).toBe(receiver.url);

    expect((await call('GET', '/api/v1/webhooks', zone.ebp.key)).statusCode).toBe(200);
    const byKey = await call('PUT', '/api/v1/webhooks', zone.ebp.key, { url: 'http://127.0.0.1:9/x' });
    expect([byKey.statusCode, byKey.json().error.code]).toEqual([403, 'webhooks.users_only']);
    const customs = await call('GET', '/api/v1/webhooks', await userToken('customs'));
    expect([customs.statusCode, customs.json().error.code]).toEqual([403, 'auth.forbidden']);
    expect((await app.inject({ url: '/api/v1/webhooks' })).statusCode).toBe(401);

    const admin = await userToken('admin');
    expect((await call('GET', '/api/v1/webhooks', admin)).json().error.code).toBe('webhooks.enterprise_required');
    expect((await call('GET', `/api/v1/webhooks?enterpriseId=${zone.ebp.id}`, admin)).json().url).toBe(receiver.url);
    expect((await call('PUT', '/api/v1/webhooks', admin, { enterpriseId: 'no-such-enterprise', url: receiver.url })).json().error.code).toBe('webhooks.enterprise_not_found');
    const forEbc = await call('PUT', '/api/v1/webhooks', admin, { enterpriseId: zone.ebc.id, url: receiver.url });
    expect(forEbc.statusCode).toBe(201);
    expect((await call('GET', '/api/v1/webhooks', ebcUser)).json().enterpriseId).toBe(zone.ebc.id);
  });

  it('refuses URLs that are not http(s), carry credentials or do not parse, and stores nothing', async () => {
    const { call, ebpUser } = await setup();
    for (const [url, code] of [
      ['ftp://127.0.0.1/hook', 'webhooks.unsupported_scheme'],
      ['http://user:pw@127.0.0.1/hook', 'webhooks.credentials_in_url'],
      ['not a url', 'webhooks.invalid_url'],
      ['http://127.0.0.1/hook#frag', 'webhooks.invalid_url'],
      ['', 'http.invalid_request'],
    ]) {
      const res = await call('PUT', '/api/v1/webhooks', ebpUser, { url: url! });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toMatchObject({ code, message: { zh: expect.any(String), en: expect.any(String) } });
    }
    expect((await call('GET', '/api/v1/webhooks', ebpUser)).statusCode).toBe(404);
  });

  it('rotates the secret, pauses, changes and ends a subscription, each audited', async () => {
    const { call, ebpUser, receiver, purchase, deliver, zone, userToken } = await setup();
    const old = (await call('PUT', '/api/v1/webhooks', ebpUser, { url: receiver.url, active: false })).json().secret as string;
    await purchase(1);
    expect(await deliver()).toMatchObject({ delivered: 0 });
    const rotated = await call('POST', '/api/v1/webhooks/rotate-secret', ebpUser);
    expect(rotated.statusCode, rotated.body).toBe(200);
    const secret = rotated.json().secret as string;
    expect(secret).not.toBe(old);

    const resumed = await call('PUT', '/api/v1/webhooks', ebpUser, { url: receiver.url, active: true });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).not.toHaveProperty('secret');
    expect(await deliver()).toMatchObject({ delivered: 1 });
    const sig = receiver.got[0]!.headers['x-cbec-signature'] as string;
    expect([verifySignature(secret, receiver.got[0]!.body, sig), verifySignature(old, receiver.got[0]!.body, sig)]).toEqual([true, false]);

    // Replay from the start on request.
    await call('PUT', '/api/v1/webhooks', ebpUser, { url: receiver.url, after: 0 });
    expect(await deliver()).toMatchObject({ delivered: 1 });
    expect(receiver.got[1]!.json.receipts).toEqual(receiver.got[0]!.json.receipts);

    expect((await call('DELETE', '/api/v1/webhooks', ebpUser)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/webhooks', ebpUser)).statusCode).toBe(404);
    expect((await call('DELETE', '/api/v1/webhooks', ebpUser)).statusCode).toBe(404);
    await purchase(2);
    expect(await deliver()).toMatchObject({ delivered: 0 });
    expect(receiver.got).toHaveLength(2);
    expect((await call('GET', '/api/v1/webhooks/deliveries', ebpUser)).json().total).toBe(2);

    const audit = await call('GET', `/api/v1/audit?subject=webhooks:${zone.ebp.id}`, await userToken('admin'));
    expect(audit.json().items.map((r: { action: string }) => r.action)).toEqual(['webhooks.unsubscribe', 'webhooks.update', 'webhooks.update', 'webhooks.rotate_secret', 'webhooks.subscribe']);
    expect(audit.body).not.toContain(secret);
    expect(audit.body).not.toContain(old);
  });
});
