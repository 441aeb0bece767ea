/** What the ingestion and evaluation services share: their dependencies and the state of one batch. */
import type { Clock } from '../../kernel/clock.js';
import type { RegulationVersion } from '../../kernel/regulation.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Sealer } from '../../platform/crypto.js';
import type { Db, Dialect } from '../../platform/db/database.js';
import type { HotSql, HotStore } from '../../platform/db/hot.js';
import type { ExportStore } from './export.store.js';
import type { BookingLookup } from './export.types.js';
import type { TariffFact } from './decision.rules.js';
import type { ClearanceReference, ClearanceRegistry, ClearanceStock, FilingView, MayPushOnBehalf, RiskHook } from './ports.js';
import type { Receipts } from './receipts.js';

export interface IngestDeps {
  db: Db;
  dialect: Dialect;
  hot: HotStore;
  clock: Clock;
  audit: AuditLog;
  sealer: Sealer;
  registry: ClearanceRegistry;
  reference: ClearanceReference;
  receipts: Receipts;
  stock: ClearanceStock;
  mayPushOnBehalf: MayPushOnBehalf;
  risk: RiskHook;
  /** Inspection sampling: a number in [0, 1) per decided list, and the rate that picks it. */
  sample: () => number;
  samplingRate: number;
  /** Documents that may wait for a transaction before senders are told to come back (default 10,000). */
  queueDocuments?: number;
  /** 9810: the booking order (订仓单) that stands in for a list's order. */
  bookings?: BookingLookup;
}

/** Look-ups of committed reference data (filings, products, tariff, regulation), each asked once a batch. */
export interface Lookups {
  filing(code: string): Promise<FilingView | null>;
  filingById(id: string): Promise<FilingView | null>;
  productApproved(enterpriseId: string, itemNo: string): Promise<boolean>;
  tariff(gcode: string, date: string): Promise<TariffFact | null>;
  regulation(date: string): Promise<RegulationVersion>;
}

export function createLookups(deps: Pick<IngestDeps, 'registry' | 'reference'>): Lookups {
  const memo = <T>(fn: (...k: string[]) => Promise<T>) => {
    const seen = new Map<string, Promise<T>>();
    return (...k: string[]) => {
      const key = k.join('\n');
      let v = seen.get(key);
      if (!v) {
        v = fn(...k);
        seen.set(key, v);
      }
      return v;
    };
  };
  return {
    filing: memo((code) => deps.registry.byCode(code)),
    filingById: memo((id) => deps.registry.byId(id)),
    productApproved: memo((enterpriseId, itemNo) => deps.registry.productApproved(enterpriseId, itemNo)),
    tariff: memo((gcode, date) => deps.reference.tariffAt(gcode, date)),
    regulation: memo((date) => deps.reference.regulationAt(date)),
  };
}

/** One transaction's worth of messages: its handle, its instant, and its look-ups. */
export interface Batch {
  trx: Db;
  now: Date;
  lookups: Lookups;
  /** The batch's prepared-statement handle and export declarations (ingestion batches). */
  sql?: HotSql;
  ex?: ExportStore;
}
