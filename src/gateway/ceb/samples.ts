/**
 * Builders of valid CEB messages in the JSON form, for tests, the clearance module and benchmarks. One
 * "deal" (a buyer's purchase, DOMAIN.md §4 worked example 1 by default: goods 1,000.00 + freight 50.00,
 * VAT 95.55, acturalPaid 1,145.55) feeds every document so that order, payment, waybill and list match.
 * Each builder takes overrides; `withField` changes one field by JSON path for negative tests.
 */
import { newGuid } from '../../kernel/ids.js';
import { cebDate, cebSeconds } from './time.js';
import type { CebMessage, CebNode, CebValue } from './types.js';

export interface SampleItem {
  itemNo: string;
  itemName: string;
  gcode: string;
  gmodel: string;
  barCode: string;
  unit: string;
  qty: string;
  price: string;
  totalPrice: string;
  unit1: string;
  qty1: string;
  country: string;
}

/** The facts shared by the documents of one import purchase. Amounts are yuan as decimal strings. */
export interface SampleDeal {
  orderNo: string;
  ebpCode: string;
  ebpName: string;
  ebcCode: string;
  ebcName: string;
  payCode: string;
  payName: string;
  payTransactionId: string;
  logisticsCode: string;
  logisticsName: string;
  logisticsNo: string;
  agentCode: string;
  agentName: string;
  assureCode: string;
  customsCode: string;
  portCode: string;
  copNo: string;
  invtNo: string;
  buyerRegNo: string;
  buyerName: string;
  buyerIdNumber: string;
  buyerTelephone: string;
  consigneeAddress: string;
  goodsValue: string;
  freight: string;
  insuredFee: string;
  discount: string;
  taxTotal: string;
  acturalPaid: string;
  tradeMode: string;
  items: SampleItem[];
  /** When the documents are sent (appTime and friends, Beijing time). */
  at: Date;
}

export const sampleItems = (): SampleItem[] => [
  { itemNo: 'SKU-MILK-900', itemName: '婴幼儿配方奶粉 900g', gcode: '1901101000', gmodel: '900克/罐|1段|牛乳基|品牌:澳优', barCode: '9300000000017', unit: '122', qty: '2', price: '200.00', totalPrice: '400.00', unit1: '035', qty1: '1.8', country: '601' },
  { itemNo: 'SKU-CREAM-50', itemName: '保湿面霜 50ml', gcode: '3304990099', gmodel: '50毫升/瓶|保湿|品牌:雪肌', barCode: '4900000000026', unit: '142', qty: '1', price: '300.00', totalPrice: '300.00', unit1: '035', qty1: '0.05', country: '116' },
  { itemNo: 'SKU-CLEANSER-120', itemName: '洁面乳 120g', gcode: '3401300000', gmodel: '120克/支|洁面|品牌:清源', barCode: '8800000000035', unit: '011', qty: '3', price: '100.00', totalPrice: '300.00', unit1: '035', qty1: '0.36', country: '133' },
];

/** A complete, matching purchase; `n` varies the numbers so many deals can coexist. */
export function aDeal(overrides: Partial<SampleDeal> = {}, n = 1): SampleDeal {
  const seq = String(n).padStart(8, '0');
  return {
    orderNo: `ORD2024${seq}`,
    ebpCode: '1504960001',
    ebpName: '赤峰跨境优选平台',
    ebcCode: '1504960002',
    ebcName: '赤峰优品电子商务有限公司',
    payCode: '1504960003',
    payName: '北疆支付有限公司',
    payTransactionId: `PAY2024${seq}`,
    logisticsCode: '1504960004',
    logisticsName: '草原速运物流有限公司',
    logisticsNo: `WB2024${seq}`,
    agentCode: '1504960005',
    agentName: '赤峰通达报关有限公司',
    assureCode: '1504960005',
    customsCode: '0604',
    portCode: '0604',
    copNo: `INV2024${seq}`,
    invtNo: `06042024I${seq.padStart(9, '0')}`,
    buyerRegNo: `buyer-${seq}`,
    buyerName: '张三',
    buyerIdNumber: '11010519491231002X',
    buyerTelephone: '13800000000',
    consigneeAddress: '内蒙古自治区赤峰市红山区长青街1号',
    goodsValue: '1000.00',
    freight: '50.00',
    insuredFee: '0',
    discount: '0',
    taxTotal: '95.55',
    acturalPaid: '1145.55',
    tradeMode: '9610',
    items: sampleItems(),
    at: new Date('2024-03-15T02:30:00.000Z'),
    ...overrides,
  };
}

export interface SampleOptions {
  /** The message guid (root attribute); a new one by default. */
  guid?: string;
  /** BaseTransfer.copCode: the sender. Defaults to the party that sends this document. */
  copCode?: string;
}

const transfer = (copCode: string, copName: string): CebNode => ({ copCode, copName, dxpMode: 'DXP', dxpId: `DXPENT${copCode.slice(-10)}` });
const head = (d: SampleDeal): CebNode => ({ guid: newGuid(), appType: '1', appTime: cebSeconds(d.at), appStatus: '2' });
const message = (messageType: CebMessage['messageType'], o: SampleOptions, body: Record<string, CebValue>): CebMessage => ({
  messageType,
  guid: o.guid ?? newGuid(),
  version: '1.0',
  ...body,
});

/** CEB311 import order, sent by the platform. */
export function anOrderMessage(deal: Partial<SampleDeal> = {}, o: SampleOptions = {}): CebMessage {
  const d = aDeal(deal);
  const OrderHead: CebNode = {
    ...head(d), orderType: 'I', orderNo: d.orderNo, ebpCode: d.ebpCode, ebpName: d.ebpName, ebcCode: d.ebcCode, ebcName: d.ebcName,
    goodsValue: d.goodsValue, freight: d.freight, discount: d.discount, taxTotal: d.taxTotal, acturalPaid: d.acturalPaid, currency: '142',
    buyerRegNo: d.buyerRegNo, buyerName: d.buyerName, buyerTelephone: d.buyerTelephone, buyerIdType: '1', buyerIdNumber: d.buyerIdNumber,
    payCode: d.payCode, payName: d.payName, payTransactionId: d.payTransactionId,
    consignee: d.buyerName, consigneeTelephone: d.buyerTelephone, consigneeAddress: d.consigneeAddress, consigneeDistrict: '150402',
  };
  const OrderList = d.items.map((it, i) => ({
    gnum: String(i + 1), itemNo: it.itemNo, itemName: it.itemName, gmodel: it.gmodel, barCode: it.barCode, unit: it.unit,
    qty: it.qty, price: it.price, totalPrice: it.totalPrice, currency: '142', country: it.country,
  }));
  return message('CEB311', o, { Order: [{ OrderHead, OrderList }], BaseTransfer: transfer(o.copCode ?? d.ebpCode, d.ebpName) });
}

/** CEB411 import payment, sent by the payment firm. */
export function aPaymentMessage(deal: Partial<SampleDeal> = {}, o: SampleOptions = {}): CebMessage {
  const d = aDeal(deal);
  const PaymentHead: CebNode = {
    ...head(d), payCode: d.payCode, payName: d.payName, payTransactionId: d.payTransactionId, orderNo: d.orderNo,
    ebpCode: d.ebpCode, ebpName: d.ebpName, payerIdType: '1', payerIdNumber: d.buyerIdNumber, payerName: d.buyerName,
    telephone: d.buyerTelephone, amountPaid: d.acturalPaid, currency: '142', payTime: cebSeconds(d.at),
  };
  return message('CEB411', o, { Payment: [{ PaymentHead }], BaseTransfer: transfer(o.copCode ?? d.payCode, d.payName) });
}

/** CEB511 import waybill, sent by the logistics firm. */
export function aWaybillMessage(deal: Partial<SampleDeal> = {}, o: SampleOptions = {}): CebMessage {
  const d = aDeal(deal);
  const LogisticsHead: CebNode = {
    ...head(d), logisticsCode: d.logisticsCode, logisticsName: d.logisticsName, logisticsNo: d.logisticsNo, orderNo: d.orderNo,
    freight: d.freight, insuredFee: d.insuredFee, currency: '142', weight: '2.5', packNo: '1', goodsInfo: d.items.map((i) => i.itemName).join(';'),
    consignee: d.buyerName, consigneeAddress: d.consigneeAddress, consigneeTelephone: d.buyerTelephone,
  };
  return message('CEB511', o, { Logistics: [{ LogisticsHead }], BaseTransfer: transfer(o.copCode ?? d.logisticsCode, d.logisticsName) });
}

/** CEB513 waybill status (signed for, by default). */
export function aWaybillStatusMessage(deal: Partial<SampleDeal> = {}, o: SampleOptions & { status?: string } = {}): CebMessage {
  const d = aDeal(deal);
  const LogisticsStatus: CebNode = {
    ...head(d), logisticsCode: d.logisticsCode, logisticsName: d.logisticsName, logisticsNo: d.logisticsNo,
    logisticsStatus: o.status ?? 'S', logisticsTime: cebSeconds(d.at),
  };
  return message('CEB513', o, { LogisticsStatus: [LogisticsStatus], BaseTransfer: transfer(o.copCode ?? d.logisticsCode, d.logisticsName) });
}

/** CEB621 import list, declared by the agent; one InventoryList line per item (3 by default). */
export function anInventoryMessage(deal: Partial<SampleDeal> = {}, o: SampleOptions = {}): CebMessage {
  const d = aDeal(deal);
  const InventoryHead: CebNode = {
    ...head(d), orderNo: d.orderNo, ebpCode: d.ebpCode, ebpName: d.ebpName, ebcCode: d.ebcCode, ebcName: d.ebcName,
    logisticsNo: d.logisticsNo, logisticsCode: d.logisticsCode, logisticsName: d.logisticsName, copNo: d.copNo,
    assureCode: d.assureCode, ieFlag: 'I', declTime: cebDate(d.at), customsCode: d.customsCode, portCode: d.portCode,
    ieDate: cebDate(d.at), buyerIdType: '1', buyerIdNumber: d.buyerIdNumber, buyerName: d.buyerName, buyerTelephone: d.buyerTelephone,
    consigneeAddress: d.consigneeAddress, agentCode: d.agentCode, agentName: d.agentName, tradeMode: d.tradeMode, trafMode: '5',
    trafNo: 'CA1234', voyageNo: 'CA1234', billNo: 'MAWB78400001', country: '601', freight: d.freight, insuredFee: d.insuredFee,
    currency: '142', wrapType: '2', packNo: '1', grossWeight: '2.5', netWeight: '2.21',
  };
  const InventoryList = d.items.map((it, i) => ({
    gnum: String(i + 1), itemNo: it.itemNo, itemName: it.itemName, gcode: it.gcode, gname: it.itemName, gmodel: it.gmodel,
    barCode: it.barCode, country: it.country, currency: '142', qty: it.qty, unit: it.unit, qty1: it.qty1, unit1: it.unit1,
    price: it.price, totalPrice: it.totalPrice,
  }));
  return message('CEB621', o, { Inventory: [{ InventoryHead, InventoryList }], BaseTransfer: transfer(o.copCode ?? d.agentCode, d.agentName) });
}

const cancelOrReturnHead = (d: SampleDeal, reason: string): CebNode => ({
  ...head(d), customsCode: d.customsCode, orderNo: d.orderNo, ebpCode: d.ebpCode, ebpName: d.ebpName, ebcCode: d.ebcCode,
  ebcName: d.ebcName, logisticsNo: d.logisticsNo, logisticsCode: d.logisticsCode, logisticsName: d.logisticsName, copNo: d.copNo,
  invtNo: d.invtNo, buyerIdType: '1', buyerIdNumber: d.buyerIdNumber, buyerName: d.buyerName, buyerTelephone: d.buyerTelephone,
  agentCode: d.agentCode, agentName: d.agentName, reason,
});

/** CEB623 cancellation of a released list. */
export function aCancelMessage(deal: Partial<SampleDeal> = {}, o: SampleOptions = {}): CebMessage {
  const d = aDeal(deal);
  return message('CEB623', o, { InvtCancel: [cancelOrReturnHead(d, '消费者取消订单')], BaseTransfer: transfer(o.copCode ?? d.agentCode, d.agentName) });
}

/** CEB625 return of a released list: every line by default, `lines` picks some (1-based gnum). */
export function aReturnMessage(deal: Partial<SampleDeal> = {}, o: SampleOptions & { lines?: number[] } = {}): CebMessage {
  const d = aDeal(deal);
  const picked = o.lines ?? d.items.map((_, i) => i + 1);
  const InvtRefundList = picked.map((g) => {
    const it = d.items[g - 1]!;
    return { gnum: String(g), gcode: it.gcode, gname: it.itemName, qty: it.qty, unit: it.unit };
  });
  return message('CEB625', o, {
    InvtRefund: [{ InvtRefundHead: cancelOrReturnHead(d, '七天无理由退货'), InvtRefundList }],
    BaseTransfer: transfer(o.copCode ?? d.agentCode, d.agentName),
  });
}

/** CEB711 arrival at the supervised site (direct purchase), reported by the site operator. */
export function anArrivalMessage(deal: Partial<SampleDeal> = {}, o: SampleOptions & { logisticsNos?: string[]; operatorCode?: string } = {}): CebMessage {
  const d = aDeal(deal);
  const operatorCode = o.operatorCode ?? '1504960006';
  const DeliveryHead: CebNode = {
    ...head(d), customsCode: d.customsCode, copNo: `RK${d.copNo.slice(-12)}`, operatorCode, operatorName: '赤峰国际快件监管中心',
    ieFlag: 'I', trafMode: '5', trafNo: 'CA1234', voyageNo: 'CA1234', billNo: 'MAWB78400001',
    logisticsCode: d.logisticsCode, logisticsName: d.logisticsName,
  };
  const DeliveryList = (o.logisticsNos ?? [d.logisticsNo]).map((logisticsNo, i) => ({ gnum: String(i + 1), logisticsNo }));
  return message('CEB711', o, { Delivery: { DeliveryHead, DeliveryList }, BaseTransfer: transfer(o.copCode ?? operatorCode, '赤峰国际快件监管中心') });
}

/**
 * A `ds:Signature` of the right shape for the XSD (SignedInfo, SignatureValue, KeyInfo) that signs nothing:
 * for tests of where signatures go, never of verification.
 */
export function aDummySignature(keyName = '0000000000000001'): string {
  const ds = 'http://www.w3.org/2000/09/xmldsig#';
  return (
    `<ds:Signature xmlns:ds="${ds}"><ds:SignedInfo>` +
    '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>' +
    `<ds:SignatureMethod Algorithm="${ds}rsa-sha1"/>` +
    `<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="${ds}enveloped-signature"/></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${ds}sha1"/><ds:DigestValue>AAAAAAAAAAAAAAAAAAAAAAAAAAA=</ds:DigestValue></ds:Reference>` +
    `</ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue><ds:KeyInfo><ds:KeyName>${keyName}</ds:KeyName></ds:KeyInfo></ds:Signature>`
  );
}

/** The sample builder for each inbound import message type. */
export const importSamples = {
  CEB311: anOrderMessage,
  CEB411: aPaymentMessage,
  CEB511: aWaybillMessage,
  CEB513: aWaybillStatusMessage,
  CEB621: anInventoryMessage,
  CEB623: aCancelMessage,
  CEB625: aReturnMessage,
  CEB711: anArrivalMessage,
} as const;

export * from './samples-export.js';
export * from './samples-path.js';
