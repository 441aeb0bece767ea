/**
 * Receipts: every acceptance, rejection and decision is a receipt to each party, stored with a cursor
 * (GET /api/v1/receipts?after=) and its XML. Appends serialise on PostgreSQL (advisory lock) so cursors
 * become visible in order and a reader paging by cursor never skips one committed late.
 */
import { sql } from 'kysely';
import type { Db, Dialect } from '../../platform/db/database.js';
import { newGuid } from '../../kernel/ids.js';
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
}

/** yyyyMMddHHmmssSSS in Beijing time, as CEB receipts carry it. */
export function cebReturnTime(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return t.slice(0, 4) + t.slice(5, 7) + t.slice(8, 10) + t.slice(11, 13) + t.slice(14, 16) + t.slice(17, 19) + t.slice(20, 23);
}

const LOCK_KEY = 727_001;

export function createReceipts(deps: { dialect: Dialect; renderer: ReceiptRenderer }) {
  // Transactions that already hold the lock; an entry goes with its transaction.
  const locked = new WeakSet<object>();

  /** Appends receipts inside `trx`; returns them with their cursors, in order. */
  async function append(trx: Db, drafts: ReceiptDraft[], now: Date): Promise<Array<ReceiptView & { recipientId: string }>> {
    if (drafts.length === 0) return [];
    if (deps.dialect === 'postgres' && !locked.has(trx)) {
      await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      locked.add(trx);
    }
    const t = trx.withTables<ClearanceTables>();
    const returnTime = cebReturnTime(now);
    const out: Array<ReceiptView & { recipientId: string }> = [];
    for (const d of drafts) {
      const fields: Record<string, string> = { ...d.fields, returnStatus: String(d.returnStatus), returnTime };
      // Optional elements with nothing to say are left out rather than sent empty.
      for (const k of Object.keys(fields)) if (fields[k] === '') delete fields[k];
      const message: ReceiptMessage = { messageType: d.messageType, guid: newGuid(), version: '1.0', [d.node]: d.nodeValue ? d.nodeValue(fields) : fields };
      const xml = deps.renderer.toXml(message);
      for (const recipientId of [...new Set(d.recipientIds)]) {
        const row = await t
          .insertInto('clearance_receipt')
          .values({ recipient_id: recipientId, message_type: d.messageType, ref_guid: d.refGuid, subject: d.subject, return_status: d.returnStatus, body_json: JSON.stringify(fields), xml, created_at: now.toISOString() })
          .returning('cursor')
          .executeTakeFirstOrThrow();
        out.push({ recipientId, cursor: Number(row.cursor), messageType: d.messageType, guid: d.refGuid, subject: d.subject, returnStatus: String(d.returnStatus), returnTime, returnInfo: fields.returnInfo ?? '', fields, xml, createdAt: now.toISOString() });
      }
    }
    return out;
  }

  async function after(db: Db, recipientId: string | null, cursor: number, limit: number): Promise<ReceiptView[]> {
    let q = db.withTables<ClearanceTables>().selectFrom('clearance_receipt').selectAll().where('cursor', '>', cursor);
    if (recipientId) q = q.where('recipient_id', '=', recipientId);
    const rows = await q.orderBy('cursor').limit(limit).execute();
    return rows.map((r) => {
      const fields = JSON.parse(r.body_json) as Record<string, string>;
      return { cursor: Number(r.cursor), messageType: r.message_type, guid: r.ref_guid, subject: r.subject, returnStatus: String(r.return_status), returnTime: fields.returnTime ?? '', returnInfo: fields.returnInfo ?? '', fields, xml: r.xml, createdAt: r.created_at };
    });
  }

  return {
    append,
    after,
  };
}

export type Receipts = ReturnType<typeof createReceipts>;
