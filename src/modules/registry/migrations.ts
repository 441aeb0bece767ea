import type { Migrations } from '../../platform/db/migrate.js';
import { BIGINT } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/database.js';

/** Each filing kind keeps its submissions as numbered versions with their decisions. */
async function versionTable(db: Db, kind: 'enterprise' | 'product') {
  await db.schema
    .createTable(`registry_${kind}_version`)
    .addColumn(`${kind}_id`, 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint(`registry_${kind}_version_pk`, [`${kind}_id`, 'version'])
    .execute();
}

export const registryMigrations: Migrations = {
  '0300_registry_enterprises': {
    async up(db) {
      await db.schema
        .createTable('registry_enterprise')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('uscc', 'text', (c) => c.notNull().unique())
        .addColumn('customs_code', 'text', (c) => c.notNull().unique())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('district', 'text')
        .addColumn('contact_json', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('approved_version', 'integer')
        .addColumn('reject_reason', 'text')
        .addColumn('warnings_json', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('registry_enterprise_status').on('registry_enterprise').columns(['status', 'updated_at']).execute();
      await versionTable(db, 'enterprise');
    },
  },
  '0301_registry_products': {
    async up(db) {
      await db.schema
        .createTable('registry_product')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('enterprise_id', 'text', (c) => c.notNull())
        .addColumn('item_no', 'text', (c) => c.notNull())
        .addColumn('item_name', 'text', (c) => c.notNull())
        .addColumn('gcode', 'text', (c) => c.notNull())
        .addColumn('gmodel', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('unit1', 'text', (c) => c.notNull())
        .addColumn('unit2', 'text')
        .addColumn('price_fen', BIGINT)
        .addColumn('bar_code', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('approved_version', 'integer')
        .addColumn('reject_reason', 'text')
        .addColumn('warnings_json', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('registry_product_item', ['enterprise_id', 'item_no'])
        .execute();
      await db.schema.createIndex('registry_product_status').on('registry_product').columns(['status', 'updated_at']).execute();
      await db.schema.createIndex('registry_product_gcode').on('registry_product').column('gcode').execute();
      await versionTable(db, 'product');
    },
  },
  '0302_registry_undertakings': {
    async up(db) {
      await db.schema
        .createTable('registry_undertaking')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('enterprise_id', 'text', (c) => c.notNull())
        .addColumn('kinds', 'text', (c) => c.notNull())
        .addColumn('all_owners', 'integer', (c) => c.notNull())
        .addColumn('owner_codes', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text', (c) => c.notNull())
        .addColumn('letter_no', 'text')
        .addColumn('note', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reject_reason', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('revoked_by', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('revoke_reason', 'text')
        .addColumn('warnings_json', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('registry_undertaking_sender').on('registry_undertaking').columns(['enterprise_id', 'status', 'valid_from']).execute();
      await db.schema.createIndex('registry_undertaking_status').on('registry_undertaking').columns(['status', 'updated_at']).execute();
    },
  },
};

type VersionRow = {
  version: number;
  data_json: string;
  status: string;
  submitted_by: string;
  submitted_at: string;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
};

export type RegistryTables = {
  registry_enterprise: {
    id: string;
    name: string;
    uscc: string;
    customs_code: string;
    roles: string;
    district: string | null;
    contact_json: string | null;
    status: string;
    version: number;
    approved_version: number | null;
    reject_reason: string | null;
    warnings_json: string;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
  registry_enterprise_version: VersionRow & { enterprise_id: string };
  registry_product: {
    id: string;
    enterprise_id: string;
    item_no: string;
    item_name: string;
    gcode: string;
    gmodel: string;
    country: string;
    unit: string;
    unit1: string;
    unit2: string | null;
    price_fen: number | null;
    bar_code: string | null;
    status: string;
    version: number;
    approved_version: number | null;
    reject_reason: string | null;
    warnings_json: string;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
  registry_product_version: VersionRow & { product_id: string };
  registry_undertaking: {
    id: string;
    enterprise_id: string;
    /** JSON array of push kinds. */
    kinds: string;
    /** 1: for every owner; 0: for owner_codes only. */
    all_owners: number;
    /** JSON array of customs codes. */
    owner_codes: string;
    valid_from: string;
    valid_to: string;
    letter_no: string | null;
    note: string | null;
    status: string;
    reject_reason: string | null;
    decided_by: string | null;
    decided_at: string | null;
    revoked_by: string | null;
    revoked_at: string | null;
    revoke_reason: string | null;
    warnings_json: string;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
};
