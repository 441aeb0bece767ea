#!/usr/bin/env node
/** cbec CLI: serve | migrate | demo | users | audit verify — over the same services as the HTTP API. */
import { Command } from 'commander';
import { loadConfig } from '../platform/config.js';
import { createPlatform } from '../compose.js';
import { exitOnError } from './errors.js';
import { platformOptions, serve, VERSION } from './serve.js';
import { loadDemoZone } from '../demo/zone.js';
import { demoTraffic } from './demo-traffic.js';
import { ROLES } from '../platform/http/principal.js';

const program = new Command('cbec').version(VERSION).description('cbec: cross-border e-commerce comprehensive service platform (跨境电子商务综合服务平台)');

async function withPlatform<T>(fn: (p: Awaited<ReturnType<typeof createPlatform>>) => Promise<T>, demo?: Parameters<typeof platformOptions>[1]): Promise<T> {
  const config = loadConfig();
  const platform = await createPlatform(platformOptions(config, demo));
  try {
    await platform.migrate();
    return await fn(platform);
  } finally {
    await platform.close();
  }
}

program
  .command('serve')
  .description('migrate, then serve the API and the console on PORT')
  .option('--workers <n>', 'worker processes (node:cluster)', (v) => Number(v))
  .action(async (o: { workers?: number }) => serve(loadConfig(), o).catch(exitOnError));

program
  .command('migrate')
  .description('apply pending migrations to CBEC_DB')
  .action(async () => {
    const config = loadConfig();
    const platform = await createPlatform({ db: config.db, secret: config.secret });
    try {
      const { applied } = await platform.migrate();
      process.stdout.write(applied.length ? `applied ${applied.length}: ${applied.join(', ')}\n` : 'up to date\n');
    } finally {
      await platform.close();
    }
  });

program
  .command('demo')
  .description('load the Chifeng demo zone (enterprises, products, one user per department)')
  .option('--force', 'load even when the database already has enterprises')
  .option('--traffic <n>', 'push N import purchases through the gateway instead (the zone must be loaded)', (v) => Number(v))
  .action(async (o: { force?: boolean; traffic?: number }) =>
    withPlatform(async (p) => {
      if (o.traffic !== undefined) return demoTraffic(p, o.traffic);
      const r = await loadDemoZone(p, { force: !!o.force, adminPassword: loadConfig().adminPassword });
      process.stdout.write(r.banner);
      // Demo traffic shows every outcome: 3 % picked for inspection, goods of 3,000 yuan or more reviewed
      // by customs (unless CBEC_INSPECTION_RATE / CBEC_REVIEW_ABOVE say otherwise).
    }, o.traffic !== undefined ? { samplingRate: 0.03, reviewAboveFen: 300_000 } : undefined).catch(exitOnError),
  );

const users = program.command('users').description('list, create and reset users');
users
  .command('list')
  .option('--role <role>')
  .action(async (o: { role?: string }) =>
    withPlatform(async (p) => {
      const { items, total } = await p.identity.listUsers({ ...(o.role ? { role: o.role } : {}), limit: 500, offset: 0 });
      for (const u of items) process.stdout.write(`${u.username.padEnd(24)} ${u.role.padEnd(10)} ${u.enterpriseId ?? '-'}${u.disabled ? ' (disabled)' : ''}\n`);
      process.stdout.write(`${total} users\n`);
    }).catch(exitOnError),
  );
users
  .command('create <username> <role>')
  .description(`create a user; role one of ${ROLES.join(', ')}; password from CBEC_NEW_PASSWORD or --password`)
  .requiredOption('--password <password>')
  .option('--enterprise <id>')
  .action(async (username: string, role: string, o: { password: string; enterprise?: string }) =>
    withPlatform(async (p) => {
      const u = await p.identity.createUser(null, { username, password: o.password, role, enterpriseId: o.enterprise ?? null });
      process.stdout.write(`created ${u.username} (${u.role}) ${u.id}\n`);
    }).catch(exitOnError),
  );
users
  .command('reset-password <username>')
  .requiredOption('--password <password>')
  .action(async (username: string, o: { password: string }) =>
    withPlatform(async (p) => {
      const { items } = await p.identity.listUsers({ q: username, limit: 500, offset: 0 });
      const u = items.find((x) => x.username === username);
      if (!u) throw new Error(`no such user: ${username}`);
      await p.identity.updateUser({ kind: 'user', id: 'cli', name: 'cli', role: 'admin', enterpriseId: null }, u.id, { password: o.password, disabled: false });
      process.stdout.write(`password reset for ${username}\n`);
    }).catch(exitOnError),
  );

program
  .command('audit')
  .description('audit log tools')
  .command('verify')
  .description('walk the hash chain and report the first broken link')
  .action(async () =>
    withPlatform(async (p) => {
      const r = await p.audit.verify();
      if (r.ok) {
        process.stdout.write(`audit chain intact: ${r.count} records, head ${r.head}\n`);
      } else {
        process.stdout.write(`audit chain BROKEN at record ${r.brokenAt} (${r.reason}); ${r.count} records verified before it\n`);
        process.exitCode = 9;
      }
    }).catch(exitOnError),
  );

program
  .command('gateway')
  .description('file-drop gateway: CEB XML files from --inbox, receipts to --outbox, refused files to --failed with a CEB900')
  .requiredOption('--inbox <dir>', 'folder the transfer client drops *.xml messages into')
  .requiredOption('--outbox <dir>', 'folder receipts (and CEB900s) are written to')
  .requiredOption('--enterprise <codes>', 'enterprises served: customs code or USCC, comma-separated')
  .option('--failed <dir>', 'where refused files go (default <inbox>/../failed)')
  .option('--once', 'process the complete files in the inbox, then exit')
  .option('--interval <ms>', 'poll interval; a file must hold still for one interval', (v) => Number(v), 1000)
  .action(async (o: { inbox: string; outbox: string; enterprise: string; failed?: string; once?: boolean; interval: number }) =>
    withPlatform(async (p) => {
      const { runFileDrop } = await import('../gateway/file-drop/index.js');
      await runFileDrop(p, o);
    }).catch(exitOnError),
  );

program.parseAsync(process.argv).catch(exitOnError);
