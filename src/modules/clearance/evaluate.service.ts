/**
 * A declaration (the match record keyed by ebpCode + orderNo) gathers its four documents in any order and
 * is re-evaluated whenever one arrives: waiting (120) while documents are missing, rejected (100) on a
 * mismatch or when the window expires naming the missing one, otherwise decided by the rules, with the
 * buyer's quota reserved atomically in the same transaction.
 */
import { sql, type Selectable } from 'kysely';
import { formatYuan } from '../../kernel/money.js';
import { newId } from '../../kernel/ids.js';
import { lockRows } from '../../platform/db/database.js';
import { decideList, type Decision, type PartyFact, type Reason, type TariffFact } from './decision.rules.js';
import type { DocKind, ImportList, ImportOrder, ImportPayment, ImportWaybill, Slots } from './documents.types.js';
import { DOC_NAMES, matchDocuments } from './matching.rules.js';
import type { ClearanceTables } from './migrations.js';
import { invtNoOf, preNoOf } from './kinds.js';
import type { FilingView } from './ports.js';
import type { Batch, IngestDeps } from './context.js';
import type { ReceiptDraft } from './receipts.js';
import type { TaxResult } from './tax.rules.js';


type Decl = Selectable<ClearanceTables['clearance_declaration']>;
const SLOT: Record<DocKind, 'order_id' | 'payment_id' | 'waybill_id' | 'list_id'> = { order: 'order_id', payment: 'payment_id', waybill: 'waybill_id', list: 'list_id' };

/** The calendar date in Asia/Shanghai. */
export const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function createEvaluator(deps: IngestDeps) {
  const tables = (b: Batch) => b.trx.withTables<ClearanceTables>();

  async function declarationFor(b: Batch, ebpCode: string, orderNo: string): Promise<Decl> {
    const t = tables(b);
    const at = b.now.toISOString();
    await t
      .insertInto('clearance_declaration')
      .values({ id: newId(), ebp_code: ebpCode, order_no: orderNo, order_id: null, payment_id: null, waybill_id: null, list_id: null, cop_no: null, agent_code: null, ebc_code: null, logistics_key: null, trade_mode: null, status: 120, buyer_key: null, year: null, dutiable_fen: null, tax_total_fen: null, tax_json: null, reasons_json: '[]', parties_json: '[]', deadline: null, created_at: at, updated_at: at, decided_at: null })
      .onConflict((oc) => oc.columns(['ebp_code', 'order_no']).doNothing())
      .execute();
    return lockRows(t.selectFrom('clearance_declaration').selectAll().where('ebp_code', '=', ebpCode).where('order_no', '=', orderNo), deps.dialect).executeTakeFirstOrThrow();
  }

  /** Puts a stored document into its declaration's slot; returns the declaration id, or null when parked. */
  async function attach(b: Batch, kind: DocKind, docId: string, body: unknown): Promise<string | null> {
    const t = tables(b);
    if (kind === 'waybill') {
      const w = body as ImportWaybill;
      const d = await lockRows(t.selectFrom('clearance_declaration').selectAll().where('logistics_key', '=', `waybill:${w.logisticsCode}:${w.logisticsNo}`), deps.dialect).executeTakeFirst();
      if (!d) return null; // parked until its list names it
      await t.updateTable('clearance_declaration').set({ waybill_id: docId, updated_at: b.now.toISOString() }).where('id', '=', d.id).execute();
      return d.id;
    }
    const x = body as ImportOrder | ImportPayment | ImportList;
    const d = await declarationFor(b, x.ebpCode, x.orderNo);
    const set: Partial<Decl> = { [SLOT[kind]]: docId, updated_at: b.now.toISOString() };
    if (kind === 'list') {
      const l = body as ImportList;
      const logisticsKey = `waybill:${l.logisticsCode}:${l.logisticsNo}`;
      Object.assign(set, { cop_no: l.copNo, agent_code: l.agentCode, ebc_code: l.ebcCode, trade_mode: l.tradeMode, logistics_key: logisticsKey });
      const parked = await t.selectFrom('clearance_document').select('id').where('business_key', '=', logisticsKey).executeTakeFirst();
      if (parked) set.waybill_id = parked.id;
    }
    await t.updateTable('clearance_declaration').set(set).where('id', '=', d.id).execute();
    return d.id;
  }

  async function detach(b: Batch, kind: DocKind, docId: string): Promise<string | null> {
    const t = tables(b);
    const d = await t.selectFrom('clearance_declaration').select('id').where(SLOT[kind], '=', docId).executeTakeFirst();
    if (!d) return null;
    const set: Partial<Decl> = { [SLOT[kind]]: null, updated_at: b.now.toISOString() };
    if (kind === 'list') Object.assign(set, { cop_no: null, agent_code: null, logistics_key: null, deadline: null, waybill_id: null });
    await t.updateTable('clearance_declaration').set(set).where('id', '=', d.id).execute();
    return d.id;
  }

  /** A document may change or go while its declaration is undecided (120). */
  async function undecided(b: Batch, kind: DocKind, docId: string): Promise<boolean> {
    const d = await tables(b).selectFrom('clearance_declaration').select('status').where(SLOT[kind], '=', docId).executeTakeFirst();
    return !d || d.status === 120;
  }

  async function open<T>(b: Batch, id: string | null): Promise<T | undefined> {
    if (!id) return undefined;
    const r = await tables(b).selectFrom('clearance_document').select('body').where('id', '=', id).executeTakeFirst();
    return r ? (JSON.parse(deps.sealer.open(r.body)) as T) : undefined;
  }

  async function filing(b: Batch, code: string): Promise<FilingView | null> {
    const k = `code:${code}`;
    if (!b.filings.has(k)) b.filings.set(k, await deps.registry.byCode(code));
    return b.filings.get(k) ?? null;
  }

  async function recipients(b: Batch, codes: Array<string | undefined>): Promise<string[]> {
    const ids: string[] = [];
    for (const c of codes) {
      const f = c ? await filing(b, c) : null;
      if (f) ids.push(f.id);
    }
    return [...new Set(ids)];
  }

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

  async function evaluate(b: Batch, declId: string): Promise<void> {
    const t = tables(b);
    const d = await lockRows(t.selectFrom('clearance_declaration').selectAll().where('id', '=', declId), deps.dialect).executeTakeFirstOrThrow();
    if (d.status !== 120 || !d.list_id) return;
    const slots: Slots = {
      order: await open<ImportOrder>(b, d.order_id),
      payment: await open<ImportPayment>(b, d.payment_id),
      waybill: await open<ImportWaybill>(b, d.waybill_id),
      list: await open<ImportList>(b, d.list_id),
    };
    const l = slots.list!;
    const to = await recipients(b, [l.agentCode, l.ebcCode, l.ebpCode]);
    const params = (await deps.reference.regulationAt(shanghaiDate(b.now))).params;
    const match = matchDocuments(slots, params.paymentToleranceFen);
    if (match.mismatches.length > 0) {
      const reasons: Reason[] = match.mismatches.map((m) => ({ code: m.code, message: m.message, details: { a: m.a, b: m.b } }));
      return close(b, d, l, { status: 100, reasons, tax: null }, to, null);
    }
    if (match.missing.length > 0) {
      const deadline = d.deadline ?? new Date(b.now.getTime() + params.matchWindowHours * 3600_000).toISOString();
      const names = match.missing.map((k) => DOC_NAMES[k]);
      const reasons: Reason[] = [{ code: 'clearance.waiting_for_documents', message: { zh: `等待${names.map((n) => n.zh).join('、')}`, en: `waiting for the ${names.map((n) => n.en).join(', ')}` }, details: { missing: match.missing, deadline } }];
      await t.updateTable('clearance_declaration').set({ deadline, reasons_json: JSON.stringify(reasons), updated_at: b.now.toISOString() }).where('id', '=', d.id).execute();
      return;
    }
    const o = slots.order!;
    const parties: PartyFact[] = [];
    for (const [role, code] of [['ebp', o.ebpCode], ['ebc', o.ebcCode], ['payment', slots.payment!.payCode], ['logistics', slots.waybill!.logisticsCode], ['agent', l.agentCode]] as const) {
      const f = await filing(b, code);
      parties.push({ role, code, filing: f ? { approved: f.approved, roles: f.roles } : null });
    }
    const ebc = await filing(b, l.ebcCode);
    const productApproved: Record<number, boolean> = {};
    for (const line of l.lines) productApproved[line.gnum] = !!ebc && !!line.itemNo && (await deps.registry.productApproved(ebc.id, line.itemNo));
    const today = shanghaiDate(b.now);
    const tariffs: Record<string, TariffFact | null> = {};
    for (const line of l.lines) if (!(line.gcode in tariffs)) tariffs[line.gcode] = await deps.reference.tariffAt(line.gcode, today);
    const buyerKey = deps.sealer.lookupKey(l.buyerIdNumber);
    const year = Number(today.slice(0, 4));
    await t.insertInto('clearance_quota').values({ buyer_key: buyerKey, year, name_key: deps.sealer.lookupKey(l.buyerName), used_fen: 0 }).onConflict((oc) => oc.columns(['buyer_key', 'year']).doNothing()).execute();
    const quota = await lockRows(t.selectFrom('clearance_quota').select('used_fen').where('buyer_key', '=', buyerKey).where('year', '=', year), deps.dialect).executeTakeFirstOrThrow();
    const base = { order: o, list: l, parties, productApproved, tariffs, usedThisYearFen: Number(quota.used_fen), params, today };
    const decision = decideList({ ...base, sampled: deps.samplingRate > 0 && deps.sample() < deps.samplingRate, risk: deps.risk(base) });
    return close(b, d, l, decision, to, { buyerKey, year, beforeFen: Number(quota.used_fen), limitFen: params.annualLimitFen });
  }

  interface QuotaSlot {
    buyerKey: string;
    year: number;
    beforeFen: number;
    limitFen: number;
  }

  async function close(b: Batch, d: Decl, l: ImportList, decision: Decision, to: string[], quota: QuotaSlot | null) {
    const t = tables(b);
    const at = b.now.toISOString();
    if (decision.tax && quota) {
      // Conditional update: even beside other transactions the quota never passes the limit (the row is
      // also locked on PostgreSQL, and SQLite has one writer, so this guard should never be what stops it).
      const delta = decision.tax.usedAfterFen - quota.beforeFen;
      const res = await t
        .updateTable('clearance_quota')
        .set({ used_fen: sql<number>`used_fen + ${delta}` })
        .where('buyer_key', '=', quota.buyerKey)
        .where('year', '=', quota.year)
        .where(sql<number>`used_fen + ${delta}`, '<=', quota.limitFen)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new Error('quota changed under a held lock');
    }
    await t
      .updateTable('clearance_declaration')
      .set({
        status: decision.status,
        reasons_json: JSON.stringify(decision.reasons),
        tax_json: decision.tax ? JSON.stringify(decision.tax) : null,
        dutiable_fen: decision.tax?.dutiableFen ?? null,
        tax_total_fen: decision.tax?.taxTotalFen ?? null,
        buyer_key: quota?.buyerKey ?? null,
        year: quota?.year ?? null,
        decided_at: at,
        updated_at: at,
      })
      .where('id', '=', d.id)
      .execute();
    const info = decision.status === 800 && decision.reasons.length === 0 ? '放行 / released' : infoOf(decision.reasons);
    const drafts: ReceiptDraft[] = [listReceipt(d, l, decision.status, info, to)];
    if (decision.status === 800 && decision.tax) drafts.push(taxBillDraft(d, l, decision.tax, to));
    await deps.receipts.append(b.trx, drafts, b.now);
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

  /** The tax bill (CEB816) of a list released later by customs. */
  async function taxBill(b: Batch, d: Decl) {
    const l = await open<ImportList>(b, d.list_id);
    if (!l || !d.tax_json) return;
    const tax = JSON.parse(d.tax_json) as Extract<TaxResult, { ok: true }>;
    await deps.receipts.append(b.trx, [taxBillDraft(d, l, tax, await recipients(b, [l.agentCode, l.ebcCode, l.ebpCode]))], b.now);
  }

  /** Rejects lists whose documents did not all arrive within the window, naming the missing ones. */
  async function expireWaiting(now: Date): Promise<number> {
    return deps.db.transaction().execute(async (trx) => {
      const b: Batch = { trx, now, filings: new Map(), touched: new Set() };
      const t = tables(b);
      const due = await t.selectFrom('clearance_declaration').selectAll().where('status', '=', 120).where('deadline', '<=', now.toISOString()).where('list_id', 'is not', null).limit(500).execute();
      let rejected = 0;
      for (const candidate of due) {
        // Another worker may have decided it meanwhile: decide only what is still waiting under the lock.
        const d = await lockRows(t.selectFrom('clearance_declaration').selectAll().where('id', '=', candidate.id), deps.dialect).executeTakeFirstOrThrow();
        if (d.status !== 120) continue;
        rejected += 1;
        const l = await open<ImportList>(b, d.list_id);
        if (!l) continue;
        const missing = (['order', 'payment', 'waybill'] as const).filter((k) => !d[SLOT[k]]);
        const names = missing.map((k) => DOC_NAMES[k]);
        const reasons: Reason[] = [{ code: 'clearance.documents_missing', message: { zh: `等待超时，未收到${names.map((n) => n.zh).join('、')}`, en: `the window closed without the ${names.map((n) => n.en).join(', ')}` }, details: { missing } }];
        await close(b, d, l, { status: 100, reasons, tax: null }, await recipients(b, [l.agentCode, l.ebcCode, l.ebpCode]), null);
      }
      if (rejected > 0) await deps.audit.append(trx, { actor: 'system', action: 'clearance.expire', subject: 'clearance', after: { rejected } });
      return rejected;
    });
  }

  return { attach, detach, undecided, evaluate, expireWaiting, open, recipients, listReceipt, taxBill };
}
