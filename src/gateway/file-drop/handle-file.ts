/**
 * One inbox file through the file-drop gateway: decode (parse + XSD), check the sender against the
 * enterprises this gateway serves, ingest, write the receipts, and only then acknowledge (delete) the file.
 * A bad file never reaches the database: it is refused with a CEB900 in the outbox and moved to the failed
 * folder. Failures of the machinery (database, disk) are thrown, leaving the file in the inbox for a retry.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isAppError } from '../../kernel/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import { KINDS, type DocReceipt } from '../../modules/clearance/index.js';
import { ceb900 } from '../messages.routes.js';
import { decodeXml, DEFAULT_MAX_BYTES, type CebError, type CebErrorCode, type CebMessage, type CebNode } from '../ceb/index.js';
import { acknowledge, isMissing, moveAside, syncDir, writeAtomic } from './folders.js';
import type { FileDropPlatform, Sender } from './types.js';

export interface FileContext {
  platform: FileDropPlatform;
  inbox: string;
  outbox: string;
  failed: string;
  /** The served enterprises by customs code and by USCC, as BaseTransfer.copCode may name either. */
  senders: ReadonlyMap<string, Sender>;
}

export type Outcome =
  | { kind: 'accepted'; messageType: string; receipts: Array<{ messageType: string; returnStatus: string; file: string }> }
  | { kind: 'refused'; messageType: string | undefined; file: string; movedTo: string; reason: string }
  /** The file disappeared between the poll and the read: someone else took it. */
  | { kind: 'gone' };

/**
 * The file-drop's own refusal codes ride in CebError's code slot, which ceb900() only prints; the codec's
 * union stays the codec's.
 */
const FILE_DROP_CODES = { senderNotServed: 'filedrop.sender_not_served', refused: 'filedrop.refused' } as const;
const ownCode = (code: (typeof FILE_DROP_CODES)[keyof typeof FILE_DROP_CODES]) => code as unknown as CebErrorCode;

export async function handleFile(ctx: FileContext, name: string, size: number): Promise<Outcome> {
  const path = join(ctx.inbox, name);
  // Refused before reading: the codec would refuse it too, after holding all of it in memory.
  if (size > DEFAULT_MAX_BYTES) {
    return refuse(ctx, name, [{ code: 'ceb.too_large', message: `the file has ${size} bytes; at most ${DEFAULT_MAX_BYTES} are read` }], {});
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    if (isMissing(e)) return { kind: 'gone' };
    throw e;
  }

  const decoded = decodeXml(bytes);
  if (!decoded.ok) return refuse(ctx, name, decoded.errors, sniff(bytes));
  const message = decoded.message;
  const ori = { guid: message.guid, messageType: message.messageType };

  // Checked here rather than left to ingest, which would still write an audit record for the batch.
  if (!KINDS[message.messageType]) {
    const accepted = Object.keys(KINDS).join(', ');
    return refuse(ctx, name, [{ code: 'ceb.unknown_message', element: `${message.messageType}Message`, message: `${message.messageType} messages are not accepted by the file-drop gateway (it takes ${accepted})` }], ori);
  }

  const copCode = copCodeOf(message);
  const sender = ctx.senders.get(copCode);
  if (!sender) {
    const served = [...new Set([...ctx.senders.values()].map((s) => s.customsCode))].join(', ');
    return refuse(ctx, name, [{ code: ownCode(FILE_DROP_CODES.senderNotServed), element: 'copCode', path: 'BaseTransfer.copCode', message: `BaseTransfer.copCode "${copCode}" is not an enterprise this gateway serves (${served})` }], ori);
  }

  const principal: Principal = { kind: 'api_key', id: 'file-drop', name: 'file-drop', role: 'enterprise', enterpriseId: sender.id };
  let receipts: DocReceipt[];
  try {
    receipts = await ctx.platform.clearance.ingest.submit(principal, [message]);
  } catch (e) {
    // A domain error says this message can never pass: retrying it forever would block nothing but fill the log.
    if (isAppError(e) && e.kind !== 'unavailable' && e.kind !== 'rate_limited') {
      return refuse(ctx, name, [{ code: ownCode(FILE_DROP_CODES.refused), message: `${e.code}: ${e.text.en}` }], ori);
    }
    throw e;
  }

  // The transaction has committed. Receipts first, then the acknowledgement: a crash in between leaves the
  // file to be read again, and ingest answers a repeated guid with the original receipt, so nothing is lost
  // and nothing is stored twice.
  const base = baseName(name);
  const written: Array<{ messageType: string; returnStatus: string; file: string }> = [];
  for (const [i, r] of receipts.entries()) {
    const xml = r.xml || ceb900([{ code: 'ceb.unknown_message', message: r.returnInfo || 'no receipt for this document' }], ori, ctx.platform.clock.now());
    const type = r.xml ? r.messageType : 'CEB900';
    const file = `${type}_${base}_${i + 1}.xml`;
    await writeAtomic(ctx.outbox, file, xml);
    written.push({ messageType: type, returnStatus: r.xml ? r.returnStatus : '-1', file });
  }
  await syncDir(ctx.outbox);
  await acknowledge(path);
  return { kind: 'accepted', messageType: message.messageType, receipts: written };
}

/** CEB900 to the outbox, then the file to the failed folder: a crash in between only repeats the CEB900. */
async function refuse(ctx: FileContext, name: string, errors: CebError[], ori: { guid?: string; messageType?: string }): Promise<Outcome> {
  const file = `CEB900_${baseName(name)}_1.xml`;
  await writeAtomic(ctx.outbox, file, ceb900(errors, ori, ctx.platform.clock.now()));
  await syncDir(ctx.outbox);
  let movedTo: string;
  try {
    movedTo = await moveAside(join(ctx.inbox, name), ctx.failed, name);
  } catch (e) {
    if (isMissing(e)) return { kind: 'gone' };
    throw e;
  }
  const first = errors[0];
  const reason = first ? `${first.code}${first.element ? ` [${first.element}]` : ''}${first.line ? ` line ${first.line}` : ''}: ${first.message}` : 'format error';
  return { kind: 'refused', messageType: ori.messageType, file, movedTo, reason };
}

const baseName = (name: string) => name.replace(/\.xml$/i, '');

function copCodeOf(message: CebMessage): string {
  const transfer = message.BaseTransfer as CebNode | undefined;
  const code = transfer?.copCode;
  return typeof code === 'string' ? code.trim() : '';
}

/** The guid and message type of a file the codec could not read, for the CEB900's ori fields. */
function sniff(bytes: Buffer): { guid?: string; messageType?: string } {
  const head = bytes.subarray(0, 4096).toString('utf8');
  const guid = /guid="([^"]{1,64})"/.exec(head)?.[1];
  const messageType = /<(?:\w+:)?(CEB\d{3})Message/.exec(head)?.[1];
  return { ...(guid ? { guid } : {}), ...(messageType ? { messageType } : {}) };
}
