import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth, requireRole } from '../../platform/http/principal.js';
import { IdParams, Page, PageQuery, Text, page } from '../../platform/http/schemas.js';
import { requireAction } from '../identity/index.js';
import type { EnterpriseService } from './enterprise.service.js';
import type { ProductService } from './product.service.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Contact = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 100 })),
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  email: Type.Optional(Type.String({ maxLength: 200 })),
  address: Type.Optional(Type.String({ maxLength: 300 })),
});
const EnterpriseBody = Type.Object({
  name: Type.String({ maxLength: 200 }),
  uscc: Type.String({ maxLength: 30 }),
  customsCode: Type.String({ maxLength: 20 }),
  roles: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 12 }),
  district: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
  contact: Type.Optional(Type.Union([Contact, Type.Null()])),
  acceptUsccCheckFailure: Type.Optional(Type.Boolean({ description: 'regulators only: file a legal early-pilot code whose check character fails, with a warning' })),
});
const Issue = Type.Object({ code: Type.String(), field: Type.String(), message: Text, value: Type.Optional(Type.Unknown()) });
const Summary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  uscc: Type.String(),
  customsCode: Type.String(),
  roles: Type.Array(Type.String()),
  district: Nullable(Type.String()),
  status: Type.String(),
  version: Type.Integer(),
  approved: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const Version = Type.Object({
  version: Type.Integer(),
  data: Type.Unknown(),
  status: Type.String(),
  submittedBy: Type.String(),
  submittedAt: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});
const Filing = Type.Intersect([
  Summary,
  Type.Object({ contact: Type.Union([Contact, Type.Null()]), rejectReason: Nullable(Type.String()), warnings: Type.Array(Issue), history: Type.Array(Version) }),
]);
const DecisionBody = Type.Object({ decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]), reason: Type.Optional(Type.String({ maxLength: 500 })) });
const Created = Type.Object({ id: Type.String(), status: Type.Literal('pending'), warnings: Type.Array(Issue) });
const Sort = Type.Optional(Type.Union([Type.Literal('oldest'), Type.Literal('newest')]));
const Status = Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]));

const ProductBody = Type.Object({
  itemNo: Type.String({ maxLength: 60 }),
  itemName: Type.String({ maxLength: 300 }),
  gcode: Type.String({ maxLength: 20 }),
  gmodel: Type.String({ maxLength: 1000 }),
  country: Type.String({ maxLength: 10 }),
  unit: Type.String({ maxLength: 10 }),
  price: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  barCode: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
});
const ProductSummary = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  enterpriseName: Nullable(Type.String()),
  itemNo: Type.String(),
  itemName: Type.String(),
  gcode: Type.String(),
  gmodel: Type.String(),
  country: Type.String(),
  unit: Type.String(),
  unit1: Type.String(),
  unit2: Nullable(Type.String()),
  price: Nullable(Type.String()),
  barCode: Nullable(Type.String()),
  status: Type.String(),
  version: Type.Integer(),
  approved: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const ProductFiling = Type.Intersect([ProductSummary, Type.Object({ rejectReason: Nullable(Type.String()), warnings: Type.Array(Issue), history: Type.Array(Version) })]);

export function registryRoutes(enterprises: EnterpriseService, products: ProductService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['registry'];

    app.post('/api/v1/enterprises', { schema: { tags, body: EnterpriseBody, response: { 201: Created } } }, async (req, reply) => {
      const p = requireRole(req.principal, 'admin', 'customs', 'commerce');
      return reply.status(201).send(await enterprises.file(p, req.body));
    });

    app.post('/api/v1/enterprises/register', {
      schema: {
        tags,
        security: [],
        description: 'Self-registration: a pending enterprise filing plus its first enterprise user.',
        body: Type.Object({ enterprise: EnterpriseBody, user: Type.Object({ username: Type.String({ maxLength: 64 }), password: Type.String({ maxLength: 128 }), displayName: Type.Optional(Type.String({ maxLength: 100 })) }) }),
        response: { 201: Type.Object({ id: Type.String(), status: Type.Literal('pending'), username: Type.String(), warnings: Type.Array(Issue) }) },
      },
    }, async (req, reply) => reply.status(201).send(await enterprises.register(req.body)));

    app.get('/api/v1/enterprises', {
      schema: {
        tags,
        querystring: Type.Object({ ...PageQuery, status: Status, role: Type.Optional(Type.String({ maxLength: 40 })), q: Type.Optional(Type.String({ maxLength: 100 })), district: Type.Optional(Type.String({ maxLength: 10 })), sort: Sort }),
        response: { 200: Page(Summary) },
      },
    }, async (req) => {
      const p = requireAuth(req.principal);
      return enterprises.list(p, { ...req.query, ...page(req.query.limit, req.query.offset) });
    });

    app.get('/api/v1/enterprises/counts', { schema: { tags, response: { 200: Type.Record(Type.String(), Type.Integer()) } } }, async (req) => enterprises.counts(requireAuth(req.principal)));

    app.get('/api/v1/enterprises/:id', { schema: { tags, params: IdParams, response: { 200: Filing } } }, async (req) => enterprises.get(requireAuth(req.principal), req.params.id));

    app.put('/api/v1/enterprises/:id', {
      schema: { tags, params: IdParams, body: EnterpriseBody, response: { 200: Type.Object({ id: Type.String(), status: Type.Literal('pending'), version: Type.Integer() }) } },
    }, async (req) => enterprises.change(requireAuth(req.principal), req.params.id, req.body));

    app.post('/api/v1/enterprises/:id/decision', { schema: { tags, params: IdParams, body: DecisionBody, response: { 200: Filing } } }, async (req) => {
      const p = requireAction(req.principal, 'enterprise.decide');
      return enterprises.decide(p, req.params.id, req.body.decision, req.body.reason);
    });

    app.post('/api/v1/enterprises/:id/api-keys', {
      schema: {
        tags,
        params: IdParams,
        body: Type.Optional(Type.Object({ label: Type.Optional(Type.String({ maxLength: 100 })) })),
        response: { 201: Type.Object({ key: Type.String(), id: Type.String(), prefix: Type.String(), label: Type.String(), createdAt: Type.String() }) },
      },
    }, async (req, reply) => reply.status(201).send(await enterprises.createApiKey(requireAuth(req.principal), req.params.id, req.body?.label)));

    app.post('/api/v1/products', {
      schema: { tags, body: Type.Intersect([ProductBody, Type.Object({ enterpriseId: Type.Optional(Type.String({ maxLength: 64 })) })]), response: { 201: Created } },
    }, async (req, reply) => reply.status(201).send(await products.file(requireAuth(req.principal), req.body)));

    app.get('/api/v1/products', {
      schema: {
        tags,
        querystring: Type.Object({ ...PageQuery, status: Status, enterpriseId: Type.Optional(Type.String({ maxLength: 64 })), q: Type.Optional(Type.String({ maxLength: 100 })), gcode: Type.Optional(Type.String({ maxLength: 10 })), sort: Sort }),
        response: { 200: Page(ProductSummary) },
      },
    }, async (req) => products.list(requireAuth(req.principal), { ...req.query, ...page(req.query.limit, req.query.offset) }));

    app.get('/api/v1/products/:id', { schema: { tags, params: IdParams, response: { 200: ProductFiling } } }, async (req) => products.get(requireAuth(req.principal), req.params.id));

    app.put('/api/v1/products/:id', {
      schema: { tags, params: IdParams, body: ProductBody, response: { 200: Type.Object({ id: Type.String(), status: Type.Literal('pending'), version: Type.Integer() }) } },
    }, async (req) => products.change(requireAuth(req.principal), req.params.id, req.body));

    app.post('/api/v1/products/:id/decision', { schema: { tags, params: IdParams, body: DecisionBody, response: { 200: ProductFiling } } }, async (req) => {
      const p = requireAction(req.principal, 'product.decide');
      return products.decide(p, req.params.id, req.body.decision, req.body.reason);
    });
  };
}
