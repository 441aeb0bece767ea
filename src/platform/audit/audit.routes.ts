import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireRole } from '../http/principal.js';
import { Page, PageQuery, page } from '../http/schemas.js';
import type { AuditLog } from './audit.js';

const RecordView = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  subject: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  hash: Type.String(),
});

/** The audit log for administrators: browse with filters, and verify the chain. */
export function auditRoutes(audit: AuditLog): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/api/v1/audit', {
      schema: {
        tags: ['audit'],
        querystring: Type.Object({
          ...PageQuery,
          actor: Type.Optional(Type.String({ maxLength: 200 })),
          action: Type.Optional(Type.String({ maxLength: 200 })),
          subject: Type.Optional(Type.String({ maxLength: 200 })),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 200: Page(RecordView) },
      },
    }, async (req) => {
      requireRole(req.principal, 'admin');
      const { limit, offset } = page(req.query.limit, req.query.offset);
      return audit.list({ ...req.query, limit, offset });
    });
    app.get('/api/v1/audit/verify', {
      schema: { tags: ['audit'], response: { 200: Type.Object({ ok: Type.Boolean(), count: Type.Integer(), head: Type.Optional(Type.String()), brokenAt: Type.Optional(Type.Integer()), reason: Type.Optional(Type.String()) }) } },
    }, async (req) => {
      requireRole(req.principal, 'admin');
      return audit.verify();
    });
  };
}
