/**
 * Summary declarations (清单核放、汇总申报, DOMAIN.md §5): which released, departed summary (B) lists may go
 * into one summary application, what each application's goods items are, and by when a month's lists
 * must be summarised. The fields the lists must share and the deadline day are regulation parameters.
 */
import { formatYuan, parseDecimal, type Fen } from '../../kernel/money.js';
import type { Reason } from './decision.rules.js';

/** A released export list as a summary sees it. */
export interface SummaryCandidate {
  invtNo: string;
  ebcCode: string;
  ownerCode: string | null;
  agentCode: string;
  customsCode: string;
  portCode: string;
  country: string;
  trafMode: string;
  currency: string;
  statisticsFlag: string;
  status: number;
  cancelled: boolean;
  summarised: boolean;
  /** ISO instant of release. */
  releasedAt: string;
}

export interface SummaryLine {
  invtNo: string;
  gnum: number;
  gcode: string;
  gname: string;
  itemName: string | null;
  unit: string;
  qty: string;
  totalFen: Fen;
  currency: string;
}

export interface SummaryItem {
  gcode: string;
  name: string;
  unit: string;
  qty: string;
  valueFen: Fen;
  currency: string;
}

const FIELD_OF: Record<string, (c: SummaryCandidate) => string> = {
  agent: (c) => c.agentCode,
  customs: (c) => c.customsCode,
  port: (c) => c.portCode,
  country: (c) => c.country,
  traf: (c) => c.trafMode,
  currency: (c) => c.currency,
  period: (c) => periodOf(c.releasedAt),
};
const FIELD_TEXT: Record<string, { zh: string; en: string }> = {
  agent: { zh: '申报企业', en: 'declaring agent' },
  customs: { zh: '申报海关', en: 'declaring customs' },
  port: { zh: '出口口岸', en: 'exit port' },
  country: { zh: '运抵国', en: 'destination country' },
  traf: { zh: '运输方式', en: 'transport mode' },
  currency: { zh: '币制', en: 'currency' },
  period: { zh: '放行月份', en: 'month of release' },
};

/** The calendar month (Asia/Shanghai) of an instant: "2024-03". */
export const periodOf = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 7);

/** The last day to summarise a month's lists: the given day of the following month. */
export function deadlineOf(period: string, day: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return `${ny}-${String(nm).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The key lists must share to go into one application: the consignor, the producer under flag 2, the configured fields. */
export function groupKeyOf(c: SummaryCandidate, groupBy: string, summaryFlag: string): string {
  const fields = groupBy.split(',').filter(Boolean);
  return [c.ebcCode, summaryFlag === '2' ? (c.ownerCode ?? '') : '*', ...fields.map((f) => FIELD_OF[f]!(c))].join('|');
}

const reason = (code: string, zh: string, en: string, details?: Record<string, unknown>): Reason => ({ code, message: { zh, en }, ...(details ? { details } : {}) });

/** Why these lists cannot go into one summary application (all or nothing); empty when they can. */
export function checkSummary(head: { agentCode: string; ebcCode: string; summaryFlag: string }, asked: string[], found: SummaryCandidate[], groupBy: string): Reason[] {
  const out: Reason[] = [];
  if (asked.length === 0) return [reason('clearance.summary_empty', '汇总申请单没有清单', 'the summary application names no lists')];
  const dup = asked.filter((x, i) => asked.indexOf(x) !== i);
  if (dup.length > 0) out.push(reason('clearance.summary_duplicate_list', `清单重复：${[...new Set(dup)].join('、')}`, `lists named twice: ${[...new Set(dup)].join(', ')}`, { invtNos: [...new Set(dup)] }));
  const byNo = new Map(found.map((c) => [c.invtNo, c]));
  const unknown = asked.filter((x) => !byNo.has(x));
  if (unknown.length > 0) out.push(reason('clearance.summary_list_not_found', `申报企业 ${head.agentCode} 没有清单：${unknown.join('、')}`, `agent ${head.agentCode} has no list ${unknown.join(', ')}`, { invtNos: unknown }));
  for (const c of found) {
    if (c.ebcCode !== head.ebcCode) out.push(reason('clearance.summary_consignor', `清单 ${c.invtNo} 的收发货人 ${c.ebcCode} 不是 ${head.ebcCode}`, `list ${c.invtNo} has consignor ${c.ebcCode}, not ${head.ebcCode}`, { invtNo: c.invtNo }));
    if (c.statisticsFlag !== 'B') out.push(reason('clearance.summary_simplified', `清单 ${c.invtNo} 为简化申报（A），不汇总`, `list ${c.invtNo} is simplified (A) and is not summarised`, { invtNo: c.invtNo }));
    if (c.cancelled) out.push(reason('clearance.summary_cancelled', `清单 ${c.invtNo} 已撤销`, `list ${c.invtNo} is cancelled`, { invtNo: c.invtNo }));
    else if (c.summarised) out.push(reason('clearance.summary_already', `清单 ${c.invtNo} 已汇总`, `list ${c.invtNo} is already summarised`, { invtNo: c.invtNo }));
    else if (c.status !== 899) out.push(reason('clearance.summary_not_departed', `清单 ${c.invtNo} 尚未放行离境（状态 ${c.status}）`, `list ${c.invtNo} has not been released and departed (status ${c.status})`, { invtNo: c.invtNo, status: c.status }));
  }
  const fields = groupBy.split(',').filter(Boolean);
  const first = found[0];
  if (first) {
    for (const f of [...fields, ...(head.summaryFlag === '2' ? ['owner'] : [])]) {
      const get = f === 'owner' ? (c: SummaryCandidate) => c.ownerCode ?? '' : FIELD_OF[f]!;
      const values = [...new Set(found.map(get))];
      if (values.length > 1) {
        const t = f === 'owner' ? { zh: '生产销售单位', en: 'producer' } : FIELD_TEXT[f]!;
        out.push(reason('clearance.summary_mixed', `同一汇总申请的清单${t.zh}须相同：${values.join('、')}`, `the lists of one summary must share the ${t.en}: ${values.join(', ')}`, { field: f, values }));
      }
    }
  }
  return out;
}

const SCALE = 5;
const units = (q: string) => {
  const d = parseDecimal(q, 'qty');
  return d.units * 10n ** BigInt(SCALE - d.scale);
};
const text = (u: bigint) => {
  const s = u.toString().padStart(SCALE + 1, '0');
  return `${s.slice(0, -SCALE)}.${s.slice(-SCALE)}`.replace(/0+$/, '').replace(/\.$/, '');
};

/** The application's goods items: lines with the same HS code (and, with itemNameFlag 1, goods name), unit and currency. */
export function summaryItems(lines: SummaryLine[], itemNameFlag: string | null): SummaryItem[] {
  const items = new Map<string, { gcode: string; name: string; unit: string; qty: bigint; valueFen: number; currency: string }>();
  for (const l of lines) {
    const name = itemNameFlag === '1' ? (l.itemName ?? l.gname) : l.gname;
    const key = [l.gcode, itemNameFlag === '1' ? name : '', l.unit, l.currency].join('\n');
    const it = items.get(key) ?? { gcode: l.gcode, name, unit: l.unit, qty: 0n, valueFen: 0, currency: l.currency };
    it.qty += units(l.qty);
    it.valueFen += l.totalFen;
    items.set(key, it);
  }
  return [...items.values()].map((x) => ({ gcode: x.gcode, name: x.name, unit: x.unit, qty: text(x.qty), valueFen: x.valueFen, currency: x.currency }));
}

export const yuan = formatYuan;
