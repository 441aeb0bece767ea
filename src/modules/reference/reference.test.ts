import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects, freshPlatform } from '../../../test/support/dialects.js';
import type { Principal } from '../../platform/http/principal.js';
import { loadTariffSeed } from './seed-data.js';
import { addDays } from './versioning.rules.js';

afterAll(cleanupPlatforms);

const officer: Principal = { kind: 'user', id: 'u-customs', name: 'officer', role: 'customs', enterpriseId: null };
// freshPlatform's clock: 2026-06-01T02:00Z, which is 2026-06-01 in Asia/Shanghai.
const TODAY = '2026-06-01';
const YESTERDAY = addDays(TODAY, -1);
const page = { limit: 20, offset: 0 };

describe.each(dialects())('reference on %s', (dialect) => {
  it('seeds the code tables and all 11,929 HS lines on a database started empty', async () => {
    const ref = (await freshPlatform(dialect)).platform.reference;
    expect((await ref.listHs({ limit: 1, offset: 0 })).total).toBe(11_929);
    expect((await ref.listCodes('country', page)).total).toBe(245);
    expect((await ref.listCodes('district', page)).total).toBe(1085);
    expect((await ref.listCodes('transport', page)).total).toBe(14);
    expect(await ref.code('country', '142')).toMatchObject({ code: '142', name: '中国', nameEn: 'China' });
    expect(await ref.code('currency', '502')).toMatchObject({ name: '美元', nameEn: 'USD' });
    expect(await ref.code('unit', '035')).toMatchObject({ name: '千克', nameEn: null });
    expect(await ref.code('transport', 'Y')).toMatchObject({ name: '保税港区' });
    expect(await ref.code('packaging', '2')).toMatchObject({ name: '纸箱' });
    expect(await ref.code('country', '998')).toBeNull();
  });

  it('gives an HS line with its legal units and declared elements, in order', async () => {
    const ref = (await freshPlatform(dialect)).platform.reference;
    expect(await ref.hs('3304990099')).toEqual({
      code: '3304990099',
      name: '其他包装标注规格的其他美容品或化妆品及护肤品',
      unit1: '035',
      unit2: '011',
      elements: ['品牌类型', '出口享惠情况', '用途', '包装规格', '品牌', 'GTIN', 'CAS'],
    });
    expect(await ref.lookup.hs('2204210000')).toMatchObject({ unit1: '095', unit2: '035' });
    expect(await ref.hs('3304990000')).toBeNull();
    expect(await ref.hs('33049900')).toBeNull();
    const wine = await ref.listHs({ ...page, chapter: '22', q: '葡萄' });
    expect(wine.items.map((h) => h.code)).toContain('2204210000');
    expect(wine.items.every((h) => h.code.startsWith('22'))).toBe(true);
    expect((await ref.listHs({ ...page, q: '330499' })).total).toBe(8);
    await expect(ref.listHs({ ...page, chapter: '2' })).rejects.toMatchObject({ code: 'reference.invalid_chapter' });
  });

  it('honours effective dates: a code retired yesterday is not valid today, and a renamed one has both names', async () => {
    const { platform } = await freshPlatform(dialect);
    const ref = platform.reference;
    expect(await ref.code('district', '0613')).not.toBeNull(); // cached now: the edit must refresh it
    const retired = await ref.putCode(officer, 'district', '0613', { name: '赤峰保税物流中心', effectiveTo: YESTERDAY });
    expect(retired).toMatchObject({ effectiveFrom: '2000-01-01', effectiveTo: YESTERDAY });
    expect(await ref.code('district', '0613')).toBeNull();
    expect(await ref.code('district', '0613', YESTERDAY)).toBeNull();
    expect(await ref.code('district', '0613', addDays(TODAY, -2))).toMatchObject({ name: '赤峰保税物流中心' });
    expect((await ref.listCodes('district', { ...page, q: '0613' })).total).toBe(0);
    expect((await ref.listCodes('district', { ...page, q: '0613', all: true })).total).toBe(1);
    expect((await ref.listCodes('district', { ...page, q: '0613', date: YESTERDAY })).total).toBe(0);
    expect((await ref.listCodes('district', { ...page, q: '0613', date: addDays(TODAY, -2) })).total).toBe(1);

    await ref.putCode(officer, 'country', '133', { name: '大韩民国', nameEn: 'Republic of Korea', effectiveFrom: '2026-01-01' });
    expect(await ref.code('country', '133')).toMatchObject({ name: '大韩民国', effectiveFrom: '2026-01-01', effectiveTo: null });
    expect(await ref.code('country', '133', '2025-12-31')).toMatchObject({ name: '韩国', effectiveTo: '2026-01-01' });

    const future = await ref.putCode(officer, 'unit', '999', { name: '测试单位', effectiveFrom: addDays(TODAY, 1) });
    expect(future.effectiveTo).toBeNull();
    expect(await ref.code('unit', '999')).toBeNull();
    expect(await ref.code('unit', '999', addDays(TODAY, 1))).toMatchObject({ name: '测试单位' });

    const audit = await platform.audit.list({ action: 'reference.code.put', limit: 10, offset: 0 });
    expect(audit.total).toBe(3);
    expect(audit.items.find((a) => a.subject === 'code:district:0613')).toMatchObject({ actor: 'user:officer', before: { effectiveTo: null }, after: { effectiveTo: YESTERDAY } });
  });

  it('refuses bad code edits with field-naming codes', async () => {
    const ref = (await freshPlatform(dialect)).platform.reference;
    await expect(ref.putCode(officer, 'district', '61', { name: 'x' })).rejects.toMatchObject({ code: 'reference.invalid_code' });
    await expect(ref.putCode(officer, 'country', '142', { name: '' })).rejects.toMatchObject({ code: 'reference.invalid_text', details: { field: 'name' } });
    await expect(ref.putCode(officer, 'country', '142', { name: '中国', effectiveFrom: '2026-02-30' })).rejects.toMatchObject({ code: 'reference.invalid_date', details: { field: 'effectiveFrom' } });
    await expect(ref.putCode(officer, 'unit', '998', { name: 'x', effectiveTo: TODAY })).rejects.toMatchObject({ code: 'reference.invalid_dates' });
    await ref.putCode(officer, 'unit', '997', { name: 'later', effectiveFrom: '2027-01-01' });
    await expect(ref.putCode(officer, 'unit', '997', { name: 'now', effectiveTo: '2027-06-01' })).rejects.toMatchObject({ code: 'reference.overlapping_version' });
    await expect(ref.code('planet' as never, '1')).rejects.toMatchObject({ code: 'reference.unknown_table' });
  });

  it('defines a new HS line from a date on, with legal units checked against the unit table', async () => {
    const ref = (await freshPlatform(dialect)).platform.reference;
    const made = await ref.putHs(officer, '3304990098', { name: '测试护肤品', unit1: '035', unit2: '011', elements: ['品牌', '规格'], effectiveFrom: TODAY });
    expect(made).toMatchObject({ code: '3304990098', effectiveFrom: TODAY, effectiveTo: null });
    expect(await ref.hs('3304990098')).toMatchObject({ elements: ['品牌', '规格'] });
    expect(await ref.hs('3304990098', YESTERDAY)).toBeNull();
    await expect(ref.putHs(officer, '3304990097', { name: 'x', unit1: '777' })).rejects.toMatchObject({ code: 'reference.invalid_unit', details: { field: 'unit1' } });
    await expect(ref.putHs(officer, '12345', { name: 'x', unit1: '035' })).rejects.toMatchObject({ code: 'reference.invalid_hs' });
  });

  it('seeds the starter tariff: every line on an HS code in the table, caps on sugar and rice', async () => {
    const ref = (await freshPlatform(dialect)).platform.reference;
    const seeded = loadTariffSeed().tariffs;
    const listed = await ref.listTariffs({ limit: 500, offset: 0 });
    expect(listed.total).toBe(seeded.length);
    expect(listed.items.every((t) => t.name !== null)).toBe(true);
    expect(await ref.tariffAt('2204210000', TODAY)).toMatchObject({ dutyRate: '0.14', vatRate: '0.13', consumptionRate: '0.1', positiveList: true, name: '小包装的鲜葡萄酿造的酒' });
    expect(await ref.tariffAt('1701991090', TODAY)).toMatchObject({ yearlyCapQty: '2', yearlyCapUnit: '035', vatRate: '0.13' });
    expect(await ref.tariffAt('1006308090', TODAY)).toMatchObject({ yearlyCapQty: '20', yearlyCapUnit: '035', vatRate: '0.09' });
    expect(await ref.tariffAt('2204210000', '2019-03-31')).toBeNull();
    expect(await ref.tariffAt('0101210010', TODAY)).toBeNull();
    const offList = await ref.listTariffs({ ...page, positiveList: false });
    expect(offList.items.map((t) => t.gcode).sort()).toEqual(['3004909010', '5102110000']);
    expect((await ref.listTariffs({ ...page, q: '葡萄' })).items.map((t) => t.gcode)).toEqual(['2204100000', '2204210000', '2208200090']);
    expect((await ref.listTariffs({ ...page, q: '6110' })).total).toBe(2);
  });

  it('versions a tariff: a PUT closes the version in force on its date, keeps history, and is audited', async () => {
    const { platform } = await freshPlatform(dialect);
    const ref = platform.reference;
    expect(await ref.lookup.tariffAt('3304990099', TODAY)).toMatchObject({ consumptionRate: '0.15' }); // cached before the edit
    const put = await ref.putTariff(officer, '3304990099', { dutyRate: '0.010', vatRate: '0.130', consumptionRate: '0.1', positiveList: true, note: '调整', effectiveFrom: TODAY });
    expect(put).toMatchObject({ gcode: '3304990099', dutyRate: '0.01', vatRate: '0.13', consumptionRate: '0.1', effectiveFrom: TODAY, effectiveTo: null, updatedBy: 'user:officer', name: '其他包装标注规格的其他美容品或化妆品及护肤品' });
    expect(await ref.lookup.tariffAt('3304990099', TODAY)).toMatchObject({ consumptionRate: '0.1' });
    expect(await ref.tariffAt('3304990099', YESTERDAY)).toMatchObject({ consumptionRate: '0.15', effectiveFrom: '2019-04-01', effectiveTo: TODAY });
    const history = await ref.tariffHistory('3304990099');
    expect(history.map((h) => [h.effectiveFrom, h.effectiveTo, h.consumptionRate])).toEqual([[TODAY, null, '0.1'], ['2019-04-01', TODAY, '0.15']]);
    expect((await ref.listTariffs({ ...page, q: '3304990099', date: TODAY })).items.map((t) => t.consumptionRate)).toEqual(['0.1']);
    expect((await ref.listTariffs({ ...page, q: '3304990099', date: YESTERDAY })).items.map((t) => t.consumptionRate)).toEqual(['0.15']);

    // The same treatment again writes nothing; a later date starts a third version.
    await ref.putTariff(officer, '3304990099', { dutyRate: '0.01', vatRate: '0.13', consumptionRate: '0.10', positiveList: true, note: '调整', effectiveFrom: TODAY });
    expect(await ref.tariffHistory('3304990099')).toHaveLength(2);
    await ref.putTariff(officer, '3304990099', { dutyRate: '0.01', vatRate: '0.13', consumptionRate: '0', positiveList: false, effectiveFrom: '2026-07-01' });
    expect((await ref.tariffHistory('3304990099')).map((h) => h.effectiveTo)).toEqual([null, '2026-07-01', TODAY]);

    const audit = await platform.audit.list({ action: 'reference.tariff.put', subject: 'tariff:3304990099', limit: 10, offset: 0 });
    expect(audit.total).toBe(2);
    expect(audit.items[1]).toMatchObject({ actor: 'user:officer', before: { consumptionRate: '0.15', effectiveTo: null }, after: { consumptionRate: '0.1', effectiveFrom: TODAY } });
    expect(await platform.audit.verify()).toMatchObject({ ok: true });
  });

  it('serialises concurrent edits of one line: each lands, none collides', async () => {
    const { platform } = await freshPlatform(dialect);
    const ref = platform.reference;
    const rates = ['0.01', '0.02', '0.03', '0.04', '0.05'];
    await Promise.all(rates.map((dutyRate) => ref.putTariff(officer, '0402210000', { dutyRate, vatRate: '0.13', consumptionRate: '0', positiveList: true })));
    const history = await ref.tariffHistory('0402210000');
    expect(history).toHaveLength(2);
    expect(rates).toContain(history[0]!.dutyRate);
    expect((await platform.audit.list({ subject: 'tariff:0402210000', limit: 10, offset: 0 })).total).toBe(5);
    expect(await platform.audit.verify()).toMatchObject({ ok: true });
  });

  it('starts a tariff on a line that had none, defaulting to today, with a cap', async () => {
    const ref = (await freshPlatform(dialect)).platform.reference;
    const put = await ref.putTariff(officer, '1006402090', { dutyRate: '0.01', vatRate: '0.09', consumptionRate: '0', positiveList: true, yearlyCapQty: '20.0', yearlyCapUnit: '035' });
    expect(put).toMatchObject({ effectiveFrom: TODAY, yearlyCapQty: '20', yearlyCapUnit: '035' });
    expect((await ref.getTariff('1006402090')).history).toHaveLength(1);
    await expect(ref.getTariff('0101210010')).rejects.toMatchObject({ code: 'reference.tariff_not_found' });
  });

  it('refuses bad tariffs with stable codes that name the field', async () => {
    const ref = (await freshPlatform(dialect)).platform.reference;
    const good = { dutyRate: '0.1', vatRate: '0.13', consumptionRate: '0', positiveList: true };
    await expect(ref.putTariff(officer, '22042100', good)).rejects.toMatchObject({ code: 'reference.invalid_hs', details: { reason: 'format' } });
    await expect(ref.putTariff(officer, '2204210099', good)).rejects.toMatchObject({ code: 'reference.invalid_hs', details: { reason: 'unknown' } });
    await expect(ref.putTariff(officer, '2204210000', { ...good, vatRate: '1.3' })).rejects.toMatchObject({ code: 'reference.invalid_rate', details: { field: 'vatRate' } });
    await expect(ref.putTariff(officer, '2204210000', { ...good, dutyRate: '-0.1' })).rejects.toMatchObject({ code: 'reference.invalid_rate', details: { field: 'dutyRate' } });
    await expect(ref.putTariff(officer, '2204210000', { ...good, consumptionRate: '10%' })).rejects.toMatchObject({ code: 'reference.invalid_rate', details: { field: 'consumptionRate' } });
    await expect(ref.putTariff(officer, '2204210000', { vatRate: '0.13', consumptionRate: '0', positiveList: true })).rejects.toMatchObject({ code: 'reference.invalid_rate', details: { field: 'dutyRate' } });
    await expect(ref.putTariff(officer, '2204210000', { ...good, yearlyCapQty: '2' })).rejects.toMatchObject({ code: 'reference.invalid_cap', details: { field: 'yearlyCapUnit' } });
    await expect(ref.putTariff(officer, '2204210000', { ...good, yearlyCapQty: '0', yearlyCapUnit: '035' })).rejects.toMatchObject({ code: 'reference.invalid_cap' });
    await expect(ref.putTariff(officer, '2204210000', { ...good, yearlyCapQty: '2', yearlyCapUnit: '777' })).rejects.toMatchObject({ code: 'reference.invalid_unit' });
    await expect(ref.putTariff(officer, '2204210000', { ...good, effectiveFrom: '2026-13-01' })).rejects.toMatchObject({ code: 'reference.invalid_date' });
    expect((await ref.tariffHistory('2204210000'))).toHaveLength(1);
  });

  it('answers the regulation in force on a date: 2018 and 2019 limits', async () => {
    const ref = (await freshPlatform(dialect)).platform.reference;
    expect((await ref.listRegulation()).map((v) => v.version)).toEqual(['2016-04', '2018-05', '2019-01', '2019-04']);
    expect((await ref.regulationAt('2018-12-31')).params).toMatchObject({ singleLimitFen: 200_000, annualLimitFen: 2_000_000, defaultVatRate: '0.16' });
    expect((await ref.regulationAt('2019-01-01')).params).toMatchObject({ singleLimitFen: 500_000, annualLimitFen: 2_600_000 });
    expect((await ref.lookup.regulationAt()).version).toBe('2019-04');
    await expect(ref.regulationAt('2015-01-01')).rejects.toMatchObject({ code: 'regulation.no_version' });
  });

  it('adds a regulation version from today or later, carrying over what it does not change', async () => {
    const { platform } = await freshPlatform(dialect);
    const ref = platform.reference;
    expect((await ref.regulationAt('2026-07-01')).version).toBe('2019-04'); // cached before the edit
    const added = await ref.addRegulation(officer, { effectiveFrom: '2026-07-01', note: '年度限额 30,000', params: { annualLimitFen: 3_000_000 } });
    expect(added).toMatchObject({ version: '2026-07-01', params: { annualLimitFen: 3_000_000, singleLimitFen: 500_000, defaultVatRate: '0.13' } });
    expect((await ref.regulationAt('2026-07-01')).params.annualLimitFen).toBe(3_000_000);
    expect((await ref.regulationAt('2026-06-30')).params.annualLimitFen).toBe(2_600_000);
    await expect(ref.addRegulation(officer, { effectiveFrom: '2026-07-01', note: 'again', params: {} })).rejects.toMatchObject({ code: 'reference.regulation_exists' });
    await expect(ref.addRegulation(officer, { effectiveFrom: YESTERDAY, note: 'late', params: {} })).rejects.toMatchObject({ code: 'reference.regulation_retroactive' });
    await expect(ref.addRegulation(officer, { effectiveFrom: '2026-08-01', note: 'x', params: { retailTaxFactor: '1.7' } })).rejects.toMatchObject({ code: 'regulation.invalid_param', details: { field: 'retailTaxFactor' } });
    await expect(ref.addRegulation(officer, { effectiveFrom: '2026-08-01', note: 'x', params: { anualLimitFen: 1 } })).rejects.toMatchObject({ code: 'regulation.invalid_param', details: { field: 'anualLimitFen' } });
    const audit = await platform.audit.list({ action: 'reference.regulation.add', limit: 10, offset: 0 });
    expect(audit.items).toMatchObject([{ subject: 'regulation:2026-07-01', before: { version: '2019-04' }, after: { version: '2026-07-01' } }]);
  });
});
