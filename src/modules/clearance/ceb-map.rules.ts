/**
 * Maps the CEB JSON form (element names exactly as the XSD spells them) to the clearance documents, once,
 * at the edge: amounts to fen, repeated elements to arrays. Input has passed the schema; what the schema
 * cannot say (an amount with more than two decimals) is rounded half-up to the fen by a named rule.
 */
import { parseDecimal, roundHalfUp, type Fen } from '../../kernel/money.js';
import type { ImportList, ImportOrder, ImportPayment, ImportWaybill, ListLine, OrderLine } from './documents.types.js';

export type Node = { [k: string]: unknown };

const str = (n: Node, k: string): string => (typeof n[k] === 'string' ? (n[k] as string).trim() : '');
const opt = (n: Node, k: string): string | null => str(n, k) || null;
const arr = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);

/** A CEB amount (yuan, up to 5 decimals) in fen, half-up. Empty means 0. */
export function amountFen(text: string, field = 'amount'): Fen {
  if (!text) return 0;
  const d = parseDecimal(text, field);
  return Number(roundHalfUp(d.units * 100n, 10n ** BigInt(d.scale)));
}

const fen = (n: Node, k: string) => amountFen(str(n, k), k);

/** The head of a document node: `OrderHead` inside `Order`, or the node itself for flat documents. */
export const headOf = (doc: Node, headName: string): Node => (doc[headName] && typeof doc[headName] === 'object' ? (doc[headName] as Node) : doc);

export interface DocHeader {
  guid: string;
  appType: '1' | '2' | '3';
  appTime: string;
}

export function header(head: Node): DocHeader {
  const t = str(head, 'appType');
  return { guid: str(head, 'guid'), appType: t === '2' || t === '3' ? t : '1', appTime: str(head, 'appTime') };
}

export function toOrder(doc: Node): ImportOrder {
  const h = headOf(doc, 'OrderHead');
  const lines: OrderLine[] = arr(doc.OrderList).map((l, i) => ({
    gnum: Number(str(l, 'gnum')) || i + 1,
    itemNo: str(l, 'itemNo'),
    itemName: str(l, 'itemName'),
    qty: str(l, 'qty'),
    unit: str(l, 'unit'),
    qty1: str(l, 'qty1'),
    unit1: str(l, 'unit1'),
    qty2: opt(l, 'qty2'),
    unit2: opt(l, 'unit2'),
    priceFen: fen(l, 'price'),
    totalPriceFen: fen(l, 'totalPrice'),
    country: str(l, 'country'),
  }));
  return {
    orderNo: str(h, 'orderNo'),
    ebpCode: str(h, 'ebpCode'),
    ebcCode: str(h, 'ebcCode'),
    goodsValueFen: fen(h, 'goodsValue'),
    freightFen: fen(h, 'freight'),
    discountFen: fen(h, 'discount'),
    taxTotalFen: fen(h, 'taxTotal'),
    acturalPaidFen: fen(h, 'acturalPaid'),
    currency: str(h, 'currency'),
    buyerRegNo: str(h, 'buyerRegNo'),
    buyerName: str(h, 'buyerName'),
    buyerTelephone: str(h, 'buyerTelephone'),
    buyerIdType: str(h, 'buyerIdType'),
    buyerIdNumber: str(h, 'buyerIdNumber').toUpperCase(),
    payCode: opt(h, 'payCode'),
    payTransactionId: opt(h, 'payTransactionId'),
    consignee: str(h, 'consignee'),
    consigneeTelephone: str(h, 'consigneeTelephone'),
    consigneeAddress: str(h, 'consigneeAddress'),
    lines,
  };
}

export function toPayment(doc: Node): ImportPayment {
  const h = headOf(doc, 'PaymentHead');
  return {
    payCode: str(h, 'payCode'),
    payTransactionId: str(h, 'payTransactionId'),
    orderNo: str(h, 'orderNo'),
    ebpCode: str(h, 'ebpCode'),
    payerIdType: str(h, 'payerIdType'),
    payerIdNumber: str(h, 'payerIdNumber').toUpperCase(),
    payerName: str(h, 'payerName'),
    amountPaidFen: fen(h, 'amountPaid'),
    currency: str(h, 'currency'),
    payTime: str(h, 'payTime'),
  };
}

export function toWaybill(doc: Node): ImportWaybill {
  const h = headOf(doc, 'LogisticsHead');
  return {
    logisticsCode: str(h, 'logisticsCode'),
    logisticsNo: str(h, 'logisticsNo'),
    orderNo: str(h, 'orderNo'),
    freightFen: fen(h, 'freight'),
    insuredFeeFen: fen(h, 'insuredFee'),
    consignee: str(h, 'consignee'),
    consigneeTelephone: str(h, 'consigneeTelephone'),
    consigneeAddress: str(h, 'consigneeAddress'),
  };
}

export function toList(doc: Node): ImportList {
  const h = headOf(doc, 'InventoryHead');
  const lines: ListLine[] = arr(doc.InventoryList).map((l, i) => ({
    gnum: Number(str(l, 'gnum')) || i + 1,
    itemRecordNo: opt(l, 'itemRecordNo'),
    itemNo: opt(l, 'itemNo'),
    gcode: str(l, 'gcode'),
    gname: str(l, 'gname'),
    country: str(l, 'country'),
    qty: str(l, 'qty'),
    unit: str(l, 'unit'),
    qty1: str(l, 'qty1'),
    unit1: str(l, 'unit1'),
    qty2: opt(l, 'qty2'),
    unit2: opt(l, 'unit2'),
    priceFen: fen(l, 'price'),
    totalPriceFen: fen(l, 'totalPrice'),
  }));
  return {
    copNo: str(h, 'copNo'),
    agentCode: str(h, 'agentCode'),
    orderNo: str(h, 'orderNo'),
    ebpCode: str(h, 'ebpCode'),
    ebcCode: str(h, 'ebcCode'),
    logisticsCode: str(h, 'logisticsCode'),
    logisticsNo: str(h, 'logisticsNo'),
    tradeMode: str(h, 'tradeMode'),
    emsNo: opt(h, 'emsNo'),
    customsCode: str(h, 'customsCode'),
    buyerIdType: str(h, 'buyerIdType'),
    buyerIdNumber: str(h, 'buyerIdNumber').toUpperCase(),
    buyerName: str(h, 'buyerName'),
    buyerTelephone: str(h, 'buyerTelephone'),
    freightFen: fen(h, 'freight'),
    insuredFeeFen: fen(h, 'insuredFee'),
    currency: str(h, 'currency'),
    lines,
  };
}

/** The business nodes of a message: e.g. every `Order` of a CEB311 (a message may carry several). */
export function documentsOf(message: Node, node: string): Node[] {
  return arr(message[node]);
}
