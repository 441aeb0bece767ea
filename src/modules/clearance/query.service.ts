/**
 * Reading clearance: a caller's receipts after a cursor, a list's full picture (status, receipts, matching,
 * tax lines, reasons), and the annual quota for consumers (name + ID) and regulators.
 */
import { sql } from 'kysely';
import { checkResidentId, maskResidentId } from '../../kernel/codes/resident-id.js';
import type { Clock } from '../../kernel/clock.js';
import { conflict, invalid, notFound } from '../../kernel/errors.js';
import { formatYuan } from '../../kernel/money.js';
import type { Sealer } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import type { Principal } from '../../platform/http/principal.js';
import { isRegulator } from '../identity/index.js';
import type { Reason } from './decision.rules.js';
import { shanghaiDate } from './evaluate.service.js';
import type { ClearanceTables } from './migrations.js';
import type { ClearanceReference, ClearanceRegistry } from './ports.js';
import { storedFields, type Receipts } from './receipts.js';
import type { TaxResult } from './tax.rules.js';

export interface QueryDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  registry: ClearanceRegistry;
  reference: ClearanceReference;
  receipts: Receipts;
}

const STATUS_TEXT: Record<number, string> = { 120: 'waiting', 100: 'rejected', 300: 'manual_review', 399: 'cancelled', 500: 'inspection', 800: 'released', 899: 'closed' };

export function createQueries(deps: QueryDeps) {
  const db = deps.db.withTables<ClearanceTables>();

  async function receiptsAfter(p: Principal, after: number, limit: number) {
    const recipient = p.role === 'enterprise' ? p.enterpriseId ?? '__none__' : p.role === 'admin' || p.role === 'customs' ? null : '__none__';
    const items = await deps.receipts.after(deps.db, recipient, after, limit);
    return { items, next: items.length > 0 ? items[items.length - 1]!.cursor : after };
  }

  /** The declaration behind a list number the caller may see; `agentCode` picks one when two agents used the same copNo. */
  async function visibleList(p: Principal, copNo: string, agentCode?: string) {
    let q = db.selectFrom('clearance_declaration').selectAll().where('cop_no', '=', copNo);
    if (agentCode) q = q.where('agent_code', '=', agentCode);
    let rows = await q.orderBy('created_at', 'desc').execute();
    if (p.role === 'enterprise') {
      const mine = p.enterpriseId ? await deps.registry.byId(p.enterpriseId) : null;
      rows = rows.filter((r) => mine && [r.agent_code, r.ebc_code, r.ebp_code].includes(mine.customsCode));
    } else if (!isRegulator(p) && p.role !== 'admin') rows = [];
    if (rows.length === 0) throw notFound('clearance.inventory_not_found', { zh: `没有清单：${copNo}`, en: `no such list: ${copNo}` }, { copNo });
    if (rows.length > 1) {
      const agents = rows.map((r) => r.agent_code);
      throw conflict('clearance.ambiguous_list', { zh: `清单编号 ${copNo} 属于多个申报企业（${agents.join('、')}），请加 agentCode 参数`, en: `list number ${copNo} belongs to several declaring agents (${agents.join(', ')}): add ?agentCode=` }, { agents });
    }
    return rows[0]!;
  }

  /** Whether the caller sees an import list under this number. */
  async function has(p: Principal, copNo: string, agentCode?: string): Promise<boolean> {
    try {
      await visibleList(p, copNo, agentCode);
      return true;
    } catch (e) {
      if ((e as { code?: string }).code === 'clearance.inventory_not_found') return false;
      if ((e as { code?: string }).code === 'clearance.ambiguous_list') return true;
      throw e;
    }
  }

  async function inventory(p: Principal, copNo: string, agentCode?: string) {
    const d = await visibleList(p, copNo, agentCode);
    const tax = d.tax_json ? (JSON.parse(d.tax_json) as Extract<TaxResult, { ok: true }>) : null;
    // The list's own receipts and those that accepted each of its four documents.
    const docIds = [d.order_id, d.payment_id, d.waybill_id, d.list_id].filter((x): x is string => !!x);
    const docs = docIds.length > 0 ? await db.selectFrom('clearance_document').select(['guid', 'business_key']).where('id', 'in', docIds).execute() : [];
    const refs = [d.id, ...docs.map((x) => x.guid)];
    const history = await db.selectFrom('clearance_receipt').select(['cursor', 'message_type', 'return_status', 'body_json', 'created_at', 'recipient_id']).where('ref_guid', 'in', refs).orderBy('cursor').execute();
    const events = d.logistics_key ? await db.selectFrom('clearance_waybill_event').selectAll().where('waybill_key', '=', d.logistics_key).orderBy('seq').execute() : [];
    const seen = new Set<string>();
    return {
      direction: 'import' as const,
      copNo,
      orderNo: d.order_no,
      ebpCode: d.ebp_code,
      ebcCode: d.ebc_code,
      agentCode: d.agent_code,
      tradeMode: d.trade_mode,
      status: String(d.status),
      statusText: STATUS_TEXT[d.status] ?? String(d.status),
      documents: { order: !!d.order_id, payment: !!d.payment_id, waybill: !!d.waybill_id, list: !!d.list_id },
      reasons: JSON.parse(d.reasons_json) as Reason[],
      dutiablePrice: d.dutiable_fen === null ? null : formatYuan(Number(d.dutiable_fen)),
      tax: tax
        ? {
            customsTax: formatYuan(tax.customsTaxFen),
            valueAddedTax: formatYuan(tax.valueAddedTaxFen),
            consumptionTax: formatYuan(tax.consumptionTaxFen),
            taxTotal: formatYuan(tax.taxTotalFen),
            mode: tax.mode,
            factor: tax.factor,
            lines: tax.lines.map((l) => ({ gnum: l.gnum, gcode: l.gcode, dutiablePrice: formatYuan(l.dutiableFen), customsTax: formatYuan(l.customsTaxFen), valueAddedTax: formatYuan(l.valueAddedTaxFen), consumptionTax: formatYuan(l.consumptionTaxFen) })),
          }
        : null,
      receipts: history
        .filter((r) => {
          const k = `${r.message_type}:${r.return_status}:${r.created_at}`;
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        })
        .map((r) => ({ cursor: Number(r.cursor), messageType: r.message_type, returnStatus: String(r.return_status), returnInfo: storedFields(r.body_json).returnInfo ?? '', at: r.created_at })),
      returns: JSON.parse(d.returns_json) as Array<{ guid: string; at: string; lines: Array<{ gnum: number; qty: string }>; releasedFen: number; taxWaivedFen: number }>,
      waybillEvents: events.map((e) => ({ kind: e.kind, status: e.status, eventTime: e.event_time, note: e.note, receivedAt: e.received_at })),
      decidedAt: d.decided_at,
      updatedAt: d.updated_at,
    };
  }

  async function quota(p: Principal | null, q: { buyerIdNumber: string; buyerName?: string | undefined; year?: number | undefined }) {
    const id = q.buyerIdNumber.trim().toUpperCase();
    const today = shanghaiDate(deps.clock.now());
    const check = checkResidentId(id, today);
    if (!check.ok) throw invalid('clearance.invalid_buyer_id', { zh: '身份证号码无效', en: 'the resident ID number is invalid' }, { field: 'buyerIdNumber' });
    const regulator = !!p && (isRegulator(p) || p.role === 'admin');
    if (!regulator && !q.buyerName?.trim()) throw invalid('clearance.name_required', { zh: '查询额度须同时提供姓名和身份证号码', en: 'a quota look-up needs both the name and the ID number' }, { field: 'buyerName' });
    const year = q.year ?? Number(today.slice(0, 4));
    const params = (await deps.reference.regulationAt(`${year}-12-31` < today ? `${year}-12-31` : today)).params;
    const row = await db.selectFrom('clearance_quota').selectAll().where('buyer_key', '=', deps.sealer.lookupKey(id)).where('year', '=', year).executeTakeFirst();
    // A name that does not match reads like no record at all: the look-up must not confirm whose ID it is.
    const matches = row && (regulator && !q.buyerName ? true : row.name_key === deps.sealer.lookupKey(q.buyerName ?? ''));
    const used = matches ? Number(row.used_fen) : 0;
    return { year, limit: formatYuan(params.annualLimitFen), used: formatYuan(used), remaining: formatYuan(Math.max(0, params.annualLimitFen - used)) };
  }

  /**
   * The four documents of a list side by side. Buyer ID numbers and telephones are masked except for
   * customs and the list's own agent, who declared them.
   */
  async function documents(p: Principal, copNo: string, agentCode?: string) {
    const d = await visibleList(p, copNo, agentCode);
    const mine = p.enterpriseId ? await deps.registry.byId(p.enterpriseId) : null;
    const full = p.role === 'customs' || (!!mine && mine.customsCode === d.agent_code);
    const open = async (id: string | null) => {
      if (!id) return null;
      const r = await db.selectFrom('clearance_document').select('body').where('id', '=', id).executeTakeFirst();
      if (!r) return null;
      const body = JSON.parse(deps.sealer.open(r.body)) as Record<string, unknown>;
      return full ? body : maskPersonal(body);
    };
    return { copNo, order: await open(d.order_id), payment: await open(d.payment_id), waybill: await open(d.waybill_id), list: await open(d.list_id), reasons: JSON.parse(d.reasons_json) as Reason[], masked: !full };
  }

  /** Declarations, newest first, filtered; an enterprise sees those where it is a party. */
  async function declarations(p: Principal, f: { status?: number | undefined; tradeMode?: string | undefined; enterprise?: string | undefined; buyerIdNumber?: string | undefined; from?: string | undefined; to?: string | undefined; q?: string | undefined; limit: number; offset: number }) {
    let q = db.selectFrom('clearance_declaration').where('list_id', 'is not', null);
    let scope: string | null = null;
    if (p.role === 'enterprise') {
      const mine = p.enterpriseId ? await deps.registry.byId(p.enterpriseId) : null;
      scope = mine?.customsCode ?? '__none__';
    } else if (!isRegulator(p) && p.role !== 'admin') scope = '__none__';
    if (scope) q = q.where((eb) => eb.or([eb('agent_code', '=', scope), eb('ebc_code', '=', scope), eb('ebp_code', '=', scope)]));
    if (f.enterprise) q = q.where((eb) => eb.or([eb('agent_code', '=', f.enterprise!), eb('ebc_code', '=', f.enterprise!), eb('ebp_code', '=', f.enterprise!)]));
    if (f.status !== undefined) q = q.where('status', '=', f.status);
    if (f.tradeMode) q = q.where('trade_mode', '=', f.tradeMode);
    if (f.buyerIdNumber) q = q.where('buyer_key', '=', deps.sealer.lookupKey(f.buyerIdNumber));
    if (f.from) q = q.where('created_at', '>=', f.from);
    if (f.to) q = q.where('created_at', '<', f.to);
    if (f.q) q = q.where((eb) => eb.or([eb('cop_no', '=', f.q!.trim()), eb('order_no', '=', f.q!.trim())]));
    const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
    return {
      total: Number(total),
      items: rows.map((d) => ({
        copNo: d.cop_no ?? '',
        orderNo: d.order_no,
        ebpCode: d.ebp_code,
        ebcCode: d.ebc_code,
        agentCode: d.agent_code,
        tradeMode: d.trade_mode,
        status: String(d.status),
        statusText: STATUS_TEXT[d.status] ?? String(d.status),
        documents: { order: !!d.order_id, payment: !!d.payment_id, waybill: !!d.waybill_id, list: !!d.list_id },
        dutiablePrice: d.dutiable_fen === null ? null : formatYuan(Number(d.dutiable_fen)),
        taxTotal: d.tax_total_fen === null ? null : formatYuan(Number(d.tax_total_fen)),
        createdAt: d.created_at,
        decidedAt: d.decided_at,
      })),
    };
  }

  return { receiptsAfter, has, inventory, quota, declarations, documents };
}

export type Queries = ReturnType<typeof createQueries>;

const PERSONAL_IDS = new Set(['buyerIdNumber', 'payerIdNumber']);
const PHONES = new Set(['buyerTelephone', 'consigneeTelephone', 'telephone']);

/** 1101**********002X and 138****5678, as the console shows personal data to roles that do not need it. */
export function maskPersonal<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => maskPersonal(v)) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string' && PERSONAL_IDS.has(k)) out[k] = maskResidentId(v);
    else if (typeof v === 'string' && PHONES.has(k)) out[k] = v.length >= 7 ? `${v.slice(0, 3)}****${v.slice(-4)}` : '****';
    else out[k] = maskPersonal(v);
  }
  return out as T;
}
