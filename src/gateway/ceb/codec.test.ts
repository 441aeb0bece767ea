import { describe, expect, it } from 'vitest';
import { decodeXml, parseMessage, toXml, validateJson, validateXml, type CebMessage } from './index.js';
import { aDummySignature, anInventoryMessage, anOrderMessage, exportSamples, fieldAt, importSamples } from './samples.js';

const xmlOf = (m: CebMessage, signature?: string): string => {
  const r = toXml(m, signature === undefined ? {} : { signature });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.xml;
};

describe('samples of every inbound message type round-trip XML -> JSON -> XML and validate', () => {
  const all = { ...importSamples, ...exportSamples };
  it.each(Object.keys(all))('%s', (type) => {
    const message = (all as Record<string, () => CebMessage>)[type]!();
    const xml = xmlOf(message);
    expect(validateXml(xml)).toEqual({ ok: true, messageType: type });
    const decoded = decodeXml(xml);
    if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
    expect(decoded.message).toEqual(message);
    expect(decoded.signature).toBeUndefined();
    expect(xmlOf(decoded.message)).toBe(xml);
    expect(validateJson(message)).toEqual({ ok: true, message, xml });
  });
});

describe('the DOMAIN §4 worked example 1 as a CEB311', () => {
  it('carries goods 1,000 + freight 50, VAT 95.55, acturalPaid 1145.55 as strings', () => {
    const parsed = parseMessage(xmlOf(anOrderMessage()));
    if (!parsed.ok) throw new Error('parse failed');
    const head = fieldAt(parsed.message, 'Order[0].OrderHead') as Record<string, string>;
    expect(head).toMatchObject({ goodsValue: '1000.00', freight: '50.00', discount: '0', taxTotal: '95.55', acturalPaid: '1145.55' });
    expect(parsed.message.messageType).toBe('CEB311');
    expect(parsed.message.version).toBe('1.0');
    expect(parsed.message.guid).toMatch(/^[0-9A-F-]{36}$/);
  });
});

describe('parse: the JSON form', () => {
  it('keeps repeatable elements as arrays even with one item, single ones as objects', () => {
    const one = anOrderMessage({ items: [{ ...sampleItem() }] });
    const parsed = parseMessage(xmlOf(one));
    if (!parsed.ok) throw new Error('parse failed');
    expect(Array.isArray(parsed.message['Order'])).toBe(true);
    expect(Array.isArray(fieldAt(parsed.message, 'Order[0].OrderList'))).toBe(true);
    expect((fieldAt(parsed.message, 'Order[0].OrderList') as unknown[]).length).toBe(1);
    expect(Array.isArray(fieldAt(parsed.message, 'Order[0].OrderHead'))).toBe(false);
    expect(Array.isArray(parsed.message['BaseTransfer'])).toBe(false);
  });

  it('accepts a UTF-8 byte-order mark in text and in bytes', () => {
    const xml = xmlOf(anOrderMessage());
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]);
    for (const input of [`\uFEFF${xml}`, bytes]) {
      expect(validateXml(input).ok).toBe(true);
      const parsed = decodeXml(input);
      expect(parsed.ok && fieldAt(parsed.message, 'Order[0].OrderHead.buyerName')).toBe('张三');
    }
  });

  it('reads any prefix or a default namespace, comments, CDATA, CRLF and character references', () => {
    const xml = xmlOf(anOrderMessage())
      .replaceAll('ceb:', 'c:')
      .replace('xmlns:ceb=', 'xmlns:c=')
      .replace('<c:buyerName>张三</c:buyerName>', '<!-- who --><c:buyerName><![CDATA[张<三>]]></c:buyerName>')
      .replace('<c:consigneeAddress>', '\r\n  <c:consigneeAddress>')
      .replace('<c:ebpName>', '<c:ebpName>&#x4E2D;&amp;');
    const parsed = decodeXml(xml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(fieldAt(parsed.message, 'Order[0].OrderHead.buyerName')).toBe('张<三>');
    expect(fieldAt(parsed.message, 'Order[0].OrderHead.ebpName')).toBe('中&赤峰跨境优选平台');
    const withDefault = xmlOf(anOrderMessage()).replaceAll('ceb:', '').replace('xmlns:ceb=', 'xmlns=');
    expect(decodeXml(withDefault).ok).toBe(true);
  });

  it('keeps leaf text exactly (spaces, line ends written as references)', () => {
    const m = anOrderMessage();
    const head = fieldAt(m, 'Order[0].OrderHead') as Record<string, string>;
    head['note'] = '  a\r\nb & <c> "d" \t ';
    const parsed = decodeXml(xmlOf(m));
    expect(parsed.ok && fieldAt(parsed.message, 'Order[0].OrderHead.note')).toBe('  a\r\nb & <c> "d" \t ');
  });

  it('keeps ds:Signature out of the tree and returns it as standalone text', () => {
    const signature = aDummySignature();
    const xml = xmlOf(anInventoryMessage(), signature);
    const parsed = decodeXml(xml, { strictSignature: true });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.message['Signature']).toBeUndefined();
    expect(parsed.signature).toContain('<ds:SignatureValue>');
    expect(parsed.signature).toContain('xmlns:ds="http://www.w3.org/2000/09/xmldsig#"');
    // The kept signature goes back where the XSD puts it.
    expect(validateXml(xmlOf(parsed.message, parsed.signature), { strictSignature: true }).ok).toBe(true);
  });

  it('carries ExtendMessage content as raw XML', () => {
    const m = { ...anOrderMessage(), ExtendMessage: { name: 'zone', version: '1', Message: '<z:extra xmlns:z="urn:zone"><z:a>1</z:a></z:extra>' } };
    const parsed = decodeXml(xmlOf(m));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    // Canonical (inclusive C14N) so it stands alone: the namespaces in scope are declared on it.
    const raw = fieldAt(parsed.message, 'ExtendMessage.Message');
    expect(raw).toBe('<z:extra xmlns:ceb="http://www.chinaport.gov.cn/ceb" xmlns:z="urn:zone"><z:a>1</z:a></z:extra>');
    expect(decodeXml(xmlOf(parsed.message)).ok).toBe(true);
  });

  it('reports what the JSON form cannot hold, with the line', () => {
    const xml = xmlOf(anOrderMessage()).replace('<ceb:BaseTransfer>', '<ceb:Surprise>x</ceb:Surprise>\n<ceb:BaseTransfer>');
    const parsed = parseMessage(xml);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0]).toMatchObject({ code: 'ceb.schema', element: 'Surprise', path: 'Surprise', line: 1 });
    const twice = parseMessage(xmlOf(anOrderMessage()).replace('<ceb:BaseTransfer>', '<ceb:BaseTransfer><ceb:copCode>1</ceb:copCode></ceb:BaseTransfer><ceb:BaseTransfer>'));
    expect(!twice.ok && twice.errors[0]).toMatchObject({ element: 'BaseTransfer' });
  });

  it('says which root it does not know', () => {
    const r = parseMessage('<ceb:CEB999Message xmlns:ceb="http://www.chinaport.gov.cn/ceb"/>');
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'ceb.unknown_message', element: 'CEB999Message' });
    const other = validateXml('<CEB311Message guid="x" version="1.0"/>');
    expect(!other.ok && other.errors[0]?.code).toBe('ceb.unknown_message');
  });
});

function sampleItem() {
  return {
    itemNo: 'SKU-1', itemName: '奶粉', gcode: '1901101000', gmodel: '900克', barCode: '1', unit: '122',
    qty: '1', price: '1000.00', totalPrice: '1000.00', unit1: '035', qty1: '0.9', country: '601',
  };
}
