/** What the ingestion and evaluation services share: their dependencies and the state of one batch. */
import type { Clock } from '../../kernel/clock.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Sealer } from '../../platform/crypto.js';
import type { Db, Dialect } from '../../platform/db/database.js';
import type { ClearanceReference, ClearanceRegistry, FilingView, RiskHook } from './ports.js';
import type { Receipts } from './receipts.js';

export interface IngestDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  audit: AuditLog;
  sealer: Sealer;
  registry: ClearanceRegistry;
  reference: ClearanceReference;
  receipts: Receipts;
  risk: RiskHook;
  /** Inspection sampling: a number in [0, 1) per decided list, and the rate that picks it. */
  sample: () => number;
  samplingRate: number;
}

/** One transaction's worth of messages: its handle, its instant, and what it has looked up or touched. */
export interface Batch {
  trx: Db;
  now: Date;
  filings: Map<string, FilingView | null>;
  touched: Set<string>;
}
