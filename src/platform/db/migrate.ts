/**
 * Migrations are written once and run on both dialects. Each module contributes named migrations
 * (`NNNN_module_what`); names order them globally. Run at start and by `cbec migrate`.
 */
import { Migrator, type Migration as KyselyMigration, type MigrationProvider } from 'kysely';
import type { Database, Db, Dialect } from './database.js';

export interface Migration {
  up(db: Db, dialect: Dialect): Promise<void>;
}

export type Migrations = Record<string, Migration>;

export interface MigrateReport {
  applied: string[];
}

export async function migrate(database: Database, migrations: Migrations): Promise<MigrateReport> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, KyselyMigration> = {};
      for (const [name, m] of Object.entries(migrations)) out[name] = { up: (db) => m.up(db as Db, database.dialect) };
      return out;
    },
  };
  const migrator = new Migrator({
    db: database.db,
    provider,
    migrationTableName: 'platform_migration',
    migrationLockTableName: 'platform_migration_lock',
    ...(database.dialect === 'postgres' ? { migrationTableSchema: database.schema ?? 'public' } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** Column type for amounts and counts that may pass 2^31: bigint on both (SQLite stores it as INTEGER). */
export const BIGINT = 'bigint' as const;
