/**
 * Pure checks of a booking order (订仓单, 9810, GACC 2020 No.75): the exporter books space in its approved
 * overseas warehouse for goods it will ship, and customs later compares the 报关单 or list against it.
 * Quantities are exact decimals (at most 5 fraction digits, as the CEB declares `qty`), integers in units
 * of 10^-5 inside; values are yuan with at most 2 decimals at the edge and integer fen inside.
 */
import { parseYuan, type Fen } from '../../kernel/money.js';
import { issue, type Checked, type Issue } from './warehouse.rules.js';

export const BOOKING_STATUSES = ['filed'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const MAX_BOOKING_LINES = 500;

export interface BookingLineInput {
  itemNo?: string | null;
  itemName: string;
  gcode: string;
  /** Exact decimal in the declared unit, at most 5 decimals. */
  qty: string;
  unit: string;
  /** Yuan, at most 2 decimals. */
  value: string;
}

export interface BookingInput {
  bookingNo: string;
  warehouseId: string;
  /** YYYY-MM-DD. */
  plannedShipDate: string;
  /** Transport mode code (运输方式), e.g. 3 rail, 2 waterway, 5 air. */
  transportMode?: string | null;
  lines: BookingLineInput[];
}

export interface BookingLine {
  lineNo: number;
  itemNo: string | null;
  itemName: string;
  gcode: string;
  qtyE5: number;
  unit: string;
  valueFen: Fen;
}

export interface BookingData {
  bookingNo: string;
  warehouseId: string;
  plannedShipDate: string;
  transportMode: string | null;
  lines: BookingLine[];
  /** Sum of the lines' values. */
  goodsFen: Fen;
}

export interface BookingFacts {
  isDate: (text: string) => boolean;
  /** The 10-digit HS codes of the lines that are in the HS table. */
  knownHs: ReadonlySet<string>;
  /** The unit codes of the lines that are in the unit table. */
  knownUnits: ReadonlySet<string>;
  transportKnown: boolean;
}

export const QTY_SCALE = 100_000;
const QTY = /^(\d{1,10})(?:\.(\d{1,5}))?$/;
/** At most 10 integer digits of yuan per line, so 500 lines still sum below 2^53 fen. */
const VALUE = /^\d{1,10}(?:\.\d{1,2})?$/;
const BOOKING_NO = /^[0-9A-Za-z][0-9A-Za-z_\-./]{0,59}$/;

/** "2.5" -> 250000; null unless a positive decimal with ≤ 10 integer and ≤ 5 fraction digits. */
export function parsePositiveQty(text: string): number | null {
  const m = QTY.exec(text.trim());
  if (!m) return null;
  const e5 = Number(m[1]) * QTY_SCALE + Number((m[2] ?? '').padEnd(5, '0'));
  return e5 > 0 ? e5 : null;
}

/** 250000 -> "2.5"; 80000000 -> "800". */
export function formatQty(e5: number): string {
  const frac = String(e5 % QTY_SCALE).padStart(5, '0').replace(/0+$/, '');
  return `${Math.floor(e5 / QTY_SCALE)}${frac ? `.${frac}` : ''}`;
}

/** Yuan text -> fen; null unless a positive amount with ≤ 10 integer and ≤ 2 fraction digits. */
export function parsePositiveValue(text: string): Fen | null {
  const v = text.trim();
  if (!VALUE.test(v)) return null;
  const fen = parseYuan(v, 'value');
  return fen > 0 ? fen : null;
}

export function checkBooking(input: BookingInput, facts: BookingFacts): Checked<BookingData> {
  const problems: Issue[] = [];
  const bookingNo = input.bookingNo.trim();
  if (!BOOKING_NO.test(bookingNo)) {
    problems.push(issue('overseas.invalid_booking_no', 'bookingNo', `订仓单号须为 1–60 位字母、数字或 _ - . /，以字母或数字开头：${input.bookingNo}`, `bookingNo must be 1–60 letters, digits or _ - . /, starting with a letter or digit: ${input.bookingNo}`, input.bookingNo));
  }
  const warehouseId = input.warehouseId.trim();
  if (!warehouseId) problems.push(issue('overseas.invalid_warehouse', 'warehouseId', '请指定已备案的海外仓（warehouseId）', 'name the filed overseas warehouse (warehouseId)'));
  const plannedShipDate = input.plannedShipDate.trim();
  if (!facts.isDate(plannedShipDate)) {
    problems.push(issue('overseas.invalid_ship_date', 'plannedShipDate', `计划发运日期不是有效日期（YYYY-MM-DD）：${input.plannedShipDate}`, `plannedShipDate is not a valid date (YYYY-MM-DD): ${input.plannedShipDate}`, input.plannedShipDate));
  }
  const transportMode = input.transportMode?.trim() || null;
  if (transportMode !== null && !facts.transportKnown) {
    problems.push(issue('overseas.invalid_transport_mode', 'transportMode', `未知的运输方式代码：${transportMode}`, `unknown transport mode code: ${transportMode}`, transportMode));
  }
  if (input.lines.length === 0 || input.lines.length > MAX_BOOKING_LINES) {
    problems.push(issue('overseas.invalid_lines', 'lines', `订仓单须有 1–${MAX_BOOKING_LINES} 项商品`, `a booking order has 1–${MAX_BOOKING_LINES} lines`, input.lines.length));
  }

  const lines: BookingLine[] = [];
  let goodsFen = 0;
  input.lines.forEach((l, i) => {
    const at = (f: string) => `lines.${i}.${f}`;
    const n = i + 1;
    const itemNo = l.itemNo?.trim() || null;
    if (itemNo !== null && itemNo.length > 60) problems.push(issue('overseas.invalid_item_no', at('itemNo'), `第 ${n} 项商品货号最多 60 个字符`, `line ${n}: itemNo has at most 60 characters`, itemNo));
    const itemName = l.itemName.trim();
    if (itemName.length < 1 || itemName.length > 250) problems.push(issue('overseas.invalid_item_name', at('itemName'), `第 ${n} 项商品名称须为 1–250 个字符`, `line ${n}: itemName must have 1–250 characters`, l.itemName));
    const gcode = l.gcode.trim();
    if (!/^\d{10}$/.test(gcode)) problems.push(issue('overseas.invalid_hs', at('gcode'), `第 ${n} 项商品编码须为 10 位数字：${l.gcode}`, `line ${n}: gcode must be a 10-digit HS code: ${l.gcode}`, l.gcode));
    else if (!facts.knownHs.has(gcode)) problems.push(issue('overseas.invalid_hs', at('gcode'), `第 ${n} 项商品编码不在海关商品编码表中：${gcode}`, `line ${n}: gcode is not in the customs HS table: ${gcode}`, gcode));
    const qtyE5 = parsePositiveQty(l.qty);
    if (qtyE5 === null) problems.push(issue('overseas.invalid_quantity', at('qty'), `第 ${n} 项数量须为正数（最多 10 位整数、5 位小数）：${l.qty}`, `line ${n}: qty must be positive with at most 10 integer and 5 decimal digits: ${l.qty}`, l.qty));
    const unit = l.unit.trim();
    if (!facts.knownUnits.has(unit)) problems.push(issue('overseas.invalid_unit', at('unit'), `第 ${n} 项计量单位代码未知：${l.unit}`, `line ${n}: unknown unit code: ${l.unit}`, l.unit));
    const valueFen = parsePositiveValue(l.value);
    if (valueFen === null) problems.push(issue('overseas.invalid_value', at('value'), `第 ${n} 项货值须为大于 0 的金额（元，最多两位小数）：${l.value}`, `line ${n}: value must be an amount above 0 (yuan, at most 2 decimals): ${l.value}`, l.value));
    goodsFen += valueFen ?? 0;
    lines.push({ lineNo: n, itemNo, itemName, gcode, qtyE5: qtyE5 ?? 0, unit, valueFen: valueFen ?? 0 });
  });

  return { value: { bookingNo, warehouseId, plannedShipDate, transportMode, lines, goodsFen }, problems };
}
