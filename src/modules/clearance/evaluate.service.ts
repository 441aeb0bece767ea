/**
 * A declaration (the match record keyed by ebpCode + orderNo) gathers its four documents in any order and
 * is re-evaluated whenever one arrives: waiting (120) while documents are missing, rejected (100) on a
 * mismatch or when the window expires naming the missing one, otherwise decided by the rules, with the
 * buyer's quota reserved atomically in the same transaction.
 */
import { formatYuan } from '../../kernel/money.js';
import { newId } from '../../kernel/ids.js';
import { decideList, type Decision, type PartyFact, type Reason, type TariffFact } from './decision.rules.js';
import type { DocKind, ImportList, ImportOrder, ImportPayment, ImportWaybill, Slots } from './documents.types.js';
import { DOC_NAMES, matchDocuments } from './matching.rules.js';
import { capKeys } from './caps.rules.js';
import type { ClearanceTables } from './migrations.js';
import { LOCK_KEY } from './receipts.js';
import { createUnit, type DeclRow, type DocKey, type Unit } from './unit.js';
import { invtNoOf, preNoOf } from './kinds.js';
import { createLookups, type Batch, type IngestDeps, type Lookups } from './context.js';
import type { Db } from '../../platform/db/database.js';
import type { ReceiptDraft } from './receipts.js';
import type { TaxResult } from './tax.rules.js';


type Decl = DeclRow;
const SLOT: Record<DocKind, 'order_id' | 'payment_id' | 'waybill_id' | 'list_id'> = { order: 'order_id', payment: 'payment_id', waybill: 'waybill_id', list: 'list_id' };

/** What a 1210 list's stock movements are recorded under. */
export const listRef = (l: { agentCode: string; copNo: string }) => `list:${l.agentCode}:${l.copNo}`;

/** The calendar date in Asia/Shanghai. */
export const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** A corrected document (appType 2) in a rejected declaration reopens it: waiting again, its window restarted. */
const REOPEN = { status: 120, reasons_json: '[]', deadline: null, decided_at: null } as const;

export function createEvaluator(deps: IngestDeps) {
  const tables = (b: Batch) => b.trx.withTables<ClearanceTables>();

  function newDeclaration(ebpCode: string, orderNo: string, now: Date): Decl {
    const at = now.toISOString();
    return { id: newId(), ebp_code: ebpCode, order_no: orderNo, order_id: null, payment_id: null, waybill_id: null, list_id: null, cop_no: null, agent_code: null, ebc_code: null, logistics_key: null, trade_mode: null, status: 120, buyer_key: null, year: null, dutiable_fen: null, tax_total_fen: null, tax_json: null, reasons_json: '[]', parties_json: '[]', deadline: null, created_at: at, updated_at: at, decided_at: null, returns_json: '[]', released_fen: 0 };
  }

  /** The declaration a stored document sits in (by the keys it was filed under), if any. */
  async function declarationOf(u: Unit, kind: DocKind, doc: DocKey): Promise<Decl | null> {
    const d = kind === 'waybill' ? await u.declarationByLogistics(doc.business_key) : doc.ebp_code && doc.order_no ? await u.declarationByOrder(doc.ebp_code, doc.order_no) : null;
    return d && d[SLOT[kind]] === doc.id ? d : null;
  }

  /** Puts a document into its declaration's slot; returns the declaration id, or null when parked. */
  async function attach(u: Unit, kind: DocKind, docId: string, body: unknown, now: Date, correction = false): Promise<string | null> {
    const at = now.toISOString();
    if (kind === 'waybill') {
      const w = body as ImportWaybill;
      const d = await u.declarationByLogistics(`waybill:${w.logisticsCode}:${w.logisticsNo}`);
      if (!d) return null; // parked until its list names it
      u.change(d, { waybill_id: docId, updated_at: at, ...(correction && d.status === 100 ? REOPEN : {}) });
      return d.id;
    }
    const x = body as ImportOrder | ImportPayment | ImportList;
    let d = await u.declarationByOrder(x.ebpCode, x.orderNo);
    if (!d) {
      d = newDeclaration(x.ebpCode, x.orderNo, now);
      u.addDeclaration(d);
    }
    const set: Partial<Decl> = { [SLOT[kind]]: docId, updated_at: at, ...(correction && d.status === 100 ? REOPEN : {}) };
    if (kind === 'list') {
      const l = body as ImportList;
      const logisticsKey = `waybill:${l.logisticsCode}:${l.logisticsNo}`;
      Object.assign(set, { cop_no: l.copNo, agent_code: l.agentCode, ebc_code: l.ebcCode, trade_mode: l.tradeMode, logistics_key: logisticsKey });
      const parked = await u.doc(logisticsKey);
      if (parked) set.waybill_id = parked.id;
    }
    u.change(d, set);
    return d.id;
  }

  async function detach(u: Unit, kind: DocKind, doc: DocKey, now: Date): Promise<string | null> {
    const d = await declarationOf(u, kind, doc);
    if (!d) return null;
    const set: Partial<Decl> = { [SLOT[kind]]: null, updated_at: now.toISOString() };
    if (kind === 'list') Object.assign(set, { cop_no: null, agent_code: null, logistics_key: null, deadline: null, waybill_id: null });
    u.change(d, set);
    return d.id;
  }

  /**
   * A document may change or go while its declaration is undecided (120), or rejected (100): the
   * corrected document (appType 2) reopens it (DOMAIN.md §3).
   */
  async function undecided(u: Unit, kind: DocKind, doc: DocKey): Promise<boolean> {
    const d = await declarationOf(u, kind, doc);
    return !d || d.status === 120 || d.status === 100;
  }

  async function open<T>(b: Batch, id: string | null): Promise<T | undefined> {
    if (!id) return undefined;
    const r = await tables(b).selectFrom('clearance_document').select('body').where('id', '=', id).executeTakeFirst();
    return r ? (JSON.parse(deps.sealer.open(r.body)) as T) : undefined;
  }

  async function recipientsOf(lk: Lookups, codes: Array<string | undefined>): Promise<string[]> {
    const ids: string[] = [];
    for (const c of codes) {
      const f = c ? await lk.filing(c) : null;
      if (f) ids.push(f.id);
    }
    return [...new Set(ids)];
  }
  const recipients = (b: Batch, codes: Array<string | undefined>) => recipientsOf(b.lookups, codes);

  function listReceipt(d: Decl, l: ImportList, status: number, info: string, to: string[]): ReceiptDraft {
    return {
      recipientIds: to,
      messageType: 'CEB622',
      node: 'InventoryReturn',
      refGuid: d.id,
      subject: `list:${l.agentCode}:${l.copNo}`,
      returnStatus: status,
      fields: { guid: d.id.toUpperCase(), customsCode: l.customsCode, ebpCode: l.ebpCode, ebcCode: l.ebcCode, agentCode: l.agentCode, copNo: l.copNo, preNo: preNoOf(l.agentCode, l.copNo), invtNo: invtNoOf(l.customsCode, d.created_at.slice(0, 4), l.agentCode, l.copNo), returnInfo: info },
    };
  }

  const infoOf = (reasons: Reason[]) => reasons.map((r) => `${r.code}: ${r.message.zh} / ${r.message.en}`).join('; ');

  /** Re-evaluates the declarations a batch touched, in order, reading what they need set-wise first. */
  async function evaluateAll(u: Unit, trx: Db, ids: Iterable<string>, now: Date, lk: Lookups): Promise<void> {
    const wanted = [...ids];
    await u.loadDeclarationsById(wanted);
    const ready = wanted.map((id) => u.declaration(id)).filter((d): d is Decl => !!d && d.status === 120 && !!d.list_id);
    if (ready.length === 0) return;
    await u.loadBodies(ready.flatMap((d) => [d.order_id, d.payment_id, d.waybill_id, d.list_id].filter((x): x is string => !!x)));
    const today = shanghaiDate(now);
    const year = Number(today.slice(0, 4));
    const buyers: Array<{ buyerKey: string; nameKey: string }> = [];
    for (const d of ready) {
      const l = await u.body<ImportList>(d.list_id);
      if (l && d.order_id && d.payment_id && d.waybill_id) buyers.push({ buyerKey: deps.sealer.lookupKey(l.buyerIdNumber), nameKey: deps.sealer.lookupKey(l.buyerName) });
    }
    await u.loadQuota(year, buyers);
    for (const d of ready) await evaluate(u, trx, d, now, lk);
  }

  async function evaluate(u: Unit, trx: Db, d: Decl, now: Date, lk: Lookups): Promise<void> {
    const slots: Slots = {
      order: await u.body<ImportOrder>(d.order_id),
      payment: await u.body<ImportPayment>(d.payment_id),
      waybill: await u.body<ImportWaybill>(d.waybill_id),
      list: await u.body<ImportList>(d.list_id),
    };
    const l = slots.list!;
    const to = await recipientsOf(lk, [l.agentCode, l.ebcCode, l.ebpCode]);
    const today = shanghaiDate(now);
    const params = (await lk.regulation(today)).params;
    const match = matchDocuments(slots, params.paymentToleranceFen);
    if (match.mismatches.length > 0) {
      const reasons: Reason[] = match.mismatches.map((m) => ({ code: m.code, message: m.message, details: { a: m.a, b: m.b } }));
      return close(u, d, l, { status: 100, reasons, tax: null }, to, null, now);
    }
    if (match.missing.length > 0) {
      const deadline = d.deadline ?? new Date(now.getTime() + params.matchWindowHours * 3600_000).toISOString();
      const names = match.missing.map((k) => DOC_NAMES[k]);
      const reasons: Reason[] = [{ code: 'clearance.waiting_for_documents', message: { zh: `等待${names.map((n) => n.zh).join('、')}`, en: `waiting for the ${names.map((n) => n.en).join(', ')}` }, details: { missing: match.missing, deadline } }];
      u.change(d, { deadline, reasons_json: JSON.stringify(reasons), updated_at: now.toISOString() });
      return;
    }
    const o = slots.order!;
    const parties: PartyFact[] = [];
    for (const [role, code] of [['ebp', o.ebpCode], ['ebc', o.ebcCode], ['payment', slots.payment!.payCode], ['logistics', slots.waybill!.logisticsCode], ['agent', l.agentCode]] as const) {
      const f = await lk.filing(code);
      parties.push({ role, code, filing: f ? { approved: f.approved, roles: f.roles } : null });
    }
    const ebc = await lk.filing(l.ebcCode);
    const productApproved: Record<number, boolean> = {};
    for (const line of l.lines) productApproved[line.gnum] = !!ebc && !!line.itemNo && (await lk.productApproved(ebc.id, line.itemNo));
    const tariffs: Record<string, TariffFact | null> = {};
    for (const line of l.lines) if (!(line.gcode in tariffs)) tariffs[line.gcode] = await lk.tariff(line.gcode, today);
    const buyerKey = deps.sealer.lookupKey(l.buyerIdNumber);
    const year = Number(today.slice(0, 4));
    const used = await u.quotaUsed(buyerKey, deps.sealer.lookupKey(l.buyerName), year);
    const capsUsedE5 = await u.capsUsed(buyerKey, year, capKeys(l.lines, tariffs));
    const base = { order: o, list: l, parties, productApproved, tariffs, usedThisYearFen: used, capsUsedE5, params, today };
    let decision = decideList({ ...base, sampled: deps.samplingRate > 0 && deps.sample() < deps.samplingRate, risk: deps.risk(base) });
    if (decision.status !== 100 && l.tradeMode === '1210') decision = await takeStock(trx, l, decision, now);
    return close(u, d, l, decision, to, { buyerKey, year, beforeFen: used, limitFen: params.annualLimitFen }, now);
  }

  /**
   * 1210: the goods come out of the zone's account book (emsNo, itemRecordNo) when the list is decided,
   * and go back if it is cancelled, rejected or returned; without the stock the list is rejected saying so.
   */
  async function takeStock(trx: Db, l: ImportList, decision: Decision, now: Date): Promise<Decision> {
    const missing = !l.emsNo ? 'emsNo' : l.lines.find((x) => !x.itemRecordNo) ? 'itemRecordNo' : null;
    if (missing) {
      return { status: 100, tax: null, reasons: [{ code: 'clearance.bonded_field_missing', message: { zh: `保税清单（1210）须填写 ${missing}`, en: `a bonded list (1210) needs ${missing}` }, details: { field: missing } }] };
    }
    const taken = await deps.stock.take(trx, { emsNo: l.emsNo!, ref: listRef(l), at: now, lines: l.lines.map((x) => ({ gnum: x.gnum, itemRecordNo: x.itemRecordNo!, qty: x.qty })) });
    if (taken.ok) return decision;
    return { status: 100, tax: null, reasons: [{ code: taken.code, message: taken.message, details: taken.details }] };
  }

  interface QuotaSlot {
    buyerKey: string;
    year: number;
    beforeFen: number;
    limitFen: number;
  }

  function close(u: Unit, d: Decl, l: ImportList, decision: Decision, to: string[], quota: QuotaSlot | null, now: Date) {
    const at = now.toISOString();
    if (decision.tax && quota) {
      // The rules never pass the limit; this guards the write itself (the rows are locked or single-writer).
      if (decision.tax.usedAfterFen > quota.limitFen) throw new Error('quota would pass the annual limit');
      u.setQuotaUsed(quota.buyerKey, quota.year, decision.tax.usedAfterFen);
      if (decision.capUse) u.addCapsUsed(quota.buyerKey, quota.year, decision.capUse.byHeading);
    }
    u.change(d, {
      status: decision.status,
      reasons_json: JSON.stringify(decision.reasons),
      tax_json: decision.tax ? JSON.stringify(decision.capUse && Object.keys(decision.capUse.byHeading).length > 0 ? { ...decision.tax, caps: decision.capUse } : decision.tax) : null,
      dutiable_fen: decision.tax?.dutiableFen ?? null,
      tax_total_fen: decision.tax?.taxTotalFen ?? null,
      buyer_key: quota?.buyerKey ?? null,
      year: quota?.year ?? null,
      decided_at: at,
      updated_at: at,
    });
    const info = decision.status === 800 && decision.reasons.length === 0 ? '放行 / released' : infoOf(decision.reasons);
    const drafts: ReceiptDraft[] = [listReceipt(d, l, decision.status, info, to)];
    if (decision.status === 800 && decision.tax) drafts.push(taxBillDraft(d, l, decision.tax, to));
    u.queue(deps.receipts.render(drafts, now));
  }

  function taxBillDraft(d: Decl, l: ImportList, tax: Extract<TaxResult, { ok: true }>, to: string[]): ReceiptDraft {
    return {
        recipientIds: to,
        messageType: 'CEB816',
        node: 'Tax',
        refGuid: d.id,
        subject: `list:${l.agentCode}:${l.copNo}`,
        returnStatus: 1,
        fields: { guid: d.id.toUpperCase(), invtNo: invtNoOf(l.customsCode, d.created_at.slice(0, 4), l.agentCode, l.copNo), taxNo: `T${invtNoOf(l.customsCode, d.created_at.slice(0, 4), l.agentCode, l.copNo)}`, customsTax: formatYuan(tax.customsTaxFen), valueAddedTax: formatYuan(tax.valueAddedTaxFen), consumptionTax: formatYuan(tax.consumptionTaxFen), status: '1', entDutyNo: '', note: '', assureCode: l.agentCode, ebcCode: l.ebcCode, logisticsCode: l.logisticsCode, agentCode: l.agentCode, customsCode: l.customsCode },
        nodeValue: (f) => ({
          TaxHeadRd: { guid: f.guid, returnTime: f.returnTime, invtNo: f.invtNo, taxNo: f.taxNo, customsTax: f.customsTax, valueAddedTax: f.valueAddedTax, consumptionTax: f.consumptionTax, status: f.status, entDutyNo: f.entDutyNo || undefined, assureCode: f.assureCode, ebcCode: f.ebcCode, logisticsCode: f.logisticsCode, agentCode: f.agentCode, customsCode: f.customsCode },
          TaxListRd: tax.lines.map((x) => ({ gnum: String(x.gnum), gcode: x.gcode, taxPrice: formatYuan(x.dutiableFen), customsTax: formatYuan(x.customsTaxFen), valueAddedTax: formatYuan(x.valueAddedTaxFen), consumptionTax: formatYuan(x.consumptionTaxFen) })),
        }),
      };
  }

  /** A tax bill's new status (CEB818): 2 summarised, 3 void (a released list cancelled). */
  async function taxStatus(b: Batch, d: Decl, status: '2' | '3') {
    const l = await open<ImportList>(b, d.list_id);
    if (!l || !d.tax_json) return;
    const invtNo = invtNoOf(l.customsCode, d.created_at.slice(0, 4), l.agentCode, l.copNo);
    await deps.receipts.append(b.trx, [{
      recipientIds: await recipients(b, [l.agentCode, l.ebcCode, l.ebpCode]),
      messageType: 'CEB818',
      node: 'Tax',
      refGuid: d.id,
      subject: `list:${l.agentCode}:${l.copNo}`,
      returnStatus: Number(status),
      fields: { guid: d.id.toUpperCase(), invtNo, taxNo: `T${invtNo}`, status, assureCode: l.agentCode, returnInfo: status === '3' ? '税单作废 / tax bill void' : '税单已汇总 / tax bill summarised' },
      nodeValue: (f) => ({ TaxHeadStatus: { guid: f.guid, returnTime: f.returnTime, invtNo: f.invtNo, taxNo: f.taxNo, status: f.status, assureCode: f.assureCode } }),
    }], b.now);
  }

  /** The tax bill (CEB816) of a list released later by customs. */
  async function taxBill(b: Batch, d: Decl) {
    const l = await open<ImportList>(b, d.list_id);
    if (!l || !d.tax_json) return;
    const tax = JSON.parse(d.tax_json) as Extract<TaxResult, { ok: true }>;
    await deps.receipts.append(b.trx, [taxBillDraft(d, l, tax, await recipients(b, [l.agentCode, l.ebcCode, l.ebpCode]))], b.now);
  }

  /** Rejects lists whose documents did not all arrive within the window, naming the missing ones. */
  async function expireWaiting(now: Date): Promise<number> {
    return deps.hot.transaction(async ({ sql, trx }) => {
      if (sql.dialect === 'postgres') await sql.run('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
      const u = createUnit(sql, deps);
      const lk = createLookups(deps);
      const due = await sql.all<Decl>(`select * from clearance_declaration where status = 120 and deadline <= ? and list_id is not null order by deadline limit 500${sql.dialect === 'postgres' ? ' for update' : ''}`, [now.toISOString()]);
      u.keep(due);
      await u.loadBodies(due.map((d) => d.list_id!));
      let rejected = 0;
      for (const d of due) {
        const l = await u.body<ImportList>(d.list_id);
        if (!l) continue;
        rejected += 1;
        const missing = (['order', 'payment', 'waybill'] as const).filter((k) => !d[SLOT[k]]);
        const names = missing.map((k) => DOC_NAMES[k]);
        const reasons: Reason[] = [{ code: 'clearance.documents_missing', message: { zh: `等待超时，未收到${names.map((n) => n.zh).join('、')}`, en: `the window closed without the ${names.map((n) => n.en).join(', ')}` }, details: { missing } }];
        close(u, d, l, { status: 100, reasons, tax: null }, await recipientsOf(lk, [l.agentCode, l.ebcCode, l.ebpCode]), null, now);
      }
      await u.flush();
      if (rejected > 0) await deps.audit.append(trx, { actor: 'system', action: 'clearance.expire', subject: 'clearance', after: { rejected } });
      return rejected;
    });
  }

  return { attach, detach, undecided, evaluateAll, expireWaiting, open, recipients, listReceipt, taxBill, taxStatus };
}
