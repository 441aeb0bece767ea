/**
 * Migrations are written once and run on both dialects. Each module contributes named migrations
 * (`NNNN_module_what`, each module numbering its own block); names order them globally. A module's new
 * migration may sort before another module's applied one, so pending migrations run in name order after
 * the applied ones. Run at start and by `cbec migrate`.
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
    allowUnorderedMigrations: true,
    ...(database.dialect === 'postgres' ? { migrationTableSchema: database.schema ?? 'public' } : {}),
  });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (error && attempt < 3 && otherSchemaVanished(error, database.schema)) continue;
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
  }
}

/**
 * Kysely's migrator looks for its tables by introspecting every schema of the database; a schema that
 * someone else drops meanwhile (each test file drops its own when done) fails that look-up with
 * 3F000 naming the other schema. That says nothing about ours, and nothing was migrated: try again.
 */
function otherSchemaVanished(error: unknown, own: string | undefined): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '3F000' && !!own && !(e.message ?? '').includes(`"${own}"`);
}

/** Column type for amounts and counts that may pass 2^31: bigint on both (SQLite stores it as INTEGER). */
export const BIGINT = 'bigint' as const;
