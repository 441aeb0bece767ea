/**
 * overseas tables: warehouse filings with their versions (each submission, each decision), the proof files
 * (bytes in the store, with their SHA-256, size and verified type), and booking orders with their lines.
 * Areas are hundredths of a m², quantities units of 10^-5, values fen: integers everywhere.
 */
import type { Migrations } from '../../platform/db/migrate.js';
import { BIGINT } from '../../platform/db/migrate.js';

export const overseasMigrations: Migrations = {
  '0700_overseas_warehouses': {
    async up(db, dialect) {
      await db.schema
        .createTable('overseas_warehouse')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('enterprise_id', 'text', (c) => c.notNull())
        .addColumn('enterprise_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('area_centi', BIGINT, (c) => c.notNull())
        .addColumn('operator_name', 'text', (c) => c.notNull())
        .addColumn('tenure', 'text', (c) => c.notNull())
        .addColumn('lease_ends', 'text')
        .addColumn('proof_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('reject_reason', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('overseas_warehouse_name', ['enterprise_id', 'name'])
        .execute();
      await db.schema.createIndex('overseas_warehouse_status').on('overseas_warehouse').columns(['status', 'country']).execute();
      await db.schema.createIndex('overseas_warehouse_updated').on('overseas_warehouse').columns(['updated_at', 'id']).execute();

      await db.schema
        .createTable('overseas_warehouse_version')
        .addColumn('warehouse_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('data_json', 'text', (c) => c.notNull())
        .addColumn('proof_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_by', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('reason', 'text')
        .addPrimaryKeyConstraint('overseas_warehouse_version_pk', ['warehouse_id', 'version'])
        .execute();

      await db.schema
        .createTable('overseas_proof')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('warehouse_id', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('bytes', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('overseas_proof_warehouse').on('overseas_proof').columns(['warehouse_id']).execute();

      await db.schema
        .createTable('overseas_booking')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('enterprise_id', 'text', (c) => c.notNull())
        .addColumn('enterprise_code', 'text', (c) => c.notNull())
        .addColumn('booking_no', 'text', (c) => c.notNull())
        .addColumn('warehouse_id', 'text', (c) => c.notNull())
        .addColumn('planned_ship_date', 'text', (c) => c.notNull())
        .addColumn('transport_mode', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('goods_fen', BIGINT, (c) => c.notNull())
        .addColumn('line_count', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('overseas_booking_no', ['enterprise_id', 'booking_no'])
        .execute();
      await db.schema.createIndex('overseas_booking_warehouse').on('overseas_booking').columns(['warehouse_id', 'created_at']).execute();
      await db.schema.createIndex('overseas_booking_created').on('overseas_booking').columns(['created_at', 'id']).execute();

      await db.schema
        .createTable('overseas_booking_line')
        .addColumn('booking_id', 'text', (c) => c.notNull())
        .addColumn('line_no', 'integer', (c) => c.notNull())
        .addColumn('item_no', 'text')
        .addColumn('item_name', 'text', (c) => c.notNull())
        .addColumn('gcode', 'text', (c) => c.notNull())
        .addColumn('qty_e5', BIGINT, (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('value_fen', BIGINT, (c) => c.notNull())
        .addPrimaryKeyConstraint('overseas_booking_line_pk', ['booking_id', 'line_no'])
        .execute();
    },
  },
};

export type OverseasTables = {
  overseas_warehouse: {
    id: string;
    enterprise_id: string;
    enterprise_code: string;
    name: string;
    country: string;
    address: string;
    area_centi: number;
    operator_name: string;
    tenure: string;
    lease_ends: string | null;
    proof_id: string;
    status: string;
    version: number;
    reject_reason: string | null;
    decided_by: string | null;
    decided_at: string | null;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
  overseas_warehouse_version: {
    warehouse_id: string;
    version: number;
    data_json: string;
    proof_id: string;
    status: string;
    submitted_by: string;
    submitted_at: string;
    decided_by: string | null;
    decided_at: string | null;
    reason: string | null;
  };
  overseas_proof: {
    id: string;
    warehouse_id: string;
    file_name: string;
    content_type: string;
    size_bytes: number;
    sha256: string;
    bytes: Buffer;
    uploaded_by: string;
    uploaded_at: string;
  };
  overseas_booking: {
    id: string;
    enterprise_id: string;
    enterprise_code: string;
    booking_no: string;
    warehouse_id: string;
    planned_ship_date: string;
    transport_mode: string | null;
    status: string;
    goods_fen: number;
    line_count: number;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
  overseas_booking_line: {
    booking_id: string;
    line_no: number;
    item_no: string | null;
    item_name: string;
    gcode: string;
    qty_e5: number;
    unit: string;
    value_fen: number;
  };
};
