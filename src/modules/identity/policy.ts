/**
 * Who may see and do what, in one place. An enterprise user or key sees only its own enterprise's data;
 * every department reads the shared filings ("file once, shared by all") and acts on its own slice.
 * Lookups that fail the policy answer "not found", never "forbidden", so existence does not leak.
 */
import { notFound } from '../../kernel/errors.js';
import { REGULATOR_ROLES, requireRole, type Principal, type Role } from '../../platform/http/principal.js';

/** The enterprise a caller is confined to, or null when it may read all enterprises' data. */
export function enterpriseScope(p: Principal): string | null {
  if (p.role === 'enterprise') return p.enterpriseId ?? '__none__';
  return null;
}

export function canSeeEnterprise(p: Principal, enterpriseId: string): boolean {
  const scope = enterpriseScope(p);
  return scope === null || scope === enterpriseId;
}

/** Throws the resource's not-found error when the caller may not see it. */
export function assertCanSeeEnterprise(p: Principal, enterpriseId: string, notFoundCode: string, what: { zh: string; en: string }) {
  if (!canSeeEnterprise(p, enterpriseId)) throw notFound(notFoundCode, { zh: `${what.zh}不存在`, en: `no such ${what.en}` }, {});
}

export const isRegulator = (p: Principal): boolean => REGULATOR_ROLES.includes(p.role);

/** Actions and the roles that may take them. */
export const ACTIONS = {
  'enterprise.decide': ['customs', 'commerce'],
  'product.decide': ['customs', 'commerce'],
  'tariff.write': ['admin', 'customs'],
  'reference.write': ['admin', 'customs'],
  'regulation.write': ['admin', 'customs'],
  'users.manage': ['admin'],
  'audit.read': ['admin'],
  'apikey.manage_any': ['admin'],
  // Bonded account books: the owning warehouse enterprise (its own only) and customs; customs alone
  // suspends or closes a book; entry records are the warehouse's to post.
  'bonded.read': ['admin', 'customs', 'enterprise'],
  'bonded.book.create': ['admin', 'customs', 'enterprise'],
  'bonded.book.status': ['customs'],
  'bonded.item.write': ['admin', 'customs', 'enterprise'],
  'bonded.entry.post': ['admin', 'enterprise'],
  // Push-on-behalf undertakings (代推): a postal or express operator files its own; customs decides; either
  // the operator or customs revokes.
  'undertaking.file': ['admin', 'enterprise'],
  'undertaking.decide': ['customs'],
  'undertaking.revoke': ['customs', 'enterprise'],
  // Overseas warehouses (9810): an exporter files its warehouses and booking orders; customs or commerce
  // reviews the warehouse filings; every department reads them all, an enterprise its own.
  'overseas.read': ['admin', 'customs', 'commerce', 'tax', 'forex', 'market', 'postal', 'bank', 'enterprise'],
  'overseas.file': ['enterprise'],
  'overseas.decide': ['customs', 'commerce'],
  'overseas.booking.file': ['enterprise'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

export function may(p: Principal, action: Action): boolean {
  return (ACTIONS[action] as readonly Role[]).includes(p.role);
}

export function requireAction(p: Principal | null | undefined, action: Action): Principal {
  return requireRole(p, ...(ACTIONS[action] as readonly Role[]));
}
