import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueFile, generate } from './generate-catalogue.js';
import { catalogue, messageTypes } from './index.js';

describe('the catalogue', () => {
  it('is what the generator makes of the bundled XSDs (re-run generate-catalogue.ts after replacing them)', () => {
    expect(generate()).toBe(readFileSync(catalogueFile, 'utf8'));
  });

  it('knows every message the brief and DESIGN.md §6 name, with the XSD root name and namespace file', () => {
    const wanted = {
      import: ['CEB311', 'CEB411', 'CEB511', 'CEB513', 'CEB621', 'CEB623', 'CEB625', 'CEB711', 'CEB312', 'CEB412', 'CEB512', 'CEB514', 'CEB622', 'CEB624', 'CEB626', 'CEB712', 'CEB816', 'CEB818', 'CEB900'],
      export: ['CEB303', 'CEB403', 'CEB505', 'CEB603', 'CEB605', 'CEB507', 'CEB509', 'CEB607', 'CEB701', 'CEB304', 'CEB404', 'CEB506', 'CEB604', 'CEB606', 'CEB508', 'CEB510', 'CEB608', 'CEB702', 'CEB792'],
    } as const;
    for (const [schema, types] of Object.entries(wanted)) {
      for (const t of types) {
        expect(messageTypes).toContain(t);
        expect(catalogue[t as keyof typeof catalogue]).toMatchObject({ type: t, root: `${t}Message`, schema });
      }
    }
  });

  it('records occurrences and facets as the XSD states them', () => {
    const order = catalogue.CEB311.children;
    expect(order.map((c) => [c.name, c.min, c.max])).toEqual([
      ['Order', 1, 100],
      ['BaseTransfer', 1, 1],
      ['BaseSubscribe', 0, 5],
      ['ExtendMessage', 0, 1],
      ['Signature', 0, 1],
    ]);
    const head = order[0]!.children![0]!.children!;
    expect(head.find((c) => c.name === 'acturalPaid')).toMatchObject({ min: 1, max: 1, leaf: { base: 'decimal', totalDigits: 19, fractionDigits: 5 } });
    expect(head.find((c) => c.name === 'orderNo')?.leaf).toEqual({ base: 'string', maxLength: 60, minLength: 1 });
    expect(head.find((c) => c.name === 'note')?.min).toBe(0);
    expect(catalogue.CEB621.signature).toBe('required');
    expect(catalogue.CEB311.signature).toBe('optional');
    // The export schema puts the signature before ExtendMessage, the import schema after it.
    expect(catalogue.CEB303.children.map((c) => c.name).slice(-2)).toEqual(['Signature', 'ExtendMessage']);
  });
});
