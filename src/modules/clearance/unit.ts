/**
 * One batch's working set (unit of work): the documents, declarations and quota rows a batch reads, loaded
 * with a few set-wise queries, changed in memory while the batch's messages are handled in order, and
 * written back at the end with multi-row statements — a fixed number of statements per batch rather than
 * a dozen per document. On PostgreSQL the rows read are locked (FOR UPDATE) and clearance writes are
 * serialised on the receipts' advisory lock, so what is in memory stays true until commit.
 */
import type { Selectable } from 'kysely';
import type { Sealer } from '../../platform/crypto.js';
import { chunks, marks, valuesList, type HotSql, type SqlValue } from '../../platform/db/hot.js';
import type { ClearanceTables } from './migrations.js';
import type { DocReceipt, PendingReceipt, Receipts } from './receipts.js';

export type DocRow = Selectable<ClearanceTables['clearance_document']>;
export type DeclRow = Selectable<ClearanceTables['clearance_declaration']>;
/** A stored document as the batch needs it (its body stays sealed until asked for). */
export type DocKey = Pick<DocRow, 'id' | 'kind' | 'business_key' | 'ebp_code' | 'order_no' | 'status'>;

const DOC_COLUMNS = ['id', 'kind', 'message_type', 'guid', 'business_key', 'sender_id', 'ebp_code', 'order_no', 'link_key', 'app_type', 'status', 'body', 'receipt_json', 'received_at'] as const;
const DECL_COLUMNS = ['id', 'ebp_code', 'order_no', 'order_id', 'payment_id', 'waybill_id', 'list_id', 'cop_no', 'agent_code', 'ebc_code', 'logistics_key', 'trade_mode', 'status', 'buyer_key', 'year', 'dutiable_fen', 'tax_total_fen', 'tax_json', 'reasons_json', 'parties_json', 'deadline', 'created_at', 'updated_at', 'decided_at', 'returns_json', 'released_fen'] as const;
const EVENT_COLUMNS = ['waybill_key', 'kind', 'status', 'event_time', 'document_id', 'sender_id', 'note', 'received_at'] as const;
const IN_CHUNK = 400;
export type WaybillEvent = Omit<Selectable<ClearanceTables['clearance_waybill_event']>, 'seq'>;

/** A new or changed document: written with its acceptance receipt once that receipt has its cursor. */
export interface DocWrite {
  row: Omit<DocRow, 'receipt_json'>;
  receipt: DocReceipt;
}

interface QuotaRow {
  buyer_key: string;
  year: number;
  name_key: string;
  used_fen: number;
}

const orderKey = (ebpCode: string, orderNo: string) => `${ebpCode}\n${orderNo}`;

export function createUnit(hot: HotSql, deps: { sealer: Sealer; receipts: Receipts }) {
  const lock = hot.dialect === 'postgres' ? ' for update' : '';
  const guids = new Map<string, string>(); // guid -> stored receipt JSON
  const docs = new Map<string, DocKey | null>(); // business key -> stored document (null: none)
  const bodies = new Map<string, unknown>(); // document id -> opened body
  const decls = new Map<string, DeclRow>();
  const byOrder = new Map<string, string | null>();
  const byLogistics = new Map<string, string | null>();
  const quota = new Map<string, QuotaRow | null>();
  const dirtyDecls = new Set<string>();
  const dirtyQuota = new Set<string>();
  const usage = new Map<string, number>(); // buyer key, year, cap key -> used (1e-5 units)
  const dirtyUsage = new Set<string>();
  let inserts: DocWrite[] = [];
  let updates: DocWrite[] = [];
  let deletes: string[] = [];
  let receipts: PendingReceipt[] = [];
  let events: WaybillEvent[] = [];

  async function inList<T>(select: string, column: string, values: readonly SqlValue[], tail = '', extra: SqlValue[] = []): Promise<T[]> {
    const out: T[] = [];
    for (const part of chunks([...new Set(values)], IN_CHUNK)) {
      out.push(...(await hot.all<T>(`${select} where ${tail}${column} in (${marks(part.length)})${lock}`, [...extra, ...part])));
    }
    return out;
  }

  function keepDecl(d: DeclRow) {
    decls.set(d.id, d);
    byOrder.set(orderKey(d.ebp_code, d.order_no), d.id);
    if (d.logistics_key) byLogistics.set(d.logistics_key, d.id);
  }

  return {
    /** Stored receipts of guids already seen, so a repeat gets its original answer. */
    async loadGuids(list: string[]) {
      const missing = list.filter((g) => g && !guids.has(g));
      for (const r of await inList<{ guid: string; receipt_json: string }>('select guid, receipt_json from clearance_document', 'guid', missing)) guids.set(r.guid, r.receipt_json);
    },
    storedReceipt: (guid: string): string | undefined => guids.get(guid),

    async loadDocs(keys: string[]) {
      const missing = keys.filter((k) => !docs.has(k));
      for (const k of missing) docs.set(k, null);
      for (const r of await inList<DocKey>('select id, kind, business_key, ebp_code, order_no, status from clearance_document', 'business_key', missing)) docs.set(r.business_key, r);
    },
    async doc(key: string): Promise<DocKey | null> {
      if (!docs.has(key)) await this.loadDocs([key]);
      return docs.get(key) ?? null;
    },

    async loadDeclarations(orders: Array<[string, string]>, logisticsKeys: string[]) {
      const wanted = orders.filter(([e, o]) => !byOrder.has(orderKey(e, o)));
      for (const [e, o] of wanted) byOrder.set(orderKey(e, o), null);
      const ebps = [...new Set(wanted.map(([e]) => e))];
      for (const ebp of ebps) {
        const nos = wanted.filter(([e]) => e === ebp).map(([, o]) => o);
        for (const d of await inList<DeclRow>('select * from clearance_declaration', 'order_no', nos, 'ebp_code = ? and ', [ebp])) if (!decls.has(d.id)) keepDecl(d);
      }
      const lk = logisticsKeys.filter((k) => !byLogistics.has(k));
      for (const k of lk) byLogistics.set(k, null);
      for (const d of await inList<DeclRow>('select * from clearance_declaration', 'logistics_key', lk)) if (!decls.has(d.id)) keepDecl(d);
    },
    async declarationByOrder(ebpCode: string, orderNo: string): Promise<DeclRow | null> {
      const k = orderKey(ebpCode, orderNo);
      if (!byOrder.has(k)) await this.loadDeclarations([[ebpCode, orderNo]], []);
      const id = byOrder.get(k);
      return id ? decls.get(id)! : null;
    },
    async declarationByLogistics(key: string): Promise<DeclRow | null> {
      if (!byLogistics.has(key)) await this.loadDeclarations([], [key]);
      const id = byLogistics.get(key);
      return id ? decls.get(id)! : null;
    },
    declaration: (id: string) => decls.get(id),
    /** Declarations by id (those not yet in memory are read, and locked on PostgreSQL). */
    async loadDeclarationsById(ids: string[]) {
      for (const d of await inList<DeclRow>('select * from clearance_declaration', 'id', ids.filter((id) => !decls.has(id)))) keepDecl(d);
    },
    /** Declarations the caller has read itself (under the same locks). */
    keep(list: DeclRow[]) {
      for (const d of list) if (!decls.has(d.id)) keepDecl(d);
    },
    /** A declaration made in this batch (written at the end). */
    addDeclaration(d: DeclRow) {
      keepDecl(d);
      dirtyDecls.add(d.id);
    },
    /** Changes a declaration in memory; it is written at the end. */
    change(d: DeclRow, set: Partial<DeclRow>) {
      if (set.logistics_key !== undefined && d.logistics_key && byLogistics.get(d.logistics_key) === d.id) byLogistics.set(d.logistics_key, null);
      Object.assign(d, set);
      if (d.logistics_key) byLogistics.set(d.logistics_key, d.id);
      dirtyDecls.add(d.id);
    },

    /** Bodies of stored documents, opened; those of this batch's own documents are handed in by `keepBody`. */
    async loadBodies(ids: string[]) {
      const missing = ids.filter((id) => !bodies.has(id));
      for (const r of await inList<{ id: string; body: string }>('select id, body from clearance_document', 'id', missing)) bodies.set(r.id, JSON.parse(deps.sealer.open(r.body)));
    },
    keepBody(id: string, body: unknown) {
      bodies.set(id, body);
    },
    async body<T>(id: string | null): Promise<T | undefined> {
      if (!id) return undefined;
      if (!bodies.has(id)) await this.loadBodies([id]);
      return bodies.get(id) as T | undefined;
    },

    /** The buyers' quota rows for a year (made when absent; written at the end). */
    async loadQuota(year: number, buyers: Array<{ buyerKey: string; nameKey: string }>) {
      const missing = buyers.filter((b) => !quota.has(`${b.buyerKey}:${year}`));
      for (const r of await inList<QuotaRow>('select buyer_key, year, name_key, used_fen from clearance_quota', 'buyer_key', missing.map((b) => b.buyerKey), 'year = ? and ', [year])) {
        quota.set(`${r.buyer_key}:${year}`, { ...r, used_fen: Number(r.used_fen) });
      }
      for (const b of missing) if (!quota.get(`${b.buyerKey}:${year}`)) quota.set(`${b.buyerKey}:${year}`, { buyer_key: b.buyerKey, year, name_key: b.nameKey, used_fen: 0 });
    },
    async quotaUsed(buyerKey: string, nameKey: string, year: number): Promise<number> {
      if (!quota.has(`${buyerKey}:${year}`)) await this.loadQuota(year, [{ buyerKey, nameKey }]);
      return quota.get(`${buyerKey}:${year}`)!.used_fen;
    },
    setQuotaUsed(buyerKey: string, year: number, usedFen: number) {
      quota.get(`${buyerKey}:${year}`)!.used_fen = usedFen;
      dirtyQuota.add(`${buyerKey}:${year}`);
    },

    /** The buyer's use this year of capped headings. */
    async capsUsed(buyerKey: string, year: number, keys: string[]): Promise<Record<string, number>> {
      const missing = keys.filter((k) => !usage.has(`${buyerKey}\n${year}\n${k}`));
      for (const k of missing) usage.set(`${buyerKey}\n${year}\n${k}`, 0);
      if (missing.length > 0) {
        for (const r of await inList<{ cap_key: string; used_e5: number }>('select cap_key, used_e5 from clearance_item_usage', 'cap_key', missing, 'buyer_key = ? and year = ? and ', [buyerKey, year])) {
          usage.set(`${buyerKey}\n${year}\n${r.cap_key}`, Number(r.used_e5));
        }
      }
      return Object.fromEntries(keys.map((k) => [k, usage.get(`${buyerKey}\n${year}\n${k}`)!]));
    },
    addCapsUsed(buyerKey: string, year: number, use: Record<string, number>) {
      for (const [k, n] of Object.entries(use)) {
        const key = `${buyerKey}\n${year}\n${k}`;
        usage.set(key, (usage.get(key) ?? 0) + n);
        dirtyUsage.add(key);
      }
    },

    insertDoc(w: DocWrite) {
      inserts.push(w);
      docs.set(w.row.business_key, w.row);
    },
    updateDoc(w: DocWrite) {
      updates.push(w);
      docs.set(w.row.business_key, w.row);
    },
    deleteDoc(d: DocKey) {
      deletes.push(d.id);
      docs.set(d.business_key, null);
      inserts = inserts.filter((w) => w.row.id !== d.id);
      updates = updates.filter((w) => w.row.id !== d.id);
    },
    addEvents(list: WaybillEvent[]) {
      events.push(...list);
    },
    /** An event of this batch, not written yet, for a waybill. */
    queuedEvent(waybillKey: string, kind: string): WaybillEvent | undefined {
      return events.find((e) => e.waybill_key === waybillKey && e.kind === kind);
    },
    queue(pending: PendingReceipt[]) {
      receipts.push(...pending);
    },

    /** Writes everything changed so far: receipts first (documents keep their receipt with its cursor). */
    async flush() {
      await deps.receipts.store(hot, receipts);
      receipts = [];
      if (deletes.length > 0) for (const part of chunks(deletes, IN_CHUNK)) await hot.run(`delete from clearance_document where id in (${marks(part.length)})`, part);
      deletes = [];
      const docValues = (w: DocWrite): SqlValue[] => {
        const receiptJson = JSON.stringify(w.receipt);
        guids.set(w.row.guid, receiptJson);
        return DOC_COLUMNS.map((c) => (c === 'receipt_json' ? receiptJson : w.row[c]));
      };
      for (const part of chunks(inserts, 100)) await hot.run(`insert into clearance_document (${DOC_COLUMNS.join(', ')}) values ${valuesList(part.length, DOC_COLUMNS.length)}`, part.flatMap(docValues));
      inserts = [];
      for (const w of updates) {
        const v = docValues(w);
        await hot.run(`update clearance_document set ${DOC_COLUMNS.slice(1).map((c) => `${c} = ?`).join(', ')} where id = ?`, [...v.slice(1), v[0]!]);
      }
      updates = [];
      const changed = [...dirtyDecls].map((id) => decls.get(id)!);
      const set = DECL_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ');
      for (const part of chunks(changed, 40)) {
        await hot.run(`insert into clearance_declaration (${DECL_COLUMNS.join(', ')}) values ${valuesList(part.length, DECL_COLUMNS.length)} on conflict (id) do update set ${set}`, part.flatMap((d) => DECL_COLUMNS.map((c) => d[c] as SqlValue)));
      }
      dirtyDecls.clear();
      const rows = [...dirtyQuota].map((k) => quota.get(k)!);
      for (const part of chunks(rows, 200)) {
        await hot.run(`insert into clearance_quota (buyer_key, year, name_key, used_fen) values ${valuesList(part.length, 4)} on conflict (buyer_key, year) do update set used_fen = excluded.used_fen`, part.flatMap((q) => [q.buyer_key, q.year, q.name_key, q.used_fen]));
      }
      dirtyQuota.clear();
      const used = [...dirtyUsage].map((k) => [...k.split('\n'), usage.get(k)!] as [string, string, string, number]);
      for (const part of chunks(used, 200)) {
        await hot.run(`insert into clearance_item_usage (buyer_key, year, cap_key, used_e5) values ${valuesList(part.length, 4)} on conflict (buyer_key, year, cap_key) do update set used_e5 = excluded.used_e5`, part.flatMap(([b, y, k, n]) => [b, Number(y), k, n]));
      }
      dirtyUsage.clear();
      for (const part of chunks(events, 100)) await hot.run(`insert into clearance_waybill_event (${EVENT_COLUMNS.join(', ')}) values ${valuesList(part.length, EVENT_COLUMNS.length)}`, part.flatMap((e) => EVENT_COLUMNS.map((c) => e[c])));
      events = [];
    },

    /** Drops what was read: after a flush, when other code has changed rows behind the batch's back. */
    forget() {
      usage.clear();
      docs.clear();
      decls.clear();
      byOrder.clear();
      byLogistics.clear();
      quota.clear();
    },
  };
}

export type Unit = ReturnType<typeof createUnit>;
