/**
 * The file-drop gateway's folder work: which inbox files are ready, and writes that a reader never sees
 * half done. Transfer clients (the single window's 智能传输客户端 and its kind) write a file under a temp
 * name and rename it when complete; cbec does the same in the outbox, and still waits for an inbox file's
 * size and mtime to hold across two polls, for clients that write in place.
 */
import { copyFile, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** What one poll saw of a file. */
export interface Seen {
  size: number;
  mtimeMs: number;
}

/** Temp files cbec leaves in the outbox while writing; never `*.xml`, so no reader picks them up. */
const TEMP_PREFIX = '.cbec-';
const TEMP_SUFFIX = '.tmp';

/**
 * An inbox name worth looking at: `*.xml` (any case). Temp names (`*.tmp`, `*.part`, `*.xml.tmp`) do not
 * end in `.xml`; dot-files are other tools' work in progress (rsync writes `.name.xml.XXXXXX`).
 */
export const isCandidate = (name: string): boolean => !name.startsWith('.') && /\.xml$/i.test(name);

/** The regular `*.xml` files in `dir` with their size and mtime. Files that vanish meanwhile are skipped. */
export async function snapshot(dir: string): Promise<Map<string, Seen>> {
  const seen = new Map<string, Seen>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile() || !isCandidate(entry.name)) continue;
    try {
      const s = await stat(join(dir, entry.name));
      seen.set(entry.name, { size: s.size, mtimeMs: s.mtimeMs });
    } catch (e) {
      if (!isMissing(e)) throw e;
    }
  }
  return seen;
}

/**
 * The files that did not change between two polls, in name order (code-unit order, the same on every
 * machine, so `20260601-0001.xml` comes before `20260601-0002.xml` whatever the locale).
 */
export function stableNames(previous: ReadonlyMap<string, Seen>, current: ReadonlyMap<string, Seen>): string[] {
  const ready: string[] = [];
  for (const [name, now] of current) {
    const before = previous.get(name);
    if (before && before.size === now.size && before.mtimeMs === now.mtimeMs) ready.push(name);
  }
  return ready.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Write `text` to `dir/name` so that the name appears only with the whole content: a temp file in the same
 * folder, flushed to disk, then renamed over the name (atomic on one file system).
 */
export async function writeAtomic(dir: string, name: string, text: string): Promise<void> {
  const temp = join(dir, `${TEMP_PREFIX}${process.pid}-${name}${TEMP_SUFFIX}`);
  const fh = await open(temp, 'w');
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(temp, join(dir, name));
}

/** Make the renames in `dir` durable before the inbox file is acknowledged (no-op where folders cannot be synced). */
export async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    // Windows and some network file systems refuse to sync a folder; the files themselves are synced.
  } finally {
    await fh?.close();
  }
}

/** Remove temp files a crashed run of cbec left in the outbox (they were never visible as `*.xml`). */
export async function removeStaleTemps(dir: string): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir)) {
    if (!name.startsWith(TEMP_PREFIX) || !name.endsWith(TEMP_SUFFIX)) continue;
    await unlink(join(dir, name)).catch(() => undefined);
    removed += 1;
  }
  return removed;
}

/**
 * Move `from` into `dir` under `name`, or `name` with `.1`, `.2`, ... before `.xml` when a refused file of
 * that name is already there: an earlier refusal is evidence and is never overwritten. Falls back to copy
 * and delete when `dir` is on another file system. Returns the path it went to.
 */
export async function moveAside(from: string, dir: string, name: string): Promise<string> {
  const dot = name.toLowerCase().endsWith('.xml') ? name.length - 4 : name.length;
  for (let n = 0; ; n++) {
    const target = join(dir, n === 0 ? name : `${name.slice(0, dot)}.${n}${name.slice(dot)}`);
    if (await exists(target)) continue;
    try {
      await rename(from, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      await copyFile(from, target);
      await unlink(from);
    }
    return target;
  }
}

/** Delete an acknowledged inbox file; already gone is fine (an operator or a second gateway took it). */
export async function acknowledge(path: string): Promise<void> {
  await unlink(path).catch((e: unknown) => {
    if (!isMissing(e)) throw e;
  });
}

export const isMissing = (e: unknown): boolean => (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    if (isMissing(e)) return false;
    throw e;
  }
}
