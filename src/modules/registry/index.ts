/**
 * registry: enterprise filings (by role) and product filings, their review workflow, and the rule that
 * one filing is shared by every department. Uses identity (users, keys, policy) and reference (code
 * tables) through their faces.
 */
import { createEnterpriseService, type RegistryDeps } from './enterprise.service.js';
import { createProductService } from './product.service.js';
import { registryMigrations } from './migrations.js';
import { registryRoutes } from './registry.routes.js';

export { registryMigrations } from './migrations.js';
export { ENTERPRISE_ROLES, type EnterpriseRole, type EnterpriseInput, type ProductInput, type Issue } from './filing.rules.js';
export type { EnterpriseService, EnterpriseSummary, EnterpriseFiling } from './enterprise.service.js';
export type { ProductService, ProductSummary, ProductFiling } from './product.service.js';
export type { RegistryLookup } from './ports.js';

export function createRegistryModule(deps: RegistryDeps) {
  const enterprises = createEnterpriseService(deps);
  const products = createProductService(deps);
  return { name: 'registry', migrations: registryMigrations, enterprises, products, routes: registryRoutes(enterprises, products) };
}
