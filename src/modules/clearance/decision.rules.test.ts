import { describe, expect, it } from 'vitest';
import { BUILT_IN_REGULATION, regulationAt } from '../../kernel/regulation.js';
import { decideList, type DecisionFacts } from './decision.rules.js';
import type { ImportList, ImportOrder } from './documents.types.js';

const params = regulationAt(BUILT_IN_REGULATION, '2026-06-01').params;
const order = { discountFen: 0, taxTotalFen: 9_555 } as ImportOrder;
const list = {
  copNo: 'C-1', agentCode: 'A', buyerIdType: '1', buyerIdNumber: '11010519491231002X', freightFen: 5_000, insuredFeeFen: 0,
  lines: [{ gnum: 1, itemRecordNo: null, itemNo: 'SKU', gcode: '1901101000', gname: '奶粉', country: '609', qty: '4', unit: '122', priceFen: 25_000, totalPriceFen: 100_000 }],
} as unknown as ImportList;
const party = (role: 'ebp' | 'ebc' | 'payment' | 'logistics' | 'agent') => ({ role, code: role.toUpperCase(), filing: { approved: true, roles: [role] } });
const facts = (over: Partial<DecisionFacts> = {}): DecisionFacts => ({
  order,
  list,
  parties: [party('ebp'), party('ebc'), party('payment'), party('logistics'), party('agent')],
  productApproved: { 1: true },
  tariffs: { '1901101000': { dutyRate: '0.15', vatRate: '0.13', consumptionRate: '0', positiveList: true } },
  usedThisYearFen: 0,
  params,
  today: '2026-06-01',
  sampled: false,
  risk: [],
  ...over,
});
const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);

describe('list decision', () => {
  it('releases a clean list with its tax', () => {
    const d = decideList(facts());
    expect(d).toMatchObject({ status: 800, reasons: [], tax: { taxTotalFen: 9_555, dutiableFen: 105_000 } });
  });

  it.each([
    [{ parties: [party('ebp'), { role: 'ebc' as const, code: 'EBC', filing: null }, party('payment'), party('logistics'), party('agent')] }, 'clearance.party_not_filed'],
    [{ parties: [party('ebp'), party('ebc'), { role: 'payment' as const, code: 'PAY', filing: { approved: false, roles: ['payment'] } }, party('logistics'), party('agent')] }, 'clearance.party_not_approved'],
    [{ parties: [party('ebp'), party('ebc'), party('payment'), { role: 'logistics' as const, code: 'L', filing: { approved: true, roles: ['agent'] } }, party('agent')] }, 'clearance.party_role_missing'],
    [{ productApproved: { 1: false } }, 'clearance.product_not_filed'],
    [{ tariffs: { '1901101000': { dutyRate: '0', vatRate: '0.13', consumptionRate: '0', positiveList: false } } }, 'clearance.not_positive_list'],
    [{ tariffs: { '1901101000': null } }, 'clearance.no_tariff'],
    [{ list: { ...list, buyerIdNumber: '110105194912310021' } }, 'clearance.invalid_buyer_id'],
    [{ usedThisYearFen: 2_500_000 }, 'clearance.quota_exceeded'],
    [{ order: { ...order, taxTotalFen: 5_000 } }, 'clearance.tax_mismatch'],
  ])('rejects %j with %s', (over, code) => {
    const d = decideList(facts(over));
    expect(d.status).toBe(100);
    expect(codes(d)).toEqual([code]);
  });

  it('accepts withheld tax within the tolerance', () => expect(decideList(facts({ order: { ...order, taxTotalFen: 9_556 } })).status).toBe(800));

  it('sends risk hits to manual review before inspection, and sampled lists to inspection', () => {
    const review = { decision: 'review' as const, reason: { code: 'risk.high_value', message: { zh: '高值', en: 'high value' } } };
    const inspect = { decision: 'inspect' as const, reason: { code: 'risk.x_ray', message: { zh: '机检', en: 'x-ray' } } };
    expect(decideList(facts({ risk: [inspect, review] }))).toMatchObject({ status: 300, reasons: [{ code: 'risk.high_value' }] });
    expect(decideList(facts({ risk: [inspect] }))).toMatchObject({ status: 500, reasons: [{ code: 'risk.x_ray' }] });
    expect(decideList(facts({ sampled: true }))).toMatchObject({ status: 500, reasons: [{ code: 'clearance.sampled' }] });
  });

  it('releases a single indivisible item above 5,000 taxed in full as general trade', () => {
    const camera = { ...list, freightFen: 0, lines: [{ ...list.lines[0]!, gcode: '8525', qty: '1', totalPriceFen: 600_000 }] };
    const d = decideList(facts({ list: camera, order: { ...order, taxTotalFen: 60_000 + 85_800 }, tariffs: { '8525': { dutyRate: '0.1', vatRate: '0.13', consumptionRate: '0', positiveList: true } } }));
    expect(d).toMatchObject({ status: 800, reasons: [{ code: 'clearance.general_trade_tax' }], tax: { mode: 'general', customsTaxFen: 60_000, valueAddedTaxFen: 85_800 } });
  });
});
