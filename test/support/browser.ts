/**
 * Browser tests drive Debian's chromium through playwright-core. Without a browser they skip with a printed
 * reason; with CBEC_REQUIRE_BROWSER=1 its absence is a failure.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { testEnv } from '../../src/platform/config.js';

const env = testEnv();
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'e2e');

export function browserAvailable(): boolean {
  if (existsSync(env.chromium)) return true;
  if (env.requireBrowser) throw new Error(`CBEC_REQUIRE_BROWSER=1 but there is no browser at ${env.chromium} (apt-get install chromium)`);
  console.warn(`[cbec tests] browser journeys skipped: no browser at ${env.chromium} (apt-get install chromium)`);
  return false;
}

export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: env.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
