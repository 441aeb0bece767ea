/**
 * The message edge of clearance: `POST /api/v1/ceb` (one CEB XML message, answered with its receipt as
 * XML, or 400 with a CEB900 naming the element) and `POST /api/v1/messages` (the same documents as JSON,
 * one or a batch, answered with one receipt per document in order). Both judge by the same official XSD.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { newGuid } from '../kernel/ids.js';
import { requireAuth } from '../platform/http/principal.js';
import { errorBody } from '../platform/http/errors.js';
import type { DocReceipt, Ingest } from '../modules/clearance/index.js';
import { decodeXml, validateJson } from './ceb/validate.js';
import { toXml } from './ceb/to-xml.js';
import { cebTime } from './ceb/time.js';
import type { CebError } from './ceb/types.js';

const MAX_BATCH = 5_000;

/** The CEB900 format-error receipt for a message that could not be read or failed the schema. */
export function ceb900(errors: CebError[], ori: { guid?: string; messageType?: string }, now: Date): string {
  const info = errors
    .slice(0, 20)
    .map((e) => `${e.code}${e.element ? ` [${e.element}]` : ''}${e.path ? ` (${e.path})` : ''}${e.line ? ` line ${e.line}` : ''}: ${e.message}`)
    .join('; ')
    .slice(0, 1000);
  const built = toXml({
    messageType: 'CEB900',
    guid: newGuid(),
    version: '1.0',
    MessageReturn: { guid: newGuid(), returnStatus: '-1', returnInfo: info || 'format error', returnTime: cebTime(now), oriCopMsgId: ori.guid ?? '', oriMessageType: ori.messageType ?? '', oriBizMessage: '' },
  });
  if (built.ok) return built.xml;
  // The receipt of last resort must never fail: plain text in the standard's envelope.
  return `<?xml version="1.0" encoding="UTF-8"?><ceb:CEB900Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="${newGuid()}" version="1.0"><ceb:MessageReturn><ceb:returnInfo>format error</ceb:returnInfo></ceb:MessageReturn></ceb:CEB900Message>`;
}

const receiptJson = (r: DocReceipt) => ({ cursor: r.cursor, messageType: r.messageType, guid: r.guid, returnStatus: r.returnStatus, returnTime: r.returnTime, returnInfo: r.returnInfo, fields: r.fields, xml: r.xml });

export function messageRoutes(ingest: Ingest, now: () => Date): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.post('/api/v1/ceb', {
      schema: {
        tags: ['clearance'],
        description: 'One CEB XML message (application/xml); answered with its receipt message as XML, or 400 with CEB900.',
        consumes: ['application/xml', 'text/xml'],
      },
    }, async (req, reply: FastifyReply) => {
      const p = requireAuth(req.principal);
      const body = typeof req.body === 'string' ? req.body : '';
      const decoded = decodeXml(body);
      if (!decoded.ok) {
        const guid = /guid="([^"]{1,64})"/.exec(body)?.[1];
        const type = /<(?:\w+:)?(CEB\d{3})Message/.exec(body)?.[1];
        return reply.status(400).type('application/xml').send(ceb900(decoded.errors, { ...(guid ? { guid } : {}), ...(type ? { messageType: type } : {}) }, now()));
      }
      const receipts = await ingest.submit(p, [decoded.message]);
      const first = receipts[0];
      if (!first || !first.xml) return reply.status(400).type('application/xml').send(ceb900([{ code: 'ceb.unknown_message', message: first?.returnInfo ?? 'no business document in the message' }], decoded.message, now()));
      return reply.type('application/xml').send(receipts.length === 1 ? first.xml : receipts.map((r) => r.xml.replace(/^<\?xml[^>]*>/, '')).join('\n'));
    });

    app.post('/api/v1/messages', {
      schema: {
        tags: ['clearance'],
        description: 'CEB documents as JSON (the XML tree, root name as messageType), one object or an array; one receipt per document, in order.',
        body: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Array(Type.Record(Type.String(), Type.Unknown()), { maxItems: MAX_BATCH })]),
      },
    }, async (req, reply) => {
      const p = requireAuth(req.principal);
      const input = Array.isArray(req.body) ? req.body : [req.body];
      const valid: Array<{ index: number; message: Record<string, unknown> }> = [];
      const errors: Array<{ index: number; errors: CebError[] }> = [];
      input.forEach((m, index) => {
        const v = validateJson(m);
        if (v.ok) valid.push({ index, message: v.message as unknown as Record<string, unknown> });
        else errors.push({ index, errors: v.errors });
      });
      if (errors.length > 0 && !Array.isArray(req.body)) {
        const first = errors[0]!.errors[0]!;
        return reply.status(400).send(errorBody(req, 'ceb.invalid_message', `报文格式错误：${first.path ?? first.element ?? ''} ${first.message}`, `invalid message at ${first.path ?? first.element ?? ''}: ${first.message}`, { path: first.path ?? null, element: first.element ?? null, errors: errors[0]!.errors.slice(0, 50) }));
      }
      const receipts = valid.length > 0 ? await ingest.submit(p, valid.map((v) => v.message as { messageType: string })) : [];
      // One receipt per document, in order; a message that failed the schema answers with its CEB900 in place.
      const out: unknown[] = [];
      let r = 0;
      for (let i = 0, v = 0, e = 0; i < input.length; i++) {
        if (valid[v]?.index === i) {
          const m = valid[v++]!.message;
          const docs = countDocuments(m);
          for (let k = 0; k < docs && r < receipts.length; k++) out.push(receiptJson(receipts[r++]!));
        } else {
          const bad = errors[e++]!;
          const m = input[i] as { guid?: unknown; messageType?: unknown };
          out.push({ cursor: null, messageType: 'CEB900', guid: typeof m?.guid === 'string' ? m.guid : '', returnStatus: '-1', returnInfo: bad.errors.map((x) => `${x.path ?? x.element ?? ''}: ${x.message}`).join('; ').slice(0, 1000), errors: bad.errors.slice(0, 50), xml: ceb900(bad.errors, { ...(typeof m?.guid === 'string' ? { guid: m.guid } : {}), ...(typeof m?.messageType === 'string' ? { messageType: m.messageType } : {}) }, now()) });
        }
      }
      return reply.send(Array.isArray(req.body) ? out : out[0]);
    });
  };
}

/** How many business documents a message carries (a CEB311 may hold several orders). */
function countDocuments(m: Record<string, unknown>): number {
  for (const [k, v] of Object.entries(m)) {
    if (k === 'messageType' || k === 'guid' || k === 'version' || k === 'BaseTransfer' || k === 'BaseSubscribe' || k === 'ExtendMessage') continue;
    return Array.isArray(v) ? v.length : 1;
  }
  return 1;
}
