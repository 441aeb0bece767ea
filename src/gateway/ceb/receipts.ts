/**
 * Builders for what cbec sends back in the customs' place: receipts (CEB312, CEB622, ...), tax bills
 * (CEB816/818), summary results (CEB792) and the CEB900 format-error receipt. Field sets come from the
 * official XSD through the catalogue; the output is validated against that XSD unless the caller opts out.
 */
import { newGuid } from '../../kernel/ids.js';
import { messageDef, receiptTypeList, type ReceiptType } from './catalogue.js';
import { CebSetupError } from './libxml.js';
import { cebTime } from './time.js';
import { toXml } from './to-xml.js';
import type { CebError, CebMessage, CebNode, Failure } from './types.js';
import { validateXml } from './validate.js';

export interface BuildOptions {
  /** The message guid (root attribute): a new upper-case UUID by default. */
  guid?: string;
  /** Root `version`, `1.0` by default. */
  version?: string;
  /** Check the output against the XSD (default true). Turn off only where the input is already trusted. */
  validate?: boolean;
}

export type BuildResult = { ok: true; xml: string; message: CebMessage } | Failure;

const receiptSet = new Set<string>(receiptTypeList);
export const isReceiptType = (t: unknown): t is ReceiptType => typeof t === 'string' && receiptSet.has(t);

/** The builders' inputs come from our own code, but a bad Date or a hostile object still ends as a value. */
function guarded(make: () => BuildResult): BuildResult {
  try {
    return make();
  } catch (e) {
    if (e instanceof CebSetupError) throw e;
    return { ok: false, errors: [{ code: 'ceb.json_structure', message: e instanceof Error ? e.message : String(e) }] };
  }
}

function build(message: CebMessage, options: BuildOptions, cdata?: readonly string[]): BuildResult {
  const built = toXml(message, cdata ? { cdata } : {});
  if (!built.ok) return built;
  if (options.validate !== false) {
    const checked = validateXml(built.xml, { maxBytes: Infinity });
    if (!checked.ok) return checked;
  }
  return { ok: true, xml: built.xml, message };
}

/**
 * Build a receipt-like message from the entries of its one entity, fields named as in the XSD:
 * `buildReceipt('CEB622', { guid, customsCode, ebpCode, ebcCode, agentCode, copNo, preNo, invtNo,
 * returnStatus, returnTime, returnInfo })`, `buildReceipt('CEB816', { TaxHeadRd: {...}, TaxListRd: [...] })`.
 * Several entries make one message (the XSD allows up to 100 in most receipts).
 */
export function buildReceipt(type: ReceiptType, entries: CebNode | readonly CebNode[], options: BuildOptions = {}): BuildResult {
  return guarded(() => receipt(type, entries, options));
}

function receipt(type: ReceiptType, entries: CebNode | readonly CebNode[], options: BuildOptions): BuildResult {
  if (!isReceiptType(type)) {
    return { ok: false, errors: [{ code: 'ceb.json_structure', message: `${String(type)} is not a receipt type`, path: 'messageType' }] };
  }
  const entity = messageDef(type).children[0]!;
  const list = Array.isArray(entries) ? [...(entries as readonly CebNode[])] : [entries as CebNode];
  const message: CebMessage = {
    messageType: type,
    guid: options.guid ?? newGuid(),
    version: options.version ?? '1.0',
    [entity.name]: entity.max > 1 ? list : list.length === 1 ? list[0] : list,
  };
  return build(message, options);
}

/** What a CEB900 says about a message that could not be parsed or failed its schema. */
export interface Ceb900Input {
  /** Why the message was refused: the codec's errors, or a sentence. */
  errors: readonly CebError[] | string;
  /** When it was refused (returnTime, Beijing time). */
  now: Date;
  /** The message as received, echoed in `oriBizMessage` (as a CDATA section, as the spec shows). */
  original?: string | Uint8Array;
  /** The refused message's guid; read from `original` when absent, a new one when unreadable. */
  oriGuid?: string;
  /** `CEB311Message`, ...; read from `original` when absent, `Unknown` when unreadable. */
  oriMessageType?: string;
  /** The transport message id (DXP copMsgId); empty over HTTP. */
  oriCopMsgId?: string;
  /** Below 0 means a format error (XSD note); `-1` by default. */
  returnStatus?: string;
  /** Bytes of `original` echoed at most (default 1 MiB): a CEB900 must not amplify a flood. */
  maxOriginalBytes?: number;
}

const RETURN_INFO_MAX = 5000;
// eslint-disable-next-line no-control-regex
const NOT_XML_G = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One line per problem, as people read them: element, message, line. */
export function describeErrors(errors: readonly CebError[]): string {
  return errors
    .map((e) => `${e.path ?? e.element ?? ''}${e.path || e.element ? ': ' : ''}${e.message}${e.line ? ` (line ${e.line})` : ''}`)
    .join('\n');
}

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

function originalText(original: string | Uint8Array | undefined, maxBytes: number): string {
  if (original === undefined) return '';
  const bytes = typeof original === 'string' ? Buffer.from(original) : original;
  const kept = bytes.byteLength > maxBytes ? bytes.subarray(0, maxBytes) : bytes;
  // Whatever arrived is echoed as text: undecodable bytes and characters XML cannot carry become U+FFFD.
  return new TextDecoder('utf-8').decode(kept).replace(/^\uFEFF/, '').replace(NOT_XML_G, '\uFFFD');
}

/** Best-effort look at a refused message's root: its message type and guid, if they can be read. */
export function sniffRoot(text: string): { messageType?: string; guid?: string } {
  const root = /<(?:[A-Za-z_][\w.-]*:)?(CEB\d{3}Message)\b([^>]*)>/.exec(text.slice(0, 4096));
  if (!root) return {};
  const guid = /\sguid\s*=\s*["']([^"'<>]{36})["']/.exec(root[2]!)?.[1];
  return guid ? { messageType: root[1]!, guid } : { messageType: root[1]! };
}

/**
 * Build the CEB900 format-error receipt (import XSD, MessageReturn: guid returnStatus returnInfo
 * returnTime oriCopMsgId oriMessageType oriBizMessage) for a message that could not be parsed or validated.
 */
export function buildCeb900(input: Ceb900Input, options: BuildOptions = {}): BuildResult {
  return guarded(() => ceb900(input, options));
}

function ceb900(input: Ceb900Input, options: BuildOptions): BuildResult {
  const text = originalText(input.original, input.maxOriginalBytes ?? 1024 * 1024);
  const sniffed = sniffRoot(text);
  const info = typeof input.errors === 'string' ? input.errors : describeErrors(input.errors);
  const oriType = input.oriMessageType ?? sniffed.messageType ?? 'Unknown';
  // The receipt must always be buildable, so what the caller or the sender supplied is only used if it fits.
  const oriGuid = input.oriGuid ?? sniffed.guid;
  const MessageReturn: CebNode = {
    guid: oriGuid?.length === 36 ? oriGuid : newGuid(),
    returnStatus: input.returnStatus ?? '-1',
    returnInfo: clip(info.replace(NOT_XML_G, '\uFFFD'), RETURN_INFO_MAX),
    returnTime: cebTime(input.now),
    oriCopMsgId: clip((input.oriCopMsgId ?? '').replace(NOT_XML_G, '\uFFFD'), 255),
    oriMessageType: clip(oriType.replace(NOT_XML_G, '\uFFFD'), 15),
    oriBizMessage: text,
  };
  const message: CebMessage = { messageType: 'CEB900', guid: options.guid ?? newGuid(), version: options.version ?? '1.0', MessageReturn };
  return build(message, options, ['oriBizMessage']);
}
