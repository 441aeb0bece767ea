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
import { createBondedModule } from './modules/bonded/index.js';
import { createOverseasModule } from './modules/overseas/index.js';
import { createClearanceModule, type RiskHook } from './modules/clearance/index.js';
import { createWebhooksModule } from './modules/webhooks/index.js';
import { createSealer } from './platform/crypto.js';
import { createHotStore } from './platform/db/hot.js';
import { messageRoutes } from './gateway/messages.routes.js';
import { toXml } from './gateway/ceb/to-xml.js';

export interface PlatformOptions {
  db: string;
  /** PostgreSQL schema to work in (tests). */
  schema?: string;
  clock?: Clock;
  secret: string;
  /** Share of decided import lists picked for inspection (0–1). */
  samplingRate?: number;
  /** Risk rules for decided import lists (manual review or inspection). */
  risk?: RiskHook;
  /** Documents that may wait for an ingestion transaction before senders get 503 (default 10,000). */
  queueDocuments?: number;
  /** The zone plan's target number of overseas warehouses (default 10, DOMAIN.md §12). */
  targetOverseasWarehouses?: number;
}

export async function createPlatform(opts: PlatformOptions) {
  const clock = opts.clock ?? systemClock;
  const database: Database = await openDatabase(opts.db, opts.schema ? { schema: opts.schema } : {});
  const { db, dialect } = database;
  const audit = createAuditLog({ db, dialect, clock });
  const identity = createIdentityModule({ db, dialect, clock, audit });
  const reference = createReferenceModule({ db, dialect, clock, audit });
  const registry = createRegistryModule({ db, clock, audit, identity: identity.service, lookup: reference.lookup });
  const bonded = createBondedModule({ db, dialect, clock, audit, lookup: reference.lookup, enterprises: { summary: (id) => registry.enterprises.summary(id) } });
  // Clearance looks filings and tariffs up while its transaction holds the writer: it reads through the reader.
  const lookupReference = createReferenceModule({ db: database.reader, dialect, clock, audit });
  const lookupRegistry = createRegistryModule({ db: database.reader, clock, audit, identity: identity.service, lookup: lookupReference.lookup });
  // 9810: its look-up port reads through the reader too, so clearance may ask it inside a transaction.
  const overseas = createOverseasModule(
    {
      db,
      reader: database.reader,
      dialect,
      clock,
      audit,
      reference: reference.lookup,
      enterprises: { byCode: (code) => lookupRegistry.enterprises.byCode(code), summary: (id) => lookupRegistry.enterprises.summary(id) },
      // 9810 lists waiting for a booking order are evaluated as soon as it is filed.
      onBookingFiled: (owner, bookingNo) => clearance.ingest.bookingFiled(owner, bookingNo),
    },
    opts.targetOverseasWarehouses !== undefined ? { targetWarehouses: opts.targetOverseasWarehouses } : {},
  );
  const clearance = createClearanceModule({
    db,
    hot: createHotStore(database),
    stock: bonded.stock,
    bookings: (owner, bookingNo) => overseas.lookup.booking(owner, bookingNo),
    mayPushOnBehalf: (sender, kind, owner, date) => lookupRegistry.mayPushOnBehalf(sender, kind, owner, date),
    dialect,
    clock,
    audit,
    sealer: createSealer(opts.secret),
    registry: {
      byCode: (code) => lookupRegistry.enterprises.byCode(code),
      byId: (id) => lookupRegistry.enterprises.summary(id),
      productApproved: async (enterpriseId, itemNo) => !!(await lookupRegistry.products.approvedItem(enterpriseId, itemNo)),
    },
    reference: {
      tariffAt: (g, d) => lookupReference.lookup.tariffAt(g, d),
      regulationAt: (d) => lookupReference.lookup.regulationAt(d),
      async hsKnown(code, date) {
        if (code.length === 10) return !!(await lookupReference.lookup.hs(code, date));
        const page = await lookupReference.service.listHs({ q: code, limit: 5, offset: 0, ...(date ? { date } : {}) });
        return page.items.some((h) => h.code.startsWith(code));
      },
    },
    codeName: (table, code) => lookupReference.lookup.code(table, code),
    renderer: {
      toXml(message) {
        const r = toXml(message);
        if (!r.ok) throw new Error(`receipt ${message.messageType} does not render: ${r.errors.map((e) => `${e.path ?? e.element}: ${e.message}`).join('; ')}`);
        return r.xml;
      },
    },
    ...(opts.samplingRate !== undefined ? { samplingRate: opts.samplingRate } : {}),
    ...(opts.risk ? { risk: opts.risk } : {}),
    ...(opts.queueDocuments ? { queueDocuments: opts.queueDocuments } : {}),
  });
  // Webhooks read an enterprise's receipts as that enterprise would through GET /api/v1/receipts.
  const webhooks = createWebhooksModule({
    db,
    clock,
    audit,
    sealer: createSealer(opts.secret),
    receipts: {
      after: async (enterpriseId, after, limit) => (await clearance.queries.receiptsAfter({ kind: 'api_key', id: 'webhooks', name: 'webhooks', role: 'enterprise', enterpriseId }, after, limit)).items,
    },
    enterprises: { exists: async (id) => !!(await registry.enterprises.summary(id)) },
  });
  const modules = [identity, reference, registry, bonded, overseas, clearance, webhooks];

  const migrations: Migrations = { ...auditMigrations };
  for (const m of modules) Object.assign(migrations, m.migrations);

  return {
    database,
    clock,
    audit,
    identity: identity.service,
    reference: reference.service,
    registry: {
      enterprises: registry.enterprises,
      products: registry.products,
      undertakings: registry.undertakings,
      /** The 代推 port for clearance: reads through the reader, so it can be asked while a batch holds the writer. */
      mayPushOnBehalf: lookupRegistry.mayPushOnBehalf,
    },
    /** 1210 bonded stock: books and entries (use cases), and `stock`, the take / give-back port clearance calls inside its transaction. */
    bonded: { books: bonded.books, entries: bonded.entries, stock: bonded.stock },
    /** 9810 overseas warehouses: filings and booking orders (use cases), and `lookup`, the port clearance reads. */
    overseas: { warehouses: overseas.warehouses, bookings: overseas.bookings, lookup: overseas.lookup },
    clearance: { ingest: clearance.ingest, queries: clearance.queries, exportQueries: clearance.exportQueries, exportActions: clearance.exportActions },
    webhooks: { subscriptions: webhooks.service, delivery: webhooks.delivery },
    migrate: () => migrate(database, migrations),
    async http(o: { logLevel?: string; webDir?: string; version?: string } = {}): Promise<App> {
      return buildApp({
        ...o,
        modules: [...modules, { name: 'audit', routes: auditRoutes(audit) }, { name: 'gateway', routes: messageRoutes(clearance.ingest, () => clock.now()) }],
        authenticate: identity.service.authenticate,
      });
    },
    close: () => database.close(),
  };
}

export type Platform = Awaited<ReturnType<typeof createPlatform>>;
