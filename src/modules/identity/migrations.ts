import type { Migrations } from '../../platform/db/migrate.js';

export const identityMigrations: Migrations = {
  '0100_identity_users': {
    async up(db) {
      await db.schema
        .createTable('identity_user')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('enterprise_id', 'text')
        .addColumn('display_name', 'text')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_login_at', 'text')
        .execute();
      await db.schema.createIndex('identity_user_enterprise').on('identity_user').column('enterprise_id').execute();
      await db.schema
        .createTable('identity_session')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('identity_session_user').on('identity_session').column('user_id').execute();
      await db.schema
        .createTable('identity_login_attempt')
        .addColumn('username', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('identity_api_key')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('prefix', 'text', (c) => c.notNull().unique())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('enterprise_id', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('identity_api_key_enterprise').on('identity_api_key').column('enterprise_id').execute();
    },
  },
};

export type IdentityTables = {
  identity_user: {
    id: string;
    username: string;
    password_hash: string;
    role: string;
    enterprise_id: string | null;
    display_name: string | null;
    disabled: number;
    created_at: string;
    last_login_at: string | null;
  };
  identity_session: { token_hash: string; user_id: string; created_at: string; expires_at: string };
  identity_login_attempt: { username: string; failures: number; locked_until: string | null; updated_at: string };
  identity_api_key: {
    id: string;
    prefix: string;
    secret_hash: string;
    enterprise_id: string;
    label: string;
    created_by: string;
    created_at: string;
    revoked_at: string | null;
    last_used_at: string | null;
  };
};
