/**
 * Export tax records over HTTP: 无票免税 records, 核定征收 deemed income and rebate declarations, each as
 * JSON (paged) and as an .xlsx download with the same filters.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../platform/http/principal.js';
import { PageQuery, page } from '../../platform/http/schemas.js';
import { XLSX_CONTENT_TYPE } from '../../platform/xlsx.js';
import type { Download, TaxRecords } from './tax-records.service.js';

const Money = Type.String({ pattern: '^-?\\d+\\.\\d{2}$' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Year = Type.Integer({ minimum: 2016, maximum: 2100 });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD, Asia/Shanghai' });
const Enterprise = Type.String({ minLength: 1, maxLength: 18, pattern: '^[0-9A-Za-z]+$', description: 'customs code (10) or USCC (18) of the consignor' });

const RecordQuery = {
  enterprise: Type.Optional(Enterprise),
  year: Type.Optional(Year),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
};
const RebateQuery = {
  enterprise: Type.Optional(Enterprise),
  year: Type.Optional(Year),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  collected: Type.Optional(Type.Boolean({ description: 'true: only declarations whose proceeds are fully collected; false: the others' })),
};
const DeemedQuery = Type.Object({ year: Type.Optional(Year), enterprise: Type.Optional(Enterprise) });

const TaxRecord = Type.Object({
  date: Type.String(),
  source: Type.Union([Type.Literal('list'), Type.Literal('entry')]),
  invtNo: Nullable(Type.String()),
  entryId: Nullable(Type.String()),
  ebcCode: Type.String(),
  gnum: Type.Integer(),
  goodsName: Type.String(),
  gcode: Type.String(),
  unit: Type.String(),
  unitName: Nullable(Type.String()),
  qty: Type.String(),
  unitPrice: Type.String(),
  amount: Money,
  currency: Type.String({ description: 'customs currency code (142 = CNY); amounts are in it, not converted' }),
  currencyName: Nullable(Type.String()),
  returned: Type.Boolean(),
  returnedQty: Nullable(Type.String()),
});
const DeemedIncome = Type.Object({
  year: Type.Integer(),
  rate: Type.String(),
  items: Type.Array(Type.Object({
    ebcCode: Type.String(),
    enterpriseName: Nullable(Type.String()),
    currency: Type.String(),
    currencyName: Nullable(Type.String()),
    exportAmount: Money,
    returnedAmount: Money,
    taxableBase: Money,
    deemedIncome: Nullable(Money),
  })),
});
const Rebate = Type.Object({
  entryId: Type.String(),
  source: Type.Union([Type.Literal('summary'), Type.Literal('entry')]),
  ebcCode: Type.String(),
  date: Type.String(),
  currency: Type.String(),
  currencyName: Nullable(Type.String()),
  goodsValue: Money,
  returned: Money,
  collected: Money,
  fullyCollected: Type.Boolean(),
});

function send(reply: FastifyReply, d: Download) {
  return reply
    .header('content-type', XLSX_CONTENT_TYPE)
    .header('content-disposition', `attachment; filename="${d.filename}"`)
    .header('cache-control', 'no-store')
    .send(d.body);
}

const xlsxDescription = 'The same rows as an .xlsx workbook (no paging; at most 100,000 rows, 422 export.too_many_rows beyond).';

export function taxRecordRoutes(t: TaxRecords): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['export tax'];

    app.get('/api/v1/export/tax-records', {
      schema: {
        tags,
        description: '无票免税 (财税〔2018〕103号): exported goods lines of released lists and B2B declarations, oldest first — date, goods name, unit, quantity, unit price, amount. An enterprise sees its own.',
        querystring: Type.Object({ ...RecordQuery, ...PageQuery }),
        response: { 200: Type.Object({ items: Type.Array(TaxRecord), total: Type.Integer() }) },
      },
    }, async (req) => t.records(requireAuth(req.principal), { ...req.query, ...page(req.query.limit, req.query.offset) }));

    app.get('/api/v1/export/tax-records.xlsx', {
      schema: { tags, description: xlsxDescription, querystring: Type.Object(RecordQuery) },
    }, async (req, reply) => send(reply, await t.recordsWorkbook(requireAuth(req.principal), req.query)));

    app.get('/api/v1/export/deemed-income', {
      schema: {
        tags,
        description: '核定征收 (STA 2019 No.36): per enterprise and currency, the year\'s export amount less returns, and in CNY the deemed taxable income at the regulation\'s rate. Other currencies are listed, not converted.',
        querystring: DeemedQuery,
        response: { 200: DeemedIncome },
      },
    }, async (req) => t.deemedIncome(requireAuth(req.principal), req.query));

    app.get('/api/v1/export/deemed-income.xlsx', {
      schema: { tags, description: 'Deemed income as an .xlsx workbook.', querystring: DeemedQuery },
    }, async (req, reply) => send(reply, await t.deemedIncomeWorkbook(requireAuth(req.principal), req.query)));

    app.get('/api/v1/export/rebate', {
      schema: {
        tags,
        description: 'Customs declarations for rebate (summary declarations of 9610 lists, B2B declarations) with goods value, returns and proceeds collected.',
        querystring: Type.Object({ ...RebateQuery, ...PageQuery }),
        response: { 200: Type.Object({ items: Type.Array(Rebate), total: Type.Integer() }) },
      },
    }, async (req) => t.rebate(requireAuth(req.principal), { ...req.query, ...page(req.query.limit, req.query.offset) }));

    app.get('/api/v1/export/rebate.xlsx', {
      schema: { tags, description: xlsxDescription, querystring: Type.Object(RebateQuery) },
    }, async (req, reply) => send(reply, await t.rebateWorkbook(requireAuth(req.principal), req.query)));
  };
}
