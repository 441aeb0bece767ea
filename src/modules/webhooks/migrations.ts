/**
 * webhooks tables. One subscription per enterprise, carrying its own delivery state (cursor, failures,
 * next attempt, lease) so that a restart or another worker picks up exactly where the last one stopped.
 * Instants are ISO-8601 UTC text, which sorts as it reads on both dialects.
 */
import type { Generated } from 'kysely';
import type { Migrations } from '../../platform/db/migrate.js';
import { BIGINT } from '../../platform/db/migrate.js';

export const webhooksMigrations: Migrations = {
  '0500_webhooks_subscriptions': {
    async up(db) {
      await db.schema
        .createTable('webhooks_subscription')
        .addColumn('enterprise_id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        // AES-GCM sealed (platform/crypto): it must be usable to sign, so it cannot be hashed.
        .addColumn('secret_sealed', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // The last receipt cursor the receiver acknowledged with a 2xx.
        .addColumn('cursor', BIGINT, (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'text')
        .addColumn('lease_token', 'text')
        .addColumn('last_delivery_at', 'text')
        .addColumn('last_status', 'text')
        .addColumn('last_http_status', 'integer')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('webhooks_subscription_due').on('webhooks_subscription').columns(['active', 'next_attempt_at']).execute();
    },
  },
  '0501_webhooks_deliveries': {
    async up(db, dialect) {
      await db.schema
        .createTable('webhooks_delivery')
        // Orders the log: attempts made in the same instant still read newest first.
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('enterprise_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('cursor_from', BIGINT, (c) => c.notNull())
        .addColumn('cursor_to', BIGINT, (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('http_status', 'integer')
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhooks_delivery_enterprise').on('webhooks_delivery').columns(['enterprise_id', 'seq']).execute();
      // Pruning deletes by age across all enterprises.
      await db.schema.createIndex('webhooks_delivery_at').on('webhooks_delivery').column('at').execute();
    },
  },
};

export type WebhooksTables = {
  webhooks_subscription: {
    enterprise_id: string;
    url: string;
    secret_sealed: string;
    active: number;
    created_at: string;
    updated_at: string;
    cursor: number;
    failures: number;
    next_attempt_at: string;
    lease_until: string | null;
    lease_token: string | null;
    last_delivery_at: string | null;
    last_status: string | null;
    last_http_status: number | null;
    last_error: string | null;
  };
  webhooks_delivery: {
    seq: Generated<number>;
    id: string;
    enterprise_id: string;
    at: string;
    url: string;
    cursor_from: number;
    cursor_to: number;
    count: number;
    status: string;
    http_status: number | null;
    error: string | null;
    duration_ms: number;
    attempt: number;
  };
};
