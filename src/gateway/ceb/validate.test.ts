import { describe, expect, it } from 'vitest';
import { decodeXml, parseMessage, toXml, validateJson, validateXml, type CebError, type CebMessage } from './index.js';
import { aCancelMessage, aDummySignature, anArrivalMessage, anInventoryMessage, anOrderMessage, aReturnMessage, withField } from './samples.js';

const xmlOf = (m: CebMessage): string => {
  const r = toXml(m);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.xml;
};
const errorsOf = (r: { ok: boolean; errors?: CebError[] }): CebError[] => (r.ok ? [] : r.errors!);

describe('XSD failures name the element', () => {
  it('a missing required element: acturalPaid, with its JSON path', () => {
    const xml = xmlOf(withField(anOrderMessage(), 'Order[0].OrderHead.acturalPaid', undefined));
    const [e, ...rest] = errorsOf(validateXml(xml));
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ code: 'ceb.schema', element: 'acturalPaid', path: 'Order[0].OrderHead.acturalPaid', line: 1 });
    expect(e!.message).toContain('acturalPaid');
  });

  it('a value too long: orderNo over 60 characters', () => {
    const xml = xmlOf(withField(anOrderMessage(), 'Order[0].OrderHead.orderNo', 'N'.repeat(61)));
    const [e] = errorsOf(validateXml(xml));
    expect(e).toMatchObject({ element: 'orderNo', path: 'Order[0].OrderHead.orderNo' });
    expect(e!.message).toMatch(/maxLength/);
  });

  it('a value of the wrong form: decimals, digits, fixed lengths', () => {
    const cases: [string, string, string][] = [
      ['Order[0].OrderHead.acturalPaid', '1,145.55', 'acturalPaid'],
      ['Order[0].OrderHead.acturalPaid', '1145.555555', 'acturalPaid'],
      ['Order[0].OrderHead.acturalPaid', '12345678901234567890', 'acturalPaid'],
      ['Order[0].OrderList[1].gnum', 'two', 'gnum'],
      ['Order[0].OrderHead.currency', 'CNY1', 'currency'],
      ['Order[0].OrderHead.appTime', '2024-03-15', 'appTime'],
    ];
    for (const [path, value, element] of cases) {
      const [e] = errorsOf(validateXml(xmlOf(withField(anOrderMessage(), path, value))));
      expect(e, `${path}=${value}`).toMatchObject({ code: 'ceb.schema', element, path });
    }
  });

  it('elements in the wrong order', () => {
    const xml = xmlOf(anOrderMessage()).replace(
      /(<ceb:goodsValue>[^<]*<\/ceb:goodsValue>)(<ceb:freight>[^<]*<\/ceb:freight>)/,
      '$2$1',
    );
    const [e] = errorsOf(validateXml(xml));
    // The element expected at that place is the one named; the message names both.
    expect(e).toMatchObject({ element: 'goodsValue', path: 'Order[0].OrderHead.goodsValue' });
    expect(e!.message).toMatch(/freight.*not expected.*goodsValue/);
  });

  it('an unknown element and a repeated one beyond maxOccurs', () => {
    const extra = xmlOf(anOrderMessage()).replace('<ceb:ebpCode>', '<ceb:colour>red</ceb:colour><ceb:ebpCode>');
    expect(errorsOf(validateXml(extra))[0]).toMatchObject({ element: 'colour' });
    const lines = Array.from({ length: 100 }, (_, i) => ({ ...sampleLine(), gnum: String(i + 1) }));
    const many = { ...anOrderMessage(), Order: [{ ...(anOrderMessage().Order as Record<string, unknown>[])[0], OrderList: lines }] } as CebMessage;
    const [e] = errorsOf(validateJson(many));
    expect(e).toMatchObject({ element: 'OrderList', path: 'Order[0].OrderList[99]' });
  });

  it('the same verdict and names through JSON, without XML lines', () => {
    const [e] = errorsOf(validateJson(withField(anOrderMessage(), 'Order[0].OrderHead.acturalPaid', undefined)));
    expect(e).toEqual(expect.objectContaining({ element: 'acturalPaid', path: 'Order[0].OrderHead.acturalPaid' }));
    expect(e!.line).toBeUndefined();
  });

  it('a missing root attribute', () => {
    const xml = xmlOf(anOrderMessage()).replace(/ guid="[^"]*"/, '');
    const [e] = errorsOf(validateXml(xml));
    expect(e!.message).toMatch(/guid.*required/);
  });
});

describe('ds:Signature is optional at the gateway (DESIGN.md §6), required by the official XSD', () => {
  it.each([
    ['CEB621', anInventoryMessage],
    ['CEB623', aCancelMessage],
    ['CEB625', aReturnMessage],
    ['CEB711', anArrivalMessage],
  ])('%s without a signature: valid at the gateway, invalid under the strict official schema', (_type, build) => {
    const xml = xmlOf(build());
    expect(validateXml(xml).ok).toBe(true);
    const strict = errorsOf(validateXml(xml, { strictSignature: true }));
    expect(strict[0]).toMatchObject({ code: 'ceb.schema', element: 'Signature' });
  });

  it('a CEB621 with a signature is valid under both', () => {
    const r = toXml(anInventoryMessage(), { signature: aDummySignature() });
    if (!r.ok) throw new Error('toXml failed');
    expect(validateXml(r.xml).ok).toBe(true);
    expect(validateXml(r.xml, { strictSignature: true }).ok).toBe(true);
  });
});

describe('input that is not a message', () => {
  it('not well-formed: the line and the reason', () => {
    const [e] = errorsOf(validateXml('<?xml version="1.0"?>\n<ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb">\n<ceb:Order>'));
    expect(e).toMatchObject({ code: 'ceb.not_well_formed' });
    expect(e!.line).toBeGreaterThan(1);
  });

  it('empty, DTDs and entity declarations are refused before parsing', () => {
    expect(errorsOf(parseMessage(''))[0]?.code).toBe('ceb.not_well_formed');
    const bomb = '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>';
    expect(errorsOf(parseMessage(bomb))[0]?.code).toBe('ceb.dtd_forbidden');
    const xxe = '<?xml version="1.0"?><!DOCTYPE r SYSTEM "file:///etc/passwd"><r/>';
    expect(errorsOf(validateXml(Buffer.from(xxe)))[0]?.code).toBe('ceb.dtd_forbidden');
  });

  it('over the size limit', () => {
    const xml = xmlOf(anOrderMessage());
    expect(errorsOf(decodeXml(xml, { maxBytes: 1000 }))[0]?.code).toBe('ceb.too_large');
    expect(decodeXml(xml, { maxBytes: 100_000 }).ok).toBe(true);
  });

  it('neither text nor bytes', () => {
    expect(errorsOf(parseMessage(42 as unknown as string))[0]?.code).toBe('ceb.not_well_formed');
  });

  it('a declared encoding other than UTF-8 in bytes is decoded as declared', () => {
    const latin1 = Buffer.from(xmlOf(anOrderMessage({ buyerName: 'Zoë Müller' })).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace(/[^\u0020-\u00ff]/g, 'x'), 'latin1');
    const parsed = decodeXml(latin1);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect((parsed.message['Order'] as { OrderHead: { buyerName: string } }[])[0]!.OrderHead.buyerName).toBe('Zoë Müller');
  });
});

function sampleLine() {
  return { gnum: '1', itemName: '奶粉', gmodel: '900克', unit: '122', qty: '1', price: '1.00', totalPrice: '1.00', currency: '142', country: '601' };
}
