/**
 * overseas: the 9810 overseas-warehouse side of exports (跨境电商出口海外仓, GACC 2020 No.75; DOMAIN.md §1,
 * §5). An approved e-commerce or overseas-warehouse enterprise files each warehouse abroad (海外仓备案)
 * with its ownership or lease proof, which customs or commerce reviews; against an approved warehouse it
 * files booking orders (订仓单) of the goods it ships there. Clearance compares 9810 declarations with
 * the bookings through `lookup` (`OverseasLookup`). The zone plan's target of overseas warehouses
 * (DOMAIN.md §12) is an option.
 *
 * Uses reference (country, unit, transport and HS tables) and the registry's enterprise filings through
 * ports; areas, quantities and values are integers inside, decimal strings at the edge.
 */
import { createBookingService } from './booking.service.js';
import { createOverseasLookup } from './lookup.service.js';
import { overseasMigrations } from './migrations.js';
import { overseasRoutes } from './overseas.routes.js';
import type { OverseasLookup } from './ports.js';
import { createWarehouseService, type OverseasDeps, type OverseasOptions } from './warehouse.service.js';

export { overseasMigrations } from './migrations.js';
export type { OverseasLookup, BookingRef, OverseasEnterprises, OverseasReference } from './ports.js';
export type { OverseasDeps, OverseasOptions, WarehouseService, WarehouseFilter, WarehouseStats } from './warehouse.service.js';
export type { BookingService, BookingFilter } from './booking.service.js';
export type { WarehouseSummary, WarehouseFiling, WarehouseVersion, ProofInfo, BookingSummary, BookingDetail, BookingLineView } from './overseas.store.js';
export { DEFAULT_TARGET_WAREHOUSES } from './warehouse.service.js';
export { WAREHOUSE_STATUSES, TENURES, PROOF_TYPES, MAX_PROOF_BYTES, type WarehouseInput, type ProofInput, type WarehouseStatus, type Tenure } from './warehouse.rules.js';
export { BOOKING_STATUSES, MAX_BOOKING_LINES, type BookingInput, type BookingLineInput, type BookingStatus } from './booking.rules.js';

/**
 * Builds the module. `deps.reader` is where `lookup` reads (committed data, usable while another module's
 * transaction holds the writer); `opts.targetWarehouses` is the plan's target (default 10).
 */
export function createOverseasModule(deps: OverseasDeps, opts: OverseasOptions = {}) {
  const warehouses = createWarehouseService(deps, opts);
  const bookings = createBookingService(deps);
  const lookup: OverseasLookup = createOverseasLookup({ db: deps.reader ?? deps.db, enterprises: deps.enterprises });
  return { name: 'overseas', migrations: overseasMigrations, warehouses, bookings, lookup, routes: overseasRoutes(warehouses, bookings) };
}

export type OverseasModule = ReturnType<typeof createOverseasModule>;
