/**
 * The raw insert rate, measured inside the bench server process: the rows that one released list left in
 * the clearance tables, copied N times with fresh keys into scratch tables of the same shape (same columns,
 * keys and indexes) with prepared statements, 250 lists a transaction. It is the ceiling the end-to-end
 * figure is a share of. The scratch tables are dropped afterwards and the real tables are never written.
 *
 * Only table names are assumed. A list's rows are found by their values: start from its order number and
 * repeatedly take every row of the four tables holding a value that belongs to this list and not to a second
 * list decided in the same batches (ids, guids, business keys, buyer key …). Those same values are the keys
 * each copy gets afresh; columns the database assigns (autoincrement, identity) are left to it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import type { Database } from '../src/platform/db/database.js';

const TABLES = ['clearance_declaration', 'clearance_document', 'clearance_receipt', 'clearance_quota'] as const;
type Table = (typeof TABLES)[number];
const SCRATCH = 'bench_raw_';
const LISTS_PER_TRANSACTION = 250;
// Each method stops after the transaction that passes this much inserting time, so that one round trip a
// row on PostgreSQL costs seconds rather than minutes; the figure is over the lists inserted.
const MOST_MS = 10_000;
// PostgreSQL's bind message counts parameters in 16 bits.
const PG_MAX_PARAMS = 65_535;

export interface RawInsertFigure {
  /** How the rows went in, e.g. 'named prepared statements, one row each'. */
  method: string;
  lists: number;
  rows: number;
  ms: number;
}

export interface RawInsertReport {
  /** Rows one list left per table, e.g. { clearance_document: 4, … }. */
  rowsPerList: Record<string, number>;
  /** Their text, in bytes of UTF-8. */
  textBytesPerList: number;
  figures: RawInsertFigure[];
}

type Row = Record<string, unknown>;
type ListRows = Map<Table, Row[]>;

interface Column {
  name: string;
  text: boolean;
  /** Assigned by the database (autoincrement, serial, identity): never inserted. */
  assigned: boolean;
}

/** What the bench needs of one dialect. */
interface Store {
  all(sql: string, params: unknown[]): Promise<Row[]>;
  exec(sql: string): Promise<void>;
  columns(table: string): Promise<Column[]>;
  /** Creates `SCRATCH + table` with the same columns, keys and indexes, and its own counter. */
  createScratch(table: string, columns: Column[]): Promise<void>;
  placeholder(n: number): string;
}

function sqliteStore(db: BetterSqlite3.Database): Store {
  return {
    all: async (sql, params) => db.prepare(sql).all(...params) as Row[],
    exec: async (sql) => void db.exec(sql),
    async columns(table) {
      const info = db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string; type: string; pk: number }>;
      const keyColumns = info.filter((c) => c.pk > 0).length;
      // A lone INTEGER PRIMARY KEY is the rowid: SQLite assigns it.
      return info.map((c) => ({ name: c.name, text: /char|clob|text/i.test(c.type), assigned: keyColumns === 1 && c.pk === 1 && /^integer$/i.test(c.type) }));
    },
    async createScratch(table) {
      const ddl = db.prepare(`SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type = 'index'`).all(table) as Array<{ type: string; sql: string }>;
      for (const { type, sql } of ddl) {
        const renamed = type === 'table'
          ? sql.replace(/^(CREATE\s+TABLE\s+)(["`]?)(\w+)\2/i, `$1"${SCRATCH}$3"`)
          : sql.replace(/^(CREATE\s+(?:UNIQUE\s+)?INDEX\s+)(["`]?)(\w+)\2(\s+ON\s+)(["`]?)(\w+)\5/i, `$1"${SCRATCH}$3"$4"${SCRATCH}$6"`);
        if (renamed === sql) throw new Error(`cannot copy the DDL of ${table}: ${sql.slice(0, 80)}`);
        db.exec(renamed);
      }
    },
    placeholder: () => '?',
  };
}

function pgStore(client: pg.PoolClient): Store {
  return {
    all: async (sql, params) => (await client.query(sql, params)).rows as Row[],
    exec: async (sql) => void (await client.query(sql)),
    async columns(table) {
      const info = await client.query<{ column_name: string; data_type: string; column_default: string | null; is_identity: string }>(
        `SELECT column_name, data_type, column_default, is_identity FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      );
      return info.rows.map((c) => ({
        name: c.column_name,
        text: ['text', 'character varying', 'character'].includes(c.data_type),
        assigned: c.is_identity === 'YES' || /^nextval\(/.test(c.column_default ?? ''),
      }));
    },
    async createScratch(table, columns) {
      // Identity columns come with their own sequence; a serial's default would draw on the real table's
      // sequence, so it becomes an identity of its own instead.
      await client.query(`CREATE TABLE "${SCRATCH}${table}" (LIKE "${table}" INCLUDING ALL EXCLUDING DEFAULTS)`);
      const identities = await client.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'YES'`, [`${SCRATCH}${table}`]);
      for (const c of columns) {
        if (c.assigned && !identities.rows.some((r) => r.column_name === c.name)) {
          await client.query(`ALTER TABLE "${SCRATCH}${table}" ALTER COLUMN "${c.name}" ADD GENERATED BY DEFAULT AS IDENTITY`);
        }
      }
    },
    placeholder: (n) => `$${n}`,
  };
}

// Timestamps are shared by every list of a batch (and by lists of other batches in the same millisecond).
const looksLikeTime = (v: string) => /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(v);

/** The values of a list that can identify it: strings of ids, guids, keys; not long bodies, not times. */
function identifying(rows: ListRows): Set<string> {
  const out = new Set<string>();
  for (const list of rows.values()) {
    for (const row of list) {
      for (const v of Object.values(row)) if (typeof v === 'string' && v.length >= 6 && v.length <= 200 && !looksLikeTime(v)) out.add(v);
    }
  }
  return out;
}

const count = (rows: ListRows) => [...rows.values()].reduce((n, r) => n + r.length, 0);

/** Every row of the four tables with a text column equal to one of `values`. */
async function rowsHolding(store: Store, columns: Map<Table, Column[]>, values: string[]): Promise<ListRows> {
  const out: ListRows = new Map();
  for (const table of TABLES) {
    const params: string[] = [];
    const where = columns.get(table)!.filter((c) => c.text).map((c) => `"${c.name}" IN (${values.map((v) => { params.push(v); return store.placeholder(params.length); }).join(', ')})`);
    out.set(table, values.length && where.length ? await store.all(`SELECT * FROM "${table}" WHERE ${where.join(' OR ')}`, params) : []);
  }
  return out;
}

/**
 * The rows list A produced, told apart from list B's (decided in the same batches, so the two share every
 * value that is not theirs alone), and the values that are A's alone.
 */
async function rowsOfList(store: Store, columns: Map<Table, Column[]>, orderA: string, orderB: string): Promise<{ rows: ListRows; keys: Set<string> }> {
  let a = await rowsHolding(store, columns, [orderA]);
  let b = await rowsHolding(store, columns, [orderB]);
  for (let round = 0; round < 8; round++) {
    const ofA = identifying(a);
    const ofB = identifying(b);
    const onlyA = [...ofA].filter((v) => !ofB.has(v));
    const onlyB = [...ofB].filter((v) => !ofA.has(v));
    const nextA = await rowsHolding(store, columns, onlyA);
    const nextB = await rowsHolding(store, columns, onlyB);
    const settled = count(nextA) === count(a) && count(nextB) === count(b);
    a = nextA;
    b = nextB;
    if (settled) {
      for (const [table, rows] of a) if (rows.length > 100) throw new Error(`one list's rows could not be told apart from others: ${rows.length} rows of ${table}`);
      if (a.get('clearance_declaration')!.length !== 1) throw new Error(`order ${orderA}: ${a.get('clearance_declaration')!.length} declarations found, expected 1`);
      return { rows: a, keys: new Set(onlyA) };
    }
  }
  throw new Error(`the rows of order ${orderA} did not settle`);
}

interface TemplateRow {
  table: Table;
  columns: string[];
  /** Per column: kept as is, the whole value is a key, or keys occur inside it (an XML receipt, a subject). */
  cells: Array<{ how: 'same' | 'key' | 'inner'; value: unknown }>;
}

function templateOf(rows: ListRows, columns: Map<Table, Column[]>, keys: Set<string>): { template: TemplateRow[]; copy: (t: TemplateRow, n: number) => unknown[] } {
  // Keys short enough to occur by chance inside other text are renewed only where they are the whole value.
  const inner = [...keys].filter((k) => k.length >= 8).sort((x, y) => y.length - x.length);
  const pattern = inner.length ? new RegExp(inner.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g') : null;
  const template: TemplateRow[] = [];
  for (const table of TABLES) {
    const assigned = new Set(columns.get(table)!.filter((c) => c.assigned).map((c) => c.name));
    for (const row of rows.get(table)!) {
      const names = Object.keys(row).filter((c) => !assigned.has(c));
      template.push({
        table,
        columns: names,
        cells: names.map((c) => {
          const value = row[c];
          if (typeof value !== 'string') return { how: 'same', value };
          if (keys.has(value)) return { how: 'key', value };
          if (pattern) pattern.lastIndex = 0;
          return { how: pattern?.test(value) ? 'inner' : 'same', value };
        }),
      });
    }
  }
  const copy = (t: TemplateRow, n: number) => {
    const suffix = `~${n}`;
    return t.cells.map((c) => (c.how === 'key' ? `${c.value as string}${suffix}` : c.how === 'inner' ? (c.value as string).replace(pattern!, (k) => `${k}${suffix}`) : c.value));
  };
  return { template, copy };
}

/** The copies of lists [from, to) as rows ready to bind. */
function chunkOf(template: TemplateRow[], copy: (t: TemplateRow, n: number) => unknown[], from: number, to: number) {
  const out: Array<{ t: TemplateRow; values: unknown[] }> = [];
  for (let n = from; n < to; n++) for (const t of template) out.push({ t, values: copy(t, n) });
  return out;
}

const insertSql = (store: Store, t: TemplateRow, rows: number) => {
  let p = 0;
  const tuple = () => `(${t.columns.map(() => store.placeholder(++p)).join(', ')})`;
  return `INSERT INTO "${SCRATCH}${t.table}" (${t.columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array.from({ length: rows }, tuple).join(', ')}`;
};

/**
 * Copies the rows of the list with order number `orders[0]` (`orders[1]`: another list decided in the same
 * batches) `lists` times into scratch tables and times the inserts alone.
 */
export async function rawInsert(database: Database, orders: [string, string], lists: number): Promise<RawInsertReport> {
  const client = database.dialect === 'postgres' ? await database.pool!.connect() : null;
  const store = client ? pgStore(client) : sqliteStore(database.sqlite!);
  const dropScratch = async () => {
    for (const table of TABLES) await store.exec(`DROP TABLE IF EXISTS "${SCRATCH}${table}"`);
  };
  try {
    const columns = new Map<Table, Column[]>();
    for (const table of TABLES) columns.set(table, await store.columns(table));
    const { rows, keys } = await rowsOfList(store, columns, orders[0], orders[1]);
    const { template, copy } = templateOf(rows, columns, keys);
    const rowsPerList = Object.fromEntries(TABLES.map((t) => [t, rows.get(t)!.length]));
    const textBytesPerList = template.reduce((n, t) => n + t.cells.reduce((m, c) => m + (typeof c.value === 'string' ? Buffer.byteLength(c.value) : 0), 0), 0);
    await dropScratch();
    for (const table of TABLES) await store.createScratch(table, columns.get(table)!);

    const figures: RawInsertFigure[] = [];
    const measure = async (method: string, insertChunk: (chunk: ReturnType<typeof chunkOf>) => Promise<void>) => {
      let ms = 0;
      let done = 0;
      while (done < lists && ms < MOST_MS) {
        // The copies are made before the clock starts: the figure is the database's work.
        const chunk = chunkOf(template, copy, done, Math.min(lists, done + LISTS_PER_TRANSACTION));
        const t0 = performance.now();
        await insertChunk(chunk);
        ms += performance.now() - t0;
        done = Math.min(lists, done + LISTS_PER_TRANSACTION);
      }
      figures.push({ method, lists: done, rows: done * template.length, ms });
    };

    if (!client) {
      const db = database.sqlite!;
      const statements = new Map(template.map((t) => [t, db.prepare(insertSql(store, t, 1))]));
      const transaction = db.transaction((chunk: ReturnType<typeof chunkOf>) => {
        for (const { t, values } of chunk) statements.get(t)!.run(...values);
      });
      await measure('better-sqlite3 prepared statements, one row each', async (chunk) => transaction(chunk));
      await dropScratch();
      db.pragma('wal_checkpoint(TRUNCATE)');
      return { rowsPerList, textBytesPerList, figures };
    }

    // One named statement per table, one row an execution, one round trip each (node-postgres does not
    // pipeline).
    const named = new Map(template.map((t) => [t, { name: `bench_raw_row_${t.table}`, text: insertSql(store, t, 1) }]));
    await measure('pg named prepared statements, one row each', async (chunk) => {
      await client.query('BEGIN');
      for (const { t, values } of chunk) await client.query({ ...named.get(t)!, values });
      await client.query('COMMIT');
    });
    for (const table of TABLES) await store.exec(`TRUNCATE "${SCRATCH}${table}" RESTART IDENTITY`);

    // One multi-row parameterised INSERT per table a transaction (split where the parameters would not fit).
    await measure('pg multi-row parameterised INSERT, one per table', async (chunk) => {
      await client.query('BEGIN');
      for (const table of TABLES) {
        // Every row of a table comes from the same SELECT *, so one shape of statement per table.
        const mine = chunk.filter(({ t }) => t.table === table);
        if (mine.length === 0) continue;
        const per = Math.floor(PG_MAX_PARAMS / mine[0]!.t.columns.length);
        for (let i = 0; i < mine.length; i += per) {
          const part = mine.slice(i, i + per);
          await client.query({ name: `bench_raw_multi_${table}_${part.length}`, text: insertSql(store, part[0]!.t, part.length), values: part.flatMap((r) => r.values) });
        }
      }
      await client.query('COMMIT');
    });
    await dropScratch();
    return { rowsPerList, textBytesPerList, figures };
  } catch (err) {
    if (client) await client.query('ROLLBACK').catch(() => undefined);
    await dropScratch().catch(() => undefined);
    throw err;
  } finally {
    // Closed rather than returned to the pool: its named statements go with it.
    client?.release(true);
  }
}
