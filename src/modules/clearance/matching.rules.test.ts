import { describe, expect, it } from 'vitest';
import { matchDocuments } from './matching.rules.js';
import type { ImportList, ImportOrder, ImportPayment, ImportWaybill } from './documents.types.js';

// DOMAIN §4 example 1: goods 1,000 + freight 50, VAT 95.55, acturalPaid 1,145.55.
const order: ImportOrder = {
  orderNo: 'O-1', ebpCode: '1504960001', ebcCode: '1504941001', goodsValueFen: 100_000, freightFen: 5_000, discountFen: 0, taxTotalFen: 9_555, acturalPaidFen: 114_555,
  currency: '142', buyerRegNo: 'u1', buyerName: '张三', buyerTelephone: '13800000000', buyerIdType: '1', buyerIdNumber: '11010519491231002X',
  payCode: '1504960502', payTransactionId: 'P-1', consignee: '张三', consigneeTelephone: '13800000000', consigneeAddress: '赤峰市红山区1号',
  lines: [{ gnum: 1, itemNo: 'BB-NF-1', itemName: '奶粉', qty: '4', unit: '122', priceFen: 25_000, totalPriceFen: 100_000, country: '609' }],
};
const payment: ImportPayment = { payCode: '1504960502', payTransactionId: 'P-1', orderNo: 'O-1', ebpCode: '1504960001', payerIdType: '1', payerIdNumber: '11010519491231002X', payerName: '张三', amountPaidFen: 114_555, currency: '142', payTime: '20260601120000' };
const waybill: ImportWaybill = { logisticsCode: '1504910601', logisticsNo: 'W-1', orderNo: 'O-1', freightFen: 5_000, insuredFeeFen: 0, consignee: '张三', consigneeTelephone: '13800000000', consigneeAddress: '赤峰市红山区1号' };
const list: ImportList = {
  copNo: 'C-1', agentCode: '1504980701', orderNo: 'O-1', ebpCode: '1504960001', ebcCode: '1504941001', logisticsCode: '1504910601', logisticsNo: 'W-1', tradeMode: '9610', emsNo: null, customsCode: '0604',
  buyerIdType: '1', buyerIdNumber: '11010519491231002X', buyerName: '张三', buyerTelephone: '13800000000', freightFen: 5_000, insuredFeeFen: 0, currency: '142',
  lines: [{ gnum: 1, itemRecordNo: null, itemNo: 'BB-NF-1', gcode: '1901101000', gname: '奶粉', country: '609', qty: '4', unit: '122', priceFen: 25_000, totalPriceFen: 100_000 }],
};
const codes = (r: { mismatches: { code: string }[] }) => r.mismatches.map((m) => m.code);

describe('three-document matching (DOMAIN §3)', () => {
  it('matches four agreeing documents', () => expect(matchDocuments({ order, payment, waybill, list }, 0)).toEqual({ missing: [], mismatches: [] }));

  it('names the missing documents, in any arrival order', () => {
    expect(matchDocuments({ list }, 0).missing).toEqual(['order', 'payment', 'waybill']);
    expect(matchDocuments({ payment, list }, 0)).toEqual({ missing: ['order', 'waybill'], mismatches: [] });
  });

  it('names both fields and both values when amounts differ by one fen', () => {
    const r = matchDocuments({ order, payment: { ...payment, amountPaidFen: 114_556 } }, 0);
    expect(r.mismatches).toEqual([
      expect.objectContaining({ code: 'clearance.amount_mismatch', a: { doc: 'payment', field: 'amountPaid', value: '1145.56' }, b: { doc: 'order', field: 'acturalPaid', value: '1145.55' } }),
    ]);
    expect(r.mismatches[0]!.message.en).toBe('amounts paid differ: payment amountPaid 1145.56 != order acturalPaid 1145.55');
    expect(matchDocuments({ order, payment: { ...payment, amountPaidFen: 114_556 } }, 1).mismatches).toEqual([]);
  });

  it.each([
    [{ payment: { ...payment, payerIdNumber: '110105194912310021' } }, 'clearance.payer_mismatch'],
    [{ payment: { ...payment, ebpCode: 'X' } }, 'clearance.ebp_mismatch'],
    [{ payment: { ...payment, payTransactionId: 'P-2' } }, 'clearance.pay_transaction_mismatch'],
    [{ waybill: { ...waybill, consigneeAddress: '别处' } }, 'clearance.consignee_mismatch'],
    [{ list: { ...list, buyerName: '李四' } }, 'clearance.buyer_mismatch'],
    [{ list: { ...list, freightFen: 4_000 } }, 'clearance.freight_mismatch'],
    [{ list: { ...list, logisticsNo: 'W-2' } }, 'clearance.logistics_mismatch'],
    [{ list: { ...list, lines: [{ ...list.lines[0]!, qty: '5' }] } }, 'clearance.line_qty_mismatch'],
    [{ list: { ...list, lines: [{ ...list.lines[0]!, totalPriceFen: 99_999 }] } }, 'clearance.line_value_mismatch'],
    [{ list: { ...list, lines: [] } }, 'clearance.lines_mismatch'],
    [{ order: { ...order, acturalPaidFen: 114_556 }, payment: { ...payment, amountPaidFen: 114_556 } }, 'clearance.actural_paid_mismatch'],
    [{ order: { ...order, goodsValueFen: 90_000, acturalPaidFen: 104_555 }, payment: { ...payment, amountPaidFen: 104_555 } }, 'clearance.goods_value_mismatch'],
  ])('flags %j as %s', (over, code) => expect(codes(matchDocuments({ order, payment, waybill, list, ...over }, 0))).toEqual([code]));
});
