/**
 * The server half of the bench, in its own process so that the load generator does not share its event
 * loop: open the store, migrate, load the demo zone, listen, and answer the parent's questions over IPC
 * (the raw insert rate of one list's rows, audit verification, peak RSS at stop).
 */
import type * as Compose from '../src/compose.js';
import type * as Zone from '../src/demo/zone.js';
import { rawInsert } from './raw-insert.js';

// The platform as `npm start` runs it: the compiled server in dist/ (run.ts builds it first), so that
// memory and speed are not those of on-the-fly TypeScript.
const { createPlatform } = (await import(new URL('../dist/compose.js', import.meta.url).href)) as typeof Compose;
const { loadDemoZone } = (await import(new URL('../dist/demo/zone.js', import.meta.url).href)) as typeof Zone;

const [db, schema] = process.argv.slice(2) as [string, string | undefined];
const send = (m: unknown) => process.send!(m);

let t = performance.now();
const platform = await createPlatform({ db, secret: 'bench-secret-0123456789', ...(schema ? { schema } : {}) });
await platform.migrate();
const migrateMs = performance.now() - t;
t = performance.now();
await loadDemoZone(platform);
const demoMs = performance.now() - t;
const app = await platform.http({ logLevel: 'silent' });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
let peakRss = process.memoryUsage().rss;
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50).unref();
send({ kind: 'ready', port: typeof address === 'object' && address ? address.port : 0, migrateMs, demoMs });

// The bench stopped (or failed) without saying so: a server left behind would hold the port and the store.
process.on('disconnect', () => process.exit(1));

process.on('message', async (m: { kind: string; orders?: [string, string]; lists?: number }) => {
  if (m.kind === 'raw-insert') {
    try {
      send({ kind: 'raw-inserted', ...(await rawInsert(platform.database, m.orders!, m.lists!)) });
    } catch (err) {
      send({ kind: 'raw-inserted', error: err instanceof Error ? err.stack ?? err.message : String(err) });
    }
  } else if (m.kind === 'verify') {
    const t0 = performance.now();
    const v = await platform.audit.verify();
    send({ kind: 'verified', count: v.count, ok: v.ok, ms: performance.now() - t0 });
  } else if (m.kind === 'stop') {
    send({ kind: 'stopped', peakRss });
    await app.close();
    await platform.close();
    process.exit(0);
  }
});
