/**
 * Properties over hostile input: the codec must answer (ok or errors) for anything, never throw or hang, and
 * whatever it accepts must survive a round trip. The mutations start from valid messages so that most runs
 * reach deep into the parser, the scanner and the XSD rather than failing on the first byte.
 */
import fc from 'fast-check';
import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { decodeXml, parseMessage, toXml, validateJson, validateXml, type CebMessage, type ParseResult } from './index.js';
import { aDummySignature, anInventoryMessage, anOrderMessage, exportSamples } from './samples.js';

const seeds = [
  toXml(anOrderMessage()),
  toXml(anInventoryMessage(), { signature: aDummySignature() }),
  toXml({ ...exportSamples.CEB603(), ExtendMessage: { name: 'n', version: '1', Message: '<x:y xmlns:x="urn:x">1</x:y>' } }),
].map((r) => (r.ok ? r.xml : ''));

const answers = (r: { ok: boolean; errors?: unknown[] }) => r.ok === true || (Array.isArray(r.errors) && r.errors.length > 0);

const fragment = fc.oneof(
  fc.string(),
  fc.constantFrom('<', '>', '&', '&amp;', '&#0;', '&#x1F600;', '&bogus;', ']]>', '<![CDATA[', '<!--', '-->', '<?pi?>', '"', "'", '\r\n', '\uFEFF', '\u0000', '\uD800'),
  fc.constantFrom('<ceb:note>', '</ceb:note>', '<ceb:Order>', '</ceb:Order>', '<x:a xmlns:x="http://www.chinaport.gov.cn/ceb">', '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>', '<!DOCTYPE x>', ' guid="1"', ' xmlns:ceb="urn:other"'),
);

// eslint-disable-next-line no-control-regex -- the characters XML cannot carry are exactly what is removed
const escaped = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/g, '');

/** A valid message with one random edit: insert, delete, duplicate or replace a slice, or new text in a leaf. */
const mutated = fc
  .tuple(fc.constantFrom(...seeds), fc.nat(), fc.nat(), fc.constantFrom('insert', 'delete', 'duplicate', 'replace', 'text', 'text'), fragment)
  .map(([xml, a, b, op, text]) => {
    const i = a % (xml.length + 1);
    const j = Math.min(xml.length, i + (b % 64));
    if (op === 'text') {
      const gt = xml.indexOf('>', i);
      return gt < 0 || xml[gt + 1] === '<' && xml[gt + 2] !== '/' ? xml : xml.slice(0, gt + 1) + escaped(text) + xml.slice(gt + 1);
    }
    if (op === 'insert') return xml.slice(0, i) + text + xml.slice(i);
    if (op === 'delete') return xml.slice(0, i) + xml.slice(j);
    if (op === 'duplicate') return xml.slice(0, j) + xml.slice(i, j) + xml.slice(j);
    return xml.slice(0, i) + text + xml.slice(j);
  });

/** Leaf texts in document order as libxml2's own DOM sees them: the oracle for xml-scan. */
function domLeaves(xml: string): string[] {
  const doc = XmlDocument.fromBuffer(Buffer.from(xml), { encoding: 'utf-8' });
  try {
    const ns = { c: 'http://www.chinaport.gov.cn/ceb' };
    return doc.find('//c:*[not(*)][not(ancestor-or-self::c:ExtendMessage)][not(self::c:Message)]', ns).map((n) => n.content);
  } finally {
    doc.dispose();
  }
}

function jsonLeaves(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(jsonLeaves);
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => (k === 'ExtendMessage' ? [] : jsonLeaves(x)));
}

function roundTrips(parsed: ParseResult): void {
  if (!parsed.ok) return;
  const again = toXml(parsed.message, parsed.signature === undefined ? {} : { signature: parsed.signature });
  if (!again.ok) throw new Error(`accepted but cannot be written back: ${JSON.stringify(again.errors)}`);
  const reparsed = parseMessage(again.xml);
  expect(reparsed.ok && reparsed.message).toEqual(parsed.message);
}

describe('the codec never throws', () => {
  it('on random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fragment), (s) => {
        expect(answers(parseMessage(s))).toBe(true);
        expect(answers(validateXml(s))).toBe(true);
        expect(answers(decodeXml(s))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (b) => {
        expect(answers(parseMessage(b))).toBe(true);
        expect(answers(decodeXml(Buffer.from(b)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on mutated valid messages, and what it accepts round-trips', () => {
    fc.assert(
      fc.property(mutated, (xml) => {
        const parsed = parseMessage(xml);
        expect(answers(parsed)).toBe(true);
        roundTrips(parsed);
        const decoded = decodeXml(xml);
        expect(answers(decoded)).toBe(true);
        if (decoded.ok) {
          // Valid documents are in schema order, so the JSON's leaves in key order are the DOM's in document order.
          const { messageType: _t, guid: _g, version: _v, ...tree } = decoded.message;
          // libxml2-wasm decodes longer node texts with TextDecoder, which drops a leading U+FEFF: the oracle's
          // blind spot, so both sides are compared without it.
          const noBom = (t: string) => t.replace(/^\uFEFF/, '');
          expect(jsonLeaves(tree).map(noBom)).toEqual(domLeaves(xml).map(noBom));
          // Valid XML gives JSON that is valid through the JSON path too.
          expect(validateJson(decoded.message, decoded.signature === undefined ? {} : { signature: decoded.signature }).ok).toBe(true);
        }
        expect(answers(validateXml(Buffer.from(xml)))).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('on random JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ messageType: fc.constantFrom('CEB311', 'CEB621', 'CEB900', 'x'), Order: fc.anything(), BaseTransfer: fc.anything() })), (v) => {
        expect(answers(toXml(v))).toBe(true);
        expect(answers(validateJson(v))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('on random leaf values: what validates comes back identical', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ maxLength: 200 }), (name, note) => {
        const m = anOrderMessage({ buyerName: name });
        ((m['Order'] as { OrderHead: Record<string, string> }[])[0]!.OrderHead)['note'] = note;
        const r = validateJson(m);
        expect(answers(r)).toBe(true);
        if (r.ok) expect(r.message).toEqual(m satisfies CebMessage);
      }),
      { numRuns: 300 },
    );
  });
});

describe('hostile sizes and shapes answer quickly', () => {
  it('deep nesting, many attributes, a long text, a huge flat document', () => {
    const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
    const attrs = `<ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" ${Array.from({ length: 5000 }, (_, i) => `a${i}="${i}"`).join(' ')}/>`;
    const text = xmlFromOrder((s) => s.replace('<ceb:note>', `<ceb:note>${'x'.repeat(5_000_000)}`));
    const flat = `<ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb">${'<ceb:Order/>'.repeat(500_000)}</ceb:CEB311Message>`;
    const started = Date.now();
    for (const input of [deep, attrs, text, flat]) {
      expect(answers(decodeXml(input))).toBe(true);
      expect(answers(parseMessage(input))).toBe(true);
    }
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

function xmlFromOrder(edit: (s: string) => string): string {
  const m = anOrderMessage();
  ((m['Order'] as { OrderHead: Record<string, string> }[])[0]!.OrderHead)['note'] = '';
  const r = toXml(m);
  return r.ok ? edit(r.xml) : '';
}
