/** `cbec demo --traffic N`: demo purchases through the real gateway, with a progress bar and a summary. */
import cliProgress from 'cli-progress';
import { invalid } from '../kernel/errors.js';
import type { Platform } from '../compose.js';
import { driveTraffic } from '../demo/traffic.js';
import { driveExportTraffic } from '../demo/export-traffic.js';

export async function demoTraffic(platform: Platform, n: number) {
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    throw invalid('demo.invalid_traffic', { zh: '--traffic 须为 1 到 1,000,000 之间的整数', en: '--traffic must be a whole number from 1 to 1,000,000' }, { field: 'traffic' });
  }
  const app = await platform.http({ logLevel: 'silent' });
  const bar = new cliProgress.SingleBar({ format: 'demo traffic |{bar}| {value}/{total} purchases | {eta_formatted} left', hideCursor: true, stream: process.stdout, noTTYOutput: true, notTTYSchedule: 2000 }, cliProgress.Presets.shades_classic);
  bar.start(n, 0);
  try {
    const r = await driveTraffic(platform, app, n, (done) => bar.update(done));
    bar.stop();
    const outcomes = Object.entries(r.byOutcome).map(([k, v]) => `${k} ${v}`).join(', ');
    process.stdout.write(`${r.purchases} purchases, ${r.documents} documents in ${(r.ms / 1000).toFixed(1)} s: ${outcomes}\n`);
    // Exports alongside: a quarter as many parcels as purchases, at least ten.
    const e = await driveExportTraffic(platform, app, Math.max(10, Math.ceil(n / 4)));
    process.stdout.write(`${e.parcels} export parcels, ${e.documents} documents: ${Object.entries(e.byOutcome).map(([k, v]) => `${k} ${v}`).join(', ')}; ${e.summaries} summary declaration(s)\n`);
  } finally {
    bar.stop();
    await app.close();
  }
}
