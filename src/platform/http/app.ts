/**
 * The HTTP edge: Fastify with TypeBox schemas on every route, one error handler, request ids, pino logs
 * without personal data, OpenAPI at /api/docs, Prometheus at /metrics, the console's static files, and
 * the authenticator that sets `req.principal`.
 */
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { handleError, errorBody } from './errors.js';
import { createMetrics, type Metrics } from './metrics.js';
import type { Principal } from './principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export type Authenticator = (credential: string) => Promise<Principal | null>;

export interface HttpModule {
  name: string;
  routes: FastifyPluginAsync;
}

export interface AppOptions {
  modules: HttpModule[];
  authenticate: Authenticator;
  logLevel?: string;
  webDir?: string;
  metrics?: Metrics;
  /** Largest accepted body, bytes (message batches are large). */
  bodyLimit?: number;
  version?: string;
  ready?: () => Promise<boolean>;
}

export type App = FastifyInstance;

const PERSONAL_QUERY = /\?.*$/;

export async function buildApp(opts: AppOptions): Promise<App> {
  const logger: FastifyServerOptions['logger'] =
    opts.logLevel === 'silent' || !opts.logLevel
      ? false
      : {
          level: opts.logLevel,
          redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.buyerIdNumber', '*.buyerName'],
          serializers: {
            // Query strings can carry names and ID numbers (quota look-ups): log the path only.
            req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.replace(PERSONAL_QUERY, ''), id: req.id }),
          },
        };
  const app = Fastify({
    logger,
    bodyLimit: opts.bodyLimit ?? 64 * 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const metrics = opts.metrics ?? createMetrics();
  app.decorateRequest('principal', null);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((req, reply) => {
    // API misses, asset misses (a tab left open across a deploy) and non-GETs are real 404s; other GETs are
    // console routes and get the single-page app.
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || req.method !== 'GET' || !opts.webDir || !existsSync(join(opts.webDir, 'index.html'))) {
      return reply.status(404).send(errorBody(req, 'http.not_found', `没有这个地址：${req.method} ${req.url.replace(PERSONAL_QUERY, '')}`, `no such route: ${req.method} ${req.url.replace(PERSONAL_QUERY, '')}`));
    }
    return reply.type('text/html').sendFile('index.html');
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    const header = req.headers.authorization;
    if (!header) return;
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = m ? await opts.authenticate(m[1]!) : null;
    if (!principal) {
      return reply.status(401).send(errorBody(req, 'auth.invalid_credential', '登录已失效或密钥无效', 'the token or API key is invalid or expired'));
    }
    req.principal = principal;
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.httpDuration.observe({ method: req.method, route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  // XML bodies (CEB messages) arrive as text; their own codec parses them.
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  await app.register(swagger, {
    openapi: {
      info: { title: 'cbec API', description: 'Cross-border e-commerce comprehensive service platform (跨境电子商务综合服务平台)', version: opts.version ?? '0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/v1/health', { schema: { hide: true } }, async (_req, reply) => {
    const ok = opts.ready ? await opts.ready() : true;
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable' });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  for (const m of opts.modules) await app.register(m.routes);

  if (opts.webDir && existsSync(opts.webDir)) {
    // wildcard: files are looked up per request, so a rebuilt console is served without a restart.
    await app.register(fastifyStatic, { root: opts.webDir, prefix: '/', wildcard: true, index: ['index.html'] });
  }
  return app;
}
