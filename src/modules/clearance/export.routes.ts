import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth, requireRole } from '../../platform/http/principal.js';
import { PageQuery, page } from '../../platform/http/schemas.js';
import type { ExportQueries } from './export-query.service.js';
import type { ExportActions } from './export-entry.service.js';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Reason = Type.Object({ code: Type.String(), message: Text, details: Type.Optional(Type.Unknown()) });
const Money = Type.String({ pattern: '^-?\\d+\\.\\d{2}$' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Code = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Decimal = Type.String({ pattern: '^\\d{1,14}(\\.\\d{1,5})?$' });

const ListHeader = {
  copNo: Type.String(),
  agentCode: Type.String(),
  orderNo: Type.String(),
  ebpCode: Type.String(),
  ebcCode: Type.String(),
  invtNo: Nullable(Type.String()),
  tradeMode: Nullable(Type.String()),
  statisticsFlag: Nullable(Type.String()),
  status: Type.String(),
  statusText: Type.String(),
  cancelled: Type.Boolean(),
  documents: Type.Object({ order: Type.Boolean(), receipt: Type.Boolean(), waybill: Type.Boolean(), list: Type.Boolean() }),
  arrived: Type.Boolean(),
  departed: Type.Boolean(),
  billNo: Nullable(Type.String()),
  sumNo: Nullable(Type.String()),
  entryId: Nullable(Type.String()),
  goodsValue: Nullable(Money),
  currency: Nullable(Type.String()),
  createdAt: Type.String(),
  releasedAt: Nullable(Type.String()),
};
const SummaryView = Type.Object({
  sumNo: Type.String(),
  copNo: Type.String(),
  entryId: Type.String(),
  declSeqNo: Type.String(),
  decState: Type.String(),
  ebcCode: Type.String(),
  agentCode: Type.String(),
  customsCode: Type.String(),
  portCode: Type.String(),
  country: Type.String(),
  trafMode: Type.String(),
  currency: Type.String(),
  period: Type.String(),
  lists: Type.Integer(),
  goodsValue: Money,
  createdAt: Type.String(),
  items: Type.Array(Type.Object({ gcode: Type.String(), name: Type.String(), qty: Type.String(), unit: Type.String(), value: Money })),
});
const EntryView = {
  entryId: Type.String(),
  copNo: Type.String(),
  tradeMode: Type.String(),
  ebcCode: Type.String(),
  agentCode: Type.String(),
  attachedNo: Type.String(),
  matchStatus: Type.String(),
  goodsValue: Money,
  currency: Type.String(),
  status: Type.String(),
  createdAt: Type.String(),
};

export function exportRoutes(q: ExportQueries, actions: ExportActions): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['export clearance'];

    app.get('/api/v1/export/lists', {
      schema: {
        tags,
        description: 'Export lists (9610/1210/9710/9810), newest first; an enterprise sees those it is a party to.',
        querystring: Type.Object({
          ...PageQuery,
          status: Type.Optional(Type.Integer()),
          tradeMode: Type.Optional(Type.String({ maxLength: 4 })),
          statisticsFlag: Type.Optional(Type.Union([Type.Literal('A'), Type.Literal('B')])),
          q: Type.Optional(Type.String({ maxLength: 64 })),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(Type.Object(ListHeader)) }) },
      },
    }, async (req) => q.lists(requireAuth(req.principal), { ...req.query, ...page(req.query.limit, req.query.offset) }));

    app.get('/api/v1/export/lists/:copNo', {
      schema: {
        tags,
        description: 'One export list: its documents side by side, goods lines, reasons and a timeline of receipts and events.',
        params: Type.Object({ copNo: Code(64) }),
        querystring: Type.Object({ agentCode: Type.Optional(Code(64)) }),
        response: {
          200: Type.Object({
            ...ListHeader,
            customsCode: Nullable(Type.String()),
            portCode: Nullable(Type.String()),
            country: Nullable(Type.String()),
            reasons: Type.Array(Reason),
            lines: Type.Array(Type.Object({ gnum: Type.Integer(), itemName: Nullable(Type.String()), gcode: Type.String(), gname: Type.String(), qty: Type.String(), unit: Type.String(), price: Type.String(), totalPrice: Money })),
            documents: Type.Object({ order: Nullable(Type.Record(Type.String(), Type.Unknown())), receipt: Nullable(Type.Record(Type.String(), Type.Unknown())), waybill: Nullable(Type.Record(Type.String(), Type.Unknown())), list: Nullable(Type.Record(Type.String(), Type.Unknown())) }),
            timeline: Type.Array(Type.Object({ at: Type.String(), kind: Type.String(), messageType: Nullable(Type.String()), returnStatus: Nullable(Type.String()), info: Type.String() })),
            returns: Type.Array(Type.Object({ at: Type.String(), reason: Type.String(), lines: Type.Array(Type.Object({ gnum: Type.Integer(), qty: Type.String() })), amount: Money })),
          }),
        },
      },
    }, async (req) => q.list(requireAuth(req.principal), req.params.copNo, req.query.agentCode));

    app.get('/api/v1/export/summaries/due', {
      schema: {
        tags,
        description: 'Released, departed summary (B) lists not yet summarised, grouped as one application each, with the deadline (regulation parameter summaryDeadlineDay) and whether it has passed.',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({
              groupKey: Type.String(), ebcCode: Type.String(), ownerCode: Nullable(Type.String()), agentCode: Type.String(), customsCode: Type.String(), portCode: Type.String(), country: Type.String(), trafMode: Type.String(), currency: Type.String(),
              period: Type.String(), deadline: Type.String(), overdue: Type.Boolean(), lists: Type.Integer(), goodsValue: Money, invtNos: Type.Array(Type.String()),
            })),
          }),
        },
      },
    }, async (req) => q.due(requireAuth(req.principal)));

    app.get('/api/v1/export/summaries', {
      schema: {
        tags,
        description: 'Summary declarations done (CEB701 accepted, CEB792 with the declaration number entryId).',
        querystring: Type.Object({ ...PageQuery, period: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$' })), enterprise: Type.Optional(Code(18)), q: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(SummaryView) }) },
      },
    }, async (req) => q.summaries(requireAuth(req.principal), { ...req.query, ...page(req.query.limit, req.query.offset) }));

    app.get('/api/v1/export/summaries/:sumNo', {
      schema: { tags, params: Type.Object({ sumNo: Code(18) }), response: { 200: Type.Intersect([SummaryView, Type.Object({ invtNos: Type.Array(Type.String()) })]) } },
    }, async (req) => q.summary(requireAuth(req.principal), req.params.sumNo));

    app.post('/api/v1/export/summaries', {
      schema: {
        tags,
        description: 'The declaring agent applies to summarise lists: a CEB701 is built and sent through ingestion; all or nothing (422 names each list that does not qualify).',
        body: Type.Object({ invtNos: Type.Array(Code(20), { minItems: 1, maxItems: 5000 }), summaryFlag: Type.Union([Type.Literal('1'), Type.Literal('2')]), itemNameFlag: Type.Optional(Type.Literal('1')), declAgentCode: Type.Optional(Code(18)) }, { additionalProperties: false }),
        response: { 201: Type.Object({ sumNo: Type.String(), copNo: Type.String(), entryId: Type.String(), declSeqNo: Type.String(), decState: Type.String(), lists: Type.Integer(), goodsValue: Money, currency: Type.String() }) },
      },
    }, async (req, reply) => {
      const r = await actions.applySummary(requireRole(req.principal, 'enterprise'), req.body);
      return reply.code(201).send(r);
    });

    app.post('/api/v1/export/entries', {
      schema: {
        tags,
        description: 'A B2B export customs declaration (9710/9810): attached document 10000004 names the platform order (9710) or the booking order (9810); matched ones are released, others wait for customs.',
        body: Type.Object({
          copNo: Code(30), tradeMode: Type.Union([Type.Literal('9710'), Type.Literal('9810')]), ebcCode: Code(18), ebpCode: Type.Optional(Code(18)), customsCode: Type.String({ pattern: '^\\d{4}$' }), portCode: Type.String({ pattern: '^\\d{4}$' }),
          country: Type.String({ minLength: 3, maxLength: 3 }), currency: Type.String({ minLength: 3, maxLength: 3 }), attachedNo: Code(60),
          lines: Type.Array(Type.Object({ gcode: Code(10), gname: Code(250), qty: Decimal, unit: Type.String({ minLength: 3, maxLength: 3 }), price: Decimal, totalPrice: Type.String({ pattern: '^\\d{1,14}(\\.\\d{1,2})?$' }) }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }),
        }, { additionalProperties: false }),
        response: { 201: Type.Object({ entryId: Type.String(), matchStatus: Type.String(), reasons: Type.Array(Reason) }) },
      },
    }, async (req, reply) => reply.code(201).send(await actions.fileEntry(requireRole(req.principal, 'enterprise'), req.body)));

    app.get('/api/v1/export/entries', {
      schema: { tags, querystring: Type.Object({ ...PageQuery, tradeMode: Type.Optional(Type.String({ maxLength: 4 })), matchStatus: Type.Optional(Type.Union([Type.Literal('matched'), Type.Literal('unmatched')])), q: Type.Optional(Type.String({ maxLength: 64 })) }), response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(Type.Object(EntryView)) }) } },
    }, async (req) => actions.entries(requireAuth(req.principal), { ...req.query, ...page(req.query.limit, req.query.offset) }));

    app.get('/api/v1/export/entries/:entryId', {
      schema: {
        tags,
        params: Type.Object({ entryId: Code(18) }),
        response: { 200: Type.Object({ ...EntryView, customsCode: Type.String(), portCode: Type.String(), country: Type.String(), ebpCode: Nullable(Type.String()), attached: Type.Object({ type: Type.String(), no: Type.String(), kind: Type.String(), document: Nullable(Type.Record(Type.String(), Type.Unknown())) }), reasons: Type.Array(Reason), lines: Type.Array(Type.Object({ gnum: Type.Integer(), gcode: Type.String(), gname: Type.String(), qty: Type.String(), unit: Type.String(), price: Type.String(), totalPrice: Money })) }) },
      },
    }, async (req) => actions.entry(requireAuth(req.principal), req.params.entryId));

    app.post('/api/v1/export/entries/:entryId/decision', {
      schema: { tags, description: 'Customs releases or rejects a declaration that did not match its order or booking.', params: Type.Object({ entryId: Code(18) }), body: Type.Object({ decision: Type.Union([Type.Literal('release'), Type.Literal('reject')]), reason: Type.String({ minLength: 1, maxLength: 500 }) }), response: { 200: Type.Object({ entryId: Type.String(), status: Type.String() }) } },
    }, async (req) => actions.decideEntry(requireRole(req.principal, 'customs'), req.params.entryId, req.body.decision, req.body.reason));

    app.post('/api/v1/export/returns', {
      schema: {
        tags,
        description: 'An export return: goods back unchanged within the window (regulation parameter exportReturnMonths) after export, naming a departed list (invtNo) or a released 9710/9810 declaration (entryId), linked to its declaration so the tax side can exempt them.',
        body: Type.Object({ invtNo: Type.Optional(Code(20)), entryId: Type.Optional(Type.String({ pattern: '^\\d{18}$' })), reason: Type.String({ minLength: 1, maxLength: 500 }), returnedOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), lines: Type.Array(Type.Object({ gnum: Type.Integer({ minimum: 1 }), qty: Decimal }, { additionalProperties: false }), { minItems: 1, maxItems: 99 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.String(), invtNo: Nullable(Type.String()), entryId: Nullable(Type.String()), returnedOn: Type.String(), amount: Money, currency: Nullable(Type.String()) }) },
      },
    }, async (req, reply) => reply.code(201).send(await actions.fileReturn(requireRole(req.principal, 'enterprise'), req.body)));

    app.get('/api/v1/export/returns', {
      schema: { tags, querystring: Type.Object({ ...PageQuery, invtNo: Type.Optional(Code(20)), entryId: Type.Optional(Type.String({ pattern: '^\\d{18}$' })) }), response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(Type.Object({ id: Type.String(), invtNo: Nullable(Type.String()), entryId: Nullable(Type.String()), ebcCode: Type.String(), reason: Type.String(), returnedOn: Type.String(), amount: Money, lines: Type.Array(Type.Object({ gnum: Type.Integer(), qty: Type.String() })), createdAt: Type.String() })) }) } },
    }, async (req) => actions.returns(requireAuth(req.principal), { ...req.query, ...page(req.query.limit, req.query.offset) }));
  };
}
