/**
 * /api/v1/reference: tariffs (the fixed public contract `PUT /tariffs/{gcode}`), code tables, HS lines and
 * regulation versions. Reading needs a login; writing needs admin or customs. Rates travel as decimal
 * strings and are checked by the service, so a bad rate answers `reference.invalid_rate` naming the field.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../platform/http/principal.js';
import { Page, PageQuery, page } from '../../platform/http/schemas.js';
import { notFound } from '../../kernel/errors.js';
import { requireAction } from '../identity/index.js';
import { CODE_TABLE_PATHS } from './reference.types.js';
import type { ReferenceService } from './reference.service.js';

const tags = ['reference'];
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD, Asia/Shanghai' });

const TariffView = Type.Object({
  gcode: Type.String(),
  name: Nullable(Type.String()),
  dutyRate: Type.String(),
  vatRate: Type.String(),
  consumptionRate: Type.String(),
  positiveList: Type.Boolean(),
  yearlyCapQty: Nullable(Type.String()),
  yearlyCapUnit: Nullable(Type.String()),
  note: Nullable(Type.String()),
  effectiveFrom: Type.String(),
  effectiveTo: Nullable(Type.String()),
  updatedBy: Type.String(),
  updatedAt: Type.String(),
});
const CodeView = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Nullable(Type.String()), effectiveFrom: Type.String(), effectiveTo: Nullable(Type.String()) });
const HsView = Type.Object({ code: Type.String(), name: Type.String(), unit1: Type.String(), unit2: Nullable(Type.String()), elements: Type.Array(Type.String()) });
const HsEntryView = Type.Composite([HsView, Type.Object({ effectiveFrom: Type.String(), effectiveTo: Nullable(Type.String()) })]);
const RegulationParamsView = Type.Object({
  singleLimitFen: Type.Integer(),
  annualLimitFen: Type.Integer(),
  retailTaxFactor: Type.String(),
  retailDutyRate: Type.String(),
  defaultVatRate: Type.String(),
  discountReducesDutiable: Type.Boolean(),
  limitsCountFreight: Type.Boolean(),
  amountTolerance: Type.String(),
  paymentToleranceFen: Type.Integer(),
  matchWindowHours: Type.Integer(),
  returnWindowDays: Type.Integer(),
  returnArrivalDays: Type.Integer(),
  exportReturnMonths: Type.Integer(),
  priceDeviationWarn: Type.String(),
  deemedIncomeRate: Type.String(),
  simplifiedListLimitFen: Type.Integer(),
  summaryDeadlineDay: Type.Integer(),
  summaryGroupBy: Type.String(),
  exportReturnExcludedChapters: Type.String(),
});
const RegulationView = Type.Object({ version: Type.String(), effectiveFrom: Type.String(), note: Type.String(), params: RegulationParamsView });

// Rates are plain strings here: the service gives the contract's error code for a bad one.
const RateText = Type.String({ maxLength: 40 });
const TariffBody = Type.Object({
  dutyRate: Type.Optional(RateText),
  vatRate: Type.Optional(RateText),
  consumptionRate: Type.Optional(RateText),
  positiveList: Type.Boolean(),
  yearlyCapQty: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  yearlyCapUnit: Type.Optional(Nullable(Type.String({ maxLength: 8 }))),
  effectiveFrom: Type.Optional(Type.String({ maxLength: 10 })),
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
});
const GcodeParams = Type.Object({ gcode: Type.String({ maxLength: 32 }) });
const TableParams = Type.Object({ table: Type.String({ maxLength: 32 }) });

function tableOf(path: string) {
  const table = CODE_TABLE_PATHS[path];
  if (!table) {
    throw notFound('reference.unknown_table', { zh: `没有这个代码表：${path}`, en: `no such code table: ${path}` }, { table: path, allowed: Object.keys(CODE_TABLE_PATHS) });
  }
  return table;
}

export function referenceRoutes(reference: ReferenceService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.put('/api/v1/reference/tariffs/:gcode', {
      schema: { tags, summary: 'Set an HS line\'s tariff from a date on (admin, customs)', params: GcodeParams, body: TariffBody, response: { 200: TariffView } },
    }, async (req) => {
      const p = requireAction(req.principal, 'tariff.write');
      return reference.putTariff(p, req.params.gcode, req.body);
    });

    app.get('/api/v1/reference/tariffs', {
      schema: {
        tags,
        summary: 'Tariff lines in force on a date (default today)',
        querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })), positiveList: Type.Optional(Type.Boolean()), date: Type.Optional(DateText) }),
        response: { 200: Page(TariffView) },
      },
    }, async (req) => {
      requireAuth(req.principal);
      const { limit, offset } = page(req.query.limit, req.query.offset);
      return reference.listTariffs({ ...req.query, limit, offset });
    });

    app.get('/api/v1/reference/tariffs/:gcode', {
      schema: { tags, summary: 'The tariff in force with its history, newest first', params: GcodeParams, response: { 200: Type.Composite([TariffView, Type.Object({ history: Type.Array(TariffView) })]) } },
    }, async (req) => {
      requireAuth(req.principal);
      return reference.getTariff(req.params.gcode);
    });

    app.get('/api/v1/reference/codes/:table', {
      schema: {
        tags,
        summary: 'A code table: countries, currencies, units, districts, transport-modes, packaging',
        params: TableParams,
        querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })), date: Type.Optional(DateText), all: Type.Optional(Type.Boolean({ description: 'every version, retired ones too' })) }),
        response: { 200: Page(CodeView) },
      },
    }, async (req) => {
      requireAuth(req.principal);
      const { limit, offset } = page(req.query.limit, req.query.offset);
      return reference.listCodes(tableOf(req.params.table), { ...req.query, limit, offset });
    });

    app.get('/api/v1/reference/codes/:table/:code', {
      schema: { tags, params: Type.Object({ table: Type.String({ maxLength: 32 }), code: Type.String({ maxLength: 8 }) }), querystring: Type.Object({ date: Type.Optional(DateText) }), response: { 200: CodeView } },
    }, async (req) => {
      requireAuth(req.principal);
      return reference.getCode(tableOf(req.params.table), req.params.code, req.query.date);
    });

    app.put('/api/v1/reference/codes/:table/:code', {
      schema: {
        tags,
        summary: 'Define or retire a code from a date on (admin, customs)',
        params: Type.Object({ table: Type.String({ maxLength: 32 }), code: Type.String({ maxLength: 8 }) }),
        body: Type.Object({
          name: Type.String({ maxLength: 200 }),
          nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
          effectiveFrom: Type.Optional(Type.String({ maxLength: 10 })),
          effectiveTo: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
        }),
        response: { 200: CodeView },
      },
    }, async (req) => {
      const p = requireAction(req.principal, 'reference.write');
      return reference.putCode(p, tableOf(req.params.table), req.params.code, req.body);
    });

    app.get('/api/v1/reference/hs', {
      schema: {
        tags,
        summary: 'HS lines in force, by code prefix or name',
        querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })), chapter: Type.Optional(Type.String({ maxLength: 2 })), date: Type.Optional(DateText) }),
        response: { 200: Page(HsView) },
      },
    }, async (req) => {
      requireAuth(req.principal);
      const { limit, offset } = page(req.query.limit, req.query.offset);
      return reference.listHs({ ...req.query, limit, offset });
    });

    app.get('/api/v1/reference/hs/:code', {
      schema: { tags, params: Type.Object({ code: Type.String({ maxLength: 32 }) }), querystring: Type.Object({ date: Type.Optional(DateText) }), response: { 200: HsView } },
    }, async (req) => {
      requireAuth(req.principal);
      return reference.getHs(req.params.code, req.query.date);
    });

    app.put('/api/v1/reference/hs/:code', {
      schema: {
        tags,
        summary: 'Define or retire an HS line from a date on (admin, customs)',
        params: Type.Object({ code: Type.String({ maxLength: 32 }) }),
        body: Type.Object({
          name: Type.String({ maxLength: 500 }),
          unit1: Type.String({ maxLength: 8 }),
          unit2: Type.Optional(Nullable(Type.String({ maxLength: 8 }))),
          elements: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
          effectiveFrom: Type.Optional(Type.String({ maxLength: 10 })),
          effectiveTo: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
        }),
        response: { 200: HsEntryView },
      },
    }, async (req) => {
      const p = requireAction(req.principal, 'reference.write');
      return reference.putHs(p, req.params.code, req.body);
    });

    app.get('/api/v1/reference/regulation', {
      schema: { tags, summary: 'Regulation parameter versions and the one in force today', response: { 200: Type.Object({ items: Type.Array(RegulationView), current: RegulationView }) } },
    }, async (req) => {
      requireAuth(req.principal);
      return { items: await reference.listRegulation(), current: await reference.regulationAt() };
    });

    app.post('/api/v1/reference/regulation', {
      schema: {
        tags,
        summary: 'Add a regulation version from today or later (admin, customs)',
        body: Type.Object({
          effectiveFrom: Type.String({ maxLength: 10 }),
          note: Type.String({ maxLength: 500 }),
          params: Type.Record(Type.String(), Type.Unknown(), { description: 'the parameters that change; the rest carry over' }),
          version: Type.Optional(Type.String({ maxLength: 32 })),
        }),
        response: { 201: RegulationView },
      },
    }, async (req, reply) => {
      const p = requireAction(req.principal, 'regulation.write');
      return reply.status(201).send(await reference.addRegulation(p, req.body));
    });
  };
}
