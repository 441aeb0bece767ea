/**
 * The append-only, hash-chained audit log. Every state change appends {at, actor, action, subject, before,
 * after} in the same transaction as the change. Each link hashes the previous link's hash with its own
 * canonical content, so `verify` finds the first record that was altered, removed or inserted.
 *
 * Appends serialise on one head row (row lock on PostgreSQL; SQLite has one writer), which keeps the chain
 * linear under concurrency. The hot ingestion path appends one link per committed batch (DESIGN.md §7).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Dialect, Trx } from '../db/database.js';
import { lockRows } from '../db/database.js';
import type { Migrations } from '../db/migrate.js';
import { BIGINT } from '../db/migrate.js';
import type { Clock } from '../../kernel/clock.js';

export interface AuditEntry {
  actor: string;
  action: string;
  subject: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
  hash: string;
}

type AuditTables = {
  platform_audit: {
    seq: number;
    at: string;
    actor: string;
    action: string;
    subject: string;
    before_json: string | null;
    after_json: string | null;
    prev_hash: string;
    hash: string;
  };
  platform_audit_head: { id: number; seq: number; hash: string };
};

export const GENESIS = '0'.repeat(64);

export const auditMigrations: Migrations = {
  '0001_platform_audit': {
    async up(db) {
      await db.schema
        .createTable('platform_audit')
        .addColumn('seq', BIGINT, (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('platform_audit_subject').on('platform_audit').columns(['subject', 'seq']).execute();
      await db.schema.createIndex('platform_audit_actor').on('platform_audit').columns(['actor', 'seq']).execute();
      await db.schema.createIndex('platform_audit_action').on('platform_audit').columns(['action', 'seq']).execute();
      await db.schema
        .createTable('platform_audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', BIGINT, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.withTables<AuditTables>().insertInto('platform_audit_head').values({ id: 1, seq: 0, hash: GENESIS }).execute();
    },
  },
};

/** Stable JSON: keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function linkHash(prevHash: string, r: { seq: number; at: string; actor: string; action: string; subject: string; before_json: string | null; after_json: string | null }): string {
  const body = canonicalJson({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, subject: r.subject, before: r.before_json, after: r.after_json });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  subject?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export type VerifyReport =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; brokenAt: number; reason: 'hash' | 'link' | 'gap' | 'head' };

export interface AuditLog {
  /** Appends entries inside the caller's transaction. */
  append(trx: Trx, entries: AuditEntry | AuditEntry[]): Promise<void>;
  list(filter: AuditFilter): Promise<{ items: AuditRecord[]; total: number }>;
  verify(): Promise<VerifyReport>;
}

export function createAuditLog(deps: { db: Db; dialect: Dialect; clock: Clock }): AuditLog {
  const db = deps.db.withTables<AuditTables>();

  async function append(trx: Trx, input: AuditEntry | AuditEntry[]) {
    const entries = Array.isArray(input) ? input : [input];
    if (entries.length === 0) return;
    const t = trx.withTables<AuditTables>();
    const head = await lockRows(t.selectFrom('platform_audit_head').select(['seq', 'hash']).where('id', '=', 1), deps.dialect).executeTakeFirstOrThrow();
    let { seq, hash } = head;
    const at = deps.clock.now().toISOString();
    const rows = entries.map((e) => {
      seq += 1;
      const row = {
        seq,
        at,
        actor: e.actor,
        action: e.action,
        subject: e.subject,
        before_json: e.before === undefined ? null : canonicalJson(e.before),
        after_json: e.after === undefined ? null : canonicalJson(e.after),
        prev_hash: hash,
        hash: '',
      };
      row.hash = linkHash(hash, row);
      hash = row.hash;
      return row;
    });
    for (let i = 0; i < rows.length; i += 200) await t.insertInto('platform_audit').values(rows.slice(i, i + 200)).execute();
    await t.updateTable('platform_audit_head').set({ seq, hash }).where('id', '=', 1).execute();
  }

  async function list(f: AuditFilter) {
    let q = db.selectFrom('platform_audit');
    if (f.actor) q = q.where('actor', '=', f.actor);
    if (f.action) q = q.where('action', 'like', `${f.action}%`);
    if (f.subject) q = q.where('subject', '=', f.subject);
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<', f.to);
    const [{ total }] = (await q.select(sql<number>`count(*)`.as('total')).execute()) as [{ total: number }];
    const rows = await q.selectAll().orderBy('seq', 'desc').limit(f.limit).offset(f.offset).execute();
    return {
      total: Number(total),
      items: rows.map((r) => ({
        seq: Number(r.seq),
        at: r.at,
        actor: r.actor,
        action: r.action,
        subject: r.subject,
        before: r.before_json === null ? null : JSON.parse(r.before_json),
        after: r.after_json === null ? null : JSON.parse(r.after_json),
        hash: r.hash,
      })),
    };
  }

  async function verify(): Promise<VerifyReport> {
    let prev = GENESIS;
    let expectSeq = 1;
    let count = 0;
    const page = 5000;
    for (let from = 0; ; ) {
      const rows = await db.selectFrom('platform_audit').selectAll().where('seq', '>', from).orderBy('seq').limit(page).execute();
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq !== expectSeq) return { ok: false, count, brokenAt: expectSeq, reason: 'gap' };
        if (r.prev_hash !== prev) return { ok: false, count, brokenAt: seq, reason: 'link' };
        if (linkHash(prev, { ...r, seq }) !== r.hash) return { ok: false, count, brokenAt: seq, reason: 'hash' };
        prev = r.hash;
        expectSeq += 1;
        count += 1;
      }
      if (rows.length < page) break;
      from = Number(rows[rows.length - 1]!.seq);
    }
    const head = await db.selectFrom('platform_audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    if (Number(head.seq) !== count || head.hash !== prev) return { ok: false, count, brokenAt: count + 1, reason: 'head' };
    return { ok: true, count, head: prev };
  }

  return { append, list, verify };
}
