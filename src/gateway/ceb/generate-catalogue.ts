/**
 * Regenerates catalogue.generated.ts from the bundled official XSDs (data/ceb/xsd), so the codec's idea of
 * each message can never drift from the schema it validates against. Run after replacing the XSDs:
 *   npx tsx src/gateway/ceb/generate-catalogue.ts
 * The output is committed: the app does not read the XSD structure at run time except to validate.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { XmlDocument, XmlElement } from 'libxml2-wasm';
import type { ElementDef, LeafType, MessageDef, SchemaName } from './catalogue.types.js';
import { xsdDir, xsdFiles } from './paths.js';

const XS = 'http://www.w3.org/2001/XMLSchema';

const childElements = (el: XmlElement): XmlElement[] => {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.next) if (n instanceof XmlElement && n.namespaceUri === XS) out.push(n);
  return out;
};
const child = (el: XmlElement, name: string) => childElements(el).find((c) => c.name === name);
const attr = (el: XmlElement, name: string) => el.attr(name)?.value;

function docOf(el: XmlElement): string | undefined {
  const d = child(el, 'annotation');
  const text = d && child(d, 'documentation')?.content;
  return text ? text.replace(/\s+/g, ' ').trim() : undefined;
}

function occurs(el: XmlElement): { min: number; max: number } {
  const min = Number(attr(el, 'minOccurs') ?? '1');
  const rawMax = attr(el, 'maxOccurs') ?? '1';
  return { min, max: rawMax === 'unbounded' ? Infinity : Number(rawMax) };
}

function leafOf(restriction: XmlElement): LeafType {
  const base = attr(restriction, 'base');
  const leaf: Record<string, unknown> = { base: base === 'xs:decimal' ? 'decimal' : base === 'xs:int' ? 'int' : 'string' };
  if (base !== 'xs:string' && base !== 'xs:decimal' && base !== 'xs:int') throw new Error(`unsupported base ${base}`);
  for (const f of childElements(restriction)) {
    const v = attr(f, 'value') ?? '';
    if (f.name === 'pattern' || f.name === 'whiteSpace') leaf[f.name] = v;
    else if (['length', 'minLength', 'maxLength', 'totalDigits', 'fractionDigits'].includes(f.name)) leaf[f.name] = Number(v);
    else throw new Error(`unsupported facet ${f.name}`);
  }
  return leaf as unknown as LeafType;
}

/** A schema's global elements, and the shared child lists already emitted (one const per global). */
class SchemaReader {
  readonly globals = new Map<string, XmlElement>();
  readonly shared = new Map<string, ElementDef[]>();
  constructor(
    readonly name: SchemaName,
    readonly root: XmlElement,
  ) {
    for (const el of childElements(root)) if (el.name === 'element') this.globals.set(attr(el, 'name')!, el);
  }

  element(el: XmlElement): ElementDef {
    const { min, max } = occurs(el);
    const ref = attr(el, 'ref');
    if (ref === 'ds:Signature') return { name: 'Signature', min, max, signature: true };
    if (ref) {
      const local = ref.replace(/^ceb:/, '');
      const global = this.globals.get(local);
      if (!global) throw new Error(`unresolved ref ${ref}`);
      return { ...this.content(local, global, true), min, max };
    }
    return { ...this.content(attr(el, 'name')!, el, false), min, max };
  }

  private content(name: string, el: XmlElement, global: boolean): Omit<ElementDef, 'min' | 'max'> {
    const doc = docOf(el);
    const base = doc === undefined ? { name } : { name, doc };
    const type = attr(el, 'type');
    if (type === 'xs:int') return { ...base, leaf: { base: 'int' } };
    if (type === 'xs:string') return { ...base, leaf: { base: 'string' } };
    if (type === 'ceb:XMLElement') return { ...base, any: true };
    if (type) throw new Error(`unsupported type ${type} on ${name}`);
    const simple = child(el, 'simpleType');
    if (simple) return { ...base, leaf: leafOf(child(simple, 'restriction')!) };
    const complex = child(el, 'complexType');
    const seq = complex && child(complex, 'sequence');
    if (!seq) throw new Error(`no content model for ${name}`);
    if (global && this.shared.has(name)) return { ...base, children: this.shared.get(name)! };
    const children = childElements(seq).map((c) => {
      if (c.name !== 'element') throw new Error(`unsupported ${c.name} in ${name}`);
      return this.element(c);
    });
    if (global) this.shared.set(name, children);
    return { ...base, children };
  }

  messages(): MessageDef[] {
    const out: MessageDef[] = [];
    for (const [root, el] of this.globals) {
      const m = /^(CEB\d{3})Message$/.exec(root);
      if (!m) continue;
      const children = childElements(child(child(el, 'complexType')!, 'sequence')!).map((c) => this.element(c));
      const sig = children.find((c) => c.signature);
      const signature = !sig ? 'none' : sig.min === 0 ? 'optional' : 'required';
      out.push({ type: m[1]!, root, schema: this.name, doc: docOf(el) ?? '', children, signature });
    }
    return out;
  }
}

// ---- emit TypeScript -------------------------------------------------------------------------------------

const lit = (v: unknown): string =>
  v === Infinity ? 'Infinity' : typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(v);
const obj = (o: object): string =>
  `{ ${Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${lit(v)}`)
    .join(', ')} }`;

function emitElement(e: ElementDef, sharedNames: Map<readonly ElementDef[], string>, indent: string): string {
  const head = obj({ name: e.name, min: e.min, max: e.max, doc: e.doc }).slice(0, -2);
  if (e.signature) return `${indent}${head}, signature: true },`;
  if (e.any) return `${indent}${head}, any: true },`;
  if (e.leaf) return `${indent}${head}, leaf: ${obj(e.leaf)} },`;
  const shared = sharedNames.get(e.children!);
  if (shared) return `${indent}${head}, children: ${shared} },`;
  return `${indent}${head}, children: [\n${e.children!.map((c) => emitElement(c, sharedNames, indent + '  ')).join('\n')}\n${indent}] },`;
}

/** The catalogue source for the bundled XSDs. */
export function generate(): string {
  const dir = xsdDir();
  const readers = (['import', 'export'] as const).map((name) => {
    const doc = XmlDocument.fromBuffer(readFileSync(join(dir, xsdFiles[name])));
    return { reader: new SchemaReader(name, doc.root), doc };
  });
  const messages = readers.flatMap(({ reader }) => reader.messages());
  const out: string[] = [
    '/* Generated by generate-catalogue.ts from the official CEB 202205 XSDs in data/ceb/xsd. Do not edit. */',
    "import type { ElementDef, MessageDef } from './catalogue.types.js';",
    '',
  ];
  const sharedNames = new Map<readonly ElementDef[], string>();
  // Shared child lists become one const each, emitted before anything that refers to them.
  const emitShared = (reader: SchemaReader, name: string, kids: readonly ElementDef[]) => {
    if (sharedNames.has(kids)) return;
    for (const k of kids) {
      const inner = k.children && [...reader.shared].find(([, v]) => v === k.children);
      if (inner) emitShared(reader, inner[0], inner[1]);
    }
    const constName = `${reader.name}${name}`;
    out.push(`const ${constName}: readonly ElementDef[] = [\n${kids.map((k) => emitElement(k, sharedNames, '  ')).join('\n')}\n];`, '');
    sharedNames.set(kids, constName);
  };
  for (const { reader } of readers) for (const [name, kids] of reader.shared) emitShared(reader, name, kids);
  messages.sort((a, b) => a.type.localeCompare(b.type));
  out.push('/** Every message type the official import and export XSDs define. */');
  out.push(`export const messageTypeList = [${messages.map((m) => lit(m.type)).join(', ')}] as const;`, '');
  out.push('export type MessageType = (typeof messageTypeList)[number];', '');
  // Receipts, tax bills, summary results and CEB900: a root with one entity and no BaseTransfer.
  const receipts = messages.filter((m) => m.children.length === 1);
  out.push('/** Messages that cbec (in the customs\' place) builds: receipts, tax bills, summary results, CEB900. */');
  out.push(`export const receiptTypeList = [${receipts.map((m) => lit(m.type)).join(', ')}] as const;`, '');
  out.push('export type ReceiptType = (typeof receiptTypeList)[number];', '');
  out.push('/** Every message the official import and export XSDs define, by message type. */');
  out.push('export const catalogueData: Readonly<Record<MessageType, MessageDef>> = {');
  for (const m of messages) {
    out.push(`  ${m.type}: {`);
    out.push(`    type: ${lit(m.type)}, root: ${lit(m.root)}, schema: ${lit(m.schema)}, signature: ${lit(m.signature)},`);
    out.push(`    doc: ${lit(m.doc)},`);
    out.push(`    children: [\n${m.children.map((c) => emitElement(c, sharedNames, '      ')).join('\n')}\n    ],`);
    out.push('  },');
  }
  out.push('};', '');
  for (const { doc } of readers) doc.dispose();
  return out.join('\n');
}

export const catalogueFile = join(dirname(fileURLToPath(import.meta.url)), 'catalogue.generated.ts');

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(catalogueFile, generate());
  console.log(`wrote ${catalogueFile}`);
}
