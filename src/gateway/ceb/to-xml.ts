/**
 * The JSON form -> canonical CEB XML: elements in schema order, `ceb:` prefix, attributes guid then version,
 * no insignificant whitespace. The JSON is checked for what the XSD cannot see once it is XML (unknown field
 * names, arrays vs objects vs strings, characters XML cannot carry) with JSON paths in the errors; everything
 * else (required fields, lengths, digits, counts) is left to the XSD so both entry points judge alike.
 */
import { CEB_NS, childDef, isMessageType, messageDef } from './catalogue.js';
import type { ElementDef } from './catalogue.types.js';
import { MAX_ERRORS, readDocument } from './libxml.js';
import type { CebError, CebMessage, CebNode, CebValue, Failure, XmlResult } from './types.js';

export interface ToXmlOptions {
  /** A `ds:Signature` element as text, placed where the message's XSD puts it. */
  signature?: string;
  /** Leaf elements to write as CDATA sections instead of escaped text (CEB900 `oriBizMessage`, as the spec shows). */
  cdata?: readonly string[];
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const ROOT_KEYS = new Set(['messageType', 'guid', 'version']);

// Characters XML 1.0 cannot carry even as references: controls other than tab/LF/CR, lone surrogates, FFFE/FFFF.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<>"\t\n\r]/;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Escape text content; CR is written as a reference so that parsing gives it back unchanged. */
export const escapeText = (s: string): string => (TEXT_SPECIAL.test(s) ? s.replace(/[&<>\r]/g, (c) => ENTITY[c]!) : s);
export const escapeAttr = (s: string): string => (ATTR_SPECIAL.test(s) ? s.replace(/[&<>"\t\n\r]/g, (c) => ENTITY[c]!) : s);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

const NO_CDATA: ReadonlySet<string> = new Set();
const cdataSection = (s: string) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

class Writer {
  readonly parts: string[] = [];
  readonly errors: CebError[] = [];

  constructor(private readonly cdata: ReadonlySet<string>) {}

  error(path: string, element: string, message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ code: 'ceb.json_structure', message: `${path}: ${message}`, element, path });
  }

  text(path: string, name: string, v: unknown): string | undefined {
    if (typeof v !== 'string') {
      this.error(path, name, `must be a string, not ${kind(v)}`);
      return undefined;
    }
    if (NOT_XML.test(v)) {
      this.error(path, name, 'contains a character that XML cannot carry');
      return undefined;
    }
    return v;
  }

  /** A raw XML fragment (xs:any content, a signature): must be well-formed on its own. */
  fragment(path: string, name: string, v: unknown): string | undefined {
    const raw = this.text(path, name, v);
    if (raw === undefined || raw === '') return raw;
    const probe = readDocument(`<r xmlns:ceb="${CEB_NS}">${raw}</r>`);
    if (!probe.ok) {
      this.error(path, name, `must be well-formed XML: ${probe.errors[0]?.message ?? ''}`);
      return undefined;
    }
    probe.doc.dispose();
    return raw;
  }

  /** Write a complex element's children in schema order; returns them normalised (arrays where repeatable). */
  node(obj: Record<string, unknown>, children: readonly ElementDef[], path: string, signature?: string): CebNode {
    for (const key of Object.keys(obj)) {
      if (path === '' && ROOT_KEYS.has(key)) continue;
      const def = childDef(children, key);
      const here = path ? `${path}.${key}` : key;
      if (!def) this.error(here, key, 'is not an element of this message');
      else if (def.signature) this.error(here, key, 'the signature is not part of the JSON form');
    }
    const out: CebNode = {};
    for (const def of children) {
      if (def.signature) {
        if (signature !== undefined) this.parts.push(signature);
        continue;
      }
      const v = obj[def.name];
      if (v === undefined) continue;
      const written = this.element(def, v, path ? `${path}.${def.name}` : def.name);
      if (written !== undefined) out[def.name] = written;
    }
    return out;
  }

  element(def: ElementDef, v: unknown, path: string): CebValue | undefined {
    const name = def.name;
    if (def.leaf || def.any) {
      const s = def.leaf ? this.text(path, name, v) : this.fragment(path, name, v);
      if (s === undefined) return undefined;
      const content = !def.leaf ? s : this.cdata.has(name) && s !== '' ? cdataSection(s) : escapeText(s);
      this.parts.push(`<ceb:${name}>${content}</ceb:${name}>`);
      return s;
    }
    if (Array.isArray(v)) {
      if (def.max <= 1) {
        this.error(path, name, 'must be an object, not an array (it occurs once)');
        return undefined;
      }
      return v.map((item, i) => this.complex(def, item, `${path}[${i}]`));
    }
    // A single object is accepted where the XSD allows repetition (DESIGN.md §6 writes "Order":{...}).
    const one = this.complex(def, v, path);
    return def.max > 1 ? [one] : one;
  }

  complex(def: ElementDef, v: unknown, path: string): CebNode {
    if (!isObject(v)) {
      this.error(path, def.name, `must be an object, not ${kind(v)}`);
      return {};
    }
    this.parts.push(`<ceb:${def.name}>`);
    const out = this.node(v, def.children!, path);
    this.parts.push(`</ceb:${def.name}>`);
    return out;
  }
}

export type Written = { ok: true; xml: string; message: CebMessage } | Failure;

/** toXml, also returning the message normalised: repeatable elements as arrays, `version` filled. */
export function writeXml(input: unknown, options: ToXmlOptions = {}): Written {
  const w = new Writer(options.cdata ? new Set(options.cdata) : NO_CDATA);
  let message: CebMessage | undefined;
  try {
    if (!isObject(input)) {
      w.error('$', '', `a message must be an object, not ${kind(input)}`);
      return { ok: false, errors: w.errors };
    }
    const type = input['messageType'];
    if (!isMessageType(type)) {
      w.error('messageType', 'messageType', `unknown message type ${JSON.stringify(type)}`);
      return { ok: false, errors: w.errors };
    }
    const def = messageDef(type);
    const guid = input['guid'] === undefined ? undefined : w.text('guid', 'guid', input['guid']);
    const version = input['version'] === undefined ? '1.0' : w.text('version', 'version', input['version']);
    if (options.signature !== undefined && def.signature === 'none') w.error('signature', 'Signature', `${type} carries no signature`);
    const signature = options.signature === undefined ? undefined : w.fragment('signature', 'Signature', options.signature);
    w.parts.push(`${DECLARATION}<ceb:${def.root} xmlns:ceb="${CEB_NS}"`);
    if (guid !== undefined) w.parts.push(` guid="${escapeAttr(guid)}"`);
    if (version !== undefined) w.parts.push(` version="${escapeAttr(version)}"`);
    w.parts.push('>');
    const tree = w.node(input, def.children, '', signature);
    w.parts.push(`</ceb:${def.root}>`);
    message = { messageType: type, guid: guid ?? '', version: version ?? '', ...tree };
  } catch (e) {
    // Hostile shapes (getters that throw, proxies) end here rather than in the caller.
    w.error('$', '', `cannot read the message: ${e instanceof Error ? e.message : String(e)}`);
  }
  return w.errors.length || !message ? { ok: false, errors: w.errors } : { ok: true, xml: w.parts.join(''), message };
}

/**
 * Serialise a JSON message to canonical XML, or list what in the JSON cannot become that message.
 * Never throws. Required fields and facets are not checked here: validate the XML (validateJson does).
 */
export function toXml(input: unknown, options: ToXmlOptions = {}): XmlResult {
  const r = writeXml(input, options);
  return r.ok ? { ok: true, xml: r.xml } : r;
}
