import { describe, expect, it } from 'vitest';
import { allOf, reviewAbove } from './risk.rules.js';
import type { RiskRule as RiskHook } from './risk.rules.js';

type Facts = Parameters<RiskHook>[0];
const facts = (fen: number[]) => ({ list: { lines: fen.map((totalPriceFen, i) => ({ gnum: i + 1, totalPriceFen })) } }) as unknown as Facts;

describe('risk rules', () => {
  it('sends goods worth the line or more to manual review, naming both amounts', () => {
    const rule = reviewAbove(300_000);
    expect(rule(facts([150_000, 149_999]))).toEqual([]);
    expect(rule(facts([150_000, 150_000]))).toMatchObject([{ decision: 'review', reason: { code: 'clearance.review_high_value', details: { value: '3000.00', line: '3000.00' } } }]);
  });

  it('combines rules, keeping every hit', () => {
    const inspectAll: RiskHook = () => [{ decision: 'inspect', reason: { code: 'x', message: { zh: 'x', en: 'x' } } }];
    expect(allOf(reviewAbove(1), inspectAll)(facts([5])).map((h) => h.decision)).toEqual(['review', 'inspect']);
  });
});
