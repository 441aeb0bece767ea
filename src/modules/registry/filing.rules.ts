/**
 * Pure checks of enterprise and product filings (DOMAIN.md §6). Facts that need the store (is the
 * district known, what elements does the HS code declare) come in; problems and warnings go out, each
 * with a stable code, the field and bilingual text. Every problem is reported, not just the first.
 */
import { checkUscc } from '../../kernel/codes/uscc.js';
import { checkCustomsCode } from '../../kernel/codes/customs-code.js';
import { isHs10 } from '../../kernel/codes/hs.js';
import { parseYuan, type Fen } from '../../kernel/money.js';
import type { Text } from '../../kernel/errors.js';

export const ENTERPRISE_ROLES = ['ebp', 'ebc', 'payment', 'logistics', 'agent', 'warehouse', 'guarantor', 'overseas_warehouse', 'service'] as const;
export type EnterpriseRole = (typeof ENTERPRISE_ROLES)[number];

export interface Issue {
  code: string;
  field: string;
  message: Text;
  value?: unknown;
}

export interface Checked<T> {
  value: T;
  problems: Issue[];
  warnings: Issue[];
}

export interface Contact {
  name?: string;
  phone?: string;
  email?: string;
  address?: string;
}

export interface EnterpriseInput {
  name: string;
  uscc: string;
  customsCode: string;
  roles: string[];
  district?: string | null;
  contact?: Contact | null;
}

export interface EnterpriseData {
  name: string;
  uscc: string;
  customsCode: string;
  roles: EnterpriseRole[];
  district: string | null;
  contact: Contact | null;
}

const issue = (code: string, field: string, zh: string, en: string, value?: unknown): Issue => ({ code, field, message: { zh, en }, value });

export function checkEnterprise(input: EnterpriseInput, facts: { districtKnown: boolean; allowUsccCheckFailure: boolean }): Checked<EnterpriseData> {
  const problems: Issue[] = [];
  const warnings: Issue[] = [];
  const name = input.name.trim();
  if (name.length < 2 || name.length > 200) problems.push(issue('registry.invalid_name', 'name', '企业名称须为 2–200 个字符', 'the enterprise name must have 2–200 characters', input.name));

  const uscc = input.uscc.trim().toUpperCase();
  const u = checkUscc(uscc);
  if (!u.ok && u.reason === 'shape') {
    problems.push(issue('registry.invalid_uscc', 'uscc', `统一社会信用代码格式错误（18 位，不含 I、O、S、V、Z）：${input.uscc}`, `the unified social credit code must be 18 characters without I, O, S, V, Z: ${input.uscc}`, input.uscc));
  } else if (!u.ok) {
    const text = [`统一社会信用代码校验位错误：${uscc}，应为 ${u.expected}`, `the unified social credit code fails its check character: ${uscc} should end in ${u.expected}`] as const;
    if (facts.allowUsccCheckFailure) warnings.push(issue('registry.uscc_check_failed', 'uscc', ...text, uscc));
    else problems.push(issue('registry.invalid_uscc', 'uscc', ...text, uscc));
  }

  const customsCode = input.customsCode.trim().toUpperCase();
  const c = checkCustomsCode(customsCode);
  if (!c.ok) problems.push(issue('registry.invalid_customs_code', 'customsCode', `海关编码须为 10 位（前 4 位为地区数字）：${input.customsCode}`, `the customs code must have 10 characters, the first 4 digits: ${input.customsCode}`, input.customsCode));
  else if (c.unusual) warnings.push(issue('registry.customs_code_unusual', 'customsCode', `海关编码第 5、6 位（经济区划、企业性质）不常见：${customsCode}`, `the customs code's 5th or 6th character (zone, enterprise type) is unusual: ${customsCode}`, customsCode));

  const roles = [...new Set(input.roles)];
  if (roles.length === 0) problems.push(issue('registry.invalid_role', 'roles', '至少选择一个企业类型', 'choose at least one enterprise role', input.roles));
  for (const r of roles) {
    if (!(ENTERPRISE_ROLES as readonly string[]).includes(r)) {
      problems.push(issue('registry.invalid_role', 'roles', `未知的企业类型：${r}`, `unknown enterprise role: ${r} (allowed: ${ENTERPRISE_ROLES.join(', ')})`, r));
    }
  }

  const district = input.district?.trim() || null;
  if (district && !facts.districtKnown) problems.push(issue('registry.invalid_district', 'district', `未知的关区代码：${district}`, `unknown customs district code: ${district}`, district));

  const contact = input.contact ? normaliseContact(input.contact, problems) : null;
  return { value: { name, uscc, customsCode, roles: roles as EnterpriseRole[], district, contact }, problems, warnings };
}

function normaliseContact(c: Contact, problems: Issue[]): Contact {
  const out: Contact = {};
  for (const k of ['name', 'phone', 'email', 'address'] as const) {
    const v = c[k]?.trim();
    if (v) out[k] = v;
  }
  if (out.phone && !/^[+\d][\d\s-]{5,19}$/.test(out.phone)) problems.push(issue('registry.invalid_phone', 'contact.phone', `联系电话格式错误：${out.phone}`, `invalid contact phone: ${out.phone}`, out.phone));
  if (out.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(out.email)) problems.push(issue('registry.invalid_email', 'contact.email', `电子邮箱格式错误：${out.email}`, `invalid contact e-mail: ${out.email}`, out.email));
  return out;
}

export interface ProductInput {
  itemNo: string;
  itemName: string;
  gcode: string;
  gmodel: string;
  country: string;
  unit: string;
  price?: string | null;
  barCode?: string | null;
}

export interface ProductData {
  itemNo: string;
  itemName: string;
  gcode: string;
  gmodel: string;
  country: string;
  unit: string;
  unit1: string;
  unit2: string | null;
  priceFen: Fen | null;
  barCode: string | null;
}

export interface HsFacts {
  unit1: string;
  unit2: string | null;
  elements: string[];
}

/** Declared elements (申报要素) are written in gmodel as values in the HS code's element order, joined by '|'. */
export const GMODEL_SEPARATOR = '|';

export function checkProduct(input: ProductInput, facts: { hs: HsFacts | null; countryKnown: boolean; unitKnown: boolean }): Checked<ProductData> {
  const problems: Issue[] = [];
  const warnings: Issue[] = [];
  const itemNo = input.itemNo.trim();
  if (!/^[\w.\-/]{1,30}$/.test(itemNo)) problems.push(issue('registry.invalid_item_no', 'itemNo', '企业商品货号须为 1–30 位字母、数字或 _ . - /', 'itemNo must be 1–30 letters, digits or _ . - /', input.itemNo));
  const itemName = input.itemName.trim();
  if (itemName.length < 1 || itemName.length > 250) problems.push(issue('registry.invalid_item_name', 'itemName', '商品名称须为 1–250 个字符', 'itemName must have 1–250 characters', input.itemName));
  const gcode = input.gcode.trim();
  if (!isHs10(gcode)) problems.push(issue('registry.invalid_hs', 'gcode', `商品编码须为 10 位数字：${input.gcode}`, `gcode must be a 10-digit HS code: ${input.gcode}`, input.gcode));
  else if (!facts.hs) problems.push(issue('registry.invalid_hs', 'gcode', `商品编码不在海关商品编码表中：${gcode}`, `gcode is not in the customs HS table: ${gcode}`, gcode));

  const gmodel = input.gmodel.trim();
  if (gmodel.length === 0 || gmodel.length > 510) {
    problems.push(issue('registry.invalid_gmodel', 'gmodel', '规格型号（申报要素）须为 1–510 个字符', 'gmodel (declared elements) must have 1–510 characters', input.gmodel));
  } else if (facts.hs && facts.hs.elements.length > 0) {
    const parts = gmodel.split(GMODEL_SEPARATOR);
    const expected = facts.hs.elements;
    if (parts.length > expected.length) {
      problems.push(issue('registry.gmodel_elements', 'gmodel', `申报要素多于该商品编码的 ${expected.length} 项（${expected.join('|')}）`, `gmodel has ${parts.length} elements, the HS code declares ${expected.length} (${expected.join('|')})`, gmodel));
    } else {
      const missing = expected.filter((_, i) => !parts[i]?.trim());
      if (missing.length > 0) warnings.push(issue('registry.gmodel_incomplete', 'gmodel', `申报要素未填：${missing.join('、')}`, `declared elements left empty: ${missing.join(', ')}`, missing));
    }
  }
  if (!/^\d{3}$/.test(input.country) || !facts.countryKnown) problems.push(issue('registry.invalid_country', 'country', `未知的国家（地区）代码：${input.country}`, `unknown country code: ${input.country}`, input.country));
  if (!/^\d{3}$/.test(input.unit) || !facts.unitKnown) problems.push(issue('registry.invalid_unit', 'unit', `未知的计量单位代码：${input.unit}`, `unknown unit code: ${input.unit}`, input.unit));
  else if (facts.hs && input.unit !== facts.hs.unit1 && input.unit !== facts.hs.unit2) {
    warnings.push(issue('registry.unit_not_legal', 'unit', `申报单位 ${input.unit} 不是法定单位（${[facts.hs.unit1, facts.hs.unit2].filter(Boolean).join('/')}），申报时须折算`, `declared unit ${input.unit} is not a legal unit (${[facts.hs.unit1, facts.hs.unit2].filter(Boolean).join('/')}): declarations must convert`, input.unit));
  }
  let priceFen: Fen | null = null;
  if (input.price !== undefined && input.price !== null && input.price !== '') {
    try {
      priceFen = parseYuan(input.price, 'price');
      if (priceFen < 0) throw new Error('negative');
    } catch {
      problems.push(issue('registry.invalid_price', 'price', `参考价格须为非负金额（元，最多两位小数）：${input.price}`, `price must be a non-negative amount in yuan with at most 2 decimals: ${input.price}`, input.price));
    }
  }
  const barCode = input.barCode?.trim() || null;
  if (barCode && !/^[\dA-Za-z-]{1,50}$/.test(barCode)) problems.push(issue('registry.invalid_bar_code', 'barCode', `条形码格式错误：${barCode}`, `invalid bar code: ${barCode}`, barCode));
  return {
    value: { itemNo, itemName, gcode, gmodel, country: input.country, unit: input.unit, unit1: facts.hs?.unit1 ?? '', unit2: facts.hs?.unit2 ?? null, priceFen, barCode },
    problems,
    warnings,
  };
}
