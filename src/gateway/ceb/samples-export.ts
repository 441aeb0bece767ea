/**
 * Valid export messages (9610 retail export) in the JSON form: one parcel's order, collection, waybill,
 * list, and the arrival, departure, master/sub waybill and summary that follow (DOMAIN.md §1, §2.3).
 */
import { newGuid } from '../../kernel/ids.js';
import { cebDate, cebSeconds } from './time.js';
import type { CebMessage, CebNode, CebValue } from './types.js';

export interface ExportDeal {
  orderNo: string;
  ebpCode: string;
  ebpName: string;
  ebcCode: string;
  ebcName: string;
  logisticsCode: string;
  logisticsName: string;
  logisticsNo: string;
  agentCode: string;
  agentName: string;
  customsCode: string;
  copNo: string;
  invtNo: string;
  payCode: string;
  payName: string;
  /** The supervised site's operator that reports arrivals. */
  operatorCode: string;
  operatorName: string;
  /** A simplified (A) or summary (B) list. */
  statisticsFlag: 'A' | 'B';
  tradeMode: string;
  /** Destination country. */
  country: string;
  /** The master bill the goods leave under. */
  billNo: string;
  /** Quantity and unit price of the one line (yuan). */
  qty: string;
  price: string;
  at: Date;
}

export function anExportDeal(overrides: Partial<ExportDeal> = {}, n = 1): ExportDeal {
  const seq = String(n).padStart(8, '0');
  return {
    orderNo: `EXO2024${seq}`,
    ebpCode: '1504960101',
    ebpName: '赤峰出海商城',
    ebcCode: '1504960102',
    ebcName: '赤峰草原好物出口贸易有限公司',
    logisticsCode: '1504960104',
    logisticsName: '草原速运物流有限公司',
    logisticsNo: `EXWB2024${seq}`,
    agentCode: '1504960105',
    agentName: '赤峰通达报关有限公司',
    customsCode: '0604',
    copNo: `EXI2024${seq}`,
    invtNo: `06042024E${seq.padStart(9, '0')}`,
    payCode: '1504960103',
    payName: '北疆支付有限公司',
    operatorCode: '1504960106',
    operatorName: '赤峰国际快件监管中心',
    statisticsFlag: 'A',
    tradeMode: '9610',
    country: '344',
    billNo: 'MAWB78400002',
    qty: '2',
    price: '160.00',
    at: new Date('2024-03-15T02:30:00.000Z'),
    ...overrides,
  };
}

type Options = { guid?: string };
const head = (d: ExportDeal): CebNode => ({ guid: newGuid(), appType: '1', appTime: cebSeconds(d.at), appStatus: '2' });
const transfer = (copCode: string, copName: string): CebNode => ({ copCode, copName, dxpMode: 'DXP', dxpId: `DXPENT${copCode.slice(-10)}` });
const msg = (messageType: CebMessage['messageType'], o: Options, body: Record<string, CebValue>): CebMessage => ({
  messageType,
  guid: o.guid ?? newGuid(),
  version: '1.0',
  ...body,
});
const parts = (d: ExportDeal) => ({ msgCount: '1', msgSeqNo: '1', logisticsCode: d.logisticsCode, logisticsName: d.logisticsName });
/** The deal's goods value: qty × price, to the fen. */
const total = (d: ExportDeal) => {
  const [qi, qf = ''] = d.qty.split('.');
  const [pi, pf = ''] = d.price.split('.');
  const q = BigInt(qi! + qf);
  const p = BigInt(pi! + pf);
  const scale = 10n ** BigInt(qf.length + pf.length);
  const fen = (q * p * 100n + scale / 2n) / scale;
  return `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
};

export function anExportOrderMessage(deal: Partial<ExportDeal> = {}, o: Options = {}): CebMessage {
  const d = anExportDeal(deal);
  const OrderHead = { ...head(d), orderType: 'E', orderNo: d.orderNo, ebpCode: d.ebpCode, ebpName: d.ebpName, ebcCode: d.ebcCode, ebcName: d.ebcName, goodsValue: total(d), freight: '0', currency: '142' };
  const OrderList = [{ gnum: '1', itemNo: 'EX-CASH-01', itemName: '羊绒围巾', unit: '011', currency: '142', qty: d.qty, price: d.price, totalPrice: total(d) }];
  return msg('CEB303', o, { Order: [{ OrderHead, OrderList }], BaseTransfer: transfer(d.ebpCode, d.ebpName) });
}

export function anExportReceiptsMessage(deal: Partial<ExportDeal> = {}, o: Options = {}): CebMessage {
  const d = anExportDeal(deal);
  const Receipts = { ...head(d), ebpCode: d.ebpCode, ebpName: d.ebpName, ebcCode: d.ebcCode, ebcName: d.ebcName, orderNo: d.orderNo, payCode: d.payCode, payName: d.payName, payNo: `EXPAY${d.orderNo}`, charge: total(d), currency: '142', accountingDate: cebSeconds(d.at) };
  return msg('CEB403', o, { Receipts: [Receipts], BaseTransfer: transfer(d.payCode, d.payName) });
}

export function anExportWaybillMessage(deal: Partial<ExportDeal> = {}, o: Options = {}): CebMessage {
  const d = anExportDeal(deal);
  const Logistics = { ...head(d), logisticsCode: d.logisticsCode, logisticsName: d.logisticsName, logisticsNo: d.logisticsNo, freight: '30.00', insuredFee: '0', currency: '142', grossWeight: '0.6', packNo: '1', goodsInfo: '羊绒围巾' };
  return msg('CEB505', o, { Logistics: [Logistics], BaseTransfer: transfer(d.logisticsCode, d.logisticsName) });
}

export function anExportListMessage(deal: Partial<ExportDeal> = {}, o: Options = {}): CebMessage {
  const d = anExportDeal(deal);
  const InventoryHead = {
    ...head(d), customsCode: d.customsCode, ebpCode: d.ebpCode, ebpName: d.ebpName, orderNo: d.orderNo, logisticsCode: d.logisticsCode,
    logisticsName: d.logisticsName, logisticsNo: d.logisticsNo, copNo: d.copNo, ieFlag: 'E', portCode: d.customsCode, ieDate: cebDate(d.at),
    statisticsFlag: d.statisticsFlag, agentCode: d.agentCode, agentName: d.agentName, ebcCode: d.ebcCode, ebcName: d.ebcName, ownerCode: d.ebcCode,
    ownerName: d.ebcName, tradeMode: d.tradeMode, trafMode: '5', country: d.country, POD: 'HKG', freight: '30.00', fCurrency: '142', fFlag: '3',
    insuredFee: '0', iCurrency: '142', iFlag: '3', wrapType: '2', packNo: '1', grossWeight: '0.6', netWeight: '0.5',
  };
  const InventoryList = [{ gnum: '1', itemNo: 'EX-CASH-01', gcode: '6214201000', gname: '羊绒围巾', gmodel: '山羊绒100%|180x30cm', barCode: '无', country: '142', currency: '142', qty: d.qty, qty1: '0.5', unit: '011', unit1: '035', price: d.price, totalPrice: total(d) }];
  return msg('CEB603', o, { Inventory: [{ InventoryHead, InventoryList }], BaseTransfer: transfer(d.agentCode, d.agentName) });
}

export function anExportCancelMessage(deal: Partial<ExportDeal> = {}, o: Options = {}): CebMessage {
  const d = anExportDeal(deal);
  const InvtCancel = { ...head(d), customsCode: d.customsCode, copNo: d.copNo, invtNo: d.invtNo, reason: '买家取消订单', agentCode: d.agentCode, agentName: d.agentName, ebcCode: d.ebcCode, ebcName: d.ebcName };
  return msg('CEB605', o, { InvtCancel: [InvtCancel], BaseTransfer: transfer(d.agentCode, d.agentName) });
}

export function anExportArrivalMessage(deal: Partial<ExportDeal> = {}, o: Options = {}): CebMessage {
  const d = anExportDeal(deal);
  const ArrivalHead = { ...head(d), customsCode: d.customsCode, copNo: `AR${d.copNo}`, operatorCode: d.operatorCode, operatorName: d.operatorName, ieFlag: 'E', trafMode: '4', domesticTrafNo: '蒙D12345', ...parts(d) };
  return msg('CEB507', o, { Arrival: [{ ArrivalHead, ArrivalList: [{ gnum: '1', logisticsNo: d.logisticsNo }] }], BaseTransfer: transfer(d.operatorCode, d.operatorName) });
}

export function anExportDepartureMessage(deal: Partial<ExportDeal> = {}, o: Options = {}): CebMessage {
  const d = anExportDeal(deal);
  const DepartureHead = { ...head(d), customsCode: d.customsCode, copNo: `DP${d.copNo}`, logisticsCode: d.logisticsCode, logisticsName: d.logisticsName, trafMode: '5', trafName: 'CA', voyageNo: 'CA1235', billNo: d.billNo, leaveTime: cebSeconds(d.at), msgCount: '1', msgSeqNo: '1' };
  return msg('CEB509', o, { Departure: [{ DepartureHead, DepartureList: [{ gnum: '1', logisticsNo: d.logisticsNo }] }], BaseTransfer: transfer(d.logisticsCode, d.logisticsName) });
}

export function anExportWayBillMessage(deal: Partial<ExportDeal> = {}, o: Options = {}): CebMessage {
  const d = anExportDeal(deal);
  const WayBillHead = { ...head(d), customsCode: d.customsCode, copNo: `WB${d.copNo}`, agentCode: d.agentCode, agentName: d.agentName, trafMode: '5', trafName: 'CA', voyageNo: 'CA1235', billNo: d.billNo, grossWeight: '0.6', ...parts(d) };
  return msg('CEB607', o, { WayBill: [{ WayBillHead, WayBillList: [{ gnum: '1', logisticsNo: d.logisticsNo, invtNo: d.invtNo }] }], BaseTransfer: transfer(d.agentCode, d.agentName) });
}

export function anExportSummaryMessage(deal: Partial<ExportDeal> = {}, o: Options = {}): CebMessage {
  const d = anExportDeal(deal);
  const SummaryApplyHead = {
    ...head(d), customsCode: d.customsCode, copNo: `SUM${d.copNo}`, agentCode: d.agentCode, agentName: d.agentName, ebcCode: d.ebcCode,
    ebcName: d.ebcName, declAgentCode: d.agentCode, declAgentName: d.agentName, summaryFlag: '1', itemNameFlag: '1', msgCount: '1', msgSeqNo: '1',
  };
  return msg('CEB701', o, { SummaryApply: [{ SummaryApplyHead, SummaryApplyList: [{ invtNo: d.invtNo }] }], BaseTransfer: transfer(d.agentCode, d.agentName) });
}

/** The sample builder for each inbound export message type. */
export const exportSamples = {
  CEB303: anExportOrderMessage,
  CEB403: anExportReceiptsMessage,
  CEB505: anExportWaybillMessage,
  CEB507: anExportArrivalMessage,
  CEB509: anExportDepartureMessage,
  CEB603: anExportListMessage,
  CEB605: anExportCancelMessage,
  CEB607: anExportWayBillMessage,
  CEB701: anExportSummaryMessage,
} as const;
