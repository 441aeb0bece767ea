import { describe, expect, it } from 'vitest';
import { checkEnterprise, checkProduct } from './filing.rules.js';

const good = { name: '赤峰市某羊绒制品有限公司', uscc: '91350200776049653A', customsCode: '1504960001', roles: ['ebc', 'agent'], district: '0604', contact: null };
const facts = { districtKnown: true, allowUsccCheckFailure: false };
const codes = (r: { problems: { code: string }[] }) => r.problems.map((p) => p.code);

describe('enterprise filing rules', () => {
  it('accepts a valid filing and normalises it', () => {
    const r = checkEnterprise({ ...good, uscc: '91350200776049653a', roles: ['ebc', 'ebc', 'agent'] }, facts);
    expect(r.problems).toEqual([]);
    expect(r.value).toMatchObject({ uscc: '91350200776049653A', roles: ['ebc', 'agent'] });
  });

  it.each([
    [{ uscc: '91350200776049653B' }, 'registry.invalid_uscc', 'uscc'],
    [{ uscc: '9135' }, 'registry.invalid_uscc', 'uscc'],
    [{ customsCode: '15049600' }, 'registry.invalid_customs_code', 'customsCode'],
    [{ roles: ['ebc', 'pirate'] }, 'registry.invalid_role', 'roles'],
    [{ roles: [] }, 'registry.invalid_role', 'roles'],
    [{ name: 'X' }, 'registry.invalid_name', 'name'],
    [{ contact: { email: 'not-an-email' } }, 'registry.invalid_email', 'contact.email'],
  ])('rejects %j with %s naming %s', (over, code, field) => {
    const r = checkEnterprise({ ...good, ...over }, facts);
    expect(r.problems[0]).toMatchObject({ code, field });
    expect(r.problems[0]!.message.zh).toBeTruthy();
  });

  it('rejects an unknown district', () => expect(codes(checkEnterprise(good, { ...facts, districtKnown: false }))).toEqual(['registry.invalid_district']));

  it('lets a regulator file a legal early-pilot USCC that fails the check, with a warning', () => {
    const r = checkEnterprise({ ...good, uscc: '91350200776049653B' }, { ...facts, allowUsccCheckFailure: true });
    expect(r.problems).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['registry.uscc_check_failed']);
  });

  it('reports every problem at once', () => expect(codes(checkEnterprise({ ...good, uscc: 'x', customsCode: 'y', roles: ['z'] }, facts))).toHaveLength(3));
});

describe('product filing rules', () => {
  const hs = { unit1: '011', unit2: '035', elements: ['品牌类型', '出口享惠情况', '织造方法', '种类', '成分含量', '品牌', '货号', 'GTIN', 'CAS'] };
  const product = { itemNo: 'EC-1001', itemName: '山羊绒套头衫', gcode: '6110120011', gmodel: '无品牌|不享惠|针织|套头衫|山羊绒100%|鄂尔多斯|EC-1001|6901234567892|无', country: '142', unit: '011', price: '1280.5' };
  const ok = { hs, countryKnown: true, unitKnown: true };

  it('accepts a complete filing and records the legal units and the price in fen', () => {
    const r = checkProduct(product, ok);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.value).toMatchObject({ unit1: '011', unit2: '035', priceFen: 128050 });
  });

  it.each([
    [{ gcode: '61101200' }, 'registry.invalid_hs'],
    [{ itemNo: '' }, 'registry.invalid_item_no'],
    [{ price: '12.345' }, 'registry.invalid_price'],
    [{ price: '-1' }, 'registry.invalid_price'],
    [{ country: '99' }, 'registry.invalid_country'],
    [{ gmodel: 'a|b|c|d|e|f|g|h|i|j' }, 'registry.gmodel_elements'],
    [{ gmodel: '' }, 'registry.invalid_gmodel'],
  ])('rejects %j with %s', (over, code) => expect(codes(checkProduct({ ...product, ...over }, ok))[0]).toBe(code));

  it('rejects a code missing from the HS table', () => expect(codes(checkProduct(product, { ...ok, hs: null }))).toEqual(['registry.invalid_hs']));
  it('rejects unknown country and unit codes', () =>
    expect(codes(checkProduct(product, { ...ok, countryKnown: false, unitKnown: false }))).toEqual(['registry.invalid_country', 'registry.invalid_unit']));

  it('warns, naming them, when declared elements are left empty', () => {
    const r = checkProduct({ ...product, gmodel: '无品牌|不享惠||套头衫' }, ok);
    expect(r.problems).toEqual([]);
    expect(r.warnings[0]).toMatchObject({ code: 'registry.gmodel_incomplete', value: ['织造方法', '成分含量', '品牌', '货号', 'GTIN', 'CAS'] });
  });

  it('warns when the declared unit is not a legal unit', () =>
    expect(checkProduct({ ...product, unit: '007' }, ok).warnings.map((w) => w.code)).toEqual(['registry.unit_not_legal']));
});
