/**
 * identity: users, roles, sessions, API keys, and the authorisation policy every module asks.
 * Sits at the bottom of the module graph: it imports no other module.
 */
import type { Clock } from '../../kernel/clock.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Db, Dialect } from '../../platform/db/database.js';
import { createIdentityService, type IdentityService } from './identity.service.js';
import { identityRoutes } from './identity.routes.js';
import { identityMigrations } from './migrations.js';

export { identityMigrations } from './migrations.js';
export type { IdentityService, User, ApiKeyInfo, NewUser } from './identity.service.js';
export { enterpriseScope, canSeeEnterprise, assertCanSeeEnterprise, isRegulator, may, requireAction, type Action } from './policy.js';

export function createIdentityModule(deps: { db: Db; dialect: Dialect; clock: Clock; audit: AuditLog }) {
  const service: IdentityService = createIdentityService(deps);
  return { name: 'identity', migrations: identityMigrations, service, routes: identityRoutes(service, () => deps.clock.now()) };
}
