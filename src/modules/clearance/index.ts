/**
 * clearance: import 9610/1210 — documents, three-document matching, retail import tax, annual quota,
 * decisions and receipts (DESIGN.md §3). Export and bonded stock build on the same pipeline.
 * The CEB codec is not imported here: the gateway parses and validates messages and renders receipts,
 * handed in as ports by compose.ts.
 */
import { randomInt } from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Sealer } from '../../platform/crypto.js';
import type { Db, Dialect } from '../../platform/db/database.js';
import type { HotStore } from '../../platform/db/hot.js';
import type { FastifyPluginAsync } from 'fastify';
import { clearanceRoutes } from './clearance.routes.js';
import { createIngest } from './ingest.service.js';
import { clearanceMigrations } from './migrations.js';
import type { ClearanceReference, ClearanceRegistry, ClearanceStock, MayPushOnBehalf, ReceiptRenderer, RiskHook } from './ports.js';
import { createQueries } from './query.service.js';
import { createExportQueries } from './export-query.service.js';
import { createExportActions } from './export-entry.service.js';
import { exportRoutes } from './export.routes.js';
import type { BookingLookup } from './export.types.js';
import { createReceipts } from './receipts.js';
import { taxRecordRoutes } from './tax-records.routes.js';
import { createTaxRecords, type TaxRecordReference } from './tax-records.service.js';

export { clearanceMigrations } from './migrations.js';
export { KINDS } from './kinds.js';
export type { BookingFact, BookingLookup } from './export.types.js';
export type { DocReceipt, Ingest } from './ingest.service.js';
export type { ClearanceRegistry, ClearanceReference, ClearanceStock, MayPushOnBehalf, ReceiptRenderer, ReceiptMessage, RiskHook, FilingView } from './ports.js';
export type { RiskHit, Reason } from './decision.rules.js';
export { computeTax, type TaxResult } from './tax.rules.js';
export { reviewAbove, allOf } from './risk.rules.js';

export interface ClearanceDeps {
  db: Db;
  dialect: Dialect;
  /** Prepared statements for the ingestion path. */
  hot: HotStore;
  clock: Clock;
  audit: AuditLog;
  sealer: Sealer;
  registry: ClearanceRegistry;
  reference: ClearanceReference;
  renderer: ReceiptRenderer;
  /** 1210 bonded stock: taken when a bonded list is decided, given back on cancellation, rejection and return. */
  stock: ClearanceStock;
  /** 代推: may a postal or express operator push this platform's orders and payments? */
  mayPushOnBehalf: MayPushOnBehalf;
  /** Share of decided lists picked for inspection, 0–1 (default 0). */
  samplingRate?: number;
  risk?: RiskHook;
  /** Documents that may wait for a transaction before senders get 503 clearance.busy (default 10,000). */
  queueDocuments?: number;
  /** 9810: booking orders (订仓单) from the overseas-warehouse filings. */
  bookings?: BookingLookup;
  /** Names of unit and currency codes for export tax records (absent: codes are shown bare). */
  codeName?: TaxRecordReference['code'];
}

export function createClearanceModule(deps: ClearanceDeps) {
  const receipts = createReceipts({ dialect: deps.dialect, renderer: deps.renderer });
  const ingest = createIngest({
    ...deps,
    receipts,
    risk: deps.risk ?? (() => []),
    sample: () => randomInt(1_000_000) / 1_000_000,
    samplingRate: deps.samplingRate ?? 0,
  });
  const queries = createQueries({ ...deps, receipts });
  const exportQueries = createExportQueries({ ...deps, receipts });
  const exportActions = createExportActions(deps, ingest);
  // Export tax records (无票免税, 核定征收, rebate): read-only over the export tables.
  const taxRecords = createTaxRecords({
    db: deps.db,
    dialect: deps.dialect,
    clock: deps.clock,
    reference: { regulationAt: (d) => deps.reference.regulationAt(d), ...(deps.codeName ? { code: deps.codeName } : {}) },
    enterprises: { codesOf: (id) => deps.registry.byId(id), byCode: (code) => deps.registry.byCode(code) },
  });
  const routes: FastifyPluginAsync = async (app) => {
    await app.register(clearanceRoutes(queries, ingest, exportQueries));
    await app.register(taxRecordRoutes(taxRecords));
    await app.register(exportRoutes(exportQueries, exportActions));
  };
  return { name: 'clearance', migrations: clearanceMigrations, ingest, queries, exportQueries, exportActions, taxRecords, routes };
}
