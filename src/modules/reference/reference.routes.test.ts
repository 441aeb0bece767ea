import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects } from '../../../test/support/dialects.js';
import { freshApp } from '../../../test/support/http.js';

afterAll(cleanupPlatforms);

const TARIFF = { vatRate: '0.13', consumptionRate: '0.15', dutyRate: '0.10', positiveList: true };

describe.each(dialects())('reference HTTP on %s', (dialect) => {
  it('PUT /reference/tariffs/{gcode}: the public contract, with history on GET', async () => {
    const { app, userToken, auth, platform } = await freshApp(dialect);
    const customs = await userToken('customs');
    const res = await app.inject({ method: 'PUT', url: '/api/v1/reference/tariffs/3303000020', headers: auth(customs), payload: { ...TARIFF, yearlyCapQty: '2', yearlyCapUnit: '035', effectiveFrom: '2026-06-01', note: '测试' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      gcode: '3303000020',
      name: '包装标注含量以体积计的香水及花露水',
      dutyRate: '0.1',
      vatRate: '0.13',
      consumptionRate: '0.15',
      positiveList: true,
      yearlyCapQty: '2',
      yearlyCapUnit: '035',
      note: '测试',
      effectiveFrom: '2026-06-01',
      effectiveTo: null,
      updatedBy: expect.stringMatching(/^user:customs-/),
      updatedAt: '2026-06-01T02:00:00.000Z',
    });
    const admin = await userToken('admin');
    const again = await app.inject({ method: 'PUT', url: '/api/v1/reference/tariffs/3303000020', headers: auth(admin), payload: { ...TARIFF, vatRate: '0.09', effectiveFrom: '2026-07-01' } });
    expect(again.statusCode).toBe(200);

    const got = await app.inject({ url: '/api/v1/reference/tariffs/3303000020', headers: auth(await userToken('enterprise', 'ent-1')) });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ effectiveFrom: '2026-06-01', effectiveTo: '2026-07-01', vatRate: '0.13' });
    expect(got.json().history.map((h: { effectiveFrom: string }) => h.effectiveFrom)).toEqual(['2026-07-01', '2026-06-01', '2019-04-01']);
    expect((await platform.audit.list({ action: 'reference.tariff.put', limit: 10, offset: 0 })).total).toBe(2);
  });

  it('lets only admin and customs write tariffs: others 403, anonymous 401', async () => {
    const { app, userToken, auth } = await freshApp(dialect);
    const url = '/api/v1/reference/tariffs/2204210000';
    expect((await app.inject({ method: 'PUT', url, payload: TARIFF })).statusCode).toBe(401);
    for (const role of ['commerce', 'tax'] as const) {
      const res = await app.inject({ method: 'PUT', url, headers: auth(await userToken(role)), payload: TARIFF });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
    expect((await app.inject({ method: 'PUT', url, headers: auth(await userToken('enterprise', 'ent-1')), payload: TARIFF })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/reference/tariffs' })).statusCode).toBe(401);
  });

  it('answers a bad gcode with reference.invalid_hs and a bad rate with reference.invalid_rate naming the field', async () => {
    const { app, userToken, auth } = await freshApp(dialect);
    const h = auth(await userToken('customs'));
    for (const gcode of ['22042100', 'ABCDEFGHIJ', '2204210099']) {
      const res = await app.inject({ method: 'PUT', url: `/api/v1/reference/tariffs/${gcode}`, headers: h, payload: TARIFF });
      expect(res.statusCode, gcode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'reference.invalid_hs', details: { field: 'gcode', value: gcode } });
      expect(res.json().error.message.zh).toBeTruthy();
    }
    for (const [field, value] of [['vatRate', '13%'], ['dutyRate', '1.5'], ['consumptionRate', '-0.1']] as const) {
      const res = await app.inject({ method: 'PUT', url: '/api/v1/reference/tariffs/2204210000', headers: h, payload: { ...TARIFF, [field]: value } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'reference.invalid_rate', details: { field, value } });
    }
    const missing = await app.inject({ method: 'PUT', url: '/api/v1/reference/tariffs/2204210000', headers: h, payload: { vatRate: '0.13', consumptionRate: '0.1', positiveList: true } });
    expect(missing.json().error).toMatchObject({ code: 'reference.invalid_rate', details: { field: 'dutyRate' } });
  });

  it('lists tariffs with paging and filters, and 404s a line without one', async () => {
    const { app, userToken, auth } = await freshApp(dialect);
    const h = auth(await userToken('tax'));
    const all = await app.inject({ url: '/api/v1/reference/tariffs?limit=5&offset=5', headers: h });
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toHaveLength(5);
    expect(all.json().total).toBeGreaterThanOrEqual(40);
    const off = await app.inject({ url: '/api/v1/reference/tariffs?positiveList=false', headers: h });
    expect(off.json().items.every((t: { positiveList: boolean }) => !t.positiveList)).toBe(true);
    const sugar = await app.inject({ url: '/api/v1/reference/tariffs?q=1701', headers: h });
    expect(sugar.json().items[0]).toMatchObject({ gcode: '1701991090', yearlyCapQty: '2', yearlyCapUnit: '035' });
    const none = await app.inject({ url: '/api/v1/reference/tariffs/0101210010', headers: h });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('reference.tariff_not_found');
    expect((await app.inject({ url: '/api/v1/reference/tariffs?limit=501', headers: h })).statusCode).toBe(400);
  });

  it('serves the code tables by their URL names and lets admin or customs edit them', async () => {
    const { app, userToken, auth } = await freshApp(dialect);
    const tax = auth(await userToken('tax'));
    const totals: Record<string, number> = {};
    for (const path of ['countries', 'currencies', 'units', 'districts', 'transport-modes', 'packaging']) {
      const res = await app.inject({ url: `/api/v1/reference/codes/${path}?limit=1`, headers: tax });
      expect(res.statusCode, path).toBe(200);
      totals[path] = res.json().total;
    }
    expect(totals).toEqual({ countries: 245, currencies: 26, units: 123, districts: 1085, 'transport-modes': 14, packaging: 7 });
    const korea = await app.inject({ url: '/api/v1/reference/codes/countries?q=korea', headers: tax });
    expect(korea.json().items.map((c: { code: string }) => c.code)).toContain('133');
    expect(korea.json().items[0]).toEqual({ code: expect.any(String), name: expect.any(String), nameEn: expect.stringMatching(/Korea/), effectiveFrom: '2000-01-01', effectiveTo: null });
    expect((await app.inject({ url: '/api/v1/reference/codes/planets', headers: tax })).json().error.code).toBe('reference.unknown_table');

    const edit = { name: '赤峰保税物流中心', effectiveTo: '2026-05-31' };
    expect((await app.inject({ method: 'PUT', url: '/api/v1/reference/codes/districts/0613', headers: tax, payload: edit })).statusCode).toBe(403);
    const put = await app.inject({ method: 'PUT', url: '/api/v1/reference/codes/districts/0613', headers: auth(await userToken('customs')), payload: edit });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ code: '0613', effectiveTo: '2026-05-31' });
    const gone = await app.inject({ url: '/api/v1/reference/codes/districts/0613', headers: tax });
    expect(gone.json().error.code).toBe('reference.code_not_found');
    expect((await app.inject({ url: '/api/v1/reference/codes/districts/0613?date=2026-05-01', headers: tax })).json()).toMatchObject({ name: '赤峰保税物流中心' });
  });

  it('serves HS lines by code and by search', async () => {
    const { app, userToken, auth } = await freshApp(dialect);
    const h = auth(await userToken('enterprise', 'ent-1'));
    const one = await app.inject({ url: '/api/v1/reference/hs/2204210000', headers: h });
    expect(one.json()).toEqual({ code: '2204210000', name: '小包装的鲜葡萄酿造的酒', unit1: '095', unit2: '035', elements: expect.arrayContaining(['酒精浓度', 'GTIN']) });
    expect(one.json().elements[0]).toBe('品牌类型');
    expect((await app.inject({ url: '/api/v1/reference/hs/2204210099', headers: h })).json().error.code).toBe('reference.hs_not_found');
    const search = await app.inject({ url: '/api/v1/reference/hs?chapter=61&q=%E5%B1%B1%E7%BE%8A&limit=50', headers: h });
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((x: { code: string }) => x.code)).toContain('6110120049');
    expect((await app.inject({ url: '/api/v1/reference/hs?limit=1', headers: h })).json().total).toBe(11_929);
  });

  it('shows regulation versions and lets admin or customs add one', async () => {
    const { app, userToken, auth } = await freshApp(dialect);
    const list = await app.inject({ url: '/api/v1/reference/regulation', headers: auth(await userToken('commerce')) });
    expect(list.statusCode).toBe(200);
    expect(list.json().current).toMatchObject({ version: '2019-04', params: { singleLimitFen: 500_000, annualLimitFen: 2_600_000, defaultVatRate: '0.13' } });
    expect(list.json().items.find((v: { version: string }) => v.version === '2018-05').params).toMatchObject({ singleLimitFen: 200_000, annualLimitFen: 2_000_000 });

    const body = { effectiveFrom: '2026-09-01', note: '测试新限额', params: { singleLimitFen: 600_000 } };
    expect((await app.inject({ method: 'POST', url: '/api/v1/reference/regulation', headers: auth(await userToken('enterprise', 'e1')), payload: body })).statusCode).toBe(403);
    const admin = auth(await userToken('admin'));
    const made = await app.inject({ method: 'POST', url: '/api/v1/reference/regulation', headers: admin, payload: body });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ version: '2026-09-01', params: { singleLimitFen: 600_000, annualLimitFen: 2_600_000 } });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/reference/regulation', headers: admin, payload: { ...body, effectiveFrom: '2026-10-01', params: { matchWindowHours: -1 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'regulation.invalid_param', details: { field: 'matchWindowHours' } });
    expect((await app.inject({ method: 'POST', url: '/api/v1/reference/regulation', headers: admin, payload: body })).statusCode).toBe(409);
  });

  it('documents every reference route in the OpenAPI document', async () => {
    const { app } = await freshApp(dialect);
    const paths = Object.keys((await app.inject('/api/docs/json')).json().paths);
    for (const p of ['/api/v1/reference/tariffs/{gcode}', '/api/v1/reference/tariffs', '/api/v1/reference/codes/{table}', '/api/v1/reference/hs/{code}', '/api/v1/reference/regulation']) expect(paths).toContain(p);
  });
});
