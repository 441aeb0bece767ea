/**
 * Three-document matching (三单对碰), DOMAIN.md §3: order ↔ payment ↔ waybill ↔ list. Every mismatch names
 * the rule, both documents' fields and both values, so a person can act on it
 * (e.g. payment amountPaid 1145.55 ≠ order acturalPaid 1145.56).
 */
import { formatYuan, type Fen } from '../../kernel/money.js';
import type { Text } from '../../kernel/errors.js';
import type { DocKind, ImportList, ImportOrder, ImportPayment, ImportWaybill, Slots } from './documents.types.js';

export interface Side {
  doc: DocKind;
  field: string;
  value: string;
}

export interface Mismatch {
  code: string;
  a: Side;
  b: Side;
  message: Text;
}

export interface MatchResult {
  missing: DocKind[];
  mismatches: Mismatch[];
}

export const DOC_NAMES: Record<DocKind, Text> = {
  order: { zh: '订单', en: 'order' },
  payment: { zh: '支付单', en: 'payment' },
  waybill: { zh: '运单', en: 'waybill' },
  list: { zh: '清单', en: 'list' },
};

function mismatch(code: string, a: Side, b: Side, what: Text): Mismatch {
  return {
    code,
    a,
    b,
    message: {
      zh: `${what.zh}不一致：${DOC_NAMES[a.doc].zh} ${a.field} ${a.value} ≠ ${DOC_NAMES[b.doc].zh} ${b.field} ${b.value}`,
      en: `${what.en} differ: ${DOC_NAMES[a.doc].en} ${a.field} ${a.value} != ${DOC_NAMES[b.doc].en} ${b.field} ${b.value}`,
    },
  };
}

const eq = (x: string | null | undefined, y: string | null | undefined) => (x ?? '').trim() === (y ?? '').trim();
const money = (f: Fen) => formatYuan(f);

function compare(out: Mismatch[], code: string, what: Text, a: [DocKind, string, string | null | undefined], b: [DocKind, string, string | null | undefined]) {
  if (!eq(a[2], b[2])) out.push(mismatch(code, { doc: a[0], field: a[1], value: a[2] ?? '' }, { doc: b[0], field: b[1], value: b[2] ?? '' }, what));
}

function orderPayment(o: ImportOrder, p: ImportPayment, toleranceFen: Fen, out: Mismatch[]) {
  compare(out, 'clearance.ebp_mismatch', { zh: '电商平台代码', en: 'platform codes' }, ['payment', 'ebpCode', p.ebpCode], ['order', 'ebpCode', o.ebpCode]);
  if (o.payCode) compare(out, 'clearance.pay_code_mismatch', { zh: '支付企业代码', en: 'payment enterprise codes' }, ['payment', 'payCode', p.payCode], ['order', 'payCode', o.payCode]);
  if (o.payTransactionId) compare(out, 'clearance.pay_transaction_mismatch', { zh: '支付交易编号', en: 'payment transaction ids' }, ['payment', 'payTransactionId', p.payTransactionId], ['order', 'payTransactionId', o.payTransactionId]);
  if (Math.abs(p.amountPaidFen - o.acturalPaidFen) > toleranceFen) {
    out.push(mismatch('clearance.amount_mismatch', { doc: 'payment', field: 'amountPaid', value: money(p.amountPaidFen) }, { doc: 'order', field: 'acturalPaid', value: money(o.acturalPaidFen) }, { zh: '支付金额', en: 'amounts paid' }));
  }
  compare(out, 'clearance.currency_mismatch', { zh: '币制', en: 'currencies' }, ['payment', 'currency', p.currency], ['order', 'currency', o.currency]);
  // The orderer must be the payer (DOMAIN §3, identity rule).
  compare(out, 'clearance.payer_mismatch', { zh: '支付人与订购人证件号码', en: 'payer and orderer ID numbers' }, ['payment', 'payerIdNumber', p.payerIdNumber], ['order', 'buyerIdNumber', o.buyerIdNumber]);
  compare(out, 'clearance.payer_mismatch', { zh: '支付人与订购人姓名', en: 'payer and orderer names' }, ['payment', 'payerName', p.payerName], ['order', 'buyerName', o.buyerName]);
}

function orderWaybill(o: ImportOrder, w: ImportWaybill, out: Mismatch[]) {
  compare(out, 'clearance.consignee_mismatch', { zh: '收货人', en: 'consignees' }, ['waybill', 'consignee', w.consignee], ['order', 'consignee', o.consignee]);
  compare(out, 'clearance.consignee_mismatch', { zh: '收货人电话', en: 'consignee telephones' }, ['waybill', 'consigneeTelephone', w.consigneeTelephone], ['order', 'consigneeTelephone', o.consigneeTelephone]);
  compare(out, 'clearance.consignee_mismatch', { zh: '收货地址', en: 'consignee addresses' }, ['waybill', 'consigneeAddress', w.consigneeAddress], ['order', 'consigneeAddress', o.consigneeAddress]);
}

function orderList(o: ImportOrder, l: ImportList, out: Mismatch[]) {
  compare(out, 'clearance.ebp_mismatch', { zh: '电商平台代码', en: 'platform codes' }, ['list', 'ebpCode', l.ebpCode], ['order', 'ebpCode', o.ebpCode]);
  compare(out, 'clearance.ebc_mismatch', { zh: '电商企业代码', en: 'e-commerce enterprise codes' }, ['list', 'ebcCode', l.ebcCode], ['order', 'ebcCode', o.ebcCode]);
  compare(out, 'clearance.buyer_mismatch', { zh: '订购人证件类型', en: 'buyer ID types' }, ['list', 'buyerIdType', l.buyerIdType], ['order', 'buyerIdType', o.buyerIdType]);
  compare(out, 'clearance.buyer_mismatch', { zh: '订购人证件号码', en: 'buyer ID numbers' }, ['list', 'buyerIdNumber', l.buyerIdNumber], ['order', 'buyerIdNumber', o.buyerIdNumber]);
  compare(out, 'clearance.buyer_mismatch', { zh: '订购人姓名', en: 'buyer names' }, ['list', 'buyerName', l.buyerName], ['order', 'buyerName', o.buyerName]);
  compare(out, 'clearance.buyer_mismatch', { zh: '订购人电话', en: 'buyer telephones' }, ['list', 'buyerTelephone', l.buyerTelephone], ['order', 'buyerTelephone', o.buyerTelephone]);
  if (l.lines.length !== o.lines.length) {
    out.push(mismatch('clearance.lines_mismatch', { doc: 'list', field: 'InventoryList', value: `${l.lines.length}` }, { doc: 'order', field: 'OrderList', value: `${o.lines.length}` }, { zh: '商品项数', en: 'numbers of lines' }));
    return;
  }
  const byGnum = new Map(o.lines.map((x) => [x.gnum, x]));
  for (const ll of l.lines) {
    const ol = byGnum.get(ll.gnum);
    if (!ol) {
      out.push(mismatch('clearance.lines_mismatch', { doc: 'list', field: `InventoryList[gnum=${ll.gnum}]`, value: ll.itemNo ?? ll.gname }, { doc: 'order', field: 'OrderList', value: '—' }, { zh: '商品项', en: 'lines' }));
      continue;
    }
    if (ll.itemNo) compare(out, 'clearance.line_item_mismatch', { zh: `第 ${ll.gnum} 项商品货号`, en: `line ${ll.gnum} item numbers` }, ['list', `InventoryList[${ll.gnum}].itemNo`, ll.itemNo], ['order', `OrderList[${ol.gnum}].itemNo`, ol.itemNo]);
    if (Number(ll.qty) !== Number(ol.qty)) {
      out.push(mismatch('clearance.line_qty_mismatch', { doc: 'list', field: `InventoryList[${ll.gnum}].qty`, value: ll.qty }, { doc: 'order', field: `OrderList[${ol.gnum}].qty`, value: ol.qty }, { zh: `第 ${ll.gnum} 项数量`, en: `line ${ll.gnum} quantities` }));
    }
    if (ll.totalPriceFen !== ol.totalPriceFen) {
      out.push(mismatch('clearance.line_value_mismatch', { doc: 'list', field: `InventoryList[${ll.gnum}].totalPrice`, value: money(ll.totalPriceFen) }, { doc: 'order', field: `OrderList[${ol.gnum}].totalPrice`, value: money(ol.totalPriceFen) }, { zh: `第 ${ll.gnum} 项总价`, en: `line ${ll.gnum} total prices` }));
    }
  }
}

function waybillList(w: ImportWaybill, l: ImportList, out: Mismatch[]) {
  compare(out, 'clearance.logistics_mismatch', { zh: '物流企业代码', en: 'logistics codes' }, ['list', 'logisticsCode', l.logisticsCode], ['waybill', 'logisticsCode', w.logisticsCode]);
  compare(out, 'clearance.logistics_mismatch', { zh: '运单编号', en: 'waybill numbers' }, ['list', 'logisticsNo', l.logisticsNo], ['waybill', 'logisticsNo', w.logisticsNo]);
  if (l.freightFen !== w.freightFen) out.push(mismatch('clearance.freight_mismatch', { doc: 'list', field: 'freight', value: money(l.freightFen) }, { doc: 'waybill', field: 'freight', value: money(w.freightFen) }, { zh: '运费', en: 'freight amounts' }));
  if (l.insuredFeeFen !== w.insuredFeeFen) out.push(mismatch('clearance.insurance_mismatch', { doc: 'list', field: 'insuredFee', value: money(l.insuredFeeFen) }, { doc: 'waybill', field: 'insuredFee', value: money(w.insuredFeeFen) }, { zh: '保价费', en: 'insurance amounts' }));
}

/** The order's own arithmetic: acturalPaid = goodsValue + freight − discount + taxTotal; goodsValue = Σ lines. */
export function orderArithmetic(o: ImportOrder): Mismatch[] {
  const out: Mismatch[] = [];
  const lines = o.lines.reduce((a, l) => a + l.totalPriceFen, 0);
  if (lines !== o.goodsValueFen) {
    out.push(mismatch('clearance.goods_value_mismatch', { doc: 'order', field: 'goodsValue', value: money(o.goodsValueFen) }, { doc: 'order', field: 'Σ OrderList.totalPrice', value: money(lines) }, { zh: '商品价格与明细合计', en: 'goods value and the sum of lines' }));
  }
  const expected = o.goodsValueFen + o.freightFen - o.discountFen + o.taxTotalFen;
  if (expected !== o.acturalPaidFen) {
    out.push(mismatch('clearance.actural_paid_mismatch', { doc: 'order', field: 'acturalPaid', value: money(o.acturalPaidFen) }, { doc: 'order', field: 'goodsValue + freight − discount + taxTotal', value: money(expected) }, { zh: '实际支付金额', en: 'actual payment' }));
  }
  return out;
}

/** Matches whatever documents have arrived; `missing` lists the slots still empty. */
export function matchDocuments(s: Slots, paymentToleranceFen: Fen): MatchResult {
  const missing = (['order', 'payment', 'waybill', 'list'] as const).filter((k) => !s[k]);
  const mismatches: Mismatch[] = [];
  if (s.order) mismatches.push(...orderArithmetic(s.order));
  if (s.order && s.payment) orderPayment(s.order, s.payment, paymentToleranceFen, mismatches);
  if (s.order && s.waybill) orderWaybill(s.order, s.waybill, mismatches);
  if (s.order && s.list) orderList(s.order, s.list, mismatches);
  if (s.waybill && s.list) waybillList(s.waybill, s.list, mismatches);
  return { missing, mismatches };
}
