/**
 * What happens to a declared list after it is declared: cancellation (CEB623) and returns (CEB625) by the
 * agent, and customs' decision on lists held for manual review (300) or inspection (500). Quota reserved
 * for a list comes back on cancellation and on a return within the window (a partial return gives back its
 * share); every transition is a receipt to each party.
 */
import { sql, type Selectable } from 'kysely';
import { parseDecimal, roundHalfUp, type Fen } from '../../kernel/money.js';
import { formatYuan } from '../../kernel/money.js';
import { lockRows } from '../../platform/db/database.js';
import type { Batch, IngestDeps } from './context.js';
import type { CapUse, Reason } from './decision.rules.js';
import type { ImportList } from './documents.types.js';
import type { createEvaluator } from './evaluate.service.js';
import { listRef, shanghaiDate } from './evaluate.service.js';
import type { ClearanceTables } from './migrations.js';
import type { Node } from './ceb-map.rules.js';
import type { TaxResult } from './tax.rules.js';
import type { ReceiptView } from './receipts.js';

type Decl = Selectable<ClearanceTables['clearance_declaration']>;
type Evaluator = ReturnType<typeof createEvaluator>;
export type ActionOutcome = { ok: true; status: number; info: string; receipts: Array<ReceiptView & { recipientId: string }> } | { ok: false; code: string; zh: string; en: string };

interface ReturnRecord {
  guid: string;
  at: string;
  lines: Array<{ gnum: number; qty: string }>;
  releasedFen: Fen;
  taxWaivedFen: Fen;
}

const str = (n: Node, k: string) => (typeof n[k] === 'string' ? (n[k] as string).trim() : '');
const lines = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v ? [v as Node] : []);

/** value × part / whole, half-up to the fen; quantities are exact decimals. */
function shareOf(value: Fen, part: string, whole: string): Fen {
  const p = parseDecimal(part, 'qty');
  const w = parseDecimal(whole, 'qty');
  const scale = Math.max(p.scale, w.scale);
  const pn = p.units * 10n ** BigInt(scale - p.scale);
  const wn = w.units * 10n ** BigInt(scale - w.scale);
  return wn === 0n ? 0 : Number(roundHalfUp(BigInt(value) * pn, wn));
}

export function createActions(deps: IngestDeps, evaluator: Evaluator) {
  const tables = (b: Batch) => b.trx.withTables<ClearanceTables>();

  async function find(b: Batch, agentCode: string, copNo: string): Promise<Decl | undefined> {
    return lockRows(tables(b).selectFrom('clearance_declaration').selectAll().where('agent_code', '=', agentCode).where('cop_no', '=', copNo), deps.dialect).executeTakeFirst();
  }

  async function giveBackQuota(b: Batch, d: Decl, fen: Fen) {
    if (!d.buyer_key || d.year === null || fen <= 0) return;
    await tables(b)
      .updateTable('clearance_quota')
      .set({ used_fen: sql<number>`case when used_fen >= ${fen} then used_fen - ${fen} else 0 end` })
      .where('buyer_key', '=', d.buyer_key)
      .where('year', '=', d.year)
      .execute();
  }

  /** Gives back what a list took of the buyer's yearly caps: all of it, or the share of returned lines. */
  async function giveBackCaps(b: Batch, d: Decl, returned?: Array<{ gnum: number; qty: string; of: string }>) {
    const caps = d.tax_json ? (JSON.parse(d.tax_json) as { caps?: CapUse }).caps : undefined;
    if (!caps || !d.buyer_key || d.year === null) return;
    const back: Record<string, number> = {};
    if (!returned) Object.assign(back, caps.byHeading);
    else for (const r of returned) {
      const line = caps.byLine[r.gnum];
      if (line) back[line.key] = (back[line.key] ?? 0) + shareOf(line.e5, r.qty, r.of);
    }
    for (const [key, n] of Object.entries(back)) {
      if (n <= 0) continue;
      await tables(b)
        .updateTable('clearance_item_usage')
        .set({ used_e5: sql<number>`case when used_e5 >= ${n} then used_e5 - ${n} else 0 end` })
        .where('buyer_key', '=', d.buyer_key)
        .where('year', '=', d.year)
        .where('cap_key', '=', key)
        .execute();
    }
  }

  /** A decided 1210 list's goods go back into the account book (all, or the returned lines). */
  async function giveBackStock(b: Batch, d: Decl, reason: 'cancellation' | 'return', lines?: Array<{ gnum: number; qty: string }>, key?: string) {
    if (d.trade_mode !== '1210' || !d.agent_code || !d.cop_no) return;
    await deps.stock.giveBack(b.trx, { ref: listRef({ agentCode: d.agent_code, copNo: d.cop_no }), at: b.now, reason, ...(lines ? { lines } : {}), ...(key ? { key } : {}) });
  }

  /** What this list added to the buyer's year (0 when it reserved nothing). */
  const counted = (d: Decl): Fen => (d.tax_json ? (JSON.parse(d.tax_json) as Extract<TaxResult, { ok: true }>).countedFen : 0);

  async function notify(b: Batch, d: Decl, status: number, info: string, messageType = 'CEB622', node = 'InventoryReturn') {
    const l = await evaluator.open<ImportList>(b, d.list_id);
    if (!l) return [];
    const draft = evaluator.listReceipt(d, l, status, info, await evaluator.recipients(b, [l.agentCode, l.ebcCode, l.ebpCode]));
    return deps.receipts.append(b.trx, [{ ...draft, messageType, node }], b.now);
  }

  /** CEB623: withdraw a list that has not come back; its reserved quota is released. */
  async function cancel(b: Batch, head: Node): Promise<ActionOutcome> {
    const d = await find(b, str(head, 'agentCode'), str(head, 'copNo'));
    if (!d) return { ok: false, code: 'clearance.inventory_not_found', zh: `没有清单：${str(head, 'copNo')}`, en: `no such list: ${str(head, 'copNo')}` };
    if (![120, 300, 500, 800].includes(d.status)) return { ok: false, code: 'clearance.not_cancellable', zh: `清单状态 ${d.status} 不能撤销`, en: `a list at status ${d.status} cannot be cancelled` };
    if (JSON.parse(d.returns_json).length > 0) return { ok: false, code: 'clearance.not_cancellable', zh: '清单已有退货，不能撤销', en: 'the list has returns: it cannot be cancelled' };
    const release = d.status === 120 ? 0 : counted(d) - Number(d.released_fen);
    await giveBackQuota(b, d, release);
    if (d.status !== 120) {
      await giveBackCaps(b, d);
      await giveBackStock(b, d, 'cancellation');
    }
    const reason = str(head, 'reason');
    const reasons: Reason[] = [{ code: 'clearance.cancelled', message: { zh: `已撤销：${reason}`, en: `cancelled: ${reason}` }, details: { releasedQuota: formatYuan(release) } }];
    await tables(b).updateTable('clearance_declaration').set({ status: 399, reasons_json: JSON.stringify(reasons), released_fen: Number(d.released_fen) + release, decided_at: b.now.toISOString(), updated_at: b.now.toISOString() }).where('id', '=', d.id).execute();
    const info = `撤销成功，释放额度 ${formatYuan(release)} 元 / cancelled, ${formatYuan(release)} of quota released`;
    const receipts = await notify(b, d, 399, info, 'CEB624', 'InvtCancelReturn');
    // A released list's tax bill no longer stands: its status goes to void (CEB818 status 3).
    if (d.status === 800) await evaluator.taxStatus(b, d, '3');
    return { ok: true, status: 399, info, receipts };
  }

  /** CEB625: goods coming back within the window; each returned line gives back its share of quota and tax. */
  async function refund(b: Batch, head: Node, doc: Node): Promise<ActionOutcome> {
    const d = await find(b, str(head, 'agentCode'), str(head, 'copNo'));
    if (!d) return { ok: false, code: 'clearance.inventory_not_found', zh: `没有清单：${str(head, 'copNo')}`, en: `no such list: ${str(head, 'copNo')}` };
    if (d.status !== 800 || !d.decided_at || !d.tax_json) return { ok: false, code: 'clearance.not_returnable', zh: '只有已放行的清单可以退货', en: 'only a released list can have a return' };
    const params = (await deps.reference.regulationAt(shanghaiDate(new Date(d.decided_at)))).params;
    const deadline = new Date(Date.parse(d.decided_at) + params.returnWindowDays * 86_400_000);
    if (b.now > deadline) {
      return { ok: false, code: 'clearance.return_window_closed', zh: `退货申请须在放行后 ${params.returnWindowDays} 天内提出（截至 ${deadline.toISOString().slice(0, 10)}）`, en: `a return must be applied for within ${params.returnWindowDays} days of release (by ${deadline.toISOString().slice(0, 10)})` };
    }
    const l = (await evaluator.open<ImportList>(b, d.list_id))!;
    const tax = JSON.parse(d.tax_json) as Extract<TaxResult, { ok: true }>;
    const previous = JSON.parse(d.returns_json) as ReturnRecord[];
    const returned: ReturnRecord['lines'] = [];
    let releasedFen = 0;
    let taxWaivedFen = 0;
    for (const rl of lines(doc.InvtRefundList)) {
      const gnum = Number(str(rl, 'gnum'));
      const line = l.lines.find((x) => x.gnum === gnum);
      const taxLine = tax.lines.find((x) => x.gnum === gnum);
      if (!line || !taxLine) return { ok: false, code: 'clearance.return_unknown_line', zh: `清单没有第 ${gnum} 项`, en: `the list has no line ${gnum}` };
      const before = previous.flatMap((p) => p.lines).filter((x) => x.gnum === gnum).reduce((a, x) => a + Number(x.qty), 0);
      const qty = str(rl, 'qty');
      if (!(Number(qty) > 0) || before + Number(qty) > Number(line.qty) + 1e-9) {
        return { ok: false, code: 'clearance.return_exceeds', zh: `第 ${gnum} 项退货数量 ${qty} 超过可退数量 ${Number(line.qty) - before}`, en: `line ${gnum}: returning ${qty} exceeds the ${Number(line.qty) - before} left to return` };
      }
      returned.push({ gnum, qty });
      releasedFen += shareOf(taxLine.dutiableFen, qty, line.qty);
      taxWaivedFen += shareOf(taxLine.customsTaxFen + taxLine.valueAddedTaxFen + taxLine.consumptionTaxFen, qty, line.qty);
    }
    if (returned.length === 0) return { ok: false, code: 'clearance.return_unknown_line', zh: '退货单没有商品项', en: 'the return names no lines' };
    await giveBackQuota(b, d, releasedFen);
    await giveBackCaps(b, d, returned.map((r) => ({ ...r, of: l.lines.find((x) => x.gnum === r.gnum)!.qty })));
    await giveBackStock(b, d, 'return', returned, str(head, 'guid'));
    const record: ReturnRecord = { guid: str(head, 'guid'), at: b.now.toISOString(), lines: returned, releasedFen, taxWaivedFen };
    await tables(b).updateTable('clearance_declaration').set({ returns_json: JSON.stringify([...previous, record]), released_fen: Number(d.released_fen) + releasedFen, updated_at: b.now.toISOString() }).where('id', '=', d.id).execute();
    const info = `退货已受理，释放额度 ${formatYuan(releasedFen)} 元，免征税款 ${formatYuan(taxWaivedFen)} 元 / return accepted: ${formatYuan(releasedFen)} of quota released, ${formatYuan(taxWaivedFen)} of tax waived`;
    return { ok: true, status: 120, info, receipts: await notify(b, d, 120, info, 'CEB626', 'InvtRefundReturn') };
  }

  /** Customs' decision on a list held for manual review or inspection. */
  async function decide(b: Batch, copNo: string, decision: 'release' | 'reject', reason: string): Promise<ActionOutcome> {
    const d = await lockRows(tables(b).selectFrom('clearance_declaration').selectAll().where('cop_no', '=', copNo).where('status', 'in', [300, 500]), deps.dialect).executeTakeFirst();
    if (!d) return { ok: false, code: 'clearance.not_held', zh: `清单 ${copNo} 不在人工审核或查验状态`, en: `list ${copNo} is not held for review or inspection` };
    const status = decision === 'release' ? 800 : 100;
    // Why it was held stays on record beside customs' own reason.
    const held = JSON.parse(d.reasons_json) as Reason[];
    const verdict: Reason = { code: decision === 'release' ? 'clearance.released_by_customs' : 'clearance.rejected_by_customs', message: { zh: `海关${decision === 'release' ? '放行' : '退单'}：${reason}`, en: `customs ${decision === 'release' ? 'released' : 'rejected'} it: ${reason}` } };
    const reasons: Reason[] = [...held, verdict];
    let released = Number(d.released_fen);
    if (status === 100) {
      const back = counted(d) - released;
      await giveBackQuota(b, d, back);
      await giveBackCaps(b, d);
      await giveBackStock(b, d, 'cancellation');
      released += back;
    }
    await tables(b).updateTable('clearance_declaration').set({ status, reasons_json: JSON.stringify(reasons), released_fen: released, decided_at: b.now.toISOString(), updated_at: b.now.toISOString() }).where('id', '=', d.id).execute();
    const receipts = await notify(b, d, status, `${verdict.message.zh} / ${verdict.message.en}`);
    if (status === 800) await evaluator.taxBill(b, d);
    return { ok: true, status, info: verdict.message.en, receipts };
  }

  return { cancel, refund, decide };
}
