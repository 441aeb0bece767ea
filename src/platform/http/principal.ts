/**
 * Who is calling. Set on each request by the authenticator that the identity module provides; read by
 * routes and handed to services, which ask the identity module's policy what this caller may see.
 */
import { forbidden, unauthenticated } from '../../kernel/errors.js';

export const ROLES = ['admin', 'customs', 'commerce', 'tax', 'forex', 'market', 'postal', 'bank', 'enterprise'] as const;
export type Role = (typeof ROLES)[number];

/** Departments that read shared filings ("file once, shared by all"). */
export const REGULATOR_ROLES: readonly Role[] = ['customs', 'commerce', 'tax', 'forex', 'market', 'postal', 'bank'];

export interface Principal {
  kind: 'user' | 'api_key';
  /** user id, or API key id */
  id: string;
  /** username, or the key's label */
  name: string;
  role: Role;
  enterpriseId: string | null;
}

/** The actor string written to the audit log. */
export const actorOf = (p: Principal | null): string => (p ? (p.kind === 'user' ? `user:${p.name}` : `key:${p.id}`) : 'public');

export function requireAuth(p: Principal | null | undefined): Principal {
  if (!p) {
    throw unauthenticated('auth.required', { zh: '需要登录或 API 密钥', en: 'authentication required: log in or send an API key' });
  }
  return p;
}

export function requireRole(p: Principal | null | undefined, ...roles: Role[]): Principal {
  const who = requireAuth(p);
  if (!roles.includes(who.role)) {
    throw forbidden('auth.forbidden', {
      zh: `此操作需要以下角色之一：${roles.join('、')}`,
      en: `this action needs one of the roles: ${roles.join(', ')}`,
    }, { required: roles, role: who.role });
  }
  return who;
}
