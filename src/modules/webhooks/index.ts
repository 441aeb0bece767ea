/**
 * webhooks: receipts pushed to each enterprise's own URL (the pull form is GET /api/v1/receipts?after=).
 * A subscription per enterprise with a signing secret shown once; a delivery loop that POSTs signed batches
 * in cursor order and retries with back-off, safe on several workers; a delivery log the enterprise reads.
 * Reads receipts and filings through ports that compose.ts fills; imports no other module.
 */
import type { Clock } from '../../kernel/clock.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Sealer } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import { createDelivery, type DeliveryDeps } from './delivery.service.js';
import { webhooksMigrations } from './migrations.js';
import type { WebhookEnterprises, WebhookReceiptSource } from './ports.js';
import { createSubscriptionService } from './subscription.service.js';
import { webhooksRoutes } from './webhooks.routes.js';

export { webhooksMigrations } from './migrations.js';
export type { WebhookReceipt, WebhookReceiptSource, WebhookEnterprises } from './ports.js';
export type { SubscriptionService, SubscriptionView, DeliveryView, PutSubscription } from './subscription.service.js';
export type { Delivery, DeliveryRun } from './delivery.service.js';
export { signBody, verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, DELIVERY_HEADER } from './signature.js';
export { BACKOFF_MS } from './webhooks.rules.js';

export type WebhooksDeps = {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  /** Seals the signing secrets at rest (platform/crypto, keyed from CBEC_SECRET). */
  sealer: Sealer;
  receipts: WebhookReceiptSource;
  enterprises: WebhookEnterprises;
  /** Batch size, timeout, lease, concurrency and retention of the delivery loop (defaults: 100, 5 s, 60 s, 8, 30 days). */
  delivery?: Omit<DeliveryDeps, 'db' | 'clock' | 'sealer' | 'receipts'>;
};

export function createWebhooksModule(deps: WebhooksDeps) {
  const service = createSubscriptionService(deps);
  const delivery = createDelivery({ ...deps.delivery, db: deps.db, clock: deps.clock, sealer: deps.sealer, receipts: deps.receipts });
  return { name: 'webhooks', migrations: webhooksMigrations, service, delivery, routes: webhooksRoutes(service) };
}
