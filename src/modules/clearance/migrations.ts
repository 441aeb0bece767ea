import type { Generated } from 'kysely';
import type { Migrations } from '../../platform/db/migrate.js';
import { BIGINT } from '../../platform/db/migrate.js';

export const clearanceMigrations: Migrations = {
  '0400_clearance_import': {
    async up(db, dialect) {
      await db.schema
        .createTable('clearance_document')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('message_type', 'text', (c) => c.notNull())
        .addColumn('guid', 'text', (c) => c.notNull().unique())
        .addColumn('business_key', 'text', (c) => c.notNull().unique())
        .addColumn('sender_id', 'text', (c) => c.notNull())
        .addColumn('ebp_code', 'text')
        .addColumn('order_no', 'text')
        .addColumn('link_key', 'text')
        .addColumn('app_type', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('receipt_json', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('clearance_document_link').on('clearance_document').column('link_key').execute();
      await db.schema
        .createTable('clearance_declaration')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ebp_code', 'text', (c) => c.notNull())
        .addColumn('order_no', 'text', (c) => c.notNull())
        .addColumn('order_id', 'text')
        .addColumn('payment_id', 'text')
        .addColumn('waybill_id', 'text')
        .addColumn('list_id', 'text')
        .addColumn('cop_no', 'text')
        .addColumn('agent_code', 'text')
        .addColumn('ebc_code', 'text')
        .addColumn('logistics_key', 'text')
        .addColumn('trade_mode', 'text')
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('buyer_key', 'text')
        .addColumn('year', 'integer')
        .addColumn('dutiable_fen', BIGINT)
        .addColumn('tax_total_fen', BIGINT)
        .addColumn('tax_json', 'text')
        .addColumn('reasons_json', 'text', (c) => c.notNull())
        .addColumn('parties_json', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addUniqueConstraint('clearance_declaration_order', ['ebp_code', 'order_no'])
        .execute();
      await db.schema.createIndex('clearance_declaration_cop').on('clearance_declaration').columns(['agent_code', 'cop_no']).execute();
      await db.schema.createIndex('clearance_declaration_logistics').on('clearance_declaration').column('logistics_key').execute();
      await db.schema.createIndex('clearance_declaration_status').on('clearance_declaration').columns(['status', 'deadline']).execute();
      await db.schema
        .createTable('clearance_receipt')
        .addColumn('cursor', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('recipient_id', 'text', (c) => c.notNull())
        .addColumn('message_type', 'text', (c) => c.notNull())
        .addColumn('ref_guid', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('return_status', 'integer', (c) => c.notNull())
        .addColumn('body_json', 'text', (c) => c.notNull())
        .addColumn('xml', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('clearance_receipt_recipient').on('clearance_receipt').columns(['recipient_id', 'cursor']).execute();
      await db.schema
        .createTable('clearance_quota')
        .addColumn('buyer_key', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('used_fen', BIGINT, (c) => c.notNull())
        .addPrimaryKeyConstraint('clearance_quota_pk', ['buyer_key', 'year'])
        .execute();
    },
  },
  '0401_clearance_returns': {
    async up(db) {
      await db.schema.alterTable('clearance_declaration').addColumn('returns_json', 'text', (c) => c.notNull().defaultTo('[]')).execute();
      await db.schema.alterTable('clearance_declaration').addColumn('released_fen', BIGINT, (c) => c.notNull().defaultTo(0)).execute();
    },
  },
  '0402_clearance_waybill_events': {
    async up(db, dialect) {
      // What logistics firms (CEB513) and supervised sites (CEB711) report about a waybill, in order.
      await db.schema
        .createTable('clearance_waybill_event')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('waybill_key', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('event_time', 'text', (c) => c.notNull())
        .addColumn('document_id', 'text', (c) => c.notNull())
        .addColumn('sender_id', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('clearance_waybill_event_key').on('clearance_waybill_event').columns(['waybill_key', 'received_at']).execute();
      // Per-person yearly caps: what each buyer has bought of a capped heading this year (1e-5 units).
      await db.schema
        .createTable('clearance_item_usage')
        .addColumn('buyer_key', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('cap_key', 'text', (c) => c.notNull())
        .addColumn('used_e5', BIGINT, (c) => c.notNull())
        .addPrimaryKeyConstraint('clearance_item_usage_pk', ['buyer_key', 'year', 'cap_key'])
        .execute();
    },
  },
};

export type ClearanceTables = {
  clearance_document: {
    id: string;
    kind: string;
    message_type: string;
    guid: string;
    business_key: string;
    sender_id: string;
    ebp_code: string | null;
    order_no: string | null;
    link_key: string | null;
    app_type: string;
    status: number;
    body: string;
    receipt_json: string;
    received_at: string;
  };
  clearance_declaration: {
    id: string;
    ebp_code: string;
    order_no: string;
    order_id: string | null;
    payment_id: string | null;
    waybill_id: string | null;
    list_id: string | null;
    cop_no: string | null;
    agent_code: string | null;
    ebc_code: string | null;
    logistics_key: string | null;
    trade_mode: string | null;
    status: number;
    buyer_key: string | null;
    year: number | null;
    dutiable_fen: number | null;
    tax_total_fen: number | null;
    tax_json: string | null;
    reasons_json: string;
    parties_json: string;
    deadline: string | null;
    created_at: string;
    updated_at: string;
    decided_at: string | null;
    returns_json: Generated<string>;
    released_fen: Generated<number>;
  };
  clearance_receipt: {
    cursor: Generated<number>;
    recipient_id: string;
    message_type: string;
    ref_guid: string;
    subject: string;
    return_status: number;
    body_json: string;
    xml: string;
    created_at: string;
  };
  clearance_quota: { buyer_key: string; year: number; name_key: string; used_fen: number };
  clearance_item_usage: { buyer_key: string; year: number; cap_key: string; used_e5: number };
  clearance_waybill_event: { seq: Generated<number>; waybill_key: string; kind: string; status: string; event_time: string; document_id: string; sender_id: string; note: string | null; received_at: string };
};
