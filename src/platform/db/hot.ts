/**
 * The hot path's SQL (DESIGN.md §7: Kysely off the ingestion path): portable statements written once with
 * `?` placeholders, run as prepared statements — better-sqlite3's own on SQLite (synchronous, cached by
 * text), numbered `$n` parameters through the transaction's connection on PostgreSQL. A transaction here
 * also hands out its Kysely handle, so services that take a `Trx` (the audit log) join it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import type { Database, Db, Dialect } from './database.js';

export type SqlValue = string | number | null;

export interface HotSql {
  dialect: Dialect;
  all<T>(text: string, params: readonly SqlValue[]): Promise<T[]>;
  run(text: string, params: readonly SqlValue[]): Promise<void>;
}

export interface HotStore {
  dialect: Dialect;
  /** Runs `fn` in one write transaction (SQLite: BEGIN IMMEDIATE on the writer; PostgreSQL: a pooled one). */
  transaction<T>(fn: (tx: { sql: HotSql; trx: Db }) => Promise<T>): Promise<T>;
}

/** `(?, ?, ?), (?, ?, ?)`: the VALUES of a multi-row insert. */
export function valuesList(rows: number, columns: number): string {
  const one = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => one).join(', ');
}

/** `?, ?, ?` for an IN list. */
export const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Splits `items` into runs of at most `size` (statements have a parameter limit). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function sqliteSql(handle: BetterSqlite3.Database): HotSql {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepared = (text: string) => {
    let stmt = cache.get(text);
    if (!stmt) {
      if (cache.size >= 500) cache.clear();
      stmt = handle.prepare(text);
      cache.set(text, stmt);
    }
    return stmt;
  };
  return {
    dialect: 'sqlite',
    all: <T>(text: string, params: readonly SqlValue[]) => Promise.resolve(prepared(text).all(...params) as T[]),
    run: (text: string, params: readonly SqlValue[]) => {
      prepared(text).run(...params);
      return Promise.resolve();
    },
  };
}

const numbered = new Map<string, string>();
function toPg(text: string): string {
  let out = numbered.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    if (numbered.size >= 2000) numbered.clear();
    numbered.set(text, out);
  }
  return out;
}

function pgSql(trx: Db): HotSql {
  return {
    dialect: 'postgres',
    all: async <T>(text: string, params: readonly SqlValue[]) => (await trx.executeQuery<T>(CompiledQuery.raw(toPg(text), [...params]))).rows as T[],
    run: async (text: string, params: readonly SqlValue[]) => {
      await trx.executeQuery(CompiledQuery.raw(toPg(text), [...params]));
    },
  };
}

export function createHotStore(database: Database): HotStore {
  if (database.dialect === 'sqlite') {
    const handle = database.sqlite!;
    const sql = sqliteSql(handle);
    return {
      dialect: 'sqlite',
      // The Kysely connection is held for the whole transaction, so no other statement of this process
      // runs on the writer meanwhile; IMMEDIATE takes the write lock at once (other processes wait on it).
      transaction: <T>(fn: (tx: { sql: HotSql; trx: Db }) => Promise<T>) =>
        database.db.connection().execute(async (conn) => {
          handle.exec('BEGIN IMMEDIATE');
          try {
            const result = await fn({ sql, trx: conn });
            handle.exec('COMMIT');
            return result;
          } catch (e) {
            if (handle.inTransaction) handle.exec('ROLLBACK');
            throw e;
          }
        }),
    };
  }
  return {
    dialect: 'postgres',
    transaction: <T>(fn: (tx: { sql: HotSql; trx: Db }) => Promise<T>) => database.db.transaction().execute((trx) => fn({ sql: pgSql(trx), trx })),
  };
}
