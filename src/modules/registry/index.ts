/**
 * registry: enterprise filings (by role) and product filings, their review workflow, the rule that one
 * filing is shared by every department, and push-on-behalf undertakings (代推承诺) of postal and express
 * operators. Uses identity (users, keys, policy) and reference (code tables) through their faces.
 */
import type { FastifyPluginAsync } from 'fastify';
import { createEnterpriseService, type RegistryDeps } from './enterprise.service.js';
import { createProductService } from './product.service.js';
import { createUndertakingService } from './undertaking.service.js';
import { registryMigrations } from './migrations.js';
import { registryRoutes } from './registry.routes.js';
import { undertakingRoutes } from './undertaking.routes.js';
import type { PushKind } from './undertaking.rules.js';

export { registryMigrations } from './migrations.js';
export { ENTERPRISE_ROLES, type EnterpriseRole, type EnterpriseInput, type ProductInput, type Issue } from './filing.rules.js';
export type { EnterpriseService, EnterpriseSummary, EnterpriseFiling } from './enterprise.service.js';
export type { ProductService, ProductSummary, ProductFiling } from './product.service.js';
export type { UndertakingService, Undertaking, UndertakingFilter } from './undertaking.service.js';
export { PUSH_KINDS, UNDERTAKING_STATUSES, type PushKind, type UndertakingInput, type UndertakingStatus } from './undertaking.rules.js';
export type { RegistryLookup } from './ports.js';

/**
 * The port clearance calls when a CEB311 / CEB411 is sent by someone other than its owner (代推, GACC
 * 2018 No.194): may the sender push `kind` data owned by `ownerCode` (the platform's or e-commerce
 * enterprise's customs code or USCC) for `date` (YYYY-MM-DD, Asia/Shanghai)? Read-only, outside any
 * transaction. Throws `registry.invalid_date` for a malformed date.
 */
export type MayPushOnBehalf = (senderEnterpriseId: string, kind: PushKind, ownerCode: string, date: string) => Promise<boolean>;

export function createRegistryModule(deps: RegistryDeps) {
  const enterprises = createEnterpriseService(deps);
  const products = createProductService(deps);
  const undertakings = createUndertakingService(deps);
  const mayPushOnBehalf: MayPushOnBehalf = undertakings.mayPushOnBehalf;
  const routes: FastifyPluginAsync = async (app) => {
    await app.register(registryRoutes(enterprises, products));
    await app.register(undertakingRoutes(undertakings));
  };
  return { name: 'registry', migrations: registryMigrations, enterprises, products, undertakings, mayPushOnBehalf, routes };
}
