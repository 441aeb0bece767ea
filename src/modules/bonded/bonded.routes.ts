import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Page, PageQuery, page } from '../../platform/http/schemas.js';
import { requireAction } from '../identity/index.js';
import type { BookService } from './book.service.js';
import type { EntryService } from './entry.service.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Qty = Type.String({ maxLength: 20, description: 'exact decimal in the declared unit, at most 5 decimals, e.g. "800" or "2.5"' });
const EmsParams = Type.Object({ emsNo: Type.String({ minLength: 1, maxLength: 30, pattern: '^[0-9A-Za-z]+$', description: 'account book number (账册编号)' }) });
const BookStatus = Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('closed')]);

const Book = Type.Object({
  id: Type.String(),
  emsNo: Type.String(),
  enterpriseId: Type.String(),
  enterpriseCode: Type.String(),
  enterpriseName: Nullable(Type.String()),
  district: Type.String(),
  name: Type.String(),
  status: BookStatus,
  statusReason: Nullable(Type.String()),
  itemCount: Type.Integer(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const Item = Type.Object({
  id: Type.String(),
  itemRecordNo: Type.String(),
  gcode: Type.String(),
  goodsName: Type.String(),
  unit: Type.String(),
  stock: Type.String({ description: 'stock in the declared unit, exact decimal string' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const Entry = Type.Object({
  id: Type.String(),
  entryNo: Type.String(),
  entryDate: Type.String(),
  note: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String(),
  lines: Type.Array(Type.Object({ lineNo: Type.Integer(), itemRecordNo: Type.String(), qty: Type.String() })),
});
const Movement = Type.Object({
  seq: Type.Integer(),
  itemRecordNo: Type.String(),
  kind: Type.Union([Type.Literal('entry'), Type.Literal('take'), Type.Literal('give_back')]),
  reason: Nullable(Type.String()),
  ref: Type.String(),
  line: Type.Integer(),
  qty: Type.String({ description: 'signed: positive into the book, negative out' }),
  stockAfter: Type.String(),
  at: Type.String(),
  recordedAt: Type.String(),
  actor: Type.String(),
});

export function bondedRoutes(books: BookService, entries: EntryService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['bonded'];

    app.get('/api/v1/bonded/books', {
      schema: {
        tags,
        description: 'Bonded account books (保税账册): customs and administrators see all, a warehouse enterprise its own.',
        querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })), status: Type.Optional(BookStatus), enterpriseId: Type.Optional(Type.String({ maxLength: 64 })), district: Type.Optional(Type.String({ maxLength: 4 })) }),
        response: { 200: Page(Book) },
      },
    }, async (req) => books.list(requireAction(req.principal, 'bonded.read'), { ...req.query, ...page(req.query.limit, req.query.offset) }));

    app.post('/api/v1/bonded/books', {
      schema: {
        tags,
        description: 'Sets up a book for an approved warehouse enterprise filing: the enterprise itself, or customs naming enterpriseId.',
        body: Type.Object({
          emsNo: Type.String({ maxLength: 40 }),
          name: Type.String({ maxLength: 200 }),
          district: Type.String({ maxLength: 10, description: '4-digit customs district code' }),
          enterpriseId: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 201: Book },
      },
    }, async (req, reply) => reply.status(201).send(await books.create(requireAction(req.principal, 'bonded.book.create'), req.body)));

    app.get('/api/v1/bonded/books/:emsNo', { schema: { tags, params: EmsParams, response: { 200: Book } } }, async (req) => books.get(requireAction(req.principal, 'bonded.read'), req.params.emsNo));

    app.post('/api/v1/bonded/books/:emsNo/status', {
      schema: {
        tags,
        description: 'Customs: suspend (nothing moves), re-activate, or close the book for good; suspending and closing need a reason.',
        params: EmsParams,
        body: Type.Object({ status: BookStatus, reason: Type.Optional(Type.String({ maxLength: 500 })) }),
        response: { 200: Book },
      },
    }, async (req) => books.setStatus(requireAction(req.principal, 'bonded.book.status'), req.params.emsNo, req.body.status, req.body.reason));

    app.get('/api/v1/bonded/books/:emsNo/items', {
      schema: {
        tags,
        params: EmsParams,
        querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })), gcode: Type.Optional(Type.String({ maxLength: 10 })), inStock: Type.Optional(Type.Boolean()) }),
        response: { 200: Page(Item) },
      },
    }, async (req) => books.listItems(requireAction(req.principal, 'bonded.read'), req.params.emsNo, { ...req.query, ...page(req.query.limit, req.query.offset) }));

    app.post('/api/v1/bonded/books/:emsNo/items', {
      schema: {
        tags,
        description: 'Adds an item (one account-book record number) with no stock; gcode is checked against the HS table, unit against the unit codes.',
        params: EmsParams,
        body: Type.Object({ itemRecordNo: Type.String({ maxLength: 60 }), gcode: Type.String({ maxLength: 20 }), goodsName: Type.String({ maxLength: 300 }), unit: Type.String({ maxLength: 10 }) }),
        response: { 201: Item },
      },
    }, async (req, reply) => reply.status(201).send(await books.addItem(requireAction(req.principal, 'bonded.item.write'), req.params.emsNo, req.body)));

    app.get('/api/v1/bonded/books/:emsNo/entries', {
      schema: { tags, params: EmsParams, querystring: Type.Object({ ...PageQuery, entryNo: Type.Optional(Type.String({ maxLength: 40 })) }), response: { 200: Page(Entry) } },
    }, async (req) => entries.list(requireAction(req.principal, 'bonded.read'), req.params.emsNo, { ...req.query, ...page(req.query.limit, req.query.offset) }));

    app.post('/api/v1/bonded/books/:emsNo/entries', {
      schema: {
        tags,
        description: 'First-line entry record (一线入区核注): adds every line to stock, or nothing when any line is wrong.',
        params: EmsParams,
        body: Type.Object({
          entryNo: Type.String({ maxLength: 60 }),
          entryDate: Type.String({ maxLength: 10, description: 'YYYY-MM-DD, Asia/Shanghai' }),
          lines: Type.Array(Type.Object({ itemRecordNo: Type.String({ maxLength: 60 }), qty: Qty }), { maxItems: 1000 }),
          note: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
        }),
        response: { 201: Entry },
      },
    }, async (req, reply) => reply.status(201).send(await entries.post(requireAction(req.principal, 'bonded.entry.post'), req.params.emsNo, req.body)));

    app.get('/api/v1/bonded/books/:emsNo/ledger', {
      schema: {
        tags,
        description: 'Every movement of stock in the book, newest first: entries, takes by released lists, give-backs by cancellations and returns.',
        params: EmsParams,
        querystring: Type.Object({
          ...PageQuery,
          itemRecordNo: Type.Optional(Type.String({ maxLength: 30 })),
          kind: Type.Optional(Type.Union([Type.Literal('entry'), Type.Literal('take'), Type.Literal('give_back')])),
          ref: Type.Optional(Type.String({ maxLength: 100 })),
          from: Type.Optional(Type.String({ maxLength: 40, description: 'YYYY-MM-DD (Asia/Shanghai) or ISO instant' })),
          to: Type.Optional(Type.String({ maxLength: 40, description: 'YYYY-MM-DD inclusive, or ISO instant exclusive' })),
        }),
        response: { 200: Page(Movement) },
      },
    }, async (req) => entries.ledger(requireAction(req.principal, 'bonded.read'), req.params.emsNo, { ...req.query, ...page(req.query.limit, req.query.offset) }));
  };
}
