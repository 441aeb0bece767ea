import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, Page, PageQuery, page } from '../../platform/http/schemas.js';
import { requireAction } from '../identity/index.js';
import type { BookingService } from './booking.service.js';
import type { WarehouseService } from './warehouse.service.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const WarehouseStatus = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]);
const Tenure = Type.Union([Type.Literal('own'), Type.Literal('lease')]);
const ProofType = Type.Union([Type.Literal('application/pdf'), Type.Literal('image/png'), Type.Literal('image/jpeg')]);

// Field values are checked by the rules, which answer with overseas.* codes naming the field; the schema
// only bounds sizes and types.
const Proof = Type.Object({
  fileName: Type.String({ maxLength: 500 }),
  contentType: Type.String({ maxLength: 100, description: 'application/pdf, image/png or image/jpeg; must match the content' }),
  contentBase64: Type.String({ maxLength: 10_000_000, description: 'the file, base64; at most 5 MB decoded' }),
});
const WarehouseFields = {
  name: Type.String({ maxLength: 300 }),
  country: Type.String({ maxLength: 10, description: 'customs country code (3 digits), a country abroad' }),
  address: Type.String({ maxLength: 1000 }),
  areaSqm: Type.String({ maxLength: 20, description: 'floor area in m², decimal string > 0 with at most 2 decimals' }),
  operatorName: Type.String({ maxLength: 500, description: 'the company running the warehouse abroad' }),
  tenure: Type.String({ maxLength: 10, description: 'own | lease' }),
  leaseEnds: Type.Optional(Type.Union([Type.String({ maxLength: 20, description: 'YYYY-MM-DD, after today; a lease only' }), Type.Null()])),
};
const WarehouseBody = Type.Object({ ...WarehouseFields, proof: Proof });
const ResubmitBody = Type.Object({ ...WarehouseFields, proof: Type.Optional(Type.Union([Proof, Type.Null()], { description: 'a new proof file; absent: keep the current one' })) });

const Summary = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  enterpriseCode: Type.String(),
  enterpriseName: Nullable(Type.String()),
  name: Type.String(),
  country: Type.String(),
  countryName: Nullable(Type.String()),
  address: Type.String(),
  areaSqm: Type.String(),
  operatorName: Type.String(),
  tenure: Tenure,
  leaseEnds: Nullable(Type.String()),
  status: WarehouseStatus,
  version: Type.Integer(),
  rejectReason: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const ProofMeta = Type.Object({ fileName: Type.String(), contentType: ProofType, size: Type.Integer(), sha256: Type.String() });
const Version = Type.Object({
  version: Type.Integer(),
  data: Type.Object({
    name: Type.String(),
    country: Type.String(),
    address: Type.String(),
    areaSqm: Type.String(),
    operatorName: Type.String(),
    tenure: Tenure,
    leaseEnds: Nullable(Type.String()),
    proof: ProofMeta,
  }),
  status: WarehouseStatus,
  submittedBy: Type.String(),
  submittedAt: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});
const Filing = Type.Intersect([
  Summary,
  Type.Object({ proof: Type.Intersect([ProofMeta, Type.Object({ uploadedBy: Type.String(), uploadedAt: Type.String() })]), history: Type.Array(Version) }),
]);
const Stats = Type.Object({
  approved: Type.Integer(),
  pending: Type.Integer(),
  rejected: Type.Integer(),
  byCountry: Type.Array(Type.Object({ country: Type.String(), name: Nullable(Type.String()), count: Type.Integer() })),
  target: Type.Integer({ description: "the zone plan's target number of overseas warehouses" }),
});
const DecisionBody = Type.Object({ decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]), reason: Type.Optional(Type.String({ maxLength: 500 })) });

const BookingLineBody = Type.Object({
  itemNo: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  itemName: Type.String({ maxLength: 500 }),
  gcode: Type.String({ maxLength: 20, description: '10-digit HS code' }),
  qty: Type.String({ maxLength: 30, description: 'exact decimal in the declared unit, at most 5 decimals' }),
  unit: Type.String({ maxLength: 10, description: 'unit code (3 digits)' }),
  value: Type.String({ maxLength: 30, description: 'yuan, at most 2 decimals' }),
});
const BookingBody = Type.Object({
  bookingNo: Type.String({ maxLength: 100, description: 'the booking order number (订仓单号), at most 60 characters, unique per enterprise' }),
  warehouseId: Type.String({ maxLength: 64, description: "one of the enterprise's approved overseas warehouses" }),
  plannedShipDate: Type.String({ maxLength: 20, description: 'YYYY-MM-DD' }),
  transportMode: Type.Optional(Type.Union([Type.String({ maxLength: 10, description: 'transport mode code, e.g. 3 rail' }), Type.Null()])),
  lines: Type.Array(BookingLineBody, { maxItems: 1000 }),
});
const BookingSummary = Type.Object({
  id: Type.String(),
  bookingNo: Type.String(),
  enterpriseId: Type.String(),
  enterpriseCode: Type.String(),
  enterpriseName: Nullable(Type.String()),
  warehouseId: Type.String(),
  warehouseName: Nullable(Type.String()),
  country: Nullable(Type.String()),
  countryName: Nullable(Type.String()),
  plannedShipDate: Type.String(),
  transportMode: Nullable(Type.String()),
  status: Type.Literal('filed'),
  goodsValue: Type.String({ description: 'sum of the lines, yuan' }),
  lineCount: Type.Integer(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const BookingDetail = Type.Intersect([
  BookingSummary,
  Type.Object({ lines: Type.Array(Type.Object({ lineNo: Type.Integer(), itemNo: Nullable(Type.String()), itemName: Type.String(), gcode: Type.String(), qty: Type.String(), unit: Type.String(), value: Type.String() })) }),
]);

export function overseasRoutes(warehouses: WarehouseService, bookings: BookingService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['overseas'];

    app.post('/api/v1/overseas-warehouses', {
      schema: {
        tags,
        description: 'Files an overseas warehouse (海外仓备案, 9810): an approved e-commerce (ebc) or overseas-warehouse enterprise, with its ownership or lease proof (PDF, PNG or JPEG, at most 5 MB).',
        body: WarehouseBody,
        response: { 201: Type.Object({ id: Type.String(), status: Type.Literal('pending') }) },
      },
    }, async (req, reply) => reply.status(201).send(await warehouses.file(requireAction(req.principal, 'overseas.file'), req.body)));

    app.get('/api/v1/overseas-warehouses', {
      schema: {
        tags,
        description: 'Overseas warehouse filings: an enterprise sees its own, departments all.',
        querystring: Type.Object({ ...PageQuery, status: Type.Optional(WarehouseStatus), country: Type.Optional(Type.String({ maxLength: 3 })), q: Type.Optional(Type.String({ maxLength: 100 })), enterprise: Type.Optional(Type.String({ maxLength: 64, description: 'enterprise id' })) }),
        response: { 200: Page(Summary) },
      },
    }, async (req) => {
      const { enterprise, ...rest } = req.query;
      return warehouses.list(requireAction(req.principal, 'overseas.read'), { ...rest, ...(enterprise ? { enterpriseId: enterprise } : {}), ...page(req.query.limit, req.query.offset) });
    });

    app.get('/api/v1/overseas-warehouses/stats', {
      schema: { tags, description: "Approved and pending filings, approved ones by country, and the zone plan's target (an enterprise: its own).", response: { 200: Stats } },
    }, async (req) => warehouses.stats(requireAction(req.principal, 'overseas.read')));

    app.get('/api/v1/overseas-warehouses/:id', { schema: { tags, params: IdParams, response: { 200: Filing } } }, async (req) => warehouses.get(requireAction(req.principal, 'overseas.read'), req.params.id));

    app.get('/api/v1/overseas-warehouses/:id/proof', {
      schema: {
        tags,
        description: 'The proof file with its verified content type: of the current version, or of `version`.',
        params: IdParams,
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
      },
    }, async (req, reply) => {
      const f = await warehouses.proof(requireAction(req.principal, 'overseas.read'), req.params.id, req.query.version);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename="${f.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .header('etag', `"${f.sha256}"`)
        .send(f.bytes);
    });

    app.put('/api/v1/overseas-warehouses/:id', {
      schema: {
        tags,
        description: 'Corrects and resubmits a rejected (or still pending) filing: a new pending version. Without `proof` the current proof file is kept.',
        params: IdParams,
        body: ResubmitBody,
        response: { 200: Type.Object({ id: Type.String(), status: Type.Literal('pending'), version: Type.Integer() }) },
      },
    }, async (req) => warehouses.resubmit(requireAction(req.principal, 'overseas.file'), req.params.id, req.body));

    app.post('/api/v1/overseas-warehouses/:id/decision', {
      schema: { tags, description: 'Customs or commerce: approve, or reject with a reason.', params: IdParams, body: DecisionBody, response: { 200: Filing } },
    }, async (req) => warehouses.decide(requireAction(req.principal, 'overseas.decide'), req.params.id, req.body.decision, req.body.reason));

    app.post('/api/v1/overseas-bookings', {
      schema: {
        tags,
        description: "Files a booking order (订仓单) into one of the enterprise's approved overseas warehouses; HS and unit codes are checked against the reference tables.",
        body: BookingBody,
        response: { 201: Type.Object({ id: Type.String(), bookingNo: Type.String(), status: Type.Literal('filed') }) },
      },
    }, async (req, reply) => reply.status(201).send(await bookings.file(requireAction(req.principal, 'overseas.booking.file'), req.body)));

    app.get('/api/v1/overseas-bookings', {
      schema: {
        tags,
        description: 'Booking orders: an enterprise sees its own, departments all.',
        querystring: Type.Object({
          ...PageQuery,
          q: Type.Optional(Type.String({ maxLength: 100 })),
          status: Type.Optional(Type.Literal('filed')),
          warehouseId: Type.Optional(Type.String({ maxLength: 64 })),
          country: Type.Optional(Type.String({ maxLength: 3 })),
          enterprise: Type.Optional(Type.String({ maxLength: 64, description: 'enterprise id' })),
        }),
        response: { 200: Page(BookingSummary) },
      },
    }, async (req) => {
      const { enterprise, ...rest } = req.query;
      return bookings.list(requireAction(req.principal, 'overseas.read'), { ...rest, ...(enterprise ? { enterpriseId: enterprise } : {}), ...page(req.query.limit, req.query.offset) });
    });

    app.get('/api/v1/overseas-bookings/:id', { schema: { tags, params: IdParams, response: { 200: BookingDetail } } }, async (req) => bookings.get(requireAction(req.principal, 'overseas.read'), req.params.id));
  };
}
