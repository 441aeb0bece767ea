/** Shapes of the import-clearance API (declarations, a list's documents, receipts, quota), as the console reads them. */
import type { Text } from './client';

export const DOC_KINDS = ['order', 'payment', 'waybill', 'list'] as const;
export type DocKind = (typeof DOC_KINDS)[number];
export type DocPresence = Record<DocKind, boolean>;

/** List statuses (CEB622 returnStatus) the console filters on. */
export const LIST_STATUSES = ['120', '100', '300', '500', '800', '399'] as const;
export const TRADE_MODES = ['9610', '1210'] as const;

export interface DeclarationSummary {
  copNo: string;
  orderNo: string;
  ebpCode: string;
  ebcCode: string | null;
  agentCode: string | null;
  tradeMode: string | null;
  status: string;
  statusText: string;
  documents: DocPresence;
  /** Yuan with two decimals, or null before tax was computed. */
  dutiablePrice: string | null;
  taxTotal: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface MismatchSide {
  doc: DocKind;
  field: string;
  value: string;
}
export interface ClearanceReason {
  code: string;
  message: Text;
  details?: ({ a?: MismatchSide; b?: MismatchSide; field?: string } & Record<string, unknown>) | null;
}

export interface TaxLine {
  gnum: number;
  gcode: string;
  dutiablePrice: string;
  customsTax: string;
  valueAddedTax: string;
  consumptionTax: string;
}
export interface TaxResult {
  customsTax: string;
  valueAddedTax: string;
  consumptionTax: string;
  taxTotal: string;
  mode: 'retail' | 'general' | string;
  /** "0.7" retail, "1" general trade. */
  factor: string;
  lines: TaxLine[];
}
export interface InventoryReceipt {
  cursor: number;
  messageType: string;
  returnStatus: string;
  returnInfo: string;
  at: string;
}
export interface InventoryReturn {
  guid: string;
  at: string;
  lines: { gnum: number; qty: string }[];
  releasedFen: number;
  taxWaivedFen: number;
}
export interface Inventory {
  copNo: string;
  orderNo: string;
  ebpCode: string;
  ebcCode: string | null;
  agentCode: string | null;
  tradeMode: string | null;
  status: string;
  statusText: string;
  documents: DocPresence;
  reasons: ClearanceReason[];
  dutiablePrice: string | null;
  tax: TaxResult | null;
  receipts: InventoryReceipt[];
  returns: InventoryReturn[];
  /** Waybill status reports (CEB513) and arrivals at the supervised site (CEB711), oldest first. */
  waybillEvents: WaybillEvent[];
  decidedAt: string | null;
  updatedAt: string;
}
export interface WaybillEvent {
  kind: 'waybill_status' | 'arrival';
  status: string;
  /** As the reporter gave it: yyyyMMddHHmmss (Beijing time). */
  eventTime: string;
  note: string | null;
  receivedAt: string;
}

/** One document as the platform stores it (amounts ending in Fen are integer fen). */
export type DocBody = Record<string, unknown> & { lines?: Record<string, unknown>[] };
export interface InventoryDocuments {
  copNo: string;
  order: DocBody | null;
  payment: DocBody | null;
  waybill: DocBody | null;
  list: DocBody | null;
  reasons: ClearanceReason[];
  masked: boolean;
}

export interface ListDecision {
  decision: 'release' | 'reject';
  reason: string;
}
export interface ListDecided {
  copNo: string;
  status: string;
  info: string;
}

export interface Quota {
  year: number;
  limit: string;
  used: string;
  remaining: string;
}

export interface Receipt {
  cursor: number;
  messageType: string;
  guid: string;
  subject: string;
  returnStatus: string;
  returnTime: string;
  returnInfo: string;
  fields: Record<string, string>;
  xml: string;
  createdAt: string;
}
export interface ReceiptPage {
  items: Receipt[];
  next: number;
}
