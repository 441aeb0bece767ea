/**
 * Console checks that need no browser: the bonded account book and undertaking pages name only labels that
 * exist in both languages, every status the API can answer has a label, and the pages are routed and in
 * the menus. A missing key would show its raw name to a user.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOK_STATUSES } from '../../src/modules/bonded/index.js';
import { PUSH_KINDS, UNDERTAKING_STATUSES } from '../../src/modules/registry/index.js';

const web = join(import.meta.dirname, '..', '..', 'web', 'src');
type Tree = { [k: string]: string | Tree };
const load = (lang: string) => JSON.parse(readFileSync(join(web, 'i18n', `${lang}.json`), 'utf8')) as Tree;
const LANGS = { zh: load('zh-CN'), en: load('en') };

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
const KEYS = { zh: keys(LANGS.zh), en: keys(LANGS.en) };

const sources = (dir: string) => readdirSync(join(web, dir)).filter((f) => f.endsWith('.tsx') || f.endsWith('.ts')).map((f) => readFileSync(join(web, dir, f), 'utf8'));
const literalKeys = (text: string) => [...text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)].map((m) => m[1]!);

describe('console labels of bonded account books and push-on-behalf undertakings', () => {
  it('has the same keys in Chinese and English', () => {
    expect([...KEYS.zh].filter((k) => !KEYS.en.has(k))).toEqual([]);
    expect([...KEYS.en].filter((k) => !KEYS.zh.has(k))).toEqual([]);
  });

  it.each(['features/bonded', 'features/undertakings'])('names only existing labels in %s', (dir) => {
    const used = new Set(sources(dir).flatMap(literalKeys));
    expect(used.size).toBeGreaterThan(20);
    for (const lang of ['zh', 'en'] as const) expect([...used].filter((k) => !KEYS[lang].has(k)), lang).toEqual([]);
  });

  it('labels every status, movement and kind the API answers with', () => {
    const needed = [
      ...BOOK_STATUSES.flatMap((s) => [`bonded.status.${s}`, `bonded.statusTitle.${s}`, `bonded.statusText.${s}`, `bonded.statusOk.${s}`]),
      ...['entry', 'take', 'give_back'].map((k) => `bonded.kind.${k}`),
      ...['cancellation', 'return'].map((r) => `bonded.reason.${r}`),
      ...['suspended', 'closed'].map((s) => `bonded.statusHint.${s}`),
      ...['items', 'entries', 'ledger'].map((tab) => `bonded.tab.${tab}`),
      ...UNDERTAKING_STATUSES.map((s) => `status.${s}`),
      ...PUSH_KINDS.map((k) => `undertaking.kind.${k}`),
      'nav.bondedBooks',
      'nav.undertakings',
      'nav.myUndertakings',
      'review.tabUndertakings',
    ];
    for (const lang of ['zh', 'en'] as const) expect(needed.filter((k) => !KEYS[lang].has(k)), lang).toEqual([]);
  });

  it('routes the pages and puts them in the menus of customs, warehouses and operators', () => {
    const router = readFileSync(join(web, 'app', 'router.tsx'), 'utf8');
    expect(router).toMatch(/path: 'bonded\/books'[\s\S]*BookListPage[\s\S]*path: ':emsNo'[\s\S]*BookDetailPage/);
    expect(router).toMatch(/path: 'undertakings'[\s\S]*UndertakingListPage[\s\S]*path: ':id'[\s\S]*UndertakingDetailPage/);
    const nav = readFileSync(join(web, 'app', 'nav.tsx'), 'utf8');
    const customs = /case 'customs':([\s\S]*?)case 'commerce':/.exec(nav)![1]!;
    expect(customs).toContain('bondedBooks');
    expect(customs).toContain('undertakings');
    const enterprise = /case 'enterprise':([\s\S]*?)case 'postal':/.exec(nav)![1]!;
    expect(enterprise).toMatch(/includes\('warehouse'\) \? \[bondedBooks\]/);
    expect(enterprise).toMatch(/includes\('logistics'\) \? \[\{ path: '\/undertakings'/);
  });
});
