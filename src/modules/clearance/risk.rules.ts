/**
 * Risk rules that plug into the decision's hook (DESIGN.md §3): each looks at a complete, matched list and
 * may ask for manual review (300) or inspection (500) with a reason. The operator switches them on
 * (CBEC_REVIEW_ABOVE); the risk engine adds its own through the same hook.
 */
import { formatYuan, type Fen } from '../../kernel/money.js';
import type { DecisionFacts, RiskHit } from './decision.rules.js';

/** A risk rule: the decision's facts in, hits out (the shape of the clearance port `RiskRule`). */
export type RiskRule = (facts: Omit<DecisionFacts, 'risk' | 'sampled'>) => RiskHit[];

/** Lists whose goods are worth `limitFen` or more go to a customs officer. */
export function reviewAbove(limitFen: Fen): RiskRule {
  return ({ list }) => {
    const value = list.lines.reduce((a, l) => a + l.totalPriceFen, 0);
    if (value < limitFen) return [];
    return [{ decision: 'review', reason: { code: 'clearance.review_high_value', message: { zh: `货值 ${formatYuan(value)} 元达到人工审核线 ${formatYuan(limitFen)} 元`, en: `goods worth ${formatYuan(value)} reach the manual review line of ${formatYuan(limitFen)}` }, details: { value: formatYuan(value), line: formatYuan(limitFen) } } }];
  };
}

/** Several rules as one hook: every hit of every rule. */
export const allOf = (...rules: RiskRule[]): RiskRule => (facts) => rules.flatMap((r) => r(facts));
