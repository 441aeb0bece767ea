/**
 * Every store and service test runs on SQLite and, when CBEC_TEST_PG is set, on PostgreSQL too: one loop
 * over dialects. Each test gets its own SQLite file or PostgreSQL schema, so files run in parallel.
 * Without CBEC_TEST_PG the PostgreSQL pass is skipped with a printed reason; with CBEC_REQUIRE_PG=1 its
 * absence is a failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testEnv } from '../../src/platform/config.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { createPlatform, type Platform, type PlatformOptions } from '../../src/compose.js';

export type DialectName = 'sqlite' | 'postgres';

const env = testEnv();
let warned = false;

export function dialects(): DialectName[] {
  if (env.pgUrl) return ['sqlite', 'postgres'];
  if (env.requirePg) throw new Error('CBEC_REQUIRE_PG=1 but CBEC_TEST_PG is not set: the PostgreSQL pass cannot run');
  if (!warned) {
    warned = true;
    console.warn('[cbec tests] PostgreSQL pass skipped: set CBEC_TEST_PG=postgres://… to run every store test on PostgreSQL too');
  }
  return ['sqlite'];
}

const cleanups: Array<() => Promise<void>> = [];

/** A migrated platform on a fresh database of the given dialect, at a fixed clock. */
export async function freshPlatform(dialect: DialectName, at = '2026-06-01T02:00:00.000Z', extra: Pick<PlatformOptions, 'samplingRate' | 'risk' | 'queueDocuments'> = {}) {
  const clock = fixedClock(at);
  const secret = 'test-secret-0123456789abcdef';
  let platform: Platform;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cbec-test-'));
    platform = await createPlatform({ db: `file:${join(dir, 'cbec.sqlite')}`, clock, secret, ...extra });
    cleanups.push(async () => {
      await platform.close();
      rmSync(dir, { recursive: true, force: true });
    });
  } else {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    platform = await createPlatform({ db: env.pgUrl!, schema, clock, secret, ...extra });
    cleanups.push(async () => {
      await platform.close();
      const c = new pg.Client({ connectionString: env.pgUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    });
  }
  await platform.migrate();
  return { platform, clock };
}

export async function cleanupPlatforms() {
  while (cleanups.length > 0) await cleanups.pop()!();
}
