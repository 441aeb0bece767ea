/**
 * Shapes of the export-clearance API (DOMAIN.md §1 "9610 export flow", §5): export lists and their four
 * documents, summary declarations (CEB701 → CEB792) and B2B customs declarations (9710/9810), as the
 * console reads them. Money is a yuan decimal string ("320.00"); statuses are customs codes as strings.
 */
import type { Text } from './client';

export const EXPORT_DOC_KINDS = ['order', 'receipt', 'waybill', 'list'] as const;
export type ExportDocKind = (typeof EXPORT_DOC_KINDS)[number];
export type ExportDocPresence = Record<ExportDocKind, boolean>;

/** List statuses (CEB604 returnStatus) the console filters on. */
export const EXPORT_STATUSES = ['120', '399', '800', '899', '100'] as const;
export const EXPORT_TRADE_MODES = ['9610', '1210', '9710', '9810'] as const;
export type ExportTradeMode = (typeof EXPORT_TRADE_MODES)[number];
/** A 简化申报 (simplified, list only), B 汇总申报 (summarised into a customs declaration). */
export const STATISTICS_FLAGS = ['A', 'B'] as const;

export interface ExportReason {
  code: string;
  message: Text;
  details?: Record<string, unknown> | null;
}

export interface ExportListSummary {
  copNo: string;
  agentCode: string;
  orderNo: string;
  ebpCode: string;
  ebcCode: string;
  invtNo: string | null;
  tradeMode: string | null;
  statisticsFlag: string | null;
  status: string;
  statusText: string;
  cancelled: boolean;
  documents: ExportDocPresence;
  arrived: boolean;
  departed: boolean;
  billNo: string | null;
  sumNo: string | null;
  /** The 18-digit customs declaration number of the summary the list went into. */
  entryId: string | null;
  goodsValue: string | null;
  currency: string | null;
  createdAt: string;
  releasedAt: string | null;
}

export interface ExportListLine {
  gnum: number;
  /** The enterprise's goods name (the rebate name); null when the list gave none. */
  itemName: string | null;
  gcode: string;
  gname: string;
  qty: string;
  unit: string;
  price: string;
  totalPrice: string;
}

/** One document as filed, field names as in the CEB; its goods lines may sit under `lines` or the CEB's list node. */
export type ExportDocBody = Record<string, unknown>;

export const TIMELINE_KINDS = ['receipt', 'arrival', 'bill', 'departure', 'cancel', 'return', 'summary'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
export interface ExportTimelineItem {
  at: string;
  kind: TimelineKind | string;
  messageType: string | null;
  returnStatus: string | null;
  info: string;
}

export interface ExportReturn {
  at: string;
  reason: string;
  lines: { gnum: number; qty: string }[];
  amount: string;
}

/** An export return as filed: the goods that came back, per list line (0 or absent = not returned). */
export interface ExportReturnInput {
  invtNo: string;
  reason: string;
  /** "2024-05-02": the day the goods came back, in the zone's calendar. */
  returnedOn: string;
  lines: { gnum: number; qty: string }[];
}
export interface ExportReturnFiled {
  id: string;
  invtNo: string;
  /** The customs declaration the list went into; null while it is in none. */
  entryId: string | null;
  returnedOn: string;
  amount: string;
  currency: string | null;
}

export interface ExportListDetail extends Omit<ExportListSummary, 'documents'> {
  customsCode: string | null;
  portCode: string | null;
  country: string | null;
  reasons: ExportReason[];
  lines: ExportListLine[];
  /** The documents as filed; null while one has not arrived. */
  documents: Record<ExportDocKind, ExportDocBody | null>;
  timeline: ExportTimelineItem[];
  returns: ExportReturn[];
}

/** Released, departed B-lists waiting to be summarised into one customs declaration. */
export interface SummaryGroup {
  groupKey: string;
  ebcCode: string;
  ownerCode: string | null;
  agentCode: string;
  customsCode: string;
  portCode: string;
  country: string;
  trafMode: string;
  currency: string;
  /** "2024-03": the month the lists were released in. */
  period: string;
  /** "2024-04-15": the day the summary is due. */
  deadline: string;
  overdue: boolean;
  lists: number;
  goodsValue: string;
  invtNos: string[];
}

/** 1 by consignor; 2 by consignor and producer. */
export const SUMMARY_FLAGS = ['1', '2'] as const;
export type SummaryFlag = (typeof SUMMARY_FLAGS)[number];
export interface SummaryApply {
  invtNos: string[];
  summaryFlag: SummaryFlag;
  /** "1": items by the enterprise's goods name; absent: by the HS classification name. */
  itemNameFlag?: '1';
}
export interface SummaryApplied {
  sumNo: string;
  copNo: string;
  entryId: string;
  declSeqNo: string;
  decState: string;
  lists: number;
  goodsValue: string;
  currency: string;
}

export interface SummaryItem {
  gcode: string;
  name: string;
  qty: string;
  unit: string;
  value: string;
}
export interface ExportSummary {
  sumNo: string;
  copNo: string;
  entryId: string;
  declSeqNo: string;
  decState: string;
  ebcCode: string;
  agentCode: string;
  customsCode: string;
  portCode: string;
  country: string;
  trafMode: string;
  currency: string;
  period: string;
  lists: number;
  goodsValue: string;
  createdAt: string;
  items: SummaryItem[];
  invtNos?: string[];
}

export const MATCH_STATUSES = ['matched', 'unmatched'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];
export const B2B_TRADE_MODES = ['9710', '9810'] as const;
export type B2bTradeMode = (typeof B2B_TRADE_MODES)[number];

export interface ExportEntrySummary {
  entryId: string;
  copNo: string;
  tradeMode: string;
  ebcCode: string;
  agentCode: string;
  /** Attached document 10000004: the platform order number (9710) or the booking number (9810). */
  attachedNo: string;
  matchStatus: MatchStatus | string;
  goodsValue: string;
  currency: string;
  status: string;
  createdAt: string;
}
export interface ExportEntryLine {
  gnum: number;
  gcode: string;
  gname: string;
  qty: string;
  unit: string;
  price: string;
  totalPrice: string;
}
export interface ExportEntry extends ExportEntrySummary {
  customsCode: string;
  portCode: string;
  country: string;
  ebpCode: string | null;
  /** Attached document 10000004 and what it names: the platform's order (9710) or the booking order (9810), as filed. */
  attached: { type: string; no: string; kind: 'order' | 'booking'; document: Record<string, unknown> | null };
  reasons: ExportReason[];
  lines: ExportEntryLine[];
}
export interface ExportEntryInput {
  copNo: string;
  tradeMode: B2bTradeMode;
  ebcCode: string;
  ebpCode?: string;
  customsCode: string;
  portCode: string;
  country: string;
  currency: string;
  attachedNo: string;
  lines: { gcode: string; gname: string; qty: string; unit: string; price: string; totalPrice: string }[];
}
export interface ExportEntryFiled {
  entryId: string;
  matchStatus: MatchStatus | string;
  reasons: ExportReason[];
}
