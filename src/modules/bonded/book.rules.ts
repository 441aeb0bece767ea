/**
 * Pure checks of what a warehouse or customs writes into an account book (账册, DOMAIN.md §1 "1210"): the
 * book itself, its items (one per account-book record number, itemRecordNo) and first-line entry records
 * (一线入区核注). Facts that need the store (is the district known, is the HS code in the table) come in;
 * every problem goes out with a stable code, the field and bilingual text.
 */
import { isHs10 } from '../../kernel/codes/hs.js';
import type { Text } from '../../kernel/errors.js';
import { positiveQty, type QtyE5 } from './quantity.rules.js';

export interface Issue {
  code: string;
  field: string;
  message: Text;
  value?: unknown;
}

export interface Checked<T> {
  value: T;
  problems: Issue[];
}

const issue = (code: string, field: string, zh: string, en: string, value?: unknown): Issue => ({ code, field, message: { zh, en }, value });

/** Book statuses: an active book moves stock; customs may suspend it (nothing moves) or close it for good. */
export const BOOK_STATUSES = ['active', 'suspended', 'closed'] as const;
export type BookStatus = (typeof BOOK_STATUSES)[number];

export interface BookInput {
  emsNo: string;
  district: string;
  name: string;
}

/** emsNo as the CEB list carries it (at most 30 characters); letters and digits, upper case. */
const EMS_NO = /^[0-9A-Z]{5,30}$/;

export function checkBook(input: BookInput, facts: { districtKnown: boolean }): Checked<BookInput> {
  const problems: Issue[] = [];
  const emsNo = input.emsNo.trim().toUpperCase();
  if (!EMS_NO.test(emsNo)) problems.push(issue('bonded.invalid_ems_no', 'emsNo', `账册编号须为 5–30 位字母或数字：${input.emsNo}`, `emsNo must be 5–30 letters or digits: ${input.emsNo}`, input.emsNo));
  const district = input.district.trim();
  if (!/^\d{4}$/.test(district)) problems.push(issue('bonded.invalid_district', 'district', `关区代码须为 4 位数字：${input.district}`, `the customs district code must be 4 digits: ${input.district}`, input.district));
  else if (!facts.districtKnown) problems.push(issue('bonded.invalid_district', 'district', `未知的关区代码：${district}`, `unknown customs district code: ${district}`, district));
  const name = input.name.trim();
  if (name.length < 2 || name.length > 100) problems.push(issue('bonded.invalid_name', 'name', '账册名称须为 2–100 个字符', 'the book name must have 2–100 characters', input.name));
  return { value: { emsNo, district, name }, problems };
}

export interface ItemInput {
  itemRecordNo: string;
  gcode: string;
  goodsName: string;
  unit: string;
}

const ITEM_RECORD_NO = /^[0-9A-Za-z_.\-/]{1,30}$/;

export const normaliseItemRecordNo = (text: string) => text.trim();

export function checkItem(input: ItemInput, facts: { hsKnown: boolean; unitKnown: boolean }): Checked<ItemInput> {
  const problems: Issue[] = [];
  const itemRecordNo = normaliseItemRecordNo(input.itemRecordNo);
  if (!ITEM_RECORD_NO.test(itemRecordNo)) {
    problems.push(issue('bonded.invalid_item_record_no', 'itemRecordNo', `账册料号须为 1–30 位字母、数字或 _ . - /：${input.itemRecordNo}`, `itemRecordNo must be 1–30 letters, digits or _ . - /: ${input.itemRecordNo}`, input.itemRecordNo));
  }
  const gcode = input.gcode.trim();
  if (!isHs10(gcode)) problems.push(issue('bonded.invalid_hs', 'gcode', `商品编码须为 10 位数字：${input.gcode}`, `gcode must be a 10-digit HS code: ${input.gcode}`, input.gcode));
  else if (!facts.hsKnown) problems.push(issue('bonded.invalid_hs', 'gcode', `商品编码不在海关商品编码表中：${gcode}`, `gcode is not in the customs HS table: ${gcode}`, gcode));
  const goodsName = input.goodsName.trim();
  if (goodsName.length < 1 || goodsName.length > 250) problems.push(issue('bonded.invalid_goods_name', 'goodsName', '商品名称须为 1–250 个字符', 'goodsName must have 1–250 characters', input.goodsName));
  const unit = input.unit.trim();
  if (!/^\d{3}$/.test(unit) || !facts.unitKnown) problems.push(issue('bonded.invalid_unit', 'unit', `未知的计量单位代码：${input.unit}`, `unknown unit code: ${input.unit}`, input.unit));
  return { value: { itemRecordNo, gcode, goodsName, unit }, problems };
}

export interface EntryInput {
  entryNo: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  entryDate: string;
  lines: Array<{ itemRecordNo: string; qty: string }>;
  note?: string | null;
}

export interface EntryData {
  entryNo: string;
  entryDate: string;
  lines: Array<{ lineNo: number; itemRecordNo: string; qtyE5: QtyE5 }>;
  note: string | null;
}

export const MAX_ENTRY_LINES = 500;
const ENTRY_NO = /^[0-9A-Z-]{4,40}$/;

/**
 * An entry record (入区核注): its number, its date (a real date, not after today), and 1–500 lines naming
 * each item once with a positive quantity.
 */
export function checkEntry(input: EntryInput, facts: { dateValid: boolean; today: string }): Checked<EntryData> {
  const problems: Issue[] = [];
  const entryNo = input.entryNo.trim().toUpperCase();
  if (!ENTRY_NO.test(entryNo)) problems.push(issue('bonded.invalid_entry_no', 'entryNo', `核注清单编号须为 4–40 位字母、数字或 -：${input.entryNo}`, `entryNo must be 4–40 letters, digits or -: ${input.entryNo}`, input.entryNo));
  if (!facts.dateValid) problems.push(issue('bonded.invalid_entry_date', 'entryDate', `入区日期不是有效日期（YYYY-MM-DD）：${input.entryDate}`, `entryDate is not a valid date (YYYY-MM-DD): ${input.entryDate}`, input.entryDate));
  else if (input.entryDate > facts.today) problems.push(issue('bonded.invalid_entry_date', 'entryDate', `入区日期不能晚于今天（${facts.today}）：${input.entryDate}`, `entryDate cannot be after today (${facts.today}): ${input.entryDate}`, input.entryDate));
  if (input.lines.length === 0 || input.lines.length > MAX_ENTRY_LINES) {
    problems.push(issue('bonded.invalid_lines', 'lines', `入区核注须有 1–${MAX_ENTRY_LINES} 项`, `an entry record has 1–${MAX_ENTRY_LINES} lines`, input.lines.length));
  }
  const seen = new Set<string>();
  const lines: EntryData['lines'] = [];
  input.lines.forEach((l, i) => {
    const itemRecordNo = normaliseItemRecordNo(l.itemRecordNo);
    if (!ITEM_RECORD_NO.test(itemRecordNo)) {
      problems.push(issue('bonded.invalid_item_record_no', `lines.${i}.itemRecordNo`, `第 ${i + 1} 项料号无效：${l.itemRecordNo}`, `line ${i + 1}: invalid itemRecordNo ${l.itemRecordNo}`, l.itemRecordNo));
    } else if (seen.has(itemRecordNo)) {
      problems.push(issue('bonded.duplicate_line', `lines.${i}.itemRecordNo`, `料号 ${itemRecordNo} 在入区核注中出现多次（第 ${i + 1} 项）`, `item ${itemRecordNo} appears more than once in the entry record (line ${i + 1})`, itemRecordNo));
    }
    seen.add(itemRecordNo);
    const qtyE5 = positiveQty(l.qty);
    if (qtyE5 === null) {
      problems.push(issue('bonded.invalid_quantity', `lines.${i}.qty`, `第 ${i + 1} 项数量须为正数（最多 10 位整数、5 位小数）：${l.qty}`, `line ${i + 1}: qty must be positive with at most 10 integer and 5 decimal digits: ${l.qty}`, l.qty));
    }
    lines.push({ lineNo: i + 1, itemRecordNo, qtyE5: qtyE5 ?? 0 });
  });
  const note = input.note?.trim() || null;
  if (note && note.length > 500) problems.push(issue('bonded.invalid_note', 'note', '备注最多 500 个字符', 'note has at most 500 characters', note.length));
  return { value: { entryNo, entryDate: input.entryDate, lines, note }, problems };
}
