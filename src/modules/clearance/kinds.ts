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
/** The export documents that fill an export declaration's slots. */
export type ExportDocKind = 'export_order' | 'export_receipt' | 'export_waybill' | 'export_list';
/** Export documents that act on lists: cancellation, arrival, departure, master bill, summary application. */
export type ExportActKind = 'export_cancel' | 'export_arrival' | 'export_departure' | 'export_bill' | 'summary';
import { headOf, toList, toOrder, toPayment, toWaybill, type Node } from './ceb-map.rules.js';
import { toExportList, toExportOrder, toExportReceipt, toExportWaybill } from './export-map.rules.js';

export interface KindDef {
  kind: DocKind | ActionKind | EventKind | ExportDocKind | ExportActKind;
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
export function invtNoOf(customsCode: string, year: string, agentCode: string, copNo: string, ieFlag: 'I' | 'E' = 'I'): string {
  const digest = createHash('sha256').update(`${ieFlag === 'I' ? 'invt' : 'einvt'}:${agentCode}:${copNo}`).digest();
  return `${customsCode.padEnd(4, '0').slice(0, 4)}${year}${ieFlag}${(digest.readBigUInt64BE(0) % 10n ** 9n).toString().padStart(9, '0')}`;
}

/** An export list's number, fixed at acceptance from its declaring district, year of application, agent and copNo. */
export const exportInvtNo = (h: Node): string => invtNoOf(s(h, 'customsCode'), (s(h, 'appTime') || '2000').slice(0, 4), s(h, 'agentCode'), s(h, 'copNo'), 'E');

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
  // Export (DOMAIN.md §1, §2.3): the same gateway, receipts and senders' checks; export declarations.
  CEB303: {
    kind: 'export_order',
    messageType: 'CEB303',
    node: 'Order',
    head: 'OrderHead',
    receiptType: 'CEB304',
    receiptNode: 'OrderReturn',
    senderRoles: ['ebp', 'ebc'],
    senderFields: ['ebpCode', 'ebcCode'],
    map: toExportOrder,
    businessKey: (h) => `e-order:${s(h, 'ebpCode')}:${s(h, 'orderNo')}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), ebpCode: s(h, 'ebpCode'), ebcCode: s(h, 'ebcCode'), orderNo: s(h, 'orderNo') }),
  },
  CEB403: {
    kind: 'export_receipt',
    messageType: 'CEB403',
    node: 'Receipts',
    head: 'Receipts',
    receiptType: 'CEB404',
    receiptNode: 'ReceiptsReturn',
    senderRoles: ['payment', 'ebc'],
    senderFields: ['payCode', 'ebcCode'],
    map: toExportReceipt,
    businessKey: (h) => `e-receipt:${s(h, 'ebpCode')}:${s(h, 'orderNo')}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), ebcCode: s(h, 'ebcCode'), orderNo: s(h, 'orderNo'), payNo: s(h, 'payNo') }),
  },
  CEB505: {
    kind: 'export_waybill',
    messageType: 'CEB505',
    node: 'Logistics',
    head: 'Logistics',
    receiptType: 'CEB506',
    receiptNode: 'LogisticsReturn',
    senderRoles: ['logistics'],
    senderFields: ['logisticsCode'],
    map: toExportWaybill,
    businessKey: (h) => `e-waybill:${s(h, 'logisticsCode')}:${s(h, 'logisticsNo')}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), logisticsCode: s(h, 'logisticsCode'), logisticsNo: s(h, 'logisticsNo') }),
  },
  CEB603: {
    kind: 'export_list',
    messageType: 'CEB603',
    node: 'Inventory',
    head: 'InventoryHead',
    receiptType: 'CEB604',
    receiptNode: 'InventoryReturn',
    senderRoles: ['agent'],
    senderFields: ['agentCode'],
    map: toExportList,
    businessKey: (h) => `e-list:${s(h, 'agentCode')}:${s(h, 'copNo')}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), agentCode: s(h, 'agentCode'), copNo: s(h, 'copNo'), preNo: preNoOf(s(h, 'agentCode'), `E${s(h, 'copNo')}`), invtNo: exportInvtNo(h), ebcCode: s(h, 'ebcCode'), ebpCode: s(h, 'ebpCode'), orderNo: s(h, 'orderNo'), statisticsFlag: s(h, 'statisticsFlag') }),
  },
  CEB605: {
    kind: 'export_cancel',
    messageType: 'CEB605',
    node: 'InvtCancel',
    head: 'InvtCancel',
    receiptType: 'CEB606',
    receiptNode: 'InvtCancelReturn',
    senderRoles: ['agent'],
    senderFields: ['agentCode'],
    map: (doc) => doc,
    businessKey: (h) => `e-cancel:${s(h, 'agentCode')}:${s(h, 'copNo')}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), agentCode: s(h, 'agentCode'), copNo: s(h, 'copNo'), preNo: preNoOf(s(h, 'agentCode'), `E${s(h, 'copNo')}`), invtNo: s(h, 'invtNo') }),
  },
  CEB507: {
    kind: 'export_arrival',
    messageType: 'CEB507',
    node: 'Arrival',
    head: 'ArrivalHead',
    receiptType: 'CEB508',
    receiptNode: 'ArrivalReturn',
    // The supervised site's operator, or the logistics firm that delivers there.
    senderRoles: ['logistics', 'warehouse'],
    senderFields: ['logisticsCode', 'operatorCode'],
    map: (doc) => doc,
    businessKey: (h) => `e-arrival:${s(h, 'operatorCode')}:${s(h, 'copNo')}${partOf(h)}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), operatorCode: s(h, 'operatorCode'), logisticsCode: s(h, 'logisticsCode'), preNo: preNoOf(s(h, 'operatorCode'), `A${s(h, 'copNo')}`), copNo: s(h, 'copNo'), billNo: s(h, 'billNo') || s(h, 'copNo'), msgSeqNo: s(h, 'msgSeqNo') || '1' }),
  },
  CEB509: {
    kind: 'export_departure',
    messageType: 'CEB509',
    node: 'Departure',
    head: 'DepartureHead',
    receiptType: 'CEB510',
    receiptNode: 'DepartureReturn',
    senderRoles: ['logistics'],
    senderFields: ['logisticsCode'],
    map: (doc) => doc,
    businessKey: (h) => `e-departure:${s(h, 'logisticsCode')}:${s(h, 'copNo')}${partOf(h)}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), logisticsCode: s(h, 'logisticsCode'), copNo: s(h, 'copNo'), preNo: preNoOf(s(h, 'logisticsCode'), `D${s(h, 'copNo')}`), msgSeqNo: s(h, 'msgSeqNo') || '1' }),
  },
  CEB607: {
    kind: 'export_bill',
    messageType: 'CEB607',
    node: 'WayBill',
    head: 'WayBillHead',
    receiptType: 'CEB608',
    receiptNode: 'WayBillReturn',
    senderRoles: ['agent'],
    senderFields: ['agentCode'],
    map: (doc) => doc,
    businessKey: (h) => `e-bill:${s(h, 'agentCode')}:${s(h, 'copNo')}${partOf(h)}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), agentCode: s(h, 'agentCode'), logisticsCode: s(h, 'logisticsCode'), copNo: s(h, 'copNo'), preNo: preNoOf(s(h, 'agentCode'), `W${s(h, 'copNo')}`), billNo: s(h, 'billNo'), msgSeqNo: s(h, 'msgSeqNo') || '1' }),
  },
  CEB701: {
    kind: 'summary',
    messageType: 'CEB701',
    node: 'SummaryApply',
    head: 'SummaryApplyHead',
    receiptType: 'CEB702',
    receiptNode: 'SummaryReturn',
    senderRoles: ['agent'],
    senderFields: ['agentCode'],
    map: (doc) => doc,
    businessKey: (h) => `summary:${s(h, 'agentCode')}:${s(h, 'copNo')}`,
    receiptFields: (h) => ({ guid: s(h, 'guid'), agentCode: s(h, 'agentCode'), ebcCode: s(h, 'ebcCode'), copNo: s(h, 'copNo'), preNo: preNoOf(s(h, 'agentCode'), `S${s(h, 'copNo')}`), sumNo: '', msgSeqNo: s(h, 'msgSeqNo') || '1' }),
  },
};

/**
 * A message split in parts (msgCount > 1, msgSeqNo from 1) keeps one business key per part: the parts of an
 * arrival, departure or master/sub waybill list each name their own waybills and are taken one by one.
 */
function partOf(h: Node): string {
  const count = Number(s(h, 'msgCount') || '1');
  return count > 1 ? `#${s(h, 'msgSeqNo') || '1'}/${count}` : '';
}

export const isActionKind = (k: KindDef['kind']): k is ActionKind => k === 'cancel' || k === 'return';
export const isEventKind = (k: KindDef['kind']): k is EventKind => k === 'waybill_status' || k === 'arrival';
export const isExportKind = (k: KindDef['kind']): k is ExportDocKind | ExportActKind => k.startsWith('export_') || k === 'summary';
export const isExportDocKind = (k: KindDef['kind']): k is ExportDocKind => k === 'export_order' || k === 'export_receipt' || k === 'export_waybill' || k === 'export_list';

export const headNode = (def: KindDef, doc: Node): Node => headOf(doc, def.head);
