/**
 * The reference tables and their seed. Data migrations load the bundled files so every database has the
 * code tables, the HS nomenclature, the starter tariff and the built-in regulation versions, demo or not.
 * Rows go in as multi-row inserts in chunks, inside one transaction per migration: 11,929 HS lines in a
 * fraction of a second on both dialects.
 */
import type { Db } from '../../platform/db/database.js';
import type { Migrations } from '../../platform/db/migrate.js';
import { BUILT_IN_REGULATION } from '../../kernel/regulation.js';
import { normaliseDecimal } from '../../kernel/money.js';
import { CODE_TABLES } from './reference.types.js';
import { SEED_EFFECTIVE_FROM, loadCodeSeed, loadHsSeed, loadTariffSeed } from './seed-data.js';

export type ReferenceTables = {
  reference_code: {
    table_name: string;
    code: string;
    effective_from: string;
    effective_to: string | null;
    name: string;
    name_en: string | null;
    updated_by: string;
    updated_at: string;
  };
  reference_hs: {
    code: string;
    effective_from: string;
    effective_to: string | null;
    name: string;
    unit1: string;
    unit2: string | null;
    elements_json: string;
    updated_by: string;
    updated_at: string;
  };
  reference_tariff: {
    gcode: string;
    effective_from: string;
    effective_to: string | null;
    duty_rate: string;
    vat_rate: string;
    consumption_rate: string;
    positive_list: number;
    yearly_cap_qty: string | null;
    yearly_cap_unit: string | null;
    note: string | null;
    updated_by: string;
    updated_at: string;
  };
  reference_regulation: {
    version: string;
    effective_from: string;
    note: string;
    params_json: string;
    created_by: string;
    created_at: string;
  };
};

const SEED_ACTOR = 'system:seed';
/** Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const CHUNK = 1000;

/** Runs `work` in a transaction: the migrator already opened one on PostgreSQL, not on SQLite. */
async function inTransaction(db: Db, work: (trx: Db) => Promise<void>): Promise<void> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}

async function insertChunked<K extends keyof ReferenceTables>(trx: Db, table: K, rows: ReferenceTables[K][]) {
  const t = trx.withTables<ReferenceTables>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    // The table is a type parameter here, so Kysely cannot relate row to table: the rows are typed by the caller.
    await t.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
  }
}

export const referenceMigrations: Migrations = {
  '0200_reference_tables': {
    async up(db) {
      await db.schema
        .createTable('reference_code')
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('effective_to', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text')
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('reference_code_pk', ['table_name', 'code', 'effective_from'])
        .execute();
      await db.schema
        .createTable('reference_hs')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('effective_to', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('unit1', 'text', (c) => c.notNull())
        .addColumn('unit2', 'text')
        .addColumn('elements_json', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('reference_hs_pk', ['code', 'effective_from'])
        .execute();
      await db.schema
        .createTable('reference_tariff')
        .addColumn('gcode', 'text', (c) => c.notNull())
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('effective_to', 'text')
        .addColumn('duty_rate', 'text', (c) => c.notNull())
        .addColumn('vat_rate', 'text', (c) => c.notNull())
        .addColumn('consumption_rate', 'text', (c) => c.notNull())
        .addColumn('positive_list', 'integer', (c) => c.notNull())
        .addColumn('yearly_cap_qty', 'text')
        .addColumn('yearly_cap_unit', 'text')
        .addColumn('note', 'text')
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('reference_tariff_pk', ['gcode', 'effective_from'])
        .execute();
      await db.schema
        .createTable('reference_regulation')
        .addColumn('version', 'text', (c) => c.primaryKey())
        .addColumn('effective_from', 'text', (c) => c.notNull().unique())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('params_json', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },

  '0201_reference_seed_codes': {
    async up(db) {
      const at = new Date().toISOString();
      const rows: ReferenceTables['reference_code'][] = CODE_TABLES.flatMap((table) =>
        loadCodeSeed(table).map((r) => ({
          table_name: table,
          code: r.code,
          effective_from: SEED_EFFECTIVE_FROM,
          effective_to: null,
          name: r.name,
          name_en: r.nameEn,
          updated_by: SEED_ACTOR,
          updated_at: at,
        })),
      );
      await inTransaction(db, (trx) => insertChunked(trx, 'reference_code', rows));
    },
  },

  '0202_reference_seed_hs': {
    async up(db) {
      const at = new Date().toISOString();
      const rows: ReferenceTables['reference_hs'][] = loadHsSeed().map((h) => ({
        code: h.code,
        effective_from: SEED_EFFECTIVE_FROM,
        effective_to: null,
        name: h.name,
        unit1: h.unit1,
        unit2: h.unit2,
        elements_json: JSON.stringify(h.elements),
        updated_by: SEED_ACTOR,
        updated_at: at,
      }));
      await inTransaction(db, (trx) => insertChunked(trx, 'reference_hs', rows));
    },
  },

  '0203_reference_seed_tariffs': {
    async up(db) {
      const at = new Date().toISOString();
      const seed = loadTariffSeed();
      const rows: ReferenceTables['reference_tariff'][] = seed.tariffs.map((t) => ({
        gcode: t.gcode,
        effective_from: seed.effectiveFrom,
        effective_to: null,
        duty_rate: normaliseDecimal(t.dutyRate),
        vat_rate: normaliseDecimal(t.vatRate),
        consumption_rate: normaliseDecimal(t.consumptionRate),
        positive_list: t.positiveList ? 1 : 0,
        yearly_cap_qty: t.yearlyCapQty === null ? null : normaliseDecimal(t.yearlyCapQty),
        yearly_cap_unit: t.yearlyCapUnit,
        note: t.note,
        updated_by: SEED_ACTOR,
        updated_at: at,
      }));
      await inTransaction(db, (trx) => insertChunked(trx, 'reference_tariff', rows));
    },
  },

  '0204_reference_seed_regulation': {
    async up(db) {
      const at = new Date().toISOString();
      const rows: ReferenceTables['reference_regulation'][] = BUILT_IN_REGULATION.map((v) => ({
        version: v.version,
        effective_from: v.effectiveFrom,
        note: v.note,
        params_json: JSON.stringify(v.params),
        created_by: SEED_ACTOR,
        created_at: at,
      }));
      await inTransaction(db, (trx) => insertChunked(trx, 'reference_regulation', rows));
    },
  },
};
