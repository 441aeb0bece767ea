/**
 * bonded tables. Quantities are integers in units of 10^-5 (`*_e5`, see quantity.rules.ts); stock can never
 * go below zero (a CHECK on both dialects, behind the service's own check under lock).
 */
import { sql, type Generated } from 'kysely';
import type { Migrations } from '../../platform/db/migrate.js';
import { BIGINT } from '../../platform/db/migrate.js';

export const bondedMigrations: Migrations = {
  '0600_bonded_stock': {
    async up(db, dialect) {
      await db.schema
        .createTable('bonded_book')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ems_no', 'text', (c) => c.notNull().unique())
        .addColumn('enterprise_id', 'text', (c) => c.notNull())
        .addColumn('enterprise_code', 'text', (c) => c.notNull())
        .addColumn('district', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('bonded_book_enterprise').on('bonded_book').columns(['enterprise_id', 'ems_no']).execute();

      await db.schema
        .createTable('bonded_item')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('book_id', 'text', (c) => c.notNull())
        .addColumn('item_record_no', 'text', (c) => c.notNull())
        .addColumn('gcode', 'text', (c) => c.notNull())
        .addColumn('goods_name', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('stock_e5', BIGINT, (c) => c.notNull().check(sql`stock_e5 >= 0`))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('bonded_item_record', ['book_id', 'item_record_no'])
        .execute();

      await db.schema
        .createTable('bonded_entry')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('book_id', 'text', (c) => c.notNull())
        .addColumn('entry_no', 'text', (c) => c.notNull())
        .addColumn('entry_date', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('bonded_entry_no', ['book_id', 'entry_no'])
        .execute();
      await db.schema.createIndex('bonded_entry_book').on('bonded_entry').columns(['book_id', 'created_at']).execute();
      await db.schema
        .createTable('bonded_entry_line')
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('line_no', 'integer', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('item_record_no', 'text', (c) => c.notNull())
        .addColumn('qty_e5', BIGINT, (c) => c.notNull())
        .addPrimaryKeyConstraint('bonded_entry_line_pk', ['entry_id', 'line_no'])
        .execute();

      // What each released list (ref) took, per list line, and how much of it has been given back.
      await db.schema
        .createTable('bonded_take_line')
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('gnum', 'integer', (c) => c.notNull())
        .addColumn('book_id', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('item_record_no', 'text', (c) => c.notNull())
        .addColumn('qty_e5', BIGINT, (c) => c.notNull())
        .addColumn('given_back_e5', BIGINT, (c) => c.notNull())
        .addColumn('taken_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('bonded_take_line_pk', ['ref', 'gnum'])
        .addCheckConstraint('bonded_take_line_back', sql`given_back_e5 >= 0 and given_back_e5 <= qty_e5`)
        .execute();
      // Keys of partial give-backs already applied (a return's own number), so a repeat does nothing.
      await db.schema
        .createTable('bonded_give_back_key')
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('bonded_give_back_key_pk', ['ref', 'key'])
        .execute();

      // The ledger: one row per movement of one item, append-only. qty_e5 is signed (+ in, - out).
      await db.schema
        .createTable('bonded_movement')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('book_id', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('item_record_no', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('qty_e5', BIGINT, (c) => c.notNull())
        .addColumn('stock_after_e5', BIGINT, (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('bonded_movement_book').on('bonded_movement').columns(['book_id', 'seq']).execute();
      await db.schema.createIndex('bonded_movement_item').on('bonded_movement').columns(['item_id', 'seq']).execute();
      await db.schema.createIndex('bonded_movement_ref').on('bonded_movement').columns(['ref', 'seq']).execute();
    },
  },
};

export type BondedTables = {
  bonded_book: {
    id: string;
    ems_no: string;
    enterprise_id: string;
    enterprise_code: string;
    district: string;
    name: string;
    status: string;
    status_reason: string | null;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
  bonded_item: {
    id: string;
    book_id: string;
    item_record_no: string;
    gcode: string;
    goods_name: string;
    unit: string;
    stock_e5: number;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
  bonded_entry: { id: string; book_id: string; entry_no: string; entry_date: string; note: string | null; created_by: string; created_at: string };
  bonded_entry_line: { entry_id: string; line_no: number; item_id: string; item_record_no: string; qty_e5: number };
  bonded_take_line: { ref: string; gnum: number; book_id: string; item_id: string; item_record_no: string; qty_e5: number; given_back_e5: number; taken_at: string };
  bonded_give_back_key: { ref: string; key: string; at: string };
  bonded_movement: {
    seq: Generated<number>;
    book_id: string;
    item_id: string;
    item_record_no: string;
    kind: string;
    reason: string | null;
    ref: string;
    line: number;
    qty_e5: number;
    stock_after_e5: number;
    at: string;
    recorded_at: string;
    actor: string;
  };
};

/** The ledger's insert shape: `seq` is assigned by the store. */
export type MovementRow = Omit<BondedTables['bonded_movement'], 'seq'>;
