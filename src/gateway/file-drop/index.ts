/**
 * The file-drop gateway (`cbec gateway`): CEB XML messages arrive as files in an inbox, the way the single
 * window's transfer client exchanges them, and their receipts leave as files in an outbox.
 *
 * - Pick-up: `*.xml` only (temp names such as `*.tmp`, `*.part` and dot-files are left alone), once the
 *   file's size and mtime held across one poll interval, in name order. `--once` takes two polls one
 *   interval apart, handles what was complete and returns.
 * - Sender: `BaseTransfer.copCode` must name one of the enterprises the gateway was started for (filed and
 *   approved, checked at start); the folder is local and trusted like the transfer client, so no key.
 * - Good file: ingested, each receipt written as `<receiptType>_<file name without .xml>_<n>.xml` (temp name,
 *   fsync, rename), then the inbox file is deleted. Deleted rather than archived: the database keeps the
 *   document (personal data sealed, DESIGN.md §4) and the receipts, and a plaintext done/ copy would undo that.
 * - Bad file (not well-formed, schema-invalid, a message clearance does not take, a sender not served,
 *   refused by a domain rule): `CEB900_<name>_1.xml` in the outbox naming the element and problem, the file
 *   moved to the failed folder (never overwriting an earlier one), nothing written to the database.
 * - Crash safety: a file is deleted only after its transaction committed and its receipts are on disk; a
 *   file read again (after a crash, or dropped twice) gets its original receipt, as ingest is idempotent on guid.
 * - Database or disk failures leave the file in the inbox, retried with backoff (up to a minute); with
 *   `--once` they make the run fail (`filedrop.files_left`) so a scheduler notices.
 * Run one gateway per inbox.
 */
import { access, constants, mkdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { invalid, notFound, rejected, unavailable } from '../../kernel/errors.js';
import { handleFile, type FileContext } from './handle-file.js';
import { removeStaleTemps, snapshot, stableNames, type Seen } from './folders.js';
import type { FileDropOptions, FileDropPlatform, FileDropSummary, Sender } from './types.js';

export type { FileDropOptions, FileDropPlatform, FileDropSummary, Sender } from './types.js';

export interface FileDropLog {
  out(line: string): void;
  err(line: string): void;
}

const stdio: FileDropLog = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };
const PROGRESS_EVERY_FILES = 100;
const PROGRESS_EVERY_MS = 5_000;
const MAX_BACKOFF_MS = 60_000;

/**
 * Run the gateway until SIGINT/SIGTERM (or, with `once`, over what the inbox holds). Throws AppError for
 * setup problems only: a missing or shared folder, a bad interval, an enterprise unknown or not approved.
 */
export async function runFileDrop(platform: FileDropPlatform, options: FileDropOptions, log: FileDropLog = stdio): Promise<FileDropSummary> {
  const ctx = await setUp(platform, options);
  const interval = options.interval ?? 1000;
  const stale = await removeStaleTemps(ctx.outbox);
  if (stale > 0) log.out(`removed ${stale} unfinished temp file(s) from the outbox`);
  const names = [...new Set([...ctx.senders.values()].map((s) => `${s.customsCode} ${s.name}`))].join('; ');
  log.out(`file-drop gateway: ${ctx.inbox} -> ${ctx.outbox} (refused to ${ctx.failed}) for ${names}${options.once ? ', once' : `, every ${interval} ms`}`);

  const stop = { requested: false, wake: () => {} };
  const onSignal = () => {
    stop.requested = true;
    stop.wake();
  };
  if (!options.once) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  const total: FileDropSummary = { accepted: 0, refused: 0, left: 0 };
  // Files whose last attempt failed for want of the database or disk: not before this time, and how often.
  const retry = new Map<string, { attempts: number; notBefore: number }>();
  try {
    let previous = await snapshot(ctx.inbox);
    for (;;) {
      await sleep(interval, stop);
      if (stop.requested) break;
      const current = await snapshot(ctx.inbox);
      const ready = stableNames(previous, current).filter((n) => (retry.get(n)?.notBefore ?? 0) <= Date.now());
      await handleBatch(ctx, ready, current, retry, total, stop, log);
      previous = current;
      if (options.once) {
        total.left = (await snapshot(ctx.inbox)).size;
        break;
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  log.out(`file-drop gateway ${stop.requested ? 'stopped' : 'done'}: ${total.accepted} accepted, ${total.refused} refused${options.once ? `, ${total.left} left in the inbox` : ''}`);
  if (options.once && retry.size > 0) {
    throw unavailable('filedrop.files_left', { zh: `${retry.size} 个文件因数据库或磁盘故障留在收件目录，稍后重试`, en: `${retry.size} file(s) stayed in the inbox because the database or disk failed; run again` }, { files: [...retry.keys()] });
  }
  return total;
}

async function handleBatch(ctx: FileContext, ready: string[], seen: Map<string, Seen>, retry: Map<string, { attempts: number; notBefore: number }>, total: FileDropSummary, stop: { requested: boolean }, log: FileDropLog) {
  const started = Date.now();
  let lastProgress = started;
  for (const [i, name] of ready.entries()) {
    if (stop.requested) break; // finish the file in hand, never start another after a signal
    const t0 = Date.now();
    try {
      const outcome = await handleFile(ctx, name, seen.get(name)?.size ?? 0);
      const ms = Date.now() - t0;
      retry.delete(name);
      if (outcome.kind === 'accepted') {
        total.accepted += 1;
        log.out(`${stamp()} ${name} ${outcome.messageType} ${outcome.receipts.map((r) => `${r.messageType}:${r.returnStatus}`).join(',')} ${ms}ms`);
      } else if (outcome.kind === 'refused') {
        total.refused += 1;
        log.out(`${stamp()} ${name} ${outcome.messageType ?? '-'} CEB900:-1 ${ms}ms refused -> ${relative(ctx.inbox, outcome.movedTo)}: ${outcome.reason}`);
      } else {
        log.out(`${stamp()} ${name} - gone before it was read ${ms}ms`);
      }
    } catch (e) {
      const attempts = (retry.get(name)?.attempts ?? 0) + 1;
      const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempts - 1));
      retry.set(name, { attempts, notBefore: Date.now() + wait });
      log.err(`${stamp()} ${name} left in the inbox (attempt ${attempts}, next in ${wait} ms): ${e instanceof Error ? e.message : String(e)}`);
    }
    const now = Date.now();
    if (ready.length >= PROGRESS_EVERY_FILES && ((i + 1) % PROGRESS_EVERY_FILES === 0 || now - lastProgress >= PROGRESS_EVERY_MS)) {
      lastProgress = now;
      const rate = ((i + 1) * 1000) / Math.max(1, now - started);
      log.out(`progress: ${i + 1}/${ready.length} files, ${total.accepted} accepted, ${total.refused} refused, ${rate.toFixed(1)} files/s`);
    }
  }
}

/** Validate the folders and resolve the served enterprises: every problem here stops the gateway at start. */
async function setUp(platform: FileDropPlatform, options: FileDropOptions): Promise<FileContext> {
  const interval = options.interval ?? 1000;
  if (!Number.isInteger(interval) || interval < 10 || interval > 3_600_000) {
    throw invalid('filedrop.bad_interval', { zh: `轮询间隔须为 10 至 3600000 毫秒的整数：${options.interval}`, en: `--interval must be a whole number of ms from 10 to 3600000, got ${options.interval}` });
  }
  const inbox = await folder(options.inbox, '--inbox', constants.R_OK | constants.W_OK);
  const outbox = await folder(options.outbox, '--outbox', constants.W_OK);
  const codes = options.enterprise.split(',').map((c) => c.trim()).filter((c) => c.length > 0);
  if (codes.length === 0) throw invalid('filedrop.no_enterprise', { zh: '请用 --enterprise 指定至少一个企业海关编码或统一社会信用代码', en: 'name at least one enterprise (customs code or USCC) with --enterprise' });
  const senders = new Map<string, Sender>();
  for (const code of codes) {
    const e = await platform.registry.enterprises.byCode(code);
    if (!e) throw notFound('filedrop.unknown_enterprise', { zh: `没有海关编码或信用代码为 ${code} 的企业备案`, en: `no enterprise filing has the customs code or USCC ${code}` }, { code });
    if (!e.approved) throw rejected('filedrop.enterprise_not_approved', { zh: `企业 ${e.customsCode} 的备案尚未通过审核`, en: `the filing of ${e.customsCode} (${e.name}) is not approved` }, { code, status: e.status });
    const sender: Sender = { id: e.id, name: e.name, customsCode: e.customsCode, uscc: e.uscc };
    senders.set(e.customsCode, sender);
    senders.set(e.uscc, sender);
  }
  // Created only once everything else checked out, so a refused start leaves nothing behind.
  const failedPath = resolve(options.failed ?? join(inbox, '..', 'failed'));
  if (failedPath !== inbox && failedPath !== outbox) await mkdir(failedPath, { recursive: true });
  const failed = await folder(failedPath, '--failed', constants.W_OK);
  // Receipts written into the inbox would be read back as messages; refused files moved there, forever.
  if (new Set([inbox, outbox, failed]).size < 3) {
    throw invalid('filedrop.same_folder', { zh: '收件、发件与失败目录必须互不相同', en: '--inbox, --outbox and --failed must be three different folders' }, { inbox, outbox, failed });
  }
  return { platform, inbox, outbox, failed, senders };
}

async function folder(path: string, option: string, mode: number): Promise<string> {
  const problem = (why: string, whyZh: string) => invalid('filedrop.bad_folder', { zh: `${option} ${path}：${whyZh}`, en: `${option} ${path}: ${why}` }, { option, path });
  let real: string;
  try {
    real = await realpath(resolve(path));
    if (!(await stat(real)).isDirectory()) throw problem('not a folder', '不是目录');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw problem('no such folder', '目录不存在');
    throw e;
  }
  await access(real, mode).catch(() => {
    throw problem('not writable by this user', '当前用户无权读写');
  });
  return real;
}

const stamp = () => new Date().toISOString();

function sleep(ms: number, stop: { wake: () => void }): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    stop.wake = () => {
      clearTimeout(timer);
      done();
    };
  });
}
