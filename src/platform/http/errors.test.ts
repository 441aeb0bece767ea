import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { rateLimited, unavailable } from '../../kernel/errors.js';
import { handleError } from './errors.js';

describe('error handler', () => {
  it('says when to come back on busy (503) and rate-limited (429) answers that know it', async () => {
    const app = Fastify();
    app.setErrorHandler(handleError);
    app.get('/busy', async () => {
      throw unavailable('clearance.busy', { zh: '忙', en: 'busy' }, { retryAfterSeconds: 2 });
    });
    app.get('/slow-down', async () => {
      throw rateLimited('x.limit', { zh: '慢', en: 'slow down' }, { retryAfterSeconds: 30 });
    });
    app.get('/down', async () => {
      throw unavailable('x.down', { zh: '停', en: 'down' });
    });
    const busy = await app.inject('/busy');
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('2');
    expect(busy.json()).toMatchObject({ error: { code: 'clearance.busy', message: { en: 'busy' } } });
    expect((await app.inject('/slow-down')).headers['retry-after']).toBe('30');
    const down = await app.inject('/down');
    expect(down.statusCode).toBe(503);
    expect(down.headers['retry-after']).toBeUndefined();
  });
});
