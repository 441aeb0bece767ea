import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES, requireAuth } from '../../platform/http/principal.js';
import { IdParams, Page, PageQuery, page } from '../../platform/http/schemas.js';
import { notFound, rateLimited } from '../../kernel/errors.js';
import { createRateLimiter } from '../../platform/http/rate-limit.js';
import { enterpriseScope, may, requireAction } from './policy.js';
import type { IdentityService } from './identity.service.js';

const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: Type.String(),
  enterpriseId: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
});
const KeyView = Type.Object({
  id: Type.String(),
  prefix: Type.String(),
  enterpriseId: Type.String(),
  label: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});

/** Login attempts per client address per minute, before any password is checked. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 30;

export function identityRoutes(identity: IdentityService, now: () => Date): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const loginLimiter = createRateLimiter({ limit: LOGIN_ATTEMPTS_PER_MINUTE, windowMs: 60_000 });

    app.post('/api/v1/auth/login', {
      schema: {
        tags: ['auth'],
        security: [],
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 128 }), password: Type.String({ minLength: 1, maxLength: 256 }) }),
        response: { 200: Type.Object({ token: Type.String(), expiresAt: Type.String(), user: Type.Object({ username: Type.String(), role: Type.String(), enterpriseId: Type.Union([Type.String(), Type.Null()]) }) }) },
      },
    }, async (req, reply) => {
      const wait = loginLimiter.hit(req.ip, now().getTime());
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw rateLimited('auth.rate_limited', { zh: `登录请求过于频繁，请 ${wait} 秒后再试`, en: `too many login attempts from this address: try again in ${wait} s` }, { retryAfterSeconds: wait });
      }
      const r = await identity.login(req.body.username, req.body.password);
      return { token: r.token, expiresAt: r.expiresAt, user: { username: r.user.username, role: r.user.role, enterpriseId: r.user.enterpriseId } };
    });

    app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], response: { 204: Type.Null() } } }, async (req, reply) => {
      requireAuth(req.principal);
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (token) await identity.logout(token);
      return reply.status(204).send(null);
    });

    app.get('/api/v1/auth/me', {
      schema: { tags: ['auth'], response: { 200: Type.Object({ kind: Type.String(), id: Type.String(), username: Type.String(), role: Type.String(), enterpriseId: Type.Union([Type.String(), Type.Null()]) }) } },
    }, async (req) => {
      const p = requireAuth(req.principal);
      return { kind: p.kind, id: p.id, username: p.name, role: p.role, enterpriseId: p.enterpriseId };
    });

    app.post('/api/v1/users', {
      schema: {
        tags: ['users'],
        body: Type.Object({
          username: Type.String({ maxLength: 64 }),
          password: Type.String({ maxLength: 128 }),
          role: Type.String({ maxLength: 32 }),
          enterpriseId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
          displayName: Type.Optional(Type.String({ maxLength: 128 })),
        }),
        response: { 201: UserView },
      },
    }, async (req, reply) => {
      const p = requireAction(req.principal, 'users.manage');
      return reply.status(201).send(await identity.createUser(p, req.body));
    });

    app.get('/api/v1/users', {
      schema: {
        tags: ['users'],
        querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String()), role: Type.Optional(Type.Union(ROLES.map((r) => Type.Literal(r)))), enterpriseId: Type.Optional(Type.String()) }),
        response: { 200: Page(UserView) },
      },
    }, async (req) => {
      requireAction(req.principal, 'users.manage');
      const { limit, offset } = page(req.query.limit, req.query.offset);
      return identity.listUsers({ ...req.query, limit, offset });
    });

    app.get('/api/v1/users/:id', { schema: { tags: ['users'], params: IdParams, response: { 200: UserView } } }, async (req) => {
      requireAction(req.principal, 'users.manage');
      return identity.getUser(req.params.id);
    });

    app.patch('/api/v1/users/:id', {
      schema: {
        tags: ['users'],
        params: IdParams,
        body: Type.Object({ password: Type.Optional(Type.String({ maxLength: 128 })), disabled: Type.Optional(Type.Boolean()), displayName: Type.Optional(Type.String({ maxLength: 128 })) }),
        response: { 200: UserView },
      },
    }, async (req) => {
      const p = requireAction(req.principal, 'users.manage');
      return identity.updateUser(p, req.params.id, req.body);
    });

    app.get('/api/v1/api-keys', {
      schema: { tags: ['api-keys'], querystring: Type.Object({ ...PageQuery, enterpriseId: Type.Optional(Type.String()) }), response: { 200: Page(KeyView) } },
    }, async (req) => {
      const p = requireAuth(req.principal);
      const { limit, offset } = page(req.query.limit, req.query.offset);
      if (may(p, 'apikey.manage_any')) return identity.listApiKeys({ enterpriseId: req.query.enterpriseId ?? null, limit, offset });
      if (p.role !== 'enterprise') return { items: [], total: 0 };
      return identity.listApiKeys({ enterpriseId: enterpriseScope(p), limit, offset });
    });

    app.delete('/api/v1/api-keys/:id', { schema: { tags: ['api-keys'], params: IdParams, response: { 200: KeyView } } }, async (req) => {
      const p = requireAuth(req.principal);
      const key = await identity.getApiKey(req.params.id);
      const mayRevoke = key && (may(p, 'apikey.manage_any') || (p.role === 'enterprise' && p.kind === 'user' && p.enterpriseId === key.enterpriseId));
      if (!key || !mayRevoke) throw notFound('identity.api_key_not_found', { zh: 'API 密钥不存在', en: 'no such API key' }, { id: req.params.id });
      return identity.revokeApiKey(p, key.id);
    });
  };
}
