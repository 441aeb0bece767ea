/**
 * The only place that reads the environment. Parsed and validated once at start; every bad variable is
 * reported at once. CBEC_SECRET is generated into the data folder when absent.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { invalid } from '../kernel/errors.js';
import { parseYuan } from '../kernel/money.js';

export interface Config {
  port: number;
  host: string;
  /** `file:./data/cbec.sqlite` or `postgres://…` */
  db: string;
  dbKind: 'sqlite' | 'postgres';
  /** Folder for the SQLite file, the generated secret, uploads. */
  dataDir: string;
  secret: string;
  adminPassword: string | undefined;
  demo: boolean;
  logLevel: string;
  /** Folder of the built console (index.html), if any. */
  webDir: string;
  workers: number;
  /** Share of decided import lists picked at random for inspection (0–1; default 0). */
  inspectionRate: number;
  /** Lists whose goods are worth this many fen or more go to manual review; null: off. */
  reviewAboveFen: number | null;
  /** The zone plan's target number of overseas warehouses (CBEC_TARGET_OVERSEAS_WAREHOUSES); null: the module's default. */
  targetOverseasWarehouses: number | null;
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The SQLite file path of a `file:` URL, resolved against `cwd`. */
export function sqlitePath(db: string, cwd = process.cwd()): string {
  const p = db.slice('file:'.length);
  return p === ':memory:' ? p : isAbsolute(p) ? p : resolve(cwd, p);
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const port = Number(env.PORT ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number (0-65535), got "${env.PORT}"`);
  const db = env.CBEC_DB ?? 'file:./data/cbec.sqlite';
  let dbKind: Config['dbKind'] = 'sqlite';
  if (db.startsWith('postgres://') || db.startsWith('postgresql://')) dbKind = 'postgres';
  else if (!db.startsWith('file:')) problems.push(`CBEC_DB must be file:PATH or postgres://…, got "${db}"`);
  const demoRaw = env.CBEC_DEMO ?? '1';
  if (!['0', '1'].includes(demoRaw)) problems.push(`CBEC_DEMO must be 0 or 1, got "${demoRaw}"`);
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const adminPassword = env.CBEC_ADMIN_PASSWORD;
  if (adminPassword !== undefined && adminPassword.length < 8) problems.push('CBEC_ADMIN_PASSWORD must have at least 8 characters');
  const workers = Number(env.CBEC_WORKERS ?? '1');
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) problems.push(`CBEC_WORKERS must be 1-64, got "${env.CBEC_WORKERS}"`);
  const inspectionRate = Number(env.CBEC_INSPECTION_RATE ?? '0');
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(env.CBEC_INSPECTION_RATE ?? '0')) problems.push(`CBEC_INSPECTION_RATE must be a share from 0 to 1 (e.g. 0.02), got "${env.CBEC_INSPECTION_RATE}"`);
  const reviewRaw = env.CBEC_REVIEW_ABOVE;
  let reviewAboveFen: number | null = null;
  if (reviewRaw !== undefined && reviewRaw !== '') {
    if (/^\d{1,9}(\.\d{1,2})?$/.test(reviewRaw)) reviewAboveFen = parseYuan(reviewRaw, 'CBEC_REVIEW_ABOVE');
    else problems.push(`CBEC_REVIEW_ABOVE must be an amount in yuan (e.g. 3000 or 2999.99), got "${reviewRaw}"`);
  }
  const targetRaw = env.CBEC_TARGET_OVERSEAS_WAREHOUSES;
  let targetOverseasWarehouses: number | null = null;
  if (targetRaw !== undefined && targetRaw !== '') {
    if (/^\d{1,5}$/.test(targetRaw)) targetOverseasWarehouses = Number(targetRaw);
    else problems.push(`CBEC_TARGET_OVERSEAS_WAREHOUSES must be a whole number (e.g. 10), got "${targetRaw}"`);
  }
  const secretRaw = env.CBEC_SECRET;
  if (secretRaw !== undefined && secretRaw.length < 16) problems.push('CBEC_SECRET must have at least 16 characters');

  const dataDir = resolve(cwd, env.CBEC_DATA_DIR ?? (dbKind === 'sqlite' && db !== 'file::memory:' ? dirname(sqlitePath(db, cwd)) : './data'));

  if (problems.length > 0) {
    throw invalid('config.invalid', {
      zh: `配置错误：\n- ${problems.join('\n- ')}`,
      en: `invalid configuration:\n- ${problems.join('\n- ')}`,
    }, { problems });
  }

  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    db: dbKind === 'sqlite' ? `file:${sqlitePath(db, cwd)}` : db,
    dbKind,
    dataDir,
    secret: secretRaw ?? loadOrCreateSecret(dataDir),
    adminPassword,
    demo: demoRaw === '1',
    logLevel,
    webDir: resolve(cwd, env.CBEC_WEB_DIR ?? 'web/dist'),
    workers,
    inspectionRate,
    reviewAboveFen,
    targetOverseasWarehouses,
  };
}

function loadOrCreateSecret(dataDir: string): string {
  const file = resolve(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}

/** Test-only knobs, read here so that no other file touches the environment. */
export function testEnv(env: Env = process.env) {
  return {
    pgUrl: env.CBEC_TEST_PG || undefined,
    requirePg: env.CBEC_REQUIRE_PG === '1',
    requireBrowser: env.CBEC_REQUIRE_BROWSER === '1',
    chromium: env.CBEC_CHROMIUM ?? '/usr/bin/chromium',
  };
}
