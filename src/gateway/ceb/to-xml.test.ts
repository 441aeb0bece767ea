import { describe, expect, it } from 'vitest';
import { decodeXml, toXml, validateJson, type CebError, type CebMessage } from './index.js';
import { anOrderMessage, fieldAt, withField } from './samples.js';

const errorsOf = (r: { ok: boolean; errors?: CebError[] }): CebError[] => (r.ok ? [] : r.errors!);

describe('JSON structural errors carry the JSON path', () => {
  const base = anOrderMessage();
  const cases: [string, unknown, string, RegExp][] = [
    ['Order[0].OrderHead.acturalPaid', 1145.55, 'Order[0].OrderHead.acturalPaid', /must be a string, not a number/],
    ['Order[0].OrderHead.acturalPaid', null, 'Order[0].OrderHead.acturalPaid', /must be a string, not null/],
    ['Order[0].OrderHead.acturalPaid', ['1'], 'Order[0].OrderHead.acturalPaid', /not an array/],
    ['Order[0].OrderHead.colour', 'red', 'Order[0].OrderHead.colour', /not an element of this message/],
    ['Order[0].OrderHead', [{ orderNo: '1' }], 'Order[0].OrderHead', /must be an object, not an array/],
    ['Order[0].OrderList', 'none', 'Order[0].OrderList', /must be an object, not a string/],
    ['Order[0].OrderList[1]', 7, 'Order[0].OrderList[1]', /must be an object, not a number/],
    ['BaseTransfer.copName', 'a\u0001b', 'BaseTransfer.copName', /character that XML cannot carry/],
    ['Signature', '<ds:Signature/>', 'Signature', /signature is not part of the JSON form/],
    ['guid', 12, 'guid', /must be a string/],
  ];
  it.each(cases)('%s = %j', (path, value, errorPath, message) => {
    for (const r of [toXml(withField(base, path, value)), validateJson(withField(base, path, value))]) {
      const [e, ...rest] = errorsOf(r);
      expect(rest).toEqual([]);
      expect(e).toMatchObject({ code: 'ceb.json_structure', path: errorPath });
      expect(e!.message).toMatch(message);
    }
  });

  it('reports every problem at once', () => {
    let m = withField(base, 'Order[0].OrderHead.acturalPaid', 1);
    m = withField(m, 'BaseTransfer.dxpId', false);
    expect(errorsOf(validateJson(m)).map((e) => e.path)).toEqual(['Order[0].OrderHead.acturalPaid', 'BaseTransfer.dxpId']);
  });

  it('refuses what is not a message', () => {
    for (const bad of [null, 'CEB311', [], 42, { messageType: 'CEB999' }, { messageType: 'toString' }]) {
      expect(errorsOf(validateJson(bad))[0]?.code).toBe('ceb.json_structure');
    }
  });

  it('survives hostile objects', () => {
    const trap = { ...base, get BaseTransfer(): never { throw new Error('boom'); } };
    expect(errorsOf(toXml(trap))[0]?.message).toMatch(/boom/);
  });
});

describe('the JSON form as DESIGN.md §6 writes it', () => {
  it('accepts a single object where the XSD allows repetition, and normalises it to an array', () => {
    const m = anOrderMessage();
    const order = (m['Order'] as unknown[])[0];
    const { version: _v, ...noVersion } = m;
    const r = validateJson({ ...noVersion, Order: order });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(Array.isArray(r.message['Order'])).toBe(true);
    expect(r.message.version).toBe('1.0');
    expect(r.message).toEqual(m);
  });

  it('names errors inside a single object without an index', () => {
    const m = anOrderMessage();
    const order = structuredClone((m['Order'] as Record<string, Record<string, unknown>>[])[0]!);
    order['OrderHead']!['acturalPaid'] = 1;
    expect(errorsOf(validateJson({ ...m, Order: order }))[0]?.path).toBe('Order.OrderHead.acturalPaid');
  });
});

describe('canonical XML', () => {
  it('writes schema order whatever the JSON key order', () => {
    const m = anOrderMessage();
    const head = fieldAt(m, 'Order[0].OrderHead') as Record<string, string>;
    const reversed = Object.fromEntries(Object.entries(head).reverse());
    const a = toXml(m);
    const b = toXml(withField(m, 'Order[0].OrderHead', reversed));
    expect(a.ok && b.ok && a.xml === b.xml).toBe(true);
    expect(a.ok && a.xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid=')).toBe(true);
  });

  it('escapes markup in text and attributes, and reads it back unchanged', () => {
    const tricky = `<ceb:x>&amp; "q" 'a' ]]> \r\n\t 中文 😀`;
    let m = withField(anOrderMessage(), 'Order[0].OrderHead.note', tricky);
    m = { ...m, version: '1&<"\t' };
    const r = toXml(m);
    if (!r.ok) throw new Error('toXml failed');
    expect(r.xml).not.toContain('<ceb:x>');
    const back = decodeXml(r.xml);
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    expect(fieldAt(back.message, 'Order[0].OrderHead.note')).toBe(tricky);
    expect(back.message.version).toBe('1&<"\t');
  });

  it('refuses raw XML fragments that are not well-formed', () => {
    const m = { ...anOrderMessage(), ExtendMessage: { name: 'x', version: '1', Message: '</ceb:Message><ceb:Evil>' } };
    expect(errorsOf(toXml(m))[0]).toMatchObject({ path: 'ExtendMessage.Message', message: expect.stringMatching(/well-formed/) });
    expect(errorsOf(toXml(anOrderMessage(), { signature: '<ds:Signature>' }))[0]?.path).toBe('signature');
    const receipt = { messageType: 'CEB312', guid: 'x', OrderReturn: [] };
    expect(errorsOf(toXml(receipt, { signature: '<ds:Signature xmlns:ds="urn:x"/>' }))[0]?.message).toMatch(/carries no signature/);
  });
});

describe('round trip of every string a leaf can hold', () => {
  it('text with every kind of character XML can carry comes back identical', () => {
    const chars = ['\t', '\n', '\r', ' ', '&', '<', '>', '"', "'", ']]>', '\u00a0', '\u2028', '\uFEFF', '\uD83D\uDE00', 'é', '中'];
    const note = chars.join('|');
    const r = validateJson(withField(anOrderMessage(), 'Order[0].OrderHead.note', note) as CebMessage);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(fieldAt(r.message, 'Order[0].OrderHead.note')).toBe(note);
  });
});
