/**
 * Export work done over the API rather than by message: summary applications built from the console
 * (sent through the same ingestion as a CEB701), B2B customs declarations (9710/9810 报关单, attached
 * document 10000004 naming the platform order or the booking order customs matches them against), and
 * export returns (goods back unchanged within the window, DOMAIN.md §4) linked to list and declaration.
 */
import { sql } from 'kysely';
import { forbidden, invalid, notFound, rejected } from '../../kernel/errors.js';
import { newGuid, newId } from '../../kernel/ids.js';
import { chaptersOf } from '../../kernel/regulation.js';
import { formatYuan, parseDecimal, parseYuan, roundHalfUp } from '../../kernel/money.js';
import { actorOf, type Principal } from '../../platform/http/principal.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Clock } from '../../kernel/clock.js';
import type { Sealer } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import type { HotSql, HotStore } from '../../platform/db/hot.js';
import { isRegulator } from '../identity/index.js';
import { cebReturnTime, LOCK_KEY } from './receipts.js';
import type { Reason } from './decision.rules.js';
import { shanghaiDate } from './evaluate.service.js';
import { nextSerial } from './export.service.js';
import { cebView } from './export-query.service.js';
import type { BookingLookup } from './export.types.js';
import type { ExportList, ExportOrder } from './export.types.js';
import type { Ingest } from './ingest.service.js';
import type { ClearanceTables } from './migrations.js';
import type { ClearanceReference, ClearanceRegistry, FilingView } from './ports.js';

export interface ExportActionDeps {
  db: Db;
  hot: HotStore;
  clock: Clock;
  audit: AuditLog;
  sealer: Sealer;
  registry: ClearanceRegistry;
  reference: ClearanceReference;
  bookings?: BookingLookup;
}

export interface EntryInput {
  copNo: string;
  tradeMode: '9710' | '9810';
  ebcCode: string;
  ebpCode?: string;
  customsCode: string;
  portCode: string;
  country: string;
  currency: string;
  attachedNo: string;
  lines: Array<{ gcode: string; gname: string; qty: string; unit: string; price: string; totalPrice: string }>;
}

export interface ReturnInput {
  /** The departed list the goods left by, or else… */
  invtNo?: string | undefined;
  /** …the released 9710/9810 declaration. */
  entryId?: string | undefined;
  reason: string;
  returnedOn: string;
  lines: Array<{ gnum: number; qty: string }>;
}

const text = (zh: string, en: string) => ({ zh, en });
type EntryRow = ClearanceTables['clearance_export_entry'];

export function createExportActions(deps: ExportActionDeps, ingest: Ingest) {
  const db = deps.db.withTables<ClearanceTables>();

  async function caller(p: Principal, role: string): Promise<FilingView> {
    const f = p.role === 'enterprise' && p.enterpriseId ? await deps.registry.byId(p.enterpriseId) : null;
    if (!f) throw forbidden('clearance.enterprise_only', text('此操作须由企业用户或其 API 密钥进行', 'this is done by an enterprise user or its API key'));
    if (!f.approved || !f.roles.includes(role)) throw forbidden('clearance.sender_role', text(`此操作须由备案通过的${role}企业进行`, `this needs an approved enterprise filed as ${role}`), { role });
    return f;
  }

  /** Builds a summary application (CEB701) from the console and sends it through ingestion like any other. */
  async function applySummary(p: Principal, input: { invtNos: string[]; summaryFlag: '1' | '2'; itemNameFlag?: '1' | undefined; declAgentCode?: string | undefined }) {
    const agent = await caller(p, 'agent');
    const rows = await db.selectFrom('clearance_export').selectAll().where('invt_no', 'in', input.invtNos).where('agent_code', 'in', [agent.customsCode, agent.uscc]).execute();
    const first = rows[0];
    if (!first) throw rejected('clearance.summary_list_not_found', text(`申报企业 ${agent.customsCode} 没有这些清单`, `agent ${agent.customsCode} has none of these lists`), { invtNos: input.invtNos });
    const ebc = await deps.registry.byCode(first.ebc_code!);
    const declAgent = input.declAgentCode ? await deps.registry.byCode(input.declAgentCode) : agent;
    if (!declAgent) throw invalid('clearance.decl_agent_not_filed', text(`报关单位 ${input.declAgentCode} 未备案`, `declaring unit ${input.declAgentCode} has no filing`), { field: 'declAgentCode' });
    const now = deps.clock.now();
    const copNo = `SUM${cebReturnTime(now).slice(0, 14)}${newId().slice(0, 6).toUpperCase()}`;
    const message = {
      messageType: 'CEB701',
      guid: newGuid(),
      version: '1.0',
      SummaryApply: [{
        SummaryApplyHead: {
          guid: newGuid(), appType: '1', appTime: cebReturnTime(now).slice(0, 14), appStatus: '2', customsCode: first.customs_code!, copNo,
          agentCode: first.agent_code!, agentName: agent.name, ebcCode: first.ebc_code!, ebcName: ebc?.name ?? first.ebc_code!, declAgentCode: declAgent.customsCode, declAgentName: declAgent.name,
          summaryFlag: input.summaryFlag, itemNameFlag: input.itemNameFlag ?? '0', msgCount: '1', msgSeqNo: '1',
        },
        SummaryApplyList: input.invtNos.map((invtNo) => ({ invtNo })),
      }],
      BaseTransfer: { copCode: first.agent_code!, copName: agent.name, dxpMode: 'DXP', dxpId: `DXPENT${first.agent_code!.slice(-10)}` },
    };
    const [receipt] = await ingest.submit(p, [message]);
    if (!receipt || receipt.returnStatus !== '399') {
      const info = receipt?.returnInfo ?? '';
      const code = info.split(':')[0] || 'clearance.summary_refused';
      const rest = info.slice(code.length + 1).trim();
      const [zh, en] = rest.includes(' / ') ? [rest.slice(0, rest.indexOf(' / ')), rest.slice(rest.indexOf(' / ') + 3)] : [rest, rest];
      throw rejected(code, text(zh || '汇总申请未通过', en || 'the summary application was refused'), { invtNos: input.invtNos });
    }
    const s = await db.selectFrom('clearance_summary').selectAll().where('sum_no', '=', receipt.fields.sumNo!).executeTakeFirstOrThrow();
    return { sumNo: s.sum_no, copNo: s.cop_no, entryId: s.entry_id, declSeqNo: s.decl_seq_no, decState: s.dec_state, lists: Number(s.list_count), goodsValue: formatYuan(Number(s.goods_fen)), currency: s.currency };
  }

  /** Serialises with clearance's other writers (PostgreSQL: the receipts' advisory lock). */
  const write = <T>(fn: (trx: Db, hot: HotSql) => Promise<T>) =>
    deps.hot.transaction(async ({ sql: hot, trx }) => {
      if (hot.dialect === 'postgres') await hot.run('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
      return fn(trx, hot);
    });

  /** A B2B customs declaration (9710/9810) matched against the platform order or the booking order. */
  async function fileEntry(p: Principal, input: EntryInput) {
    const agent = await caller(p, 'agent');
    const today = shanghaiDate(deps.clock.now());
    const lines = input.lines.map((l, i) => {
      const field = (f: string) => `lines[${i}].${f}`;
      if (!/^\d{10}$/.test(l.gcode)) throw invalid('clearance.entry_gcode', text(`${field('gcode')} 须为 10 位商品编码：${l.gcode}`, `${field('gcode')} must be a 10-digit HS code: ${l.gcode}`), { field: field('gcode') });
      const qty = parseDecimal(l.qty, field('qty'));
      if (qty.units <= 0n || qty.scale > 5) throw invalid('clearance.entry_qty', text(`${field('qty')} 须为大于 0、至多 5 位小数的数量：${l.qty}`, `${field('qty')} must be above 0 with at most 5 decimals: ${l.qty}`), { field: field('qty') });
      parseDecimal(l.price, field('price'));
      return { gnum: i + 1, gcode: l.gcode, gname: l.gname, qty: l.qty, unit: l.unit, price: l.price, totalFen: parseYuan(l.totalPrice, field('totalPrice')) };
    });
    for (const l of lines) {
      if (!(await deps.reference.hsKnown(l.gcode, today))) throw invalid('clearance.entry_gcode_unknown', text(`第 ${l.gnum} 项商品编码 ${l.gcode} 不在税则中`, `line ${l.gnum}: gcode ${l.gcode} is not in the tariff`), { field: `lines[${l.gnum - 1}].gcode` });
    }
    const goodsFen = lines.reduce((s, l) => s + l.totalFen, 0);
    const ebc = await deps.registry.byCode(input.ebcCode);
    if (!ebc || !ebc.approved) throw invalid('clearance.party_not_filed', text(`收发货人 ${input.ebcCode} 没有通过审核的备案`, `consignor ${input.ebcCode} has no approved filing`), { field: 'ebcCode' });
    if (input.tradeMode === '9710' && !input.ebpCode) throw invalid('clearance.entry_ebp_required', text('9710 报关单须填写电商平台代码 ebpCode', 'a 9710 declaration needs the platform code ebpCode'), { field: 'ebpCode' });

    // What customs compares the declaration against (attached document 10000004).
    const reasons: Reason[] = [];
    const r = (code: string, zh: string, en: string, details?: Record<string, unknown>) => reasons.push({ code, message: { zh, en }, ...(details ? { details } : {}) });
    if (input.tradeMode === '9710') {
      const doc = await db.selectFrom('clearance_document').select(['body']).where('business_key', '=', `e-order:${input.ebpCode}:${input.attachedNo}`).executeTakeFirst();
      if (!doc) r('clearance.entry_order_not_found', `电商平台 ${input.ebpCode} 没有订单 ${input.attachedNo}`, `platform ${input.ebpCode} has no order ${input.attachedNo}`, { attachedNo: input.attachedNo });
      else {
        const o = JSON.parse(deps.sealer.open(doc.body)) as ExportOrder;
        if (o.ebcCode !== input.ebcCode) r('clearance.export_mismatch', `订单收发货人 ${o.ebcCode} ≠ 报关单 ${input.ebcCode}`, `order ebcCode ${o.ebcCode} != declaration ${input.ebcCode}`);
        if (o.currency !== input.currency) r('clearance.export_mismatch', `订单币制 ${o.currency} ≠ 报关单 ${input.currency}`, `order currency ${o.currency} != declaration ${input.currency}`);
        if (o.goodsValueFen !== goodsFen) r('clearance.export_mismatch', `订单货值 ${formatYuan(o.goodsValueFen)} ≠ 报关单 ${formatYuan(goodsFen)}`, `order goodsValue ${formatYuan(o.goodsValueFen)} != declaration ${formatYuan(goodsFen)}`);
      }
    } else {
      const b = deps.bookings ? await deps.bookings(input.ebcCode, input.attachedNo) : null;
      if (!b) r('clearance.entry_booking_not_found', `收发货人 ${input.ebcCode} 没有订仓单 ${input.attachedNo}`, `consignor ${input.ebcCode} has no booking order ${input.attachedNo}`, { attachedNo: input.attachedNo });
      else {
        if (!b.warehouseApproved) r('clearance.warehouse_not_approved', `海外仓 ${b.warehouseName} 备案尚未通过审核`, `overseas warehouse ${b.warehouseName} is not approved`);
        if (b.country !== input.country) r('clearance.export_mismatch', `订仓单运抵国 ${b.country} ≠ 报关单 ${input.country}`, `booking country ${b.country} != declaration ${input.country}`);
        if (b.goodsFen !== goodsFen) r('clearance.export_mismatch', `订仓单货值 ${formatYuan(b.goodsFen)} ≠ 报关单 ${formatYuan(goodsFen)}`, `booking value ${formatYuan(b.goodsFen)} != declaration ${formatYuan(goodsFen)}`);
      }
    }
    const matched = reasons.length === 0;
    const now = deps.clock.now();
    return write(async (trx, hot) => {
      const dup = await trx.withTables<ClearanceTables>().selectFrom('clearance_export_entry').select('entry_id').where('agent_code', '=', agent.customsCode).where('cop_no', '=', input.copNo).executeTakeFirst();
      if (dup) throw rejected('clearance.duplicate', text(`报关单 ${input.copNo} 已申报：${dup.entry_id}`, `declaration ${input.copNo} was already filed: ${dup.entry_id}`), { entryId: dup.entry_id });
      // The platform order (9710) or booking (9810) goes out once: by one list or by one declaration.
      const t = trx.withTables<ClearanceTables>();
      const twin = await t.selectFrom('clearance_export_entry').select('entry_id').where('trade_mode', '=', input.tradeMode).where('attached_no', '=', input.attachedNo).where('ebc_code', '=', input.ebcCode).where('status', '!=', 100).executeTakeFirst();
      if (twin) throw rejected('clearance.entry_already_declared', text(`${input.attachedNo} 已由报关单 ${twin.entry_id} 申报`, `${input.attachedNo} is already declared by declaration ${twin.entry_id}`), { field: 'attachedNo', entryId: twin.entry_id });
      let byList = t.selectFrom('clearance_export').select(['cop_no', 'agent_code']).where('order_no', '=', input.attachedNo).where('list_id', 'is not', null).where('status', '!=', 100).where('cancelled_at', 'is', null);
      byList = input.tradeMode === '9710' ? byList.where('ebp_code', '=', input.ebpCode!) : byList.where('ebc_code', '=', input.ebcCode).where('trade_mode', '=', '9810');
      const listed = await byList.executeTakeFirst();
      if (listed) throw rejected('clearance.order_has_list', text(`${input.attachedNo} 已由清单 ${listed.cop_no ?? ''}（${listed.agent_code ?? ''}）申报`, `${input.attachedNo} is already declared by list ${listed.cop_no ?? ''} (${listed.agent_code ?? ''})`), { field: 'attachedNo', copNo: listed.cop_no });
      const year = today.slice(0, 4);
      const serial = await nextSerial(hot, input.customsCode, year);
      const row: EntryRow = {
        id: newId(), entry_id: `${input.customsCode}${year}0${serial}`, cop_no: input.copNo, trade_mode: input.tradeMode, ebc_code: input.ebcCode, agent_code: agent.customsCode, ebp_code: input.ebpCode ?? null,
        customs_code: input.customsCode, port_code: input.portCode, country: input.country, currency: input.currency, goods_fen: goodsFen, collected_fen: 0, attached_type: '10000004', attached_no: input.attachedNo,
        match_status: matched ? 'matched' : 'unmatched', match_json: JSON.stringify(reasons), lines_json: JSON.stringify(lines), status: matched ? 800 : 300, sender_id: p.enterpriseId!, created_at: now.toISOString(), released_at: matched ? now.toISOString() : null,
      };
      await trx.withTables<ClearanceTables>().insertInto('clearance_export_entry').values(row).execute();
      await deps.audit.append(trx, { actor: actorOf(p), action: 'clearance.export_entry.file', subject: `entry:${row.entry_id}`, after: { tradeMode: row.trade_mode, attachedNo: row.attached_no, matchStatus: row.match_status } });
      return { entryId: row.entry_id, matchStatus: row.match_status, reasons };
    });
  }

  async function scope(p: Principal): Promise<string[] | null> {
    if (p.role === 'admin' || isRegulator(p)) return null;
    const f = p.role === 'enterprise' && p.enterpriseId ? await deps.registry.byId(p.enterpriseId) : null;
    return f ? [f.customsCode, f.uscc] : [];
  }

  const entryView = (e: EntryRow) => ({ entryId: e.entry_id, copNo: e.cop_no, tradeMode: e.trade_mode, ebcCode: e.ebc_code, agentCode: e.agent_code, attachedNo: e.attached_no, matchStatus: e.match_status, goodsValue: formatYuan(Number(e.goods_fen)), currency: e.currency, status: String(e.status), createdAt: e.created_at });

  async function entries(p: Principal, f: { tradeMode?: string; matchStatus?: string; q?: string; limit: number; offset: number }) {
    const codes = await scope(p);
    let q = db.selectFrom('clearance_export_entry').selectAll();
    if (codes) q = q.where((eb) => eb.or([eb('agent_code', 'in', codes.length ? codes : ['']), eb('ebc_code', 'in', codes.length ? codes : ['']), eb('ebp_code', 'in', codes.length ? codes : [''])]));
    if (f.tradeMode) q = q.where('trade_mode', '=', f.tradeMode);
    if (f.matchStatus) q = q.where('match_status', '=', f.matchStatus);
    if (f.q) q = q.where((eb) => eb.or([eb('entry_id', '=', f.q!), eb('cop_no', '=', f.q!), eb('attached_no', '=', f.q!)]));
    const total = await q.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
    return { total: Number(total.n), items: rows.map(entryView) };
  }

  async function entry(p: Principal, entryId: string) {
    const codes = await scope(p);
    const e = await db.selectFrom('clearance_export_entry').selectAll().where('entry_id', '=', entryId).executeTakeFirst();
    if (!e || (codes && ![e.agent_code, e.ebc_code, e.ebp_code].some((c) => c && codes.includes(c)))) throw notFound('clearance.entry_not_found', text(`没有报关单：${entryId}`, `no such declaration: ${entryId}`), { entryId });
    const lines = JSON.parse(e.lines_json) as Array<{ gnum: number; gcode: string; gname: string; qty: string; unit: string; price: string; totalFen: number }>;
    // What customs compares it against: the platform's order (9710) or the booking order (9810), as filed.
    let document: Record<string, unknown> | null = null;
    if (e.trade_mode === '9710' && e.ebp_code) {
      const doc = await db.selectFrom('clearance_document').select('body').where('business_key', '=', `e-order:${e.ebp_code}:${e.attached_no}`).executeTakeFirst();
      document = doc ? (cebView(JSON.parse(deps.sealer.open(doc.body))) as Record<string, unknown>) : null;
    } else if (e.trade_mode === '9810' && deps.bookings) {
      const b = await deps.bookings(e.ebc_code, e.attached_no);
      document = b ? { bookingNo: b.bookingNo, warehouseName: b.warehouseName, country: b.country, warehouseApproved: b.warehouseApproved, goodsValue: formatYuan(b.goodsFen) } : null;
    }
    const attached = { type: e.attached_type, no: e.attached_no, kind: e.trade_mode === '9710' ? 'order' : 'booking', document };
    return { ...entryView(e), customsCode: e.customs_code, portCode: e.port_code, country: e.country, ebpCode: e.ebp_code, attached, reasons: JSON.parse(e.match_json) as Reason[], lines: lines.map((l) => ({ gnum: l.gnum, gcode: l.gcode, gname: l.gname, qty: l.qty, unit: l.unit, price: l.price, totalPrice: formatYuan(l.totalFen) })) };
  }

  /** Customs releases or rejects a declaration that did not match its order or booking. */
  async function decideEntry(p: Principal, entryId: string, decision: 'release' | 'reject', reason: string) {
    return write(async (trx) => {
      const t = trx.withTables<ClearanceTables>();
      const e = await t.selectFrom('clearance_export_entry').selectAll().where('entry_id', '=', entryId).executeTakeFirst();
      if (!e) throw notFound('clearance.entry_not_found', text(`没有报关单：${entryId}`, `no such declaration: ${entryId}`), { entryId });
      if (e.status !== 300) throw rejected('clearance.entry_decided', text(`报关单 ${entryId} 已审结（状态 ${e.status}）`, `declaration ${entryId} is already decided (status ${e.status})`));
      const status = decision === 'release' ? 800 : 100;
      const at = deps.clock.now().toISOString();
      await t.updateTable('clearance_export_entry').set({ status, released_at: status === 800 ? at : null }).where('id', '=', e.id).execute();
      await deps.audit.append(trx, { actor: actorOf(p), action: `clearance.export_entry.${decision}`, subject: `entry:${entryId}`, before: { status: e.status }, after: { status, reason } });
      return { entryId, status: String(status) };
    });
  }

  /**
   * An export return: goods back unchanged within the window, so the tax side can exempt them. It names a
   * departed list (`invtNo`) or a released B2B declaration (`entryId`, 9710/9810), never both.
   */
  async function fileReturn(p: Principal, input: ReturnInput) {
    // The declaring agent or the consignor files it.
    const who = await caller(p, 'agent').catch(() => caller(p, 'ebc'));
    const now = deps.clock.now();
    const today = shanghaiDate(now);
    const params = (await deps.reference.regulationAt(today)).params;
    if (!input.invtNo === !input.entryId) throw invalid('clearance.return_target', text('退货须指明出口清单 invtNo 或报关单 entryId，二者选一', 'a return names either the export list (invtNo) or the declaration (entryId), one of them'), { field: input.invtNo ? 'entryId' : 'invtNo' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.returnedOn) || input.returnedOn > today) throw invalid('clearance.return_date', text(`returnedOn 须为不晚于今天的日期：${input.returnedOn}`, `returnedOn must be a date no later than today: ${input.returnedOn}`), { field: 'returnedOn' });
    const mineOf = (codes: Array<string | null>) => codes.some((c) => !!c && (c === who.customsCode || c === who.uscc));
    return write(async (trx) => {
      const t = trx.withTables<ClearanceTables>();
      // What went out: its id, consignor, declaration, the day it left and its lines.
      let target: { id: string; invtNo: string | null; entryId: string | null; ebcCode: string; currency: string | null; exportedAt: string; lines: Array<{ gnum: number; gcode: string; qty: string; totalFen: number }> };
      if (input.invtNo) {
        const e = await t.selectFrom('clearance_export').selectAll().where('invt_no', '=', input.invtNo).executeTakeFirst();
        if (!e || !mineOf([e.agent_code, e.ebc_code])) throw notFound('clearance.inventory_not_found', text(`没有出口清单：${input.invtNo}`, `no such export list: ${input.invtNo}`), { invtNo: input.invtNo });
        // Goods come back only after they left: the window runs from the departure (出口之日).
        if (e.cancelled_at || e.status !== 899 || !e.departed_at) throw rejected('clearance.return_not_exported', text(`清单 ${input.invtNo} 的货物尚未离境出口，不能退货`, `the goods of list ${input.invtNo} have not left the country, so they cannot come back as a return`), { status: e.status });
        const listDoc = await t.selectFrom('clearance_document').select('body').where('id', '=', e.list_id!).executeTakeFirstOrThrow();
        const l = JSON.parse(deps.sealer.open(listDoc.body)) as ExportList;
        const summary = e.summary_id ? await t.selectFrom('clearance_summary').select('entry_id').where('id', '=', e.summary_id).executeTakeFirst() : undefined;
        target = { id: e.id, invtNo: input.invtNo, entryId: summary?.entry_id ?? null, ebcCode: e.ebc_code!, currency: e.currency, exportedAt: e.departed_at, lines: l.lines.map((x) => ({ gnum: x.gnum, gcode: x.gcode, qty: x.qty, totalFen: x.totalPriceFen })) };
      } else {
        const x = await t.selectFrom('clearance_export_entry').selectAll().where('entry_id', '=', input.entryId!).executeTakeFirst();
        if (!x || !mineOf([x.agent_code, x.ebc_code])) throw notFound('clearance.entry_not_found', text(`没有报关单：${input.entryId}`, `no such declaration: ${input.entryId}`), { entryId: input.entryId });
        // A B2B declaration's goods are exported on its release.
        if (x.status !== 800 || !x.released_at) throw rejected('clearance.return_not_exported', text(`报关单 ${input.entryId} 未放行出口，不能退货`, `declaration ${input.entryId} was not released for export, so nothing can come back`), { status: x.status });
        const lines = JSON.parse(x.lines_json) as Array<{ gnum: number; gcode: string; qty: string; totalFen: number }>;
        target = { id: x.id, invtNo: null, entryId: x.entry_id, ebcCode: x.ebc_code, currency: x.currency, exportedAt: x.released_at, lines };
      }
      const what = target.invtNo ? { zh: '清单', en: 'list' } : { zh: '报关单', en: 'declaration' };
      const exported = shanghaiDate(new Date(target.exportedAt));
      const limit = addMonths(exported, params.exportReturnMonths);
      if (input.returnedOn > limit) throw rejected('clearance.return_window', text(`退货日期 ${input.returnedOn} 超过出口（${exported}）后 ${params.exportReturnMonths} 个月（${limit}）`, `returned on ${input.returnedOn}, past ${params.exportReturnMonths} months after export on ${exported} (${limit})`), { exported, limit });
      if (input.returnedOn < exported) throw invalid('clearance.return_date', text(`退货日期 ${input.returnedOn} 早于出口日期 ${exported}`, `returned on ${input.returnedOn}, before export on ${exported}`), { field: 'returnedOn' });
      const excluded = chaptersOf(params.exportReturnExcludedChapters);
      const earlier = await t.selectFrom('clearance_export_return').select('lines_json').where('export_id', '=', target.id).execute();
      const back = new Map<number, bigint>();
      for (const r of earlier) for (const x of JSON.parse(r.lines_json) as Array<{ gnum: number; qty: string }>) back.set(x.gnum, (back.get(x.gnum) ?? 0n) + e5(x.qty));
      let returnedFen = 0;
      for (const [i, x] of input.lines.entries()) {
        const line = target.lines.find((y) => y.gnum === x.gnum);
        if (!line) throw invalid('clearance.return_line', text(`lines[${i}].gnum：${what.zh}没有第 ${x.gnum} 项`, `lines[${i}].gnum: the ${what.en} has no line ${x.gnum}`), { field: `lines[${i}].gnum` });
        if (excluded.has(line.gcode.slice(0, 2))) throw rejected('clearance.return_excluded', text(`第 ${x.gnum} 项 ${line.gcode}（第 ${line.gcode.slice(0, 2)} 章，食品）不适用出口退货免税`, `line ${x.gnum} ${line.gcode} (chapter ${line.gcode.slice(0, 2)}, food) cannot come back tax free`), { gnum: x.gnum });
        const q = e5(x.qty);
        const left = e5(line.qty) - (back.get(x.gnum) ?? 0n);
        if (q <= 0n || q > left) throw rejected('clearance.return_qty', text(`第 ${x.gnum} 项退货数量 ${x.qty} 须大于 0 且不超过未退数量 ${fromE5(left)}`, `line ${x.gnum}: return quantity ${x.qty} must be above 0 and at most the ${fromE5(left)} not yet returned`), { gnum: x.gnum, left: fromE5(left) });
        returnedFen += Number(roundHalfUp(BigInt(line.totalFen) * q, e5(line.qty)));
      }
      // A declaration's return keeps the declaration's id where a list's keeps the list's (export_id).
      const row: ClearanceTables['clearance_export_return'] = { id: newId(), export_id: target.id, invt_no: target.invtNo ?? '', entry_id: target.entryId, ebc_code: target.ebcCode, reason: input.reason, lines_json: JSON.stringify(input.lines), returned_fen: returnedFen, returned_on: input.returnedOn, sender_id: p.enterpriseId!, created_at: now.toISOString() };
      await t.insertInto('clearance_export_return').values(row).execute();
      await deps.audit.append(trx, { actor: actorOf(p), action: 'clearance.export_return.file', subject: target.invtNo ? `inventory:${target.invtNo}` : `entry:${target.entryId}`, after: { lines: input.lines, returnedFen, entryId: row.entry_id } });
      return { id: row.id, invtNo: target.invtNo, entryId: row.entry_id, returnedOn: row.returned_on, amount: formatYuan(returnedFen), currency: target.currency };
    });
  }

  async function returns(p: Principal, f: { invtNo?: string; entryId?: string; limit: number; offset: number }) {
    const codes = await scope(p);
    let q = db.selectFrom('clearance_export_return').selectAll();
    // The consignor's returns, and those of the lists the caller declared as agent.
    if (codes) {
      const mine = codes.length ? codes : [''];
      q = q.where((eb) => eb.or([eb('ebc_code', 'in', mine), eb('export_id', 'in', eb.selectFrom('clearance_export').select('id').where('agent_code', 'in', mine)), eb('export_id', 'in', eb.selectFrom('clearance_export_entry').select('id').where('agent_code', 'in', mine))]));
    }
    if (f.invtNo) q = q.where('invt_no', '=', f.invtNo);
    if (f.entryId) q = q.where('entry_id', '=', f.entryId);
    const total = await q.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const rows = await q.orderBy('created_at', 'desc').limit(f.limit).offset(f.offset).execute();
    return { total: Number(total.n), items: rows.map((r) => ({ id: r.id, invtNo: r.invt_no || null, entryId: r.entry_id, ebcCode: r.ebc_code, reason: r.reason, returnedOn: r.returned_on, amount: formatYuan(Number(r.returned_fen)), lines: JSON.parse(r.lines_json) as Array<{ gnum: number; qty: string }>, createdAt: r.created_at })) };
  }

  return { applySummary, fileEntry, entries, entry, decideEntry, fileReturn, returns };
}

export type ExportActions = ReturnType<typeof createExportActions>;

const e5 = (q: string) => {
  const d = parseDecimal(q, 'qty');
  if (d.scale > 5) throw invalid('clearance.return_qty', text(`数量至多 5 位小数：${q}`, `a quantity has at most 5 decimals: ${q}`), { value: q });
  return d.units * 10n ** BigInt(5 - d.scale);
};
const fromE5 = (u: bigint) => {
  const s = u.toString().padStart(6, '0');
  return `${s.slice(0, -5)}.${s.slice(-5)}`.replace(/0+$/, '').replace(/\.$/, '');
};

/** The same day `months` months later (the month's last day when it has fewer days). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
