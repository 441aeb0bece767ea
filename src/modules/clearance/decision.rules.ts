/**
 * The decision on a complete, matched import list (DESIGN.md §3): filings of every party, filed products,
 * positive list, the buyer's identity, tax with the limits and the annual quota, the order's withheld tax,
 * then risk (inspection sampling and rule hooks). 800 release, 500 inspection, 300 manual review,
 * 100 reject — each with reasons a person can act on.
 */
import { checkResidentId } from '../../kernel/codes/resident-id.js';
import { formatYuan, mulRates, type Fen } from '../../kernel/money.js';
import type { Text } from '../../kernel/errors.js';
import type { RegulationParams } from '../../kernel/regulation.js';
import type { ImportList, ImportOrder } from './documents.types.js';
import { checkCaps, type CapFact } from './caps.rules.js';
import { computeTax, type LineRates, type TaxResult } from './tax.rules.js';

export type ListStatus = 120 | 100 | 300 | 500 | 800 | 899;

export interface Reason {
  code: string;
  message: Text;
  details?: Record<string, unknown>;
}

export type PartyRole = 'ebp' | 'ebc' | 'payment' | 'logistics' | 'agent';

export interface PartyFact {
  role: PartyRole;
  code: string;
  /** null: no filing at all under this code. */
  filing: { approved: boolean; roles: string[] } | null;
}

export interface TariffFact extends LineRates, Partial<CapFact> {
  positiveList: boolean;
}

export interface RiskHit {
  decision: 'inspect' | 'review';
  reason: Reason;
}

export interface DecisionFacts {
  order: ImportOrder;
  list: ImportList;
  parties: PartyFact[];
  /** Per list line gnum: is there an approved product filing for (ebc, itemNo)? */
  productApproved: Record<number, boolean>;
  tariffs: Record<string, TariffFact | null>;
  usedThisYearFen: Fen;
  /** The buyer's use this year of each capped heading (1e-5 units), for the lines that have a cap. */
  capsUsedE5?: Record<string, number>;
  params: RegulationParams;
  /** Calendar date of the decision (Asia/Shanghai), for the ID birth-date check. */
  today: string;
  /** Whether random inspection sampling picked this list (drawn by the caller). */
  sampled: boolean;
  risk: RiskHit[];
}

/** What a decided list takes of the buyer's yearly caps: per heading, and per line (for returns). */
export interface CapUse {
  byHeading: Record<string, number>;
  byLine: Record<number, { key: string; e5: number }>;
}

export type Decision =
  | { status: 800 | 500 | 300; reasons: Reason[]; tax: Extract<TaxResult, { ok: true }>; capUse?: CapUse }
  | { status: 100; reasons: Reason[]; tax: null };

const ROLE_TEXT: Record<PartyRole, Text> = {
  ebp: { zh: '电商平台', en: 'platform' },
  ebc: { zh: '电商企业', en: 'e-commerce enterprise' },
  payment: { zh: '支付企业', en: 'payment enterprise' },
  logistics: { zh: '物流企业', en: 'logistics enterprise' },
  agent: { zh: '申报企业', en: 'declaring agent' },
};

const reject = (reasons: Reason[]): Decision => ({ status: 100, reasons, tax: null });

export function decideList(f: DecisionFacts): Decision {
  const reasons: Reason[] = [];
  for (const p of f.parties) {
    const who = ROLE_TEXT[p.role];
    if (!p.filing) reasons.push({ code: 'clearance.party_not_filed', message: { zh: `${who.zh} ${p.code} 未在平台备案`, en: `the ${who.en} ${p.code} has no filing on the platform` }, details: { role: p.role, code: p.code } });
    else if (!p.filing.approved) reasons.push({ code: 'clearance.party_not_approved', message: { zh: `${who.zh} ${p.code} 的备案尚未通过审核`, en: `the ${who.en} ${p.code} filing is not approved` }, details: { role: p.role, code: p.code } });
    else if (!p.filing.roles.includes(p.role)) reasons.push({ code: 'clearance.party_role_missing', message: { zh: `${p.code} 未备案为${who.zh}`, en: `${p.code} is not filed as a ${who.en}` }, details: { role: p.role, code: p.code } });
  }
  if (f.list.buyerIdType === '1') {
    const id = checkResidentId(f.list.buyerIdNumber, f.today);
    if (!id.ok) reasons.push({ code: 'clearance.invalid_buyer_id', message: { zh: `订购人身份证号码无效（${id.reason === 'check' ? '校验位错误' : id.reason === 'birth_date' ? '出生日期无效' : '格式错误'}）`, en: `the buyer's resident ID number is invalid (${id.reason === 'check' ? 'check character' : id.reason === 'birth_date' ? 'birth date' : 'format'})` }, details: { field: 'buyerIdNumber', reason: id.reason } });
  }
  for (const l of f.list.lines) {
    if (!f.productApproved[l.gnum]) {
      reasons.push({ code: 'clearance.product_not_filed', message: { zh: `第 ${l.gnum} 项商品 ${l.itemNo ?? l.gname} 没有通过审核的商品备案`, en: `line ${l.gnum} item ${l.itemNo ?? l.gname} has no approved product filing` }, details: { gnum: l.gnum, itemNo: l.itemNo } });
    }
    const t = f.tariffs[l.gcode];
    if (!t) reasons.push({ code: 'clearance.no_tariff', message: { zh: `第 ${l.gnum} 项商品编码 ${l.gcode} 没有税率`, en: `line ${l.gnum} HS code ${l.gcode} has no tariff line` }, details: { gnum: l.gnum, gcode: l.gcode } });
    else if (!t.positiveList) reasons.push({ code: 'clearance.not_positive_list', message: { zh: `第 ${l.gnum} 项商品编码 ${l.gcode} 不在跨境电商零售进口商品清单内`, en: `line ${l.gnum} HS code ${l.gcode} is not on the retail import positive list` }, details: { gnum: l.gnum, gcode: l.gcode } });
  }
  const caps = checkCaps(f.list.lines, f.tariffs, f.capsUsedE5 ?? {});
  if (!caps.ok) reasons.push(...caps.reasons);
  if (reasons.length > 0) return reject(reasons);
  const capUse: CapUse = caps.ok ? { byHeading: caps.use, byLine: caps.lines } : { byHeading: {}, byLine: {} };

  const rates: Record<string, LineRates> = {};
  for (const [g, t] of Object.entries(f.tariffs)) if (t) rates[g] = t;
  const tax = computeTax({
    lines: f.list.lines.map((l) => ({ gnum: l.gnum, gcode: l.gcode, valueFen: l.totalPriceFen, qty: l.qty })),
    freightFen: f.list.freightFen,
    insuranceFen: f.list.insuredFeeFen,
    discountFen: f.order.discountFen,
    rates,
    usedThisYearFen: f.usedThisYearFen,
    params: f.params,
  });
  if (!tax.ok) {
    if (tax.code === 'clearance.single_limit_exceeded') {
      return reject([{ code: tax.code, message: { zh: `完税价格 ${formatYuan(tax.dutiableFen)} 元超过单次交易限值 ${formatYuan(tax.limitFen)} 元，且商品可分割`, en: `the dutiable price ${formatYuan(tax.dutiableFen)} exceeds the single-transaction limit ${formatYuan(tax.limitFen)} and the goods are divisible` }, details: { dutiable: formatYuan(tax.dutiableFen), limit: formatYuan(tax.limitFen) } }]);
    }
    if (tax.code === 'clearance.quota_exceeded') {
      return reject([{ code: tax.code, message: { zh: `订购人年度已用 ${formatYuan(tax.usedFen)} 元，加上本单 ${formatYuan(tax.dutiableFen)} 元超过年度限值 ${formatYuan(tax.limitFen)} 元`, en: `the buyer has used ${formatYuan(tax.usedFen)} this year; with this list's ${formatYuan(tax.dutiableFen)} that passes the annual quota ${formatYuan(tax.limitFen)}` }, details: { used: formatYuan(tax.usedFen), dutiable: formatYuan(tax.dutiableFen), limit: formatYuan(tax.limitFen) } }]);
    }
    return reject([{ code: tax.code, message: { zh: `商品编码 ${tax.gcode} 没有税率`, en: `HS code ${tax.gcode} has no tariff line` }, details: { gcode: tax.gcode } }]);
  }
  // The platform withheld tax on the order: it must agree with the computed tax within the tolerance.
  const allowed = Math.max(1, mulRates(tax.taxTotalFen, f.params.amountTolerance));
  if (Math.abs(f.order.taxTotalFen - tax.taxTotalFen) > allowed) {
    return reject([{
      code: 'clearance.tax_mismatch',
      message: { zh: `订单代扣税款 ${formatYuan(f.order.taxTotalFen)} 元与应征税款 ${formatYuan(tax.taxTotalFen)} 元不符`, en: `order taxTotal ${formatYuan(f.order.taxTotalFen)} != computed tax ${formatYuan(tax.taxTotalFen)}` },
      details: { field: 'taxTotal', order: formatYuan(f.order.taxTotalFen), computed: formatYuan(tax.taxTotalFen), tolerance: formatYuan(allowed) },
    }]);
  }
  const review = f.risk.filter((r) => r.decision === 'review').map((r) => r.reason);
  if (review.length > 0) return { status: 300, reasons: review, tax, capUse };
  const inspect = f.risk.filter((r) => r.decision === 'inspect').map((r) => r.reason);
  if (f.sampled) inspect.push({ code: 'clearance.sampled', message: { zh: '随机布控抽中查验', en: 'picked by random inspection sampling' } });
  if (inspect.length > 0) return { status: 500, reasons: inspect, tax, capUse };
  if (tax.mode === 'general') {
    return { status: 800, reasons: [{ code: 'clearance.general_trade_tax', message: { zh: '单件不可分割商品超过单次限值，按一般贸易全额征税', en: 'a single indivisible item above the single limit: taxed in full as general trade' } }], tax, capUse };
  }
  return { status: 800, reasons: [], tax, capUse };
}
