import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';
import { anEnterprise } from '../../../test/support/builders.js';
import { createPlatform } from '../../compose.js';
import { fixedClock } from '../../kernel/clock.js';
import { loadConfig } from '../../platform/config.js';
import { platformOptions } from '../../cli/serve.js';
import { MAX_PROOF_BYTES } from './index.js';

afterAll(cleanupPlatforms);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const proofOf = (bytes: Buffer, contentType = 'application/pdf', fileName = '租赁合同.pdf') => ({ fileName, contentType, contentBase64: bytes.toString('base64') });

/** A valid filing: a leased warehouse in Frankfurt (Germany, 304); the test clock's day is 2026-06-01. */
const aWarehouse = (over: Record<string, unknown> = {}) => ({
  name: '法兰克福海外仓',
  country: '304',
  address: 'Hanauer Landstraße 300, 60314 Frankfurt am Main',
  areaSqm: '2400.5',
  operatorName: 'Yuanhang Overseas Warehouse GmbH',
  tenure: 'lease',
  leaseEnds: '2029-05-31',
  proof: proofOf(PDF),
  ...over,
});

const aBooking = (warehouseId: string, over: Record<string, unknown> = {}) => ({
  bookingNo: 'DC-CF-2026-0001',
  warehouseId,
  plannedShipDate: '2026-06-20',
  transportMode: '3',
  lines: [
    { itemNo: 'CF-M-001', itemName: '山羊绒男套头衫', gcode: '6110120011', qty: '120', unit: '011', value: '153600.00' },
    { itemName: '山羊绒女套头衫', gcode: '6110120021', qty: '80.5', unit: '011', value: '110400.5' },
  ],
  ...over,
});

describe.each(dialects())('overseas warehouses over HTTP on %s', (dialect) => {
  async function zone() {
    const h = await freshApp(dialect);
    const admin = await h.userToken('admin');
    const customs = await h.userToken('customs');
    const commerce = await h.userToken('commerce');
    const send = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: unknown) =>
      h.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: token ? h.auth(token) : {} });
    const get = (url: string, token?: string) => send('GET', url, token);
    const post = (url: string, payload: unknown, token?: string) => send('POST', url, token, payload);
    const put = (url: string, payload: unknown, token?: string) => send('PUT', url, token, payload);
    async function enterprise(roles: string[], approve = true) {
      const body = anEnterprise({ roles });
      const id = (await post('/api/v1/enterprises', body, admin)).json().id as string;
      if (approve) await post(`/api/v1/enterprises/${id}/decision`, { decision: 'approve', reason: 'ok' }, customs);
      return { id, customsCode: body.customsCode as string, uscc: body.uscc as string, token: await h.userToken('enterprise', id) };
    }
    const exporter = await enterprise(['ebc']);
    async function fileWarehouse(owner = exporter, over: Record<string, unknown> = {}) {
      const res = await post('/api/v1/overseas-warehouses', aWarehouse(over), owner.token);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    }
    async function approvedWarehouse(owner = exporter, over: Record<string, unknown> = {}) {
      const id = await fileWarehouse(owner, over);
      expect((await post(`/api/v1/overseas-warehouses/${id}/decision`, { decision: 'approve' }, customs)).statusCode).toBe(200);
      return id;
    }
    const audit = async (subject: string) => ((await get(`/api/v1/audit?subject=${subject}`, admin)).json().items as Array<{ action: string }>).map((a) => a.action);
    return { ...h, admin, customs, commerce, get, post, put, enterprise, exporter, fileWarehouse, approvedWarehouse, audit };
  }

  it('files a warehouse with its proof, lists and reads it, serves the proof and counts it', async () => {
    const z = await zone();
    const created = await z.post('/api/v1/overseas-warehouses', aWarehouse(), z.exporter.token);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ id: expect.any(String), status: 'pending' });
    const id = created.json().id as string;

    const mine = (await z.get('/api/v1/overseas-warehouses', z.exporter.token)).json();
    expect(mine).toMatchObject({ total: 1, items: [{ id, name: '法兰克福海外仓', country: '304', countryName: '德国', areaSqm: '2400.5', tenure: 'lease', leaseEnds: '2029-05-31', status: 'pending', version: 1, enterpriseId: z.exporter.id, enterpriseCode: z.exporter.customsCode, enterpriseName: expect.any(String) }] });

    const detail = (await z.get(`/api/v1/overseas-warehouses/${id}`, z.customs)).json();
    expect(detail).toMatchObject({
      id,
      status: 'pending',
      proof: { fileName: '租赁合同.pdf', contentType: 'application/pdf', size: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex'), uploadedBy: expect.stringMatching(/^user:/) },
      history: [{ version: 1, status: 'pending', data: { name: '法兰克福海外仓', areaSqm: '2400.5', proof: { fileName: '租赁合同.pdf', size: PDF.length } }, decidedBy: null }],
    });

    const file = await z.get(`/api/v1/overseas-warehouses/${id}/proof`, z.exporter.token);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(String(file.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('租赁合同.pdf')}`);
    expect(file.rawPayload.equals(PDF)).toBe(true);

    const tax = await z.userToken('tax');
    expect((await z.get('/api/v1/overseas-warehouses', tax)).json().total).toBe(1);
    for (const q of ['status=pending', 'country=304', `enterprise=${z.exporter.id}`, `q=${encodeURIComponent('法兰克福')}`, 'q=Frankfurt']) {
      expect((await z.get(`/api/v1/overseas-warehouses?${q}`, z.customs)).json().total, q).toBe(1);
    }
    for (const q of ['status=approved', 'country=344', 'enterprise=nobody', 'q=Moscow']) expect((await z.get(`/api/v1/overseas-warehouses?${q}`, z.customs)).json().total, q).toBe(0);
    expect((await z.get('/api/v1/overseas-warehouses?status=lost', z.customs)).statusCode).toBe(400);

    expect((await z.get('/api/v1/overseas-warehouses/stats', z.commerce)).json()).toEqual({ approved: 0, pending: 1, rejected: 0, byCountry: [], target: 10 });
    expect(await z.audit(`overseas_warehouse:${id}`)).toEqual(['overseas.warehouse.file']);
  });

  it('answers bad input with 400, a stable code and bilingual text naming the field, and stores nothing', async () => {
    const z = await zone();
    const tooLarge = Buffer.alloc(MAX_PROOF_BYTES + 1, 0x20);
    PDF.copy(tooLarge);
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: 'x' }, 'overseas.invalid_name', 'name'],
      [{ country: 'DEU' }, 'overseas.invalid_country', 'country'],
      [{ country: '998' }, 'overseas.invalid_country', 'country'],
      [{ country: '142' }, 'overseas.invalid_country', 'country'],
      [{ address: 'Ffm' }, 'overseas.invalid_address', 'address'],
      [{ areaSqm: '0' }, 'overseas.invalid_area', 'areaSqm'],
      [{ areaSqm: '100.125' }, 'overseas.invalid_area', 'areaSqm'],
      [{ operatorName: ' ' }, 'overseas.invalid_operator', 'operatorName'],
      [{ tenure: 'rent' }, 'overseas.invalid_tenure', 'tenure'],
      [{ leaseEnds: null }, 'overseas.lease_ends_required', 'leaseEnds'],
      [{ leaseEnds: '2026-06-01' }, 'overseas.invalid_lease_ends', 'leaseEnds'],
      [{ leaseEnds: '2027-02-30' }, 'overseas.invalid_lease_ends', 'leaseEnds'],
      [{ tenure: 'own', leaseEnds: '2029-01-01' }, 'overseas.invalid_lease_ends', 'leaseEnds'],
      [{ proof: proofOf(PDF, 'text/plain') }, 'overseas.invalid_proof_type', 'proof.contentType'],
      [{ proof: proofOf(PNG, 'application/pdf') }, 'overseas.proof_type_mismatch', 'proof.contentType'],
      [{ proof: proofOf(PDF, 'image/jpeg', 'scan.jpg') }, 'overseas.proof_type_mismatch', 'proof.contentType'],
      [{ proof: proofOf(Buffer.alloc(0)) }, 'overseas.proof_empty', 'proof.contentBase64'],
      [{ proof: proofOf(tooLarge) }, 'overseas.proof_too_large', 'proof.contentBase64'],
      [{ proof: { fileName: 'a.pdf', contentType: 'application/pdf', contentBase64: '%%%not base64%%%' } }, 'overseas.invalid_proof_encoding', 'proof.contentBase64'],
      [{ proof: proofOf(PDF, 'application/pdf', '/') }, 'overseas.invalid_proof_name', 'proof.fileName'],
    ];
    for (const [change, code, field] of cases) {
      const res = await z.post('/api/v1/overseas-warehouses', aWarehouse(change), z.exporter.token);
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error, code).toMatchObject({ code, message: { zh: expect.any(String), en: expect.any(String) }, details: { field } });
    }
    const schema = await z.post('/api/v1/overseas-warehouses', { ...aWarehouse(), proof: undefined }, z.exporter.token);
    expect(schema.statusCode).toBe(400);
    expect(schema.json().error.code).toBe('http.invalid_request');
    expect((await z.get('/api/v1/overseas-warehouses', z.customs)).json().total).toBe(0);
    expect((await z.get('/api/v1/overseas-warehouses/stats', z.customs)).json()).toMatchObject({ approved: 0, pending: 0, rejected: 0 });
    expect((await z.get('/api/v1/audit?action=overseas.warehouse.file', z.admin)).json().total).toBe(0);

    await z.fileWarehouse();
    const dup = await z.post('/api/v1/overseas-warehouses', aWarehouse(), z.exporter.token);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'overseas.duplicate_name', details: { field: 'name' } });
  });

  it('authorises per role: others get 404, only enterprises file, only customs and commerce decide', async () => {
    const z = await zone();
    const id = await z.fileWarehouse();
    const other = await z.enterprise(['ebc']);
    expect((await z.get(`/api/v1/overseas-warehouses/${id}`)).statusCode).toBe(401);
    for (const url of [`/api/v1/overseas-warehouses/${id}`, `/api/v1/overseas-warehouses/${id}/proof`]) {
      const res = await z.get(url, other.token);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('overseas.warehouse_not_found');
    }
    expect((await z.put(`/api/v1/overseas-warehouses/${id}`, aWarehouse({ name: '冒名修改' }), other.token)).statusCode).toBe(404);
    expect((await z.get('/api/v1/overseas-warehouses', other.token)).json().total).toBe(0);
    expect((await z.get('/api/v1/overseas-warehouses/stats', other.token)).json()).toMatchObject({ pending: 0, target: 10 });
    expect((await z.get('/api/v1/overseas-warehouses/stats', z.exporter.token)).json()).toMatchObject({ pending: 1 });

    expect((await z.post('/api/v1/overseas-warehouses', aWarehouse(), z.customs)).statusCode).toBe(403);
    expect((await z.post(`/api/v1/overseas-warehouses/${id}/decision`, { decision: 'approve' }, z.exporter.token)).statusCode).toBe(403);
    expect((await z.post(`/api/v1/overseas-warehouses/${id}/decision`, { decision: 'approve' }, await z.userToken('tax'))).statusCode).toBe(403);

    for (const [roles, approve] of [[['ebc'], false], [['payment'], true]] as const) {
      const e = await z.enterprise([...roles], approve);
      const res = await z.post('/api/v1/overseas-warehouses', aWarehouse(), e.token);
      expect(res.statusCode, roles.join()).toBe(422);
      expect(res.json().error.code).toBe('overseas.filer_not_eligible');
    }
    const firm = await z.enterprise(['overseas_warehouse', 'logistics']);
    expect((await z.post('/api/v1/overseas-warehouses', aWarehouse(), firm.token)).statusCode).toBe(201);
  });

  it('reviews a filing, takes a corrected resubmission as a new version, and approves it', async () => {
    const z = await zone();
    const id = await z.fileWarehouse();
    const noReason = await z.post(`/api/v1/overseas-warehouses/${id}/decision`, { decision: 'reject', reason: ' ' }, z.commerce);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ code: 'overseas.reason_required', details: { field: 'reason' } });
    const rejected = await z.post(`/api/v1/overseas-warehouses/${id}/decision`, { decision: 'reject', reason: '租赁合同缺少出租方签章' }, z.commerce);
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: '租赁合同缺少出租方签章', decidedBy: expect.stringMatching(/^user:commerce/) });
    const again = await z.post(`/api/v1/overseas-warehouses/${id}/decision`, { decision: 'approve' }, z.customs);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('overseas.not_pending');
    const oldSha = rejected.json().proof.sha256 as string;

    const bad = await z.put(`/api/v1/overseas-warehouses/${id}`, aWarehouse({ areaSqm: '-1' }), z.exporter.token);
    expect(bad.statusCode).toBe(400);
    expect((await z.get(`/api/v1/overseas-warehouses/${id}`, z.exporter.token)).json()).toMatchObject({ status: 'rejected', version: 1 });

    const { proof: _, ...withoutProof } = aWarehouse({ areaSqm: '2600' });
    const v2 = await z.put(`/api/v1/overseas-warehouses/${id}`, withoutProof, z.exporter.token);
    expect(v2.statusCode).toBe(200);
    expect(v2.json()).toEqual({ id, status: 'pending', version: 2 });
    const afterV2 = (await z.get(`/api/v1/overseas-warehouses/${id}`, z.exporter.token)).json();
    expect(afterV2).toMatchObject({ status: 'pending', version: 2, areaSqm: '2600', rejectReason: null, decidedBy: null, proof: { sha256: oldSha } });
    expect(afterV2.history.map((h: { version: number; status: string; reason: string | null }) => [h.version, h.status, h.reason])).toEqual([[2, 'pending', null], [1, 'rejected', '租赁合同缺少出租方签章']]);

    const v3 = await z.put(`/api/v1/overseas-warehouses/${id}`, aWarehouse({ areaSqm: '2600', proof: proofOf(PNG, 'image/png', 'lease-signed.png') }), z.exporter.token);
    expect(v3.json()).toMatchObject({ version: 3 });
    const png = await z.get(`/api/v1/overseas-warehouses/${id}/proof`, z.customs);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.equals(PNG)).toBe(true);
    const first = await z.get(`/api/v1/overseas-warehouses/${id}/proof?version=1`, z.customs);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.rawPayload.equals(PDF)).toBe(true);
    expect((await z.get(`/api/v1/overseas-warehouses/${id}/proof?version=9`, z.customs)).json().error.code).toBe('overseas.version_not_found');

    const approved = await z.post(`/api/v1/overseas-warehouses/${id}/decision`, { decision: 'approve' }, z.customs);
    expect(approved.json()).toMatchObject({ status: 'approved', version: 3, history: [{ version: 3, status: 'approved', decidedBy: expect.stringMatching(/^user:customs/) }, { version: 2, status: 'rejected' }, { version: 1, status: 'rejected' }] });
    const locked = await z.put(`/api/v1/overseas-warehouses/${id}`, aWarehouse(), z.exporter.token);
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('overseas.already_approved');

    await z.fileWarehouse(z.exporter, { name: '莫斯科海外仓', country: '344', address: 'ул. Складская 12, Москва', tenure: 'own', leaseEnds: null });
    expect((await z.get('/api/v1/overseas-warehouses/stats', z.customs)).json()).toEqual({ approved: 1, pending: 1, rejected: 0, byCountry: [{ country: '304', name: '德国', count: 1 }], target: 10 });
    expect(await z.audit(`overseas_warehouse:${id}`)).toEqual(['overseas.warehouse.approve', 'overseas.warehouse.resubmit', 'overseas.warehouse.resubmit', 'overseas.warehouse.reject', 'overseas.warehouse.file']);
    expect(await z.platform.audit.verify()).toMatchObject({ ok: true });
  });

  it('files booking orders against an approved warehouse of its own, and validates every line', async () => {
    const z = await zone();
    const warehouseId = await z.approvedWarehouse();
    const pendingId = await z.fileWarehouse(z.exporter, { name: '华沙海外仓', country: '327', address: 'ul. Magazynowa 5, Warszawa' });
    const other = await z.enterprise(['ebc']);
    const othersWarehouse = await z.approvedWarehouse(other);

    const created = await z.post('/api/v1/overseas-bookings', aBooking(warehouseId), z.exporter.token);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({ id: expect.any(String), bookingNo: 'DC-CF-2026-0001', status: 'filed' });
    const id = created.json().id as string;
    const detail = (await z.get(`/api/v1/overseas-bookings/${id}`, z.exporter.token)).json();
    expect(detail).toMatchObject({
      bookingNo: 'DC-CF-2026-0001',
      warehouseId,
      warehouseName: '法兰克福海外仓',
      country: '304',
      countryName: '德国',
      plannedShipDate: '2026-06-20',
      transportMode: '3',
      status: 'filed',
      goodsValue: '264000.50',
      lineCount: 2,
      lines: [
        { lineNo: 1, itemNo: 'CF-M-001', gcode: '6110120011', qty: '120', unit: '011', value: '153600.00' },
        { lineNo: 2, itemNo: null, gcode: '6110120021', qty: '80.5', unit: '011', value: '110400.50' },
      ],
    });

    const before = (await z.get('/api/v1/overseas-bookings', z.customs)).json().total;
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ bookingNo: 'DC 1' }, 400, 'overseas.invalid_booking_no', 'bookingNo'],
      [{ plannedShipDate: '2026-02-30' }, 400, 'overseas.invalid_ship_date', 'plannedShipDate'],
      [{ transportMode: 'Q' }, 400, 'overseas.invalid_transport_mode', 'transportMode'],
      [{ lines: [] }, 400, 'overseas.invalid_lines', 'lines'],
      [{ lines: [{ itemName: '羊绒', gcode: '6110120099', qty: '1', unit: '011', value: '1' }] }, 400, 'overseas.invalid_hs', 'lines.0.gcode'],
      [{ lines: [{ itemName: '羊绒', gcode: '6110120011', qty: '1', unit: '999', value: '1' }] }, 400, 'overseas.invalid_unit', 'lines.0.unit'],
      [{ lines: [{ itemName: '羊绒', gcode: '6110120011', qty: '1.000001', unit: '011', value: '1' }] }, 400, 'overseas.invalid_quantity', 'lines.0.qty'],
      [{ lines: [{ itemName: '羊绒', gcode: '6110120011', qty: '1', unit: '011', value: '1.005' }] }, 400, 'overseas.invalid_value', 'lines.0.value'],
      [{ bookingNo: 'DC-2', warehouseId: othersWarehouse }, 400, 'overseas.invalid_warehouse', 'warehouseId'],
      [{ bookingNo: 'DC-2', warehouseId: 'no-such-warehouse' }, 400, 'overseas.invalid_warehouse', 'warehouseId'],
      [{ bookingNo: 'DC-2', warehouseId: pendingId }, 422, 'overseas.warehouse_not_approved', 'warehouseId'],
      [{}, 409, 'overseas.duplicate_booking_no', 'bookingNo'],
    ];
    for (const [change, status, code, field] of cases) {
      const res = await z.post('/api/v1/overseas-bookings', aBooking(warehouseId, change), z.exporter.token);
      expect(res.statusCode, code).toBe(status);
      expect(res.json().error, code).toMatchObject({ code, message: { zh: expect.any(String), en: expect.any(String) }, details: { field } });
    }
    expect((await z.get('/api/v1/overseas-bookings', z.customs)).json().total).toBe(before);
    expect((await z.post('/api/v1/overseas-bookings', aBooking(othersWarehouse), other.token)).statusCode).toBe(201);
    expect((await z.post('/api/v1/overseas-bookings', aBooking(warehouseId), z.customs)).statusCode).toBe(403);

    expect((await z.get(`/api/v1/overseas-bookings/${id}`, other.token)).json().error.code).toBe('overseas.booking_not_found');
    expect((await z.get('/api/v1/overseas-bookings', other.token)).json()).toMatchObject({ total: 1, items: [{ warehouseId: othersWarehouse }] });
    expect((await z.get('/api/v1/overseas-bookings', z.customs)).json().total).toBe(2);
    expect((await z.get(`/api/v1/overseas-bookings?warehouseId=${warehouseId}`, await z.userToken('forex'))).json()).toMatchObject({ total: 1, items: [{ id, goodsValue: '264000.50', enterpriseName: expect.any(String) }] });
    expect((await z.get(`/api/v1/overseas-bookings?enterprise=${other.id}`, z.customs)).json().total).toBe(1);
    expect((await z.get('/api/v1/overseas-bookings?country=344', z.customs)).json().total).toBe(0);
    expect((await z.get(`/api/v1/overseas-bookings?q=${z.exporter.customsCode}`, z.customs)).json().total).toBe(1);
    expect(await z.audit(`overseas_booking:${id}`)).toEqual(['overseas.booking.file']);
  });

  it('answers the look-up port by customs code or USCC and booking number', async () => {
    const z = await zone();
    const warehouseId = await z.approvedWarehouse();
    await z.post('/api/v1/overseas-bookings', aBooking(warehouseId), z.exporter.token);
    const { lookup } = z.platform.overseas;
    const ref = { bookingNo: 'DC-CF-2026-0001', enterpriseId: z.exporter.id, warehouseId, warehouseName: '法兰克福海外仓', country: '304', warehouseApproved: true, goodsFen: 26_400_050 };
    expect(await lookup.booking(z.exporter.customsCode, 'DC-CF-2026-0001')).toEqual(ref);
    expect(await lookup.booking(` ${z.exporter.uscc.toLowerCase()} `, ' DC-CF-2026-0001 ')).toEqual(ref);
    expect(await lookup.booking(z.exporter.customsCode, 'DC-CF-2026-0002')).toBeNull();
    expect(await lookup.booking('1504969999', 'DC-CF-2026-0001')).toBeNull();
    const other = await z.enterprise(['ebc']);
    expect(await lookup.booking(other.customsCode, 'DC-CF-2026-0001')).toBeNull();
    expect(await lookup.approvedWarehouses(z.exporter.id)).toBe(1);
    expect(await lookup.approvedWarehouses(other.id)).toBe(0);
    await z.fileWarehouse(z.exporter, { name: '莫斯科海外仓', country: '344', address: 'ул. Складская 12, Москва', tenure: 'own', leaseEnds: null });
    expect(await lookup.approvedWarehouses(z.exporter.id)).toBe(1);
  });
});

describe('the target of overseas warehouses', () => {
  it('comes from CBEC_TARGET_OVERSEAS_WAREHOUSES through the platform options, 10 when unset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbec-overseas-'));
    const env = { CBEC_DB: `file:${join(dir, 'cbec.sqlite')}`, CBEC_SECRET: 'test-secret-0123456789abcdef' };
    const admin = { kind: 'user' as const, id: 'a', name: 'a', role: 'admin' as const, enterpriseId: null };
    try {
      expect(() => loadConfig({ ...env, CBEC_TARGET_OVERSEAS_WAREHOUSES: 'ten' }, dir)).toThrow(/CBEC_TARGET_OVERSEAS_WAREHOUSES/);
      for (const [value, target] of [['25', 25], [undefined, 10]] as const) {
        const config = loadConfig(value === undefined ? env : { ...env, CBEC_TARGET_OVERSEAS_WAREHOUSES: value }, dir);
        const platform = await createPlatform({ ...platformOptions(config), clock: fixedClock('2026-06-01T02:00:00Z') });
        try {
          await platform.migrate();
          expect(await platform.overseas.warehouses.stats(admin)).toEqual({ approved: 0, pending: 0, rejected: 0, byCountry: [], target });
        } finally {
          await platform.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
