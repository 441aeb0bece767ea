/**
 * One schema, two dialects: SQLite (better-sqlite3, WAL) as the embedded default and PostgreSQL (pg) for
 * production, both behind Kysely. Modules see `Db` (an untyped Kysely) and narrow it with `withTables<T>()`.
 */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Dialect = 'sqlite' | 'postgres';
/** The shared handle; a module narrows it to its own tables with `db.withTables<ModuleTables>()`. */
export type Db = Kysely<Record<never, never>>;
/** A transaction is a Kysely too: functions that take `Trx` run inside the caller's transaction. */
export type Trx = Db;

export interface Database {
  db: Db;
  /**
   * For look-ups made while a transaction is open (filings, tariffs during clearance): on SQLite a second,
   * read-only connection that sees committed data (the writer's connection is held by the transaction);
   * on PostgreSQL the same pool.
   */
  reader: Db;
  dialect: Dialect;
  /** The raw SQLite handle, for prepared statements on the hot path (SQLite only). */
  sqlite?: BetterSqlite3.Database;
  /** The raw pool, for COPY or multi-row statements on the hot path (PostgreSQL only). */
  pool?: pg.Pool;
  /** PostgreSQL: the schema worked in (`public` unless set). */
  schema?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL: the schema to work in (created when absent); tests give each file its own. */
  schema?: string;
  poolSize?: number;
}

// int8 (COUNT, SUM, bigint columns) as JS numbers: every such value here is a count or fen, far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<Database> {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new BetterSqlite3(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Record<never, never>>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    if (path === ':memory:') return { db, reader: db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
    const readOnly = new BetterSqlite3(path, { readonly: true });
    readOnly.pragma('busy_timeout = 5000');
    const reader = new Kysely<Record<never, never>>({ dialect: new SqliteDialect({ database: withStatementCache(readOnly) }) });
    return {
      db,
      reader,
      dialect: 'sqlite',
      sqlite,
      close: async () => {
        await reader.destroy();
        await db.destroy();
      },
    };
  }
  if (opts.schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema.replace(/"/g, '')}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    ...(opts.schema ? { options: `-c search_path="${opts.schema.replace(/"/g, '')}"` } : {}),
  });
  const db = new Kysely<Record<never, never>>({ dialect: new PostgresDialect({ pool }) });
  // Look-ups made inside a transaction get their own pool: were they to wait for the transactions' pool,
  // transactions holding every connection would wait on each other for ever.
  const readerPool = new pg.Pool({
    connectionString: url,
    max: 4,
    ...(opts.schema ? { options: `-c search_path="${opts.schema.replace(/"/g, '')}"` } : {}),
  });
  const reader = new Kysely<Record<never, never>>({ dialect: new PostgresDialect({ pool: readerPool }) });
  await sql`select 1`.execute(db);
  return {
    db,
    reader,
    dialect: 'postgres',
    pool,
    schema: opts.schema ?? 'public',
    close: async () => {
      await reader.destroy();
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query afresh, and on SQLite preparing costs more than running a small statement.
 * The same SQL text gets the same prepared statement back (bounded; Kysely runs one statement at a time
 * per connection and never iterates two at once, so sharing them is safe).
 */
function withStatementCache(sqlite: BetterSqlite3.Database): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (source: string) => {
          let stmt = cache.get(source);
          if (!stmt) {
            if (cache.size >= 1000) cache.clear();
            stmt = target.prepare(source);
            cache.set(source, stmt);
          }
          return stmt;
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** `SELECT … FOR UPDATE` where the dialect has it (PostgreSQL); SQLite's single writer needs none. */
export const lockRows = <Q extends { forUpdate(): Q }>(q: Q, dialect: Dialect): Q => (dialect === 'postgres' ? q.forUpdate() : q);

/** A unique-key (or primary-key) violation from either dialect. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(err?.message ?? '');
}
