/**
 * The import document kinds the gateway accepts: which message carries them, the business node and its
 * head, who may send them, the business key that makes them unique, and the receipt that answers them.
 */
import { createHash } from 'node:crypto';
import type { DocKind } from './documents.types.js';

/** Documents that act on a declared list rather than fill one of its slots. */
export type ActionKind = 'cancel' | 'return';
/** Documents that report what happened to waybills: status (CEB513) and arrival at the supervised site (CEB711). */
export type EventKind = 'waybill_status' | 'arrival';
import { headOf, toList, toOrder, toPayment, toWaybill, type Node } from './ceb-map.rules.js';

export interface KindDef {
  kind: DocKind | ActionKind | EventKind;
  messageType: string;
  node: string;
  head: string;
  receiptType: string;
  receiptNode: string;
  /** The enterprise roles that may send it, and the head field that must name the sender. */
  senderRoles: string[];
  senderFields: string[];
  map: (doc: Node) => unknown;
  businessKey: (head: Node) => string;
  receiptFields: (head: Node) => Record<string, string>;
}

const s = (h: Node, k: string) => (typeof h[k] === 'string' ? (h[k] as string).trim() : '');

/**
 * The customs list number (invtNo: district 4 + year 4 + I + serial 9) given with the decision, and
 * the pre-entry number receipts of a list carry (preNo, 18 characters: 'B' and 17 digits), derived from
 * the agent and its copNo so that every receipt of one list names the same number.
 */
export function invtNoOf(customsCode: string, year: string, agentCode: string, copNo: string): string {
  const digest = createHash('sha256').update(`invt:${agentCode}:${copNo}`).digest();
  return `${customsCode.padEnd(4, '0').slice(0, 4)}${year}I${(digest.readBigUInt64BE(0) % 10n ** 9n).toString().padStart(9, '0')}`;
}

export function preNoOf(agentCode: string, copNo: string): string {
  const digest = createHash('sha256').update(`${agentCode}:${copNo}`).digest();
  return `B${(digest.readBigUInt64BE(0) % 10n ** 17n).toString().padStart(17, '0')}`;
}

export const KINDS: Record<string, KindDef> = {
  CEB311: {
    kind: 'order',
    messageType: 'CEB311',
    node: 'Order',
    head: 'OrderHead',
    receiptType: 'CEB312',
    receiptNode: 'OrderReturn',
    senderRoles: ['ebp', 'ebc'],
    senderFields: ['ebpCode', 'ebcCode'],
    map: toOrder,
    businessKey: (h) => `order:${s(h, 'ebpCode')}:${s(h, 'orderNo')}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), ebpCode: s(h, 'ebpCode'), ebcCode: s(h, 'ebcCode'), orderNo: s(h, 'orderNo') }),
  },
  CEB411: {
    kind: 'payment',
    messageType: 'CEB411',
    node: 'Payment',
    head: 'PaymentHead',
    receiptType: 'CEB412',
    receiptNode: 'PaymentReturn',
    senderRoles: ['payment'],
    senderFields: ['payCode'],
    map: toPayment,
    businessKey: (h) => `payment:${s(h, 'payCode')}:${s(h, 'payTransactionId')}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), payCode: s(h, 'payCode'), payTransactionId: s(h, 'payTransactionId') }),
  },
  CEB511: {
    kind: 'waybill',
    messageType: 'CEB511',
    node: 'Logistics',
    head: 'LogisticsHead',
    receiptType: 'CEB512',
    receiptNode: 'LogisticsReturn',
    senderRoles: ['logistics'],
    senderFields: ['logisticsCode'],
    map: toWaybill,
    businessKey: (h) => `waybill:${s(h, 'logisticsCode')}:${s(h, 'logisticsNo')}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), logisticsCode: s(h, 'logisticsCode'), logisticsNo: s(h, 'logisticsNo') }),
  },
  CEB513: {
    kind: 'waybill_status',
    messageType: 'CEB513',
    node: 'LogisticsStatus',
    head: 'LogisticsStatus',
    receiptType: 'CEB514',
    receiptNode: 'LogisticsStatusReturn',
    senderRoles: ['logistics'],
    senderFields: ['logisticsCode'],
    map: (doc) => doc,
    businessKey: (h) => `waybill_status:${s(h, 'logisticsCode')}:${s(h, 'logisticsNo')}:${s(h, 'guid')}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), logisticsCode: s(h, 'logisticsCode'), logisticsNo: s(h, 'logisticsNo'), logisticsStatus: s(h, 'logisticsStatus') }),
  },
  CEB711: {
    kind: 'arrival',
    messageType: 'CEB711',
    node: 'Delivery',
    head: 'DeliveryHead',
    receiptType: 'CEB712',
    receiptNode: 'DeliveryReturn',
    // The supervised site's operator: a warehouse (监管作业场所) or the logistics firm that runs it.
    senderRoles: ['warehouse', 'logistics'],
    senderFields: ['operatorCode', 'operatorCode'],
    map: (doc) => doc,
    businessKey: (h) => `arrival:${s(h, 'operatorCode')}:${s(h, 'guid')}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), customsCode: s(h, 'customsCode'), operatorCode: s(h, 'operatorCode'), copNo: s(h, 'copNo'), preNo: s(h, 'preNo'), rkdNo: s(h, 'rkdNo') }),
  },
  CEB621: {
    kind: 'list',
    messageType: 'CEB621',
    node: 'Inventory',
    head: 'InventoryHead',
    receiptType: 'CEB622',
    receiptNode: 'InventoryReturn',
    senderRoles: ['agent'],
    senderFields: ['agentCode'],
    map: toList,
    businessKey: (h) => `list:${s(h, 'agentCode')}:${s(h, 'copNo')}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), customsCode: s(h, 'customsCode'), ebpCode: s(h, 'ebpCode'), ebcCode: s(h, 'ebcCode'), agentCode: s(h, 'agentCode'), copNo: s(h, 'copNo'), preNo: preNoOf(s(h, 'agentCode'), s(h, 'copNo')) }),
  },
  CEB623: {
    kind: 'cancel',
    messageType: 'CEB623',
    node: 'InvtCancel',
    head: 'InvtCancel',
    receiptType: 'CEB624',
    receiptNode: 'InvtCancelReturn',
    senderRoles: ['agent'],
    senderFields: ['agentCode'],
    map: (doc) => doc,
    businessKey: (h) => `cancel:${s(h, 'agentCode')}:${s(h, 'copNo')}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), customsCode: s(h, 'customsCode'), agentCode: s(h, 'agentCode'), ebpCode: s(h, 'ebpCode'), ebcCode: s(h, 'ebcCode'), copNo: s(h, 'copNo'), preNo: preNoOf(s(h, 'agentCode'), s(h, 'copNo')), invtNo: s(h, 'invtNo') }),
  },
  CEB625: {
    kind: 'return',
    messageType: 'CEB625',
    node: 'InvtRefund',
    head: 'InvtRefundHead',
    receiptType: 'CEB626',
    receiptNode: 'InvtRefundReturn',
    senderRoles: ['agent'],
    senderFields: ['agentCode'],
    map: (doc) => doc,
    businessKey: (h) => `return:${s(h, 'agentCode')}:${s(h, 'copNo')}:${s(h, 'guid')}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), customsCode: s(h, 'customsCode'), agentCode: s(h, 'agentCode'), ebpCode: s(h, 'ebpCode'), ebcCode: s(h, 'ebcCode'), copNo: s(h, 'copNo'), preNo: preNoOf(s(h, 'agentCode'), s(h, 'copNo')), invtNo: s(h, 'invtNo') }),
  },
};

export const isActionKind = (k: KindDef['kind']): k is ActionKind => k === 'cancel' || k === 'return';
export const isEventKind = (k: KindDef['kind']): k is EventKind => k === 'waybill_status' || k === 'arrival';

export const headNode = (def: KindDef, doc: Node): Node => headOf(doc, def.head);
