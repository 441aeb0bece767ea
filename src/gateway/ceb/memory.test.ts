/** libxml2-wasm frees nothing by itself: every document the codec creates must be disposed. */
import { diag } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { buildCeb900, buildReceipt, decodeXml, parseMessage, toXml, validateJson, validateXml, warmUp } from './index.js';
import { aDummySignature, anInventoryMessage, anOrderMessage } from './samples.js';

describe('libxml2 memory', () => {
  it('leaves no document undisposed, on success and on failure', () => {
    warmUp(); // the compiled schemas live for the process
    diag.configure({ enabled: true });
    try {
      const signed = toXml(anInventoryMessage(), { signature: aDummySignature() });
      const xml = signed.ok ? signed.xml : '';
      const extended = { ...anOrderMessage(), ExtendMessage: { name: 'a', version: '1', Message: '<a/>' } };
      for (let i = 0; i < 20; i++) {
        expect(decodeXml(xml).ok).toBe(true);
        expect(parseMessage(Buffer.from(xml)).ok).toBe(true);
        expect(validateXml(xml.replace('<ceb:copNo>', '<ceb:copNo>x'.repeat(30))).ok).toBe(false);
        expect(validateXml('<unclosed').ok).toBe(false);
        expect(validateJson(extended).ok).toBe(true);
        expect(toXml({ ...extended, ExtendMessage: { name: 'a', version: '1', Message: '<a>' } }).ok).toBe(false);
        expect(buildCeb900({ errors: 'x', now: new Date(), original: xml }).ok).toBe(true);
        expect(buildReceipt('CEB622', {}).ok).toBe(false);
      }
      expect(diag.report()).toEqual({});
    } finally {
      diag.configure({ enabled: false });
    }
  });
});
