/**
 * Receipts: every acceptance, rejection and decision is a receipt to each party, stored with a cursor
 * (GET /api/v1/receipts?after=) and its XML. Appends serialise on PostgreSQL (advisory lock) so cursors
 * become visible in order and a reader paging by cursor never skips one committed late.
 */
import { sql } from 'kysely';
import type { Db, Dialect } from '../../platform/db/database.js';
import { newGuid } from '../../kernel/ids.js';
import { chunks, valuesList, type HotSql } from '../../platform/db/hot.js';
import type { ClearanceTables } from './migrations.js';
import type { ReceiptMessage, ReceiptRenderer } from './ports.js';

export interface ReceiptDraft {
  recipientIds: string[];
  messageType: string;
  /** The element holding the receipt fields, e.g. OrderReturn. */
  node: string;
  refGuid: string;
  subject: string;
  returnStatus: number;
  fields: Record<string, string>;
  /** The node's value when it is not flat (a tax bill's head and lines); `fields` are merged into its head. */
  nodeValue?: (fields: Record<string, string>) => unknown;
}

export interface ReceiptView {
  cursor: number;
  messageType: string;
  guid: string;
  subject: string;
  returnStatus: string;
  returnTime: string;
  returnInfo: string;
  fields: Record<string, string>;
  xml: string;
  createdAt: string;
  /** The receipt message the XML renders from (receipts made here; not sent on). */
  message?: ReceiptMessage;
}

/** The answer to one document: its receipt (no cursor when nothing was stored, e.g. an unsupported message). */
export type DocReceipt = Omit<ReceiptView, 'cursor'> & { cursor: number | null };

/** yyyyMMddHHmmssSSS in Beijing time, as CEB receipts carry it. */
export function cebReturnTime(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return t.slice(0, 4) + t.slice(5, 7) + t.slice(8, 10) + t.slice(11, 13) + t.slice(14, 16) + t.slice(17, 19) + t.slice(20, 23);
}

/** A CEB time (yyyyMMddHHmmss, Beijing), the other way: an ISO instant, or null when it is not a real time. */
export function cebInstant(t: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const [, y, mo, d, hh, mi, ss] = m.map(Number) as [number, number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, hh, mi, ss);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || hh > 23 || mi > 59 || ss > 59) return null;
  return new Date(utc - 8 * 3600_000).toISOString();
}

export const LOCK_KEY = 727_001;

/** A stored receipt's fields, from its body (the receipt message, or the fields of rows that keep their XML). */
export function storedFields(bodyJson: string): Record<string, string> {
  const body = JSON.parse(bodyJson) as Record<string, unknown>;
  return typeof body.messageType === 'string' && typeof body.version === 'string' ? fieldsOf(body as ReceiptMessage) : (body as Record<string, string>);
}

/** The flat fields of a receipt message: its node, or the node's head record (a tax bill's TaxHeadRd). */
function fieldsOf(message: ReceiptMessage): Record<string, string> {
  const node = Object.entries(message).find(([k, v]) => k !== 'messageType' && v !== null && typeof v === 'object')?.[1] as Record<string, unknown> | undefined;
  if (!node) return {};
  const head = Object.values(node).find((v) => v !== null && typeof v === 'object' && !Array.isArray(v)) as Record<string, string> | undefined;
  return head ?? (node as Record<string, string>);
}
const COLUMNS = 'recipient_id, message_type, ref_guid, subject, return_status, body_json, xml, created_at';

/** A rendered receipt waiting to be stored: its row (in COLUMNS order) and the view its cursor completes. */
export interface PendingReceipt {
  row: [string, string, string, string, number, string, string, string];
  view: ReceiptView & { recipientId: string };
}

export function createReceipts(deps: { dialect: Dialect; renderer: ReceiptRenderer }) {
  // Transactions that already hold the lock; an entry goes with its transaction.
  const locked = new WeakSet<object>();

  /**
   * The receipt's XML, rendered when first asked for (the JSON answer, GET /receipts, a webhook) rather
   * than for every recipient at write time; the row keeps the receipt message it renders from.
   */
  function withXml<T extends object>(view: T, message: ReceiptMessage | undefined): T & { xml: string } {
    let xml: string | undefined;
    Object.defineProperty(view, 'xml', { enumerable: false, configurable: true, get: () => (xml ??= message ? deps.renderer.toXml(message) : '') });
    return view as T & { xml: string };
  }

  /** A receipt read back from JSON (a repeated guid's original answer), its XML renderable again. */
  function revive(json: string): ReceiptView {
    const v = JSON.parse(json) as ReceiptView & { message?: ReceiptMessage };
    return typeof v.xml === 'string' ? v : withXml(v, v.message);
  }

  /** Renders drafts into rows, one per recipient, in order; their cursors come when they are stored. */
  function render(drafts: ReceiptDraft[], now: Date): PendingReceipt[] {
    const returnTime = cebReturnTime(now);
    const createdAt = now.toISOString();
    const out: PendingReceipt[] = [];
    for (const d of drafts) {
      const fields: Record<string, string> = { ...d.fields, returnStatus: String(d.returnStatus), returnTime };
      // Optional elements with nothing to say are left out rather than sent empty.
      for (const k of Object.keys(fields)) if (fields[k] === '') delete fields[k];
      const message: ReceiptMessage = { messageType: d.messageType, guid: newGuid(), version: '1.0', [d.node]: d.nodeValue ? d.nodeValue(fields) : fields };
      const bodyJson = JSON.stringify(message);
      for (const recipientId of [...new Set(d.recipientIds)]) {
        out.push({
          row: [recipientId, d.messageType, d.refGuid, d.subject, d.returnStatus, bodyJson, '', createdAt],
          view: withXml({ recipientId, cursor: 0, messageType: d.messageType, guid: d.refGuid, subject: d.subject, returnStatus: String(d.returnStatus), returnTime, returnInfo: fields.returnInfo ?? '', fields, createdAt, message }, message),
        });
      }
    }
    return out;
  }

  /** Stores rendered receipts with multi-row inserts and gives each view its cursor (the caller holds LOCK_KEY on PostgreSQL). */
  async function store(hot: HotSql, pending: PendingReceipt[]): Promise<void> {
    if (pending.length === 0) return;
    for (const part of chunks(pending, 200)) {
      const rows = await hot.all<{ cursor: number }>(`insert into clearance_receipt (${COLUMNS}) values ${valuesList(part.length, 8)} returning cursor`, part.flatMap((p) => p.row));
      // Cursors are handed out in VALUES order; RETURNING need not list them in it.
      const cursors = rows.map((r) => Number(r.cursor)).sort((a, b) => a - b);
      part.forEach((p, i) => (p.view.cursor = cursors[i]!));
    }
  }

  /** Appends receipts inside `trx`; returns them with their cursors, in order. */
  async function append(trx: Db, drafts: ReceiptDraft[], now: Date): Promise<Array<ReceiptView & { recipientId: string }>> {
    if (drafts.length === 0) return [];
    if (deps.dialect === 'postgres' && !locked.has(trx)) {
      await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      locked.add(trx);
    }
    const pending = render(drafts, now);
    for (const p of pending) {
      const [recipient_id, message_type, ref_guid, subject, return_status, body_json, xml, created_at] = p.row;
      const row = await trx
        .withTables<ClearanceTables>()
        .insertInto('clearance_receipt')
        .values({ recipient_id, message_type, ref_guid, subject, return_status, body_json, xml, created_at })
        .returning('cursor')
        .executeTakeFirstOrThrow();
      p.view.cursor = Number(row.cursor);
    }
    return pending.map((p) => p.view);
  }

  async function after(db: Db, recipientId: string | null, cursor: number, limit: number): Promise<ReceiptView[]> {
    let q = db.withTables<ClearanceTables>().selectFrom('clearance_receipt').selectAll().where('cursor', '>', cursor);
    if (recipientId) q = q.where('recipient_id', '=', recipientId);
    const rows = await q.orderBy('cursor').limit(limit).execute();
    return rows.map((r) => {
      const base = { cursor: Number(r.cursor), messageType: r.message_type, guid: r.ref_guid, subject: r.subject, returnStatus: String(r.return_status), createdAt: r.created_at };
      if (r.xml) {
        // Rows written with their XML (and their fields as the body).
        const fields = JSON.parse(r.body_json) as Record<string, string>;
        return { ...base, returnTime: fields.returnTime ?? '', returnInfo: fields.returnInfo ?? '', fields, xml: r.xml };
      }
      const message = JSON.parse(r.body_json) as ReceiptMessage;
      const fields = fieldsOf(message);
      return withXml({ ...base, returnTime: fields.returnTime ?? '', returnInfo: fields.returnInfo ?? '', fields }, message);
    });
  }

  return {
    revive,
    render,
    store,
    append,
    after,
  };
}

export type Receipts = ReturnType<typeof createReceipts>;
