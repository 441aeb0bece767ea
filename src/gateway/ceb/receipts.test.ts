import { describe, expect, it } from 'vitest';
import type { ElementDef, LeafType } from './catalogue.types.js';
import {
  buildCeb900,
  buildReceipt,
  catalogue,
  cebDate,
  cebSeconds,
  cebTime,
  decodeXml,
  receiptTypes,
  validateXml,
  type CebNode,
  type ReceiptType,
} from './index.js';
import { anOrderMessage } from './samples.js';

const now = new Date('2024-03-15T02:30:05.123Z'); // 10:30:05.123 in Beijing

/** A value that satisfies the facets, so every field the XSD defines can be filled. */
function valueFor(leaf: LeafType): string {
  if (leaf.base === 'int') return '1';
  if (leaf.base === 'decimal') return '95.55';
  const n = leaf.length ?? Math.max(leaf.minLength ?? 1, Math.min(leaf.maxLength ?? 8, 8));
  return '1'.repeat(n);
}

function entryFor(children: readonly ElementDef[]): CebNode {
  const out: CebNode = {};
  for (const c of children) {
    if (c.leaf) out[c.name] = valueFor(c.leaf);
    else if (c.children) out[c.name] = c.max > 1 ? [entryFor(c.children), entryFor(c.children)] : entryFor(c.children);
  }
  return out;
}

describe('every receipt type builds from the fields its XSD defines and validates', () => {
  it.each(receiptTypes.filter((t) => t !== 'CEB900'))('%s', (type) => {
    const entity = catalogue[type].children[0]!;
    const r = buildReceipt(type, entryFor(entity.children!));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(validateXml(r.xml)).toEqual({ ok: true, messageType: type });
    expect(r.xml).toContain(`<ceb:${type}Message `);
  });

  it('covers the receipts the brief lists', () => {
    const wanted = ['CEB312', 'CEB412', 'CEB512', 'CEB514', 'CEB622', 'CEB624', 'CEB626', 'CEB712', 'CEB304', 'CEB404', 'CEB506', 'CEB604', 'CEB606', 'CEB508', 'CEB510', 'CEB608', 'CEB702', 'CEB792', 'CEB816', 'CEB818', 'CEB900'];
    expect(receiptTypes).toEqual(expect.arrayContaining(wanted));
  });
});

describe('CEB622 list receipt', () => {
  const fields = {
    guid: 'A1B2C3D4-0000-4000-8000-000000000001',
    customsCode: '0604',
    ebpCode: '1504960001',
    ebcCode: '1504960002',
    agentCode: '1504960005',
    copNo: 'INV202400000001',
    preNo: 'B20240315000000001',
    invtNo: '06042024I000000001',
    returnStatus: '800',
    returnTime: cebTime(now),
    returnInfo: '放行',
  };

  it('has exactly the XSD field set, in schema order', () => {
    const names = catalogue.CEB622.children[0]!.children!.map((c) => c.name);
    expect(names).toEqual(['guid', 'customsCode', 'ebpCode', 'ebcCode', 'agentCode', 'copNo', 'preNo', 'invtNo', 'returnStatus', 'returnTime', 'returnInfo']);
    const reversed = Object.fromEntries(Object.entries(fields).reverse());
    const r = buildReceipt('CEB622', reversed, { guid: 'F0000000-0000-4000-8000-000000000000' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const order = [...r.xml.matchAll(/<ceb:(\w+)>/g)].map((m) => m[1]).filter((n) => n !== 'InventoryReturn');
    expect(order).toEqual(names);
    const back = decodeXml(r.xml);
    expect(back.ok && back.message).toEqual({ messageType: 'CEB622', guid: 'F0000000-0000-4000-8000-000000000000', version: '1.0', InventoryReturn: [fields] });
  });

  it('refuses a receipt the XSD refuses, naming the field', () => {
    const r = buildReceipt('CEB622', { ...fields, preNo: undefined as unknown as string });
    expect(!r.ok && r.errors[0]).toMatchObject({ element: 'preNo', path: 'InventoryReturn[0].preNo' });
    const many = buildReceipt('CEB622', [fields, { ...fields, returnStatus: '' }]);
    expect(!many.ok && many.errors[0]).toMatchObject({ element: 'returnStatus', path: 'InventoryReturn[1].returnStatus' });
  });
});

describe('CEB816 tax bill', () => {
  it('DOMAIN §4 worked example 1: VAT 95.55 on a dutiable 1,050.00', () => {
    const r = buildReceipt('CEB816', {
      TaxHeadRd: {
        guid: 'A1B2C3D4-0000-4000-8000-000000000002', returnTime: cebTime(now), invtNo: '06042024I000000001', taxNo: '06042024I000000001-1',
        customsTax: '0', valueAddedTax: '95.55', consumptionTax: '0', status: '1', assureCode: '1504960005', ebcCode: '1504960002',
        logisticsCode: '1504960004', agentCode: '1504960005', customsCode: '0604',
      },
      TaxListRd: [{ gnum: '1', gcode: '1901101000', taxPrice: '1050.00', customsTax: '0', valueAddedTax: '95.55', consumptionTax: '0' }],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.message['Tax']).toHaveLength(1);
  });
});

describe('CEB900 format-error receipt', () => {
  it('reports the errors of a refused message and echoes it', () => {
    const original = `<?xml version="1.0"?><ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="A1B2C3D4-0000-4000-8000-00000000000F" version="1.0"><ceb:Order>]]>`;
    const refused = decodeXml(original);
    expect(refused.ok).toBe(false);
    const r = buildCeb900({ errors: refused.ok ? [] : refused.errors, now, original });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const back = decodeXml(r.xml);
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    const ret = back.message['MessageReturn'] as Record<string, string>;
    expect(ret).toMatchObject({
      guid: 'A1B2C3D4-0000-4000-8000-00000000000F',
      returnStatus: '-1',
      returnTime: '20240315103005123',
      oriCopMsgId: '',
      oriMessageType: 'CEB311Message',
      oriBizMessage: original,
    });
    expect(ret['returnInfo']).toMatch(/line 1/);
    expect(r.xml).toContain('<ceb:oriBizMessage><![CDATA[');
  });

  it('is always buildable: unreadable input, huge error lists, hostile bytes', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x3c, 0x21, 0x5d, 0x5d, 0x3e]);
    const errors = Array.from({ length: 500 }, (_, i) => ({ code: 'ceb.schema' as const, message: `problem ${i} `.repeat(5), element: 'x' }));
    for (const input of [{ errors, now, original: bytes }, { errors: 'not XML', now, original: 'x'.repeat(3_000_000), oriGuid: 'short' }]) {
      const r = buildCeb900(input);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const ret = r.message['MessageReturn'] as Record<string, string>;
      expect(ret['oriMessageType']).toBe('Unknown');
      expect(ret['returnInfo']!.length).toBeLessThanOrEqual(5000);
      expect(ret['guid']).toHaveLength(36);
    }
  });

  it('carries the message type of a parseable but invalid message', () => {
    const r = buildCeb900({ errors: 'acturalPaid: missing', now, original: JSON.stringify(anOrderMessage()) });
    expect(r.ok && (r.message['MessageReturn'] as Record<string, string>)['oriMessageType']).toBe('Unknown');
  });
});

describe('CEB time stamps (Asia/Shanghai)', () => {
  it('formats returnTime, appTime and declTime in Beijing time', () => {
    expect(cebTime(now)).toBe('20240315103005123');
    expect(cebSeconds(now)).toBe('20240315103005');
    expect(cebDate(now)).toBe('20240315');
    expect(cebTime(new Date('2023-12-31T16:00:00.000Z'))).toBe('20240101000000000');
    expect(cebDate(new Date('2024-02-28T23:59:59.999Z'))).toBe('20240229');
  });

  it('refuses an invalid date', () => {
    expect(() => cebTime(new Date('nope'))).toThrow(RangeError);
  });
});

describe('buildReceipt is typed and guarded', () => {
  it('refuses a type that is not a receipt', () => {
    const r = buildReceipt('CEB311' as ReceiptType, {});
    expect(!r.ok && r.errors[0]?.message).toMatch(/not a receipt type/);
  });
});

describe('the builders answer with values, never exceptions', () => {
  it('an invalid date', () => {
    const r = buildCeb900({ errors: 'x', now: new Date('nope') });
    expect(!r.ok && r.errors[0]?.message).toMatch(/invalid date/);
  });
});
