/**
 * One ingestion batch's export declarations (the match records of export orders): read as asked, kept in
 * memory while the batch's messages are handled, written back at the end with multi-row statements.
 */
import { chunks, marks, valuesList, type HotSql, type SqlValue } from '../../platform/db/hot.js';
import type { ExportList } from './export.types.js';
import type { ClearanceTables } from './migrations.js';

export type ExportRow = ClearanceTables['clearance_export'];
const COLUMNS = ['id', 'ebp_code', 'order_no', 'order_id', 'receipt_id', 'waybill_id', 'list_id', 'cop_no', 'agent_code', 'ebc_code', 'owner_code', 'logistics_key', 'trade_mode', 'statistics_flag', 'customs_code', 'port_code', 'country', 'traf_mode', 'currency', 'invt_no', 'status', 'reasons_json', 'deadline', 'goods_fen', 'collected_fen', 'gross_weight', 'net_weight', 'ie_date', 'arrived_at', 'bill_no', 'departed_at', 'summary_id', 'cancelled_at', 'created_at', 'updated_at', 'decided_at', 'released_at'] as const;

export const waybillKey = (logisticsCode: string, logisticsNo: string) => `e-waybill:${logisticsCode}:${logisticsNo}`;


/** One batch's export declarations: read as asked, kept in memory, written back at the end. */
export function createExportStore(sql: HotSql) {
  const lock = sql.dialect === 'postgres' ? ' for update' : '';
  const rows = new Map<string, ExportRow>();
  const dirty = new Set<string>();
  const seen = new Map<string, string | null>(); // "what:key" -> id
  let lines: Array<{ exportId: string; values: SqlValue[] }> = [];

  const keep = (r: ExportRow) => {
    const had = rows.get(r.id);
    if (had) return had;
    rows.set(r.id, { ...r, goods_fen: r.goods_fen === null ? null : Number(r.goods_fen), collected_fen: r.collected_fen === null ? null : Number(r.collected_fen) });
    return rows.get(r.id)!;
  };
  async function one(what: string, where: string, params: SqlValue[]): Promise<ExportRow | null> {
    const k = `${what}:${params.join('\n')}`;
    // Asked before: every row read is in memory, and the in-memory look-up that runs first found none.
    if (seen.has(k)) return null;
    const found = (await sql.all<ExportRow>(`select * from clearance_export where ${where} order by created_at limit 1${lock}`, params))[0];
    const r = found ? keep(found) : null;
    seen.set(k, r?.id ?? null);
    return r;
  }
  // In-memory rows made or changed in this batch win over what the store says.
  const inMemory = (pred: (r: ExportRow) => boolean) => [...rows.values()].find(pred) ?? null;

  return {
    /** Reads, set-wise, the declarations of the orders and waybills a batch names (one query per platform). */
    async preload(orders: Array<[string, string]>, logisticsKeys: string[]) {
      const wanted = orders.filter(([e, o]) => !seen.has(`order:${e}\n${o}`));
      for (const [e, o] of wanted) seen.set(`order:${e}\n${o}`, null);
      for (const ebp of new Set(wanted.map(([e]) => e))) {
        const nos = [...new Set(wanted.filter(([e]) => e === ebp).map(([, o]) => o))];
        for (const part of chunks(nos, 400)) {
          for (const r of await sql.all<ExportRow>(`select * from clearance_export where ebp_code = ? and order_no in (${marks(part.length)})${lock}`, [ebp, ...part])) keep(r);
        }
      }
      const keys = [...new Set(logisticsKeys.filter((k) => !seen.has(`logistics:${k}`)))];
      for (const k of keys) seen.set(`logistics:${k}`, null);
      for (const part of chunks(keys, 400)) {
        for (const r of await sql.all<ExportRow>(`select * from clearance_export where logistics_key in (${marks(part.length)}) and list_id is not null${lock}`, part)) keep(r);
      }
    },
    async byOrder(ebpCode: string, orderNo: string) {
      return inMemory((r) => r.ebp_code === ebpCode && r.order_no === orderNo) ?? one('order', 'ebp_code = ? and order_no = ?', [ebpCode, orderNo]);
    },
    async byLogistics(key: string) {
      return inMemory((r) => r.logistics_key === key && !!r.list_id) ?? one('logistics', 'logistics_key = ? and list_id is not null', [key]);
    },
    async byCop(agentCode: string, copNo: string) {
      return inMemory((r) => r.agent_code === agentCode && r.cop_no === copNo) ?? one('cop', 'agent_code = ? and cop_no = ?', [agentCode, copNo]);
    },
    async byInvtNos(invtNos: string[]): Promise<ExportRow[]> {
      const out: ExportRow[] = [];
      for (const part of chunks([...new Set(invtNos)], 400)) {
        for (const r of await sql.all<ExportRow>(`select * from clearance_export where invt_no in (${marks(part.length)})${lock}`, part)) out.push(keep(r));
      }
      return out;
    },
    async released(agentCode: string, ebcCode: string, from: string, to: string): Promise<ExportRow[]> {
      const found = await sql.all<ExportRow>(`select * from clearance_export where agent_code = ? and ebc_code = ? and released_at >= ? and released_at <= ? and status = 899 and summary_id is null and cancelled_at is null and statistics_flag = 'B'${lock}`, [agentCode, ebcCode, from, to]);
      return found.map(keep);
    },
    get: (id: string) => rows.get(id),
    add(r: ExportRow) {
      rows.set(r.id, r);
      dirty.add(r.id);
    },
    change(r: ExportRow, set: Partial<ExportRow>) {
      Object.assign(r, set);
      dirty.add(r.id);
    },
    addLines(exportId: string, l: ExportList) {
      for (const x of l.lines) lines.push({ exportId, values: [exportId, x.gnum, x.itemNo || null, x.itemName, x.gcode, x.gname, x.unit, x.qty, null, null, x.price, x.totalPriceFen, x.currency || l.fCurrency] });
    },
    async flush() {
      const changed = [...dirty].map((id) => rows.get(id)!);
      const set = COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ');
      for (const part of chunks(changed, 25)) {
        await sql.run(`insert into clearance_export (${COLUMNS.join(', ')}) values ${valuesList(part.length, COLUMNS.length)} on conflict (id) do update set ${set}`, part.flatMap((r) => COLUMNS.map((c) => r[c] as SqlValue)));
      }
      dirty.clear();
      for (const part of chunks(lines, 60)) {
        await sql.run(`insert into clearance_export_line (export_id, gnum, item_no, item_name, gcode, gname, unit, qty, unit1, qty1, price, total_fen, currency) values ${valuesList(part.length, 13)} on conflict (export_id, gnum) do nothing`, part.flatMap((p) => p.values));
      }
      lines = [];
    },
  };
}
export type ExportStore = ReturnType<typeof createExportStore>;

