/**
 * A streaming reader for text that libxml2 has already accepted as well-formed (and usually valid).
 * Walking libxml2-wasm's DOM crosses into WebAssembly for every node and name (about 3 µs per element), so
 * mapping a message through it cost more than parsing and validating together; reading the same text again
 * in JS, straight into the JSON form, is an order of magnitude cheaper. It is not a general XML parser: it
 * relies on libxml2 having rejected malformed input and DTDs, and it throws (never loops) on anything else.
 */

export interface ScanHandler {
  /** A start tag: resolved namespace URI, local name, prefix, attributes (xmlns ones excluded), offset. */
  start(ns: string, local: string, prefix: string, attrs: Record<string, string> | undefined, offset: number): void;
  /** Character data (text or CDATA) inside the current element, line ends and references resolved. */
  text(t: string): void;
  end(): void;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const ENTITIES = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

function decodeRef(_: string, ref: string): string {
  if (ref[0] !== '#') {
    const e = ENTITIES.get(ref);
    if (e === undefined) throw new Error(`unexpected entity &${ref};`);
    return e;
  }
  return String.fromCodePoint(ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
}

/** Text content: line ends normalised (XML 1.0 §2.11) before references are replaced. */
export function chars(raw: string): string {
  const t = raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n');
  return t.indexOf('&') < 0 ? t : t.replace(/&([^;]{1,10});/g, decodeRef);
}

/** Attribute values: tab and line ends also become spaces (XML 1.0 §3.3.3, CDATA attributes). */
function attrChars(raw: string): string {
  const t = /[\r\n\t]/.test(raw) ? raw.replace(/\r\n?|[\n\t]/g, ' ') : raw;
  return t.indexOf('&') < 0 ? t : t.replace(/&([^;]{1,10});/g, decodeRef);
}

const SPECIAL_IN_TAG = /[\s/"'=]/;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

function need(i: number, what: string): number {
  if (i < 0) throw new Error(`unterminated ${what}`);
  return i;
}

/** Read well-formed XML text, reporting elements and character data to `h`. Throws on a surprise. */
export function scan(s: string, h: ScanHandler): void {
  // Null-prototype scopes: a prefix such as `constructor` must not resolve through Object.prototype.
  const base = Object.create(null) as Record<string, string>;
  base['xml'] = XML_NS;
  base[''] = '';
  const scopes: Record<string, string>[] = [base];
  let depth = 0;
  let roots = 0;
  let i = s.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = s.length;
  while (i < n) {
    const lt = s.indexOf('<', i);
    if (lt !== i && depth > 0) h.text(chars(s.slice(i, lt < 0 ? n : lt)));
    if (lt < 0) break;
    const c = s.charCodeAt(lt + 1);
    if (c === 0x2f /* </ */) {
      i = need(s.indexOf('>', lt + 2), 'end tag') + 1;
      if (depth === 0) throw new Error('end tag without start');
      depth--;
      scopes.pop();
      h.end();
    } else if (c === 0x21 /* <! */) {
      if (s.startsWith('<!--', lt)) i = need(s.indexOf('-->', lt + 4), 'comment') + 3;
      else if (s.startsWith('<![CDATA[', lt)) {
        const end = need(s.indexOf(']]>', lt + 9), 'CDATA');
        if (depth > 0) h.text(s.slice(lt + 9, end).replace(/\r\n?/g, '\n'));
        i = end + 3;
      } else throw new Error('declarations are not accepted');
    } else if (c === 0x3f /* <? */) {
      i = need(s.indexOf('?>', lt + 2), 'processing instruction') + 2;
    } else {
      if (depth === 0 && roots++ > 0) throw new Error('more than one root element');
      i = startTag(s, lt, scopes, h);
      if (s.charCodeAt(i - 2) === 0x2f /* /> */) {
        scopes.pop();
        h.end();
      } else depth++;
    }
  }
  if (depth !== 0 || roots !== 1) throw new Error('no complete root element');
}

/** Read a start tag at `lt`, report it and push its namespace scope; returns the offset after '>'. */
function startTag(s: string, lt: number, scopes: Record<string, string>[], h: ScanHandler): number {
  // Fast path: most CEB tags are a bare qualified name (`<ceb:orderNo>`).
  const gt = need(s.indexOf('>', lt + 1), 'start tag');
  const bare = s.slice(lt + 1, gt);
  if (!SPECIAL_IN_TAG.test(bare)) {
    const scope = scopes[scopes.length - 1]!;
    const colon = bare.indexOf(':');
    const ns = scope[colon < 0 ? '' : bare.slice(0, colon)];
    if (ns === undefined) throw new Error(`undeclared prefix in ${bare}`);
    scopes.push(scope);
    h.start(ns, colon < 0 ? bare : bare.slice(colon + 1), colon < 0 ? '' : bare.slice(0, colon), undefined, lt);
    return gt + 1;
  }
  let i = lt + 1;
  let colon = -1;
  for (let c = s.charCodeAt(i); c !== 0x3e && c !== 0x2f && !isSpace(c); c = s.charCodeAt(++i)) {
    if (c === 0x3a && colon < 0) colon = i;
    if (i >= s.length) throw new Error('unterminated start tag');
  }
  const prefix = colon < 0 ? '' : s.slice(lt + 1, colon);
  const local = s.slice(colon < 0 ? lt + 1 : colon + 1, i);
  let attrs: Record<string, string> | undefined;
  let scope = scopes[scopes.length - 1]!;
  if (s.charCodeAt(i) === 0x3e) i += 1;
  else
    for (;;) {
      while (isSpace(s.charCodeAt(i))) i++;
      const ch = s.charCodeAt(i);
      if (ch === 0x3e) {
        i += 1;
        break;
      }
      if (ch === 0x2f) {
        i = need(s.indexOf('>', i), 'start tag') + 1;
        break;
      }
      if (Number.isNaN(ch)) throw new Error('unterminated start tag');
      const eq = need(s.indexOf('=', i), 'attribute');
      const name = s.slice(i, eq).trim();
      let q = eq + 1;
      while (isSpace(s.charCodeAt(q))) q++;
      const quote = s[q];
      if (quote !== '"' && quote !== "'") throw new Error('unquoted attribute');
      const close = need(s.indexOf(quote, q + 1), 'attribute value');
      const value = attrChars(s.slice(q + 1, close));
      i = close + 1;
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        if (scope === scopes[scopes.length - 1]) scope = Object.create(scope) as Record<string, string>;
        scope[name === 'xmlns' ? '' : name.slice(6)] = value;
      } else (attrs ??= Object.create(null) as Record<string, string>)[name] = value;
    }
  const ns = scope[prefix];
  if (ns === undefined) throw new Error(`undeclared prefix ${prefix}`);
  scopes.push(scope);
  h.start(ns, local, prefix, attrs, lt);
  return i;
}

/** 1-based line of an offset, counted only when an error needs it. */
export function lineAt(s: string, offset: number): number {
  let line = 1;
  for (let i = s.indexOf('\n'); i >= 0 && i < offset; i = s.indexOf('\n', i + 1)) line++;
  return line;
}
