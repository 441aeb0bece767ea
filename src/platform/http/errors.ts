/** The one error handler: AppError kinds to statuses; everything else 500 with a request id and no internals. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorKind } from '../../kernel/errors.js';

export const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  rejected: 422,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  rate_limited: 429,
  unavailable: 503,
};

export interface ErrorBody {
  error: { code: string; message: { zh: string; en: string }; details: Record<string, unknown> | null; requestId: string };
}

export function errorBody(req: FastifyRequest, code: string, zh: string, en: string, details?: Record<string, unknown> | null): ErrorBody {
  return { error: { code, message: { zh, en }, details: details ?? null, requestId: String(req.id) } };
}

export function handleError(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    // A busy or rate-limited answer says when to come back.
    const retry = err.details?.retryAfterSeconds;
    if ((err.kind === 'unavailable' || err.kind === 'rate_limited') && typeof retry === 'number') reply.header('retry-after', String(retry));
    return reply.status(STATUS[err.kind]).send(errorBody(req, err.code, err.text.zh, err.text.en, err.details));
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    const first = fe.validation[0];
    const path = first ? `${fe.validationContext ?? 'body'}${first.instancePath.replace(/\//g, '.')}` : String(fe.validationContext ?? 'body');
    const field = first?.params && 'missingProperty' in first.params ? `${path}.${String(first.params.missingProperty)}` : path;
    return reply.status(400).send(
      errorBody(req, 'http.invalid_request', `请求参数 ${field} 无效：${first?.message ?? ''}`, `invalid request at ${field}: ${first?.message ?? ''}`, {
        path: field,
        problems: fe.validation.map((v) => ({ path: v.instancePath, message: v.message, params: v.params })),
      }),
    );
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'http.body_too_large' : fe.code?.startsWith('FST_ERR_CTP') ? 'http.bad_content' : 'http.bad_request';
    return reply.status(fe.statusCode).send(errorBody(req, code, `请求无效：${fe.message}`, `bad request: ${fe.message}`));
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send(errorBody(req, 'internal', '服务器内部错误，请凭请求编号联系运维', 'internal error: quote the request id to the operator'));
}
