/**
 * Reading export clearance: export lists with their documents side by side and a timeline of receipts
 * and events, the summary declarations due, overdue and done, each caller seeing only what it is a
 * party to (regulators everything).
 */
import { sql } from 'kysely';
import { conflict, notFound } from '../../kernel/errors.js';
import { formatYuan } from '../../kernel/money.js';
import type { Principal } from '../../platform/http/principal.js';
import { isRegulator } from '../identity/index.js';
import type { Reason } from './decision.rules.js';
import { shanghaiDate } from './evaluate.service.js';
import { EXPORT_STATUS_TEXT } from './export.service.js';
import type { BookingLookup, ExportList } from './export.types.js';
import type { ClearanceTables } from './migrations.js';
import { maskPersonal, type QueryDeps } from './query.service.js';
import { storedFields } from './receipts.js';
import { deadlineOf, groupKeyOf, periodOf, type SummaryCandidate, type SummaryItem } from './summary.rules.js';

/**
 * A stored document as the CEB names its fields: amounts back in yuan under their message names
 * (goodsValueFen → goodsValue "320.00"), lines alike.
 */
export function cebView(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(cebView);
  if (!body || typeof body !== 'object') return body;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k.endsWith('Fen') && typeof v === 'number') out[k.slice(0, -3)] = formatYuan(v);
    else out[k] = cebView(v);
  }
  return out;
}

/** Export statuses in the words `GET /inventories` uses for import lists. */
const EXPORT_STATUS_KEY: Record<number, string> = { 120: 'waiting', 100: 'rejected', 399: 'concluded', 800: 'released', 899: 'closed' };

type Row = ClearanceTables['clearance_export'] & { sum_no?: string | null; entry_id?: string | null };
const money = (f: number | null | undefined) => (f === null || f === undefined ? null : formatYuan(Number(f)));

export interface ListFilter {
  status?: number;
  tradeMode?: string;
  statisticsFlag?: string;
  q?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export function createExportQueries(deps: QueryDeps & { bookings?: BookingLookup | undefined }) {
  const db = deps.db.withTables<ClearanceTables>();

  /** The codes under which a caller is a party, or null for regulators (everything); [] sees nothing. */
  async function scope(p: Principal): Promise<string[] | null> {
    if (p.role === 'admin' || isRegulator(p)) return null;
    if (p.role !== 'enterprise' || !p.enterpriseId) return [];
    const f = await deps.registry.byId(p.enterpriseId);
    return f ? [f.customsCode, f.uscc].filter(Boolean) : [];
  }

  function header(r: Row) {
    return {
      copNo: r.cop_no ?? '',
      agentCode: r.agent_code ?? '',
      orderNo: r.order_no,
      ebpCode: r.ebp_code,
      ebcCode: r.ebc_code ?? '',
      invtNo: r.invt_no,
      tradeMode: r.trade_mode,
      statisticsFlag: r.statistics_flag,
      status: String(r.status),
      statusText: r.cancelled_at ? '已撤销 / cancelled' : `${EXPORT_STATUS_TEXT[r.status]?.zh ?? r.status} / ${EXPORT_STATUS_TEXT[r.status]?.en ?? r.status}`,
      cancelled: !!r.cancelled_at,
      documents: { order: !!r.order_id, receipt: !!r.receipt_id, waybill: !!r.waybill_id, list: !!r.list_id },
      arrived: !!r.arrived_at,
      departed: !!r.departed_at,
      billNo: r.bill_no,
      sumNo: r.sum_no ?? null,
      entryId: r.entry_id ?? null,
      goodsValue: money(r.goods_fen),
      currency: r.currency,
      createdAt: r.created_at,
      releasedAt: r.released_at,
    };
  }

  function base(codes: string[] | null) {
    let q = db.selectFrom('clearance_export as e').leftJoin('clearance_summary as s', 's.id', 'e.summary_id').selectAll('e').select(['s.sum_no', 's.entry_id']).where('e.list_id', 'is not', null);
    if (codes) {
      if (codes.length === 0) return q.where(sql<boolean>`1 = 0`);
      q = q.where((eb) => eb.or([eb('e.agent_code', 'in', codes), eb('e.ebc_code', 'in', codes), eb('e.ebp_code', 'in', codes), eb('e.owner_code', 'in', codes)]));
    }
    return q;
  }

  async function lists(p: Principal, f: ListFilter) {
    let q = base(await scope(p));
    if (f.status !== undefined) q = q.where('e.status', '=', f.status);
    if (f.tradeMode) q = q.where('e.trade_mode', '=', f.tradeMode);
    if (f.statisticsFlag) q = q.where('e.statistics_flag', '=', f.statisticsFlag);
    if (f.from) q = q.where('e.created_at', '>=', f.from);
    if (f.to) q = q.where('e.created_at', '<=', f.to);
    if (f.q) {
      const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([sql<boolean>`e.cop_no like ${like} escape '\\'`, sql<boolean>`e.order_no like ${like} escape '\\'`, sql<boolean>`e.invt_no like ${like} escape '\\'`, sql<boolean>`e.logistics_key like ${like} escape '\\'`]));
    }
    const total = await q.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const rows = (await q.orderBy('e.created_at', 'desc').orderBy('e.id').limit(f.limit).offset(f.offset).execute()) as Row[];
    return { total: Number(total.n), items: rows.map(header) };
  }

  async function visible(p: Principal, copNo: string, agentCode?: string): Promise<Row> {
    let q = base(await scope(p)).where('e.cop_no', '=', copNo);
    if (agentCode) q = q.where('e.agent_code', '=', agentCode);
    const rows = (await q.execute()) as Row[];
    if (rows.length === 0) throw notFound('clearance.inventory_not_found', { zh: `没有出口清单：${copNo}`, en: `no such export list: ${copNo}` }, { copNo });
    if (rows.length > 1) {
      const agents = rows.map((r) => r.agent_code);
      throw conflict('clearance.ambiguous_list', { zh: `清单编号 ${copNo} 属于多个申报企业（${agents.join('、')}），请加 agentCode 参数`, en: `list number ${copNo} belongs to several declaring agents (${agents.join(', ')}): add ?agentCode=` }, { agents });
    }
    return rows[0]!;
  }

  async function bodies(ids: Array<string | null>): Promise<Map<string, { body: Record<string, unknown>; guid: string }>> {
    const wanted = ids.filter((x): x is string => !!x);
    const out = new Map<string, { body: Record<string, unknown>; guid: string }>();
    if (wanted.length === 0) return out;
    for (const d of await db.selectFrom('clearance_document').select(['id', 'guid', 'body']).where('id', 'in', wanted).execute()) out.set(d.id, { body: JSON.parse(deps.sealer.open(d.body)) as Record<string, unknown>, guid: d.guid });
    return out;
  }

  async function bookingView(ebcCode: string, bookingNo: string): Promise<Record<string, unknown> | null> {
    const b = deps.bookings ? await deps.bookings(ebcCode, bookingNo) : null;
    return b ? { bookingNo: b.bookingNo, warehouseName: b.warehouseName, country: b.country, warehouseApproved: b.warehouseApproved, goodsValue: formatYuan(b.goodsFen) } : null;
  }

  /**
   * What happened to an export declaration: the receipts of the list and of its documents (one per
   * message, though each recipient holds a copy), the waybill's events and the returns.
   */
  async function trail(r: Row, documentGuids: string[]) {
    const history = await db.selectFrom('clearance_receipt').select(['cursor', 'message_type', 'return_status', 'body_json', 'created_at']).where('ref_guid', 'in', [r.id, ...documentGuids]).orderBy('cursor').execute();
    const seen = new Set<string>();
    const receipts = history
      .filter((x) => {
        const key = `${x.message_type}|${x.return_status}|${x.created_at}`;
        return seen.has(key) ? false : (seen.add(key), true);
      })
      .map((x) => ({ cursor: Number(x.cursor), messageType: x.message_type, returnStatus: String(x.return_status), returnInfo: storedFields(x.body_json).returnInfo ?? '', at: x.created_at }));
    const events = r.logistics_key ? await db.selectFrom('clearance_waybill_event').selectAll().where('waybill_key', '=', r.logistics_key).orderBy('seq').execute() : [];
    const returns = await db.selectFrom('clearance_export_return').selectAll().where('export_id', '=', r.id).orderBy('created_at').execute();
    return { receipts, events, returns };
  }

  async function list(p: Principal, copNo: string, agentCode?: string) {
    const r = await visible(p, copNo, agentCode);
    const docs = await bodies([r.order_id, r.receipt_id, r.waybill_id, r.list_id]);
    const raw = (id: string | null) => (id ? (docs.get(id)?.body ?? null) : null);
    const doc = (id: string | null) => cebView(raw(id)) as Record<string, unknown> | null;
    const l = raw(r.list_id) as unknown as ExportList | null;
    const { receipts, events, returns } = await trail(r, [...docs.values()].map((d) => d.guid));
    const timeline: Array<{ at: string; kind: string; messageType: string | null; returnStatus: string | null; info: string }> = [];
    for (const x of receipts) timeline.push({ at: x.at, kind: 'receipt', messageType: x.messageType, returnStatus: x.returnStatus, info: x.returnInfo });
    const kindOf: Record<string, string> = { export_arrival: 'arrival', export_departure: 'departure', export_bill: 'bill' };
    for (const e of events) timeline.push({ at: e.received_at, kind: kindOf[e.kind] ?? e.kind, messageType: null, returnStatus: null, info: `${e.status}${e.note ? ` (${e.note})` : ''}` });
    if (r.cancelled_at) timeline.push({ at: r.cancelled_at, kind: 'cancel', messageType: null, returnStatus: null, info: (JSON.parse(r.reasons_json) as Reason[]).map((x) => x.message.zh).join('；') });
    for (const x of returns) timeline.push({ at: x.created_at, kind: 'return', messageType: null, returnStatus: null, info: x.reason });
    if (r.summary_id) {
      const s = await db.selectFrom('clearance_summary').select(['sum_no', 'entry_id', 'created_at']).where('id', '=', r.summary_id).executeTakeFirst();
      if (s) timeline.push({ at: s.created_at, kind: 'summary', messageType: null, returnStatus: null, info: `${s.sum_no} → ${s.entry_id}` });
    }
    timeline.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return {
      ...header(r),
      customsCode: r.customs_code,
      portCode: r.port_code,
      country: r.country,
      reasons: JSON.parse(r.reasons_json) as Reason[],
      lines: (l?.lines ?? []).map((x) => ({ gnum: x.gnum, itemName: x.itemName, gcode: x.gcode, gname: x.gname, qty: x.qty, unit: x.unit, price: x.price, totalPrice: formatYuan(x.totalPriceFen) })),
      // A 9810 list's order slot is its booking order (订仓单).
      documents: { order: r.trade_mode === '9810' && l ? await bookingView(l.ebcCode, l.orderNo) : doc(r.order_id), receipt: doc(r.receipt_id), waybill: doc(r.waybill_id), list: doc(r.list_id) },
      timeline,
      returns: returns.map((x) => ({ at: x.created_at, reason: x.reason, lines: JSON.parse(x.lines_json) as Array<{ gnum: number; qty: string }>, amount: formatYuan(Number(x.returned_fen)) })),
    };
  }

  /** Whether the caller sees an export list under this number. */
  async function has(p: Principal, copNo: string, agentCode?: string): Promise<boolean> {
    let q = base(await scope(p)).where('e.cop_no', '=', copNo);
    if (agentCode) q = q.where('e.agent_code', '=', agentCode);
    const row = await q.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n) > 0;
  }

  /**
   * An export list as `GET /api/v1/inventories/{copNo}` (the public contract) gives every list: the
   * import shape, the receipt of payment (CEB403) in the payment slot, no import tax, and the export
   * fields beside it (invtNo, statistics flag, arrival, departure, master bill, summary and declaration).
   */
  async function inventory(p: Principal, copNo: string, agentCode?: string) {
    const r = await visible(p, copNo, agentCode);
    const h = header(r);
    const docIds = [r.order_id, r.receipt_id, r.waybill_id, r.list_id].filter((x): x is string => !!x);
    const guids = docIds.length > 0 ? await db.selectFrom('clearance_document').select('guid').where('id', 'in', docIds).execute() : [];
    const { receipts, events, returns } = await trail(r, guids.map((g) => g.guid));
    return {
      direction: 'export' as const,
      copNo: h.copNo,
      orderNo: h.orderNo,
      ebpCode: h.ebpCode,
      ebcCode: r.ebc_code,
      agentCode: r.agent_code,
      tradeMode: r.trade_mode,
      status: h.status,
      statusText: r.cancelled_at ? 'cancelled' : (EXPORT_STATUS_KEY[r.status] ?? String(r.status)),
      documents: { order: h.documents.order, payment: h.documents.receipt, waybill: h.documents.waybill, list: h.documents.list },
      reasons: JSON.parse(r.reasons_json) as Reason[],
      dutiablePrice: null,
      tax: null,
      receipts,
      returns: returns.map((x) => ({ guid: x.id, at: x.created_at, lines: JSON.parse(x.lines_json) as Array<{ gnum: number; qty: string }>, releasedFen: 0, taxWaivedFen: 0, reason: x.reason, amount: formatYuan(Number(x.returned_fen)) })),
      waybillEvents: events.map((e) => ({ kind: e.kind, status: e.status, eventTime: e.event_time, note: e.note, receivedAt: e.received_at })),
      decidedAt: r.released_at,
      updatedAt: r.updated_at,
      invtNo: h.invtNo,
      statisticsFlag: h.statisticsFlag,
      arrived: h.arrived,
      departed: h.departed,
      cancelled: h.cancelled,
      billNo: h.billNo,
      sumNo: h.sumNo,
      entryId: h.entryId,
      goodsValue: h.goodsValue,
      currency: h.currency,
    };
  }

  /** The four documents of an export list under the import slots' names; personal data masked except for customs and the agent. */
  async function documents(p: Principal, copNo: string, agentCode?: string) {
    const r = await visible(p, copNo, agentCode);
    const docs = await bodies([r.order_id, r.receipt_id, r.waybill_id, r.list_id]);
    const mine = p.enterpriseId ? await deps.registry.byId(p.enterpriseId) : null;
    const full = p.role === 'customs' || (!!mine && mine.customsCode === r.agent_code);
    const open = (id: string | null) => {
      const body = id ? (docs.get(id)?.body ?? null) : null;
      const view = cebView(body) as Record<string, unknown> | null;
      return view && !full ? maskPersonal(view) : view;
    };
    return { copNo, order: open(r.order_id), payment: open(r.receipt_id), waybill: open(r.waybill_id), list: open(r.list_id), reasons: JSON.parse(r.reasons_json) as Reason[], masked: !full };
  }

  /** Released, departed summary lists not yet summarised, grouped as one application each would take them. */
  async function due(p: Principal) {
    const today = shanghaiDate(deps.clock.now());
    const params = (await deps.reference.regulationAt(today)).params;
    const rows = (await base(await scope(p)).where('e.status', '=', 899).where('e.statistics_flag', '=', 'B').where('e.summary_id', 'is', null).where('e.cancelled_at', 'is', null).orderBy('e.released_at').execute()) as Row[];
    const groups = new Map<string, { rows: Row[]; c: SummaryCandidate }>();
    for (const r of rows) {
      const c: SummaryCandidate = { invtNo: r.invt_no!, ebcCode: r.ebc_code!, ownerCode: r.owner_code, agentCode: r.agent_code!, customsCode: r.customs_code!, portCode: r.port_code!, country: r.country!, trafMode: r.traf_mode!, currency: r.currency!, statisticsFlag: 'B', status: r.status, cancelled: false, summarised: false, releasedAt: r.released_at ?? r.updated_at };
      const key = groupKeyOf(c, params.summaryGroupBy, '1');
      const g = groups.get(key) ?? { rows: [], c };
      g.rows.push(r);
      groups.set(key, g);
    }
    const items = [...groups.entries()].map(([groupKey, g]) => {
      const period = periodOf(g.c.releasedAt);
      const deadline = deadlineOf(period, params.summaryDeadlineDay);
      return {
        groupKey,
        ebcCode: g.c.ebcCode,
        ownerCode: g.c.ownerCode,
        agentCode: g.c.agentCode,
        customsCode: g.c.customsCode,
        portCode: g.c.portCode,
        country: g.c.country,
        trafMode: g.c.trafMode,
        currency: g.c.currency,
        period,
        deadline,
        overdue: today > deadline,
        lists: g.rows.length,
        goodsValue: formatYuan(g.rows.reduce((s, r) => s + Number(r.goods_fen ?? 0), 0)),
        invtNos: g.rows.map((r) => r.invt_no!),
      };
    });
    return { items: items.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0)) };
  }

  function summaryView(s: ClearanceTables['clearance_summary']) {
    return {
      sumNo: s.sum_no,
      copNo: s.cop_no,
      entryId: s.entry_id,
      declSeqNo: s.decl_seq_no,
      decState: s.dec_state,
      ebcCode: s.ebc_code,
      agentCode: s.agent_code,
      customsCode: s.customs_code,
      portCode: s.port_code,
      country: s.country,
      trafMode: s.traf_mode,
      currency: s.currency,
      period: s.period,
      lists: Number(s.list_count),
      goodsValue: formatYuan(Number(s.goods_fen)),
      createdAt: s.created_at,
      items: (JSON.parse(s.items_json) as SummaryItem[]).map((i) => ({ gcode: i.gcode, name: i.name, qty: i.qty, unit: i.unit, value: formatYuan(i.valueFen) })),
    };
  }

  function summaryBase(codes: string[] | null) {
    let q = db.selectFrom('clearance_summary').selectAll();
    if (codes) {
      if (codes.length === 0) return q.where(sql<boolean>`1 = 0`);
      q = q.where((eb) => eb.or([eb('agent_code', 'in', codes), eb('ebc_code', 'in', codes), eb('decl_agent_code', 'in', codes)]));
    }
    return q;
  }

  async function summaries(p: Principal, f: { period?: string; enterprise?: string; q?: string; limit: number; offset: number }) {
    let q = summaryBase(await scope(p));
    if (f.period) q = q.where('period', '=', f.period);
    if (f.enterprise) q = q.where((eb) => eb.or([eb('agent_code', '=', f.enterprise!), eb('ebc_code', '=', f.enterprise!)]));
    if (f.q) q = q.where((eb) => eb.or([eb('sum_no', '=', f.q!), eb('entry_id', '=', f.q!), eb('cop_no', '=', f.q!)]));
    const total = await q.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
    return { total: Number(total.n), items: rows.map(summaryView) };
  }

  async function summary(p: Principal, sumNo: string) {
    const s = await summaryBase(await scope(p)).where('sum_no', '=', sumNo).executeTakeFirst();
    if (!s) throw notFound('clearance.summary_not_found', { zh: `没有汇总申请：${sumNo}`, en: `no such summary: ${sumNo}` }, { sumNo });
    const lists = await db.selectFrom('clearance_export').select('invt_no').where('summary_id', '=', s.id).orderBy('invt_no').execute();
    return { ...summaryView(s), invtNos: lists.map((x) => x.invt_no!) };
  }

  /** Export lists by number as a summary application needs them (the caller's, as agent). */
  async function forSummary(p: Principal, invtNos: string[]) {
    const codes = await scope(p);
    let q = db.selectFrom('clearance_export').selectAll().where('invt_no', 'in', invtNos.length > 0 ? invtNos : ['']);
    if (codes) q = q.where('agent_code', 'in', codes.length > 0 ? codes : ['']);
    return q.execute();
  }

  return { lists, list, has, inventory, documents, due, summaries, summary, forSummary };
}

export type ExportQueries = ReturnType<typeof createExportQueries>;
