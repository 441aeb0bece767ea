/**
 * The export documents (DOMAIN.md §2.3, export) as clearance sees them: clear names, money in fen of the
 * document's currency, mapped once from the CEB field names at the message edge.
 */
import type { Fen } from '../../kernel/money.js';

export interface ExportOrderLine {
  gnum: number;
  itemNo: string;
  itemName: string;
  unit: string;
  qty: string;
  priceFen: Fen;
  totalPriceFen: Fen;
}

/** CEB303: the platform's order (for 9710 the B2B order). */
export interface ExportOrder {
  orderNo: string;
  ebpCode: string;
  ebcCode: string;
  goodsValueFen: Fen;
  freightFen: Fen;
  currency: string;
  lines: ExportOrderLine[];
}

/** CEB403: the receipt of payment (收款单), the proceeds collected for the order. */
export interface ExportReceipt {
  orderNo: string;
  ebpCode: string;
  ebcCode: string;
  payCode: string | null;
  payNo: string | null;
  chargeFen: Fen;
  currency: string;
  accountingDate: string;
}

/** CEB505: the waybill; it names no order, its list names it. */
export interface ExportWaybill {
  logisticsCode: string;
  logisticsNo: string;
  freightFen: Fen;
  insuredFeeFen: Fen;
  currency: string;
  grossWeight: string;
  packNo: string;
}

export interface ExportListLine {
  gnum: number;
  itemNo: string;
  itemRecordNo: string | null;
  itemName: string | null;
  gcode: string;
  gname: string;
  unit: string;
  qty: string;
  /** The unit price as declared (yuan, up to 5 decimals), kept exact. */
  price: string;
  totalPriceFen: Fen;
  currency: string;
}

/** CEB603: the export list. */
export interface ExportList {
  /** yyyyMMddHHmmss of the application: its year is the list number's. */
  appTime: string;
  copNo: string;
  agentCode: string;
  orderNo: string;
  ebpCode: string;
  ebcCode: string;
  ownerCode: string;
  logisticsCode: string;
  logisticsNo: string;
  customsCode: string;
  portCode: string;
  ieDate: string;
  statisticsFlag: string;
  tradeMode: string;
  emsNo: string | null;
  iacCode: string | null;
  trafMode: string;
  billNo: string | null;
  licenseNo: string | null;
  country: string;
  freightFen: Fen;
  fCurrency: string;
  insuredFeeFen: Fen;
  grossWeight: string;
  netWeight: string;
  lines: ExportListLine[];
}

/** A 9810 list's booking order (订仓单), from the overseas-warehouse filings, standing in for the order. */
export interface BookingFact {
  bookingNo: string;
  warehouseName: string;
  country: string;
  warehouseApproved: boolean;
  goodsFen: Fen;
}

export interface ExportSlots {
  order?: ExportOrder | undefined;
  receipt?: ExportReceipt | undefined;
  waybill?: ExportWaybill | undefined;
  list?: ExportList | undefined;
  booking?: BookingFact | null | undefined;
}

/** Finds a 9810 list's booking order by exporter (customs code or USCC) and booking number. */
export type BookingLookup = (ownerCode: string, bookingNo: string) => Promise<BookingFact | null>;
