/**
 * Export clearance on the import pipeline (DOMAIN.md §1, §5): the same gateway, senders' checks,
 * idempotency, unit of work and receipts; an export declaration per (platform, order) gathers the order,
 * the receipt of payment, the waybill and the list in any order. A matched list is concluded (399) and
 * released (800) once it has arrived at the supervised site (CEB507); departure (CEB509) closes it (899);
 * the master/sub waybill list (CEB607) binds lists to a bill; summary applications (CEB701) turn departed
 * summary (B) lists into customs declarations (CEB792 with entryId), all or nothing.
 */
import { newId } from '../../kernel/ids.js';
import { formatYuan } from '../../kernel/money.js';
import { chunks, marks, type HotSql, type SqlValue } from '../../platform/db/hot.js';
import { type ExportRow, type ExportStore } from './export.store.js';
export { createExportStore, type ExportRow, type ExportStore, waybillKey } from './export.store.js';
import type { Node } from './ceb-map.rules.js';
import type { Batch, IngestDeps } from './context.js';
import type { PartyFact, Reason } from './decision.rules.js';
import { checkExport, EXPORT_DOC_NAMES, EXPORT_MODES } from './export.rules.js';
import type { BookingLookup, ExportList, ExportOrder, ExportReceipt, ExportSlots, ExportWaybill } from './export.types.js';
import { waybillKey } from './export.store.js';
import type { ExportDocKind } from './kinds.js';
import { invtNoOf, preNoOf } from './kinds.js';
import type { ClearanceTables } from './migrations.js';
import { cebInstant, type ReceiptDraft } from './receipts.js';
import { checkSummary, summaryItems, type SummaryCandidate, type SummaryLine } from './summary.rules.js';
import type { DocKey, Unit } from './unit.js';
import { shanghaiDate } from './evaluate.service.js';

type Slot = 'order_id' | 'receipt_id' | 'waybill_id' | 'list_id';
const SLOT: Record<ExportDocKind, Slot> = { export_order: 'order_id', export_receipt: 'receipt_id', export_waybill: 'waybill_id', export_list: 'list_id' };

/** What the export flow needs of a handled document (the ingestion's item). */
export interface ExportItem {
  kind: string;
  doc: Node;
  head: Node;
  guid: string;
  key: string;
  senderId: string;
}

export type Outcome = { ok: true; status: number; info: string; links?: string[]; extra?: Record<string, string> } | { ok: false; code: string; zh: string; en: string };

const str = (n: Node, k: string) => (typeof n[k] === 'string' ? (n[k] as string).trim() : '');
const nodes = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);
const infoOf = (reasons: Reason[]) => reasons.map((r) => `${r.code}: ${r.message.zh} / ${r.message.en}`).join('; ');
const fail = (code: string, zh: string, en: string): Outcome => ({ ok: false, code, zh, en });

export const EXPORT_STATUS_TEXT: Record<number, { zh: string; en: string }> = {
  120: { zh: '已入库，等待单证', en: 'accepted, waiting for documents' },
  100: { zh: '退单', en: 'rejected' },
  399: { zh: '已审结，等待运抵', en: 'concluded, waiting for arrival' },
  800: { zh: '已放行', en: 'released' },
  899: { zh: '已离境结关', en: 'departed, closed' },
};

/** A corrected document (appType 2) in a rejected export declaration reopens it: waiting again, its window restarted. */
const reopen = (r: ExportRow): Partial<ExportRow> => (r.status === 100 && !r.cancelled_at ? { status: 120, reasons_json: '[]', deadline: null, decided_at: null } : {});

export function createExportFlow(deps: IngestDeps) {
  const bookings: BookingLookup = deps.bookings ?? (async () => null);

  function newRow(ebpCode: string, orderNo: string, now: Date): ExportRow {
    const at = now.toISOString();
    return { id: newId(), ebp_code: ebpCode, order_no: orderNo, order_id: null, receipt_id: null, waybill_id: null, list_id: null, cop_no: null, agent_code: null, ebc_code: null, owner_code: null, logistics_key: null, trade_mode: null, statistics_flag: null, customs_code: null, port_code: null, country: null, traf_mode: null, currency: null, invt_no: null, status: 120, reasons_json: '[]', deadline: null, goods_fen: null, collected_fen: null, gross_weight: null, net_weight: null, ie_date: null, arrived_at: null, bill_no: null, departed_at: null, summary_id: null, cancelled_at: null, created_at: at, updated_at: at, decided_at: null, released_at: null };
  }

  /** The export declaration a stored document sits in. */
  async function rowOf(ex: ExportStore, kind: ExportDocKind, doc: DocKey): Promise<ExportRow | null> {
    const r = kind === 'export_waybill' ? await ex.byLogistics(doc.business_key) : doc.ebp_code && doc.order_no ? await ex.byOrder(doc.ebp_code, doc.order_no) : null;
    return r && r[SLOT[kind]] === doc.id ? r : null;
  }

  async function attach(b: Batch, u: Unit, kind: ExportDocKind, docId: string, body: unknown, correction = false): Promise<string | null> {
    const ex = b.ex!;
    const at = b.now.toISOString();
    if (kind === 'export_waybill') {
      const w = body as ExportWaybill;
      const r = await ex.byLogistics(waybillKey(w.logisticsCode, w.logisticsNo));
      if (!r) return null; // parked until a list names it
      ex.change(r, { waybill_id: docId, updated_at: at, ...(correction ? reopen(r) : {}) });
      return r.id;
    }
    const x = body as ExportOrder | ExportReceipt | ExportList;
    let r = await ex.byOrder(x.ebpCode, x.orderNo);
    if (!r) {
      r = newRow(x.ebpCode, x.orderNo, b.now);
      ex.add(r);
    }
    const set: Partial<ExportRow> = { [SLOT[kind]]: docId, updated_at: at, ...(correction ? reopen(r) : {}) };
    if (kind === 'export_receipt') set.collected_fen = (x as ExportReceipt).chargeFen;
    if (kind === 'export_list') {
      const l = x as ExportList;
      const logisticsKey = waybillKey(l.logisticsCode, l.logisticsNo);
      const parked = await u.doc(logisticsKey);
      Object.assign(set, {
        cop_no: l.copNo, agent_code: l.agentCode, ebc_code: l.ebcCode, owner_code: l.ownerCode, logistics_key: logisticsKey, trade_mode: l.tradeMode,
        statistics_flag: l.statisticsFlag, customs_code: l.customsCode, port_code: l.portCode, country: l.country, traf_mode: l.trafMode,
        currency: l.lines[0]?.currency || l.fCurrency, goods_fen: l.lines.reduce((s, y) => s + y.totalPriceFen, 0), gross_weight: l.grossWeight, net_weight: l.netWeight,
        ie_date: l.ieDate, bill_no: l.billNo, invt_no: invtNoOf(l.customsCode, (l.appTime || '2000').slice(0, 4), l.agentCode, l.copNo, 'E'),
        waybill_id: parked?.id ?? null,
      });
    }
    ex.change(r, set);
    return r.id;
  }

  async function detach(b: Batch, kind: ExportDocKind, doc: DocKey): Promise<string | null> {
    const ex = b.ex!;
    const r = await rowOf(ex, kind, doc);
    if (!r) return null;
    const set: Partial<ExportRow> = { [SLOT[kind]]: null, updated_at: b.now.toISOString() };
    if (kind === 'export_receipt') set.collected_fen = null;
    if (kind === 'export_list') Object.assign(set, { cop_no: null, agent_code: null, logistics_key: null, deadline: null, waybill_id: null, invt_no: null, reasons_json: '[]' });
    ex.change(r, set);
    return r.id;
  }

  /**
   * A document may change or go while its declaration is not concluded (120) or was rejected (100), and
   * is not cancelled: the corrected document (appType 2) reopens a rejected one (DOMAIN.md §3).
   */
  async function undecided(b: Batch, kind: ExportDocKind, doc: DocKey): Promise<boolean> {
    const r = await rowOf(b.ex!, kind, doc);
    return !r || ((r.status === 120 || r.status === 100) && !r.cancelled_at);
  }

  const recipients = async (b: Batch, codes: Array<string | null | undefined>) => {
    const ids: string[] = [];
    for (const c of codes) {
      const f = c ? await b.lookups.filing(c) : null;
      if (f) ids.push(f.id);
    }
    return [...new Set(ids)];
  };

  function listReceipt(r: ExportRow, status: number, info: string, to: string[]): ReceiptDraft {
    return {
      recipientIds: to,
      messageType: 'CEB604',
      node: 'InventoryReturn',
      refGuid: r.id,
      subject: `e-list:${r.agent_code}:${r.cop_no}`,
      returnStatus: status,
      fields: { guid: r.id.toUpperCase(), agentCode: r.agent_code!, copNo: r.cop_no!, preNo: preNoOf(r.agent_code!, `E${r.cop_no}`), invtNo: r.invt_no!, ebcCode: r.ebc_code!, ebpCode: r.ebp_code, orderNo: r.order_no, statisticsFlag: r.statistics_flag!, returnInfo: info },
    };
  }
  const parties = (r: ExportRow) => [r.agent_code, r.ebc_code, r.ebp_code];

  async function decide(u: Unit, b: Batch, r: ExportRow, status: number, reasons: Reason[], info: string) {
    const at = b.now.toISOString();
    const set: Partial<ExportRow> = { status, reasons_json: JSON.stringify(reasons), updated_at: at };
    if (status !== 120) set.decided_at = r.decided_at ?? at;
    if (status === 800) {
      set.released_at = at;
      const l = await u.body<ExportList>(r.list_id);
      if (l) b.ex!.addLines(r.id, l);
    }
    b.ex!.change(r, set);
    u.queue(deps.receipts.render([listReceipt(r, status, info, await recipients(b, parties(r)))], b.now));
  }

  /** Re-evaluates touched export declarations that hold a list and are still waiting. */
  async function evaluateAll(u: Unit, b: Batch, ids: Iterable<string>) {
    for (const id of ids) {
      const r = b.ex!.get(id);
      if (r && r.status === 120 && !r.cancelled_at && r.list_id) await evaluate(u, b, r);
    }
  }

  async function evaluate(u: Unit, b: Batch, r: ExportRow) {
    const l = (await u.body<ExportList>(r.list_id))!;
    const slots: ExportSlots = {
      order: await u.body<ExportOrder>(r.order_id),
      receipt: await u.body<ExportReceipt>(r.receipt_id),
      waybill: await u.body<ExportWaybill>(r.waybill_id),
      list: l,
    };
    if (l.tradeMode === '9810') slots.booking = await bookings(l.ebcCode, l.orderNo);
    const today = shanghaiDate(b.now);
    const params = (await b.lookups.regulation(today)).params;
    const facts: PartyFact[] = [];
    const needs = EXPORT_MODES[l.tradeMode]?.needs ?? [];
    const roles: Array<[PartyFact['role'], string]> = [['ebc', l.ebcCode], ['agent', l.agentCode], ['logistics', l.logisticsCode]];
    if (needs.includes('order')) roles.unshift(['ebp', l.ebpCode]);
    for (const [role, code] of roles) {
      const f = await b.lookups.filing(code);
      facts.push({ role, code, filing: f ? { approved: f.approved, roles: f.roles } : null });
    }
    const hsKnown: Record<string, boolean> = {};
    for (const x of l.lines) if (!(x.gcode in hsKnown)) hsKnown[x.gcode] = await deps.reference.hsKnown(x.gcode, today);
    const out = checkExport({ slots, parties: facts, hsKnown, params });
    if (out.reasons.length > 0) return decide(u, b, r, 100, out.reasons, infoOf(out.reasons));
    if (out.missing.length > 0) {
      const deadline = r.deadline ?? new Date(b.now.getTime() + params.matchWindowHours * 3600_000).toISOString();
      const names = out.missing.map((k) => EXPORT_DOC_NAMES[k]);
      const reasons: Reason[] = [{ code: 'clearance.waiting_for_documents', message: { zh: `等待${names.map((n) => n.zh).join('、')}`, en: `waiting for the ${names.map((n) => n.en).join(', ')}` }, details: { missing: out.missing, deadline } }];
      b.ex!.change(r, { deadline, reasons_json: JSON.stringify(reasons), updated_at: b.now.toISOString() });
      return;
    }
    // Matched: concluded, and released as soon as the goods are at the supervised site (perhaps already).
    if (!r.arrived_at && b.sql && r.logistics_key) {
      // The arrival may be stored already, or have come earlier in this very batch.
      const arrived = await b.sql.all<{ received_at: string }>("select received_at from clearance_waybill_event where waybill_key = ? and kind = 'export_arrival' order by seq limit 1", [r.logistics_key]);
      const at = arrived[0]?.received_at ?? u.queuedEvent(r.logistics_key, 'export_arrival')?.received_at;
      if (at) b.ex!.change(r, { arrived_at: at });
    }
    if (r.arrived_at) return decide(u, b, r, 800, [], '放行 / released');
    return decide(u, b, r, 399, [], '审结，等待运抵 / concluded, waiting for arrival at the supervised site');
  }

  /** Rejects waiting export lists whose documents did not arrive within the window, naming them. */
  async function expire(u: Unit, b: Batch, sql: HotSql): Promise<number> {
    const due = await sql.all<ExportRow>(`select * from clearance_export where status = 120 and deadline <= ? and list_id is not null and cancelled_at is null order by deadline limit 500${sql.dialect === 'postgres' ? ' for update' : ''}`, [b.now.toISOString()]);
    let n = 0;
    for (const found of due) {
      const r = (await b.ex!.byCop(found.agent_code!, found.cop_no!)) ?? found;
      const waiting = JSON.parse(r.reasons_json) as Reason[];
      const missing = (waiting[0]?.details?.missing as string[] | undefined) ?? [];
      const names = missing.map((k) => EXPORT_DOC_NAMES[k as keyof typeof EXPORT_DOC_NAMES] ?? { zh: k, en: k });
      const reasons: Reason[] = [{ code: 'clearance.documents_missing', message: { zh: `等待超时，未收到${names.map((x) => x.zh).join('、')}`, en: `the window closed without the ${names.map((x) => x.en).join(', ')}` }, details: { missing } }];
      await decide(u, b, r, 100, reasons, infoOf(reasons));
      n += 1;
    }
    return n;
  }

  /** Arrival at the supervised site (CEB507): concluded lists are released. */
  async function arrival(u: Unit, b: Batch, x: ExportItem): Promise<Outcome> {
    const firm = str(x.head, 'logisticsCode');
    const keys = [...new Set(nodes(x.doc.ArrivalList).map((l) => waybillKey(firm, str(l, 'logisticsNo'))))];
    const unknown: string[] = [];
    for (const k of keys) if (!(await u.doc(k))) unknown.push(k.split(':')[2]!);
    if (unknown.length > 0) return fail('clearance.waybill_not_found', `物流企业 ${firm} 没有出口运单：${unknown.join('、')}`, `logistics firm ${firm} has no export waybill ${unknown.join(', ')}`);
    for (const k of keys) {
      const r = await b.ex!.byLogistics(k);
      if (!r || r.cancelled_at || r.arrived_at) continue;
      b.ex!.change(r, { arrived_at: b.now.toISOString(), updated_at: b.now.toISOString() });
      if (r.status === 399) await decide(u, b, r, 800, [], '已运抵，放行 / arrived, released');
    }
    return { ok: true, status: 120, info: '运抵已入库 / arrival accepted', links: keys };
  }

  /** Departure (CEB509): released lists leave the country and are closed (899). All or nothing. */
  async function departure(u: Unit, b: Batch, x: ExportItem): Promise<Outcome> {
    const firm = str(x.head, 'logisticsCode');
    const keys = [...new Set(nodes(x.doc.DepartureList).map((l) => waybillKey(firm, str(l, 'logisticsNo'))))];
    const rows: ExportRow[] = [];
    const notReleased: string[] = [];
    for (const k of keys) {
      const r = await b.ex!.byLogistics(k);
      if (!r || r.cancelled_at || r.status !== 800) notReleased.push(`${k.split(':')[2]}${r ? `（${r.cancelled_at ? 'cancelled' : r.status}）` : ''}`);
      else rows.push(r);
    }
    if (notReleased.length > 0) return fail('clearance.departure_not_released', `以下运单的清单未放行或已离境，离境单不予受理：${notReleased.join('、')}`, `these waybills have no released list that has not left yet, so the departure is refused: ${notReleased.join(', ')}`);
    const billNo = str(x.head, 'billNo');
    for (const r of rows) {
      b.ex!.change(r, { departed_at: b.now.toISOString(), ...(billNo ? { bill_no: billNo } : {}) });
      await decide(u, b, r, 899, [], '已离境，结关 / departed, closed');
    }
    return { ok: true, status: 120, info: '离境已入库 / departure accepted', links: keys };
  }

  /** Master/sub waybill list (CEB607): binds the agent's lists to a master bill. */
  async function bill(b: Batch, x: ExportItem): Promise<Outcome> {
    const agent = str(x.head, 'agentCode');
    const firm = str(x.head, 'logisticsCode');
    const billNo = str(x.head, 'billNo');
    const problems: string[] = [];
    const rows: ExportRow[] = [];
    for (const l of nodes(x.doc.WayBillList)) {
      const no = str(l, 'logisticsNo');
      const r = await b.ex!.byLogistics(waybillKey(firm, no));
      if (!r || r.agent_code !== agent) problems.push(`${no}: no list of agent ${agent}`);
      else if (r.cancelled_at) problems.push(`${no}: cancelled`);
      // Bound after matching (399) or release (800), before the goods leave (CEB509 records the bill then).
      else if (r.status !== 399 && r.status !== 800) problems.push(`${no}: list ${r.cop_no} is ${EXPORT_STATUS_TEXT[r.status]?.en ?? r.status}`);
      else if (str(l, 'invtNo') && str(l, 'invtNo') !== r.invt_no) problems.push(`${no}: invtNo ${str(l, 'invtNo')} != ${r.invt_no}`);
      else rows.push(r);
    }
    if (problems.length > 0) return fail('clearance.bill_lists', `总分单中的运单不能绑定：${problems.join('；')}`, `waybills of the master/sub list cannot be bound: ${problems.join('; ')}`);
    for (const r of rows) b.ex!.change(r, { bill_no: billNo, updated_at: b.now.toISOString() });
    return { ok: true, status: 120, info: `已绑定提运单 ${billNo} / bound to bill ${billNo}`, links: rows.map((r) => r.logistics_key!) };
  }

  /** Cancellation (CEB605): a list that has not left may be withdrawn. */
  async function cancel(b: Batch, x: ExportItem): Promise<Outcome> {
    const r = await b.ex!.byCop(str(x.head, 'agentCode'), str(x.head, 'copNo'));
    if (!r || !r.list_id) return fail('clearance.list_not_found', `没有清单 ${str(x.head, 'copNo')}`, `no list ${str(x.head, 'copNo')}`);
    if (r.invt_no !== str(x.head, 'invtNo')) return fail('clearance.invt_mismatch', `清单编号 ${str(x.head, 'invtNo')} 与清单 ${r.cop_no} 的 ${r.invt_no} 不符`, `invtNo ${str(x.head, 'invtNo')} is not list ${r.cop_no}'s ${r.invt_no}`);
    if (r.cancelled_at) return fail('clearance.already_cancelled', `清单 ${r.cop_no} 已撤销`, `list ${r.cop_no} is already cancelled`);
    if (r.status === 899 || r.summary_id) return fail('clearance.already_departed', `清单 ${r.cop_no} 已离境，不能撤销`, `list ${r.cop_no} has left the country and cannot be cancelled`);
    if (r.status === 100) return fail('clearance.already_rejected', `清单 ${r.cop_no} 已退单`, `list ${r.cop_no} was rejected`);
    const reasons: Reason[] = [{ code: 'clearance.cancelled', message: { zh: `已撤销：${str(x.head, 'reason')}`, en: `cancelled: ${str(x.head, 'reason')}` } }];
    b.ex!.change(r, { cancelled_at: b.now.toISOString(), reasons_json: JSON.stringify(reasons), updated_at: b.now.toISOString() });
    return { ok: true, status: 399, info: '撤销审结 / cancellation concluded' };
  }

  /** Summary application (CEB701 → CEB702 and CEB792): all or nothing. */
  async function summary(u: Unit, b: Batch, x: ExportItem, sql: HotSql): Promise<Outcome> {
    const h = x.head;
    const head = { agentCode: str(h, 'agentCode'), ebcCode: str(h, 'ebcCode'), summaryFlag: str(h, 'summaryFlag') };
    const today = shanghaiDate(b.now);
    const params = (await b.lookups.regulation(today)).params;
    let asked = nodes(x.doc.SummaryApplyList).map((l) => str(l, 'invtNo'));
    let found: ExportRow[];
    // SummaryApplyList is unbounded: an application comes whole, so that it can be all or nothing.
    if (Number(str(h, 'msgCount') || '1') > 1) return fail('clearance.summary_parts', `汇总申请须以一份报文申报（msgCount 为 ${str(h, 'msgCount')}）：SummaryApplyList 条数不限，请勿拆分`, `a summary application comes as one message (msgCount is ${str(h, 'msgCount')}): SummaryApplyList takes any number of lists, so do not split it`);
    if (head.summaryFlag !== '1' && head.summaryFlag !== '2') return fail('clearance.summary_flag', `汇总标志 summaryFlag 须为 1 或 2，不能是 ${head.summaryFlag}`, `summaryFlag must be 1 or 2, not ${head.summaryFlag}`);
    const start = str(h, 'startTime');
    const end = str(h, 'endTime');
    if (start || end) {
      // A time range names the lists instead of the body (CEB spec 2.21): both times, in order.
      const from = cebInstant(start);
      const to = cebInstant(end);
      if (!from || !to) return fail('clearance.summary_time', `startTime 与 endTime 须成对填写，格式 yyyyMMddHHmmss：${!from ? `startTime ${start || '（空）'}` : `endTime ${end || '（空）'}`}`, `startTime and endTime go together, as yyyyMMddHHmmss: ${!from ? `startTime ${start || '(empty)'}` : `endTime ${end || '(empty)'}`}`);
      if (to < from) return fail('clearance.summary_time', `endTime ${end} 早于 startTime ${start}`, `endTime ${end} is before startTime ${start}`);
      found = await b.ex!.released(head.agentCode, head.ebcCode, from, to);
      asked = found.map((r) => r.invt_no!);
    } else {
      found = (await b.ex!.byInvtNos(asked)).filter((r) => r.agent_code === head.agentCode);
    }
    const candidates: SummaryCandidate[] = found.map((r) => ({ invtNo: r.invt_no!, ebcCode: r.ebc_code!, ownerCode: r.owner_code, agentCode: r.agent_code!, customsCode: r.customs_code!, portCode: r.port_code!, country: r.country!, trafMode: r.traf_mode!, currency: r.currency!, statisticsFlag: r.statistics_flag!, status: r.status, cancelled: !!r.cancelled_at, summarised: !!r.summary_id, releasedAt: r.released_at ?? r.updated_at }));
    const reasons = checkSummary(head, asked, candidates, params.summaryGroupBy);
    if (reasons.length > 0) return fail(reasons[0]!.code, reasons.map((r) => r.message.zh).join('；'), reasons.map((r) => r.message.en).join('; '));
    const lineRows: Array<ClearanceTables['clearance_export_line'] & { invt_no: string }> = [];
    for (const part of chunks(found.map((r) => r.id), 400)) {
      lineRows.push(...(await sql.all<ClearanceTables['clearance_export_line'] & { invt_no: string }>(`select l.*, e.invt_no from clearance_export_line l join clearance_export e on e.id = l.export_id where l.export_id in (${marks(part.length)}) order by e.invt_no, l.gnum`, part)));
    }
    const lines: SummaryLine[] = lineRows.map((l) => ({ invtNo: l.invt_no, gnum: Number(l.gnum), gcode: l.gcode, gname: l.gname, itemName: l.item_name, unit: l.unit, qty: l.qty, totalFen: Number(l.total_fen), currency: l.currency }));
    const items = summaryItems(lines, str(h, 'itemNameFlag') || null);
    const first = found[0]!;
    const customs = str(h, 'customsCode');
    // The declaration number is the district's: the head must name the customs the lists were declared at.
    const elsewhere = found.filter((r) => r.customs_code !== customs).map((r) => `${r.invt_no}（${r.customs_code}）`);
    if (elsewhere.length > 0) return fail('clearance.summary_customs', `汇总申请的申报海关 ${customs} 与清单的申报海关不符：${elsewhere.join('、')}`, `the summary names customs ${customs}, but these lists were declared elsewhere: ${elsewhere.join(', ')}`);
    const year = today.slice(0, 4);
    const serial = await nextSerial(sql, customs, year);
    const id = newId();
    const sumNo = `${customs}${year}S${serial}`;
    const entryId = `${customs}${year}0${serial}`;
    const declSeqNo = `${customs}${year}D${serial}`;
    const weight = (k: 'gross_weight' | 'net_weight') => sumDecimals(found.map((r) => r[k] ?? '0'));
    const row: ClearanceTables['clearance_summary'] = {
      id, sum_no: sumNo, cop_no: str(h, 'copNo'), agent_code: head.agentCode, ebc_code: head.ebcCode, owner_code: head.summaryFlag === '2' ? first.owner_code : null, decl_agent_code: str(h, 'declAgentCode'),
      customs_code: customs, port_code: first.port_code!, country: first.country!, traf_mode: first.traf_mode!, currency: first.currency!, summary_flag: head.summaryFlag, item_name_flag: str(h, 'itemNameFlag') || null,
      period: candidates.map((c) => c.releasedAt).sort()[0]!.slice(0, 7), list_count: found.length, goods_fen: found.reduce((s, r) => s + (r.goods_fen ?? 0), 0), collected_fen: found.reduce((s, r) => s + (r.collected_fen ?? 0), 0),
      gross_weight: weight('gross_weight'), net_weight: weight('net_weight'), entry_id: entryId, decl_seq_no: declSeqNo, dec_state: '10', items_json: JSON.stringify(items), sender_id: x.senderId, created_at: b.now.toISOString(),
    };
    row.period = shanghaiDate(new Date(candidates.map((c) => c.releasedAt).sort()[0]!)).slice(0, 7);
    const cols = Object.keys(row) as Array<keyof typeof row>;
    await sql.run(`insert into clearance_summary (${cols.join(', ')}) values (${marks(cols.length)})`, cols.map((c) => row[c] as SqlValue));
    for (const r of found) b.ex!.change(r, { summary_id: id, updated_at: b.now.toISOString() });
    const to = await recipients(b, [head.agentCode, head.ebcCode, str(h, 'declAgentCode')]);
    const byInvt = new Map(found.map((r) => [r.invt_no!, r]));
    u.queue(deps.receipts.render([{
      recipientIds: to,
      messageType: 'CEB792',
      node: 'SummaryResult',
      refGuid: id,
      subject: `summary:${head.agentCode}:${str(h, 'copNo')}`,
      returnStatus: 399,
      fields: { guid: id.toUpperCase(), customsCode: customs, sumNo, declSeqNo, entryId, decState: '10', agentCode: head.agentCode, agentName: str(h, 'agentName'), ebcCode: head.ebcCode, ebcName: str(h, 'ebcName'), declAgentCode: str(h, 'declAgentCode'), declAgentName: str(h, 'declAgentName'), grossWeight: row.gross_weight, netWeight: row.net_weight, msgCount: '1', msgSeqNo: '1', returnInfo: `汇总生成报关单 ${entryId} / summarised into declaration ${entryId}` },
      nodeValue: (f) => ({
        SummaryResultHead: { guid: f.guid, customsCode: f.customsCode, sumNo: f.sumNo, opDate: f.returnTime, declSeqNo: f.declSeqNo, entryId: f.entryId, decState: f.decState, agentCode: f.agentCode, agentName: f.agentName, ebcCode: f.ebcCode, ebcName: f.ebcName, declAgentCode: f.declAgentCode, declAgentName: f.declAgentName, grossWeight: f.grossWeight, netWeight: f.netWeight, msgCount: f.msgCount, msgSeqNo: f.msgSeqNo },
        SummaryResultList: lines.map((l, i) => ({ invtNo: l.invtNo, logisticsNo: byInvt.get(l.invtNo)!.logistics_key!.split(':')[2]!, gseqno: String(i + 1), gnum: String(l.gnum), gcode: l.gcode })),
      }),
    }], b.now));
    return { ok: true, status: 399, info: `汇总审结，报关单 ${entryId} / summary concluded, declaration ${entryId}`, extra: { sumNo } };
  }

  return { attach, detach, undecided, evaluateAll, expire, arrival, departure, bill, cancel, summary, rowOf };
}

export type ExportFlow = ReturnType<typeof createExportFlow>;

/** The next 9-digit serial of customs declarations (summaries and B2B entries) in a district and year. */
export async function nextSerial(sql: HotSql, customs: string, year: string): Promise<string> {
  const prefix = `${customs}${year}0`;
  const rows = await sql.all<{ m: string | null }>('select max(entry_id) as m from clearance_summary where entry_id like ? union all select max(entry_id) as m from clearance_export_entry where entry_id like ?', [`${prefix}%`, `${prefix}%`]);
  const top = rows.map((r) => (r.m ? Number(r.m.slice(prefix.length)) : 0)).reduce((a, c) => Math.max(a, c), 0);
  return String(top + 1).padStart(9, '0');
}

/** Adds decimal strings exactly (weights), to at most 5 places. */
export function sumDecimals(values: string[]): string {
  let total = 0n;
  for (const v of values) {
    const [i, f = ''] = (v || '0').split('.');
    total += BigInt(i || '0') * 100000n + BigInt((f + '00000').slice(0, 5));
  }
  const s = total.toString().padStart(6, '0');
  return `${s.slice(0, -5)}.${s.slice(-5)}`.replace(/0+$/, '').replace(/\.$/, '');
}

export const money = formatYuan;
