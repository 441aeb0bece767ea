/**
 * The codec's only contact with libxml2-wasm: hardened parsing of untrusted input, the compiled official
 * schemas (each compiled once, lazily, and kept), and libxml2's diagnostics turned into CebErrors.
 *
 * libxml2-wasm has manual memory management: every XmlDocument handed out here must be disposed by the
 * caller (withDocument does it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ParseOption,
  XmlBufferInputProvider,
  XmlDocument,
  XmlElement,
  XmlLibError,
  XsdValidator,
  xmlRegisterInputProvider,
  type ErrorDetail,
} from 'libxml2-wasm';
import type { SchemaName } from './catalogue.types.js';
import type { CebError, CebErrorCode, Failure } from './types.js';
import { xsdDir, xsdFiles } from './paths.js';

/** Default upper bound of one XML message: a CEB621 of 100 lists × 99 lines stays well under it. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

// No network, no external entities, no DTD loading: untrusted input must not reach anything outside itself.
// COMPACT keeps short texts inside their nodes: measurably fewer allocations on CEB's many small leaves.
const PARSE_OPTIONS =
  ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_NOCDATA | ParseOption.XML_PARSE_COMPACT;

export interface ReadLimits {
  maxBytes?: number;
}

const fail = (code: CebErrorCode, message: string, extra: Partial<CebError> = {}): Failure => ({
  ok: false,
  errors: [{ code, message, ...extra }],
});

/** Whether the input's UTF-8 size exceeds `max`; a string is measured only when its length leaves doubt. */
function isOver(input: string | Uint8Array, max: number): boolean {
  if (typeof input !== 'string') return input.byteLength > max;
  if (input.length * 3 <= max) return false;
  return input.length > max || Buffer.byteLength(input) > max;
}

/** `<!` followed by a letter opens a declaration (DOCTYPE, ENTITY, ...); comments and CDATA do not. */
function mentionsDtd(input: string | Uint8Array): boolean {
  const s = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  for (let i = s.indexOf('<!'); i >= 0; i = s.indexOf('<!', i + 2)) {
    const c = typeof s === 'string' ? s.charCodeAt(i + 2) : s[i + 2]!;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
  }
  return false;
}

/** Clean up libxml2's wording for people: namespaces shortened, one line. */
export function tidy(message: string): string {
  return message
    .replaceAll('{http://www.chinaport.gov.cn/ceb}', '')
    .replaceAll('{http://www.w3.org/2000/09/xmldsig#}', 'ds:')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The element a libxml2 diagnostic is about: named in the message, or the last step of its node path. */
function elementOf(d: ErrorDetail): string | undefined {
  const m = /^Element '(?:\{[^}]*\})?([^']+)'/.exec(d.message);
  if (m) return m[1]!.replace(/^[^:]*:/, '');
  const last = d.xpath?.split('/').pop();
  return last ? last.replace(/\[\d+\]$/, '').replace(/^[^:]*:/, '') : undefined;
}

/** Enough to fix a message; a hostile one could otherwise produce an error per element. */
export const MAX_ERRORS = 50;

export function toErrors(code: CebErrorCode, details: readonly ErrorDetail[], fallback: string): CebError[] {
  const errors = details
    .filter((d) => d.level >= 2)
    .slice(0, MAX_ERRORS)
    .map((d) => {
      const e: CebError = { code, message: tidy(d.message), line: d.line };
      const element = elementOf(d);
      if (element) e.element = element;
      if (d.xpath) e.path = d.xpath;
      return e;
    });
  return errors.length ? errors : [{ code, message: fallback }];
}

/**
 * Parse untrusted XML into a libxml2 document, or say why not. Never throws. Rejects anything over
 * `maxBytes` and any DTD (no entity expansion of any kind), before libxml2 allocates for it.
 */
export function readDocument(input: string | Uint8Array, limits: ReadLimits = {}): { ok: true; doc: XmlDocument } | Failure {
  try {
    if (typeof input !== 'string' && !(input instanceof Uint8Array)) return fail('ceb.not_well_formed', 'input is not text or bytes');
    const max = limits.maxBytes ?? DEFAULT_MAX_BYTES;
    if (isOver(input, max)) return fail('ceb.too_large', `message is over the limit of ${max} bytes`);
    if (input.length === 0) return fail('ceb.not_well_formed', 'message is empty');
    if (mentionsDtd(input)) return fail('ceb.dtd_forbidden', 'DTDs and entity declarations are not accepted');
    // A lone surrogate would reach libxml2 as U+FFFD but the mapper as itself: refuse it rather than differ.
    if (typeof input === 'string' && !(input as unknown as { isWellFormed(): boolean }).isWellFormed()) {
      return fail('ceb.not_well_formed', 'the text is not valid Unicode (a lone surrogate)');
    }
    // A JS string is already decoded: its bytes are UTF-8 whatever its declaration says. (fromBuffer on our
    // own encoding is also faster than fromString in libxml2-wasm 0.7.)
    const doc =
      typeof input === 'string'
        ? XmlDocument.fromBuffer(Buffer.from(input), { option: PARSE_OPTIONS, encoding: 'utf-8' })
        : XmlDocument.fromBuffer(input, { option: PARSE_OPTIONS });
    if (doc.dtd !== null) {
      doc.dispose();
      return fail('ceb.dtd_forbidden', 'DTDs and entity declarations are not accepted');
    }
    return { ok: true, doc };
  } catch (e) {
    if (e instanceof XmlLibError) return { ok: false, errors: toErrors('ceb.not_well_formed', e.details, 'not well-formed XML') };
    return fail('ceb.not_well_formed', e instanceof Error ? e.message : 'not well-formed XML');
  }
}

// ---- the compiled schemas --------------------------------------------------------------------------------

const VIRTUAL_DIR = '/cbec-ceb-xsd/';
let provided = false;
const compiled = new Map<string, { validator: XsdValidator; doc: XmlDocument }>();

function provideSchemas(): void {
  if (provided) return;
  const dir = xsdDir();
  const files: Record<string, Uint8Array> = {};
  for (const f of Object.values(xsdFiles)) files[VIRTUAL_DIR + f] = readFileSync(join(dir, f));
  // Only these exact virtual names resolve: the official schemas import xmldsig-core-schema.xsd by a
  // relative schemaLocation, and nothing else may be read through libxml2.
  xmlRegisterInputProvider(new XmlBufferInputProvider(files));
  provided = true;
}

/**
 * DESIGN.md §6: `ds:Signature` is optional at cbec's gateway, where the API key authenticates. The official
 * XSD requires it on some messages (CEB621/623/625/711), so the gateway validates against a copy made here
 * at load time with those occurrences relaxed to minOccurs="0"; nothing else differs from the official file.
 */
function relaxSignature(xsd: XmlDocument): void {
  for (let n = xsd.root.firstChild; n; n = n.next) {
    if (!(n instanceof XmlElement) || n.name !== 'element' || !/^CEB\d+Message$/.test(n.attr('name')?.value ?? '')) continue;
    const refs = n.find('./xs:complexType/xs:sequence/xs:element[@ref="ds:Signature"]', { xs: 'http://www.w3.org/2001/XMLSchema' });
    for (const ref of refs) if (ref instanceof XmlElement && !ref.attr('minOccurs')) ref.setAttr('minOccurs', '0');
  }
}

/** The installation is broken (schemas missing or unreadable): not the message's fault, so it is thrown. */
export class CebSetupError extends Error {
  override readonly name = 'CebSetupError';
}

/** The compiled validator for a schema; `strict` keeps the official file's required signatures. */
export function validatorFor(schema: SchemaName, strict = false): XsdValidator {
  const key = `${schema}:${strict ? 'strict' : 'gateway'}`;
  const hit = compiled.get(key);
  if (hit) return hit.validator;
  try {
    provideSchemas();
    const url = VIRTUAL_DIR + xsdFiles[schema];
    const doc = XmlDocument.fromBuffer(readFileSync(join(xsdDir(), xsdFiles[schema])), { url });
    if (!strict) relaxSignature(doc);
    // The schema document stays alive with the validator: compiled schemas may point into it.
    const validator = XsdValidator.fromDoc(doc);
    compiled.set(key, { validator, doc });
    return validator;
  } catch (e) {
    throw new CebSetupError(`cannot load the CEB ${schema} schema from ${xsdDir()}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
