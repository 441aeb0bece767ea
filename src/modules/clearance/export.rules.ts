/**
 * Export matching and checks (DOMAIN.md §1, §5): order ↔ receipt of payment ↔ waybill ↔ list, which
 * documents each supervision mode needs, the parties' filings, and simplified (A) versus summary (B) lists.
 * Every reason names the field and both values.
 */
import { compareDecimal, formatYuan, type Fen } from '../../kernel/money.js';
import type { Text } from '../../kernel/errors.js';
import type { RegulationParams } from '../../kernel/regulation.js';
import type { PartyFact, Reason } from './decision.rules.js';
import type { ExportSlots } from './export.types.js';

export type ExportSlot = 'order' | 'receipt' | 'waybill' | 'list' | 'booking';

export const EXPORT_DOC_NAMES: Record<ExportSlot, Text> = {
  order: { zh: '订单', en: 'order' },
  receipt: { zh: '收款单', en: 'receipt of payment' },
  waybill: { zh: '运单', en: 'waybill' },
  list: { zh: '清单', en: 'list' },
  booking: { zh: '订仓单', en: 'booking order' },
};

/** The supervision modes the export list channel takes, and the documents each needs beside the list. */
export const EXPORT_MODES: Record<string, { needs: ExportSlot[]; text: Text }> = {
  '9610': { needs: ['order', 'receipt', 'waybill'], text: { zh: '跨境电商零售出口', en: 'retail export' } },
  '1210': { needs: ['order', 'receipt', 'waybill'], text: { zh: '保税电商出口', en: 'bonded export' } },
  '9710': { needs: ['order', 'waybill'], text: { zh: '跨境电商B2B直接出口', en: 'B2B direct export' } },
  '9810': { needs: ['booking', 'waybill'], text: { zh: '跨境电商出口海外仓', en: 'overseas warehouse export' } },
};

export interface ExportFacts {
  slots: ExportSlots;
  parties: PartyFact[];
  /** Per gcode of the list: does the HS table know it (10 digits) or its heading (4 digits)? */
  hsKnown: Record<string, boolean>;
  params: RegulationParams;
}

export interface ExportOutcome {
  /** Documents still missing (the list waits for them). */
  missing: ExportSlot[];
  /** Why the list cannot be accepted (rejected, 100). */
  reasons: Reason[];
}

const reason = (code: string, zh: string, en: string, details?: Record<string, unknown>): Reason => ({ code, message: { zh, en }, ...(details ? { details } : {}) });
const money = (f: Fen) => formatYuan(f);

/** A mismatch between two documents' fields, naming both values (and the goods line, `gnum`, when on one). */
function differ(out: Reason[], what: Text, a: [ExportSlot, string, string], b: [ExportSlot, string, string], gnum?: number) {
  if (a[2] === b[2]) return;
  const [ad, af, av] = a;
  const [bd, bf, bv] = b;
  out.push(reason('clearance.export_mismatch', `${what.zh}不一致：${EXPORT_DOC_NAMES[ad].zh} ${af} ${av} ≠ ${EXPORT_DOC_NAMES[bd].zh} ${bf} ${bv}`, `${what.en} differ: ${EXPORT_DOC_NAMES[ad].en} ${af} ${av} != ${EXPORT_DOC_NAMES[bd].en} ${bf} ${bv}`, { a: { doc: ad, field: af, value: av }, b: { doc: bd, field: bf, value: bv }, ...(gnum !== undefined ? { gnum } : {}) }));
}

const ROLE_TEXT: Record<string, Text> = {
  ebp: { zh: '电商平台', en: 'platform' },
  ebc: { zh: '电商企业（收发货人）', en: 'e-commerce enterprise (consignor)' },
  payment: { zh: '支付企业', en: 'payment firm' },
  logistics: { zh: '物流企业', en: 'logistics firm' },
  agent: { zh: '申报企业', en: 'declaring agent' },
};

function positive(qty: string): boolean {
  try {
    return compareDecimal(qty, '0') > 0;
  } catch {
    return false;
  }
}

/** Matches the documents and checks the list; what is missing makes it wait, what is wrong rejects it. */
export function checkExport(f: ExportFacts): ExportOutcome {
  const { slots, params } = f;
  const l = slots.list!;
  const reasons: Reason[] = [];
  const mode = EXPORT_MODES[l.tradeMode];
  if (!mode) {
    return { missing: [], reasons: [reason('clearance.export_trade_mode', `出口清单的贸易方式 ${l.tradeMode} 不受理（可用 ${Object.keys(EXPORT_MODES).join('、')}）`, `export list tradeMode ${l.tradeMode} is not taken (use ${Object.keys(EXPORT_MODES).join(', ')})`, { tradeMode: l.tradeMode })] };
  }
  const listTotal = l.lines.reduce((s, x) => s + x.totalPriceFen, 0);
  if (l.statisticsFlag !== 'A' && l.statisticsFlag !== 'B') {
    reasons.push(reason('clearance.statistics_flag', `统计方式 statisticsFlag 须为 A（简化申报）或 B（汇总申报），不能是 ${l.statisticsFlag}`, `statisticsFlag must be A (simplified) or B (summary), not ${l.statisticsFlag}`, { field: 'statisticsFlag', value: l.statisticsFlag }));
  }
  // Quantities and amounts are positive: a negative line must not bring a list under a ceiling.
  for (const x of l.lines) {
    if (!positive(x.qty)) reasons.push(reason('clearance.export_line_qty', `第 ${x.gnum} 项数量 qty 须大于 0：${x.qty}`, `line ${x.gnum}: qty must be more than 0, not ${x.qty}`, { gnum: x.gnum, field: 'qty', value: x.qty }));
    if (x.totalPriceFen <= 0) reasons.push(reason('clearance.export_line_total', `第 ${x.gnum} 项总价 totalPrice 须大于 0：${money(x.totalPriceFen)}`, `line ${x.gnum}: totalPrice must be more than 0, not ${money(x.totalPriceFen)}`, { gnum: x.gnum, field: 'totalPrice', value: money(x.totalPriceFen) }));
  }
  const inCny = l.lines.length > 0 && l.lines.every((x) => (x.currency || l.fCurrency) === '142');

  // Simplified (A) versus summary (B) lists.
  if (l.statisticsFlag === 'A') {
    if (l.licenseNo) reasons.push(reason('clearance.simplified_licence', `简化申报（A）清单不得涉及许可证：licenseNo ${l.licenseNo}；请按汇总申报（B）申报`, `a simplified (A) list may involve no licence: licenseNo ${l.licenseNo}; declare it as a summary (B) list`, { licenseNo: l.licenseNo }));
    if (inCny) {
      if (listTotal > params.simplifiedListLimitFen) reasons.push(reason('clearance.simplified_over_limit', `简化申报（A）清单货值 ${money(listTotal)} 元超过 ${money(params.simplifiedListLimitFen)} 元；请按汇总申报（B）申报`, `a simplified (A) list may be worth at most ${money(params.simplifiedListLimitFen)} yuan: this one is ${money(listTotal)}; declare it as a summary (B) list`, { total: money(listTotal), limit: money(params.simplifiedListLimitFen) }));
    } else {
      reasons.push(reason('clearance.simplified_currency', `简化申报（A）清单须以人民币（142）申报，才能核对 ${money(params.simplifiedListLimitFen)} 元限额`, `a simplified (A) list must be in CNY (142) so that its ${money(params.simplifiedListLimitFen)} yuan ceiling can be checked`, { currency: l.lines[0]?.currency }));
    }
  }
  for (const x of l.lines) {
    const short = l.statisticsFlag === 'A' ? x.gcode.length >= 4 : x.gcode.length === 10;
    if (!short || !/^\d+$/.test(x.gcode)) {
      reasons.push(reason('clearance.export_gcode', l.statisticsFlag === 'A' ? `第 ${x.gnum} 项商品编码 ${x.gcode} 至少须有 4 位税则号` : `第 ${x.gnum} 项商品编码 ${x.gcode} 须为 10 位（汇总申报 B 清单）`, l.statisticsFlag === 'A' ? `line ${x.gnum}: gcode ${x.gcode} needs at least the 4-digit heading` : `line ${x.gnum}: gcode ${x.gcode} must have 10 digits on a summary (B) list`, { gnum: x.gnum, gcode: x.gcode }));
    } else if (f.hsKnown[x.gcode] === false) {
      reasons.push(reason('clearance.export_gcode_unknown', `第 ${x.gnum} 项商品编码 ${x.gcode} 不在税则中`, `line ${x.gnum}: gcode ${x.gcode} is not in the tariff`, { gnum: x.gnum, gcode: x.gcode }));
    }
  }
  // The B2B list channel is for small, unlicensed parcels; the rest goes by customs declaration (DOMAIN.md §1).
  if (l.tradeMode === '9710' || l.tradeMode === '9810') {
    if (l.licenseNo || ((l.lines[0]?.currency ?? '142') === '142' && listTotal > params.simplifiedListLimitFen)) {
      reasons.push(reason('clearance.export_needs_entry', `${l.tradeMode} 货物超过 ${money(params.simplifiedListLimitFen)} 元或涉及许可证，须以报关单申报（随附单证 10000004）`, `${l.tradeMode} goods over ${money(params.simplifiedListLimitFen)} yuan or under licence go by customs declaration (attached document 10000004), not by list`, { total: money(listTotal), licenseNo: l.licenseNo }));
    }
  }
  if (l.tradeMode === '1210' && (!l.emsNo || !l.iacCode)) {
    reasons.push(reason('clearance.bonded_field_missing', `特殊区域出口（1210）清单须填写 ${!l.emsNo ? 'emsNo' : 'iacCode'}`, `a bonded export list (1210) needs ${!l.emsNo ? 'emsNo' : 'iacCode'}`, { field: !l.emsNo ? 'emsNo' : 'iacCode' }));
  }
  for (const p of f.parties) {
    const t = ROLE_TEXT[p.role]!;
    if (!p.filing) reasons.push(reason('clearance.party_not_filed', `${t.zh} ${p.code} 未备案`, `the ${t.en} ${p.code} has no filing`, { role: p.role, code: p.code }));
    else if (!p.filing.approved) reasons.push(reason('clearance.party_not_approved', `${t.zh} ${p.code} 的备案尚未通过审核`, `the ${t.en} ${p.code} filing is not approved`, { role: p.role, code: p.code }));
    else if (!p.filing.roles.includes(p.role)) reasons.push(reason('clearance.party_role', `${p.code} 未备案为${t.zh}`, `${p.code} is not filed as ${t.en}`, { role: p.role, code: p.code }));
  }

  const missing = mode.needs.filter((k) => (k === 'booking' ? !slots.booking : !slots[k]));
  const o = slots.order;
  if (o && mode.needs.includes('order')) {
    differ(reasons, { zh: '电商企业', en: 'e-commerce enterprise' }, ['order', 'ebcCode', o.ebcCode], ['list', 'ebcCode', l.ebcCode]);
    const orderCurrency = o.currency;
    const listCurrency = l.lines[0]?.currency ?? '';
    differ(reasons, { zh: '币制', en: 'currencies' }, ['order', 'currency', orderCurrency], ['list', 'currency', listCurrency]);
    differ(reasons, { zh: '货值', en: 'goods values' }, ['order', 'goodsValue', money(o.goodsValueFen)], ['list', 'Σ totalPrice', money(listTotal)]);
    for (const x of l.lines) {
      const ol = o.lines.find((y) => y.gnum === x.gnum);
      if (!ol) {
        reasons.push(reason('clearance.export_line_missing', `清单第 ${x.gnum} 项在订单中没有对应商品`, `list line ${x.gnum} has no line in the order`, { gnum: x.gnum }));
        continue;
      }
      differ(reasons, { zh: `第 ${x.gnum} 项货号`, en: `line ${x.gnum} item numbers` }, ['order', 'itemNo', ol.itemNo], ['list', 'itemNo', x.itemNo], x.gnum);
      if (compareDecimal(ol.qty, x.qty) !== 0) differ(reasons, { zh: `第 ${x.gnum} 项数量`, en: `line ${x.gnum} quantities` }, ['order', 'qty', ol.qty], ['list', 'qty', x.qty], x.gnum);
      differ(reasons, { zh: `第 ${x.gnum} 项总价`, en: `line ${x.gnum} totals` }, ['order', 'totalPrice', money(ol.totalPriceFen)], ['list', 'totalPrice', money(x.totalPriceFen)], x.gnum);
    }
    const r = slots.receipt;
    if (r) {
      differ(reasons, { zh: '电商企业', en: 'e-commerce enterprise' }, ['receipt', 'ebcCode', r.ebcCode], ['order', 'ebcCode', o.ebcCode]);
      differ(reasons, { zh: '币制', en: 'currencies' }, ['receipt', 'currency', r.currency], ['order', 'currency', o.currency]);
      const due = o.goodsValueFen + o.freightFen;
      if (Math.abs(r.chargeFen - due) > params.paymentToleranceFen) differ(reasons, { zh: '收款金额', en: 'amounts collected' }, ['receipt', 'charge', money(r.chargeFen)], ['order', 'goodsValue + freight', money(due)]);
    }
  }
  const b = slots.booking;
  if (mode.needs.includes('booking') && b) {
    if (!b.warehouseApproved) reasons.push(reason('clearance.warehouse_not_approved', `订仓单 ${b.bookingNo} 的海外仓 ${b.warehouseName} 备案尚未通过审核`, `the overseas warehouse ${b.warehouseName} of booking ${b.bookingNo} is not approved`, { bookingNo: b.bookingNo }));
    if (b.country !== l.country) differ(reasons, { zh: '运抵国', en: 'destination countries' }, ['booking', 'country', b.country], ['list', 'country', l.country]);
    differ(reasons, { zh: '货值', en: 'goods values' }, ['booking', 'goodsValue', money(b.goodsFen)], ['list', 'Σ totalPrice', money(listTotal)]);
  }
  const w = slots.waybill;
  if (w) {
    differ(reasons, { zh: '运费', en: 'freight' }, ['waybill', 'freight', money(w.freightFen)], ['list', 'freight', money(l.freightFen)]);
    differ(reasons, { zh: '保费', en: 'insurance' }, ['waybill', 'insuredFee', money(w.insuredFeeFen)], ['list', 'insuredFee', money(l.insuredFeeFen)]);
  }
  return { missing, reasons };
}
