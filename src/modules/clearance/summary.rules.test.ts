import { describe, expect, it } from 'vitest';
import { checkSummary, deadlineOf, groupKeyOf, periodOf, summaryItems, type SummaryCandidate } from './summary.rules.js';

const GROUP = 'agent,customs,port,country,traf,currency,period';
const list = (over: Partial<SummaryCandidate> = {}): SummaryCandidate => ({
  invtNo: '060420240E000000001', ebcCode: 'EBC', ownerCode: 'OWN', agentCode: 'AG', customsCode: '0604', portCode: '0604', country: '344', trafMode: '5', currency: '142',
  statisticsFlag: 'B', status: 899, cancelled: false, summarised: false, releasedAt: '2024-03-10T02:00:00.000Z', ...over,
});
const head = { agentCode: 'AG', ebcCode: 'EBC', summaryFlag: '1' };

describe('summary grouping', () => {
  it('takes released, departed B-lists that share every grouping field', () => {
    const a = list();
    const b = list({ invtNo: 'X2' });
    expect(checkSummary(head, [a.invtNo, b.invtNo], [a, b], GROUP)).toEqual([]);
  });

  it('refuses the whole application naming each list that does not qualify', () => {
    const lists = [list({ invtNo: 'A1', statisticsFlag: 'A' }), list({ invtNo: 'C1', cancelled: true }), list({ invtNo: 'S1', summarised: true }), list({ invtNo: 'R1', status: 800 }), list({ invtNo: 'O1', ebcCode: 'OTHER' })];
    const codes = checkSummary(head, [...lists.map((l) => l.invtNo), 'NOPE'], lists, GROUP).map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['clearance.summary_simplified', 'clearance.summary_cancelled', 'clearance.summary_already', 'clearance.summary_not_departed', 'clearance.summary_consignor', 'clearance.summary_list_not_found']));
  });

  it('refuses lists that differ in a grouping field, and honours the configured fields', () => {
    const a = list();
    const b = list({ invtNo: 'X2', country: '502' });
    const mixed = checkSummary(head, [a.invtNo, b.invtNo], [a, b], GROUP);
    expect(mixed.map((r) => [r.code, r.details?.field])).toEqual([['clearance.summary_mixed', 'country']]);
    expect(checkSummary(head, [a.invtNo, b.invtNo], [a, b], 'agent,customs')).toEqual([]);
  });

  it('keeps months apart at the Beijing month boundary', () => {
    const march = list({ releasedAt: '2024-03-31T15:59:59.000Z' }); // 23:59:59 on 31 March in Beijing
    const april = list({ invtNo: 'X2', releasedAt: '2024-03-31T16:00:00.000Z' }); // 00:00 on 1 April
    expect(periodOf(march.releasedAt)).toBe('2024-03');
    expect(periodOf(april.releasedAt)).toBe('2024-04');
    expect(checkSummary(head, [march.invtNo, april.invtNo], [march, april], GROUP)[0]?.details?.field).toBe('period');
  });

  it('splits by producer only under summaryFlag 2', () => {
    const a = list();
    const b = list({ invtNo: 'X2', ownerCode: 'OWN2' });
    expect(groupKeyOf(a, GROUP, '1')).toBe(groupKeyOf(b, GROUP, '1'));
    expect(groupKeyOf(a, GROUP, '2')).not.toBe(groupKeyOf(b, GROUP, '2'));
    expect(checkSummary({ ...head, summaryFlag: '2' }, [a.invtNo, b.invtNo], [a, b], GROUP)[0]?.details?.field).toBe('owner');
  });

  it('puts the deadline on the configured day of the following month, across the year end', () => {
    expect(deadlineOf('2024-03', 15)).toBe('2024-04-15');
    expect(deadlineOf('2024-12', 15)).toBe('2025-01-15');
    expect(deadlineOf('2024-01', 10)).toBe('2024-02-10');
  });
});

describe('summary items', () => {
  const line = (over = {}) => ({ invtNo: 'I', gnum: 1, gcode: '6214101000', gname: '围巾', itemName: '羊绒围巾', unit: '011', qty: '2', totalFen: 32000, currency: '142', ...over });
  it('adds up lines of one HS code exactly, by goods name only with itemNameFlag 1', () => {
    const lines = [line(), line({ gnum: 2, qty: '0.33333', totalFen: 10001, itemName: '羊绒披肩' }), line({ gnum: 3, gcode: '6110120000', gname: '毛衫', itemName: '羊绒衫', totalFen: 99999 })];
    expect(summaryItems(lines, null)).toEqual([
      { gcode: '6214101000', name: '围巾', unit: '011', qty: '2.33333', valueFen: 42001, currency: '142' },
      { gcode: '6110120000', name: '毛衫', unit: '011', qty: '2', valueFen: 99999, currency: '142' },
    ]);
    expect(summaryItems(lines, '1').map((i) => i.name)).toEqual(['羊绒围巾', '羊绒披肩', '羊绒衫']);
  });
  it('keeps different units apart', () => {
    expect(summaryItems([line(), line({ gnum: 2, unit: '035', qty: '1.5' })], null)).toHaveLength(2);
  });
});
