/**
 * Maps the export CEB JSON form (element names as the XSD spells them) to clearance's export documents,
 * once, at the edge: amounts to fen (half-up past the fen, as for import), repeated elements to arrays.
 */
import { amountFen, headOf, type Node } from './ceb-map.rules.js';
import type { ExportList, ExportOrder, ExportReceipt, ExportWaybill } from './export.types.js';

const str = (n: Node, k: string): string => (typeof n[k] === 'string' ? (n[k] as string).trim() : '');
const opt = (n: Node, k: string): string | null => str(n, k) || null;
const arr = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);
const fen = (n: Node, k: string) => amountFen(str(n, k), k);

export function toExportOrder(doc: Node): ExportOrder {
  const h = headOf(doc, 'OrderHead');
  return {
    orderNo: str(h, 'orderNo'),
    ebpCode: str(h, 'ebpCode'),
    ebcCode: str(h, 'ebcCode'),
    goodsValueFen: fen(h, 'goodsValue'),
    freightFen: fen(h, 'freight'),
    currency: str(h, 'currency'),
    lines: arr(doc.OrderList).map((l, i) => ({
      gnum: Number(str(l, 'gnum')) || i + 1,
      itemNo: str(l, 'itemNo'),
      itemName: str(l, 'itemName'),
      unit: str(l, 'unit'),
      qty: str(l, 'qty'),
      priceFen: fen(l, 'price'),
      totalPriceFen: fen(l, 'totalPrice'),
    })),
  };
}

export function toExportReceipt(doc: Node): ExportReceipt {
  return {
    orderNo: str(doc, 'orderNo'),
    ebpCode: str(doc, 'ebpCode'),
    ebcCode: str(doc, 'ebcCode'),
    payCode: opt(doc, 'payCode'),
    payNo: opt(doc, 'payNo'),
    chargeFen: fen(doc, 'charge'),
    currency: str(doc, 'currency'),
    accountingDate: str(doc, 'accountingDate'),
  };
}

export function toExportWaybill(doc: Node): ExportWaybill {
  return {
    logisticsCode: str(doc, 'logisticsCode'),
    logisticsNo: str(doc, 'logisticsNo'),
    freightFen: fen(doc, 'freight'),
    insuredFeeFen: fen(doc, 'insuredFee'),
    currency: str(doc, 'currency'),
    grossWeight: str(doc, 'grossWeight'),
    packNo: str(doc, 'packNo'),
  };
}

export function toExportList(doc: Node): ExportList {
  const h = headOf(doc, 'InventoryHead');
  return {
    appTime: str(h, 'appTime'),
    copNo: str(h, 'copNo'),
    agentCode: str(h, 'agentCode'),
    orderNo: str(h, 'orderNo'),
    ebpCode: str(h, 'ebpCode'),
    ebcCode: str(h, 'ebcCode'),
    ownerCode: str(h, 'ownerCode'),
    logisticsCode: str(h, 'logisticsCode'),
    logisticsNo: str(h, 'logisticsNo'),
    customsCode: str(h, 'customsCode'),
    portCode: str(h, 'portCode'),
    ieDate: str(h, 'ieDate'),
    statisticsFlag: str(h, 'statisticsFlag'),
    tradeMode: str(h, 'tradeMode'),
    emsNo: opt(h, 'emsNo'),
    iacCode: opt(h, 'iacCode'),
    trafMode: str(h, 'trafMode'),
    billNo: opt(h, 'billNo'),
    licenseNo: opt(h, 'licenseNo'),
    country: str(h, 'country'),
    freightFen: fen(h, 'freight'),
    fCurrency: str(h, 'fCurrency'),
    insuredFeeFen: fen(h, 'insuredFee'),
    grossWeight: str(h, 'grossWeight'),
    netWeight: str(h, 'netWeight'),
    lines: arr(doc.InventoryList).map((l, i) => ({
      gnum: Number(str(l, 'gnum')) || i + 1,
      itemNo: str(l, 'itemNo'),
      itemRecordNo: opt(l, 'itemRecordNo'),
      itemName: opt(l, 'itemName'),
      gcode: str(l, 'gcode'),
      gname: str(l, 'gname'),
      unit: str(l, 'unit'),
      qty: str(l, 'qty'),
      price: str(l, 'price'),
      totalPriceFen: fen(l, 'totalPrice'),
      currency: str(l, 'currency'),
    })),
  };
}
