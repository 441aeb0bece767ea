/**
 * XML -> the JSON form of DESIGN.md §6, driven by the catalogue: element names as in the XSD, leaf values as
 * the exact text (never trimmed or converted), an element the XSD lets repeat always an array, and the
 * `ds:Signature` block kept aside as text for a later verifier. What the JSON form cannot hold (an unknown
 * root or element, a non-repeatable element twice, elements inside a leaf) is an error, never dropped.
 *
 * The text is read by xml-scan.ts after libxml2 has accepted it; libxml2's DOM is asked only for the rare
 * parts that must be reproduced as standalone XML (the signature, ExtendMessage content).
 */
import { XmlElement, type XmlDocument } from 'libxml2-wasm';
import { CEB_NS, DS_NS, childrenByName, messageByRoot } from './catalogue.js';
import type { ElementDef, MessageDef } from './catalogue.types.js';
import { MAX_ERRORS } from './libxml.js';
import type { CebError, CebMessage, CebNode, Failure, ParseResult } from './types.js';
import { lineAt, scan, type ScanHandler } from './xml-scan.js';

/** The document's text as a JS string: the input itself, or its bytes decoded as libxml2 decoded them. */
export function sourceText(input: string | Uint8Array, doc: XmlDocument): string {
  if (typeof input === 'string') return input;
  const b = input;
  const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  const other = (b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0xff && b[1] === 0xfe) || b[0] === 0x00 || b[1] === 0x00;
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 200)).toString('latin1');
  const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1];
  if (!other && (bom || declared === undefined || /^utf-?8$/i.test(declared))) {
    return new TextDecoder('utf-8').decode(bom ? b.subarray(3) : b);
  }
  // Another encoding: let libxml2, which decoded it, write it out again as UTF-8.
  return doc.toString({ format: false });
}

/** The libxml2 element child with this name (for the few parts read from the DOM). */
function domChild(el: XmlElement | undefined, ns: string, local: string): XmlElement | undefined {
  for (let n = el?.firstChild ?? null; n; n = n.next) if (n instanceof XmlElement && n.name === local && n.namespaceUri === ns) return n;
  return undefined;
}

/** Standalone XML of an element's children: inclusive C14N declares the namespaces they inherit. */
function canonicalChildren(el: XmlElement | undefined): string {
  const out: string[] = [];
  for (let n = el?.firstChild ?? null; n; n = n.next) if (n instanceof XmlElement) out.push(n.canonicalizeToString());
  return out.join('');
}

const NODE = 0;
const LEAF = 1;
const SKIP = 2;
const NO_CHILDREN: ReadonlyMap<string, ElementDef> = new Map();

/** What the mapper knows about an open element. SKIP frames are read from the DOM or reported. */
class Frame {
  kind = SKIP;
  name = '';
  index = -1;
  children: ReadonlyMap<string, ElementDef> = NO_CHILDREN;
  out: CebNode = {};
  text = '';
  hasChildren = false;
}

/**
 * Builds the JSON form while xml-scan reads the text, with no intermediate tree. Frames are reused by depth:
 * this runs for every element of every message on the ingestion path.
 */
class Mapper implements ScanHandler {
  readonly errors: CebError[] = [];
  private readonly frames: Frame[] = [];
  private depth = 0;
  def: MessageDef | undefined;
  readonly root: CebNode = {};
  rootAttrs: Record<string, string> | undefined;
  signature: string | undefined;
  unknownRoot: Failure | undefined;

  constructor(
    readonly source: string,
    readonly doc: XmlDocument,
  ) {}

  private line = 1;
  private lineScanned = 0;

  /** Line of an offset; offsets only grow while scanning, so lines are counted once. */
  private lineOf(offset: number): number {
    for (let i = this.source.indexOf('\n', this.lineScanned); i >= 0 && i < offset; i = this.source.indexOf('\n', i + 1)) {
      this.line++;
      this.lineScanned = i + 1;
    }
    return this.line;
  }

  private path(extra?: string): string {
    const parts = this.frames.slice(1, this.depth).map((f) => (f.index >= 0 ? `${f.name}[${f.index}]` : f.name));
    if (extra !== undefined) parts.push(extra);
    return parts.join('.');
  }

  private error(local: string, offset: number, message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ code: 'ceb.schema', message, line: this.lineOf(offset), element: local, path: this.path(local) });
  }

  private push(kind: number, name: string, children: ReadonlyMap<string, ElementDef>, out: CebNode, index = -1): void {
    const f = this.frames[this.depth] ?? (this.frames[this.depth] = new Frame());
    this.depth++;
    f.kind = kind;
    f.name = name;
    f.index = index;
    f.children = children;
    f.out = out;
    f.text = '';
    f.hasChildren = false;
  }

  start(ns: string, local: string, prefix: string, attrs: Record<string, string> | undefined, offset: number): void {
    if (this.depth === 0) return this.startRoot(ns, local, attrs, offset);
    const parent = this.frames[this.depth - 1]!;
    parent.hasChildren = true;
    const out = parent.out;
    if (parent.kind !== NODE) return this.push(SKIP, local, NO_CHILDREN, out);
    const def = parent.children.get(local);
    if (def === undefined || ns !== CEB_NS || def.signature) {
      if (local === 'Signature' && ns === DS_NS && def?.signature) this.readSignature(offset);
      else this.error(local, offset, `element ${prefix ? `${prefix}:` : ''}${local} is not allowed here`);
      return this.push(SKIP, local, NO_CHILDREN, out);
    }
    const existing = out[local];
    if (def.max <= 1 && existing !== undefined) {
      this.error(local, offset, `element ${local} occurs more than once`);
      return this.push(SKIP, local, NO_CHILDREN, out);
    }
    if (def.leaf) return this.push(LEAF, local, NO_CHILDREN, out);
    if (def.any) {
      // ExtendMessage occurs at most once, at the root, and holds one Message: read that from the DOM.
      out[local] = canonicalChildren(domChild(domChild(this.doc.root, CEB_NS, parent.name), CEB_NS, local));
      return this.push(SKIP, local, NO_CHILDREN, out);
    }
    const node: CebNode = {};
    const children = childrenByName(def.children!);
    if (def.max > 1) {
      const list = (existing as CebNode[] | undefined) ?? (out[local] = []);
      list.push(node);
      return this.push(NODE, local, children, node, list.length - 1);
    }
    out[local] = node;
    this.push(NODE, local, children, node);
  }

  private readSignature(offset: number): void {
    if (this.signature !== undefined) this.error('Signature', offset, 'element ds:Signature occurs more than once');
    else this.signature = domChild(this.doc.root, DS_NS, 'Signature')?.canonicalizeToString() ?? '';
  }

  private startRoot(ns: string, local: string, attrs: Record<string, string> | undefined, offset: number): void {
    this.def = ns === CEB_NS ? messageByRoot(local) : undefined;
    if (!this.def) {
      const name = ns ? `{${ns}}${local}` : local;
      const line = lineAt(this.source, offset);
      this.unknownRoot = { ok: false, errors: [{ code: 'ceb.unknown_message', message: `unknown message root ${name}`, line, element: local }] };
      throw this.unknownRoot;
    }
    this.rootAttrs = attrs;
    this.push(NODE, local, childrenByName(this.def.children), this.root);
  }

  text(t: string): void {
    const top = this.frames[this.depth - 1]!;
    if (top.kind === LEAF) top.text = top.text === '' ? t : top.text + t;
  }

  end(): void {
    const f = this.frames[this.depth - 1]!;
    if (f.kind === LEAF) {
      if (f.hasChildren && this.errors.length < MAX_ERRORS) this.errors.push({ code: 'ceb.schema', message: `element ${f.name} holds text only, not elements`, element: f.name, path: this.path() });
      f.out[f.name] = f.text;
    }
    this.depth--;
  }
}

/**
 * Map a document libxml2 has parsed (and possibly validated) to the JSON form. `text` is the same document
 * as a string (see sourceText). The document stays owned, and disposed, by the caller.
 */
export function mapDocument(doc: XmlDocument, text: string): ParseResult {
  const m = new Mapper(text, doc);
  try {
    scan(text, m);
  } catch (e) {
    if (e === m.unknownRoot && m.unknownRoot) return m.unknownRoot;
    return { ok: false, errors: [{ code: 'ceb.not_well_formed', message: e instanceof Error ? e.message : String(e) }] };
  }
  if (m.errors.length) return { ok: false, errors: m.errors };
  const message: CebMessage = {
    messageType: m.def!.type as CebMessage['messageType'],
    guid: m.rootAttrs?.['guid'] ?? '',
    version: m.rootAttrs?.['version'] ?? '',
    ...m.root,
  };
  return m.signature === undefined ? { ok: true, message } : { ok: true, message, signature: m.signature };
}

/** Which catalogue message the document's root is, read from libxml2's DOM (for validation only). */
export function rootMessage(doc: XmlDocument): { ok: true; def: MessageDef } | Failure {
  const root = doc.root;
  const def = root.namespaceUri === CEB_NS ? messageByRoot(root.name) : undefined;
  if (def) return { ok: true, def };
  const name = root.namespaceUri ? `{${root.namespaceUri}}${root.name}` : root.name;
  return { ok: false, errors: [{ code: 'ceb.unknown_message', message: `unknown message root ${name}`, line: root.line, element: root.name }] };
}
