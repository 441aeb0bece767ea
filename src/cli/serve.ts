/**
 * `cbec serve`: migrate, make sure `admin` exists when CBEC_ADMIN_PASSWORD is set, load the demo zone on an
 * empty database when CBEC_DEMO=1, then serve the API and console on PORT. With --workers N the primary
 * migrates and forks N workers that share the port (node:cluster).
 */
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import type { Config } from '../platform/config.js';
import { createPlatform, type PlatformOptions } from '../compose.js';
import { reviewAbove } from '../modules/clearance/index.js';
import { loadDemoZoneIfEmpty } from '../demo/zone.js';

export const VERSION = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();

/** The platform's options from the configuration: the store, the secret and the operator's risk settings. */
export function platformOptions(config: Config, demo?: { samplingRate: number; reviewAboveFen: number }): PlatformOptions {
  const samplingRate = config.inspectionRate || demo?.samplingRate || 0;
  const reviewAboveFen = config.reviewAboveFen ?? demo?.reviewAboveFen ?? null;
  return {
    db: config.db,
    secret: config.secret,
    samplingRate,
    ...(reviewAboveFen !== null ? { risk: reviewAbove(reviewAboveFen) } : {}),
    ...(config.targetOverseasWarehouses !== null ? { targetOverseasWarehouses: config.targetOverseasWarehouses } : {}),
  };
}

export async function serve(config: Config, opts: { workers?: number } = {}) {
  const workers = opts.workers ?? config.workers;
  if (workers > 1 && cluster.isPrimary) {
    await prepare(config);
    for (let i = 0; i < workers; i++) cluster.fork();
    cluster.on('exit', (w, code) => {
      if (code !== 0) process.stderr.write(`worker ${w.process.pid} exited with ${code}; starting another\n`);
      if (code !== 0) cluster.fork();
    });
    return;
  }
  const started = Date.now();
  const platform = await createPlatform(platformOptions(config));
  if (cluster.isPrimary) await prepareWith(platform, config);
  const app = await platform.http({ logLevel: config.logLevel, webDir: config.webDir, version: VERSION });
  // Lists whose documents did not all arrive within the window are rejected, naming the missing ones.
  const sweep = setInterval(() => {
    platform.clearance.ingest.expireWaiting(new Date()).catch((err: unknown) => app.log.error({ err }, 'expiring waiting lists failed'));
  }, 60_000);
  sweep.unref();
  // Receipts pushed to enterprises' webhooks; every worker runs the loop, claims keep them from colliding.
  platform.webhooks.delivery.start({ onError: (err) => app.log.error({ err }, 'webhook delivery failed') });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    clearInterval(sweep);
    await platform.webhooks.delivery.stop();
    await app.close();
    await platform.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ port: config.port, db: config.dbKind, ms: Date.now() - started }, `cbec ${VERSION} ready on http://localhost:${config.port}`);
}

async function prepare(config: Config) {
  const platform = await createPlatform({ db: config.db, secret: config.secret });
  try {
    await prepareWith(platform, config);
  } finally {
    await platform.close();
  }
}

async function prepareWith(platform: Awaited<ReturnType<typeof createPlatform>>, config: Config) {
  const { applied } = await platform.migrate();
  if (applied.length > 0) process.stdout.write(`migrated: ${applied.join(', ')}\n`);
  if (config.adminPassword) {
    const done = await platform.identity.ensureAdmin(config.adminPassword);
    process.stdout.write(`admin ${done} from CBEC_ADMIN_PASSWORD\n`);
  }
  if (config.demo) {
    const demo = await loadDemoZoneIfEmpty(platform, { adminPassword: config.adminPassword });
    if (demo) process.stdout.write(demo.banner);
  }
}
