import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../platform/http/principal.js';
import type { Queries } from './query.service.js';
import type { ExportQueries } from './export-query.service.js';
import type { Ingest } from './ingest.service.js';
import { conflict, rejected } from '../../kernel/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import { requireRole } from '../../platform/http/principal.js';
import { PageQuery, page } from '../../platform/http/schemas.js';

const Receipt = Type.Object({
  cursor: Type.Integer(),
  messageType: Type.String(),
  guid: Type.String(),
  subject: Type.String(),
  returnStatus: Type.String(),
  returnTime: Type.String(),
  returnInfo: Type.String(),
  fields: Type.Record(Type.String(), Type.String()),
  xml: Type.String(),
  createdAt: Type.String(),
});
const Text = Type.Object({ zh: Type.String(), en: Type.String() });
/** A list number is looked up among import and export lists; `direction` picks one when both use it. */
const ListQuery = Type.Object({
  agentCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  direction: Type.Optional(Type.Union([Type.Literal('import'), Type.Literal('export')])),
});
const Reason = Type.Object({ code: Type.String(), message: Text, details: Type.Optional(Type.Unknown()) });
const Money = Type.String({ pattern: '^-?\\d+\\.\\d{2}$' });
const Nullable = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
/** What an export list adds to the inventory view. */
const ExportFields = {
  invtNo: Nullable(Type.String()),
  statisticsFlag: Nullable(Type.String()),
  arrived: Type.Optional(Type.Boolean()),
  departed: Type.Optional(Type.Boolean()),
  cancelled: Type.Optional(Type.Boolean()),
  billNo: Nullable(Type.String()),
  sumNo: Nullable(Type.String()),
  entryId: Nullable(Type.String()),
  goodsValue: Nullable(Money),
  currency: Nullable(Type.String()),
};
/** What a list's summary and its full view share. */
const ListHeader = {
  copNo: Type.String(),
  orderNo: Type.String(),
  ebpCode: Type.String(),
  ebcCode: Type.Union([Type.String(), Type.Null()]),
  agentCode: Type.Union([Type.String(), Type.Null()]),
  tradeMode: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  statusText: Type.String(),
  documents: Type.Object({ order: Type.Boolean(), payment: Type.Boolean(), waybill: Type.Boolean(), list: Type.Boolean() }),
};

export function clearanceRoutes(q: Queries, ingest: Ingest, ex: ExportQueries): FastifyPluginAsync {
  /** Which direction's list a number names for this caller: import unless only an export list has it. */
  async function directionOf(p: Principal, copNo: string, query: { agentCode?: string | undefined; direction?: 'import' | 'export' | undefined }) {
    if (query.direction) return query.direction;
    const [imp, exp] = await Promise.all([q.has(p, copNo, query.agentCode), ex.has(p, copNo, query.agentCode)]);
    if (imp && exp) {
      throw conflict('clearance.ambiguous_list', { zh: `清单编号 ${copNo} 既有进口清单也有出口清单，请加 direction=import 或 direction=export 参数`, en: `list number ${copNo} names both an import and an export list: add ?direction=import or ?direction=export` }, { copNo, directions: ['import', 'export'] });
    }
    return exp ? 'export' : 'import';
  }

  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['clearance'];

    app.get('/api/v1/receipts', {
      schema: {
        tags,
        description: "The caller's receipts in order after a cursor; later receipts (a list released when its last document arrives) appear here.",
        querystring: Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0, default: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) }),
        response: { 200: Type.Object({ items: Type.Array(Receipt), next: Type.Integer() }) },
      },
    }, async (req) => q.receiptsAfter(requireAuth(req.principal), req.query.after ?? 0, req.query.limit ?? 100));

    app.get('/api/v1/inventories/:copNo', {
      schema: {
        tags,
        description: 'A list, import or export: status, receipts history, matching reasons, import tax lines; an export list adds invtNo, statistics flag, arrival, departure, master bill, summary and declaration number.',
        params: Type.Object({ copNo: Type.String({ minLength: 1, maxLength: 64 }) }),
        querystring: ListQuery,
        response: {
          200: Type.Object({
            direction: Type.Union([Type.Literal('import'), Type.Literal('export')]),
            ...ListHeader,
            reasons: Type.Array(Reason),
            dutiablePrice: Type.Union([Money, Type.Null()]),
            tax: Type.Union([
              Type.Object({
                customsTax: Money,
                valueAddedTax: Money,
                consumptionTax: Money,
                taxTotal: Money,
                mode: Type.String(),
                factor: Type.String(),
                lines: Type.Array(Type.Object({ gnum: Type.Integer(), gcode: Type.String(), dutiablePrice: Money, customsTax: Money, valueAddedTax: Money, consumptionTax: Money })),
              }),
              Type.Null(),
            ]),
            receipts: Type.Array(Type.Object({ cursor: Type.Integer(), messageType: Type.String(), returnStatus: Type.String(), returnInfo: Type.String(), at: Type.String() })),
            returns: Type.Array(Type.Object({ guid: Type.String(), at: Type.String(), lines: Type.Array(Type.Object({ gnum: Type.Integer(), qty: Type.String() })), releasedFen: Type.Integer(), taxWaivedFen: Type.Integer(), reason: Type.Optional(Type.String()), amount: Type.Optional(Money) })),
            waybillEvents: Type.Array(Type.Object({ kind: Type.String(), status: Type.String(), eventTime: Type.String(), note: Type.Union([Type.String(), Type.Null()]), receivedAt: Type.String() })),
            decidedAt: Type.Union([Type.String(), Type.Null()]),
            updatedAt: Type.String(),
            ...ExportFields,
          }),
        },
      },
    }, async (req) => {
      const p = requireAuth(req.principal);
      return (await directionOf(p, req.params.copNo, req.query)) === 'export' ? ex.inventory(p, req.params.copNo, req.query.agentCode) : q.inventory(p, req.params.copNo, req.query.agentCode);
    });

    app.get('/api/v1/inventories/:copNo/documents', {
      schema: {
        tags,
        description: 'The order, payment (for an export list its receipt of payment, CEB403), waybill and list of a declared list, side by side (personal data masked except for customs and the declaring agent).',
        params: Type.Object({ copNo: Type.String({ minLength: 1, maxLength: 64 }) }),
        querystring: ListQuery,
        response: {
          200: Type.Object({
            copNo: Type.String(),
            order: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
            payment: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
            waybill: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
            list: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
            reasons: Type.Array(Reason),
            masked: Type.Boolean(),
          }),
        },
      },
    }, async (req) => {
      const p = requireAuth(req.principal);
      return (await directionOf(p, req.params.copNo, req.query)) === 'export' ? ex.documents(p, req.params.copNo, req.query.agentCode) : q.documents(p, req.params.copNo, req.query.agentCode);
    });

    app.post('/api/v1/inventories/:copNo/decision', {
      schema: {
        tags,
        description: 'Customs releases or rejects a list held for manual review (300) or inspection (500); a reason is required.',
        params: Type.Object({ copNo: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Type.Object({ decision: Type.Union([Type.Literal('release'), Type.Literal('reject')]), reason: Type.String({ minLength: 1, maxLength: 500 }) }),
        response: { 200: Type.Object({ copNo: Type.String(), status: Type.String(), info: Type.String() }) },
      },
    }, async (req) => {
      const p = requireRole(req.principal, 'customs');
      const r = await ingest.decide(p, req.params.copNo, req.body.decision, req.body.reason);
      if (!r.ok) throw rejected(r.code, { zh: r.zh, en: r.en }, { copNo: req.params.copNo });
      return { copNo: req.params.copNo, status: String(r.status), info: r.info };
    });

    app.get('/api/v1/declarations', {
      schema: {
        tags,
        description: 'Declared import lists, newest first, with filters; an enterprise sees those it is a party to.',
        querystring: Type.Object({
          ...PageQuery,
          status: Type.Optional(Type.Integer()),
          tradeMode: Type.Optional(Type.String({ maxLength: 4 })),
          enterprise: Type.Optional(Type.String({ maxLength: 18 })),
          buyerIdNumber: Type.Optional(Type.String({ maxLength: 18 })),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          q: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(Type.Object({
              ...ListHeader,
              dutiablePrice: Type.Union([Money, Type.Null()]),
              taxTotal: Type.Union([Money, Type.Null()]),
              createdAt: Type.String(),
              decidedAt: Type.Union([Type.String(), Type.Null()]),
            })),
          }),
        },
      },
    }, async (req) => q.declarations(requireAuth(req.principal), { ...req.query, ...page(req.query.limit, req.query.offset) }));

    app.get('/api/v1/quota', {
      schema: {
        tags,
        security: [],
        description: 'Annual personal quota: public with name and ID number; regulators may omit the name.',
        querystring: Type.Object({ buyerIdNumber: Type.String({ minLength: 1, maxLength: 32 }), buyerName: Type.Optional(Type.String({ maxLength: 100 })), year: Type.Optional(Type.Integer({ minimum: 2016, maximum: 2100 })) }),
        response: { 200: Type.Object({ year: Type.Integer(), limit: Money, used: Money, remaining: Money }) },
      },
    }, async (req) => q.quota(req.principal, req.query));
  };
}
