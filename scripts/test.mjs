// npm test: every tier (rules, service + store on SQLite and PostgreSQL, HTTP, browser) in one Vitest run.
// PostgreSQL and browser tiers skip with a printed reason when absent and fail when CBEC_REQUIRE_PG=1 /
// CBEC_REQUIRE_BROWSER=1 says they are required. The console is built first when the browser tier runs.
import { existsSync } from 'node:fs';
import { stale } from './freshness.mjs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CBEC_CHROMIUM ?? '/usr/bin/chromium';
const browser = existsSync(chromium);

if (!process.env.CBEC_TEST_PG) {
  const msg = 'CBEC_TEST_PG is not set: store tests run on SQLite only (set CBEC_TEST_PG=postgres://… to add PostgreSQL)';
  if (process.env.CBEC_REQUIRE_PG === '1') {
    console.error(`FAIL: CBEC_REQUIRE_PG=1 but ${msg}`);
    process.exit(1);
  }
  console.log(`[cbec tests] skipped tier: ${msg}`);
}
if (!browser) {
  const msg = `no browser at ${chromium} (apt-get install chromium): browser journeys skipped`;
  if (process.env.CBEC_REQUIRE_BROWSER === '1') {
    console.error(`FAIL: CBEC_REQUIRE_BROWSER=1 but ${msg}`);
    process.exit(1);
  }
  console.log(`[cbec tests] skipped tier: ${msg}`);
}


const webOut = join(root, 'web', 'dist', 'index.html');
if (browser && existsSync(join(root, 'web', 'index.html')) && stale(webOut, join(root, 'web', 'src'))) {
  console.log('[cbec tests] building the console for the browser tier…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
