import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../platform/http/principal.js';
import { IdParams, Page, PageQuery, Text, page } from '../../platform/http/schemas.js';
import { requireAction } from '../identity/index.js';
import type { UndertakingService } from './undertaking.service.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Kind = Type.Union([Type.Literal('order'), Type.Literal('payment')]);
const Status = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('revoked')]);
const Issue = Type.Object({ code: Type.String(), field: Type.String(), message: Text, value: Type.Optional(Type.Unknown()) });
const DateText = Type.String({ maxLength: 10, description: 'YYYY-MM-DD, Asia/Shanghai' });

const Undertaking = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  enterpriseName: Nullable(Type.String()),
  enterpriseCode: Nullable(Type.String()),
  kinds: Type.Array(Kind),
  allOwners: Type.Boolean(),
  ownerCodes: Type.Array(Type.String()),
  validFrom: Type.String(),
  validTo: Type.String(),
  letterNo: Nullable(Type.String()),
  note: Nullable(Type.String()),
  status: Status,
  rejectReason: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  revokedBy: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
  revokeReason: Nullable(Type.String()),
  warnings: Type.Array(Issue),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export function undertakingRoutes(undertakings: UndertakingService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['registry'];

    app.post('/api/v1/undertakings', {
      schema: {
        tags,
        description: 'A postal or express operator (approved logistics filing) files a push-on-behalf undertaking (代推承诺, GACC 2018 No.194) for order and/or payment data of named platforms / e-commerce enterprises, or all; customs reviews it.',
        body: Type.Object({
          kinds: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 4 }),
          allOwners: Type.Optional(Type.Boolean()),
          ownerCodes: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 200 })),
          validFrom: DateText,
          validTo: DateText,
          letterNo: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
          note: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
          enterpriseId: Type.Optional(Type.String({ maxLength: 64, description: 'administrators: the operator filed for' })),
        }),
        response: { 201: Undertaking },
      },
    }, async (req, reply) => reply.status(201).send(await undertakings.file(requireAction(req.principal, 'undertaking.file'), req.body)));

    app.get('/api/v1/undertakings', {
      schema: {
        tags,
        querystring: Type.Object({
          ...PageQuery,
          status: Type.Optional(Status),
          enterpriseId: Type.Optional(Type.String({ maxLength: 64 })),
          kind: Type.Optional(Kind),
          ownerCode: Type.Optional(Type.String({ maxLength: 20 })),
          activeOn: Type.Optional(DateText),
          sort: Type.Optional(Type.Union([Type.Literal('oldest'), Type.Literal('newest')])),
        }),
        response: { 200: Page(Undertaking) },
      },
    }, async (req) => undertakings.list(requireAuth(req.principal), { ...req.query, ...page(req.query.limit, req.query.offset) }));

    app.get('/api/v1/undertakings/:id', { schema: { tags, params: IdParams, response: { 200: Undertaking } } }, async (req) => undertakings.get(requireAuth(req.principal), req.params.id));

    app.post('/api/v1/undertakings/:id/decision', {
      schema: { tags, params: IdParams, body: Type.Object({ decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]), reason: Type.Optional(Type.String({ maxLength: 500 })) }), response: { 200: Undertaking } },
    }, async (req) => undertakings.decide(requireAction(req.principal, 'undertaking.decide'), req.params.id, req.body.decision, req.body.reason));

    app.post('/api/v1/undertakings/:id/revoke', {
      schema: { tags, description: 'Customs, or the operator itself, ends a pending or approved undertaking; a reason is required.', params: IdParams, body: Type.Object({ reason: Type.String({ maxLength: 500 }) }), response: { 200: Undertaking } },
    }, async (req) => undertakings.revoke(requireAction(req.principal, 'undertaking.revoke'), req.params.id, req.body.reason));
  };
}
