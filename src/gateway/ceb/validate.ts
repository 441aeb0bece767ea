/**
 * The entry points over XML and JSON. Every path ends in the same place: the official XSD (with the gateway's
 * optional signature, see libxml.ts), so a message judged through POST /api/v1/ceb and through
 * POST /api/v1/messages gets the same verdict and the same element names in its errors.
 */
import { XmlLibError, type XmlDocument } from 'libxml2-wasm';
import { childDef } from './catalogue.js';
import type { ElementDef, MessageDef } from './catalogue.types.js';
import { CebSetupError, readDocument, toErrors, validatorFor, type ReadLimits } from './libxml.js';
import { mapDocument, rootMessage, sourceText } from './parse.js';
import { writeXml, type ToXmlOptions } from './to-xml.js';
import type { CebError, CebMessage, Failure, ParseResult, ValidateResult } from './types.js';

export interface ValidateOptions extends ReadLimits {
  /** Validate against the unmodified official XSD, where CEB621/623/625/711 require `ds:Signature`. */
  strictSignature?: boolean;
}

interface Located {
  /** JSON path of the element libxml2 reported, and the sequence it sits in. */
  path: string;
  siblings: readonly ElementDef[];
  parentPath: string;
}

/** Follow libxml2's node path (/ceb:CEB311Message/ceb:Order[2]/ceb:OrderHead) through the catalogue. */
export function locate(xpath: string, def: MessageDef): Located | undefined {
  const steps = xpath.split('/').filter(Boolean).slice(1);
  let siblings = def.children;
  let parentPath = '';
  let path = '';
  for (const [i, step] of steps.entries()) {
    const m = /^(?:[^:[]+:)?([^[]+)(?:\[(\d+)\])?$/.exec(step);
    const el = m && childDef(siblings, m[1]!);
    if (!el) return undefined;
    parentPath = path;
    const name = el.max > 1 ? `${el.name}[${Number(m[2] ?? '1') - 1}]` : el.name;
    path = path ? `${path}.${name}` : name;
    if (i < steps.length - 1) {
      if (!el.children) return undefined;
      siblings = el.children;
    }
  }
  return steps.length ? { path, siblings, parentPath } : { path: '', siblings: [], parentPath: '' };
}

const expectedNames = (message: string): string[] =>
  /Expected is(?: one of)? \(([^)]*)\)/.exec(message)?.[1]!.split(',').map((n) => n.trim().replace(/^ds:/, '')) ?? [];

/**
 * libxml2 reports a missing element as a fault of its parent ("Missing child element(s)") or of the next
 * element present ("not expected. Expected is ( acturalPaid )"). The element at fault is the one it
 * expected: the first required one among those it lists.
 */
function refine(e: CebError, def: MessageDef): CebError {
  const at = e.path ? locate(e.path, def) : undefined;
  const out: CebError = { ...e };
  delete out.path;
  if (!at) return out;
  const expected = expectedNames(e.message);
  const missingChild = /Missing child element\(s\)/.test(e.message);
  const scope = missingChild ? childDef(at.siblings, e.element ?? '')?.children ?? (at.path === '' ? def.children : []) : at.siblings;
  const present = missingChild ? undefined : childDef(at.siblings, e.element ?? '');
  if (expected.length && (missingChild || present)) {
    const pick = expected.map((n) => childDef(scope, n)).find((d) => d && d.min > 0) ?? childDef(scope, expected[0]!);
    const base = missingChild ? at.path : at.parentPath;
    if (pick) {
      out.element = pick.name;
      out.path = base ? `${base}.${pick.name}` : pick.name;
      return out;
    }
  }
  if (at.path) out.path = at.path;
  return out;
}

function validateDocument(doc: XmlDocument, def: MessageDef, strict: boolean): Failure | undefined {
  const validator = validatorFor(def.schema, strict);
  try {
    validator.validate(doc);
    return undefined;
  } catch (e) {
    const errors =
      e instanceof XmlLibError
        ? toErrors('ceb.schema', e.details, 'the message does not match its schema')
        : [{ code: 'ceb.schema' as const, message: e instanceof Error ? e.message : 'schema validation failed' }];
    return { ok: false, errors: errors.map((x) => refine(x, def)) };
  }
}

function withDocument<T>(xml: string | Uint8Array, limits: ReadLimits, use: (doc: XmlDocument) => T | Failure): T | Failure {
  const read = readDocument(xml, limits);
  if (!read.ok) return read;
  try {
    return use(read.doc);
  } catch (e) {
    if (e instanceof CebSetupError) throw e;
    return { ok: false, errors: [{ code: 'ceb.not_well_formed', message: e instanceof Error ? e.message : String(e) }] };
  } finally {
    read.doc.dispose();
  }
}

/**
 * Parse CEB XML into the JSON form without schema validation. Never throws.
 * A UTF-8 byte-order mark is accepted; DTDs are not.
 */
export function parseMessage(xml: string | Uint8Array, limits: ReadLimits = {}): ParseResult {
  return withDocument(xml, limits, (doc) => mapDocument(doc, sourceText(xml, doc)));
}

/** Validate CEB XML against the official XSD of its message type (DESIGN.md §6: signature optional). */
export function validateXml(xml: string | Uint8Array, options: ValidateOptions = {}): ValidateResult {
  return withDocument(xml, options, (doc) => {
    const which = rootMessage(doc);
    if (!which.ok) return which;
    return validateDocument(doc, which.def, options.strictSignature ?? false) ?? { ok: true as const, messageType: which.def.type as CebMessage['messageType'] };
  });
}

/** Parse and validate in one pass over the bytes: the gateway's path for `POST /api/v1/ceb`. */
export function decodeXml(xml: string | Uint8Array, options: ValidateOptions = {}): ParseResult {
  return withDocument(xml, options, (doc) => {
    const which = rootMessage(doc);
    if (!which.ok) return which;
    return validateDocument(doc, which.def, options.strictSignature ?? false) ?? mapDocument(doc, sourceText(xml, doc));
  });
}

export type ValidJson = { ok: true; message: CebMessage; xml: string } | Failure;

/**
 * Check a JSON message (`POST /api/v1/messages`) exactly as its XML would be checked: JSON structure first
 * (errors carry JSON paths), then canonical XML, then the same XSD. On success `message` is the input
 * normalised (repeatable elements as arrays, `version` filled, nothing but XSD elements) and `xml` its XML.
 */
export function validateJson(input: unknown, options: ValidateOptions & ToXmlOptions = {}): ValidJson {
  const written = writeXml(input, options);
  if (!written.ok) return written;
  const checked = validateXml(written.xml, { ...options, maxBytes: Infinity });
  if (!checked.ok) {
    // Lines of XML the caller never saw mean nothing to them: the JSON path says where.
    return { ok: false, errors: checked.errors.map(({ line: _line, ...e }) => e) };
  }
  return { ok: true, message: written.message, xml: written.xml };
}
