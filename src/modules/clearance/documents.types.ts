/**
 * The import documents as the clearance module sees them: clear names, money in fen, mapped once from the
 * CEB field names (`acturalPaid` and all) at the message edge.
 */
import type { Fen } from '../../kernel/money.js';

export type DocKind = 'order' | 'payment' | 'waybill' | 'list';

export interface OrderLine {
  gnum: number;
  itemNo: string;
  itemName: string;
  qty: string;
  unit: string;
  priceFen: Fen;
  totalPriceFen: Fen;
  country: string;
}

export interface ImportOrder {
  orderNo: string;
  ebpCode: string;
  ebcCode: string;
  goodsValueFen: Fen;
  freightFen: Fen;
  discountFen: Fen;
  taxTotalFen: Fen;
  acturalPaidFen: Fen;
  currency: string;
  buyerRegNo: string;
  buyerName: string;
  buyerTelephone: string;
  buyerIdType: string;
  buyerIdNumber: string;
  payCode: string | null;
  payTransactionId: string | null;
  consignee: string;
  consigneeTelephone: string;
  consigneeAddress: string;
  lines: OrderLine[];
}

export interface ImportPayment {
  payCode: string;
  payTransactionId: string;
  orderNo: string;
  ebpCode: string;
  payerIdType: string;
  payerIdNumber: string;
  payerName: string;
  amountPaidFen: Fen;
  currency: string;
  payTime: string;
}

export interface ImportWaybill {
  logisticsCode: string;
  logisticsNo: string;
  orderNo: string;
  freightFen: Fen;
  insuredFeeFen: Fen;
  consignee: string;
  consigneeTelephone: string;
  consigneeAddress: string;
}

export interface ListLine {
  gnum: number;
  itemRecordNo: string | null;
  itemNo: string | null;
  gcode: string;
  gname: string;
  country: string;
  qty: string;
  unit: string;
  /** The legal (first and second) quantities and units. */
  qty1?: string;
  unit1?: string;
  qty2?: string | null;
  unit2?: string | null;
  priceFen: Fen;
  totalPriceFen: Fen;
}

export interface ImportList {
  copNo: string;
  agentCode: string;
  orderNo: string;
  ebpCode: string;
  ebcCode: string;
  logisticsCode: string;
  logisticsNo: string;
  tradeMode: string;
  emsNo: string | null;
  customsCode: string;
  buyerIdType: string;
  buyerIdNumber: string;
  buyerName: string;
  buyerTelephone: string;
  freightFen: Fen;
  insuredFeeFen: Fen;
  currency: string;
  lines: ListLine[];
}

export interface Slots {
  order?: ImportOrder | undefined;
  payment?: ImportPayment | undefined;
  waybill?: ImportWaybill | undefined;
  list?: ImportList | undefined;
}
