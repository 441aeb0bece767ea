/**
 * Pure checks on operator input for the reference tables: the shape of each table's codes, tariff rates
 * (exact decimals between 0 and 1, kept in canonical text), per-person caps. Errors name the field.
 */
import { invalid } from '../../kernel/errors.js';
import { compareDecimal, isDecimalString, normaliseDecimal } from '../../kernel/money.js';
import { isHs10 } from '../../kernel/codes/hs.js';
import { CODE_TABLES, type CodeTable } from './reference.types.js';

/** Code shapes: customs 3-digit country/currency/unit codes (letters allowed for ISO-style codes), 4-digit districts, 1-character trafMode, 1–2 character wrapType. */
export const CODE_FORMATS: Record<CodeTable, RegExp> = {
  country: /^[0-9A-Z]{3}$/,
  currency: /^[0-9A-Z]{3}$/,
  unit: /^\d{3}$/,
  district: /^\d{4}$/,
  transport: /^[0-9A-Z]$/,
  packaging: /^[0-9A-Z]{1,2}$/,
};

export function checkTable(table: string): CodeTable {
  if (!(CODE_TABLES as readonly string[]).includes(table)) {
    throw invalid('reference.unknown_table', { zh: `没有这个代码表：${table}`, en: `no such code table: ${table}` }, { field: 'table', value: table, allowed: CODE_TABLES });
  }
  return table as CodeTable;
}

export function checkCode(table: CodeTable, code: string): string {
  if (!CODE_FORMATS[table].test(code)) {
    throw invalid('reference.invalid_code', { zh: `代码格式不符合 ${table} 代码表：${code}`, en: `not a valid ${table} code: ${code}` }, { field: 'code', table, value: code });
  }
  return code;
}

export function invalidHs(gcode: string, why: 'format' | 'unknown') {
  return invalid(
    'reference.invalid_hs',
    why === 'format'
      ? { zh: `商品编码必须是 10 位数字：${gcode}`, en: `the HS code must be 10 digits: ${gcode}` }
      : { zh: `商品编码不在 HS 编码表中（或已失效）：${gcode}`, en: `the HS code is not in the HS table (or not in force): ${gcode}` },
    { field: 'gcode', value: gcode, reason: why },
  );
}

export function checkHsFormat(gcode: string): string {
  if (!isHs10(gcode)) throw invalidHs(gcode, 'format');
  return gcode;
}

/** A rate as an operator sends it: a decimal string between 0 and 1. Returns its canonical text ("0.130" -> "0.13"). */
export function checkRate(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isDecimalString(value.trim()) || compareDecimal(value, '0') < 0 || compareDecimal(value, '1') > 0) {
    throw invalid('reference.invalid_rate', {
      zh: value === undefined || value === null ? `缺少税率 ${field}` : `${field} 必须是 0 到 1 之间的小数字符串（如 "0.13"）：${String(value)}`,
      en: value === undefined || value === null ? `the rate ${field} is required` : `${field} must be a decimal string between 0 and 1 (such as "0.13"): ${String(value)}`,
    }, { field, value: value ?? null });
  }
  return normaliseDecimal(value);
}

/** A per-person yearly cap: both quantity (a positive decimal string) and unit, or neither. */
export function checkCap(qty: string | null | undefined, unit: string | null | undefined): { qty: string; unit: string } | null {
  const hasQty = qty !== undefined && qty !== null && qty !== '';
  const hasUnit = unit !== undefined && unit !== null && unit !== '';
  if (!hasQty && !hasUnit) return null;
  if (!hasQty || !hasUnit) {
    const field = hasQty ? 'yearlyCapUnit' : 'yearlyCapQty';
    throw invalid('reference.invalid_cap', { zh: `年度限量须同时给出数量和单位，缺少 ${field}`, en: `a yearly cap needs both quantity and unit: ${field} is missing` }, { field });
  }
  if (!isDecimalString(qty.trim()) || compareDecimal(qty, '0') <= 0) {
    throw invalid('reference.invalid_cap', { zh: `yearlyCapQty 必须是正的小数字符串：${qty}`, en: `yearlyCapQty must be a positive decimal string: ${qty}` }, { field: 'yearlyCapQty', value: qty });
  }
  return { qty: normaliseDecimal(qty), unit };
}

export function checkText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw invalid('reference.invalid_text', { zh: `${field} 必须是 1 到 ${max} 个字符的文本`, en: `${field} must be text of 1 to ${max} characters` }, { field });
  }
  return value.trim();
}

export function invalidUnit(field: string, value: string) {
  return invalid('reference.invalid_unit', { zh: `${field} 不是有效的计量单位代码：${value}`, en: `${field} is not a unit code in force: ${value}` }, { field, value });
}
