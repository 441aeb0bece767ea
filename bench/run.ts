/**
 * npm run bench: figures and ratios, never pass/fail. Foundation figures: cold start (migrate + code
 * tables + demo zone), login, API-key authentication, filing reads and writes over real HTTP, audit
 * verification, with the server in its own process; then the clearance figures (clearance.ts) and the
 * server's peak RSS. On SQLite and, when CBEC_BENCH_PG or CBEC_TEST_PG is set, on PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { benchClearance } from './clearance.js';
import { benchExport } from './export.js';
import type { RawInsertReport } from './raw-insert.js';
import { percentile } from './stats.js';
import { anEnterprise, aProduct } from '../test/support/builders.js';

const pgUrl = process.env.CBEC_BENCH_PG ?? process.env.CBEC_TEST_PG;
const CONCURRENCY = 32;
// A request figure stops after this long even when fewer than its requests are done, so that a slow
// endpoint costs seconds rather than minutes; req/s is over the requests done.
const LOAD_SECONDS = 10;
const RSS_TARGET_MB = 300;
const REQUEST_TIMEOUT_MS = 60_000;

interface Row {
  store: string;
  what: string;
  value: string;
}
const rows: Row[] = [];
const record = (store: string, what: string, value: string) => {
  rows.push({ store, what, value });
  process.stdout.write(`  ${store.padEnd(9)} ${what.padEnd(48)} ${value}\n`);
};

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

interface Reply {
  status: number;
  body: string;
}

/**
 * One request over a keep-alive socket (node:http: a lighter client than fetch, so the server is measured).
 * A server that has not answered in `REQUEST_TIMEOUT_MS` fails the bench rather than hanging it.
 */
function call(base: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: init.method ?? 'GET', headers: init.headers ?? {}, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${init.method ?? 'GET'} ${path}: no answer in ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

/**
 * Sends `total` requests with `CONCURRENCY` in flight, or as many as go in `LOAD_SECONDS`; returns req/s and
 * latency percentiles in ms.
 */
async function load(total: number, send: (i: number) => Promise<Reply>) {
  const lat: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const until = started + LOAD_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total && performance.now() < until) {
        const i = next++;
        const t = performance.now();
        const res = await send(i);
        if (res.status >= 400) failures++;
        lat.push(performance.now() - t);
      }
    }),
  );
  const secs = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  return { rps: lat.length / secs, p50: percentile(lat, 50), p99: percentile(lat, 99), failures };
}

const fmt = (r: { rps: number; p50: number; p99: number; failures: number }) =>
  `${Math.round(r.rps).toLocaleString('en')} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms${r.failures ? `  (${r.failures} failed!)` : ''}`;

async function benchStore(store: 'sqlite' | 'postgres') {
  let db: string;
  let cleanup: () => Promise<void>;
  let schema: string | undefined;
  if (store === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cbec-bench-'));
    db = `file:${join(dir, 'cbec.sqlite')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    db = pgUrl!;
    schema = `bench_${randomBytes(4).toString('hex')}`;
    cleanup = async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    };
  }
  const server = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [db, ...(schema ? [schema] : [])], { execArgv: ['--import', 'tsx'] });
  const ask = <T>(question: ({ kind: string } & Record<string, unknown>) | null, answer: string) =>
    new Promise<T>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`bench server exited with ${code}`));
      const on = (m: { kind: string; error?: string }) => {
        if (m.kind === answer) {
          server.off('message', on);
          server.off('exit', exited);
          if (m.error) reject(new Error(m.error));
          else resolve(m as T);
        }
      };
      server.on('message', on);
      server.once('exit', exited);
      if (question) server.send(question);
    });
  try {
    const ready = await ask<{ port: number; migrateMs: number; demoMs: number }>(null, 'ready');
    record(store, 'cold start: open + migrate + seed code tables', `${Math.round(ready.migrateMs)} ms`);
    record(store, 'demo zone (30 enterprises, 16 products)', `${Math.round(ready.demoMs)} ms`);
    const base = `http://127.0.0.1:${ready.port}`;
    const json = (token: string | null, body?: unknown): { headers: Record<string, string>; body?: string } => ({
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

    const login = JSON.parse((await call(base, `/api/v1/auth/login`, { method: 'POST', ...json(null, { username: 'customs', password: 'demo2026' }) })).body) as { token: string };
    const enterpriseLogin = JSON.parse((await call(base, `/api/v1/auth/login`, { method: 'POST', ...json(null, { username: 'cashmere', password: 'demo2026' }) })).body) as { token: string; user: { enterpriseId: string } };
    const key = JSON.parse((await call(base, `/api/v1/enterprises/${enterpriseLogin.user.enterpriseId}/api-keys`, { method: 'POST', ...json(enterpriseLogin.token, { label: 'bench' }) })).body) as { key: string };

    record(store, 'GET /api/v1/health', fmt(await load(20_000, () => call(base, `/api/v1/health`))));
    record(store, 'GET /api/v1/auth/me (API key)', fmt(await load(20_000, () => call(base, `/api/v1/auth/me`, json(key.key)))));
    record(store, 'GET /api/v1/enterprises?limit=20 (session)', fmt(await load(5_000, () => call(base, `/api/v1/enterprises?limit=20`, json(login.token)))));
    record(store, 'GET /api/v1/reference/hs?q=羊绒', fmt(await load(5_000, () => call(base, `/api/v1/reference/hs?q=${encodeURIComponent('羊绒')}`, json(login.token)))));
    record(store, 'POST /api/v1/products (filing + version + audit)', fmt(await load(3_000, () => call(base, `/api/v1/products`, { method: 'POST', ...json(key.key, aProduct()) }))));
    record(store, 'POST /api/v1/enterprises (filing + version + audit)', fmt(await load(2_000, () => call(base, `/api/v1/enterprises`, { method: 'POST', ...json(login.token, anEnterprise()) }))));

    // One caller per server, so that the benches share their logins (the limiter allows 30 a minute).
    const onServer = (path: string, init?: Parameters<typeof call>[2]) => call(base, path, init);
    await benchExport(onServer, (what, value) => record(store, what, value));
    await benchClearance(onServer, (what, value) => record(store, what, value), {
      rawInsert: (orders, lists) => ask<RawInsertReport>({ kind: 'raw-insert', orders, lists }, 'raw-inserted'),
    });
    // With the bench's 7 other logins, fewer than the per-address login limit (30 a minute) however fast the
    // run: the figure is the cost of scrypt, not the limiter.
    record(store, 'POST /api/v1/auth/login (scrypt)', fmt(await load(20, () => call(base, `/api/v1/auth/login`, { method: 'POST', ...json(null, { username: 'customs', password: 'demo2026' }) }))));

    const v = await ask<{ count: number; ms: number }>({ kind: 'verify' }, 'verified');
    record(store, 'audit verify', `${v.count.toLocaleString('en')} links in ${v.ms.toFixed(0)} ms (${Math.round(v.count / (v.ms / 1000)).toLocaleString('en')} links/s)`);
    const { peakRss } = await ask<{ peakRss: number }>({ kind: 'stop' }, 'stopped');
    record(store, 'server peak RSS', `${Math.round(peakRss / 1024 / 1024)} MB  [target ≤ ${RSS_TARGET_MB} MB]`);
  } catch (err) {
    // Stop the server before dropping its store, so that nothing is left behind by a failed run.
    if (server.exitCode === null && server.signalCode === null) {
      server.kill();
      await once(server, 'exit');
    }
    await cleanup();
    throw err;
  }
  await cleanup();
}

process.stdout.write(`cbec bench — ${new Date().toISOString()} — node ${process.version}, concurrency ${CONCURRENCY}\n`);
// The bench server runs the compiled platform, as `npm start` does.
process.stdout.write('  building the server (tsc -p tsconfig.build.json)\n');
execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', fileURLToPath(new URL('../tsconfig.build.json', import.meta.url))], { stdio: 'inherit' });
await benchStore('sqlite');
if (pgUrl) await benchStore('postgres');
else process.stdout.write('  postgres  skipped: set CBEC_BENCH_PG or CBEC_TEST_PG=postgres://… to measure PostgreSQL too\n');
