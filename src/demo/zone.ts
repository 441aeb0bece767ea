/**
 * Loads the Chifeng demo zone through the real services (filings are filed and reviewed as a person
 * would, so every record is audited): one user per department, about 30 enterprises across all roles,
 * their products, a review queue with pending filings, and a rejected one; the bonded logistics centre's
 * account book with opening stock (so 1210 lists can be released), and push-on-behalf undertakings.
 */
import type { Platform } from '../compose.js';
import { usccCheckChar } from '../kernel/codes/uscc.js';
import type { Principal } from '../platform/http/principal.js';
import { addDays, shanghaiDate } from '../modules/reference/index.js';
import { DEMO_BOOKING, loadDemoOverseas } from './overseas.js';
import { driveB2BExports, driveExportTraffic } from './export-traffic.js';
import { DEMO_BONDED_BOOK, DEMO_DEPARTMENTS, DEMO_ENTERPRISES, DEMO_PASSWORD, DEMO_PRODUCTS, DEMO_UNDERTAKINGS } from './zone.data.js';

export interface DemoResult {
  enterprises: number;
  products: number;
  bondedItems: number;
  undertakings: number;
  users: string[];
  banner: string;
}

/** A stable, valid USCC for the n-th demo enterprise (Chifeng region 150400). */
export function demoUscc(n: number): string {
  const first17 = `91150400MA${String(1_000_000 + n * 7_919).slice(-7)}`;
  return first17 + usccCheckChar(first17);
}

export async function loadDemoZoneIfEmpty(platform: Platform, opts: { adminPassword?: string | undefined } = {}): Promise<DemoResult | null> {
  const system: Principal = { kind: 'user', id: 'system', name: 'demo', role: 'admin', enterpriseId: null };
  const { total } = await platform.registry.enterprises.list(system, { limit: 1, offset: 0 });
  if (total > 0) return null;
  return loadDemoZone(platform, opts);
}

export async function loadDemoZone(platform: Platform, opts: { force?: boolean; adminPassword?: string | undefined } = {}): Promise<DemoResult> {
  const { identity, registry } = platform;
  const admin: Principal = { kind: 'user', id: 'demo', name: 'demo', role: 'admin', enterpriseId: null };
  if (!opts.force) {
    const { total } = await registry.enterprises.list(admin, { limit: 1, offset: 0 });
    if (total > 0) throw new Error('the database already has enterprises: use --force to add the demo zone anyway');
  }
  const users: string[] = [];
  const existing = new Set((await identity.listUsers({ limit: 500, offset: 0 })).items.map((u) => u.username));
  const addUser = async (username: string, role: string, enterpriseId: string | null = null) => {
    if (existing.has(username)) return;
    await identity.createUser(null, { username, password: DEMO_PASSWORD, role, enterpriseId, displayName: username });
    existing.add(username);
    users.push(`${username} (${role})`);
  };
  if (!opts.adminPassword) await addUser('admin', 'admin');
  for (const d of DEMO_DEPARTMENTS) await addUser(d, d);
  const customs: Principal = { ...admin, name: 'customs', role: 'customs' };
  const commerce: Principal = { ...admin, name: 'commerce', role: 'commerce' };

  const ids = new Map<string, string>();
  let n = 0;
  for (const e of DEMO_ENTERPRISES) {
    n += 1;
    const filed = await registry.enterprises.file(commerce, { name: e.name, uscc: demoUscc(n), customsCode: e.customsCode, roles: e.roles, district: e.district, contact: e.contact });
    ids.set(e.key, filed.id);
    if (e.outcome === 'approved') await registry.enterprises.decide(customs, filed.id, 'approve', '材料齐全，同意备案');
    if (e.outcome === 'rejected') await registry.enterprises.decide(customs, filed.id, 'reject', '快递业务经营许可证已过期，请更新后重新提交');
    if (e.user) await addUser(e.user, 'enterprise', filed.id);
  }
  for (const p of DEMO_PRODUCTS) {
    const enterpriseId = ids.get(p.enterprise)!;
    const owner: Principal = { kind: 'user', id: 'demo', name: `demo-${p.enterprise}`, role: 'enterprise', enterpriseId };
    const { enterprise: _, outcome, ...input } = p;
    const filed = await registry.products.file(owner, input);
    if (outcome === 'approved') await registry.products.decide(customs, filed.id, 'approve', '同意');
  }

  const today = shanghaiDate(platform.clock.now());
  const enterpriseUser = (key: string): Principal => ({ kind: 'user', id: 'demo', name: `demo-${key}`, role: 'enterprise', enterpriseId: ids.get(key)! });
  const book = DEMO_BONDED_BOOK;
  const warehouse = enterpriseUser(book.owner);
  await platform.bonded.books.create(warehouse, { emsNo: book.emsNo, name: book.name, district: book.district });
  for (const { itemRecordNo, gcode, goodsName, unit } of book.items) await platform.bonded.books.addItem(warehouse, book.emsNo, { itemRecordNo, gcode, goodsName, unit });
  await platform.bonded.entries.post(warehouse, book.emsNo, { entryNo: book.opening.entryNo, entryDate: today, lines: book.opening.lines, note: '期初入区' });

  const codeOf = new Map(DEMO_ENTERPRISES.map((e) => [e.key, e.customsCode]));
  for (const u of DEMO_UNDERTAKINGS) {
    const filed = await registry.undertakings.file(enterpriseUser(u.operator), {
      kinds: u.kinds,
      allOwners: !u.owners,
      ownerCodes: (u.owners ?? []).map((k) => codeOf.get(k)!),
      validFrom: today,
      validTo: addDays(today, u.days - 1),
      letterNo: u.letterNo,
    });
    if (u.outcome === 'approved') await registry.undertakings.decide(customs, filed.id, 'approve', '承诺书已核验');
  }

  const overseas = await loadDemoOverseas(platform, { exporter: enterpriseUser('cashmere'), customs, today });

  // Export parcels of the cashmere exporters through the real gateway: departed lists, one summary
  // declaration done, more due, a few waiting, cancelled or rejected.
  const app = await platform.http({ logLevel: 'silent' });
  const { exports, b2b } = await (async () => ({ exports: await driveExportTraffic(platform, app, 16), b2b: await driveB2BExports(platform, app) }))().finally(() => app.close());

  const lines = [
    '',
    '  cbec demo zone (赤峰综试区演示数据) loaded:',
    `    ${DEMO_ENTERPRISES.length} enterprises, ${DEMO_PRODUCTS.length} products`,
    `    ${overseas.warehouses} overseas warehouse filings (9810) and ${overseas.bookings} booking order of the cashmere exporter`,
    `    ${exports.parcels} export parcels (${Object.entries(exports.byOutcome).map(([k, v]) => `${k} ${v}`).join(', ')}), ${exports.summaries} summary declaration`,
    `    a 9710 B2B parcel (list ${b2b.list}, departed) and the 9810 booking ${DEMO_BOOKING.bookingNo} declared as ${b2b.entryId}`,
    `    bonded account book ${book.emsNo} (${book.items.length} items with opening stock), ${DEMO_UNDERTAKINGS.length} push-on-behalf undertakings`,
    `    logins (password "${DEMO_PASSWORD}"${opts.adminPassword ? '; admin uses CBEC_ADMIN_PASSWORD' : ''}):`,
    `      ${users.join(', ')}`,
    '',
  ];
  return { enterprises: DEMO_ENTERPRISES.length, products: DEMO_PRODUCTS.length, bondedItems: book.items.length, undertakings: DEMO_UNDERTAKINGS.length, users, banner: lines.join('\n') + '\n' };
}
