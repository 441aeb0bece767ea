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
  '0403_clearance_export': {
    async up(db) {
      // An export declaration (9610/1210/9710/9810 list channel): the match record of one order, keyed by
      // platform and order number, with slots for the order, the receipt of payment, the waybill and the list,
      // and what happens to the list after release: arrival, master bill, departure, summary, cancellation.
      await db.schema
        .createTable('clearance_export')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ebp_code', 'text', (c) => c.notNull())
        .addColumn('order_no', 'text', (c) => c.notNull())
        .addColumn('order_id', 'text')
        .addColumn('receipt_id', 'text')
        .addColumn('waybill_id', 'text')
        .addColumn('list_id', 'text')
        .addColumn('cop_no', 'text')
        .addColumn('agent_code', 'text')
        .addColumn('ebc_code', 'text')
        .addColumn('owner_code', 'text')
        .addColumn('logistics_key', 'text')
        .addColumn('trade_mode', 'text')
        .addColumn('statistics_flag', 'text')
        .addColumn('customs_code', 'text')
        .addColumn('port_code', 'text')
        .addColumn('country', 'text')
        .addColumn('traf_mode', 'text')
        .addColumn('currency', 'text')
        .addColumn('invt_no', 'text')
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('reasons_json', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text')
        .addColumn('goods_fen', BIGINT)
        .addColumn('collected_fen', BIGINT)
        .addColumn('gross_weight', 'text')
        .addColumn('net_weight', 'text')
        .addColumn('ie_date', 'text')
        .addColumn('arrived_at', 'text')
        .addColumn('bill_no', 'text')
        .addColumn('departed_at', 'text')
        .addColumn('summary_id', 'text')
        .addColumn('cancelled_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('released_at', 'text')
        .addUniqueConstraint('clearance_export_order', ['ebp_code', 'order_no'])
        .execute();
      await db.schema.createIndex('clearance_export_cop').on('clearance_export').columns(['agent_code', 'cop_no']).execute();
      await db.schema.createIndex('clearance_export_logistics').on('clearance_export').column('logistics_key').execute();
      await db.schema.createIndex('clearance_export_invt').on('clearance_export').column('invt_no').execute();
      await db.schema.createIndex('clearance_export_status').on('clearance_export').columns(['status', 'deadline']).execute();
      await db.schema.createIndex('clearance_export_ebc').on('clearance_export').columns(['ebc_code', 'released_at']).execute();
      await db.schema.createIndex('clearance_export_summary').on('clearance_export').column('summary_id').execute();
      // The goods lines of a released export list: what summaries group and tax records report.
      await db.schema
        .createTable('clearance_export_line')
        .addColumn('export_id', 'text', (c) => c.notNull())
        .addColumn('gnum', 'integer', (c) => c.notNull())
        .addColumn('item_no', 'text')
        .addColumn('item_name', 'text')
        .addColumn('gcode', 'text', (c) => c.notNull())
        .addColumn('gname', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('qty', 'text', (c) => c.notNull())
        .addColumn('unit1', 'text')
        .addColumn('qty1', 'text')
        .addColumn('price', 'text', (c) => c.notNull())
        .addColumn('total_fen', BIGINT, (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('clearance_export_line_pk', ['export_id', 'gnum'])
        .execute();
      // Summary applications (CEB701) and their results (CEB792): one customs declaration (entryId) each.
      await db.schema
        .createTable('clearance_summary')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sum_no', 'text', (c) => c.notNull().unique())
        .addColumn('cop_no', 'text', (c) => c.notNull())
        .addColumn('agent_code', 'text', (c) => c.notNull())
        .addColumn('ebc_code', 'text', (c) => c.notNull())
        .addColumn('owner_code', 'text')
        .addColumn('decl_agent_code', 'text', (c) => c.notNull())
        .addColumn('customs_code', 'text', (c) => c.notNull())
        .addColumn('port_code', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('traf_mode', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('summary_flag', 'text', (c) => c.notNull())
        .addColumn('item_name_flag', 'text')
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('list_count', 'integer', (c) => c.notNull())
        .addColumn('goods_fen', BIGINT, (c) => c.notNull())
        .addColumn('collected_fen', BIGINT, (c) => c.notNull())
        .addColumn('gross_weight', 'text', (c) => c.notNull())
        .addColumn('net_weight', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull().unique())
        .addColumn('decl_seq_no', 'text', (c) => c.notNull())
        .addColumn('dec_state', 'text', (c) => c.notNull())
        .addColumn('items_json', 'text', (c) => c.notNull())
        .addColumn('sender_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('clearance_summary_cop', ['agent_code', 'cop_no'])
        .execute();
      await db.schema.createIndex('clearance_summary_ebc').on('clearance_summary').columns(['ebc_code', 'created_at']).execute();
      // Export returns: goods back unchanged within the window, linked to their list and declaration.
      await db.schema
        .createTable('clearance_export_return')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('export_id', 'text', (c) => c.notNull())
        .addColumn('invt_no', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text')
        .addColumn('ebc_code', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('lines_json', 'text', (c) => c.notNull())
        .addColumn('returned_fen', BIGINT, (c) => c.notNull())
        .addColumn('returned_on', 'text', (c) => c.notNull())
        .addColumn('sender_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('clearance_export_return_export').on('clearance_export_return').column('export_id').execute();
      // Customs declarations (报关单) of B2B exports (9710/9810) declared outside the list channel; attached
      // document 10000004 names the platform order or the booking order customs matches them against.
      await db.schema
        .createTable('clearance_export_entry')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entry_id', 'text', (c) => c.notNull().unique())
        .addColumn('cop_no', 'text', (c) => c.notNull())
        .addColumn('trade_mode', 'text', (c) => c.notNull())
        .addColumn('ebc_code', 'text', (c) => c.notNull())
        .addColumn('agent_code', 'text', (c) => c.notNull())
        .addColumn('ebp_code', 'text')
        .addColumn('customs_code', 'text', (c) => c.notNull())
        .addColumn('port_code', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('goods_fen', BIGINT, (c) => c.notNull())
        .addColumn('collected_fen', BIGINT, (c) => c.notNull())
        .addColumn('attached_type', 'text', (c) => c.notNull())
        .addColumn('attached_no', 'text', (c) => c.notNull())
        .addColumn('match_status', 'text', (c) => c.notNull())
        .addColumn('match_json', 'text', (c) => c.notNull())
        .addColumn('lines_json', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('sender_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('released_at', 'text')
        .addUniqueConstraint('clearance_export_entry_cop', ['agent_code', 'cop_no'])
        .execute();
      await db.schema.createIndex('clearance_export_entry_ebc').on('clearance_export_entry').columns(['ebc_code', 'created_at']).execute();
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
  clearance_export: {
    id: string;
    ebp_code: string;
    order_no: string;
    order_id: string | null;
    receipt_id: string | null;
    waybill_id: string | null;
    list_id: string | null;
    cop_no: string | null;
    agent_code: string | null;
    ebc_code: string | null;
    owner_code: string | null;
    logistics_key: string | null;
    trade_mode: string | null;
    statistics_flag: string | null;
    customs_code: string | null;
    port_code: string | null;
    country: string | null;
    traf_mode: string | null;
    currency: string | null;
    invt_no: string | null;
    status: number;
    reasons_json: string;
    deadline: string | null;
    goods_fen: number | null;
    collected_fen: number | null;
    gross_weight: string | null;
    net_weight: string | null;
    ie_date: string | null;
    arrived_at: string | null;
    bill_no: string | null;
    departed_at: string | null;
    summary_id: string | null;
    cancelled_at: string | null;
    created_at: string;
    updated_at: string;
    decided_at: string | null;
    released_at: string | null;
  };
  clearance_export_line: { export_id: string; gnum: number; item_no: string | null; item_name: string | null; gcode: string; gname: string; unit: string; qty: string; unit1: string | null; qty1: string | null; price: string; total_fen: number; currency: string };
  clearance_summary: {
    id: string;
    sum_no: string;
    cop_no: string;
    agent_code: string;
    ebc_code: string;
    owner_code: string | null;
    decl_agent_code: string;
    customs_code: string;
    port_code: string;
    country: string;
    traf_mode: string;
    currency: string;
    summary_flag: string;
    item_name_flag: string | null;
    period: string;
    list_count: number;
    goods_fen: number;
    collected_fen: number;
    gross_weight: string;
    net_weight: string;
    entry_id: string;
    decl_seq_no: string;
    dec_state: string;
    items_json: string;
    sender_id: string;
    created_at: string;
  };
  clearance_export_return: { id: string; export_id: string; invt_no: string; entry_id: string | null; ebc_code: string; reason: string; lines_json: string; returned_fen: number; returned_on: string; sender_id: string; created_at: string };
  clearance_export_entry: {
    id: string;
    entry_id: string;
    cop_no: string;
    trade_mode: string;
    ebc_code: string;
    agent_code: string;
    ebp_code: string | null;
    customs_code: string;
    port_code: string;
    country: string;
    currency: string;
    goods_fen: number;
    collected_fen: number;
    attached_type: string;
    attached_no: string;
    match_status: string;
    match_json: string;
    lines_json: string;
    status: number;
    sender_id: string;
    created_at: string;
    released_at: string | null;
  };
};
