import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorResponse, Page, PageQuery, page } from '../../platform/http/schemas.js';
import type { SubscriptionService } from './subscription.service.js';
import { MAX_URL_LENGTH } from './webhooks.rules.js';

const Subscription = Type.Object({
  enterpriseId: Type.String(),
  url: Type.String(),
  active: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  cursor: Type.Integer({ description: 'the last receipt cursor the receiver acknowledged' }),
  failures: Type.Integer({ description: 'consecutive failed attempts at this cursor' }),
  nextAttemptAt: Type.String(),
  lastDelivery: Type.Union([Type.Object({ at: Type.String(), status: Type.String(), httpStatus: Type.Union([Type.Integer(), Type.Null()]), error: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
});
const WithSecret = Type.Composite([
  Subscription,
  Type.Object({ secret: Type.Optional(Type.String({ description: 'the signing secret; shown only here, once' })) }),
]);
const Delivery = Type.Object({
  id: Type.String({ description: 'the X-Cbec-Delivery header of that attempt' }),
  enterpriseId: Type.String(),
  at: Type.String(),
  url: Type.String(),
  cursorFrom: Type.Integer({ description: 'receipts after this cursor …' }),
  cursorTo: Type.Integer({ description: '… up to and including this one' }),
  count: Type.Integer(),
  status: Type.Union([Type.Literal('delivered'), Type.Literal('failed')]),
  httpStatus: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Integer(),
  attempt: Type.Integer(),
});
const Target = Type.Object({ enterpriseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'admin only: the enterprise meant' })) });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export function webhooksRoutes(subs: SubscriptionService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['webhooks'];

    app.put('/api/v1/webhooks', {
      schema: {
        tags,
        description:
          'Receipts pushed to a URL of the enterprise: POST {enterpriseId, receipts:[…]} in cursor order, signed with ' +
          '`X-Cbec-Signature: sha256=<hex HMAC-SHA-256 of the raw body>` under the secret returned here once (on creation). ' +
          'A 2xx within 5 s acknowledges; otherwise retried after 10 s, 30 s, 2 min, 10 min, 30 min, then hourly.',
        body: Type.Object({
          enterpriseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          url: Type.String({ minLength: 1, maxLength: MAX_URL_LENGTH }),
          active: Type.Optional(Type.Boolean()),
          after: Type.Optional(Type.Integer({ minimum: 0, description: 'deliver receipts after this cursor (default on creation: 0, every receipt)' })),
        }),
        response: { 200: WithSecret, 201: WithSecret, ...errors },
      },
    }, async (req, reply) => {
      const r = await subs.put(req.principal, req.body);
      return reply.status(r.created ? 201 : 200).send(r.secret ? { ...r.subscription, secret: r.secret } : r.subscription);
    });

    app.get('/api/v1/webhooks', { schema: { tags, querystring: Target, response: { 200: Subscription, ...errors } } }, async (req) => subs.get(req.principal, req.query.enterpriseId));

    app.post('/api/v1/webhooks/rotate-secret', {
      schema: { tags, description: 'A new signing secret, shown once; the old one stops signing at once.', querystring: Target, response: { 200: WithSecret, ...errors } },
    }, async (req) => {
      const r = await subs.rotateSecret(req.principal, req.query.enterpriseId);
      return { ...r.subscription, secret: r.secret };
    });

    app.delete('/api/v1/webhooks', { schema: { tags, querystring: Target, response: { 200: Subscription, ...errors } } }, async (req) => subs.remove(req.principal, req.query.enterpriseId));

    app.get('/api/v1/webhooks/deliveries', {
      schema: { tags, description: 'The delivery log, newest first, kept 30 days.', querystring: Type.Object({ ...PageQuery, ...Target.properties }), response: { 200: Page(Delivery), ...errors } },
    }, async (req) => {
      const { limit, offset } = page(req.query.limit, req.query.offset);
      return subs.deliveries(req.principal, { enterpriseId: req.query.enterpriseId, limit, offset });
    });
  };
}
