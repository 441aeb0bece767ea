/**
 * Console checks of the overseas warehouse (9810) pages that need no browser: they name only labels that
 * exist in both languages, every status and tenure the API answers with has a label, and the pages are
 * routed and in the menus of the departments and of exporters.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOKING_STATUSES, TENURES, WAREHOUSE_STATUSES } from '../../src/modules/overseas/index.js';

const web = join(import.meta.dirname, '..', '..', 'web', 'src');
type Tree = { [k: string]: string | Tree };
const load = (lang: string) => JSON.parse(readFileSync(join(web, 'i18n', `${lang}.json`), 'utf8')) as Tree;

/** Dotted keys of a tree, plural forms (_one, _other) folded into their base key. */
function keys(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = `${prefix}${k.replace(/_(one|other)$/, '')}`;
    if (typeof v === 'string') out.add(path);
    else for (const sub of keys(v, `${path}.`)) out.add(sub);
  }
  return out;
}
const KEYS = { zh: keys(load('zh-CN')), en: keys(load('en')) };
const dir = join(web, 'features', 'overseas');
const sources = readdirSync(dir).filter((f) => /\.tsx?$/.test(f)).map((f) => readFileSync(join(dir, f), 'utf8'));

describe('console labels of overseas warehouses and booking orders', () => {
  it('names only labels that exist in Chinese and English', () => {
    const used = new Set(sources.flatMap((text) => [...text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)].map((m) => m[1]!)));
    expect(used.size).toBeGreaterThan(60);
    for (const lang of ['zh', 'en'] as const) expect([...used].filter((k) => !KEYS[lang].has(k)), lang).toEqual([]);
  });

  it('labels every status, tenure and menu entry', () => {
    const needed = [
      ...WAREHOUSE_STATUSES.map((s) => `status.${s}`),
      ...TENURES.map((v) => `overseas.tenure.${v}`),
      ...BOOKING_STATUSES.map((s) => `overseas.bookingStatus.${s}`),
      'nav.overseas',
      'nav.overseasWarehouses',
      'nav.overseasBookings',
      'crumb.newWarehouse',
      'crumb.resubmit',
      'crumb.newBooking',
    ];
    for (const lang of ['zh', 'en'] as const) expect(needed.filter((k) => !KEYS[lang].has(k)), lang).toEqual([]);
  });

  it('routes the pages and puts them in the menus of departments and exporters', () => {
    const router = readFileSync(join(web, 'app', 'router.tsx'), 'utf8');
    expect(router).toMatch(/path: 'overseas\/warehouses'[\s\S]*WarehouseListPage[\s\S]*path: 'new'[\s\S]*WarehouseFormPage[\s\S]*path: ':id'[\s\S]*WarehouseDetailPage[\s\S]*path: ':id\/edit'/);
    expect(router).toMatch(/path: 'overseas\/bookings'[\s\S]*BookingListPage[\s\S]*BookingFormPage[\s\S]*BookingDetailPage/);
    const nav = readFileSync(join(web, 'app', 'nav.tsx'), 'utf8');
    for (const role of ['admin', 'customs', 'commerce', 'postal']) {
      expect(new RegExp(`case '${role}':([\\s\\S]*?)(case '|default:)`).exec(nav)![1], role).toContain('overseas');
    }
    expect(/default:([\s\S]*?)\n {2}\}/.exec(nav)![1]).toContain('overseas');
    expect(/case 'enterprise':([\s\S]*?)case 'postal':/.exec(nav)![1]).toMatch(/OVERSEAS_FILERS\.includes\(r\)\) \? \[overseas\]/);
  });
});
