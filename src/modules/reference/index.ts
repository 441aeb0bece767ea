/**
 * reference: the zone's reference data, operator-maintained with effective dates — code tables
 * (countries, currencies, units, customs districts, transport modes, packaging), the 10-digit HS
 * nomenclature with legal units and declared elements, the tariff (HS -> duty, VAT and consumption rates,
 * positive list, per-person yearly caps; 财关税〔2018〕49号) and the versioned regulation parameters.
 * Sits at the bottom of the module graph with identity and registry; others read it through
 * `ReferenceLookup`.
 */
import type { Clock } from '../../kernel/clock.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Db, Dialect } from '../../platform/db/database.js';
import type { Migrations } from '../../platform/db/migrate.js';
import type { FastifyPluginAsync } from 'fastify';
import { referenceMigrations } from './migrations.js';
import { referenceRoutes } from './reference.routes.js';
import { createReferenceService, type ReferenceService } from './reference.service.js';
import type { ReferenceLookup } from './reference.types.js';

export { referenceMigrations, type ReferenceTables } from './migrations.js';
export type { ReferenceService, ReferenceDeps } from './reference.service.js';
export {
  CODE_TABLES,
  CODE_TABLE_PATHS,
  type CodeTable,
  type CodeEntry,
  type CodeInput,
  type HsCode,
  type HsEntry,
  type HsInput,
  type Tariff,
  type TariffInput,
  type RegulationInput,
  type ReferenceLookup,
} from './reference.types.js';
export { shanghaiDate, isIsoDate, addDays, type IsoDate } from './versioning.rules.js';

export interface ReferenceModule {
  name: 'reference';
  migrations: Migrations;
  /** Every use case: look-ups, browsing, and the audited operator edits. */
  service: ReferenceService;
  /** The narrow read interface other modules depend on (registry filings, clearance tax and caps). */
  lookup: ReferenceLookup;
  routes: FastifyPluginAsync;
}

/**
 * Builds the module. `clock` decides "today" (Asia/Shanghai) for look-ups without a date; `audit` receives
 * one record per edit, in the edit's transaction.
 */
export function createReferenceModule(deps: { db: Db; dialect: Dialect; clock: Clock; audit: AuditLog; cacheTtlMs?: number }): ReferenceModule {
  const service = createReferenceService(deps);
  return { name: 'reference', migrations: referenceMigrations, service, lookup: service.lookup, routes: referenceRoutes(service) };
}
