/**
 * Composition root: build the adapters, hand each module only what it needs, collect migrations and
 * routes. Used by `cbec serve`, the other CLI verbs and the HTTP tests alike.
 */
import { systemClock, type Clock } from './kernel/clock.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { migrate, type Migrations } from './platform/db/migrate.js';
import { auditMigrations, createAuditLog } from './platform/audit/audit.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { buildApp, type App } from './platform/http/app.js';
import { createIdentityModule } from './modules/identity/index.js';
import { createReferenceModule } from './modules/reference/index.js';
import { createRegistryModule } from './modules/registry/index.js';

export interface PlatformOptions {
  db: string;
  /** PostgreSQL schema to work in (tests). */
  schema?: string;
  clock?: Clock;
  secret: string;
}

export async function createPlatform(opts: PlatformOptions) {
  const clock = opts.clock ?? systemClock;
  const database: Database = await openDatabase(opts.db, opts.schema ? { schema: opts.schema } : {});
  const { db, dialect } = database;
  const audit = createAuditLog({ db, dialect, clock });
  const identity = createIdentityModule({ db, dialect, clock, audit });
  const reference = createReferenceModule({ db, dialect, clock, audit });
  const registry = createRegistryModule({ db, clock, audit, identity: identity.service, lookup: reference.lookup });
  const modules = [identity, reference, registry];

  const migrations: Migrations = { ...auditMigrations };
  for (const m of modules) Object.assign(migrations, m.migrations);

  return {
    database,
    clock,
    audit,
    identity: identity.service,
    reference: reference.service,
    registry: { enterprises: registry.enterprises, products: registry.products },
    migrate: () => migrate(database, migrations),
    async http(o: { logLevel?: string; webDir?: string; version?: string } = {}): Promise<App> {
      return buildApp({
        ...o,
        modules: [...modules, { name: 'audit', routes: auditRoutes(audit) }],
        authenticate: identity.service.authenticate,
      });
    },
    close: () => database.close(),
  };
}

export type Platform = Awaited<ReturnType<typeof createPlatform>>;
